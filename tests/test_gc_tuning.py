"""The build collects its long-lived heap less often (handbook/gc_tuning.py)."""
from __future__ import annotations

import gc
import importlib.util
from pathlib import Path

from handbook import gc_tuning

HOOKS = Path(__file__).parent.parent / "hooks" / "handbook_build.py"


def test_build_hooks_set_the_collector_thresholds():
    spec = importlib.util.spec_from_file_location("handbook_build_hooks", HOOKS)
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        hooks.on_startup("build", False)
        assert gc.get_threshold() == gc_tuning.BUILD_THRESHOLDS
        # Cycles are still collected: the oldest generation only less often.
        assert all(value > 0 for value in gc.get_threshold())
    finally:
        gc.set_threshold(*before)
