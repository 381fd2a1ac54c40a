"""Benchmark of `handbook wording`: quality on the labelled set and throughput.

    .venv/bin/python tools/bench_wording.py [--lines 30000]

Prints precision and recall on tests/wording/utterances.yml and the two hold-out
sets (holdout.yml, holdout2.yml) for the checker and
two baselines (whole-line matching; plain character-bigram overlap at the
threshold that keeps its precision at 98 % or more), then lines per minute
(median of 5 runs) for the checker over a transcript made of the set's lines
with speaker labels, read and checked as `handbook wording` does.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from wording_eval import (
    HOLDOUT,
    HOLDOUT2,
    bigram_method,
    checker_method,
    evaluate,
    handbook_checker,
    load_set,
    whole_line_method,
)

from handbook.wording.inputs import read_input


def row(name: str, score) -> str:
    return (f"{name:<34} precision {score.precision:6.3f}   recall {score.recall:6.3f}   "
            f"(found {score.found}, missed {score.missed}, false alarms {score.false_alarms})")


def show(misses: list) -> None:
    for text, reported in misses:
        print(f"    {'missed' if not reported else 'reported'}: {text}  {' / '.join(reported)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=30000)
    args = parser.parse_args()
    started = time.perf_counter()
    checker = handbook_checker()
    startup = time.perf_counter() - started
    items = load_set()
    forbidden = [pair.forbidden.text for pair in checker.pairs]
    rewordings = sum(1 for item in items if item.forbidden)
    print(f"labelled set: {len(items)} utterances ({rewordings} rewordings, {len(items) - rewordings} clean); "
          f"{len(forbidden)} forbidden lines in the handbook\n")
    print(row("whole-line matching (baseline)", evaluate(items, whole_line_method(forbidden))))
    best = None
    for step in range(20, 101, 5):
        score = evaluate(items, bigram_method(forbidden, step / 100))
        if score.precision >= 0.98 and (best is None or score.recall > best[1].recall):
            best = (step / 100, score)
    if best:
        print(row(f"bigram overlap >= {best[0]:.2f} (baseline)", best[1]))
    misses: list = []
    print(row("handbook wording", evaluate(items, checker_method(checker), misses)))
    show(misses)
    for path, what in ((HOLDOUT, "written after tuning"), (HOLDOUT2, "written before the colloquial-rules work")):
        holdout = load_set(path)
        held = sum(1 for item in holdout if item.forbidden)
        print(f"\nhold-out {path.name} ({what}, never tuned on): {len(holdout)} utterances "
              f"({held} rewordings, {len(holdout) - held} clean)")
        print(row("whole-line matching (baseline)", evaluate(holdout, whole_line_method(forbidden))))
        if best:
            print(row(f"bigram overlap >= {best[0]:.2f} (baseline)",
                      evaluate(holdout, bigram_method(forbidden, best[0]))))
        misses = []
        print(row("handbook wording", evaluate(holdout, checker_method(checker), misses)))
        show(misses)

    labels = ["坐席：", "客户：", "客服："]
    lines = [f"{labels[i % 3]}{items[i % len(items)].text}" for i in range(args.lines)]
    data = "\n".join(lines).encode("utf-8")
    agent_lines = sum(1 for line in lines if not line.startswith("客户"))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        reading = read_input("bench.txt", data)
        found = sum(len(checker.check(u)) for u in reading.utterances)
        runs.append(time.perf_counter() - start)
    median = statistics.median(runs)
    print(f"\nthroughput: {len(lines)} transcript lines ({agent_lines} agent lines checked, {found} findings) "
          f"in {median:.2f} s median of 5 -> {len(lines) / median * 60:,.0f} lines/minute "
          f"(goal 100,000); start-up (read handbook, build matcher) {startup:.2f} s")


if __name__ == "__main__":
    main()
