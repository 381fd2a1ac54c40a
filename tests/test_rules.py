"""One broken page per rule: the check names the rule, the file and the line."""
from __future__ import annotations

import pytest
from conftest import FIXTURES, fixture_settings

from handbook.checks import check_sources
from handbook.links import Project
from handbook.rules import RULES, SETUP_CODES  # setup rules: tests/test_setup.py

BASE = sorted((FIXTURES / "base").glob("*.md"))
NAV = FIXTURES / "nav"
# Fixtures whose problem is reported in another file than the page itself.
ELSEWHERE = {
    "nav-not-found.md": "mkdocs.yml",
    "glossary-syntax.md": "snippets/glossary-syntax.md",
    "not-markdown-file.md": "broken/not-markdown-file.md.txt",
}

# fixture file → (rule code, line the problem must point at, words the message must contain)
EXPECTED = {
    "encoding.md": ("encoding", 4, "GBK"),
    "no-front-matter.md": ("front-matter-missing", 1, "缺少页头"),
    "unclosed.md": ("front-matter-unclosed", 1, "没有结束"),
    "tab.md": ("front-matter-tab", 6, "Tab"),
    "fullwidth-colon.md": ("front-matter-fullwidth-colon", 7, "owner"),
    "yaml-syntax.md": ("front-matter-syntax", 4, "冒号"),
    "not-mapping.md": ("front-matter-not-mapping", 2, "键: 值"),
    "unknown-key.md": ("unknown-key", 9, "是不是想写「tags」"),
    "missing-key.md": ("missing-key", 1, "owner"),
    "bad-value.md": ("bad-value", 5, "微信"),
    "fullwidth-list-punctuation.md": ("fullwidth-list-punctuation", 5, "［柜面，电话］"),
    "bad-type.md": ("bad-type", 9, "整数"),
    "bad-date.md": ("bad-date", 8, "2026-13-01"),
    "bad-id.md": ("bad-id", 2, "Scn_X"),
    "duplicate-id.md": ("duplicate-id", 2, "base/scenario.md"),
    "unknown-reference.md": ("unknown-reference", 9, "是不是想写「risk-base」"),
    "wrong-reference-kind.md": ("wrong-reference-kind", 9, "政策解释"),
    "title-mismatch.md": ("title-mismatch", 11, "另一个标题"),
    "missing-h1.md": ("missing-h1", 10, "一级标题"),
    "unknown-value-name.md": ("unknown-value-name", 16, "是不是想写「公司名称」"),
    "org-literal.md": ("org-literal", 16, "华炫科技"),
    "fullwidth-admonition.md": ("fullwidth-admonition", 15, "全角"),
    "bold-not-rendered.md": ("bold-not-rendered", 15, "**客户**：你好"),
    "unknown-block-type.md": ("unknown-block-type", 15, "是不是想写「say」"),
    "empty-wording.md": ("empty-wording", 15, "这样说"),
    "wording-outside-situation.md": ("wording-outside-situation", 13, "这样说"),
    "scenario-no-situation.md": ("scenario-no-situation", 11, "没有任何情境"),
    "situation-missing-approved.md": ("situation-missing-approved", 13, "客户来电"),
    "situation-missing-forbidden.md": ("situation-missing-forbidden", 13, "客户来电"),
    "forbidden-in-approved.md": ("forbidden-in-approved", 16, "什么事办什么"),
    "policy-missing-section.md": ("policy-missing-section", 12, "例外"),
    "policy-section-order.md": ("policy-section-order", 17, "规定"),
    "policy-missing-approved.md": ("policy-missing-approved", 25, "怎样向客户解释"),
    "policy-missing-forbidden.md": ("policy-missing-forbidden", 30, "不要这样说"),
    "review-overdue.md": ("review-overdue", 8, "2025-01-01"),
    # --- what the build rejects ---
    "not-markdown-file.md": ("not-markdown-file", 0, "not-markdown-file.md"),
    "front-matter-colon-space.md": ("front-matter-colon-space", 4, "title: 测试场景"),
    "review-date-future.md": ("review-date-future", 8, "2062-11-01"),
    "link-not-found.md": ("link-not-found", 21, "是不是想写「../base/risk.md」"),
    "link-without-md.md": ("link-without-md", 21, "../base/risk.md"),
    "link-absolute.md": ("link-absolute", 21, "../base/risk.md"),
    "link-fullwidth-parentheses.md": ("link-fullwidth-parentheses", 21, "[文字](../base/risk.md)"),
    "anchor-not-found.md": ("anchor-not-found", 21, "是不是想写「#怎样识别」"),
    "image-not-found.md": ("image-not-found", 21, "images/counter.png"),
    "snippet-not-found.md": ("snippet-not-found", 21, "no-such-snippet.md"),
    "nav-not-found.md": ("nav-not-found", 7, "是不是改名成了「broken/nav-not-found.md」"),
    "nav-missing-page.md": ("nav-missing-page", 1, "  - 标题: broken/nav-missing-page.md"),
    "glossary-syntax.md": ("glossary-syntax", 3, "*[YES-BUT]"),
    # --- what the renderer would show as typed ---
    "admonition-not-rendered.md": ("admonition-not-rendered", 15, '!!! say "这样说"'),
    "fullwidth-heading.md": ("fullwidth-heading", 13, "## 客户来电"),
    "heading-indented.md": ("heading-indented", 13, "顶格"),
    "situation-heading-level.md": ("situation-heading-level", 21, "## 客户又来电"),
    "wording-indent.md": ("wording-indent", 17, "2 个空格"),
    "wording-lines-joined.md": ("wording-lines-joined", 17, "- 请问有什么能帮您？"),
    "code-fence-unclosed.md": ("code-fence-unclosed", 15, "```"),
    "comment-unclosed.md": ("comment-unclosed", 21, "-->"),
    "html-unclosed.md": ("html-unclosed", 21, "</div>"),
    "table-not-rendered.md": ("table-not-rendered", 21, "|---|"),
    "value-braces.md": ("value-braces", 16, "{{ 公司名称 }}"),
    "mermaid-syntax.md": ("mermaid-syntax", 23, "-->"),
    "mermaid-fence.md": ("mermaid-fence", 21, "```mermaid"),
    # issue 13: provenance, roles, figures, house style
    "approval-malformed.md": ("approval-malformed", 18, "2026-13-01"),
    "unknown-role.md": ("unknown-role", 13, "是不是想写「投诉人员」"),
    "role-alias.md": ("role-alias", 13, "[[柜面主管]]"),
    "style.md": ("style", 18, "改成「您」"),
    "policy-missing-spoken.md": ("policy-missing-spoken", 12, "先这样说"),
    "policy-spoken-too-long.md": ("policy-spoken-too-long", 15, "超过 60 字"),
}
# Rules of the built-site scan (handbook scan-site): their fixtures are tested in
# tests/test_site_scan.py, which renders them and scans the result.
SITE_FIXTURES = {"site-raw-markup.md": "site-raw-markup", "site-diagram-not-rendered.md": "site-diagram-not-rendered"}


