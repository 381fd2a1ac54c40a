"""Search as an agent uses it, on the built site: quality floors and robustness.

The floors sit a little under the measured figures (tools/bench_search.py) so a
real regression fails CI while run-to-run noise does not.
"""
from __future__ import annotations

import contextlib
import json

import pytest
from browser import RequestLog, chromium, chromium_missing_message, serve_site
from search_eval import (
    RUN_QUERY,
    by_category,
    drafted_wording,
    entry_queries,
    forbidden_wording,
    honest_absent,
    load_queries,
    open_search,
    report,
    run_queries,
    summarise,
    undrafted,
    unsafe,
)

pytestmark = pytest.mark.browser

# Measured (tools/bench_search.py, issue 12): core hit@1 91.0 %, hit@3 98.9 %; safety hit@3
# 100 %, pinyin 100 %, customer 100 %, hold-out 72.2 %; 13 of 13 absent queries and 4 of 6
# hold-out absent queries answered 「没有找到」; 0 unlabelled forbidden or drafted previews.
FLOOR_HIT1, FLOOR_HIT3 = 0.90, 0.98
CATEGORY_FLOOR_HIT3 = {"词语": 0.95, "口语": 0.95, "数字": 0.95, "同义": 0.95, "繁体": 0.95, "标点": 0.95,
                       "safety": 0.97, "pinyin": 0.95, "customer": 0.95}
# The hold-out (written before the customer words were extended, never tuned on) is
# reported with its own floor, not held to the goals.
HOLDOUT_FLOOR_HIT3 = 0.70
FLOOR_ABSENT = 1.0    # share of absent queries answered with an honest 「没有找到」
FLOOR_ABSENT_HOLDOUT = 0.66
FLOOR_TAG_HIT3 = 0.97


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
    queries = load_queries()
    assert len(queries) >= 80
    sizes = {c: sum(1 for q in queries if q.category == c) for c in ("safety", "absent", "pinyin", "customer")}
    assert sizes["safety"] >= 30 and sizes["absent"] >= 10 and sizes["pinyin"] >= 10 and sizes["customer"] >= 10, sizes
    assert all(not q.expect for q in queries if q.category == "absent")


def test_no_forbidden_line_is_previewed_without_its_label(outcomes):
    forbidden = forbidden_wording()
    assert len(forbidden) > 50  # the check reads the handbook's 不要这样说 lines
    bad = unsafe(outcomes, forbidden)
    assert bad == [], report(outcomes, forbidden)


def test_drafted_wording_is_never_previewed_without_its_label(outcomes):
    drafted = drafted_wording()
    assert len(drafted) > 50  # the check reads the handbook's 待审 wording and notes
    bad = undrafted(outcomes, drafted)
    assert bad == [], report(outcomes, drafted=drafted)


def test_questions_the_handbook_cannot_answer_say_not_found(outcomes):
    honest, total = honest_absent(outcomes)
    assert honest / total >= FLOOR_ABSENT, report(outcomes)
    honest, total = honest_absent(outcomes, "absent-holdout")
    assert total >= 5 and honest / total >= FLOOR_ABSENT_HOLDOUT, report(outcomes)
    # Never the other way round: an answerable query in the core set is not told 没有找到.
    wrong = [o.query.text for o in outcomes if o.query.category in CATEGORY_FLOOR_HIT3 and "没有找到" in o.notice]
    assert wrong == []


def test_every_title_and_tag_finds_its_page(search_page, built_site):
    page, url, _, _ = search_page
    typed = run_queries(page, url, entry_queries(built_site))
    empty = [o.query.text for o in typed if not o.ranked]
    assert empty == []
    titles = [o for o in typed if o.query.category == "title"]
    assert [o.query.text for o in titles if not (o.rank() and o.rank() <= 3)] == []
    tags = [o for o in typed if o.query.category == "tag"]
    found = sum(1 for o in tags if o.rank() and o.rank() <= 3)
    assert found / len(tags) >= FLOOR_TAG_HIT3, [o.query.text for o in tags if not (o.rank() and o.rank() <= 3)]


def test_goal_set_meets_the_floors(outcomes):
    summary = summarise(outcomes)
    assert summary.hit1 >= FLOOR_HIT1 and summary.hit3 >= FLOOR_HIT3, report(outcomes)


def test_each_category_meets_its_floor(outcomes):
    categories = by_category(outcomes)
    low = {c: s.hit3 for c, s in categories.items() if c in CATEGORY_FLOOR_HIT3 and s.hit3 < CATEGORY_FLOOR_HIT3[c]}
    assert low == {}, report(outcomes)
    assert categories["holdout"].count >= 15 and categories["holdout"].hit3 >= HOLDOUT_FLOOR_HIT3, report(outcomes)


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


