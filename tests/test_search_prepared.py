"""The index prepared at build time (handbook/search_prepared.py), without a browser.

That its results equal Material's own index is tested in the browser
(tests/test_search_index.py); here: the tokenisation numbering ported from
Material, the pieces written and when they are not written."""
from __future__ import annotations

import json
from types import SimpleNamespace

from handbook import generated, search_prepared
from handbook.search_prepared import field_tokens, js_separator, prepare

SEPARATOR = r"[\s\u200b\-_,:!=\[\]()\"`/，。、；：！？（）【】《》“”‘’·…～~]+"


def test_separator_keeps_javascript_whitespace():
    pattern = js_separator(SEPARATOR)
    assert pattern.split("限购\ufeff说明\u3000x") == ["限购", "说明", "x"]  # JS \s has U+FEFF
    assert pattern.split("a\x1cb") == ["a\x1cb"]  # Python's \s would split here, JavaScript's does not
    assert js_separator(r"\s+").split("a b") == ["a", "b"]


def test_positions_are_numbered_as_material_numbers_them():
    # Material's extract/tokenize: block 0 = <p>, 限购, 说明, </p>; block 1 = <p>, 第二, </p>.
    separator = js_separator(SEPARATOR)
    assert field_tokens("<p>限购 说明</p><p>第二</p>", separator) == [("限购", 1), ("说明", 2), ("第二", 1 << 20 | 1)]
    # A list (tags): each string goes on in the same table.
    assert field_tokens(["甲", "乙"], separator) == [("甲", 0), ("乙", 1 << 20)]
    assert field_tokens("ABC\u200bdef", separator) == [("abc", 0), ("def", 1)]  # lower case, as Material
    assert field_tokens(None, separator) == []


def test_positions_wrap_as_32_bit_integers():
    text = "<br/>" + "<p>x</p>" * 2049
    last = field_tokens(text, js_separator(SEPARATOR))[-1]
    assert last == ("x", ((2048 << 20 | 1) & 0xFFFFFFFF) - (1 << 32))  # JavaScript's `2048 << 20` is negative


