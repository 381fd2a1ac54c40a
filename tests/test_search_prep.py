"""Build-time search preparation, without a build."""
from __future__ import annotations

import pytest
from conftest import fixture_settings

from handbook.search_prep import (
    declared_synonyms,
    dictionary_words,
    function_words,
    handbook_characters,
    index_vocabulary,
    query_data,
    traditional_to_simplified,
    user_dictionary_text,
)
from handbook.source import Page


def page(**meta) -> Page:
    return Page(path="x.md", meta=meta)


def test_dictionary_keeps_terms_jieba_would_cut_into_characters():
    pages = [page(title="群访（3人以上）", tags=["群访", "冲击柜面", "冲动型"], category="风险信号",
                  synonyms={"明访": ["开户费"]}),
             page(tags=["一般类投诉", "客户"])]
    words = dictionary_words(pages, glossary="*[暗访]: 暗访\n*[CRM]: x\n")
    assert {"群访", "明访"} <= set(words)
    from handbook.search_prep import _tokenizer
    tokenizer = _tokenizer()
    for word in words:  # as Material's search plugin loads the user dictionary
        tokenizer.add_word(word, freq=200000)
    for term in ("群访", "冲动型", "明访", "暗访"):  # whole, from the dictionary or jieba's own
        assert tokenizer.lcut(term, HMM=False) == [term]
    # compounds of real words would hide 冲击, 投诉 …; aliases never appear in pages
    assert not {"冲击柜面", "一般类投诉", "客户", "开户费"} & set(words)
    assert user_dictionary_text(["群访"]) == "群访 200000 n\n"


def test_each_evaluation_starts_from_jieba_s_own_dictionary():
    # mkdocs serve rebuilds in one process: the second dictionary must not lose
    # the terms the first one accepted.
    pages = [page(tags=["群访", "明访"])]
    assert dictionary_words(pages) == dictionary_words(pages) == ["明访", "群访"]


def test_synonyms_are_inverted_alias_to_canonical():
    pages = [page(synonyms={"投诉": ["举报", "告状"]}), page(synonyms={"媒体": ["曝光"], "投诉": ["举报"]})]
    assert declared_synonyms(pages) == {"举报": ["投诉"], "告状": ["投诉"], "曝光": ["媒体"]}


def test_vocabulary_counts_entries_per_token():
    index = {"config": {"separator": "[\\s\\u200b]+"}, "docs": [
        {"title": "群访", "text": "客户\u200b群访\u200b客户"}, {"title": "限购", "text": "客户"}]}
    entries, df = index_vocabulary(index)
    assert entries == 2 and df == {"群访": 1, "客户": 2, "限购": 1}
    index["docs"] += [{"title": f"第{n}节", "text": "客户"} for n in range(8)]
    data = query_data(index, [])
    assert data["common"] == ["客户"]  # in 10 of 10 entries; 群访 and 限购 in 1 of 10
    memo: dict = {}  # mkdocs serve keeps each entry's tokens between rebuilds
    assert index_vocabulary(index, memo) == index_vocabulary(index, memo) == index_vocabulary(index)
    index["docs"][0]["text"] = "投诉"
    assert index_vocabulary(index, memo) == index_vocabulary(index)
    assert len(memo[""]["[\\s\\u200b]+"]) == len({(d["title"], d["text"]) for d in index["docs"]})


def test_traditional_table_maps_single_characters():
    table = traditional_to_simplified()
    assert table["禮"] == "礼" and table["衝"] == "冲" and "礼" not in table
    assert all(len(k) == 1 and len(v) == 1 and ord(v) < 0x10000 for k, v in table.items())


def test_pinyin_table_spells_terms_in_full_and_by_initials():
    from handbook.search_prep import pinyin_table
    pages = [page(title="限购", tags=["律师", "群访"]), page(title="投诉等级（一般、重大）")]
    table = pinyin_table(pages, {"限购": 3, "下跪": 1, "群访": 2}, {"举报": ["投诉"]})
    assert table["xiangou"] == ["限购"] and "限购" in table["xg"]
    assert table["lvshi"] == ["律师"] == table["lushi"]  # ü typed v or u
    assert table["tsdj"] == ["投诉等级"] and table["jubao"] == ["举报"]
    assert "xg" in table and "下跪" not in table["xg"]  # index words get full pinyin only
    assert table["xiagui"] == ["下跪"]


