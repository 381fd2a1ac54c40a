"""Printable desk cards from the wording pairs: A4 and A5 per page, a booklet per category.

For counter staff who keep the wording on paper.  Approved wording is large and
marked ✓; forbidden wording is marked ✗, struck through and labelled in words,
so nothing depends on colour (cards are often printed in black and white).
Cards carry no navigation, links or buttons.  Wording not yet approved by the
organisation is labelled 「待审」.

    make cards        (tools/make_cards.py: build/cards/A4, A5 and booklets)

HTML is built here; PDFs are printed by the headless Chromium the browser tests
use (Playwright's page.pdf), so no PDF library is needed.
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Report
from .schema import KIND_NAMES
from .wording.pairs import DRAFT_LABEL, Pair, Wording, handbook_pairs

SIZES = ("A4", "A5")
_POLICY_SECTIONS = ("不要这样说", "怎样向客户解释")


@dataclass
class Situation:
    heading: str
    say: list[Wording]
    dont: list[Wording] = field(default_factory=list)
    why: str = ""


@dataclass
class Card:
    page_id: str
    path: str
    title: str
    kind: str
    category: str
    channels: list[str]
    reviewed: str
    situations: list[Situation] = field(default_factory=list)

    @property
    def booklet(self) -> str:
        return f"{KIND_NAMES.get(self.kind, self.kind)} · {self.category}" if self.category else KIND_NAMES.get(self.kind, "")


def cards_from(report: Report, settings=None) -> list[Card]:
    """One card per page that has wording pairs, situations in page order."""
    pairs = handbook_pairs(report, getattr(settings, "org_values", None))
    reviewed = {page.path: str(page.meta.get("reviewed") or "") for page in report.pages}
    cards: dict[str, Card] = {}
    for pair in pairs:
        card = cards.get(pair.path)
        if card is None:
            card = cards[pair.path] = Card(pair.page_id or pair.path, pair.path, pair.title, pair.kind,
                                           pair.category, pair.channels, reviewed.get(pair.path, ""))
        heading = _heading(pair)
        situation = next((s for s in card.situations if s.heading == heading), None)
        if situation is None:
            situation = Situation(heading, pair.say, why=pair.why)
            card.situations.append(situation)
        situation.dont.append(pair.forbidden)
    return list(cards.values())


def _heading(pair: Pair) -> str:
    return f"客户问起「{pair.title}」时" if pair.situation in _POLICY_SECTIONS else pair.situation


def _text(wording: Wording) -> str:
    label = f' <span class="draft">「{DRAFT_LABEL}」</span>' if wording.draft else ""
    return html.escape(wording.text) + label


CSS = """
@page { size: %(size)s; margin: %(margin)s; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
       sans-serif; color: #000; margin: 0; font-size: %(base)s; line-height: 1.45; }
header { border-bottom: 2pt solid #000; margin-bottom: .6em; padding-bottom: .2em; }
header h1 { font-size: 1.6em; margin: 0; }
header p { margin: .1em 0 0; font-size: .85em; }
section { break-inside: avoid; border: 1pt solid #000; border-radius: 3pt; padding: .5em .7em; margin-bottom: .7em; }
h2 { font-size: 1.1em; margin: 0 0 .3em; }
.label { font-weight: 700; margin: .3em 0 .1em; }
ul { margin: 0; padding-left: 1.6em; }
.say li { font-size: 1.3em; font-weight: 700; list-style: "✓  "; }
.dont li { list-style: "✗  "; }
.dont li s { text-decoration-thickness: 1pt; }
.why { font-size: .85em; margin: .35em 0 0; }
.draft { font-weight: 400; font-size: .8em; border: .8pt solid #000; padding: 0 .2em; }
footer { font-size: .75em; margin-top: .4em; }
.page { break-before: page; }
.page:first-of-type { break-before: auto; }
.cover { break-after: page; }
.cover h1 { font-size: 2.2em; margin-top: 30%%; }
.cover li { font-size: 1.1em; }
"""
_BASE = {"A4": ("12mm", "11.5pt"), "A5": ("8mm", "9.5pt")}


def _card_body(card: Card) -> str:
    meta = " · ".join(x for x in [KIND_NAMES.get(card.kind, ""), card.category, "、".join(card.channels)] if x)
    parts = [f'<div class="page"><header><h1>{html.escape(card.title)}</h1><p>{html.escape(meta)}</p></header>']
    for s in card.situations:
        say = "".join(f"<li>{_text(w)}</li>" for w in s.say)
        dont = "".join(f"<li><s>{_text(w)}</s></li>" for w in s.dont)
        why = f'<p class="why">为什么：{html.escape(s.why)}</p>' if s.why else ""
        parts.append(f'<section><h2>{html.escape(s.heading)}</h2>'
                     f'<p class="label">✓ 这样说</p><ul class="say">{say}</ul>'
                     f'<p class="label">✗ 不要这样说</p><ul class="dont">{dont}</ul>{why}</section>')
    reviewed = f"，复核于 {card.reviewed}" if card.reviewed else ""
    parts.append(f"<footer>出处：客服知识库 {html.escape(card.path)}{reviewed}。内部资料。</footer></div>")
    return "".join(parts)


def _document(title: str, body: str, size: str) -> str:
    margin, base = _BASE[size]
    css = CSS % {"size": f"{size} portrait", "margin": margin, "base": base}
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{css}</style></head><body>{body}</body></html>")


def card_html(card: Card, size: str = "A5") -> str:
    return _document(card.title, _card_body(card), size)


def booklet_html(name: str, cards: list[Card], size: str = "A5") -> str:
    contents = "".join(f"<li>{html.escape(c.title)}（{len(c.situations)} 个情景）</li>" for c in cards)
    cover = (f'<div class="cover"><h1>{html.escape(name)}</h1><p>话术卡片 · 客服知识库</p>'
             f"<ol>{contents}</ol></div>")
    return _document(name, cover + "".join(_card_body(c) for c in cards), size)


def booklets(cards: list[Card]) -> dict[str, list[Card]]:
    grouped: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        grouped[card.booklet].append(card)
    return dict(grouped)


def documents(cards: list[Card]) -> dict[str, str]:
    """Relative PDF path → HTML: every card in A4 and A5, and an A5 booklet per category."""
    out = {}
    for card in cards:
        for size in SIZES:
            out[f"{size}/{card.page_id}.pdf"] = card_html(card, size)
    for name, group in booklets(cards).items():
        out[f"booklets/{name.replace(' · ', '-')}.pdf"] = booklet_html(name, group, "A5")
    return out


def print_pdfs(docs: dict[str, str], out_dir: Path, browser) -> list[Path]:
    """Print each HTML document to a PDF with Chromium; the page size comes from the CSS @page."""
    written = []
    page = browser.new_page()
    try:
        for rel, document in docs.items():
            target = Path(out_dir) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            page.set_content(document, wait_until="load")
            page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
            written.append(target)
    finally:
        page.close()
    return written
