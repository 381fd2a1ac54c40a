"""One regular expression that says whether a line needs a closer look.

The page checks run many small patterns (style rules, organisation values,
role aliases) over every line, and almost every line matches none of them.
Joined into one alternation, the patterns cost one search per line; only a
line where the alternation matches is searched pattern by pattern, exactly as
before, so what is reported does not change.

Soundness: `(?:p1)|(?:p2)|…` matches at a position wherever one of the p's
does, provided no p refers to its own groups (renumbered in the alternation)
or sets global flags (only allowed at the very start).  Such patterns are left
out of the alternation and always searched.  Python's `re` has no set-of-regexes
matcher and pyahocorasick takes literals only, hence this small helper.
"""
from __future__ import annotations

import re

# A backreference (\1, (?P=name)) or a conditional on a group ((?(1)…)); over-eager
# on purpose: an escaped backslash before a digit just keeps a pattern out.
_REFERS_TO_GROUP = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def combinable(pattern: re.Pattern) -> bool:
    """Whether `pattern` keeps its meaning inside an alternation with others."""
    return (isinstance(pattern.pattern, str) and pattern.flags == re.UNICODE and not pattern.groupindex
            and not _REFERS_TO_GROUP.search(pattern.pattern))


def any_of(patterns: list[re.Pattern]) -> tuple[re.Pattern | None, tuple[int, ...]]:
    """(one pattern that matches a text wherever a combinable pattern does, indices
    of the patterns it does not stand for).  A text where the first finds nothing
    needs only the patterns at those indices searched."""
    covered = [i for i, p in enumerate(patterns) if combinable(p)]
    uncovered = tuple(i for i in range(len(patterns)) if i not in covered)
    if not covered:
        return None, uncovered
    try:
        return re.compile("|".join(f"(?:{patterns[i].pattern})" for i in covered)), uncovered
    except (re.error, RecursionError):
        return None, tuple(range(len(patterns)))
