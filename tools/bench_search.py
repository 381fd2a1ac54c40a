#!/usr/bin/env python3
"""Benchmark: search quality and speed, in headless Chromium on the built site.

1. Quality on the query set (tests/search/queries.yml), stock Material search
   with jieba (no handbook hooks, no query transform) versus the handbook's:
   hit@1 and hit@3 per category and over the goal set, keyup→results latency.
2. Scale: a handbook 20 times the real size (every page copied with new ids),
   built with the handbook's configuration: index size, time to first result
   after page load, keyup→results latency (median, p95).

Prints figures; it is not a test.  A 20× strict build takes a few minutes.

    .venv/bin/python tools/bench_search.py [--scale 20] [--skip-scale]
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import RequestLog, chromium, serve_site
from search_eval import (
    by_category,
    drafted_wording,
    entry_queries,
    forbidden_wording,
    latency,
    load_queries,
    open_search,
    report,
    run_queries,
    summarise,
)

# Types one query at once, right after the page's DOM is there; resolves with
# performance.now() (ms since navigation start) when the first result is shown.
FIRST_RESULT = """async () => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  input.value = "投诉";
  const done = new Promise(resolve => {
    const check = () => list.children.length ? resolve(performance.now()) : setTimeout(check, 5);
    check();
  });
  input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "诉" }));
  return await done;
}"""

BIN = Path(sys.executable).parent
_ID_LINE = re.compile(r"^(id:\s*)(\S+)\s*$", re.MULTILINE)
_REF_LINE = re.compile(r"^((?:risks|policies|scenarios):\s*)\[([^\]]*)\]\s*$", re.MULTILINE)


def copy_project(target: Path, stock: bool = False) -> Path:
    for name in ("docs", "snippets", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if stock:
        # Stock Material search: no handbook hooks (no jieba user dictionary, no
        # query data) and no template override (no query transform).
        config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
        config = config.replace("  custom_dir: overrides\n", "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def scale_docs(docs: Path, factor: int) -> None:
    """Add factor-1 copies of every content page under copy-N/, ids suffixed."""
    # The five content areas; the home page and the guide link to the generated
    # 内容维护 page, which exists once.
    areas = ("principles", "scenarios", "risks", "policies", "processes")
    sources = [p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] in areas]
    for copy in range(2, factor + 1):
        for source in sources:
            target = docs / f"copy-{copy}" / source.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            head, sep, body = text.partition("\n---\n")
            head = _ID_LINE.sub(lambda m, copy=copy: f"{m.group(1)}{m.group(2)}-c{copy}", head)
            head = _REF_LINE.sub(lambda m, copy=copy: m.group(1) + "[" + ", ".join(
                f"{ref.strip()}-c{copy}" for ref in m.group(2).split(",") if ref.strip()) + "]", head)
            target.write_text(head + sep + body, encoding="utf-8")


def build(project: Path, nav: bool = True, strict: bool = True) -> tuple[Path, float]:
    config = project / "mkdocs.yml"
    if not nav:
        config.write_text(config.read_text(encoding="utf-8").split("\nnav:")[0] + "\n", encoding="utf-8")
    site = project / "site"
    start = time.perf_counter()
    command = [str(BIN / "mkdocs"), "build", "-f", str(config), "-d", str(site)] + (["--strict"] if strict else [])
    result = subprocess.run(command,
                            check=False, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)})
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return site, time.perf_counter() - start


def evaluate(site: Path, label: str, queries, entries: bool = False) -> list:
    with serve_site(site) as url, chromium() as browser:
        context = browser.new_context()
        requests = RequestLog()
        requests.attach(context)
        page = context.new_page()
        open_search(page, url)
        outcomes = run_queries(page, url, queries)
        # Second pass for latency: the first keyups also pay for JIT warm-up.
        outcomes_warm = run_queries(page, url, queries)
        for first, warm in zip(outcomes, outcomes_warm):
            first.ms = warm.ms
        print(f"\n== {label}")
        print(report(outcomes, forbidden_wording(), drafted_wording()))
        if entries:
            # Every title and tag typed as written: found in the top three, never empty.
            typed = run_queries(page, url, entry_queries(site))
            for category, s in by_category(typed).items():
                empty = sum(1 for o in typed if o.query.category == category and not o.ranked)
                print(f"  every {category:<5} n={s.count:<3} hit@3 {s.hit3:6.1%}  empty results {empty}")
            for o in [o for o in typed if not (o.rank() and o.rank() <= 3)][:15]:
                print(f"    [{o.query.category}] {o.query.text!r} → {o.ranked[:3]}")
        print(f"  requests leaving 127.0.0.1: {len(requests.external)}")
        return outcomes


def first_result_ms(site: Path, runs: int = 5) -> list[float]:
    """Page load (navigation start) to the first rendered result of a query typed at once."""
    times = []
    with serve_site(site) as url, chromium() as browser:
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url, wait_until="domcontentloaded")
            page.keyboard.press("/")
            ms = page.evaluate(FIRST_RESULT)
            times.append(ms)
            context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-stock", action="store_true", help="quality of this handbook's search only")
    args = parser.parse_args()
    queries = load_queries()
    work = Path(tempfile.mkdtemp(prefix="handbook-search-bench-"))
    try:
        if not args.skip_quality:
            # Not strict: without the hooks the generated 内容维护 page is missing.
            ours_site, _ = build(copy_project(work / "ours"))
            after = evaluate(ours_site, "handbook search (user dictionary, query transform, re-rank)", queries,
                             entries=True)
            if not args.skip_stock:
                stock_site, _ = build(copy_project(work / "stock", stock=True), strict=False)
                before = evaluate(stock_site, "stock Material search + jieba", queries)
                b, a = summarise(before), summarise(after)
                print(f"\nstock → handbook (core set): hit@1 {b.hit1:.1%} → {a.hit1:.1%}, "
                      f"hit@3 {b.hit3:.1%} → {a.hit3:.1%}")
        if args.skip_scale:
            return
        project = copy_project(work / "scaled")
        scale_docs(project / "docs", args.scale)
        pages = sum(1 for _ in (project / "docs").rglob("*.md"))
        print(f"\nBuilding a {args.scale}× handbook ({pages} pages) …", flush=True)
        site, seconds = build(project, nav=False)
        index = (site / "search" / "search_index.json").stat().st_size
        data = (site / "search" / "handbook-search-data.js").stat().st_size
        print(f"== {args.scale}× handbook: strict build {seconds:.0f} s")
        print(f"  search_index.json {index / 1e6:.1f} MB, handbook-search-data.js {data / 1e3:.0f} kB")
        loads = first_result_ms(site)
        print(f"  page load → first result: median {statistics.median(loads):.0f} ms "
              f"(runs: {', '.join(f'{t:.0f}' for t in loads)})")
        with serve_site(site) as url, chromium() as browser:
            page = browser.new_page()
            open_search(page, url)
            run_queries(page, url, queries)  # warm-up
            timed = run_queries(page, url, queries) + run_queries(page, url, queries)
        median, p95 = latency(timed)
        print(f"  keyup→results over {len(timed)} queries: median {median:.1f} ms, p95 {p95:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