def fixture_project(names) -> Project:
    """What the build reads besides the pages, for these broken fixtures."""
    project = Project(snippets={"glossary.md": "*[CRM]: 客户关系管理\n"}, auto_append=["glossary.md"])
    for name in names:
        if (NAV / f"{name[:-3]}.yml").is_file():
            project = Project(config_text=(NAV / f"{name[:-3]}.yml").read_text(encoding="utf-8"),
                              snippets=project.snippets, auto_append=project.auto_append)
    if "glossary-syntax.md" in names:
        project.snippets["glossary-syntax.md"] = (FIXTURES / "broken" / "glossary-syntax.md").read_text(encoding="utf-8")
        project.auto_append.append("glossary-syntax.md")
    if "not-markdown-file.md" in names:
        project.misnamed["broken/not-markdown-file.md.txt"] = (FIXTURES / "broken" / "not-markdown-file.md").read_bytes()
    return project


def page_sources(names):
    """The fixture pages as pages (the glossary and the misnamed file are not pages)."""
    return [(f"broken/{name}", (FIXTURES / "broken" / name).read_bytes()) for name in names
            if name not in ("glossary-syntax.md", "not-markdown-file.md")]

# Rules about the snippets files themselves: tests/fixtures/broken-snippets/ holds
# one broken file per rule (the pages' fixtures use the sound tests/fixtures/snippets/).
FILE_FIXTURES = {"roles-file": ("roles.yml", "投诉专员"), "style-rule-broken": ("style.yml", "没有被找出来")}


