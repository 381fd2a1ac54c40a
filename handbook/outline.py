"""The shape of a page body: headings, wording blocks and {{ value }} names.

Python-Markdown keeps no line numbers, so this is a small line scanner that
knows exactly the Markdown the page formats use: ATX headings, `!!!`/`???`
admonitions with 4-space indented content, fenced code (skipped) and inline
code (skipped).  It is deliberately not a full Markdown parser.
"""
from __future__ import annotations

import functools
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

# Python-Markdown's own patterns, so the scanner agrees with the renderer on
# what is a heading or an admonition: `##情境` is a heading, ` ## 情境` is not;
# `!!! say “这样说”` and `!!! say"这样说"` are not admonitions at all.
_HEADING = re.compile(r"^(#{1,6})(?P<text>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*\s*$")  # HashHeaderProcessor.RE
_REAL_ADMONITION = re.compile(r'^!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')  # AdmonitionProcessor.RE
_REAL_DETAILS = re.compile(r'^\?{3}(\+)? ?(?:([\w\-]+(?: +[\w\-]+)*?)?(?: +"(.*?)")|([\w\-]+(?: +[\w\-]+)*?)) *$')
_INDENTED_HEADING = re.compile(r"^ {1,3}#{1,6}\s+\S")
_FULLWIDTH_HEADING = re.compile(r"^\s*(?P<marks>[#＃]*＃[#＃]*)\s*(?P<text>\S.*?)\s*$")
_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
_EXPLICIT_ID = re.compile(r"\{[^{}]*#(?P<id>[^\s{}]+)[^{}]*\}\s*$")
_ADMONITION = re.compile(r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)[ ]*(?P<type>[^\s\"“”「‘’]*)(?P<rest>.*)$")
_FULLWIDTH_ADMONITION = re.compile(r"^\s*！！！\s*(?P<rest>.*)$")
_FENCE = re.compile(r"^\s*(```+|~~~+)(?P<info>.*)$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_DASH_NO_SPACE = re.compile(r"^[-*+][^\s\-*+]")
_SENTENCE_END = re.compile(r"[。！？!?；;…」”]$")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
VALUE_NAME = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
_INLINE_COMMENT = re.compile(r"<!--.*?-->")


@dataclass
class Phrase:
    line: int
    text: str
    joined_line: int = 0   # a second line the renderer joins into this phrase
    draft: bool = False  # written for the handbook and not yet approved (provenance.py)


@dataclass
class Block:
    type: str
    line: int
    phrases: list[Phrase] = field(default_factory=list)
    heading: tuple[int, int, str] | None = None   # (line, level, text) of the heading above it
    draft: bool = False                           # class `draft`: written for the handbook
    approval: provenance.Approval | None = None
    text: str = ""    # a drafted note's content, as written (search previews label it 待审)

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
    # (line, level, text, explicit id) of every heading, for anchors
    headings: list[tuple[int, int, str, str]] = field(default_factory=list)
    # Lines the renderer shows differently from what the trainer meant; each is
    # reported once and then read as intended, so one typo is one problem.
    broken_admonitions: list[tuple[int, str]] = field(default_factory=list)  # (line, the line)
    fullwidth_headings: list[tuple[int, str]] = field(default_factory=list)  # (line, fixed line)
    indented_headings: list[int] = field(default_factory=list)
    misindented: list[tuple[int, str]] = field(default_factory=list)  # (line, block label)
    unclosed_fence: int = 0          # line of a ``` that is never closed (rendered as text)
    unclosed_comment: int = 0        # line of a <!-- that is never closed (hides the rest)
    fences: list[tuple[int, str, list[tuple[int, str]]]] = field(default_factory=list)  # line, info, code
    pipe_lines: int = 0              # lines starting with | or ｜ (tables are only looked for then)
    draft_notes: list[Block] = field(default_factory=list)   # drafted blocks that are not wording
    approval_problems: list[tuple[int, str]] = field(default_factory=list)

    @functools.cached_property
    def prose(self) -> str:
        """The text lines joined by newlines.  A string without a newline is in it only
        if it is in one of the lines, so a check can skip every line of a page at once."""
        return "\n".join(text for _, text in self.text_lines)

    def blocks(self):
        yield from self.lead_blocks
        for section in self.sections:
            yield from section.blocks


def step_fence(line: str, fence: str | None) -> tuple[bool, str | None]:
    """Track fenced code line by line: (is this line fence or code, the fence
    open after it).  A fence closes on the same character, at least as long."""
    match = _FENCE.match(line) if line.lstrip()[:1] in ("`", "~") else None
    if fence:
        if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                and not match.group("info").strip():
            return True, None
        return True, fence
    if match and not (match.group(1)[0] == "`" and "`" in match.group("info")):
        return True, match.group(1)
    return False, None


def strip_inline_code(line: str) -> str:
    return INLINE_CODE.sub("", line) if "`" in line else line


def _names(number: int, prose: str):
    return [(number, m.group(1)) for m in VALUE_NAME.finditer(prose)] if "{{" in prose else []


def substitute(line: str, values: dict[str, str]) -> str:
    """`{{ name }}` → its value, outside code spans (the org_values Markdown extension
    renders with it; the checks, which import no Markdown, compare with it)."""
    def replace_outside_code(segment: str) -> str:
        return VALUE_NAME.sub(lambda m: values.get(m.group(1), m.group(0)), segment)

    out, last = [], 0
    for span in INLINE_CODE.finditer(line):
        out.append(replace_outside_code(line[last:span.start()]))
        out.append(span.group(0))
        last = span.end()
    out.append(replace_outside_code(line[last:]))
    return "".join(out)


def parse_outline(body: str, first_line: int = 1) -> Outline:
    outline = _parse(body, first_line, ignore_fence=None)
    if outline.unclosed_fence:
        # pymdownx.superfences shows a fence that never closes as a line of text
        # and renders the rest of the page normally: read it the same way.
        line = outline.unclosed_fence
        outline = _parse(body, first_line, ignore_fence=line)
        outline.unclosed_fence = line
    return outline


def _parse(body: str, first_line: int, ignore_fence: int | None) -> Outline:
    outline = Outline()
    lines = body.split("\n")
    fence = None
    fence_start, fence_info, code = 0, "", []
    heading = None
    index = 0
    while index < len(lines):
        raw = lines[index]
        number = first_line + index
        index += 1
        if number == ignore_fence:
            outline.text_lines.append((number, raw))
            continue
        was_open = fence
        in_code, fence = step_fence(raw, fence)
        if in_code:
            if not was_open:
                fence_start, fence_info, code = number, _FENCE.match(raw).group("info").strip(), []
            elif fence:
                code.append((number, raw))
            else:
                outline.fences.append((fence_start, fence_info, code))
            continue
        if "<!--" in raw:
            raw = _INLINE_COMMENT.sub("", raw)
            if "<!--" in raw:  # a comment that spans lines: the renderer hides all of it
                end = next((i for i in range(index, len(lines)) if "-->" in lines[i]), None)
                if end is None:
                    outline.unclosed_comment = number
                    break
                index = end + 1
                raw = raw[:raw.index("<!--")] + lines[end].split("-->", 1)[1]
        first = raw.lstrip()[:1]
        prose = strip_inline_code(raw)
        outline.text_lines.append((number, prose))
        outline.value_names.extend(_names(number, prose))
        if first in ("|", "｜"):
            outline.pipe_lines += 1
        if first not in ("#", "!", "?", "！", "＃"):
            continue  # plain prose: nothing structural on this line

        found = _heading(outline, raw, number)
        if found:
            heading = found
            continue
        wide = _FULLWIDTH_ADMONITION.match(raw)
        if wide:
            # Reported once here, then read as the block it was meant to be, so
            # the page's structure checks do not pile more errors on one typo.
            outline.fullwidth_admonitions.append((number, wide.group("rest")))
            raw = raw.replace("！！！", "!!!", 1)
        admonition = _ADMONITION.match(raw)
        if admonition:
            indent = len(admonition.group("indent")) + 4
            stripped = raw.strip()
            if not wide and not (_REAL_ADMONITION.match(stripped) or _REAL_DETAILS.match(stripped)):
                outline.broken_admonitions.append((number, stripped))
            kind = admonition.group("type").lower()  # the renderer lowercases classes: !!! Say is say
            if kind not in ADMONITION_TYPES:
                outline.unknown_types.append((number, kind))
            content_start = index
            while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) >= indent):
                index += 1
            # A line indented less than the block, right after it, drops out of the box.
            if index < len(lines) and lines[index].strip():
                relative = _indent(lines[index]) - indent + 4
                right_after = index > content_start and lines[index - 1].strip()
                if 0 <= relative < 4 and (right_after or (relative and _LIST_ITEM.match(lines[index].strip()))):
                    outline.misindented.append((first_line + index, WORDING_LABELS.get(kind, kind)))
            content = [line.expandtabs(4)[indent:] for line in lines[content_start:index]]
            draft, approval, problems, content = provenance.read_block(
                admonition.group("rest"), content, first_line + content_start)
            outline.approval_problems.extend(problems)
            for offset, line in enumerate(content, first_line + content_start):
                prose = strip_inline_code(line)
                if prose.lstrip()[:1] in ("|", "｜"):
                    outline.pipe_lines += 1
                outline.text_lines.append((offset, prose))
                outline.value_names.extend(_names(offset, prose))
            if kind in WORDING_LABELS:
                block = Block(kind, number, _phrases(content, first_line + content_start), heading,
                              draft, approval)
                for phrase in block.phrases:
                    phrase.draft = draft and approval is None
                if outline.sections:
                    outline.sections[-1].blocks.append(block)
                else:
                    outline.lead_blocks.append(block)
            elif draft:
                outline.draft_notes.append(Block(kind, number, [], draft=draft, approval=approval,
                                                 text="\n".join(content)))
    if fence:
        outline.unclosed_fence = fence_start
    return outline


