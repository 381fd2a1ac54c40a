"""Search evaluation in a real browser: type each query, read the rendered results.

Shared by tests/test_search.py (floors that fail CI on a regression) and
tools/bench_search.py (figures).  A query is typed into Material's search box
as a keyup; latency is measured in the page from that keyup to the first change
of the rendered result list.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

QUERIES = Path(__file__).resolve().parent / "search" / "queries.yml"
HARD = {"难"}  # deliberately hard categories: reported, not part of the goals

RUN_QUERY = """
async (query) => {
  const input = document.querySelector("input.md-search__input");
  const output = document.querySelector(".md-search-result");
  const links = () => [...document.querySelectorAll(".md-search-result__list > li.md-search-result__item")]
    .map(li => li.querySelector("a.md-search-result__link")).filter(Boolean).map(a => a.href);
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: value.slice(-1) || "Backspace" }));
  };
  // Start from an empty box, as an agent does, and wait until the list is cleared.
  type("");
  await new Promise(r => setTimeout(r, 30));
  return await new Promise(resolve => {
    let done = false, start = 0;
    const finish = (timeout) => {
      if (done) return;
      done = true;
      observer.disconnect();
      const ms = performance.now() - start;
      setTimeout(() => resolve({ ms: timeout ? null : ms, hrefs: links() }), 0);
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

    def rank(self) -> int | None:
        for position, location in enumerate(self.ranked, 1):
            if any(_matches(location, target) for target in self.query.expect):
                return position
        return None


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
        outcomes.append(Outcome(query, ranked, result["ms"]))
    return outcomes


@dataclass
class Summary:
    count: int
    hit1: float
    hit3: float


def summarise(outcomes: list[Outcome], include_hard: bool = False) -> Summary:
    chosen = [o for o in outcomes if include_hard or o.query.category not in HARD]
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


def report(outcomes: list[Outcome]) -> str:
    lines = []
    for category, s in by_category(outcomes).items():
        lines.append(f"  {category:<4} n={s.count:<3} hit@1 {s.hit1:6.1%}  hit@3 {s.hit3:6.1%}")
    overall = summarise(outcomes)
    median, p95 = latency(outcomes)
    lines.append(f"  goal set (without {', '.join(sorted(HARD))}): n={overall.count} hit@1 {overall.hit1:.1%} hit@3 {overall.hit3:.1%}")
    lines.append(f"  keyup→results: median {median:.1f} ms, p95 {p95:.1f} ms")
    misses = [o for o in outcomes if not (o.rank() and o.rank() <= 3)]
    if misses:
        lines.append("  misses (not in top 3):")
        for o in misses:
            lines.append(f"    [{o.query.category}] {o.query.text!r} → {o.ranked[:3]} (want {o.query.expect})")
    return "\n".join(lines)