def test_answer_is_shown_not_folded_and_leads_with_approved_wording(search_page):
    page, _, _, _ = search_page
    page.evaluate(RUN_QUERY, "快下班了")
    first = page.locator(".md-search-result__list > li").first
    # The answering section is a visible link of its own, outside 「在该页上还有 N 个…」.
    section = first.locator(":scope > a.md-search-result__link[href*='#']").first
    assert "快下班时客户来到柜面" in section.inner_text().replace("\u200b", "")
    preview = section.locator(".hb-preview")
    assert preview.locator(".hb-say").first.inner_text().startswith("✓ 这样说")
    dont = preview.locator(".hb-dont")
    assert dont.count() == 1 and dont.inner_text().startswith("✗ 不要这样说")
    # Approved wording comes before the forbidden line.
    order = preview.evaluate("el => [...el.children].map(c => c.className)")
    assert order.index("hb-say") < order.index("hb-dont")


def test_not_found_says_so_with_the_query(search_page):
    page, _, _, _ = search_page
    result = page.evaluate(RUN_QUERY, "漏气")
    assert result["hrefs"] == [] and result["matched"] == 0
    assert "没有找到「漏气」" in page.locator(".md-search-result__meta").inner_text()
    # A single-character word that is in a page is still found (its run is there).
    assert page.evaluate(RUN_QUERY, "听我讲")["hrefs"]
    # Closest entries are offered, labelled as such, never as matches.
    result = page.evaluate(RUN_QUERY, "访群")
    assert result["matched"] == 0 and "没有找到「访群」" in result["notice"]
    closest = page.locator(".md-search-result__list > li .hb-closest")
    assert closest.count() >= 1 and "risks/group-visit/" in result["hrefs"][0]


def test_pinyin_and_initials(search_page):
    page, _, _, _ = search_page
    for typed in ("xiangou", "xg", "xian gou"):
        hrefs = page.evaluate(RUN_QUERY, typed)["hrefs"][:3]
        assert any("policies/purchase-limit/" in h for h in hrefs), (typed, hrefs)


def test_arrow_keys_and_enter_reach_the_answer_and_back_returns_to_the_query(search_page):
    _, url, _, _ = search_page
    with contextlib.closing(search_page[0].context.browser.new_context()) as context:
        requests = RequestLog()
        requests.attach(context)
        page = context.new_page()
        open_search(page, url)
        page.evaluate(RUN_QUERY, "偷拍")
        page.locator("input.md-search__input").focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused and "#" in focused, focused  # the answering section, not only its page
        page.keyboard.press("Enter")
        page.wait_for_url("**/risks/media-undercover/**")
        assert "#" in page.url
        page.go_back()
        page.wait_for_function("document.querySelector('input.md-search__input').value === '偷拍'")
        page.wait_for_selector(".md-search-result__list > li", state="visible")
        assert "q=" in page.url
        assert requests.external == []


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
    plan = lambda q: page.evaluate("q => makeQueryTransform(self.HANDBOOK_SEARCH)(q)", q)
    # A time word (明天, in 明天再来) does not make a query found; nor does a
    # customer word (燃气) beside a character the handbook never uses (灶).
    assert plan("明天天气").get("weak") and plan("燃气灶坏了").get("weak")
    assert not plan("明天再来").get("weak") and not plan("几个用户堵在大厅").get("weak")
    assert plan("三个客户在大厅")["words"] == ["大厅"]  # a numeral says how many, not what


def test_query_data_is_built_from_the_handbook(built_site):
    text = (built_site / "search" / "handbook-search-data.js").read_text(encoding="utf-8")
    data = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    assert data["synonyms"]["举报"] == ["投诉"]
    assert data["t2s"]["訪"] == "访"
    assert "群访" in data["vocabulary"] and "客户" in data["common"]
    assert {"明天", "什么", "几个"} <= set(data["function"]) and "群访" not in data["function"]
    assert "访" in data["characters"] and "灶" not in data["characters"]


def test_customer_vocabulary_file_is_valid_and_names_handbook_words(built_site):
    from conftest import ROOT

    from handbook.search_prep import CUSTOMER_SYNONYMS, load_customer_synonyms
    synonyms, problems = load_customer_synonyms(ROOT / CUSTOMER_SYNONYMS)
    assert problems == [] and len(synonyms) >= 30
    text = (built_site / "search" / "handbook-search-data.js").read_text(encoding="utf-8")
    data = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    vocabulary = set(data["vocabulary"])
    # A handbook word that is in no page would find nothing: say which.
    missing = sorted({c for words in synonyms.values() for c in words if c.lower() not in vocabulary})
    assert missing == []
    assert data["synonyms"]["回复"] == ["答复"] and "限购" in data["pinyin"]["xg"]