def problems_for(name: str):
    sources = [(f"base/{p.name}", p.read_bytes()) for p in BASE] + page_sources([name])
    report = check_sources(sources, fixture_settings(), fixture_project([name]))
    where = ELSEWHERE.get(name, f"broken/{name}")
    return report, [p for p in report.problems if p.path == where]


def test_base_pages_are_clean():
    report, _ = problems_for("bom-crlf.md")
    assert report.problems == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_page_reports_its_rule_at_its_line(name):
    code, line, words = EXPECTED[name]
    _, problems = problems_for(name)
    assert [(p.code, p.line) for p in problems] == [(code, line)], [p.format() for p in problems]
    problem = problems[0]
    assert words in problem.message + problem.fix
    assert problem.fix  # every message says how to fix it


def test_every_rule_has_a_fixture():
    assert {code for code, _, _ in EXPECTED.values()} | set(SITE_FIXTURES.values()) | set(FILE_FIXTURES) \
        == set(RULES) - SETUP_CODES
    assert all(RULES[code].stage == "site" for code in SITE_FIXTURES.values())


@pytest.mark.parametrize("code", sorted(FILE_FIXTURES))
def test_each_broken_snippets_file_reports_its_rule(code):
    from handbook.house_rules import load

    name, words = FILE_FIXTURES[code]
    problems = [p for p in load(FIXTURES / "broken-snippets").file_problems if p.path.endswith(name)]
    assert [p.code for p in problems] == [code], [p.format() for p in problems]
    assert words in problems[0].message + problems[0].fix


def test_every_fixture_is_in_the_table():
    assert {p.name for p in (FIXTURES / "broken").glob("*.md")} - {"bom-crlf.md"} == set(EXPECTED) | set(SITE_FIXTURES)


def test_bom_and_crlf_are_read_like_clean_utf8():
    report, problems = problems_for("bom-crlf.md")
    assert problems == []
    page = next(p for p in report.pages if p.path == "broken/bom-crlf.md")
    assert page.meta["title"] == "测试场景" and "\r" not in page.body


def test_all_problems_of_all_files_come_in_one_run():
    names = sorted(p.name for p in (FIXTURES / "broken").glob("*.md") if p.name not in SITE_FIXTURES)
    sources = page_sources(names) + [(f"base/{p.name}", p.read_bytes()) for p in BASE]
    report = check_sources(sources, fixture_settings(), fixture_project(names))
    assert {p.code for p in report.problems} | set(FILE_FIXTURES) == {
        code for code, rule in RULES.items() if rule.stage == "check" and code not in SETUP_CODES}


def test_bold_check_reads_lines_as_written():
    from handbook.emphasis import unrendered_bold

    assert unrendered_bold("**客户：**你好")
    assert unrendered_bold("    - **让他说完。**然后")
    assert not unrendered_bold("- **写进 `synonyms`**，例如 `{a: [b]}`：搜")
    assert not unrendered_bold("**客户**：你好") and not unrendered_bold("没有加粗")
