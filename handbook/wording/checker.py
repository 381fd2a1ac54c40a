"""Findings: a match of the checker, with the page's wording attached."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..checks import Report
from .inputs import Utterance
from .matcher import Matcher
from .pairs import DRAFT_LABEL, Pair, background_lines, handbook_pairs


@dataclass
class Finding:
    path: str
    line: int
    column: int
    text: str                  # what the agent said that matched
    forbidden: str             # the forbidden line
    source: str                # page:line of the forbidden line
    say: list[str]             # the approved wording of the same situation
    draft: bool = False        # the forbidden line itself is 待审
    say_draft: list[bool] = field(default_factory=list)
    situation: str = ""
    also: list[str] = field(default_factory=list)   # other pages forbidding the same line
    score: float = 0.0

    def as_json(self) -> dict:
        return asdict(self)


def labelled(text: str, draft: bool) -> str:
    return f"{text}「{DRAFT_LABEL}」" if draft else text


class Checker:
    def __init__(self, report: Report, settings=None):
        self.pairs: list[Pair] = handbook_pairs(report, getattr(settings, "org_values", None))
        self.matcher = Matcher(self.pairs, background_lines(report))

    def check(self, utterance: Utterance) -> list[Finding]:
        findings = []
        for match in self.matcher.match(utterance.text):
            pattern = self.matcher.patterns[match.pattern]
            pair = self.pairs[pattern.pairs[0]]
            findings.append(Finding(
                path=utterance.path, line=utterance.line, column=utterance.column + match.start,
                text=match.text, forbidden=pair.forbidden.text, source=pair.source,
                say=[s.text for s in pair.say], draft=pair.forbidden.draft,
                say_draft=[s.draft for s in pair.say], situation=pair.situation,
                also=[self.pairs[i].source for i in pattern.pairs[1:]], score=match.score))
        return findings
