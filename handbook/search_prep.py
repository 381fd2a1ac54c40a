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
  the synonyms trainers declare in front matter and the customer vocabulary in
  snippets/search-synonyms.yml, full pinyin and initials of the handbook's own
  terms (made with pypinyin), each page's title and tags (for "closest entries"
  when nothing matches), and a traditional→simplified character table made
  with OpenCC.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from .rebuild_memo import PerBuild
from .source import Page

CUSTOMER_SYNONYMS = Path("snippets") / "search-synonyms.yml"

HAN = re.compile(r"[\u3400-\u9fff]+")
HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_TERM_SPLIT = re.compile(r"[\s，。、；：！？（）()【】《》「」“”‘’/·…\-—]+|[与和及或]")
# Words found in more than this share of index entries (客户, 投诉, 服务 …) say
# little about which entry is meant: the query transform drops them when other
# words remain and otherwise looks them up in titles and tags only.
COMMON_SHARE = 0.1
# Parts of speech (jieba's tags) of words that say when, who, how many or how a
# question is put — 明天, 什么, 几个, 不管, 以后 — not what it is about: time
# words, pronouns, numerals and measure words, conjunctions, prepositions,
# particles, locatives.  Such a word found in the handbook does not make a query
# "found" (明天天气 matches 明天 in 明天再来 and nothing about weather).
FUNCTION_POS = ("t", "r", "rz", "m", "mq", "q", "c", "p", "u", "f")


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


@lru_cache(maxsize=1)
def _function_pos() -> dict[str, str]:
    """word → jieba part of speech, for the words of jieba's dictionary tagged
    with one of FUNCTION_POS; read once per process."""
    import jieba

    with jieba.dt.get_dict_file() as file:  # jieba's own dictionary, as bytes
        text = file.read().decode("utf-8")
    # One regular expression over the file: a line-by-line split takes 0.8 s.
    tags = "|".join(FUNCTION_POS)
    return dict(re.findall(rf"^(\S+) \d+ ({tags})\r?$", text, re.MULTILINE))


def function_words(vocabulary) -> list[str]:
    """The index words that are function words (FUNCTION_POS) in jieba's dictionary."""
    tagged = _function_pos()
    return sorted(word for word in vocabulary if len(word) > 1 and word in tagged)


def handbook_characters(vocabulary, synonyms: dict[str, list[str]]) -> str:
    """Every Han character of the index words (titles, text, tags) and customer
    words, as one string.  Read from the vocabulary, not the index text: every
    Han character of the index is in one of its tokens, and the vocabulary is a
    few thousand words at any size of handbook.

    A query character outside it names something the handbook never mentions
    (灶 in 燃气灶坏了): the query transform then needs most of the query covered
    by handbook words before it presents pages as matches."""
    chars = set()
    for word in (*vocabulary, *synonyms):
        chars.update(word)
    return "".join(sorted(c for c in chars if HAN_CHAR.match(c)))


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

    Tokens of titles, text and tags: lunr indexes tags too (律师 is a tag of
    客户身份 and in no page text), so a tag is a word the query may use.
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
        tags = "\u200b".join(str(tag) for tag in doc.get("tags") or [])
        text = f"{doc.get('title', '')}\u200b{doc.get('text', '')}\u200b{tags}".lower()
        tokens = known.get(text)
        if tokens is None:
            tokens = frozenset(token for token in separator.split(text) if HAN.search(token))  # 群访, and IC卡 too
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


def merge_synonyms(*mappings: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, set[str]] = {}
    for mapping in mappings:
        for alias, canonicals in mapping.items():
            merged.setdefault(alias, set()).update(canonicals)
    return {alias: sorted(words) for alias, words in sorted(merged.items())}


