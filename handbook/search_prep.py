"""Build-time preparation of Material's search for Chinese queries.

Material's built-in search segments page text with jieba at build time and,
in the browser, splits a query along the words of its index.  Three things it
cannot know on its own are prepared here from the handbook itself:

* a jieba user dictionary of the handbook's own terms (tags, synonyms, short
  title parts, categories, glossary), so 群访 or 报装费 stay one word;
* the query-side data for the query transform in
  docs/assets/javascripts/workers/handbook-query.js: the index vocabulary with
  document frequencies (to split queries and drop words that are everywhere),
  the synonyms trainers declare in front matter, and a traditional→simplified
  character table made with OpenCC.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .source import Page

HAN = re.compile(r"[\u3400-\u9fff]+")
_TITLE_SPLIT = re.compile(r"[\s，。、；：！？（）()【】《》「」“”‘’/·…\-—]+|[与和及或]")
# Words found in more than this share of index entries carry no meaning for
# ranking (客户, 的, 要 …); the query transform drops them when others remain.
COMMON_SHARE = 0.2


def dictionary_words(pages: list[Page], glossary: str = "") -> list[str]:
    """Short domain terms for jieba, taken from what trainers wrote."""
    words: set[str] = set()

    def add(text) -> None:
        for piece in _TITLE_SPLIT.split(str(text)):
            piece = piece.strip()
            if 2 <= len(piece) <= 6 and HAN.fullmatch(piece):
                words.add(piece)

    for page in pages:
        meta = page.meta
        for tag in meta.get("tags") or []:
            add(tag)
        for canonical, aliases in (meta.get("synonyms") or {}).items():
            add(canonical)
            for alias in aliases or []:
                add(alias)
        if meta.get("category"):
            add(meta["category"])
        title = str(meta.get("title") or "")
        for piece in _TITLE_SPLIT.split(title):
            if 2 <= len(piece) <= 4:  # longer title parts would hide the words inside them
                add(piece)
    for term in re.findall(r"^\*\[([^\]]+)\]:", glossary, re.MULTILINE):
        add(term)
    return sorted(words)


def user_dictionary_text(words: list[str]) -> str:
    # A high frequency makes jieba keep the term whole instead of splitting it.
    return "".join(f"{word} 200000 n\n" for word in words)


def declared_synonyms(pages: list[Page]) -> dict[str, list[str]]:
    """alias → canonical words, from every page's `synonyms:` front matter."""
    result: dict[str, set[str]] = {}
    for page in pages:
        for canonical, aliases in (page.meta.get("synonyms") or {}).items():
            for alias in aliases or []:
                result.setdefault(str(alias), set()).add(str(canonical))
    return {alias: sorted(words) for alias, words in sorted(result.items())}


def index_vocabulary(search_index: dict) -> tuple[int, dict[str, int]]:
    """(number of entries, Han token → number of entries containing it)."""
    separator = re.compile(search_index.get("config", {}).get("separator") or r"[\s\-]+")
    df: Counter = Counter()
    docs = search_index.get("docs", [])
    for doc in docs:
        tokens = set(separator.split(f"{doc.get('title', '')}\u200b{doc.get('text', '')}"))
        df.update(token for token in tokens if HAN.fullmatch(token))
    return len(docs), dict(df)


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """One character to one character, as OpenCC's t2s converts it in isolation.

    Only characters of the Basic Multilingual Plane: JavaScript indexes strings
    by UTF-16 unit, and the transform maps what it reads one unit at a time."""
    import opencc

    converter = opencc.OpenCC("t2s")
    table = {}
    for code in range(0x3400, 0xA000):
        char = chr(code)
        simple = converter.convert(char)
        if simple != char and len(simple) == 1 and ord(simple) < 0x10000:
            table[char] = simple
    return table


def query_data(search_index: dict, pages: list[Page]) -> dict:
    entries, df = index_vocabulary(search_index)
    common = sorted(t for t, n in df.items() if entries and n / entries > COMMON_SHARE)
    return {
        "entries": entries,
        "vocabulary": sorted(df),
        "common": common,
        "synonyms": declared_synonyms(pages),
        "t2s": traditional_to_simplified(),
    }


def query_data_script(data: dict) -> str:
    return "self.HANDBOOK_SEARCH = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def write_query_data(site_dir: Path, pages: list[Page]) -> Path:
    index_file = Path(site_dir) / "search" / "search_index.json"
    search_index = json.loads(index_file.read_text(encoding="utf-8"))
    target = Path(site_dir) / "search" / "handbook-search-data.js"
    target.write_text(query_data_script(query_data(search_index, pages)), encoding="utf-8")
    return target
