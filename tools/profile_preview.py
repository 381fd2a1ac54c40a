#!/usr/bin/env python3
"""Profile: what one live-preview rebuild spends its time on, in this process.

Does what `mkdocs serve --dirty` does (tools/bench_preview.py measures the real
server and browser): loads the config, starts the plugins as "serve", builds
once, then for each save edits scenarios/greeting.md, loads the config again and
rebuilds dirty.  Prints each rebuild's seconds and, with --profile, the
functions that took longest over the last rebuild (cProfile, cumulative).

    .venv/bin/python tools/profile_preview.py [--scale 20] [--saves 3] [--profile 40]
"""
from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from bench_preview import PAGE
from bench_scale import scaled_project


def _time_parts() -> dict[str, float]:
    """CPU seconds per plugin event and per generated file of the current rebuild
    (CPU time: the machine may be busy with other work)."""
    from mkdocs.plugins import PluginCollection

    from handbook import generated

    timings: dict[str, float] = {}

    def timed(name, function):
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + time.process_time() - start
        return run

    from mkdocs.structure.pages import Page

    render = Page.render
    Page.render = lambda self, *a, **k: timed(f"render {self.file.src_uri}", render)(self, *a, **k)
    run_event = PluginCollection.run_event
    PluginCollection.run_event = lambda self, name, *a, **k: timed(f"on_{name}", run_event)(self, name, *a, **k)
    generated.GENERATED[:] = [generated.Generated(e.path, e.kind, timed(e.path, e.make)) for e in generated.GENERATED]
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print this many functions of the last rebuild")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime)")
    args = parser.parse_args()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timings = _time_parts()

    logging.basicConfig(level=logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="handbook-preview-profile-"))
    try:
        project = scaled_project(work / "project", args.scale)
        site = work / "site"
        os.chdir(project)

        def config():
            loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
            loaded.site_url = "http://127.0.0.1:8000/"
            return loaded

        first = config()
        first.plugins.on_startup(command="serve", dirty=True)
        start = time.perf_counter()
        build(first, serve_url=first.site_url, dirty=True)
        print(f"{args.scale}× handbook: first build {time.perf_counter() - start:.1f} s", flush=True)
        source = project / "docs" / PAGE
        original = source.read_text(encoding="utf-8")
        times, cpu_times, profile = [], [], None
        for n in range(args.saves):
            time.sleep(0.05)  # a new modification time for the dirty check
            source.write_text(original + f"\n预览第{n + 1}次修改\n", encoding="utf-8")
            profile = cProfile.Profile() if args.profile and n == args.saves - 1 else None
            start, cpu = time.perf_counter(), time.process_time()
            timings.clear()
            if profile:
                profile.enable()
            build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)
            if profile:
                profile.disable()
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu)
            parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in
                              sorted(timings.items(), key=lambda item: -item[1]) if seconds >= 0.01)
            print(f"  rebuild {n + 1}: {times[-1]:.2f} s, CPU {cpu_times[-1]:.2f} s ({parts})", flush=True)
        print(f"median {statistics.median(times):.2f} s, CPU {statistics.median(cpu_times):.2f} s")
        if profile:
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.profile)
    finally:
        os.chdir(ROOT)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
