/* 话术自查: paste a draft reply, see each phrase the handbook says not to use,
 * marked in place, with the approved wording of the same situation.
 * Runs on the page only; the draft never leaves the browser. */
(function () {
  "use strict";
  const root = document.getElementById("hb-self-check");
  const checker = self.handbookWording;
  if (!root || !checker) return;
  const input = root.querySelector("textarea");
  const status = root.querySelector(".hb-wording__status");
  const marked = root.querySelector(".hb-wording__marked");
  const list = root.querySelector(".hb-wording__findings");
  const base = root.dataset.base || "../../";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function labelled(text, draft) {
    return draft ? text + "「" + checker.draftLabel + "」" : text;
  }

  function render() {
    const draft = input.value;
    const lines = checker.check(draft);
    const matches = lines.flatMap((l) => l.matches);
    marked.replaceChildren();
    list.replaceChildren();
    if (!draft.trim()) {
      status.textContent = "";
      marked.hidden = true;
      return;
    }
    marked.hidden = false;
    let at = 0;
    matches.forEach((m, i) => {
      marked.append(document.createTextNode(draft.slice(at, m.start)));
      const mark = el("mark", "hb-wording__hit", draft.slice(m.start, m.end));
      mark.title = "不要这样说：" + checker.pairs[m.pair].forbidden;
      marked.append(mark, el("sup", "hb-wording__ref", "✗" + (i + 1)));
      at = m.end;
    });
    marked.append(document.createTextNode(draft.slice(at)));
    status.textContent = matches.length
      ? "发现 " + matches.length + " 处手册里不要说的话，请按下面的建议修改。"
      : "✓ 没有发现手册里不要说的话。";
    root.classList.toggle("hb-wording--clean", !matches.length);
    matches.forEach((m, i) => {
      const pair = checker.pairs[m.pair];
      const item = el("li", "hb-wording__finding");
      const head = el("p", "hb-wording__said");
      head.append(el("span", "hb-wording__no", "✗" + (i + 1) + " 不要这样说"), " 「", el("mark", "", m.text), "」");
      const line = el("p", "hb-wording__forbidden");
      line.append("手册原文：", el("s", "", labelled(pair.forbidden, pair.draft)));
      item.append(head, line, el("p", "hb-wording__yes", "✓ 可以这样说："));
      const say = el("ul", "hb-wording__say");
      pair.say.forEach((s) => {
        const li = el("li", s.draft ? "draft" : "", labelled(s.text, s.draft));
        say.append(li);
      });
      item.append(say);
      if (pair.why) item.append(el("p", "hb-wording__why", "为什么：" + pair.why));
      const link = el("a", "hb-wording__source", "出处：" + pair.title + " · " + pair.situation);
      link.href = base + pair.url;
      item.append(link);
      list.append(item);
    });
  }

  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 120); });
  render();
})();
