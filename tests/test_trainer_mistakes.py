"""The labelled set of trainer mistakes (tests/trainer_mistakes/mistakes.yml) with its floors.

Written before the checks were tuned; tools/bench_mistakes.py prints the figures.
"""
from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_mistakes", ROOT / "tools" / "bench_mistakes.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_mistakes"] = bench  # dataclasses look their module up
_spec.loader.exec_module(bench)

FLOOR = 0.95  # share of mistakes handled well: right rule, right line, Chinese, no traceback


@pytest.fixture(scope="module")
def outcomes():
    return bench.run()


def test_the_set_is_large_and_varied(outcomes):
    assert len(outcomes) >= 80
    assert len({o.mistake["expect"]["code"] for o in outcomes}) >= 40
    assert sum(bool(o.mistake.get("broken")) for o in outcomes) >= 30


def test_most_mistakes_are_handled_well(outcomes):
    handled = sum(o.handled for o in outcomes)
    missed = [f"{o.mistake['what']}: {o.notes}" for o in outcomes if not o.handled]
    assert handled / len(outcomes) >= FLOOR, "\n".join(missed)


def test_nothing_that_renders_broken_passes_the_check(outcomes):
    assert [o.mistake["what"] for o in outcomes if o.passed_broken] == []


def test_no_mistake_ends_in_a_traceback(outcomes):
    assert [o.mistake["what"] for o in outcomes if any("Traceback" in n for n in o.notes)] == []