def _heading(outline: Outline, raw: str, number: int):
    """Record a heading (as the renderer sees it, or as meant); its (line, level, text)."""
    match = _HEADING.match(raw)
    if not match:
        if _INDENTED_HEADING.match(raw):
            outline.indented_headings.append(number)
            match = _HEADING.match(raw.lstrip())
        else:
            wide = _FULLWIDTH_HEADING.match(raw) if "＃" in raw else None
            if not wide:
                return None
            fixed = "#" * len(wide.group("marks")) + " " + wide.group("text")
            outline.fullwidth_headings.append((number, fixed))
            match = _HEADING.match(fixed)
    if not match or not match.group("text").strip():
        return None
    level, written = len(match.group(1)), match.group("text").strip()
    explicit = _EXPLICIT_ID.search(written)
    text = _ATTRS.sub("", written)
    outline.headings.append((number, level, text, explicit.group("id") if explicit else ""))
    if level == 1 and outline.h1 is None:
        outline.h1, outline.h1_line = text, number
    elif level == 2:
        outline.sections.append(Section(text, number))
    return number, level, text


def _indent(line: str) -> int:
    if "\t" in line:
        line = line.expandtabs(4)
    return len(line) - len(line.lstrip(" "))


def _phrases(content: list[str], first_line: int) -> list[Phrase]:
    """One phrase per list item; without a list, one per paragraph (as rendered).

    When a paragraph's line ends a sentence and the next line starts another,
    or lines start with a dash but no space, the renderer joins them into one
    phrase; `joined_line` records the line that was swallowed.
    """
    phrases: list[Phrase] = []
    current: Phrase | None = None
    has_list = any(_LIST_ITEM.match(line) for line in content)
    previous = ""
    for offset, line in enumerate(content):
        stripped = line.strip()
        starts_item = bool(_LIST_ITEM.match(line)) if has_list else (stripped and current is None)
        if not stripped:
            if not has_list:
                current = None
            previous = ""
            continue
        if starts_item:
            current = Phrase(first_line + offset, _LIST_ITEM.sub("", stripped, count=1))
            phrases.append(current)
        elif current is not None:
            if not current.joined_line and (_SENTENCE_END.search(previous) or _DASH_NO_SPACE.match(stripped)):
                current.joined_line = first_line + offset
            current.text += stripped
        else:
            current = Phrase(first_line + offset, stripped)
            phrases.append(current)
        previous = stripped
    return [p for p in phrases if p.text.strip()]
