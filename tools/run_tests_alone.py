#!/usr/bin/env python3
"""Every test file on its own, its tests in reverse order: no test may depend on another.

A test that passes only because an earlier one ran (a shared fixture it reads,
a file it expects) passes in the full run and fails here.  To keep this cheap
the MkDocs and Zensical sites are built once and reused by every run
(HANDBOOK_TEST_MKDOCS_SITE / HANDBOOK_TEST_ZENSICAL_SITE, see tests/conftest.py);
the tests that build their own small projects still do.

Two files run at a time (--jobs): most of a run is waiting on browsers and builds.

    .venv/bin/python tools/run_tests_alone.py [--jobs 2] [tests/test_x.py …]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import copy_project, run_build, run_zensical


def run_alone(name: str, env: dict) -> tuple[str, float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", name],
                            check=False, cwd=ROOT, env=env, capture_output=True, text=True)
    return name, time.perf_counter() - start, result


def main(files: list[str], jobs: int) -> int:
    files = files or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*.py"))
    with tempfile.TemporaryDirectory(prefix="handbook-alone-") as scratch:
        scratch = Path(scratch)
        mkdocs_site = scratch / "mkdocs-site"
        built = run_build(ROOT, mkdocs_site)
        if built.returncode != 0:
            print(built.stderr[-3000:])
            return 1
        project = copy_project(scratch / "zensical")
        built = run_zensical(project)
        if built.returncode != 0:
            print(built.stdout[-3000:], built.stderr[-3000:])
            return 1
        env = {**os.environ, "HANDBOOK_TEST_MKDOCS_SITE": str(mkdocs_site),
               "HANDBOOK_TEST_ZENSICAL_SITE": str(project / "site"), "HANDBOOK_TEST_REVERSE": "1"}
        failed = []
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for name, seconds, result in pool.map(lambda name: run_alone(name, env), files):
                last = (result.stdout.strip().splitlines() or [""])[-1]
                print(f"{name:<40} {seconds:6.1f} s  {last}", flush=True)
                if result.returncode != 0:
                    failed.append(name)
                    print(result.stdout[-4000:])
    print("Each test file alone, its tests in reverse order:" if not failed else
          "Files that fail alone (tests in reverse order): " + ", ".join(failed))
    print(f"{len(files) - len(failed)} passed, {len(failed)} failed")  # files, not tests
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("files", nargs="*")
    arguments = parser.parse_args()
    sys.exit(main(arguments.files, arguments.jobs))
