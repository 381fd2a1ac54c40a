"""Where a page writes out a value that snippets/org.yml defines.

The org-literal check used to look for values of four characters or more as
plain substrings.  Policy figures are short and numeric (50方, 180元), so a
plain substring would fire inside larger numbers (50方 inside 350方) and on
any stray "3".  A value with digits therefore matches only as a whole number:
no digit or decimal point right before it or right after it, any spacing
between the number and its unit.  Pure numbers shorter than four digits and
short words (三声) are never checked: they are too common to mean the policy.
"""
from __future__ import annotations

import functools
import re


def literal_patterns(values: dict[str, str]) -> list[tuple[re.Pattern, str, str]]:
    """[(pattern, value, name)], longest value first."""
    out = []
    for name, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
        value = value.strip()
        has_digit = any(c.isdigit() for c in value)
        if not has_digit:
            if len(value) >= 4:
                out.append((re.compile(re.escape(value)), value, name))
            continue
        if value.isdigit() and len(value) < 4:
            continue
        pattern = _written(value)
        if value[0].isdigit():
            pattern = r"(?<![\d.])" + pattern
        if value[-1].isdigit():
            pattern += r"(?![\d.]\d)(?!\d)"
        out.append((re.compile(pattern), value, name))
    return out


def _written(value: str) -> str:
    """The value as a pattern: its numbers and the words between them, any spacing between."""
    return r"\s*".join(re.escape(part.strip()) for part in re.split(r"(\d+)", value) if part.strip())


def literals_in(text: str, patterns) -> list[tuple[str, str]]:
    """(value, name) for each defined value written out in text; a longer value's
    match hides the shorter ones inside it (2021年3月 hides nothing else)."""
    found, taken = [], []
    for pattern, value, name in patterns:
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for s, e in taken):
                taken.append(match.span())
                found.append((value, name))
                break
    return found


def literal_search(values: dict[str, str]):
    """(patterns, one pattern that finds every line where any of them may match) for
    `values`, made once per set of values rather than once per page."""
    return _literal_search(tuple(values.items()))


@functools.lru_cache(maxsize=8)
def _literal_search(items: tuple[tuple[str, str], ...]):
    patterns = literal_patterns(dict(items))
    # Every match of a value's pattern is the value as written, with a check on the
    # characters around it; without those checks the values join into one pattern
    # that the regex engine scans for by their first characters.
    anywhere = re.compile("|".join(_written(value) for _, value, _ in patterns)) if patterns else None
    return patterns, anywhere
