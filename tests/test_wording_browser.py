"""话术自查 and 话术练习 in Chromium: marking, agreement with `handbook wording`, a drill completed, offline."""
from __future__ import annotations

import pytest
from browser import RequestLog
from conftest import ROOT
from wording_eval import load_set

from handbook.checks import check_docs
from handbook.settings import load_settings
from handbook.wording.checker import Checker

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, locale="zh-CN")
    requests = RequestLog()
    requests.attach(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
    assert requests.external == [], f"requests that left the host: {requests.external}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_self_check_marks_each_phrase_with_the_approved_wording(page, site_url):
    page.goto(site_url + "tools/self-check/")
    page.fill("#hb-draft", "您好，请稍等。\n这事儿不归我管啊\n你激动啥？有话好好说")
    page.wait_for_selector(".hb-wording__finding")
    marks = page.locator(".hb-wording__marked mark")
    assert marks.all_inner_texts() == ["这事儿不归我管", "你激动啥？有话好好说"]
    findings = page.locator(".hb-wording__finding")
    assert findings.count() == 2
    first = findings.nth(0).inner_text()
    assert "✗1 不要这样说" in first and "这事不归我管。" in first
    assert "✓ 可以这样说" in first and "我会尽最大的努力来帮您解决这个问题。" in first
    assert "发现 2 处" in page.locator(".hb-wording__status").inner_text()
    href = findings.nth(0).locator("a.hb-wording__source").get_attribute("href")
    assert href == "../../scenarios/calming-complaints/"
    shot(page, "wording-self-check")
    page.fill("#hb-draft", "请您稍等，我马上为您办理。")
    page.wait_for_function("document.querySelector('.hb-wording__status').textContent.includes('没有发现')")
    assert page.locator(".hb-wording__finding").count() == 0


def test_browser_matching_agrees_with_handbook_wording_on_the_labelled_set(page, site_url):
    settings = load_settings(ROOT / "mkdocs.yml")
    checker = Checker(check_docs(settings), settings)
    texts = [item.text for item in load_set()]
    expected = []
    for text in texts:
        found = []
        for match in checker.matcher.match(text):
            pair = checker.pairs[checker.matcher.patterns[match.pattern].pairs[0]]
            found.append([pair.forbidden.text, pair.source, match.text])
        expected.append(found)
    page.goto(site_url + "tools/self-check/")
    got = page.evaluate("""(texts) => texts.map((t) => self.handbookWording.match(t).map((m) => {
        const pair = self.handbookWording.pairs[m.pair];
        return [pair.forbidden, pair.source, m.text];
    }))""", texts)
    differences = [(t, e, g) for t, e, g in zip(texts, expected, got) if e != g]
    assert not differences, f"browser and Python disagree on {len(differences)} lines: {differences[:5]}"
    assert sum(1 for e in expected if e) > 100   # the comparison covers many findings, not only clean lines


def test_a_drill_is_completed_and_progress_kept(page, site_url):
    page.goto(site_url + "tools/drills/?category=等候")
    assert page.locator("select[name=category]").input_value() == "等候"
    progress = page.locator(".hb-drill__progress")
    assert progress.inner_text() == "已完成 0 / 4 个情景"
    situation = page.locator(".hb-drill__situation").inner_text()
    assert situation == "等候与电脑故障：客户在柜台前等办理结果"
    page.get_by_role("button", name="坐着等会儿吧！").click()
    feedback = page.locator(".hb-drill__feedback")
    assert "✗ 这是手册里「不要这样说」的话。" in feedback.inner_text()
    assert "为什么：客户看不到你在系统里做什么" in feedback.inner_text()
    assert progress.inner_text() == "已完成 0 / 4 个情景"
    page.get_by_role("button", name="对不起，我正在为您办理业务，请稍等。").click()
    assert "✓ 答对了。" in feedback.inner_text()
    assert progress.inner_text() == "已完成 1 / 4 个情景"
    shot(page, "wording-drill-answered")
    page.get_by_role("button", name="下一题").click()
    assert page.locator(".hb-drill__situation").inner_text() != situation
    # A typed reply goes through the same checker.
    page.get_by_label("自己写回复").fill("急啥呀，前面还有人呢")
    page.get_by_role("button", name="检查").click()
    assert "像手册里不要说的「急什么，前面还有人呢。」" in feedback.inner_text()
    page.get_by_label("自己写回复").fill("请稍等，我们会尽快为您服务。")
    page.get_by_role("button", name="检查").click()
    assert "✓ 没有发现手册里不要说的话" in feedback.inner_text()
    assert progress.inner_text() == "已完成 2 / 4 个情景"
    page.reload()
    assert page.locator(".hb-drill__progress").inner_text() == "已完成 2 / 4 个情景"
    page.get_by_role("button", name="清除进度").click()
    assert page.locator(".hb-drill__progress").inner_text() == "已完成 0 / 4 个情景"


def test_drills_by_channel(page, site_url):
    page.goto(site_url + "tools/drills/")
    page.select_option("select[name=channel]", "回访")
    assert "channel=%E5%9B%9E%E8%AE%BF" in page.url
    text = page.locator(".hb-drill__progress").inner_text()
    assert text.startswith("已完成 0 / ") and not text.endswith("/ 0 个情景")


def test_drafted_wording_is_labelled_in_self_check_and_drills(page, site_url):
    # As if every approved line were still 待审 (issue 13's Phrase.draft).
    def mark_drafts(route):
        body = route.fetch().text()
        route.fulfill(body=body + "self.HANDBOOK_WORDING.pairs.forEach((p) => p.say.forEach((s) => { s.draft = true; }));",
                      content_type="text/javascript")
    page.route("**/handbook-wording-data.js", mark_drafts)
    page.goto(site_url + "tools/self-check/")
    page.fill("#hb-draft", "你激动啥？有话好好说")
    page.wait_for_selector(".hb-wording__finding")
    assert "我理解您现在的心情。「待审」" in page.locator(".hb-wording__say").inner_text()
    page.goto(site_url + "tools/drills/?category=等候")
    assert page.get_by_role("button", name="对不起，我正在为您办理业务，请稍等。「待审」").is_visible()
