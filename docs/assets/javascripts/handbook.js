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
        if (phrase.tagName === "P") { phrase.style.position = "relative"; phrase.style.paddingRight = "3.8em"; }
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
