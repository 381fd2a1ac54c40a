"""Review freshness: which pages are overdue or soon due, by owner.

Every page names an owner and a last-reviewed date; the interval is set once
for the handbook (`extra.handbook.review_every_days` in mkdocs.yml) and a page
may override it with `review_every`.  Overdue pages are reported, never fatal.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from . import provenance
from .problems import Problem
from .schema import KIND_NAMES, as_date
from .settings import Settings
from .source import Page

MAINTENANCE_PAGE = "guide/maintenance.md"  # generated (handbook/generated.py), linked from the guide


@dataclass(frozen=True)
class Due:
    path: str
    title: str
    kind: str
    owner: str
    reviewed: dt.date
    due: dt.date

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def days_text(self, today: dt.date) -> str:
        """「剩余 12 天」, or 「已过期 877 天」 (never 「剩余 -877 天」)."""
        left = self.days_left(today)
        return f"剩余 {left} 天" if left >= 0 else f"已过期 {-left} 天"


def review_dates(pages: list[Page], settings: Settings) -> list[Due]:
    result = []
    for page in pages:
        reviewed = as_date(page.meta.get("reviewed"))
        if reviewed is None:
            continue  # a missing or bad date is already a schema problem
        every = page.meta.get("review_every")
        every = every if isinstance(every, int) and every > 0 else settings.review_every_days
        result.append(Due(page.path, str(page.meta.get("title") or page.path), str(page.meta.get("kind") or ""),
                          str(page.meta.get("owner") or "（未写负责人）"), reviewed, reviewed + dt.timedelta(days=every)))
    return sorted(result, key=lambda d: (d.due, d.path))


def overdue_notices(pages: list[Page], settings: Settings) -> list[Problem]:
    lines = {page.path: page.line_of("reviewed") for page in pages}
    return [
        Problem(d.path, lines[d.path], "review-overdue",
                {"reviewed": d.reviewed.isoformat(), "due": d.due.isoformat(), "owner": d.owner})
        for d in review_dates(pages, settings) if d.days_left(settings.today) < 0
    ]


def grouped(pages: list[Page], settings: Settings):
    """(overdue, due soon) lists, each as {owner: [Due, …]}."""
    overdue, soon = defaultdict(list), defaultdict(list)
    for due in review_dates(pages, settings):
        left = due.days_left(settings.today)
        if left < 0:
            overdue[due.owner].append(due)
        elif left <= settings.due_soon_days:
            soon[due.owner].append(due)
    return dict(sorted(overdue.items())), dict(sorted(soon.items()))


def maintenance_markdown(pages: list[Page], settings: Settings, link_prefix: str = "../",
                         outlines: dict | None = None) -> str:
    """The 内容维护 page: overdue and soon-due pages, grouped by owner."""
    overdue, soon = grouped(pages, settings)
    out = [
        "---", "search:", "  exclude: true", "---", "", "# 内容维护", "",
        (f"按负责人列出需要复核的页面。全站复核周期为 **{settings.review_every_days} 天**"
         f"（页面可用 `review_every` 单独设置），到期前 {settings.due_soon_days} 天列入「即将到期」。"
         f"统计日期：{settings.today.isoformat()}。"), "",
        "复核完成后，把页面页头里的 `reviewed` 改成复核当天的日期。", "",
    ]
    for heading, groups, empty in (("已过期", overdue, "没有过期的页面。"), ("即将到期", soon, "近期没有到期的页面。")):
        out += [f"## {heading}", ""]
        if not groups:
            out += [empty, ""]
            continue
        for owner, items in groups.items():
            out += [f"### {owner}", "", "| 页面 | 类型 | 上次复核 | 应复核日期 | 状态 |", "|---|---|---|---|---|"]
            for due in items:
                out.append(f"| [{due.title}]({link_prefix}{due.path}) | {KIND_NAMES.get(due.kind, due.kind)} | "
                           f"{due.reviewed} | {due.due} | {due.days_text(settings.today)} |")
            out.append("")
    out.append(provenance.pending_markdown(provenance.pending_in_pages(pages, outlines), link_prefix))
    return "\n".join(out)


def maintenance_page(report, settings: Settings) -> str:
    """Registry generator (handbook/generated.py) for guide/maintenance.md."""
    return maintenance_markdown(report.pages, settings, outlines=report.outlines)


def maintenance_text(pages: list[Page], settings: Settings, outlines: dict | None = None) -> str:
    """The same list for a terminal."""
    overdue, soon = grouped(pages, settings)
    out = []
    for heading, groups in (("已过期", overdue), ("即将到期", soon)):
        count = sum(len(items) for items in groups.values())
        out.append(f"{heading}：{count} 页")
        for owner, items in groups.items():
            out.append(f"  {owner}")
            for due in items:
                out.append(f"    {due.path}  {due.title}  应复核：{due.due}（{due.days_text(settings.today)}）")
    out.append(provenance.pending_text(provenance.pending_in_pages(pages, outlines)))
    return "\n".join(out)
