"""Search as an agent uses it, on the built site: quality floors and robustness.

The floors sit a little under the measured figures (tools/bench_search.py) so a
real regression fails CI while run-to-run noise does not.
"""
from __future__ import annotations

import json

import pytest
from browser import RequestLog, chromium, chromium_missing_message, serve_site
from search_eval import RUN_QUERY, by_category, load_queries, open_search, report, run_queries, summarise

pytestmark = pytest.mark.browser

FLOOR_HIT1, FLOOR_HIT3 = 0.80, 0.95
CATEGORY_FLOOR_HIT3 = {"词语": 0.95, "口语": 0.85, "数字": 0.90, "同义": 0.90, "繁体": 0.90, "标点": 0.95}


@pytest.fixture(scope="module")
def search_page(built_site):
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing)
    with serve_site(built_site) as url, chromium() as browser:
        context = browser.new_context()
        requests = RequestLog()
        requests.attach(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        open_search(page, url)
        yield page, url, requests, errors


@pytest.fixture(scope="module")
def outcomes(search_page):
    page, url, _, _ = search_page
    return run_queries(page, url, load_queries())


def test_query_set_is_large_enough():
    assert len(load_queries()) >= 80


def test_goal_set_meets_the_floors(outcomes):
    summary = summarise(outcomes)
    assert summary.hit1 >= FLOOR_HIT1 and summary.hit3 >= FLOOR_HIT3, report(outcomes)


def test_each_category_meets_its_floor(outcomes):
    categories = by_category(outcomes)
    low = {c: s.hit3 for c, s in categories.items() if c in CATEGORY_FLOOR_HIT3 and s.hit3 < CATEGORY_FLOOR_HIT3[c]}
    assert low == {}, report(outcomes)


NASTY = ["：", "*", "~", "^", "+", "-", ":", "？", "！", '"', "((", "\\", "+-~^*:", "  ", "投诉 -", "title:",
         "投诉^", "投诉~2", "*投诉*", "【投诉】", "投诉？！", "\u3000投诉\u3000", "限购" * 20]


@pytest.mark.parametrize("query", NASTY)
def test_syntax_and_punctuation_never_error_or_hang(search_page, query):
    page, _, _, errors = search_page
    before = len(errors)
    result = page.evaluate(RUN_QUERY, query)
    assert result["ms"] is not None, f"no answer for {query!r}"
    assert errors[before:] == []
    if any("\u4e00" <= c <= "\u9fff" for c in query):
        assert result["hrefs"], f"{query!r} found nothing"


def test_best_section_is_linked_right_after_its_page(search_page):
    page, _, _, _ = search_page
    page.evaluate(RUN_QUERY, "初步核对")
    first = page.locator(".md-search-result__list > li").first
    links = [a.get_attribute("href") for a in first.locator("a").all()]
    assert any("#" in href for href in links[1:]), links


def test_search_sent_no_request_off_the_host(search_page, outcomes):
    _, _, requests, _ = search_page
    assert requests.external == []


def test_query_transform(search_page):
    page, url, _, _ = search_page
    page.add_script_tag(url=url + "assets/javascripts/workers/handbook-query.js")
    page.add_script_tag(url=url + "search/handbook-search-data.js")
    transform = lambda q: page.evaluate("q => makeQueryTransform(self.HANDBOOK_SEARCH)(q).words", q)
    assert transform("群訪") == ["群访"]
    assert transform("350方") == ["350"]  # the unit is a single character next to a longer word
    assert "投诉" in transform("举报")
    assert "公安" in transform("叫警察")
    assert "客户" not in transform("客户要见经理")
    assert transform("限购？：*~^+-") == ["限购"]
    query = page.evaluate("q => makeQueryTransform(self.HANDBOOK_SEARCH)(q).query", "下班")
    assert query == "下班\u3007"


def test_query_data_is_built_from_the_handbook(built_site):
    text = (built_site / "search" / "handbook-search-data.js").read_text(encoding="utf-8")
    data = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    assert data["synonyms"]["举报"] == ["投诉"]
    assert data["t2s"]["訪"] == "访"
    assert "群访" in data["vocabulary"] and "客户" in data["common"]
