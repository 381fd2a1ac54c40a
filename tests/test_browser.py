"""The built site in a real browser, as an agent uses it: pages, search, copy, offline."""
from __future__ import annotations

import pytest
from browser import RequestLog
from conftest import ROOT
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"

AREA_PAGES = {
    "服务理念与原则": "principles/",
    "场景话术": "scenarios/greeting/",
    "投诉风险": "risks/group-visit/",
    "政策解释": "policies/purchase-limit/",
    "流程与案例": "processes/complaint-process/",
}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    RequestLog().attach(context)  # blocks anything off the host; test_no_request_left_the_host counts
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def _wait(page, selector: str, ms: int = 1500) -> bool:
    try:
        page.wait_for_selector(selector, timeout=ms)
        return True
    except Exception:  # noqa: BLE001 — Playwright's TimeoutError; the caller retries
        return False


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_home_page_shows_the_five_areas(page, site_url):
    page.goto(site_url)
    for area in AREA_PAGES:
        assert page.get_by_role("link", name=area).first.is_visible()
    shot(page, "home")


@pytest.mark.parametrize("area", AREA_PAGES)
def test_one_page_per_area_renders(page, site_url, area):
    page.goto(site_url + AREA_PAGES[area])
    assert page.locator("article h1").first.is_visible()
    assert "404" not in page.title()
    shot(page, "area-" + AREA_PAGES[area].strip("/").replace("/", "-"))


def test_wording_pair_side_by_side_with_copy_button(page, site_url):
    page.goto(site_url + "scenarios/greeting/")
    pair = page.locator(".wording-pair").first
    say, dont = pair.locator(".admonition.say").first, pair.locator(".admonition.dont").first
    assert say.locator(".admonition-title").inner_text().strip() == "这样说"
    # The drafted 您好 variant sits under the source line, labelled 待审 in text.
    assert pair.locator(".admonition.say.draft .draft-label").inner_text() == "待审"
    assert dont.locator(".admonition-title").inner_text().strip() == "不要这样说"
    say_box, dont_box = say.bounding_box(), dont.bounding_box()
    assert say_box["x"] < dont_box["x"] and abs(say_box["y"] - dont_box["y"]) < 5  # side by side
    button = say.locator(".hb-copy").first
    button.click()
    # The label changes once the clipboard has taken the text (a promise): wait for it, up to 5 s.
    expect(button).to_have_text("已复制", timeout=5000)
    shot(page, "wording-pair")


def test_diagrams_render_offline(page, site_url):
    page.goto(site_url + "processes/complaint-process/")
    # Material replaces <pre class="mermaid"> with a <div> whose (closed) shadow
    # root holds the SVG: a rendered diagram shows as a div with real height.
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.mermaid')].some(e => e.getBoundingClientRect().height > 100)",
        timeout=15000)
    shot(page, "diagram")


def test_chinese_search_finds_results(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("投诉")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    shot(page, "search-complaint")


def test_search_under_sub_path_links_back_into_the_sub_path(page, site_url):
    page.goto(site_url + "policies/")
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("群访")
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    href = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "/handbook/" in href


def test_no_request_left_the_host(browser, site_url):
    """Its own visit (pages, a diagram, a search), so it holds when run alone or in any order."""
    requests = RequestLog()
    context = browser.new_context(locale="zh-CN")
    requests.attach(context)
    page = context.new_page()
    for path in ["", *AREA_PAGES.values(), "processes/complaint-process/"]:
        page.goto(site_url + path)
    page.keyboard.press("/")
    for _ in range(10):  # a query typed before the index is loaded gets no answer: type it again
        page.locator("input.md-search__input").fill("投诉")
        if page.locator(".md-search-result__item").first.is_visible() or _wait(page, ".md-search-result__item"):
            break
    context.close()
    assert len(requests.urls) > 20
    assert requests.external == []
