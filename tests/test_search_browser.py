"""The pages an agent opens from search, in a real browser at the two screen
sizes agents use (a 1366 × 768 counter screen, a 390 × 844 phone): the CJK font
stack is applied, copy buttons are tap targets and stay out of print, the
approved wording is readable, the home page's most-used list is above the fold,
and search result previews carry their labels.  Screenshots go to the pytest
temporary directory for a person to look at."""
from __future__ import annotations

import pytest
from browser import RequestLog, chromium, chromium_missing_message, serve_site
from search_eval import RUN_QUERY, open_search

pytestmark = pytest.mark.browser

SCREENS = {"counter": (1366, 768), "phone": (390, 844)}
SCENARIO = "scenarios/after-hours/"


@pytest.fixture(scope="module")
def site(built_site):
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing)
    with serve_site(built_site) as url, chromium() as browser:
        requests = RequestLog()
        yield url, browser, requests
    assert requests.external == []


def open_page(site, path, screen):
    url, browser, requests = site
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height})
    requests.attach(context)
    page = context.new_page()
    page.goto(url + path)
    page.wait_for_selector(".hb-copy", state="attached") if path == SCENARIO else None
    return page


@pytest.mark.parametrize("screen", SCREENS)
def test_the_cjk_font_stack_is_applied(site, screen):
    page = open_page(site, SCENARIO, screen)
    for selector in ("body", ".md-typeset h1", ".md-search__input"):
        family = page.locator(selector).first.evaluate("el => getComputedStyle(el).fontFamily")
        assert family.startswith('"PingFang SC"'), (selector, family)
    page.context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_copy_buttons_are_tap_targets(site, screen, tmp_path):
    page = open_page(site, SCENARIO, screen)
    boxes = [b.bounding_box() for b in page.locator(".hb-copy").all()]
    assert boxes
    assert all(box["width"] >= 44 and box["height"] >= 44 for box in boxes), boxes[:3]
    # The button does not cover the wording it copies.
    first = page.locator(".say li").first
    text_right = first.evaluate("""li => { const r = document.createRange(); r.selectNodeContents(li.firstChild);
                                          return r.getBoundingClientRect().right; }""")
    assert text_right <= boxes[0]["x"] + 1
    page.screenshot(path=str(tmp_path / f"{screen}-scenario.png"), full_page=False)
    page.context.close()


def test_copy_buttons_are_not_printed(site):
    page = open_page(site, SCENARIO, "counter")
    page.emulate_media(media="print")
    assert page.locator(".hb-copy").first.evaluate("el => getComputedStyle(el).display") == "none"
    page.context.close()


def test_approved_wording_is_readable_on_a_counter_screen(site):
    page = open_page(site, SCENARIO, "counter")
    pair = page.locator(".wording-pair").first.bounding_box()
    say = page.locator(".admonition.say").first.bounding_box()
    # The approved column is the wider one, about 20 characters a line or more
    # at 0.85rem (17 px) beside its copy buttons.
    assert say["width"] >= 0.55 * pair["width"] and say["width"] >= 380, (say, pair)
    size = page.locator(".say li").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 16
    page.context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_most_used_list_is_above_the_fold_on_the_home_page(site, screen, tmp_path):
    page = open_page(site, "", screen)
    height = SCREENS[screen][1]
    heading = page.locator("h2#最常用").bounding_box()
    first_row = page.locator("table tbody tr").first.bounding_box()
    assert heading["y"] < height and first_row["y"] + first_row["height"] <= height, (heading, first_row)
    page.screenshot(path=str(tmp_path / f"{screen}-home.png"))
    page.context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_result_previews_label_forbidden_wording(site, screen, tmp_path):
    page = open_page(site, "", screen)
    open_search(page, site[0])
    page.evaluate(RUN_QUERY, "偷拍")
    preview = page.locator(".md-search-result__list .hb-preview").first
    preview.wait_for(state="visible")
    say, dont = preview.locator(".hb-say"), preview.locator(".hb-dont")
    assert say.inner_text().startswith("✓ 这样说") and dont.inner_text().startswith("✗ 不要这样说")
    assert dont.locator("del").count() == 1  # struck through, not colour alone
    assert say.bounding_box()["y"] < dont.bounding_box()["y"]  # the approved line comes first
    page.screenshot(path=str(tmp_path / f"{screen}-results.png"))
    page.context.close()


def test_drafted_wording_looks_the_same_in_previews_and_on_pages(site):
    """One 待审 style (.draft-label): a drafted line in a result preview carries the
    label the page shows on its drafted block, and looks the same."""
    style = "el => { const s = getComputedStyle(el); return [s.color, s.backgroundColor, s.borderTopStyle, s.fontWeight]; }"
    page = open_page(site, "policies/complaint-response-time/", "counter")
    on_page = page.locator(".admonition.draft .draft-label").first
    assert on_page.inner_text() == "待审"
    expected = on_page.evaluate(style)
    open_search(page, site[0])
    page.evaluate(RUN_QUERY, "三个工作日答复")
    label = page.locator(".md-search-result__list .hb-say .draft-label").first
    label.wait_for(state="visible")
    assert label.inner_text() == "待审" and label.evaluate(style) == expected
    assert page.locator(".md-search-result__list .hb-draft").count() == 0
    page.context.close()


def test_results_show_only_the_tags_the_query_matched(site):
    """A result's tag chips say why it is there: only the tags the query matched
    (each marked), not every tag of the page."""
    page = open_page(site, "", "counter")
    open_search(page, site[0])
    page.evaluate(RUN_QUERY, "律师")
    page.locator(".md-search-result__list .md-tag").first.wait_for(state="visible")
    chips = page.locator(".md-search-result__list .md-tag").all()
    assert chips and all(chip.locator("mark").count() == 1 for chip in chips), [c.inner_text() for c in chips]
    page.context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_results_further_down_are_drawn_when_scrolled_to(site, screen):
    """Results from the fourth on are laid out only near the view
    (content-visibility): scrolled to, each shows its title and preview."""
    page = open_page(site, "", screen)
    open_search(page, site[0])
    page.evaluate(RUN_QUERY, "投诉")
    items = page.locator(".md-search-result__list > li.md-search-result__item")
    assert items.count() >= 6
    for index in (0, 3, 5):
        item = items.nth(index)
        item.scroll_into_view_if_needed()
        page.wait_for_function("el => el.innerText.trim().length > 0", arg=item.element_handle())
        title = item.locator("h1, h2").first
        assert title.bounding_box()["height"] > 10, index
    page.context.close()


def test_folded_sections_are_headings_that_link_to_their_section(site):
    page = open_page(site, "", "counter")
    open_search(page, site[0])
    page.evaluate(RUN_QUERY, "投诉处理流程")
    more = page.locator(".md-search-result__list .md-search-result__more").first
    more.locator("summary").click()
    links = more.locator("a.md-search-result__link").all()
    assert links
    for link in links:
        assert "#" in link.get_attribute("href")
        assert link.locator("h2").inner_text().strip()
        assert link.locator("p").count() == 0  # headings only: the shown section carries the preview
    page.context.close()
