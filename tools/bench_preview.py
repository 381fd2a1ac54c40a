#!/usr/bin/env python3
"""Benchmark: live preview, from saving a page to the browser showing the change.

Runs a real `mkdocs serve` on a copy of the handbook (real size, or N times the
real size with --scale), opens a page in headless Chromium and saves an edit to
that page's Markdown file several times; each time it measures until the new
text is in the page's DOM (file watcher, rebuild, live reload, page load).
Compares a full rebuild on every save (`mkdocs serve`) with rebuilding only the
changed pages (`mkdocs serve --dirty`, what `make serve` runs), and checks that
the search index still lists every section once, the edited one with its new text.
Prints medians; it is not a test.

    .venv/bin/python tools/bench_preview.py [--scale 1] [--saves 5]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

from bench_scale import scaled_project
from browser import chromium

BIN = Path(sys.executable).parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"}
PAGE = "scenarios/greeting.md"
MODES = {"full rebuild (mkdocs serve)": [], "changed pages only (mkdocs serve --dirty)": ["--dirty"]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


@contextlib.contextmanager
def mkdocs_serve(project: Path, options: list[str]):
    """`mkdocs serve` in `project`; yields its base URL once the first build is served."""
    port = free_port()
    log = (project / "serve.log").open("w")  # closed below; the server writes to it meanwhile
    process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", *options],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT, env=ENV)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 900
        while True:
            try:
                fetch(url + "search/handbook-search-data.js")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"mkdocs serve did not start:\n{(project / 'serve.log').read_text()[-3000:]}")
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        shutil.copy(project / "serve.log", project.parent / f"serve{len(options)}.log")


def index_entries(url: str) -> list[dict]:
    return json.loads(fetch(url + "search/search_index.json"))["docs"]


def measure(project: Path, options: list[str], saves: int) -> tuple[list[float], str | None]:
    """Seconds from each save to the new text in the DOM; and what is wrong with
    the search index afterwards, if anything."""
    source = project / "docs" / PAGE
    original = source.read_text(encoding="utf-8")
    times = []
    with mkdocs_serve(project, options) as url, chromium() as browser:
        before = index_entries(url)
        page = browser.new_page()
        page.goto(url + PAGE.removesuffix(".md") + "/")
        for n in range(saves):
            marker = f"预览第{n + 1}次修改{time.time_ns() % 100000}"
            time.sleep(1.0)  # let the watcher settle after the last rebuild
            start = time.perf_counter()
            source.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while True:
                with contextlib.suppress(Exception):  # the page is reloading
                    if page.evaluate("(m) => document.body.innerText.includes(m)", marker):
                        break
                if time.perf_counter() - start > 300:
                    sys.exit(f"the change did not show within 300 s ({options})")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
        time.sleep(1.5)  # the index is written at the end of the rebuild the page already shows
        after = index_entries(url)
    source.write_text(original, encoding="utf-8")
    locations = [e["location"] for e in after]
    problem = None
    if sorted(locations) != sorted(e["location"] for e in before):
        problem = f"{len(before)} index entries before, {len(after)} after"
    elif not any(marker in e["text"].replace("\u200b", "") for e in after):  # jieba's word breaks
        problem = "the new text is not in the search index"
    return times, problem


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--dirty-only", action="store_true", help="skip the full-rebuild mode")
    parser.add_argument("--keep", action="store_true", help="keep the project copy and the serve logs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="handbook-preview-bench-"))
    try:
        project = scaled_project(work / "project", args.scale)
        pages = sum(1 for _ in (project / "docs").rglob("*.md"))
        print(f"{args.scale}× handbook, {pages} pages; {args.saves} saves of {PAGE} per mode")
        results = {}
        for label, options in MODES.items():
            if args.dirty_only and not options:
                continue
            times, problem = measure(project, options, args.saves)
            results[label] = statistics.median(times)
            print(f"  {label:44} save → shown: median {statistics.median(times):.2f} s "
                  f"(runs: {', '.join(f'{t:.2f}' for t in times)}); search index: {problem or 'complete'}", flush=True)
        if len(results) == 2:
            full, dirty = results.values()
            print(f"  changed pages only / full rebuild: {dirty / full:.2f}")
    finally:
        if args.keep:
            print(f"  kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
