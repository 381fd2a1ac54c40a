/* 话术练习: a situation from the handbook, then choose or type the reply.
 * A typed reply is checked with the same checker as 话术自查; a wrong choice
 * shows the handbook's 为什么.  Trainers pick situations by category or channel
 * (also as ?category=…&channel=… in the link).  Progress stays in this browser
 * (localStorage), nothing is sent anywhere. */
(function () {
  "use strict";
  const root = document.getElementById("hb-drills");
  const checker = self.handbookWording;
  if (!root || !checker) return;
  const STORE = "handbook-drills-v1";
  const base = root.dataset.base || "../../";
  const $ = (selector) => root.querySelector(selector);
  const category = $("select[name=category]"), channel = $("select[name=channel]");
  const card = $(".hb-drill__card"), progressText = $(".hb-drill__progress");

  // One drill per situation: the pairs of one page section.
  const drills = [];
  const byKey = new Map();
  checker.pairs.forEach((pair, n) => {
    const key = pair.url + "#" + pair.situation;
    if (!byKey.has(key)) {
      const drill = { key, pair, forbidden: [] };
      byKey.set(key, drill);
      drills.push(drill);
    }
    byKey.get(key).forbidden.push(n);
  });

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}"); } catch (e) { return {}; }
  }
  function save(progress) {
    try { localStorage.setItem(STORE, JSON.stringify(progress)); } catch (e) { /* private mode: progress not kept */ }
  }
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function labelled(text, draft) { return draft ? text + "「" + checker.draftLabel + "」" : text; }
  function situationText(pair) {
    return pair.situation === "不要这样说" || pair.situation === "怎样向客户解释"
      ? pair.title + "：客户问起这项政策" : pair.title + "：" + pair.situation;
  }
  function hash(text) {
    let h = 0;
    for (const c of text) h = (h * 31 + c.codePointAt(0)) >>> 0;
    return h;
  }

  function fillSelect(select, values, chosen) {
    values.forEach((v) => {
      const option = el("option", "", v);
      option.value = v;
      select.append(option);
    });
    if (values.includes(chosen)) select.value = chosen;
  }
  const params = new URLSearchParams(location.search);
  fillSelect(category, [...new Set(drills.map((d) => d.pair.category).filter(Boolean))].sort(), params.get("category"));
  fillSelect(channel, [...new Set(drills.flatMap((d) => d.pair.channels))].sort(), params.get("channel"));

  function chosenDrills() {
    return drills.filter((d) => (!category.value || d.pair.category === category.value)
      && (!channel.value || d.pair.channels.includes(channel.value)));
  }

  function showProgress() {
    const progress = load();
    const set = chosenDrills();
    const done = set.filter((d) => progress[d.key] && progress[d.key].done).length;
    progressText.textContent = "已完成 " + done + " / " + set.length + " 个情景";
  }

  function nextDrill() {
    const progress = load();
    const set = chosenDrills();
    return set.find((d) => !(progress[d.key] && progress[d.key].done)) || null;
  }

  function record(drill, right) {
    const progress = load();
    const entry = progress[drill.key] || { done: false, wrong: 0 };
    if (right) entry.done = true; else entry.wrong += 1;
    progress[drill.key] = entry;
    save(progress);
    showProgress();
  }

  function approvedList(pair) {
    const box = el("div", "hb-drill__answer");
    box.append(el("p", "hb-drill__yes", "✓ 手册里这样说："));
    const ul = el("ul", "hb-drill__say");
    pair.say.forEach((s) => ul.append(el("li", s.draft ? "draft" : "", labelled(s.text, s.draft))));
    box.append(ul);
    const link = el("a", "", "出处：" + pair.title + " · " + pair.situation);
    link.href = base + pair.url;
    box.append(link);
    return box;
  }

  function show(drill) {
    card.replaceChildren();
    if (!drill) {
      card.append(el("p", "hb-drill__situation", "✓ 这一组情景都练完了。"),
        el("p", "", "换一个分类或渠道继续，或点「清除进度」从头再练。"));
      return;
    }
    const pair = drill.pair;
    card.append(el("p", "hb-drill__label", "情景"), el("p", "hb-drill__situation", situationText(pair)),
      el("p", "", "你会怎么对客户说？选一句，或者自己写。"));
    const options = [{ text: pair.say[0].text, draft: pair.say[0].draft, right: true }]
      .concat(drill.forbidden.map((n) => ({ text: checker.pairs[n].forbidden, draft: checker.pairs[n].draft, right: false })))
      .sort((a, b) => hash(drill.key + a.text) - hash(drill.key + b.text));
    const list = el("ul", "hb-drill__options");
    const feedback = el("div", "hb-drill__feedback");
    feedback.setAttribute("aria-live", "polite");
    options.forEach((option) => {
      const li = el("li");
      const button = el("button", "", labelled(option.text, option.draft));
      button.type = "button";
      button.addEventListener("click", () => {
        feedback.replaceChildren();
        if (option.right) {
          button.dataset.result = "right";
          button.textContent = "✓ " + labelled(option.text, option.draft);
          feedback.append(el("p", "hb-drill__yes", "✓ 答对了。"), approvedList(pair), nextButton());
          record(drill, true);
        } else {
          button.dataset.result = "wrong";
          button.textContent = "✗ " + labelled(option.text, option.draft);
          feedback.append(el("p", "hb-drill__no", "✗ 这是手册里「不要这样说」的话。"),
            el("p", "hb-drill__why", "为什么：" + (pair.why || "见出处页面。")), approvedList(pair));
          record(drill, false);
        }
      });
      li.append(button);
      list.append(li);
    });
    const typed = el("textarea");
    typed.rows = 3;
    typed.setAttribute("aria-label", "自己写回复");
    typed.placeholder = "自己写一句回复，再点「检查」";
    const check = el("button", "", "检查");
    check.type = "button";
    check.addEventListener("click", () => {
      feedback.replaceChildren();
      const found = checker.check(typed.value).flatMap((l) => l.matches);
      if (!typed.value.trim()) {
        feedback.append(el("p", "", "先写一句回复。"));
      } else if (found.length) {
        found.forEach((m) => {
          const p = checker.pairs[m.pair];
          const said = el("p", "hb-drill__no");
          said.append("✗ 「", el("mark", "", m.text), "」像手册里不要说的「" + p.forbidden + "」" + (p.draft ? "「" + checker.draftLabel + "」" : ""));
          feedback.append(said, el("p", "hb-drill__why", "为什么：" + (p.why || "见出处页面。")));
        });
        feedback.append(approvedList(pair));
        record(drill, false);
      } else {
        feedback.append(el("p", "hb-drill__yes", "✓ 没有发现手册里不要说的话。对照一下手册的说法："),
          approvedList(pair), nextButton());
        record(drill, true);
      }
    });
    const own = el("div", "hb-drill__own");
    const actions = el("p", "hb-drill__actions");
    actions.append(check);
    own.append(typed, actions);
    card.append(list, own, feedback);
  }

  function nextButton() {
    const p = el("p", "hb-drill__actions");
    const next = el("button", "", "下一题");
    next.type = "button";
    next.addEventListener("click", () => show(nextDrill()));
    p.append(next);
    return p;
  }

  function restart() {
    const url = new URL(location.href);
    ["category", "channel"].forEach((name) => {
      const value = (name === "category" ? category : channel).value;
      if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
    });
    history.replaceState(null, "", url);
    showProgress();
    show(nextDrill());
  }
  category.addEventListener("change", restart);
  channel.addEventListener("change", restart);
  $(".hb-drill__reset").addEventListener("click", () => {
    const progress = load();
    chosenDrills().forEach((d) => delete progress[d.key]);
    save(progress);
    restart();
  });
  restart();
})();
