"""Provenance: drafted wording is parsed, labelled 待审 on the page and counted per owner."""
from __future__ import annotations

import markdown
from conftest import fixture_settings

from handbook.checks import check_sources
from handbook.outline import parse_outline
from handbook.provenance import pending, pending_markdown, pending_text

PAGE = """---
id: scn-{owner}
kind: scenario
title: 测试场景
channels: [柜面]
category: 接待
owner: {owner}
reviewed: 2026-11-01
---

# 测试场景

## 客户来电

!!! say "这样说"
    - 来源里的话。

!!! say draft "这样说"
    - 手册拟写的话。
    - 第二句拟写的话。

!!! dont draft "不要这样说"
    - 拟写的禁用语。

    审定：李四 2026-12-01

!!! note draft "手册补全"
    来源在这里中断，后半句是手册补全的。
"""


def _md(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition", "handbook.markdown.wording"])


def test_draft_class_and_approval_are_parsed():
    outline = parse_outline(PAGE.split("---\n", 2)[2])
    say_source, say_draft, dont = outline.sections[0].blocks
    assert [p.draft for p in say_source.phrases] == [False]
    assert [p.draft for p in say_draft.phrases] == [True, True]
    # Approved: still drafted by provenance, no longer awaiting approval.
    assert dont.draft and dont.approval.who == "李四" and [p.draft for p in dont.phrases] == [False]
    assert [p.text for p in dont.phrases] == ["拟写的禁用语。"]  # the 审定 line is not a phrase
    assert [b.type for b in outline.draft_notes] == ["note"]


def test_pending_is_counted_per_owner():
    sources = [(f"{owner}.md", PAGE.format(owner=owner).encode()) for owner in ("a", "b")]
    report = check_sources(sources, fixture_settings())
    assert report.errors == []
    items = pending(report.pages, report.outlines)
    assert [(i.owner, i.phrases) for i in items] == [("a", 2), ("a", 0), ("b", 2), ("b", 0)]
    text = pending_text(items)
    assert "4 句话术、2 处手册补全" in text and "a：2 句话术、1 处手册补全" in text
    assert "| [测试场景](../a.md) |" in pending_markdown(items)


def test_rendered_page_shows_the_label_as_text_until_approved():
    html = _md(PAGE.split("---\n", 2)[2].format(owner="x"))
    assert html.count('<span class="draft-label">待审</span>') == 2  # the say block and the note
    assert 'class="admonition say draft"' in html
    assert 'class="admonition dont drafted"' in html and "已审定：李四 2026-12-01" in html
    # The source block and its drafted sibling stay in one column next to the dont block.
    assert html.index('class="wording-stack"') < html.index("来源里的话")


def test_bad_approval_lines_are_reported():
    body = PAGE.replace("审定：李四 2026-12-01", "审定：李四").replace(
        '!!! say "这样说"\n    - 来源里的话。', '!!! say "这样说"\n    - 来源里的话。\n\n    审定：王五 2026-12-01')
    report = check_sources([("a.md", body.format(owner="x").encode())], fixture_settings())
    messages = [p.message for p in report.errors]
    assert len(messages) == 2
    assert "不需要审定" in messages[0] and "审定：姓名 年-月-日" in messages[1]