def _index():
    return {"config": {"lang": ["zh"], "separator": SEPARATOR, "pipeline": ["stemmer"],
                       "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}},
            "docs": [{"location": "a/", "title": "限购", "text": "<p>限购\u200b说明</p>", "tags": ["政策"]},
                     {"location": "a/#规定", "title": "规定", "text": "<p>每次\u200b限购</p>"},
                     {"location": "b/", "title": "Zebra 投诉", "text": "<p>投诉\u200b处理</p>"}]}


def _expand(titles):
    """What handbook-prepared.js (expand) makes of titles.json."""
    docs = []
    for path, entries in titles["pages"]:
        for entry in entries:
            title, tag, anchor = entry[:3]
            location = path if anchor is None else f"{path}#{title.replace(chr(0x200b), '') if anchor == 0 else anchor}"
            doc = {"location": location, "title": title, "text": ""}
            if tag >= 0:
                doc["tags"] = titles["tags"][tag]
            docs.append({**doc, **(entry[3] if len(entry) > 3 else {})})
    return docs


def test_compact_documents_keep_every_field_but_the_text():
    docs = [{"location": "a/", "title": "限购\u200b说明", "text": "x", "tags": ["政策"]},
            {"location": "a/#限购说明", "title": "限购\u200b说明", "text": "y", "tags": ["政策"]},
            {"location": "a/#1-检查", "title": "1. \u200b检查", "text": "z", "tags": ["政策"]},
            {"location": "b/", "title": "投诉", "text": "", "boost": 2},
            {"location": "a/#again", "title": "再", "text": ""}]  # a page's entries need not be together
    compact = search_prepared.compact_docs(docs)
    assert compact["tags"] == [["政策"]] and len(compact["pages"]) == 3
    assert [entry[2] for entry in compact["pages"][0][1]] == [None, 0, "1-检查"]
    assert _expand(compact) == [dict(doc, text="") for doc in docs]


def test_prepared_pieces():
    files = prepare(_index())
    lite = json.loads(files[search_prepared.LITE_DOCS])
    digest = lite["config"]["handbook_prepared"]
    root = f"{search_prepared.PREPARED_DIR}/{digest}"
    titles = json.loads(files[search_prepared.TITLES])
    manifest = titles["manifest"]  # set-up's data comes in the one request the worker makes as it starts
    assert manifest["documents"] == 3 and manifest["fields"] == ["title", "text", "tags"]
    # lunr's TokenSet needs the terms in JavaScript's (UTF-16) order.
    assert manifest["terms"] == sorted(manifest["terms"], key=lambda t: t.encode("utf-16-be"))
    shards = {}
    for n, start in enumerate(manifest["shards"]):
        for term in json.loads(files[f"{root}/terms/{n}.json"]):
            shards[term] = n
    assert set(shards) == set(manifest["terms"])
    for n in range(len(manifest["shards"])):  # written as json.dumps writes the object
        text = files[f"{root}/terms/{n}.json"]
        assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    entry = json.loads(files[f"{root}/terms/{shards['限购']}.json"])["限购"]
    # Term number in the order first seen (限购 is the first title's first token);
    # per field: document number, positions.
    assert entry == [0, [0, [0]], [0, [1], 1, [2]], []]
    assert json.loads(files[f"{root}/terms/{shards['zebra']}.json"])["zebra"][1] == [2, [0]]
    # The page fetches no documents; the worker reads them without texts (titles.json); texts are read by page.
    assert lite["docs"] == [] and lite["config"]["fields"] == _index()["config"]["fields"]
    assert titles["hash"] == digest
    assert _expand(titles) == [dict(doc, text="") for doc in _index()["docs"]]
    assert json.loads(files[f"{root}/texts/0.json"]) == {"texts": ["<p>限购\u200b说明</p>", "<p>每次\u200b限购</p>"]}
    assert json.loads(files[f"{root}/texts/1.json"]) == {"texts": ["<p>投诉\u200b处理</p>"]}
    assert "answers" not in titles  # no answer data given
    assert sorted({path.split("/")[3] for path in files if path.startswith(root)}) == ["terms", "texts"]


def _answers():
    situation = {"say": [{"t": "我马上为您查询。"}], "dont": [{"t": "这事不归我管。"}]}
    return {"pages": {"a/": {"kind": "policy", "answer": 1}, "b/": {"kind": "article", "answer": 0}},
            "sections": {"a/": {"规定": situation}, "c/": {"规定": situation, "": {"say": [], "dont": [{"t": "等着吧"}]}}},
            "drafts": ["三个工作日内给您答复"]}


def test_answer_data_is_split_into_what_every_query_needs_and_each_page_needs():
    files = prepare(_index(), _answers())
    root = f"{search_prepared.PREPARED_DIR}/{json.loads(files[search_prepared.LITE_DOCS])['config']['handbook_prepared']}"
    # Each page's situations and answer flag come with its texts.
    assert json.loads(files[f"{root}/texts/0.json"])["sections"] == _answers()["sections"]["a/"]
    assert json.loads(files[f"{root}/texts/0.json"])["answer"] == 1
    assert json.loads(files[f"{root}/texts/1.json"]) == {"texts": ["<p>投诉\u200b处理</p>"], "sections": {}, "answer": 0}
    # Every distinct situation once, in page order (c/'s copy of 规定 is not repeated), and the drafts.
    shared = json.loads(files[search_prepared.TITLES])["answers"]
    assert shared == {"drafts": ["三个工作日内给您答复"], "wording": [
        {"h": "规定", **_answers()["sections"]["a/"]["规定"]}, {"h": "", "say": [], "dont": [{"t": "等着吧"}]}]}
    # Other answer data, other pieces: a browser never mixes two builds' pieces from its cache.
    changed = _answers()
    changed["drafts"] = []
    assert json.loads(prepare(_index(), changed)[search_prepared.LITE_DOCS])["config"]["handbook_prepared"] not in root


def test_registry_writes_the_pieces_after_a_build_but_not_in_live_preview(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(_index()), encoding="utf-8")
    settings = SimpleNamespace(site_dir=tmp_path, live_preview=False)
    entry = next(e for e in generated.entries("site") if e.path == search_prepared.PREPARED_DIR)
    files = entry.make(None, settings)
    # docs, titles (with the manifest), one shard, two pages of texts
    assert search_prepared.LITE_DOCS in files and len(files) == 1 + 1 + 1 + 2
    written = generated.write(tmp_path, files)
    assert (tmp_path / search_prepared.LITE_DOCS) in written
    settings.live_preview = True
    assert entry.make(None, settings) is None