def test_customer_synonyms_file(tmp_path):
    from handbook.search_prep import load_customer_synonyms, merge_synonyms
    good = tmp_path / "good.yml"
    good.write_text("# 说明\n答复: [回复, 回话]\n证件: 身份证\n", encoding="utf-8")
    assert load_customer_synonyms(good) == ({"回复": ["答复"], "回话": ["答复"], "身份证": ["证件"]}, [])
    assert load_customer_synonyms(tmp_path / "missing.yml") == ({}, [])
    assert merge_synonyms({"回复": ["答复"]}, {"回复": ["回访"]}) == {"回复": ["回访", "答复"]}


@pytest.mark.parametrize("text, expected", [
    ("答复:\n\t- 回复\n", "bad.yml:2"),                 # a tab
    ("答复：[回复]\n限购: [x\n", "bad.yml:"),            # full-width colon makes it one string; bad flow list
    ("- 答复\n", "bad.yml:1"),                          # not a mapping
    ("答复:\n限购: [买不了, '']\n", "bad.yml:1"),        # no customer words; an empty one
])
def test_customer_synonyms_problems_name_file_line_and_fix(tmp_path, text, expected):
    from handbook.search_prep import load_customer_synonyms
    bad = tmp_path / "bad.yml"
    bad.write_text(text, encoding="utf-8")
    _, problems = load_customer_synonyms(bad)
    assert problems and all("改法" in p for p in problems), problems
    assert expected in problems[0], problems


def test_customer_synonyms_in_gbk_are_named(tmp_path):
    from handbook.search_prep import load_customer_synonyms
    bad = tmp_path / "gbk.yml"
    bad.write_bytes("答复: [回复]\n".encode("gbk"))
    assert "UTF-8" in load_customer_synonyms(bad)[1][0]


PAGE = """---
id: scn-x
kind: scenario
title: 下班时来访
tags: [下班, 培训]
owner: 柜面服务组
reviewed: 2026-11-20
---

# 下班时来访

## 快下班时客户**来到**柜面

!!! say "这样说"
    - 您好，{{ 公司名称 }}欢迎您。

!!! dont "不要这样说"
    - 快下班了，明天再办。
"""


def test_answer_data_from_the_outline():
    from handbook.checks import check_sources
    from handbook.search_answers import (
        answer_data,
        answer_data_script,
        forbidden_lines,
        section_key,
    )
    report = check_sources([("scenarios/x.md", PAGE.encode()), ("risks/index.md", b"# x\n")], fixture_settings())
    data = answer_data(report, fixture_settings())
    situation = data["sections"]["scenarios/x/"][section_key("快下班时客户来到柜面")]
    assert situation == {"say": [{"t": "您好，华炫科技欢迎您。"}], "dont": [{"t": "快下班了，明天再办。"}]}
    assert data["pages"]["scenarios/x/"]["answer"] == 1   # a scenario is an answer even if tagged 培训
    assert data["pages"]["risks/"]["answer"] == 0          # a section index page is background
    assert forbidden_lines(report, fixture_settings()) == ["快下班了，明天再办。"]
    assert answer_data_script(report, fixture_settings()).startswith("self.HANDBOOK_ANSWERS = {")


def test_drafted_wording_is_marked():
    from handbook.checks import check_sources
    from handbook.search_answers import answer_data, section_key

    page = PAGE.replace('!!! say "这样说"', '!!! say draft "这样说"')  # written for the handbook (provenance.py)
    report = check_sources([("scenarios/x.md", page.encode())], fixture_settings())
    situation = answer_data(report, fixture_settings())["sections"]["scenarios/x/"][section_key("快下班时客户来到柜面")]
    assert situation["say"][0]["d"] == 1
    assert "d" not in situation["dont"][0]


def test_clause_occurrences_in_one_pass_count_like_str_count():
    from handbook.search_answers import _occurrences

    text = "请您稍等。请您稍等，我帮您查一下。您好，请您稍等"
    words = {"请您稍等", "我帮您查一下", "您好", "没有的话"}
    assert _occurrences(words, text) == {w: text.count(w) for w in words}
    assert _occurrences(set(), text) == {}


def test_function_words_are_found_by_jieba_s_parts_of_speech():
    # Time words, numerals, pronouns say when, how many, who — not what a query is about.
    assert function_words(["明天", "几个", "什么", "群访", "天气", "限购", "客"]) == ["什么", "几个", "明天"]


def test_handbook_characters_cover_index_words_and_customer_words():
    index = {"config": {"separator": "[\\s\\u200b]+"},
             "docs": [{"title": "群访", "text": "<p>客户\u200b来访</p>", "tags": ["接待室"]}]}
    chars = handbook_characters(index_vocabulary(index)[1], {"燃气": ["天然气"]})
    assert set(chars) == set("群访客户来接待室燃气") and "灶" not in chars
