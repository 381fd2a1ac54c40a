"""Finding the handbook's forbidden lines in what agents say.

Agents never say a forbidden line word for word: they drop a clause, swap
two, quote half of it, add 啊 and say 你 for 您.  So each forbidden line is
compared on its character bigrams after folding (see `fold`), each bigram
weighted by how rare it is in the handbook's own prose (a bigram such as
「我们」 says little, 「爱买」 says a lot).  An utterance matches a forbidden line
when it covers enough of the line's weight, or enough of one distinctive
clause of it (a partial quote such as 「爱买不买」).  The bigram joining two
clauses weighs less than the clauses' own (agents drop, swap and pad clauses),
and both sides are first folded with the colloquial rules of colloquial.yml.

Hand-written because no maintained library scores a weighted partial match of
many short patterns against a line and points back at the source text; the
parts that are library work use libraries (pyahocorasick for the colloquial
forms, OpenCC's table for traditional characters).  Character bigrams rather
than jieba words: they need no segmentation of the agent's text (jieba splits
「填个单子」 and 「填单子」 differently), and the browser can run exactly the same
matching without a segmenter.  The same thresholds and weights are exported to
the browser (`export_data`) so the page and this command agree.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..rebuild_memo import PerBuild
from .fold import BREAK, Folder, folder
from .pairs import Pair

# Decision thresholds (data the browser reads too; measured on
# tests/wording/utterances.yml by tools/bench_wording.py).
LINE_SHARE = 0.6        # share of a forbidden line's weight an utterance must cover
SHORT_LINE = 3          # a line of this many bigrams or fewer must be covered whole
FOCUS_SHARE = 0.8       # ... or this share of the line's last clause (its focus)
FOCUS_BIGRAMS = 3       # when that clause has at least this many bigrams
FOCUS_APPROVED = 0.5    # and less than this share of it is also approved wording
JOIN_WEIGHT = 0.5       # a bigram joining two clauses weighs this share of its weight
SPAN_SLACK = 2.0        # matched bigrams lie within this many times the line's length (+4)


@dataclass
class Pattern:
    """One forbidden wording; `pairs` has each page line that forbids it."""
    folded: str
    weights: dict[str, float]      # bigram -> weight, the whole line
    total: float
    focus: list[str]               # bigrams of the last clause, if it can stand alone
    focus_total: float
    pairs: list[int]


@dataclass
class Match:
    pattern: int
    score: float
    weight: float       # matched weight: ranks overlapping candidates
    start: int          # index in the checked text
    end: int
    text: str = ""


def bigrams(text: str) -> list[str]:
    return list(dict.fromkeys(text[i:i + 2] for i in range(len(text) - 1)))


def line_bigrams(folded: str) -> tuple[list[str], list[str]]:
    """(bigrams inside clauses, bigrams joining two clauses) of a folded line.

    No bigram crosses a placeholder: 到XX柜台办去 (any counter) has none across
    the XX.  The join of two clauses (了你 in 好了，你自己看) is weak evidence:
    agents drop, swap and pad clauses, so it weighs JOIN_WEIGHT; a clause of one
    character (喂 in 喂？哪位？) has no bigram of its own, so its joins count whole."""
    inner: list[str] = []
    joins: list[str] = []
    for part in folded.split("x"):
        clauses = [c for c in part.split(BREAK) if c]
        for i, clause in enumerate(clauses):
            inner += bigrams(clause)
            if i:
                join = clauses[i - 1][-1] + clause[0]
                (inner if min(len(clauses[i - 1]), len(clause)) == 1 else joins).append(join)
    return list(dict.fromkeys(inner)), [j for j in dict.fromkeys(joins) if j not in inner]


def last_clause(folded: str) -> str:
    clauses = [c for part in folded.split(BREAK) for c in part.split("x") if c]
    return clauses[-1] if len(clauses) > 1 else ""


class _Frequencies:
    """In how many background lines each bigram occurs, kept between matchers.

    `mkdocs serve` makes the wording data again on every save, and at 20× the
    handbook folding every prose line again was most of a rebuild (3 s); a save
    changes a few lines.  So the counts of the last call are kept and only the
    lines added or removed since are folded: the same counts as counting afresh.
    """

    def __init__(self) -> None:
        self.folder: Folder | None = None
        self.lines: Counter = Counter()   # background line -> how often it occurs
        self.df: Counter = Counter()
        self.grams: dict[str, set[str]] = {}

    def _grams(self, line: str) -> set[str]:
        grams = self.grams.get(line)
        if grams is None:
            grams = self.grams[line] = set(bigrams(self.folder.fold(line)[0].replace(BREAK, "")))
        return grams

    def count(self, background: list[str], fold: Folder) -> Counter:
        if fold is not self.folder:
            self.__init__()
            self.folder = fold
        lines = Counter(background)
        df = self.df
        for line, n in (lines - self.lines).items():
            for gram in self._grams(line):
                df[gram] += n
        for line, n in (self.lines - lines).items():
            for gram in self._grams(line):
                df[gram] -= n
                if df[gram] <= 0:
                    del df[gram]
            if line not in lines:
                del self.grams[line]
        self.lines = lines
        return Counter(df)  # a copy: the next call changes these counts


_FREQUENCIES = _Frequencies()
# The handbook's wording lines folded, kept between `mkdocs serve` rebuilds
# (the wording data is made on every save; a save changes a few lines).
_FOLDED = PerBuild(lambda fold, text: fold.fold(text)[0])


class Matcher:
    def __init__(self, pairs: list[Pair], background: list[str], fold: Folder | None = None):
        self.pairs = pairs
        self.folder = fold or folder()
        self.lines = len(background)
        self.df = _FREQUENCIES.count(background, self.folder)
        texts = [say.text for pair in pairs for say in pair.say] + [pair.forbidden.text for pair in pairs]
        folded_text = dict(zip(texts, _FOLDED.map((self.folder, text) for text in texts)))
        approved = set()
        for pair in pairs:
            for say in pair.say:
                approved.update(bigrams(folded_text[say.text].replace(BREAK, "")))
        by_text: dict[str, int] = {}
        self.patterns: list[Pattern] = []
        for index, pair in enumerate(pairs):
            folded = folded_text[pair.forbidden.text].strip()
            if folded in by_text:
                self.patterns[by_text[folded]].pairs.append(index)
                continue
            inner, joins = line_bigrams(folded)
            weights = {b: self.weight(b) for b in inner}
            weights.update({b: round(JOIN_WEIGHT * self.weight(b), 4) for b in joins})
            if not weights:
                continue
            # Chinese puts what a sentence is about last (end focus): the last
            # clause said alone is the line quoted in part, unless it is approved wording too.
            focus = bigrams(last_clause(folded))
            if len(focus) < FOCUS_BIGRAMS or sum(b in approved for b in focus) >= FOCUS_APPROVED * len(focus):
                focus = []
            by_text[folded] = len(self.patterns)
            self.patterns.append(Pattern(folded, weights, sum(weights.values()),
                                         focus, sum(weights.get(b, 0) for b in focus), [index]))
        self.index: dict[str, list[int]] = {}
        for number, pattern in enumerate(self.patterns):
            for bigram in pattern.weights:
                self.index.setdefault(bigram, []).append(number)

    def weight(self, bigram: str) -> float:
        return round(math.log(1 + self.lines / (1 + self.df.get(bigram, 0))), 4)

    def match(self, text: str) -> list[Match]:
        folded, origin = self.folder.fold(text)
        # Clause breaks in the agent's text do not matter: they type commas anywhere.
        keep = [i for i, c in enumerate(folded) if c != BREAK]
        chars = "".join(folded[i] for i in keep)
        origin = [origin[i] for i in keep]
        hits: dict[int, dict[str, int]] = {}
        index = self.index
        for i in range(len(chars) - 1):
            bigram = chars[i:i + 2]
            for number in index.get(bigram, ()):
                seen = hits.setdefault(number, {})
                if bigram not in seen:
                    seen[bigram] = i
        # A word slipped in between (行了你走 for 行了走) still says the pair:
        # a pair one character apart counts when the adjacent pair is absent.
        for i in range(len(chars) - 2):
            bigram = chars[i] + chars[i + 2]
            for number in index.get(bigram, ()):
                seen = hits.setdefault(number, {})
                if bigram not in seen:
                    seen[bigram] = i
        candidates = []
        for number, seen in hits.items():
            pattern = self.patterns[number]
            scored = self.score(pattern, seen)
            if scored is None:
                continue
            positions = sorted(seen.values())
            start, end = positions[0], positions[-1] + 2
            if end - start > SPAN_SLACK * len(pattern.folded) + 4:
                continue
            candidates.append(Match(number, scored[0], scored[1], origin[start], origin[end - 1] + 1))
        chosen: list[Match] = []
        for candidate in sorted(candidates, key=lambda m: (-m.weight, -m.score, m.start)):
            if all(candidate.end <= m.start or candidate.start >= m.end for m in chosen):
                candidate.text = text[candidate.start:candidate.end]
                chosen.append(candidate)
        return sorted(chosen, key=lambda m: m.start)

    @staticmethod
    def score(pattern: Pattern, seen: dict[str, int]) -> tuple[float, float] | None:
        """(share covered, weight covered) when the utterance says this line, else None."""
        weights = pattern.weights
        matched = sum(weights[b] for b in seen)
        share = matched / pattern.total
        if len(weights) <= SHORT_LINE:
            if len(seen) == len(weights):
                return 1.0, round(matched, 4)
        elif share >= LINE_SHARE:
            return round(share, 4), round(matched, 4)
        if pattern.focus:
            covered = sum(weights[b] for b in pattern.focus if b in seen)
            if covered >= FOCUS_SHARE * pattern.focus_total:
                return round(covered / pattern.focus_total * 0.99, 4), round(covered, 4)
        return None
