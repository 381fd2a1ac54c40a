"""Line of business: recorded on every content page, shown under the title, data for the index filter."""
from __future__ import annotations

import json

from handbook.business import BUSINESSES, data_js, line_markdown, of, page_url
from handbook.checks import check_docs
from handbook.settings import load_settings


def test_every_content_page_names_its_line_of_business():
    report = check_docs(load_settings())
    missing = [page.path for page in report.pages if not page.path.startswith("guide/")
               and not page.path.endswith("index.md") and not of(page.meta)]
    assert missing == []


def test_software_only_lines_are_placeholders():
    text = "".join(page.text for page in check_docs(load_settings()).pages if page.text)
    assert "金牌会员" not in text and "登录后台" not in text


def test_line_is_text_and_names_the_business():
    assert "适用业务：<strong>燃气公司</strong>" in line_markdown({"business": ["燃气"]})
    assert "核对" not in line_markdown({"business": ["通用"]})
    assert line_markdown({}) is None and of({"business": "保险"}) == ["保险"]


def test_filter_data_maps_page_urls_to_businesses():
    class Page:
        def __init__(self, path, business):
            self.path, self.meta = path, {"business": business}

    class Report:
        pages = (Page("scenarios/greeting.md", ["通用"]), Page("policies/purchase-limit.md", ["燃气"]),
                 Page("scenarios/index.md", []))

    js = data_js(Report())
    data = json.loads(js.split("\n")[1].split("=", 1)[1].strip().rstrip(";"))
    assert 'HANDBOOK_BUSINESS_INDEXES = ["scenarios/"]' in js
    assert data == {"scenarios/greeting/": ["通用"], "policies/purchase-limit/": ["燃气"]}
    assert page_url("index.md") == "" and page_url("risks/index.md") == "risks/"
    assert set(BUSINESSES) == {"通用", "燃气", "保险", "软件"}
