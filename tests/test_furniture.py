"""Page furniture from front matter: review line, 速查 card, related pages (MkDocs build;
the Zensical build is in test_zensical.py), and the live preview's stand-in for a page it cannot decode."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess

from conftest import BIN, FIXTURES, fetch_when_served, fixture_settings
from test_build import build, small_project  # noqa: F401 — the fixture is used by name

from handbook import furniture
from handbook.source import parse_page


def pages():
    return [parse_page(f"base/{p.name}", p.read_bytes()) for p in sorted((FIXTURES / "base").glob("*.md"))]


def test_review_line_names_owner_date_and_overdue_in_words():
    risk = next(p for p in pages() if p.path == "base/risk.md")
    settings = fixture_settings()
    line = furniture.review_line(risk, settings)
    assert "负责人：测试组" in line and "上次复核：2026-11-01" in line and "已过复核期" not in line
    settings.today = dt.date(2030, 1, 1)
    overdue = furniture.review_line(risk, settings)
    assert "⚠ 已过复核期" in overdue and "hb-review-overdue" in overdue


def test_related_pages_are_links_with_titles_relative_to_the_page():
    all_pages = pages()
    index = furniture.page_index(all_pages)
    scenario = next(p for p in all_pages if p.path == "base/scenario.md")
    section = furniture.related_section(scenario, index)
    assert "投诉风险：[基础风险](risk.md)" in section and "政策解释：[基础政策](policy.md)" in section
    scenario.meta["risks"] = ["risk-nowhere"]  # unknown ids are the check's business, not a broken link
    assert "nowhere" not in (furniture.related_section(scenario, index) or "")


def test_mkdocs_pages_carry_the_furniture_and_search_skips_it(small_project, tmp_path):  # noqa: F811
    risk = small_project / "docs" / "base" / "risk.md"
    risk.write_text(risk.read_text(encoding="utf-8").replace("reviewed: 2026-11-01", "reviewed: 2020-01-01"),
                    encoding="utf-8")
    code, output = build(small_project, tmp_path)
    assert code == 0, output
    site = tmp_path / "site"
    html = (site / "base" / "risk" / "index.html").read_text(encoding="utf-8")
    assert "hb-review-overdue" in html and "⚠ 已过复核期" in html
    scenario = (site / "base" / "scenario" / "index.html").read_text(encoding="utf-8")
    related = scenario.split('id="hb-related"')[1]
    assert 'href="../risk/"' in related and "基础风险" in related
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert "速查" in text  # the card stays searchable
    assert "上次复核" not in text and "相关页面" not in text


def test_live_preview_shows_an_undecodable_page_as_its_problems(small_project):  # noqa: F811
    shutil.copy(FIXTURES / "broken" / "encoding.md", small_project / "docs" / "base" / "gbk.md")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--no-livereload", "-f", str(small_project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        status, html = fetch_when_served(server, f"http://127.0.0.1:{port}/base/gbk/")
        assert status == 200, (status, server.poll())
        assert "无法显示本页" in html and "GBK" in html and "make fix" in html
    finally:
        server.terminate()
        server.wait(timeout=10)
