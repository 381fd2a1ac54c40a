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
    # Locations that report an error only because of this one (root cause first):
    # shown as one line under it instead of one problem each.
    knock_on: tuple[str, ...] = field(default=(), compare=False, hash=False)
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
        """Two lines: where and what, then how to fix it (and a third for knock-on effects)."""
        text = f"{prefix}{self.location}: {self.message} [{self.code}]\n{prefix}    改法：{self.fix}"
        if self.knock_on:
            shown = "、".join(self.knock_on[:5]) + ("等" if len(self.knock_on) > 5 else "")
            if self.code == "nav-not-found":  # the links still name the old file
                then = f"它们也指向「{self.details['entry']}」，要一起改，或把文件改回原来的名字"
            else:
                then = "改好这一处后会一起消失"
            text += f"\n{prefix}    连带：另有 {len(self.knock_on)} 处因为这个问题而报错（{shown}），{then}"
        return text


def sort_key(problem: Problem):
    """Causes of other problems first, then by file, line and column."""
    return (not problem.knock_on, problem.path, problem.line, problem.column, problem.code)
