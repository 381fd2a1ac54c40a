"""A problem found in the content: where it is, which rule, and the details."""
from __future__ import annotations

from dataclasses import dataclass, field

from .rules import RULES, Rule


@dataclass(frozen=True)
class Problem:
    path: str          # relative to the docs directory, with forward slashes
    line: int          # 1-based; 0 when the problem concerns the whole file
    code: str
    details: dict = field(default_factory=dict, compare=False, hash=False)
    column: int = 0    # 1-based when known (house style rules), else 0

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def is_error(self) -> bool:
        return self.rule.severity == "error"

    @property
    def message(self) -> str:
        return self.rule.message.format(**self.details)

    @property
    def fix(self) -> str:
        return self.rule.fix.format(**self.details)

    @property
    def location(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"

    def format(self, prefix: str = "") -> str:
        """Two lines: where and what, then how to fix it."""
        return f"{prefix}{self.location}: {self.message} [{self.code}]\n{prefix}    改法：{self.fix}"


def sort_key(problem: Problem):
    return (problem.path, problem.line, problem.column, problem.code)
