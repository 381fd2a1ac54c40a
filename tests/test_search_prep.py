"""Build-time search preparation, without a build."""
from __future__ import annotations

from handbook.search_prep import (declared_synonyms, dictionary_words, index_vocabulary, query_data,
                                  traditional_to_simplified, user_dictionary_text)
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
