"""The wording checker scored on the labelled set tests/wording/utterances.yml.

Shared by tests/test_wording_quality.py (floors) and tools/bench_wording.py
(figures and baselines).  A reworded line counts as found when the labelled
forbidden line is among the lines the method reports for it; a clean line
reported with any forbidden line, and a reworded line reported only with
other lines, are false alarms.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.checks import check_docs
from handbook.normalise import normalise
from handbook.settings import load_settings
from handbook.wording.checker import Checker
from handbook.wording.pairs import plain_text

ROOT = Path(__file__).resolve().parent.parent
SET = Path(__file__).resolve().parent / "wording" / "utterances.yml"
HOLDOUT = Path(__file__).resolve().parent / "wording" / "holdout.yml"   # reported only, never tuned on
# Written before the recall work of issue 14 (colloquial rules as data), never tuned on.
HOLDOUT2 = Path(__file__).resolve().parent / "wording" / "holdout2.yml"


@dataclass
class Item:
    text: str
    forbidden: set[str]          # empty for clean lines


def handbook_checker(config: Path = ROOT / "mkdocs.yml") -> Checker:
    """The checker as `handbook wording` builds it: the org values of snippets/org.yml filled in."""
    settings = load_settings(config)
    return Checker(check_docs(settings), settings)


def forbidden_source(report, path: str, text: str, org_values: dict[str, str] | None = None) -> str:
    """`page:line` of a forbidden line, read from the page's outline (not from the checker's
    pairs), so tests follow the page when content moves lines."""
    lines = [p.line for b in report.outlines[path].blocks() if b.type == "dont" for p in b.phrases
             if plain_text(p.text, org_values) == text]
    assert len(lines) == 1, f"{text!r} is forbidden {len(lines)} times on {path}"
    return f"{path}:{lines[0]}"


def load_set(path: Path = SET, org_values: dict[str, str] | None = None) -> list[Item]:
    """A label names its forbidden line as the page's Markdown writes it; a `{{ 报装费 }}`
    in it is filled in with `org_values` (default: the project's snippets/org.yml) by the
    same function that fills the checker's forbidden lines, so labels and pairs compare
    as agents read the page."""
    if org_values is None:
        org_values = load_settings(ROOT / "mkdocs.yml").org_values
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for entry in data["rewordings"]:
        wanted = entry["forbidden"]
        labels = wanted if isinstance(wanted, list) else [wanted]
        items.append(Item(entry["text"], {plain_text(label, org_values) for label in labels}))
    items += [Item(entry["text"], set()) for entry in data["clean"]]
    return items


@dataclass
class Score:
    found: int
    missed: int
    false_alarms: int

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.false_alarms) if self.found + self.false_alarms else 1.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0


def evaluate(items: list[Item], method: Callable[[str], set[str]], misses: list | None = None) -> Score:
    """`method(text)` returns the forbidden lines (their page text) it reports."""
    found = missed = false = 0
    for item in items:
        reported = method(item.text)
        if item.forbidden:
            if reported & item.forbidden:
                found += 1
                continue
            missed += 1
            if misses is not None:
                misses.append((item.text, sorted(reported)))
        if reported:
            false += 1
            if misses is not None and not item.forbidden:
                misses.append((item.text, sorted(reported)))
    return Score(found, missed, false)


def checker_method(checker) -> Callable[[str], set[str]]:
    def method(text: str) -> set[str]:
        lines = set()
        for match in checker.matcher.match(text):
            pattern = checker.matcher.patterns[match.pattern]
            lines |= {checker.pairs[i].forbidden.text for i in pattern.pairs}
        return lines
    return method


def whole_line_method(forbidden: list[str]) -> Callable[[str], set[str]]:
    """Baseline: the forbidden line, punctuation and width aside, said whole."""
    table = [(normalise(line), line) for line in forbidden if normalise(line)]

    def method(text: str) -> set[str]:
        said = normalise(text)
        return {line for folded, line in table if folded in said}
    return method


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def bigram_method(forbidden: list[str], threshold: float) -> Callable[[str], set[str]]:
    """Baseline: plain character-bigram overlap; the best line when it covers `threshold`."""
    table = [(_bigrams(normalise(line)), line) for line in forbidden]
    table = [(grams, line) for grams, line in table if grams]

    def method(text: str) -> set[str]:
        said = _bigrams(normalise(text))
        share, line = max(((len(grams & said) / len(grams), line) for grams, line in table), default=(0, ""))
        return {line} if share >= threshold else set()
    return method
