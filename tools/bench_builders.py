#!/usr/bin/env python3
"""Benchmark: the handbook under both builders, side by side.

1. Build time of the real handbook (median of --runs runs, each in a fresh copy):
   `mkdocs build --strict` (the standard, hooks included), `handbook zensical`
   (checks, generated content, Zensical build, search data) and Zensical's own
   `zensical build` step alone.
2. Search quality on the query set (tests/search/queries.yml) in headless
   Chromium: hit@1 / hit@3 per category and over the goal set, and
   keyup→results latency, for stock Material search (no handbook hooks),
   Material with the handbook's query layer (the standard), Zensical's own
   search, and Zensical with the handbook's query layer.

Prints figures; it is not a test.  About 5 minutes on two cores.

    .venv/bin/python tools/bench_builders.py [--runs 3]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

import search_eval
import zensical_search
from bench_search import copy_project as copy_for_material
from browser import RequestLog, chromium, serve_site
from conftest import copy_project, run_build, run_zensical

BIN = Path(sys.executable).parent


def timed(action) -> float:
    start = time.perf_counter()
    result = action()
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return time.perf_counter() - start


def build_times(scratch: Path, runs: int) -> dict[str, float]:
    figures: dict[str, list[float]] = {"mkdocs build --strict": [], "zensical build (alone)": [], "handbook zensical": []}
    for run in range(runs):
        project = copy_project(scratch / f"mk-{run}")
        figures["mkdocs build --strict"].append(timed(lambda p=project: run_build(p, p / "site")))
        project = copy_project(scratch / f"zs-{run}")
        # Zensical's own step first (a plain `zensical build`), then the whole
        # `handbook zensical`, whose site (with the search data) is the one evaluated.
        figures["zensical build (alone)"].append(timed(lambda p=project: subprocess.run(
            [str(BIN / "zensical"), "build", "--clean", "-f", str(p / "mkdocs.yml")],
            check=False, cwd=p, capture_output=True, text=True)))
        figures["handbook zensical"].append(timed(lambda p=project: run_zensical(p)))
    return {name: statistics.median(values) for name, values in figures.items()}


def evaluate(site: Path, driver) -> list:
    with serve_site(site) as url, chromium() as browser:
        context = browser.new_context(locale="zh-CN")
        requests = RequestLog()
        requests.attach(context)
        page = context.new_page()
        driver.open_search(page, url)
        outcomes = driver.run_queries(page, url, search_eval.load_queries())
        context.close()
    if requests.external:
        raise SystemExit(f"requests left the host: {requests.external[:3]}")
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handbook-builders-") as scratch:
        scratch = Path(scratch)
        times = build_times(scratch, args.runs)
        print(f"Build time, real handbook (median of {args.runs}):")
        for name, seconds in times.items():
            print(f"  {name:<26} {seconds:6.2f} s")

        sites = {}
        stock = copy_for_material(scratch / "stock", stock=True)
        run_build(stock, stock / "site")
        sites["Material, stock search"] = (stock / "site", search_eval)
        sites["Material + handbook (standard)"] = (scratch / "mk-0" / "site", search_eval)
        own = scratch / "zensical-own"
        shutil.copytree(scratch / "zs-0" / "site", own)
        (own / "search" / "handbook-search-data.js").unlink()
        sites["Zensical, own search"] = (own, zensical_search)
        sites["Zensical + handbook"] = (scratch / "zs-0" / "site", zensical_search)
        results = {name: evaluate(site, driver) for name, (site, driver) in sites.items()}

    categories = list(dict.fromkeys(o.query.category for o in next(iter(results.values()))))
    names = list(results)
    print("\nSearch, query set (hit@1 / hit@3):")
    print(f"  {'':<8}" + "".join(f"{name:>32}" for name in names))
    for category in categories:
        row = []
        for name in names:
            s = search_eval.summarise([o for o in results[name] if o.query.category == category], include_hard=True)
            row.append(f"{s.hit1:6.1%} / {s.hit3:6.1%} (n={s.count})")
        print(f"  {category:<8}" + "".join(f"{cell:>32}" for cell in row))
    row = []
    for name in names:
        s = search_eval.summarise(results[name])
        row.append(f"{s.hit1:6.1%} / {s.hit3:6.1%} (n={s.count})")
    print(f"  {'goal set':<8}" + "".join(f"{cell:>32}" for cell in row))
    row = []
    for name in names:
        median, p95 = search_eval.latency(results[name])
        row.append(f"{median:5.0f} / {p95:5.0f} ms")
    print(f"  {'latency':<8}" + "".join(f"{cell:>32}" for cell in row) + "   (keyup→results, median / p95)")
    print("\n  Zensical latency is read when its result list has been quiet for 150 ms (it redraws more than once);"
          "\n  the figures are not comparable with Material's first-change latency.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
