"""The 速查 card at the top of risk and policy pages, built from front matter.

Risk and policy facts (level, signs, first response, escalation; the rule and
who it applies to) are kept in the front matter so they can be checked.  This
renders them as Markdown right under the page title, where an agent looks first
and where the search index sees them.
"""
from __future__ import annotations

import re

from .schema import as_date

_LEVEL_STYLE = {"高": "danger", "中": "warning", "低": "info"}
_H1 = re.compile(r"^#\s+.+$", re.MULTILINE)


def _indent(lines: list[str]) -> str:
    return "\n".join(("    " + line) if line else "" for line in lines)


def risk_card(meta: dict) -> str:
    level = str(meta.get("level", ""))
    lines = [f"**第一时间：** {meta.get('first_response', '')}", "",
             f"**交给：** {meta.get('escalate_to', '')}", "", "**预警信号：**", ""]
    lines += [f"- {sign}" for sign in meta.get("signs") or []]
    style = _LEVEL_STYLE.get(level, "warning")
    return f'!!! {style} risk-card "速查 · 风险等级：{level}"\n{_indent(lines)}\n'


def policy_card(meta: dict) -> str:
    lines = [f"**规定：** {meta.get('rule', '')}", ""]
    applies = meta.get("applies_to") or []
    if isinstance(applies, str):
        applies = [applies]
    lines.append(f"**适用：** {'、'.join(map(str, applies))}")
    effective = meta.get("effective")
    if effective:
        date = as_date(effective)
        lines += ["", f"**生效：** {date.isoformat() if date else effective}"]
    return f'!!! abstract policy-card "速查 · 政策要点"\n{_indent(lines)}\n'


def problems_card(problems) -> str:
    lines = [f"- 第 {p.line} 行：{p.message}（改法：{p.fix}）" if p.line else f"- {p.message}（改法：{p.fix}）"
             for p in problems]
    return f'!!! failure "本页有 {len(problems)} 个格式问题（只在预览时显示）"\n{_indent(lines)}\n'


def unreadable_page(path: str, problems) -> str:
    """The live preview's stand-in for a page MkDocs cannot decode (GBK …): its problems, not a 404."""
    return (f"---\nsearch:\n  exclude: true\n---\n\n# 无法显示本页：{path}\n\n"
            + problems_card(problems) + "\n在项目目录运行 `make fix` 可以把文件转成 UTF-8，保存后本页自动刷新。\n")


def insert_after_title(markdown: str, card: str) -> str:
    match = _H1.search(markdown)
    if not match:
        return card + "\n" + markdown
    return markdown[: match.end()] + "\n\n" + card + "\n" + markdown[match.end():]


def card_for(meta: dict) -> str | None:
    kind = meta.get("kind")
    if kind == "risk":
        return risk_card(meta)
    if kind == "policy":
        return policy_card(meta)
    return None
