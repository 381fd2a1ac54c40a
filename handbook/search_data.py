"""The query data file for the handbook's search transform, for either builder.

The browser-side transform (docs/assets/javascripts/workers/handbook-query.js)
needs the index vocabulary with document frequencies, the declared synonyms and
the traditional→simplified table (handbook/search_prep.py makes them).  The
vocabulary comes from the index the builder wrote:

* MkDocs/Material: search/search_index.json, already segmented by jieba;
* Zensical: search.json, whose text Zensical's worker segments in the browser
  with Intl.Segmenter.  The text is segmented here with jieba and the
  handbook's own dictionary, so a query splits into the words an agent meant
  (客户要见经理 → 经理) before Zensical segments what is left.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

DATA_PATH = "search/handbook-search-data.js"
MATERIAL_INDEX = "search/search_index.json"
# Each index entry's tokens, kept for the life of the process: `mkdocs serve`
# then splits only the entries that changed since the last rebuild.
_VOCABULARY_MEMO: dict = {}


def material_index(settings) -> dict | None:
    path = Path(settings.site_dir) / MATERIAL_INDEX
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def compact_index_text(index: dict) -> str:
    """Material's index as plain UTF-8 JSON.  Material writes every Chinese
    character escaped (\\uXXXX, six bytes instead of three); every page load
    fetches and parses the index, so the same JSON is written again at less than
    half the size."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def compact_material_index(report, settings) -> str | None:
    """Registry generator (kind "site"): search/search_index.json rewritten compactly."""
    index = material_index(settings)
    return compact_index_text(index) if index is not None else None
_TAG = re.compile(r"<[^>]+>")


def zensical_as_lunr(search_json: dict, words: list[str]) -> dict:
    """Zensical's search.json in the shape `search_prep.index_vocabulary` reads."""
    from . import search_prep  # here: `handbook check` imports this module but never makes search data

    # A copy of the jieba dictionary already loaded in this process (search_prep),
    # taught the handbook's own terms: no second 1–2 s load of jieba's dictionary.
    tokenizer = search_prep._tokenizer()
    for word in words:
        tokenizer.add_word(word, freq=200000)
    docs = []
    for item in search_json.get("items", []):
        text = html.unescape(_TAG.sub(" ", str(item.get("text", ""))))
        docs.append({"title": "\u200b".join(tokenizer.lcut(str(item.get("title", "")), HMM=False)),
                     "text": "\u200b".join(tokenizer.lcut(text, HMM=False))})
    return {"config": {"separator": r"[\s\u200b\-_,:!=\[\]()\"`/，。、；：！？（）【】《》“”‘’·…～~]+"}, "docs": docs}


def query_data_for_site(report, settings) -> str | None:
    """Registry generator (kind "site"): the data script, or None when the site has no search index."""
    from . import search_prep  # here: `handbook check` imports this module but never makes search data

    site = Path(settings.site_dir)
    zensical = site / "search.json"
    index = material_index(settings)
    if index is None and zensical.is_file():
        glossary = Path(settings.project_dir or ".") / "snippets" / "glossary.md"
        words = search_prep.dictionary_words(report.pages, glossary.read_text(encoding="utf-8")
                                             if glossary.is_file() else "")
        index = zensical_as_lunr(json.loads(zensical.read_text(encoding="utf-8")), words)
    elif index is None:
        return None
    project = Path(settings.project_dir or ".")
    customer, _ = search_prep.load_customer_synonyms(project / search_prep.CUSTOMER_SYNONYMS)  # problems: the hook
    data = search_prep.query_data(index, report.pages, customer, _VOCABULARY_MEMO)
    return search_prep.query_data_script(data)
