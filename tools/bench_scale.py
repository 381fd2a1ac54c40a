#!/usr/bin/env python3
"""Benchmark: the handbook at real size and N times the real size, in one run.

For each size: strict build wall time and peak memory (of the `mkdocs build`
process), search index size, page load → first search result in headless
Chromium (cold: a new browser profile; warm: the next full page load in the
same profile, as after clicking a result), and keyup → results latency over
the query set.  What search fetches as a page loads is search/prepared/docs.json
(Material's config) and titles.json (documents without texts, the manifest and
the shared answer data); the worker reads the rest in pieces as queries need
them (handbook/search_prepared.py).  Ratios N×/real are computed from figures of the same run, so
the load other processes put on the machine affects both sides alike.

The N× handbook is the real one plus N-1 copies of its content areas
(tools/bench_search.py: scale_docs).  Prints medians; it is not a test.

    .venv/bin/python tools/bench_scale.py [--scale 20] [--runs 3]
    .venv/bin/python tools/bench_scale.py --scale 100 --runs 1   # ~6,000 pages
"""
from __future__ import annotations

import argparse
import os
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

from bench_search import FIRST_RESULT, copy_project, scale_docs
from browser import chromium, serve_site
from index_cache import index_source
from search_eval import latency, load_queries, open_search, run_queries, summarise

BIN = Path(sys.executable).parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"}




def drop_nav(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").split("\nnav:")[0] + "\n", encoding="utf-8")


def scaled_project(target: Path, factor: int) -> Path:
    """A copy of the handbook at `target`, `factor` times its size (scale_docs) when
    factor > 1: the copies are not in the real nav, so MkDocs lists every page instead."""
    project = copy_project(target)
    if factor > 1:
        scale_docs(project / "docs", factor)
        drop_nav(project)
    return project


def build(project: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one `mkdocs build --strict`."""
    command = [str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"build of {project.name} failed:\n{stderr.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in kB on Linux


def first_results(site: Path, runs: int) -> tuple[list[float], list[float]]:
    """(cold, warm) page load → first result in ms: cold in a new profile,
    warm on the next full page load of another page in the same profile
    (as after clicking a result: the browser's cache has the pieces read)."""
    cold, warm = [], []
    with serve_site(site) as url, chromium() as browser:
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            for target, times in ((url, cold), (url + "policies/", warm)):
                page.goto(target, wait_until="domcontentloaded")
                page.keyboard.press("/")
                times.append(page.evaluate(FIRST_RESULT))
                if index_source(page) != "prepared":
                    sys.exit(f"{site}: the search worker did not read the prepared index")
            context.close()
    return cold, warm


def keyup_latency(site: Path, queries) -> tuple[float, float, list]:
    with serve_site(site) as url, chromium() as browser:
        page = browser.new_page()
        open_search(page, url)
        outcomes = run_queries(page, url, queries)  # also warms up the JIT
        timed = run_queries(page, url, queries) + run_queries(page, url, queries)
    median, p95 = latency(timed)
    return median, p95, outcomes


def med(values) -> float:
    return statistics.median(values)


def runs_text(values, unit_format="{:.0f}") -> str:
    return ", ".join(unit_format.format(v) for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="builds of each size (alternating)")
    parser.add_argument("--loads", type=int, default=5, help="page loads per site for first-result times")
    args = parser.parse_args()
    queries = load_queries()
    work = Path(tempfile.mkdtemp(prefix="handbook-scale-bench-"))
    try:
        real = copy_project(work / "real")
        scaled = scaled_project(work / f"x{args.scale}", args.scale)
        pages = {p: sum(1 for _ in (p / "docs").rglob("*.md")) for p in (real, scaled)}
        builds = {real: [], scaled: []}
        for run in range(args.runs):
            for project in (real, scaled):
                print(f"  build {run + 1}/{args.runs}: {project.name} ({pages[project]} pages) …", flush=True)
                builds[project].append(build(project))
        figures = {}
        for project in (real, scaled):
            site = project / "site"
            cold, warm = first_results(site, args.loads)
            median, p95, outcomes = keyup_latency(site, queries)
            figures[project] = {
                "build": [b[0] for b in builds[project]], "rss": max(b[1] for b in builds[project]),
                "index": (site / "search" / "search_index.json").stat().st_size,
                "lite": sum((site / "search" / "prepared" / name).stat().st_size for name in ("docs.json", "titles.json")),
                "cold": cold, "warm": warm, "median": median, "p95": p95, "quality": summarise(outcomes),
            }
        r, s = figures[real], figures[scaled]
        print(f"\n{'':34}{'real':>14}{f'{args.scale}×':>14}{'ratio':>9}")

        def row(label, a, b, fmt="{:.2f}", ratio=True):
            print(f"{label:34}{fmt.format(a):>14}{fmt.format(b):>14}" + (f"{b / a:>8.1f}×" if ratio else ""))

        row("pages", pages[real], pages[scaled], "{:d}")
        row("strict build, median s", med(r["build"]), med(s["build"]))
        row("peak memory of the build, MB", r["rss"], s["rss"], "{:.0f}")
        row("search_index.json, MB", r["index"] / 1e6, s["index"] / 1e6, "{:.1f}")
        row("fetched at load (docs, titles), MB", r["lite"] / 1e6, s["lite"] / 1e6, "{:.2f}")
        row("load → first result, cold ms", med(r["cold"]), med(s["cold"]), "{:.0f}")
        row("load → first result, warm ms", med(r["warm"]), med(s["warm"]), "{:.0f}")
        row("keyup → results median ms", r["median"], s["median"], "{:.1f}")
        row("keyup → results p95 ms", r["p95"], s["p95"], "{:.1f}")
        # At N× every expected page has N-1 identical copies: only the real size has a quality figure.
        quality = f"hit@1 {r['quality'].hit1:.1%}, hit@3 {r['quality'].hit3:.1%}"
        print(f"{'goal set at real size':34}{quality:>28}")
        print("\nruns (noise):")
        for project in (real, scaled):
            f = figures[project]
            print(f"  {project.name:>5}: builds {runs_text(f['build'], '{:.1f}')} s; cold {runs_text(f['cold'])} ms;"
                  f" warm {runs_text(f['warm'])} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
