#!/usr/bin/env python3
"""Benchmark: what the content checks cost, on a generated handbook.

Generates N scenario pages (default 2,000), then reports
  * the standalone check (`check_docs`, in process, and the `handbook check` CLI,
    process start included) against the goal of issue 15: under 1 s at 2,000 pages,
  * `mkdocs build --strict` wall time with the handbook hooks and without them
    (skipped with --check-only: the builds take most of 20 minutes at 2,000 pages).
Medians of several runs: this machine is shared and noisy.  Not a test.

    .venv/bin/python tools/bench_checks.py [--pages 2000] [--runs 3] [--check-only]
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
sys.path.insert(0, str(ROOT))

from handbook.checks import check_docs
from handbook.settings import load_settings

CLI_GOAL_SECONDS = 1.0  # issue 15: `make check` on 2,000 pages, median, process start included
CUSTOMER_ACTS = ["走到柜台前", "询问业务进度", "抱怨等候时间", "要求见经理", "情绪激动", "询问收费标准", "提出投诉", "准备离开"]


def scenario_page(n: int) -> str:
    situations = []
    for s in range(3):
        act = CUSTOMER_ACTS[(n + s) % len(CUSTOMER_ACTS)]
        situations.append(
            f"## 客户{act}（{n}-{s}）\n\n"
            f'!!! say "这样说"\n    - 您好，关于第{n}号业务第{s}种情况，我马上为您查询。\n'
            f"    - 请您稍等，我会在{s + 1}个工作日内给您答复。\n\n"
            f'!!! dont "不要这样说"\n    - 第{n}号情况{s}不归我管，你找别人。\n\n'
            f'!!! why "为什么"\n    让客户知道有人负责，并清楚下一步。\n'
        )
    return (f"---\nid: scn-bench-{n}\nkind: scenario\ntitle: 基准场景 {n}\nchannels: [柜面, 电话]\n"
            f"category: 接待\ntags: [基准, 场景{n % 50}]\nowner: 基准组{n % 7}\nreviewed: 2026-{1 + n % 12:02d}-01\n---\n\n"
            f"# 基准场景 {n}\n\n先问候，再确认客户的需求。\n\n" + "\n".join(situations))


def make_project(pages: int) -> Path:
    project = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    for name in ("snippets", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0]
    (project / "mkdocs.yml").write_text(config + "\n", encoding="utf-8")
    (project / "mkdocs-nohooks.yml").write_text(re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config + "\n"), encoding="utf-8")
    docs = project / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "index.md").write_text("---\nid: home\nkind: article\ntitle: 首页\nowner: 基准组\nreviewed: 2026-11-01\n---\n\n# 首页\n",
                                   encoding="utf-8")
    (docs / "scenarios").mkdir()
    for n in range(pages):
        (docs / "scenarios" / f"bench-{n:04d}.md").write_text(scenario_page(n), encoding="utf-8")
    return project


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, check=False, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"command failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check-only", action="store_true",
                        help="time only the standalone check (in process and `handbook check`), no builds")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    print(f"Generating {args.pages} scenario pages …", flush=True)
    project = make_project(args.pages)
    try:
        settings = load_settings(project / "mkdocs.yml")
        check_times = []
        for _ in range(max(5, args.runs)):
            start = time.perf_counter()
            report = check_docs(settings)
            check_times.append(time.perf_counter() - start)
        assert not report.errors, report.errors[:3]
        cli_runs = max(5, args.runs) if args.check_only else args.runs  # cheap without the builds
        cli_times = [timed([str(bin_dir / "handbook"), "check"], project) for _ in range(cli_runs)]
        with_hooks, without_hooks = [], []
        for run in range(0 if args.check_only else args.runs):
            print(f"  build run {run + 1}/{args.runs} …", flush=True)
            with_hooks.append(timed([str(bin_dir / "mkdocs"), "build", "--strict", "-d", "site"], project))
            without_hooks.append(timed([str(bin_dir / "mkdocs"), "build", "--strict", "-f", "mkdocs-nohooks.yml",
                                        "-d", "site"], project))
    finally:
        shutil.rmtree(project, ignore_errors=True)
    med = statistics.median
    print(f"\nscenario pages:                       {args.pages}")
    print(f"standalone check, in process:         median {med(check_times):.3f} s  (runs: {', '.join(f'{t:.3f}' for t in check_times)})")
    print(f"standalone check, `handbook check`:   median {med(cli_times):.3f} s  "
          f"(process start included; runs: {', '.join(f'{t:.3f}' for t in cli_times)})")
    verdict = "met" if med(cli_times) < CLI_GOAL_SECONDS else "NOT met"
    print(f"goal, `handbook check` under {CLI_GOAL_SECONDS:.0f} s:      {verdict} "
          f"({100 * med(cli_times) / CLI_GOAL_SECONDS:.0f} % of the goal)")
    if args.check_only:
        return
    print(f"strict build with hooks:              median {med(with_hooks):.2f} s  ({', '.join(f'{t:.2f}' for t in with_hooks)})")
    print(f"strict build without hooks:           median {med(without_hooks):.2f} s  ({', '.join(f'{t:.2f}' for t in without_hooks)})")
    print(f"hooks add:                            {100 * (med(with_hooks) / med(without_hooks) - 1):+.1f} %")


if __name__ == "__main__":
    main()
