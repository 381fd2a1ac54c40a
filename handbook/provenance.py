"""Provenance and approval of wording, as data in the Markdown.

A wording block (`!!! say` / `!!! dont`) or any other admonition that carries
the extra class `draft` was written for the handbook, not taken from the
organisation's own script:

    !!! say draft "这样说"
        - 您反映的问题很重要……
        审定：张三 2026-12-01

The optional last line `审定：<who> <YYYY-MM-DD>` is the owner's approval.  Until
it is there the block is shown with the label 「待审」 and counted, per page
owner, by `handbook check` and the 内容维护 page.  Because the record is a line
in the page, `git log -p` is the audit trail of who approved what and when.

This module only reads the admonition line and its content; outline.py calls
it, so every check, the renderer and the counts read one parse.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

DRAFT_CLASS = "draft"
LABEL = "待审"
APPROVAL_START = re.compile(r"^\s*审定\s*[:：]")
_APPROVAL = re.compile(r"^\s*审定\s*[:：]\s*(?P<who>\S(?:.*\S)?)\s+(?P<when>\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True)
class Approval:
    who: str
    when: dt.date
    line: int


def extra_classes(rest: str) -> list[str]:
    """The words between the admonition type and its quoted title."""
    return rest.split('"', 1)[0].split()


def read_block(rest: str, content: list[str], first_line: int):
    """(draft, approval, problems, content) for one admonition.

    `content` comes back with the approval line blanked, so line offsets stay
    right and the line is not read as a phrase.  problems: (line, text) pairs.
    """
    draft = DRAFT_CLASS in extra_classes(rest)
    approval, problems, kept = None, [], list(content)
    for offset, line in enumerate(content):
        if "审定" not in line or not APPROVAL_START.match(line):
            continue
        kept[offset] = ""
        number = first_line + offset
        match = _APPROVAL.match(line)
        when = _date(match.group("when")) if match else None
        if offset and content[offset - 1].strip():
            problems.append((number, "「审定」行前面要空一行，否则它会接在上一句话术后面显示"))
        elif not draft:
            problems.append((number, "这一块不是手册拟写的（没有 draft），不需要审定；来源话术不写「审定」行"))
        elif match is None:
            problems.append((number, f"「{line.strip()}」应写成「审定：姓名 年-月-日」"))
        elif when is None:
            problems.append((number, f"日期「{match.group('when')}」不存在"))
        elif approval is not None:
            problems.append((number, "同一块里有两行「审定」；保留最近的一行"))
        else:
            approval = Approval(match.group("who"), when, number)
    return draft, approval, problems, kept


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


# --- what awaits approval ----------------------------------------------------

@dataclass(frozen=True)
class Pending:
    path: str
    title: str
    owner: str
    line: int
    label: str       # 这样说 / 不要这样说 / the block's own kind
    phrases: int     # wording lines in the block (0 for a completed fact)


def pending(pages, outlines) -> list[Pending]:
    """Every drafted block without an approval, in page order."""
    result = []
    for page in pages:
        outline = outlines.get(page.path)
        if outline is None:
            continue
        owner = str(page.meta.get("owner") or "（未写负责人）")
        title = str(page.meta.get("title") or page.path)
        blocks = sorted([*outline.blocks(), *outline.draft_notes], key=lambda b: b.line)
        for block in blocks:
            if block.draft and block.approval is None:
                result.append(Pending(page.path, title, owner, block.line,
                                      block.label if block.phrases else "手册补全", len(block.phrases)))
    return result


def approved(pages, outlines) -> list[tuple[str, int]]:
    return [(page.path, block.line) for page in pages if (outline := outlines.get(page.path))
            for block in [*outline.blocks(), *outline.draft_notes] if block.draft and block.approval]


def by_owner(items: list[Pending]) -> dict[str, list[Pending]]:
    groups = defaultdict(list)
    for item in items:
        groups[item.owner].append(item)
    return dict(sorted(groups.items()))


def _counts(items: list[Pending]) -> str:
    lines = sum(i.phrases for i in items)
    facts = sum(1 for i in items if not i.phrases)
    return f"{lines} 句话术、{facts} 处手册补全，共 {len(items)} 块"


def pending_text(items: list[Pending]) -> str:
    out = [f"待审（手册拟写、机构尚未审定）：{_counts(items)}"]
    for owner, group in by_owner(items).items():
        out.append(f"  {owner}：{_counts(group)}")
    return "\n".join(out)


def pending_markdown(items: list[Pending], link_prefix: str = "../") -> str:
    out = ["## 待审话术", "",
           ("这些话术和事实是手册为了补齐格式而拟写或补全的，不是机构原有的话术，页面上标有「待审」。"
            "负责人审定后，在那一块的最后一行写 `审定：姓名 年-月-日`，标签就会去掉。"), "",
           f"共 {_counts(items)}。", ""]
    if not items:
        return "\n".join(out + ["没有待审的内容。", ""])
    for owner, group in by_owner(items).items():
        out += [f"### {owner}", "", f"{_counts(group)}。", "", "| 页面 | 行 | 块 | 句数 |", "|---|---|---|---|"]
        for item in group:
            out.append(f"| [{item.title}]({link_prefix}{item.path}) | {item.line} | {item.label} | {item.phrases or '—'} |")
        out.append("")
    return "\n".join(out)


def pending_in_pages(pages, outlines: dict | None = None) -> list[Pending]:
    """The same list from pages, with the outlines the check already made
    (report.outlines) where there are any: parsing every page again is a tenth
    of `handbook check` on a large handbook."""
    from .outline import parse_outline  # outline.py imports this module
    known = outlines or {}
    outlines = {page.path: known.get(page.path) or parse_outline(page.body, page.body_start)
                for page in pages if page.text is not None and page.body_known}
    return pending(pages, outlines)
