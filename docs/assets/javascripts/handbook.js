/* Copy buttons on approved wording (这样说), so an agent can paste it into a chat.
 * navigator.clipboard only exists in secure contexts; an intranet served over
 * plain http is not one, so fall back to a hidden textarea and execCommand. */
(function () {
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function phrasesOf(block) {
    var items = block.querySelectorAll(":scope > ul > li, :scope > ol > li");
    if (items.length) return Array.prototype.slice.call(items);
    return Array.prototype.slice.call(block.querySelectorAll(":scope > p:not(.admonition-title)"));
  }

  function addButtons(root) {
    root.querySelectorAll(".admonition.say").forEach(function (block) {
      phrasesOf(block).forEach(function (phrase) {
        if (phrase.querySelector(".hb-copy")) return;
        var text = phrase.textContent.trim();
        var button = document.createElement("button");
        button.type = "button";
        button.className = "hb-copy";
        button.textContent = "复制";
        button.title = "复制这句话术";
        button.setAttribute("aria-label", "复制这句话术：" + text);
        button.addEventListener("click", function () {
          copyText(text).then(function () {
            button.textContent = "已复制";
            button.setAttribute("data-done", "");
            setTimeout(function () { button.textContent = "复制"; button.removeAttribute("data-done"); }, 1500);
          }, function () { button.textContent = "请手动复制"; });
        });
        if (phrase.tagName === "P") phrase.classList.add("hb-copyable");
        phrase.appendChild(button);
      });
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { addButtons(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { addButtons(document); });
  }
})();

/* Search, on the page side (the worker side is workers/handbook-results.js).
 *  - The query stays in the address bar (?q=…) while the agent types, so
 *    browser Back from a result returns to the results with the query there:
 *    Material reopens search from ?q= (its search.share deep link), and a page
 *    restored from the back/forward cache is reopened here.
 *  - A result is followed by this script, not by Material: Material closes the
 *    search first, and closing removes ?q= from the page being left.
 *  - "Not found" says so in the count line too: the worker sends a notice as
 *    the first result (.hb-notfound), and Material would count it as a match. */
(function () {
  var input = document.querySelector("input.md-search__input");
  var toggle = document.getElementById("__search");
  var result = document.querySelector(".md-search-result");
  if (!input || !toggle || !result) return;
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");

  function keepQuery(value) {
    var url = new URL(location.href);
    if (value) url.searchParams.set("q", value); else url.searchParams.delete("q");
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  // history.replaceState costs several milliseconds: on every keystroke it
  // would delay the results, so the address bar follows once typing pauses
  // (and at once when a result is followed).
  var pause = 0;
  input.addEventListener("keyup", function () {
    clearTimeout(pause);
    pause = setTimeout(function () { keepQuery(input.value.trim() ? input.value : ""); }, 400);
  });
  input.form && input.form.addEventListener("reset", function () { keepQuery(""); });
  toggle.addEventListener("change", function () { if (!toggle.checked) keepQuery(""); });

  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var link = event.target instanceof Element && event.target.closest(".md-search-result a[href]");
    if (!link || !input.value.trim()) return;
    event.preventDefault();
    event.stopPropagation();
    clearTimeout(pause);
    keepQuery(input.value);
    location.assign(link.href);
  }, true);

  window.addEventListener("pageshow", function (event) {
    var query = new URL(location.href).searchParams.get("q");
    if (!event.persisted || !query) return;
    input.value = query;
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: query.slice(-1) }));
  });

  if (meta && list && window.MutationObserver) {
    new MutationObserver(function () {
      var notice = list.firstElementChild && list.firstElementChild.querySelector(".hb-notfound");
      if (!notice) return;
      var title = list.firstElementChild.querySelector("h1, h2");
      var text = title ? title.textContent.trim() : "没有找到";
      if (meta.textContent !== text) meta.textContent = text;
    }).observe(list, { childList: true });
  }
})();
