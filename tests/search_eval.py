"""Search evaluation in a real browser: type each query, read the rendered results.

Shared by tests/test_search.py (floors that fail CI on a regression) and
tools/bench_search.py (figures).  A query is typed into Material's search box
as a keyup; latency is measured in the page from that keyup to the first change
of the rendered result list.

Besides the ranked links, what the agent reads is checked:
  * previews of the first three results: no 不要这样说 line may appear outside
    an element marked `.hb-dont` (which carries the ✗ label and the approved
    counterpart);
  * "not found": the result area says 没有找到, and every result shown is
    labelled as a closest entry (`.hb-closest`), not presented as a match.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

QUERIES = Path(__file__).resolve().parent / "search" / "queries.yml"
HARD = {"难"}  # deliberately hard categories: reported, not part of the goals
# The goals hit@1 ≥ 90 % and hit@3 ≥ 98 % are set on these; the others have their own.
CORE = ("词语", "口语", "数字", "同义", "繁体", "标点")
ABSENT = "absent"
ABSENT_CATEGORIES = (ABSENT, "absent-holdout")  # every query in them has expect: []
SAFETY = "safety"

RUN_QUERY = """
async (query) => {
  const input = document.querySelector("input.md-search__input");
  const output = document.querySelector(".md-search-result");
  const items = () => [...document.querySelectorAll(".md-search-result__list > li.md-search-result__item")];
  const links = () => items().filter(li => !li.querySelector(".hb-notfound"))
    .map(li => li.querySelector("a.md-search-result__link")).filter(Boolean).map(a => a.href);
  // What the agent reads: each result's text without the labelled forbidden lines.
  const unlabelled = (li) => {
    const copy = li.cloneNode(true);
    copy.querySelectorAll(".hb-dont").forEach(el => el.remove());
    return copy.textContent;
  };
  // The same without drafted wording that carries its 待审 label: a labelled
  // preview line (.hb-say / .hb-dont with .draft-label) or a quoted clause (.hb-drafted).
  const undrafted = (li) => {
    const copy = li.cloneNode(true);
    copy.querySelectorAll(".hb-drafted, .hb-dont").forEach(el => el.remove());
    copy.querySelectorAll(".hb-say").forEach(el => { if (el.querySelector(":scope > .draft-label")) el.remove(); });
    return copy.textContent;
  };
  const read = () => {
    const shown = items().filter(li => !li.querySelector(".hb-notfound"));
    const notice = document.querySelector(".md-search-result__meta").textContent + " " +
      items().filter(li => li.querySelector(".hb-notfound")).map(li => li.textContent).join(" ");
    return { hrefs: links(), previews: shown.slice(0, 3).map(unlabelled), drafts: shown.slice(0, 3).map(undrafted), notice,
             matched: shown.filter(li => !li.querySelector(".hb-closest")).length };
  };
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: value.slice(-1) || "Backspace" }));
  };
  // Start from an empty box, as an agent does, and wait until the list is cleared.
  type("");
  // On a busy machine the cleared list may come late: wait for it, or its
  // clearing would be taken for this query's result.
  const list = document.querySelector(".md-search-result__list");
  for (let waited = 0; list.children.length && waited < 2000; waited += 10) await new Promise(r => setTimeout(r, 10));
  await new Promise(r => setTimeout(r, 30));
  return await new Promise(resolve => {
    let done = false, start = 0;
    const finish = (timeout) => {
      if (done) return;
      done = true;
      observer.disconnect();
      const ms = performance.now() - start;
      setTimeout(() => resolve({ ms: timeout ? null : ms, ...read() }), 0);
    };
    const observer = new MutationObserver(() => finish(false));
    observer.observe(output, { childList: true, subtree: true, characterData: true });
    start = performance.now();
    type(query);
    setTimeout(() => finish(true), 5000);
  });
}
"""


@dataclass
class Query:
    category: str
    text: str
    expect: list[str]


@dataclass
class Outcome:
    query: Query
    ranked: list[str] = field(default_factory=list)  # site-relative locations, best first
    ms: float | None = None
    previews: list[str] = field(default_factory=list)  # text of the first three results, .hb-dont removed
    drafts: list[str] = field(default_factory=list)  # the same, labelled 待审 wording removed
    notice: str = ""   # the result count line and any "not found" notice
    matched: int = 0   # results shown as matches (not labelled as closest entries)

    def says_not_found(self) -> bool:
        """Honest "not found": it is said, and nothing is presented as a match."""
        return "没有找到" in self.notice and self.matched == 0

    def unlabelled_forbidden(self, forbidden: list[str]) -> list[str]:
        return [line for line in forbidden if any(_shows(line, preview) for preview in self.previews)]

    def unlabelled_drafts(self, drafted: list[str]) -> list[str]:
        shown = [_CLAUSE.sub("", preview).lower() for preview in self.drafts]
        return [clause for clause in drafted if any(clause in text for text in shown)]

    def rank(self) -> int | None:
        for position, location in enumerate(self.ranked, 1):
            if any(_matches(location, target) for target in self.query.expect):
                return position
        return None


_CLAUSE = re.compile(r"[^\w]+")


def _shows(line: str, preview: str) -> bool:
    """A preview shows a forbidden line when one of its clauses (four or more
    characters, between punctuation) is in it: a teaser may cut a line."""
    text = _CLAUSE.sub("", preview)
    return any(len(clause) >= 4 and clause in text for clause in _CLAUSE.split(line))


def forbidden_wording() -> list[str]:
    """Every 不要这样说 line of the handbook, from the page outlines, minus
    clauses that approved wording also uses (those are safe to show)."""
    from handbook.checks import check_docs
    from handbook.search_answers import situations
    from handbook.settings import load_settings

    settings = load_settings(Path(__file__).resolve().parent.parent / "mkdocs.yml")
    found = situations(check_docs(settings), settings)
    # A situation's heading may name the wording it is about (证件或手续不全，今天办不了).
    approved = _CLAUSE.sub("", " ".join([line.text for s in found for line in s.say] + [s.heading for s in found]))
    lines = set()
    for s in found:
        for line in s.dont:
            clauses = [c for c in _CLAUSE.split(line.text) if len(c) >= 4 and c not in approved]
            if clauses:
                lines.add("，".join(clauses))
    return sorted(lines)


def drafted_wording() -> list[str]:
    """The clauses of drafted (待审) wording and notes that a preview must label
    wherever it shows them (handbook.search_answers.drafted_clauses)."""
    from handbook.checks import check_docs
    from handbook.search_answers import drafted_clauses
    from handbook.settings import load_settings

    settings = load_settings(Path(__file__).resolve().parent.parent / "mkdocs.yml")
    return drafted_clauses(check_docs(settings), settings)


def _matches(location: str, target: str) -> bool:
    if "#" in target:
        return location == target
    return location.split("#")[0] == target


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(category, str(item["q"]), list(item["expect"])) for category, items in data.items() for item in items]


def site_location(href: str, base_url: str) -> str:
    base_path = urlparse(base_url).path
    parsed = urlparse(href)
    path = unquote(parsed.path)
    location = path.removeprefix(base_path)
    return location + (f"#{unquote(parsed.fragment)}" if parsed.fragment else "")


def open_search(page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")
    page.wait_for_selector("input.md-search__input:focus")
    # The index is loaded by a worker; wait until a query gets an answer.
    page.evaluate(RUN_QUERY, "投诉")


def run_queries(page, base_url: str, queries: list[Query]) -> list[Outcome]:
    outcomes = []
    for query in queries:
        result = page.evaluate(RUN_QUERY, query.text)
        ranked = [site_location(href, base_url) for href in result["hrefs"]]
        outcomes.append(Outcome(query, ranked, result["ms"], result["previews"], result["drafts"], result["notice"],
                                result["matched"]))
    return outcomes


@dataclass
class Summary:
    count: int
    hit1: float
    hit3: float


def summarise(outcomes: list[Outcome], include_hard: bool = False) -> Summary:
    """hit@k over the core categories (or over all given outcomes with include_hard)."""
    chosen = [o for o in outcomes if include_hard or o.query.category in CORE]
    if not chosen:
        return Summary(0, 0.0, 0.0)
    ranks = [o.rank() for o in chosen]
    return Summary(len(chosen), sum(1 for r in ranks if r == 1) / len(chosen),
                   sum(1 for r in ranks if r and r <= 3) / len(chosen))


def by_category(outcomes: list[Outcome]) -> dict[str, Summary]:
    categories = dict.fromkeys(o.query.category for o in outcomes)
    return {c: summarise([o for o in outcomes if o.query.category == c], include_hard=True) for c in categories}


def latency(outcomes: list[Outcome]) -> tuple[float, float]:
    times = sorted(o.ms for o in outcomes if o.ms is not None)
    if not times:
        return float("nan"), float("nan")
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def unsafe(outcomes: list[Outcome], forbidden: list[str]) -> list[tuple[Outcome, list[str]]]:
    """Outcomes whose first three previews show a forbidden line without its label."""
    found = [(o, o.unlabelled_forbidden(forbidden)) for o in outcomes]
    return [(o, lines) for o, lines in found if lines]


def undrafted(outcomes: list[Outcome], drafted: list[str]) -> list[tuple[Outcome, list[str]]]:
    """Outcomes whose first three previews show drafted (待审) wording without its label."""
    found = [(o, o.unlabelled_drafts(drafted)) for o in outcomes]
    return [(o, texts) for o, texts in found if texts]


def honest_absent(outcomes: list[Outcome], category: str = ABSENT) -> tuple[int, int]:
    chosen = [o for o in outcomes if o.query.category == category]
    return sum(1 for o in chosen if o.says_not_found()), len(chosen)


def false_not_found(outcomes: list[Outcome]) -> list[Outcome]:
    """Answerable queries for which the results say 没有找到 (the right page is never shown)."""
    return [o for o in outcomes if o.query.expect and "没有找到" in o.notice]


def report(outcomes: list[Outcome], forbidden: list[str] | None = None, drafted: list[str] | None = None) -> str:
    lines = []
    for category, s in by_category(outcomes).items():
        if category in ABSENT_CATEGORIES:
            honest, total = honest_absent(outcomes, category)
            lines.append(f"  {category:<8} n={total:<3} honest 「没有找到」 {honest}/{total}")
            continue
        lines.append(f"  {category:<8} n={s.count:<3} hit@1 {s.hit1:6.1%}  hit@3 {s.hit3:6.1%}")
    overall = summarise(outcomes)
    median, p95 = latency(outcomes)
    lines.append(f"  goal set ({'+'.join(CORE)}): n={overall.count} hit@1 {overall.hit1:.1%} hit@3 {overall.hit3:.1%}")
    if forbidden is not None:
        bad = unsafe(outcomes, forbidden)
        safety = [o for o in outcomes if o.query.category == SAFETY]
        lines.append(f"  unlabelled forbidden line in the first three previews: {len([b for b in bad if b[0] in safety])}"
                     f"/{len(safety)} safety queries, {len(bad)}/{len(outcomes)} queries in all")
        for o, shown in bad[:12]:
            lines.append(f"    [{o.query.category}] {o.query.text!r} shows {shown[0]!r}")
    if drafted is not None:
        bad = undrafted(outcomes, drafted)
        lines.append(f"  drafted (待审) wording without its label in the first three previews: {len(bad)}/{len(outcomes)} queries")
        for o, shown in bad[:8]:
            lines.append(f"    [{o.query.category}] {o.query.text!r} shows {shown[0][:40]!r}")
    wrong = false_not_found(outcomes)
    lines.append(f"  answerable queries answered 「没有找到」: {len(wrong)}"
                 + (f" ({', '.join(o.query.text for o in wrong)})" if wrong else ""))
    lines.append(f"  keyup→results: median {median:.1f} ms, p95 {p95:.1f} ms")
    misses = [o for o in outcomes if o.query.expect and not (o.rank() and o.rank() <= 3)]
    if misses:
        lines.append("  misses (not in top 3):")
        for o in misses:
            lines.append(f"    [{o.query.category}] {o.query.text!r} → {o.ranked[:3]} (want {o.query.expect})")
    return "\n".join(lines)


def entry_queries(site: Path) -> list[Query]:
    """Every page's title and every tag, typed as it is written, from the built
    index.  A title must find its page; a tag must find a page that carries it
    (a tag on many pages cannot put all of them in the top three)."""
    import json

    index = json.loads((Path(site) / "search" / "search_index.json").read_text(encoding="utf-8"))
    articles = [doc for doc in index["docs"] if "#" not in doc["location"]]
    queries, tagged = [], {}
    for doc in articles:
        title = doc["title"].replace("\u200b", "")
        if title:
            queries.append(Query("title", title, [doc["location"]]))
        for tag in doc.get("tags") or []:
            tagged.setdefault(str(tag), []).append(doc["location"])
    queries += [Query("tag", tag, locations) for tag, locations in sorted(tagged.items())]
    return queries
