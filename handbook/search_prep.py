"""Build-time preparation of Material's search for Chinese queries.

Material's built-in search segments page text with jieba at build time and,
in the browser, splits a query along the words of its index.  Three things it
cannot know on its own are prepared here from the handbook itself:

* a jieba user dictionary of the handbook's own terms (tags, synonyms,
  categories, glossary) that jieba would otherwise cut into characters, so
  群访 or 冲动型 stay one word;
* the query-side data for the query transform in
  docs/assets/javascripts/workers/handbook-query.js: the index vocabulary with
  document frequencies (to split queries and drop words that are everywhere),
  the synonyms trainers declare in front matter, and a traditional→simplified
  character table made with OpenCC.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .source import Page

HAN = re.compile(r"[\u3400-\u9fff]+")
_TERM_SPLIT = re.compile(r"[\s，。、；：！？（）()【】《》「」“”‘’/·…\-—]+|[与和及或]")
# Words found in more than this share of index entries (客户, 投诉, 服务 …) say
# little about which entry is meant: the query transform drops them when other
# words remain and otherwise looks them up in titles and tags only.
COMMON_SHARE = 0.1


def dictionary_words(pages: list[Page], glossary: str = "") -> list[str]:
    """Domain terms jieba would break apart, taken from what trainers wrote.

    Candidates are tags, the canonical words of declared synonyms, categories
    and glossary terms.  A candidate joins the dictionary only when jieba, with
    the terms accepted so far, would cut it mostly into single characters
    (群访 → 群/访, 冲动型 → 冲动/型).  A compound of real words (冲击柜面 →
    冲击/柜面, 一般类投诉 → 一般/类/投诉) stays out: as one dictionary word it
    would hide 冲击 or 投诉 from search.
    """
    tokenizer = _tokenizer()
    accepted = []
    for term in sorted(_candidate_terms(pages, glossary), key=lambda t: (len(t), t)):
        pieces = tokenizer.lcut(term, HMM=False)
        single = sum(1 for piece in pieces if len(piece) == 1)
        if single and (len(term) <= 3 or 2 * single > len(term)):
            tokenizer.add_word(term, freq=200000)
            accepted.append(term)
    return sorted(accepted)


@lru_cache(maxsize=1)
def _main_dictionary() -> tuple[dict, int]:
    """jieba's main dictionary as (word frequencies, total), loaded once per process.

    It is loaded into jieba's default tokenizer, the one Material's search
    plugin segments the pages with, so a build reads jieba's dictionary once
    instead of twice (about 0.6 s).  The hooks run before Material's plugin
    adds the user dictionary, so this is jieba's own dictionary.
    """
    import jieba

    jieba.dt.check_initialized()
    return dict(jieba.dt.FREQ), jieba.dt.total


def _tokenizer():
    """A tokenizer with jieba's main dictionary only: a fresh copy for each
    evaluation, so terms accepted by an earlier build in the same process
    (`mkdocs serve` rebuilds) do not change the next dictionary."""
    import jieba

    frequencies, total = _main_dictionary()
    tokenizer = jieba.Tokenizer()
    # FREQ/total/initialized are what Tokenizer.initialize() sets from the file.
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(frequencies), total, True
    return tokenizer


def _candidate_terms(pages: list[Page], glossary: str) -> set[str]:
    words: set[str] = set()

    def add(text) -> None:
        for piece in _TERM_SPLIT.split(str(text)):
            piece = piece.strip()
            if 2 <= len(piece) <= 6 and HAN.fullmatch(piece):
                words.add(piece)

    for page in pages:
        meta = page.meta
        for tag in meta.get("tags") or []:
            add(tag)
        for canonical in (meta.get("synonyms") or {}):
            add(canonical)  # aliases are not in the text; the query side handles them
        if meta.get("category"):
            add(meta["category"])
    for term in re.findall(r"^\*\[([^\]]+)\]:", glossary, re.MULTILINE):
        add(term)
    return words


def user_dictionary_text(words: list[str]) -> str:
    # A high frequency makes jieba keep the term whole instead of splitting it.
    return "".join(f"{word} 200000 n\n" for word in words)


def write_user_dictionary(pages: list[Page], project_dir: Path) -> Path:
    """The dictionary file for Material's `jieba_dict_user`, outside the project
    tree (a build must not write into docs/), one file per project."""
    glossary = Path(project_dir) / "snippets" / "glossary.md"
    words = dictionary_words(pages, glossary.read_text(encoding="utf-8") if glossary.is_file() else "")
    key = hashlib.sha1(str(Path(project_dir).resolve()).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"handbook-jieba-{key}.txt"
    path.write_text(user_dictionary_text(words), encoding="utf-8")
    return path


def declared_synonyms(pages: list[Page]) -> dict[str, list[str]]:
    """alias → canonical words, from every page's `synonyms:` front matter."""
    result: dict[str, set[str]] = {}
    for page in pages:
        for canonical, aliases in (page.meta.get("synonyms") or {}).items():
            for alias in aliases or []:
                result.setdefault(str(alias), set()).add(str(canonical))
    return {alias: sorted(words) for alias, words in sorted(result.items())}


def index_vocabulary(search_index: dict, memo: dict | None = None) -> tuple[int, dict[str, int]]:
    """(number of entries, Han token → number of entries containing it).

    `memo` (kept by the caller between `mkdocs serve` rebuilds) holds each
    entry's tokens, so a rebuild splits only the entries that changed; it keeps
    only the entries of this index."""
    pattern = search_index.get("config", {}).get("separator") or r"[\s\-]+"
    separator = re.compile(pattern)
    df: Counter = Counter()
    docs = search_index.get("docs", [])
    known = {} if memo is None else memo.pop("", {}).get(pattern, {})
    seen = {}
    for doc in docs:
        text = f"{doc.get('title', '')}\u200b{doc.get('text', '')}"
        tokens = known.get(text)
        if tokens is None:
            tokens = frozenset(token for token in separator.split(text) if HAN.fullmatch(token))
        seen[text] = tokens
        df.update(tokens)
    if memo is not None:
        memo[""] = {pattern: seen}
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


def query_data(search_index: dict, pages: list[Page], memo: dict | None = None) -> dict:
    entries, df = index_vocabulary(search_index, memo)
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


def write_query_data(site_dir: Path, pages: list[Page], memo: dict | None = None) -> Path:
    index_file = Path(site_dir) / "search" / "search_index.json"
    search_index = json.loads(index_file.read_text(encoding="utf-8"))
    # Material writes the index with every Chinese character escaped (\uXXXX,
    # six bytes instead of three): every page load fetches and parses it, so it
    # is written again as plain UTF-8, the same JSON at less than half the size.
    text = json.dumps(search_index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(text, encoding="utf-8")
    data = query_data(search_index, pages, memo)
    # The browser keeps the lunr index it built under this hash and reuses it
    # until the index changes (docs/assets/javascripts/workers/handbook-index.js).
    data["index"] = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    target = Path(site_dir) / "search" / "handbook-search-data.js"
    target.write_text(query_data_script(data), encoding="utf-8")
    return target
