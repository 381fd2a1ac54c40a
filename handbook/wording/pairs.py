"""The handbook's wording pairs, one `Pair` per forbidden line.

A forbidden line's approved wording is the 这样说 of the same situation (the
same `##` section).  Policy pages keep their forbidden lines in a 不要这样说
section of their own and their approved wording under 怎样向客户解释, so there
the page's approved wording is used; the reason is the 为什么 block of the
situation, or a policy page's 为什么 section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..checks import Report
from ..outline import VALUE_NAME, Outline, Section
from ..rebuild_memo import PerBuild

DRAFT_LABEL = "待审"


@dataclass(frozen=True)
class Wording:
    text: str
    line: int
    draft: bool = False

    def as_dict(self) -> dict:
        return {"text": self.text, "line": self.line, "draft": self.draft}


@dataclass
class Pair:
    forbidden: Wording
    path: str                       # page, relative to docs/
    title: str                      # page title
    situation: str                  # the ## heading
    say: list[Wording] = field(default_factory=list)
    why: str = ""
    kind: str = ""                  # scenario | risk | policy
    category: str = ""
    channels: list[str] = field(default_factory=list)
    page_id: str = ""

    @property
    def source(self) -> str:
        return f"{self.path}:{self.forbidden.line}"


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\*\*|__|`|==|\^\^|~~")


def plain_text(text: str, org_values: dict[str, str] | None = None) -> str:
    """A phrase as an agent reads it aloud: {{ 公司名称 }} filled in, Markdown marks gone."""
    if org_values:
        text = VALUE_NAME.sub(lambda m: org_values.get(m.group(1), m.group(0)), text)
    return _MARKS.sub("", _LINK.sub(r"\1", text)).strip()


def _wordings(blocks, kind: str, values) -> list[Wording]:
    return [Wording(plain_text(p.text, values), p.line, bool(getattr(p, "draft", False)))
            for b in blocks if b.type == kind for p in b.phrases]


def _why(blocks, values) -> str:
    return "".join(plain_text(p.text, values) for b in blocks if b.type == "why" for p in b.phrases)


def _section_prose(outline: Outline, section: Section, values) -> str:
    """The prose lines under a ## heading, up to the next one (a policy's 为什么)."""
    following = [s.line for s in outline.sections if s.line > section.line]
    end = min(following) if following else float("inf")
    lines = [text.strip() for line, text in outline.text_lines if section.line < line < end]
    return plain_text("".join(line.lstrip("-*+ ").strip() for line in lines if line and not line.startswith("!!!")),
                      values)


def handbook_pairs(report: Report, org_values: dict[str, str] | None = None) -> list[Pair]:
    values = org_values or {}
    key = tuple(sorted(values.items()))
    # A page's pairs are made from its text (and the values): kept between `mkdocs serve`
    # rebuilds, which make the wording files on every save, three times.
    per_page = _PAGE_PAIRS.map_keyed(((page.path, page.text, key), (page, outline, values))
                                     for page in report.pages
                                     if (outline := report.outlines.get(page.path)) is not None)
    return [pair for pairs in per_page for pair in pairs]


def _page_pairs(page, outline: Outline, values: dict[str, str]) -> list[Pair]:
    pairs: list[Pair] = []
    meta = page.meta
    all_say = _wordings(outline.blocks(), "say", values)
    reason_section = next((s for s in outline.sections if s.heading == "为什么"), None)
    page_why = _section_prose(outline, reason_section, values) if reason_section else ""
    channels = meta.get("channels") or []
    for section in outline.sections:
        say = _wordings(section.blocks, "say", values) or all_say
        why = _why(section.blocks, values) or page_why
        for forbidden in _wordings(section.blocks, "dont", values):
            pairs.append(Pair(
                forbidden=forbidden, path=page.path, title=str(meta.get("title") or outline.h1 or page.path),
                situation=section.heading, say=say, why=why, kind=str(meta.get("kind") or ""),
                category=str(meta.get("category") or ""),
                channels=[str(c) for c in channels] if isinstance(channels, list) else [str(channels)],
                page_id=str(meta.get("id") or "")))
    return pairs


_PAGE_PAIRS = PerBuild(_page_pairs)


def background_lines(report: Report) -> list[str]:
    """Every prose line of the handbook except the forbidden lines themselves:
    the language the handbook speaks, against which a word is common or rare."""
    lines = []
    for outline in report.outlines.values():
        forbidden = {p.line for b in outline.blocks() if b.type == "dont" for p in b.phrases}
        lines += [text for line, text in outline.text_lines if line not in forbidden and text.strip()]
    return lines
