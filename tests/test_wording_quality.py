"""Quality floors of `handbook wording` on the labelled set (figures: tools/bench_wording.py)."""
from __future__ import annotations

import pytest
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


@pytest.fixture(scope="module")
def checker():
    return handbook_checker()


def test_the_set_is_as_large_as_promised_and_labels_real_lines(checker):
    items = load_set()
    rewordings = [i for i in items if i.forbidden]
    assert len(items) >= 150 and len(rewordings) >= 60 and len(items) - len(rewordings) >= 60
    forbidden = {pair.forbidden.text for pair in checker.pairs}
    unknown = {line for item in rewordings for line in item.forbidden} - forbidden
    assert not unknown, f"labels that are no forbidden line of the handbook: {unknown}"
    assert not any("{{" in line for line in forbidden), "org values not filled in"


@pytest.mark.parametrize("path", [HOLDOUT, HOLDOUT2], ids=lambda p: p.name)
def test_hold_out_labels_real_lines(checker, path):
    forbidden = {pair.forbidden.text for pair in checker.pairs}
    unknown = {line for item in load_set(path) for line in item.forbidden} - forbidden
    assert not unknown, f"hold-out labels that are no forbidden line of the handbook: {unknown}"


def test_precision_and_recall_floors(checker):
    misses: list = []
    score = evaluate(load_set(), checker_method(checker), misses)
    assert score.precision >= 0.95, f"precision {score.precision:.3f}; false alarms and misses: {misses}"
    # The goal of issue 14, reached again (0.953) with the colloquial rules of
    # handbook/wording/colloquial.yml and lighter clause joins, after the content
    # review had replaced lines some rewordings paraphrase (0.920).
    assert score.recall >= 0.95, f"recall {score.recall:.3f}; misses: {misses}"


def test_checker_beats_both_baselines(checker):
    items = load_set()
    forbidden = [pair.forbidden.text for pair in checker.pairs]
    ours = evaluate(items, checker_method(checker)).recall
    assert ours > evaluate(items, whole_line_method(forbidden)).recall
    assert ours > evaluate(items, bigram_method(forbidden, 0.55)).recall


def test_hold_out_set_floors(checker):
    """Written after tuning and never tuned on: looser floors, against regressions only."""
    misses: list = []
    score = evaluate(load_set(HOLDOUT), checker_method(checker), misses)
    # Recall 0.886 after the content review; 0.864 since clause joins weigh less
    # (电脑这么慢你急也没用 had matched on the join 慢|急 alone).  The floor holds what is measured.
    assert score.precision >= 0.9 and score.recall >= 0.86, (score, misses)


def test_second_hold_out_set_floors(checker):
    """Written before the colloquial-rules work and never tuned on: floors at what it measured."""
    items = load_set(HOLDOUT2)
    rewordings = sum(1 for item in items if item.forbidden)
    assert len(items) >= 40 and rewordings >= 15 and len(items) - rewordings >= 15
    misses: list = []
    score = evaluate(items, checker_method(checker), misses)
    # Measured when written: precision 0.970, recall 0.889; after the colloquial rules 0.971, 0.917.
    assert score.precision >= 0.95 and score.recall >= 0.91, (score, misses)
