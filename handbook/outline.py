"""The shape of a page body: headings, wording blocks and {{ value }} names.

Python-Markdown keeps no line numbers, so this is a small line scanner that
knows exactly the Markdown the page formats use: ATX headings, `!!!`/`???`
admonitions with 4-space indented content, fenced code (skipped) and inline
code (skipped).  It is deliberately not a full Markdown parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import provenance

WORDING_LABELS = {"say": "这样说", "dont": "不要这样说", "why": "为什么"}
ADMONITION_TYPES = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution",
    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example",
    "quote", "cite", *WORDING_LABELS,
}

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
_ADMONITION = re.compile(r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)[ ]*(?P<type>[^\s\"]*)(?P<rest>.*)$")
_FULLWIDTH_ADMONITION = re.compile(r"^\s*！！！\s*(?P<rest>.*)$")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
VALUE_NAME = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


@dataclass
class Phrase:
    line: int
    text: str
    draft: bool = False  # written for the handbook and not yet approved (provenance.py)


@dataclass
class Block:
    type: str
    line: int
    phrases: list[Phrase] = field(default_factory=list)
    draft: bool = False                        # class `draft`: written for the handbook
    approval: provenance.Approval | None = None

    @property
    def label(self) -> str:
        return WORDING_LABELS.get(self.type, self.type)


@dataclass
class Section:
    heading: str
    line: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Outline:
    h1: str | None = None
    h1_line: int = 0
    lead_blocks: list[Block] = field(default_factory=list)   # wording blocks before the first ##
    sections: list[Section] = field(default_factory=list)    # one per ## heading
    unknown_types: list[tuple[int, str]] = field(default_factory=list)
    fullwidth_admonitions: list[tuple[int, str]] = field(default_factory=list)
    value_names: list[tuple[int, str]] = field(default_factory=list)
    text_lines: list[tuple[int, str]] = field(default_factory=list)  # prose, code removed
    draft_notes: list[Block] = field(default_factory=list)   # drafted blocks that are not wording
    approval_problems: list[tuple[int, str]] = field(default_factory=list)

    def blocks(self):
        yield from self.lead_blocks
        for section in self.sections:
            yield from section.blocks


def step_fence(line: str, fence: str | None) -> tuple[bool, str | None]:
    """Track fenced code line by line: (is this line fence or code, the fence
    open after it).  A fence closes on the same character, at least as long."""
    match = _FENCE.match(line) if line.lstrip()[:1] in ("`", "~") else None
    if fence:
        if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            return True, None
        return True, fence
    if match:
        return True, match.group(1)
    return False, None


def strip_inline_code(line: str) -> str:
    return INLINE_CODE.sub("", line) if "`" in line else line


def _names(number: int, prose: str):
    return [(number, m.group(1)) for m in VALUE_NAME.finditer(prose)] if "{{" in prose else []


def parse_outline(body: str, first_line: int = 1) -> Outline:
    outline = Outline()
    lines = body.split("\n")
    fence = None
    index = 0
    while index < len(lines):
        raw = lines[index]
        number = first_line + index
        index += 1
        in_code, fence = step_fence(raw, fence)
        if in_code:
            continue
        first = raw.lstrip()[:1]
        prose = strip_inline_code(raw)
        outline.text_lines.append((number, prose))
        outline.value_names.extend(_names(number, prose))
        if first not in ("#", "!", "?", "！"):
            continue  # plain prose: nothing structural on this line

        heading = _HEADING.match(raw)
        if heading:
            level, text = len(heading.group(1)), _ATTRS.sub("", heading.group(2))
            if level == 1 and outline.h1 is None:
                outline.h1, outline.h1_line = text, number
            elif level == 2:
                outline.sections.append(Section(text, number))
            continue
        wide = _FULLWIDTH_ADMONITION.match(raw)
        if wide:
            # Reported once here, then read as the block it was meant to be, so
            # the page's structure checks do not pile more errors on one typo.
            outline.fullwidth_admonitions.append((number, wide.group("rest")))
            raw = raw.replace("！！！", "!!!", 1)
        admonition = _ADMONITION.match(raw)
        if admonition:
            kind = admonition.group("type")
            if kind not in ADMONITION_TYPES:
                outline.unknown_types.append((number, kind))
            indent = len(admonition.group("indent")) + 4
            content_start = index
            while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) >= indent):
                index += 1
            content = [line[indent:] for line in lines[content_start:index]]
            draft, approval, problems, content = provenance.read_block(
                admonition.group("rest"), content, first_line + content_start)
            outline.approval_problems.extend(problems)
            for offset, line in enumerate(content):
                prose = strip_inline_code(line)
                outline.text_lines.append((first_line + content_start + offset, prose))
                outline.value_names.extend(_names(first_line + content_start + offset, prose))
            if kind in WORDING_LABELS:
                block = Block(kind, number, _phrases(content, first_line + content_start), draft, approval)
                for phrase in block.phrases:
                    phrase.draft = draft and approval is None
                if outline.sections:
                    outline.sections[-1].blocks.append(block)
                else:
                    outline.lead_blocks.append(block)
            elif draft:
                outline.draft_notes.append(Block(kind, number, [], draft, approval))
    return outline


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _phrases(content: list[str], first_line: int) -> list[Phrase]:
    """One phrase per list item; without a list, one per paragraph."""
    phrases: list[Phrase] = []
    current: Phrase | None = None
    has_list = any(_LIST_ITEM.match(line) for line in content)
    for offset, line in enumerate(content):
        stripped = line.strip()
        starts_item = bool(_LIST_ITEM.match(line)) if has_list else (stripped and current is None)
        if not stripped:
            if not has_list:
                current = None
            continue
        if starts_item:
            current = Phrase(first_line + offset, _LIST_ITEM.sub("", stripped, count=1))
            phrases.append(current)
        elif current is not None:
            current.text += stripped
        else:
            current = Phrase(first_line + offset, stripped)
            phrases.append(current)
    return [p for p in phrases if p.text.strip()]
