"""Page furniture rendered from front matter, the same under every builder.

Right under the page title: who owns the page and when it was last reviewed
(overdue pages say so in words and with a mark, not by colour alone), the line
of business it serves (business.py), then the risk/policy 速查 card (cards.py).  At the end: the pages named in the `risks`,
`policies` and `scenarios` front matter, as links with their titles.

`decorate` is a plain function over Markdown text: the MkDocs hook calls it in
`on_page_markdown`; under Zensical, which runs no hooks, the Markdown extension
`handbook.markdown.furniture` calls it with the page's front matter.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from . import business, cards
from .freshness import review_dates
from .schema import KIND_NAMES
from .settings import Settings
from .source import Page

RELATED_KEYS = ("risks", "policies", "scenarios")
RELATED_HEADING = "相关页面"


@dataclass(frozen=True)
class PageRef:
    path: str    # relative to docs/, e.g. risks/group-visit.md
    title: str
    kind: str


def page_index(pages: list[Page]) -> dict[str, PageRef]:
    """id → where the page is and what it is called (first page wins on a duplicate id)."""
    index: dict[str, PageRef] = {}
    for page in pages:
        page_id = page.meta.get("id")
        if isinstance(page_id, str) and page_id not in index:
            index[page_id] = PageRef(page.path, str(page.meta.get("title") or page.path), str(page.meta.get("kind") or ""))
    return index


def review_line(page: Page, settings: Settings) -> str | None:
    """`负责人 · 上次复核 · 状态` as one paragraph, kept out of the search index."""
    dates = review_dates([page], settings)
    if not dates:
        return None
    due = dates[0]
    left = due.days_left(settings.today)
    if left < 0:
        state = f"**⚠ 已过复核期**（应在 {due.due} 前复核）"
        classes = ".hb-review .hb-review-overdue"
    elif left <= settings.due_soon_days:
        state = f"即将到期（{due.due} 前复核）"
        classes = ".hb-review .hb-review-soon"
    else:
        state = f"下次复核：{due.due}"
        classes = ".hb-review"
    return f"负责人：{due.owner} · 上次复核：{due.reviewed} · {state}\n{{: {classes} data-search-exclude }}\n"


def related_section(page: Page, index: dict[str, PageRef]) -> str | None:
    lines = []
    seen = set()
    for key in RELATED_KEYS:
        refs = page.meta.get(key)
        if not isinstance(refs, list):
            continue
        for ref in refs:
            target = index.get(ref) if isinstance(ref, str) else None
            if target is None or target.path == page.path or ref in seen:
                continue  # an unknown reference is reported by the check
            seen.add(ref)
            link = posixpath.relpath(target.path, posixpath.dirname(page.path) or ".")
            kind = KIND_NAMES.get(target.kind, "")
            lines.append(f"- {kind + '：' if kind else ''}[{_escape(target.title)}]({link})")
    if not lines:
        return None
    return f"## {RELATED_HEADING} {{: #hb-related .hb-related data-search-exclude }}\n\n" + "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def decorate(markdown: str, page: Page, index: dict[str, PageRef], settings: Settings) -> str:
    """The page's Markdown with its furniture: review line and card under the title, related pages at the end."""
    head = [part for part in (review_line(page, settings), business.line_markdown(page.meta),
                              cards.card_for(page.meta)) if part]
    if head:
        markdown = cards.insert_after_title(markdown, "\n".join(head))
    related = related_section(page, index)
    if related:
        markdown = markdown.rstrip("\n") + "\n\n" + related
    return markdown
