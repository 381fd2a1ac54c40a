"""Desk cards: every pair on paper, ✗ and ✓ in words and signs, no navigation; printed as A4/A5 PDFs."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from browser import chromium, chromium_missing_message
from conftest import ROOT, fixture_settings

from handbook.checks import check_docs, check_sources
from handbook.desk_cards import booklets, card_html, cards_from, documents, print_pdfs
from handbook.settings import load_settings
from handbook.wording.pairs import handbook_pairs


@pytest.fixture(scope="module")
def handbook():
    settings = load_settings(ROOT / "mkdocs.yml")
    report = check_docs(settings)
    return report, settings, cards_from(report, settings)


def test_every_forbidden_line_is_on_a_card_marked_in_words_and_signs(handbook):
    report, settings, cards = handbook
    forbidden = {p.forbidden.text for p in handbook_pairs(report, settings.org_values)}
    on_cards = {w.text for c in cards for s in c.situations for w in s.dont}
    assert on_cards == forbidden
    for card in cards:
        document = card_html(card, "A5")
        assert document.count("✗ 不要这样说") == len(card.situations)
        assert document.count("✓ 这样说") == len(card.situations)
        assert document.count("<s>") == sum(len(s.dont) for s in card.situations)
        assert not re.search(r"<(a|button|nav|script|input|form)\b", document)
        assert "{{" not in document


def test_sizes_and_booklets(handbook):
    _, _, cards = handbook
    docs = documents(cards)
    assert "size: A4 portrait" in docs[f"A4/{cards[0].page_id}.pdf"]
    assert "size: A5 portrait" in docs[f"A5/{cards[0].page_id}.pdf"]
    books = booklets(cards)
    assert "场景话术 · 投诉" in books and "政策解释 · 限购" in books
    assert sum(len(group) for group in books.values()) == len(cards)
    assert "booklets/场景话术-投诉.pdf" in docs


def test_drafted_wording_is_labelled_on_cards():
    page = (ROOT / "docs/scenarios/waiting.md").read_bytes()
    report = check_sources([("scenarios/waiting.md", page)], fixture_settings())
    blocks = list(report.outlines["scenarios/waiting.md"].blocks())
    for phrase in (p for b in blocks for p in b.phrases):
        phrase.draft = False            # the page's own 待审 marks aside: exactly one is marked here
    block = next(b for b in blocks if b.type == "say")
    block.phrases[0].draft = True       # issue 13's Phrase.draft
    [card] = cards_from(report, fixture_settings())
    document = card_html(card)
    assert document.count("「待审」") == 1
    assert "对不起，我正在为您办理业务，请稍等。 <span class=\"draft\">「待审」</span>" in document


@pytest.mark.browser
def test_cards_print_as_a4_and_a5_pdfs(handbook, tmp_path):
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing)
    _, _, cards = handbook
    card = next(c for c in cards if c.page_id == "scn-forms-and-papers")
    docs = {f"{size}/{card.page_id}.pdf": documents([card])[f"{size}/{card.page_id}.pdf"] for size in ("A4", "A5")}
    docs["booklets/b.pdf"] = documents(cards)["booklets/场景话术-办理.pdf"]
    with chromium() as browser:
        written = print_pdfs(docs, tmp_path, browser)
    sizes = {}
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"%PDF")
        sizes[path.parent.name] = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data).groups()
    assert [round(float(v)) for v in sizes["A4"]] == [595, 842]
    assert [round(float(v)) for v in sizes["A5"]] == [420, 595]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "A5" / f"{card.page_id}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "请您按示例填写这张单证。" in text and "先填单！" in text and "✗" in text
