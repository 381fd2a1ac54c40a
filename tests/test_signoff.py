"""Figures, roles and house style: the pieces behind the sign-off checks."""
from __future__ import annotations

import re

import markdown
from conftest import FIXTURES

from handbook.figures import literal_patterns, literal_search, literals_in
from handbook.house_rules import load
from handbook.markdown.roles import render_line
from handbook.prefilter import any_of
from handbook.roles import alias_uses, aliases, load_roles
from handbook.settings import ROOT
from handbook.style import StyleRule, check_body, fix_text, load_rules, matches, scoped_lines

VALUES = {"居民每次限购": "50方", "取暖用户每月限购": "350方", "报装费": "2480元", "限购开始": "2021年3月",
          "接听时限": "三声", "服务热线": "400-000-0000"}


def test_figures_match_whole_numbers_with_any_spacing():
    patterns = literal_patterns(VALUES)
    assert literals_in("每次限购 50 方", patterns) == [("50方", "居民每次限购")]
    assert literals_in("每月限购350方", patterns) == [("350方", "取暖用户每月限购")]  # not 50方 inside it
    assert literals_in("一次交12480元", patterns) == []
    assert literals_in("从2021 年 3 月起", patterns) == [("2021年3月", "限购开始")]
    assert literals_in("响三声之内", patterns) == []  # short words are never checked
    assert literals_in("拨打 400-000-0000", patterns) == [("400-000-0000", "服务热线")]


def test_lines_skipped_for_figures_have_none():
    patterns, anywhere = literal_search({**VALUES, "投诉记录单": "《客户投诉记录单》", "群访人数": "3人以上"})
    lines = [line for path in sorted((ROOT / "docs").rglob("*.md")) for line in path.read_text(encoding="utf-8").split("\n")]
    lines += ["每次限购 50 方", "从2021 年 3 月起", "拨打 400-000-0000", "填《客户投诉记录单》", "来了 3 人以上"]
    assert all(anywhere.search(line) for line in lines if literals_in(line, patterns))
    assert sum(1 for line in lines if literals_in(line, patterns)) >= 5


def test_real_style_rules_all_pass_their_own_examples():
    rules, broken = load_rules(ROOT / "snippets" / "style.yml")
    assert broken == [] and len(rules) >= 10


def test_style_reports_line_and_column_in_scope_and_fix_applies_safe_rules():
    rules, _ = load_rules(ROOT / "snippets" / "style.yml")
    body = ('# 标题\n\n!!! say "这样说"\n    - 我理解你的心情，涉及其它部门。\n\n'
            '!!! dont "不要这样说"\n    - 你自己看吧。\n\n> **客户**：你们「不管」\n\n限购 50 方，见 `其它`。\n')
    found = [(line, column, found) for line, column, _, found, _ in check_body(body, 1, rules)]
    assert (4, 10, "你") in found and (4, 17, "其它") in found
    assert not any(line == 7 for line, _, _ in found)  # 你 in a dont block is the point of it
    assert (9, 12, "「不管」") in found and (11, 4, "50 方") in found
    assert not any(f == "其它" and line == 11 for line, _, f in found)  # code spans are left alone
    fixed, count = fix_text("---\ntitle: 「x」\n---\n" + body, rules)
    assert "title: 「x」" in fixed and "我理解您的心情，涉及其他部门" in fixed
    assert "你自己看吧" in fixed and "“不管”" in fixed and "限购 50方" in fixed and "`其它`" in fixed
    assert count == 4


def test_style_finds_the_same_as_every_rule_on_every_line():
    """check_body searches a line rule by rule only where one combined pattern matches;
    what it reports is what each rule finds on each line, also for rules that cannot
    be combined (a backreference, a named group, a global flag)."""
    rules, _ = load_rules(ROOT / "snippets" / "style.yml")
    odd = [StyleRule("重复", re.compile(r"(好)\1"), "好", "不重复"),
           StyleRule("命名", re.compile(r"(?P<x>您)(?P=x)"), "您", "重复", scope="这样说"),
           StyleRule("大小写", re.compile(r"(?i)yes"), "YES", "大写")]
    assert any_of([rule.pattern for rule in rules + odd])[1] == (len(rules), len(rules) + 1, len(rules) + 2)
    body = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob("*.md")))
    body += '\n好好 Yes 其它\n\n!!! say "这样说"\n    - 您您好，你的 yes 2480 元\n'
    for checked in (rules, rules + odd[:2], rules + odd):
        expected = [(number, match.start() + 1, rule.name, match.group(0))
                    for number, raw, scopes in scoped_lines(body, 1) for rule in checked if rule.scope in scopes
                    for match in matches(rule, raw)]
        found = [(line, column, rule.name, text) for line, column, rule, text, _ in check_body(body, 1, checked)]
        assert found == expected and len({name for _, _, name, _ in found}) >= 4


def test_roles_render_with_duties_and_aliases_are_found_outside_quotes():
    roles, problems = load_roles(ROOT / "snippets" / "roles.yml")
    assert problems == []
    assert all(target in roles for role in roles.values() for target in role.hands_to)
    html = render_line("交给 [[投诉人员]] 处理", roles)[0]
    assert '<span class="role" title="负责：' in html and ">投诉人员</span>" in html
    assert render_line("[[角色表]]", roles)[0].startswith("| 角色 |")
    table = aliases(roles)
    uses = [(alias, role) for _, alias, role in alias_uses("报主管，不说“找领导”，交[[柜面主管]]和柜面主管", table)]
    assert uses == [("主管", "柜面主管")]
    page = markdown.markdown("交 [[投诉人员]]", extensions=["handbook.markdown.roles"],
                             extension_configs={"handbook.markdown.roles": {"file": str(ROOT / "snippets" / "roles.yml")}})
    assert 'class="role"' in page


def test_broken_snippets_are_reported_not_fatal():
    data = load(FIXTURES / "broken-snippets")
    assert {p.code for p in data.file_problems} == {"roles-file", "style-rule-broken"}
    assert data.style_rules == []  # the broken rule is not applied
