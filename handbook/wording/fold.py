"""Folding agents' text and the handbook's lines into one comparable form.

Agents say 啥 for 什么, 你 for 您, 这儿 for 这里, add 呗/啊/嘛 and drop
punctuation; traditional characters arrive from some keyboards.  Folding both
sides the same way lets the matcher compare what was said, not how it was
typed.  Every folded character remembers the index of the character it came
from, so a finding can point at the agent's own words (line, column, text).

Steps, in order (the browser's handbook-wording.js repeats them exactly, from
the data `fold_data()` exports, so both agree on every line):
1. per character: NFKC (full-width → half-width), lower case, traditional →
   simplified with OpenCC's character table (shared with search);
2. colloquial forms → the handbook's form, leftmost-longest (COLLOQUIAL, from
   the rules in colloquial.yml);
3. particles and fillers (colloquial.yml's `particles`) and every non-word
   character dropped;
   a dropped punctuation mark leaves a clause break.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml

from ..search_prep import traditional_to_simplified

RULES = Path(__file__).with_name("colloquial.yml")


@dataclass(frozen=True)
class Spec:
    said: str        # what an agent said
    written: str     # the handbook's way of saying it; both must fold alike
    rule: str        # the rule's `expected`, for messages


def load_rules(path: Path = RULES) -> tuple[dict[str, str], set[str], list[Spec]]:
    """(colloquial form -> the handbook's form, particles, specs) from colloquial.yml.

    A form listed under two rules is an error: which one applies would depend on
    the order of the file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    specs: list[Spec] = []
    for rule in data["rules"]:
        expected = str(rule["expected"] or "")
        for form in rule["patterns"]:
            form = str(form)
            if form in table and table[form] != expected:
                raise ValueError(f"{path.name}: {form!r} is folded both to {table[form]!r} and {expected!r}")
            table[form] = expected
        specs += [Spec(str(s["from"]), str(s["to"]), expected) for s in rule.get("specs") or []]
    particles = data["particles"]
    specs += [Spec(str(s["from"]), str(s["to"]), "particles") for s in particles.get("specs") or []]
    return table, set(str(particles["chars"])), specs


# Colloquial or variant form -> the form the handbook's lines use, and the
# sentence-final particles and fillers that change the tone, not what is said.
COLLOQUIAL, PARTICLES, SPECS = load_rules()
BREAK = " "


def _char_fold(char: str, t2s: dict[str, str]) -> str:
    folded = "".join(t2s.get(c, c) for c in unicodedata.normalize("NFKC", char).lower())
    return "".join(c if c.isalnum() else BREAK for c in folded)


@lru_cache(maxsize=1)
def _colloquial_automaton():
    # pyahocorasick: one pass finds the leftmost-longest colloquial form at
    # every position, whatever the number and lengths of the forms.
    automaton = ahocorasick.Automaton()
    for form, standard in COLLOQUIAL.items():
        automaton.add_word(form, (len(form), standard))
    automaton.make_automaton()
    return automaton


class Folder:
    def __init__(self):
        self.t2s = traditional_to_simplified()
        self.automaton = _colloquial_automaton()
        self._chars: dict[str, str] = {}

    def fold(self, text: str) -> tuple[str, list[int]]:
        """(folded text with BREAK between clauses, source index of each folded character)."""
        chars = self._chars
        step1: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            folded = chars.get(char)
            if folded is None:
                folded = chars[char] = _char_fold(char, self.t2s)
            for c in folded:
                step1.append(c)
                origin.append(index)
        flat = "".join(step1)
        out: list[str] = []
        where: list[int] = []
        position = 0
        for end, (length, standard) in self.automaton.iter_long(flat):
            start = end - length + 1
            _keep(flat, origin, position, start, out, where)
            for c in standard:
                out.append(c)
                where.append(origin[start])
            position = end + 1
        _keep(flat, origin, position, len(flat), out, where)
        return "".join(out), where


def _keep(flat, origin, start, end, out, where):
    for i in range(start, end):
        c = flat[i]
        if c in PARTICLES:
            continue
        if c == BREAK and (not out or out[-1] == BREAK):
            continue
        out.append(c)
        where.append(origin[i])


@lru_cache(maxsize=1)
def folder() -> Folder:
    return Folder()


def fold_data() -> dict:
    """What the browser needs to fold exactly as `Folder.fold` does."""
    return {"t2s": traditional_to_simplified(), "colloquial": COLLOQUIAL, "particles": "".join(sorted(PARTICLES))}