def load_customer_synonyms(path: Path) -> tuple[dict[str, list[str]], list[str]]:
    """alias → canonical words from the customer vocabulary file, and the
    problems found in it (in Chinese: file, line, what is wrong, how to fix).

    The file is a mapping `handbook word: [customer words]`, the same shape as
    a page's `synonyms:` front matter.  A missing file is no problem (nothing
    to add); every bad entry is reported, the good ones are still used."""
    path = Path(path)
    if not path.is_file():
        return {}, []
    name = path.as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [f"{name}: 文件不是 UTF-8 编码（可能是 GBK）。改法：运行 make fix，或在编辑器里另存为 UTF-8。"]
    text = text.replace("\r\n", "\n")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        hint = "；这一行有 Tab，请改成空格" if mark and "\t" in text.split("\n")[mark.line] else ""
        return {}, [(f"{where}: 不是有效的 YAML（{getattr(error, 'problem', '') or error}）{hint}。"
                     f"改法：每行写成「手册用词: [客户说法1, 客户说法2]」，冒号、逗号用半角。")]
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        return {}, [(f"{name}:{node.start_mark.line + 1}: 文件应是「手册用词: [客户说法, …]」的列表。"
                     f"改法：参照文件开头的说明改写。")]
    problems, result = [], {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        canonical = str(key.value).strip()
        if not isinstance(key, yaml.ScalarNode) or not canonical:
            problems.append(f"{name}:{line}: 手册用词为空。改法：在冒号前写手册里用的词。")
            continue
        if isinstance(value, yaml.ScalarNode) and value.value:
            items = [value]
        elif isinstance(value, yaml.SequenceNode):
            items = value.value
        else:
            problems.append(f"{name}:{line}: 「{canonical}」后面没有客户说法。"
                            f"改法：写成「{canonical}: [客户说法1, 客户说法2]」。")
            continue
        for item in items:
            alias = str(getattr(item, "value", "")).strip()
            if not isinstance(item, yaml.ScalarNode) or not alias:
                problems.append(f"{name}:{item.start_mark.line + 1}: 「{canonical}」有一项客户说法为空或不是文字。"
                                f"改法：删掉这一项，或写上客户的说法。")
            elif alias != canonical:
                result.setdefault(alias, set()).add(canonical)
    return {alias: sorted(words) for alias, words in sorted(result.items())}, problems


def _pinyin_terms(pages: list[Page], df: dict[str, int], synonyms: dict[str, list[str]]) -> dict[str, set[str]]:
    """Han term → how it is reached by pinyin: "full" for full pinyin only,
    "initials" also by its initials.  Initials are ambiguous (xg is 限购, 下岗,
    小哥 …), so only the handbook's own entry words get them: titles, tags,
    categories, synonyms; every index word of two or more characters gets its
    full pinyin."""
    terms: dict[str, set[str]] = {}
    for token in df:
        if len(token) >= 2:
            terms.setdefault(token, set()).add("full")
    entry_words: set[str] = set()

    def add(text) -> None:
        for piece in _TERM_SPLIT.split(str(text)):
            piece = piece.strip()
            if 2 <= len(piece) <= 8 and HAN.fullmatch(piece):
                entry_words.add(piece)

    for page in pages:
        for value in [page.meta.get("title"), page.meta.get("category"), *(page.meta.get("tags") or [])]:
            if value:
                add(value)
    for alias, canonicals in synonyms.items():
        add(alias)
        for canonical in canonicals:
            add(canonical)
    for word in entry_words:
        terms.setdefault(word, set()).update({"full", "initials"})
    return terms


def pinyin_table(pages: list[Page], df: dict[str, int], synonyms: dict[str, list[str]]) -> dict[str, list[str]]:
    """Pinyin (lower case, no tones, no spaces) → the Han terms it spells.

    Built with pypinyin (phrase-aware, so 银行 is yinhang).  ü is written both
    v (the input-method habit: lvshi) and u (lushi)."""
    table: dict[str, set[str]] = {}
    terms = list(_pinyin_terms(pages, df, synonyms).items())
    for (term, _), spellings in zip(terms, _SPELLINGS.map((term, "initials" in ways) for term, ways in terms)):
        for spelling in spellings:
            table.setdefault(spelling, set()).add(term)
    return {spelling: sorted(words) for spelling, words in sorted(table.items())}


def _spellings(term: str, initials: bool) -> list[str]:
    """The spellings by which a term is reached (none when pypinyin does not know a character)."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(term, errors="ignore")
    if len(syllables) != len(term):
        return []  # a character pypinyin does not know: no reliable spelling
    spellings = {"".join(syllables)}
    if initials:
        spellings.add("".join(lazy_pinyin(term, style=Style.FIRST_LETTER)))
    spellings |= {spelling.replace("v", "u") for spelling in spellings}
    return [s for s in spellings if s.isascii() and s.isalpha() and len(s) >= 2]


# Kept between `mkdocs serve` rebuilds: pypinyin was most of making the query data
# at 20× the handbook, and a save adds or drops a few words of the vocabulary.
_SPELLINGS = PerBuild(_spellings)


def page_entries(search_index: dict) -> list[list]:
    """[location, title, tags…] of every page, for "closest entries" when a
    query matches nothing."""
    result = []
    for doc in search_index.get("docs", []):
        if "#" not in doc.get("location", "#"):
            title = str(doc.get("title", "")).replace("\u200b", "")
            result.append([doc["location"], title, *[str(tag) for tag in doc.get("tags") or []]])
    return result


def query_data(search_index: dict, pages: list[Page], customer: dict[str, list[str]] | None = None,
               memo: dict | None = None) -> dict:
    entries, df = index_vocabulary(search_index, memo)
    common = sorted(t for t, n in df.items() if entries and n / entries > COMMON_SHARE)
    synonyms = merge_synonyms(declared_synonyms(pages), customer or {})
    return {
        "entries": entries,
        "vocabulary": sorted(df),
        "common": common,
        "function": function_words(df),
        "characters": handbook_characters(df, synonyms),
        "synonyms": synonyms,
        "pinyin": pinyin_table(pages, df, synonyms),
        "pages": page_entries(search_index),
        "t2s": traditional_to_simplified(),
    }


def query_data_script(data: dict) -> str:
    return "self.HANDBOOK_SEARCH = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"
