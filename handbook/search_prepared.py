"""The search index prepared at build time, in pieces the browser loads as a query needs them.

Material's search worker builds its lunr index in the browser from
search/search_index.json on every full page load: 8 MB and seconds at 20 times
the handbook, 40 MB and most of a minute at 100 times.  Material 9.8 cannot be
handed a built index (`prebuild_index` is gone), Pagefind and Zensical chunk
their indexes but lack the handbook's query layer, so this module does at build
time what lunr does in the browser and writes the result in pieces:

* search/prepared/docs.json: Material's index without its documents (its
  config, and the hash naming the pieces), what the main page fetches instead of
  the full index (overrides/main.html) and hands to the worker;
* search/prepared/titles.json: what the worker reads as it starts, in one
  request: every document without its text (location, title, tags), compactly
  (`compact_docs`; at 100 times the handbook the documents as Material lists
  them are 7.6 MB, which the page parsed and copied to the worker before the
  first query; compact they are about a fifth of that); the manifest (every term
  of the index, in lunr's (UTF-16) order, and the first term of each shard); and
  the answer data every query needs (the forbidden and drafted wording any
  teaser may quote).  The worker no longer loads search/handbook-answers.js,
  which holds every page's situations: 3.4 MB to load and index at set-up at
  100 times the handbook;
* search/prepared/<hash>/terms/<n>.json: the postings of a run of adjacent terms
  (so a prefix query reads one or two shards): for each term its lunr term
  number and, per field, document numbers with token positions;
* search/prepared/<hash>/texts/<n>.json: the texts of one page's entries, loaded
  for the pages a result list shows, with the page's answer data (its
  situations' wording and whether it answers a live question,
  handbook/search_answers.py) when the build has it.

The worker (docs/assets/javascripts/workers/handbook-prepared.js) gives
Material's own Search class a lunr.Index over these pieces: the same postings,
the same term numbers and the same BM25 weights (computed there from the
postings, with lunr's own formula), so results are the same as from the index
Material builds; tests/test_search_index.py compares every query of the query
set in both modes.  What is copied from Material and lunr here (and why it must
stay equal) is their tokenisation: Material's `extract` and `tokenize`
(integrations/search/internal) and lunr's Builder#add term numbering.  The
version of Material is pinned in requirements.txt; the test fails if either
changes.

Not written during `make serve` (settings.live_preview): each save would
rewrite every piece; Material's worker indexes search_index.json itself there.
"""
from __future__ import annotations

import hashlib
import json
import re

from . import search_answers, search_data

LITE_DOCS = "search/prepared/docs.json"
TITLES = "search/prepared/titles.json"
PREPARED_DIR = "search/prepared"
SHARD_BYTES = 32_000  # a shard is read in one request; a few of them per query

# JavaScript's \s (ECMA-262 WhiteSpace and LineTerminator); Python's \s differs
# (it includes \x1c-\x1f and \x85, lacks \ufeff), and the separator is a JS regex.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_CLASSES = {"s": _JS_SPACE, "d": "0-9", "w": "A-Za-z0-9_"}
_TAG_OPEN, _TEXT, _TAG_CLOSE = 0, 1, 2


def js_separator(source: str) -> re.Pattern:
    """Material's `search.separator` (a JavaScript regex source) as a Python pattern."""
    out, in_class, i = [], False, 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            letter = source[i + 1]
            if letter in _JS_CLASSES:
                out.append(_JS_CLASSES[letter] if in_class else f"[{_JS_CLASSES[letter]}]")
            elif letter in "SDW":
                raise ValueError(f"search separator: \\{letter} is not supported: {source}")
            else:
                out.append(source[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return re.compile("".join(out))


def _int32(value: int) -> int:
    """JavaScript's `block << 20 | index` (32-bit signed) for the same numbers."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def _sections(text: str):
    """Material's `extract`, line for line: (block, kind, start, end) of markup and text."""
    block = start = end = stack = 0
    length = len(text)
    while end < length:
        char = text[end]
        if char == "<" and end > start:
            yield block, _TEXT, start, end
            start = end
        elif char == ">":
            if text[start + 1:start + 2] == "/":
                stack -= 1
                if stack == 0:
                    yield block, _TAG_CLOSE, start, end + 1
                    block += 1
            elif text[end - 1:end] != "/":
                if stack == 0:
                    yield block, _TAG_OPEN, start, end + 1
                stack += 1
            start = end + 1
        end += 1
    if end > start:
        yield block, _TEXT, start, end


def field_tokens(value, separator: re.Pattern) -> list[tuple[str, int]]:
    """(term, position) of one field value, as Material's `tokenize` makes them.

    Material splits each string into markup and text sections (`extract`),
    numbers sections by block and entry, and gives each token the position
    `block << 20 | entry`.  Only the numbering matters here; the browser makes
    the position table itself when it needs it for highlighting."""
    tokens: list[tuple[str, int]] = []
    if value is None:
        return tokens
    counts: dict[int, int] = {}  # entries per block of the position table
    for text in value if isinstance(value, list) else [value]:
        text = str(text)
        total = len(counts)  # the table's length: blocks are made in order, none skipped
        for block, kind, start, end in _sections(text):
            block += total
            entries = counts.setdefault(block, 0)
            if kind != _TEXT:
                counts[block] = entries + 1
                continue
            section = text[start:end]
            index = 0
            ranges = []
            for match in separator.finditer(section):
                if index < match.start():
                    ranges.append((index, match.start()))
                index = match.end()
            if index < len(section):
                ranges.append((index, len(section)))
            for begin, until in ranges:
                tokens.append((section[begin:until].lower(), _int32(block << 20 | entries)))
                entries += 1
            counts[block] = entries
    return tokens


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be", "surrogatepass")  # JavaScript's string order


def prepare(index: dict, answers: dict | None = None) -> dict[str, str]:
    """{path under the site: content} of the prepared index for Material's index,
    with `answers` (search_answers.answer_data) split into what every query needs
    and what each page needs."""
    config, docs = index.get("config", {}), index.get("docs", [])
    fields = list(config.get("fields", {}))
    separator = js_separator(config.get("separator", r"[\s\-]+"))
    # The pieces' directory changes with anything they hold, so a browser never
    # mixes pieces of two builds from its cache.
    digest = hashlib.sha256(json.dumps([index, answers], ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]

    # lunr's Builder#add: terms are numbered in the order they are first seen,
    # document by document, field by field (the order of config.fields).
    numbers: dict[str, int] = {}
    postings: dict[str, list] = {}
    for number, doc in enumerate(docs):
        for slot, name in enumerate(fields):
            if name not in doc:
                continue
            for term, position in field_tokens(doc[name], separator):
                posting = postings.get(term)
                if posting is None:
                    numbers[term] = len(numbers)
                    posting = postings[term] = [{} for _ in fields]
                posting[slot].setdefault(number, []).append(position)

    terms = sorted(postings, key=_utf16)
    files: dict[str, str] = {}
    root = f"{PREPARED_DIR}/{digest}"
    starts, shard, size = [], [], 0

    # A shard is written as the JSON object json.dumps would make of it, from each
    # term's entry encoded once (its size decides where a shard ends): encoding
    # every entry a second time was a sixth of the prepared index's time.
    def flush():
        if shard:
            files[f"{root}/terms/{len(starts) - 1}.json"] = "{" + ",".join(shard) + "}"

    for position, term in enumerate(terms):
        entry = [numbers[term]] + [[x for doc, places in field.items() for x in (doc, places)]
                                   for field in postings[term]]
        text = json.dumps(entry, separators=(",", ":"))
        if not starts or size + len(text) > SHARD_BYTES:
            flush()
            starts.append(position)
            shard, size = [], 0
        shard.append(json.dumps(term, ensure_ascii=False) + ":" + text)
        size += len(text) + len(term) * 3
    flush()

    # Texts by page (the location before "#"), pages numbered in order of first appearance.
    pages: dict[str, list[str]] = {}
    for doc in docs:
        pages.setdefault(str(doc.get("location", "")).split("#")[0], []).append(doc.get("text", ""))
    for number, (url, texts) in enumerate(pages.items()):
        piece = {"texts": texts}
        if answers is not None:
            piece.update(search_answers.page_answers(answers, url))
        files[f"{root}/texts/{number}.json"] = json.dumps(piece, ensure_ascii=False, separators=(",", ":"))
    # What set-up needs comes in the one request the worker makes as it starts
    # (titles.json): the documents, the manifest and the shared answer data.  As
    # separate files they were two more requests, one after the other, at set-up
    # (the worker's set-up at 20 times the handbook: 20-33 ms before, 10-21 ms after).
    titles = dict(compact_docs(docs), hash=digest,
                  manifest={"documents": len(docs), "fields": fields, "terms": terms, "shards": starts})
    if answers is not None:
        titles["answers"] = search_answers.shared_answers(answers)
    files[LITE_DOCS] = json.dumps(dict(index, config=dict(config, handbook_prepared=digest), docs=[]),
                                  ensure_ascii=False, separators=(",", ":"))
    files[TITLES] = json.dumps(titles, ensure_ascii=False, separators=(",", ":"))
    return files


def compact_docs(docs: list[dict]) -> dict:
    """Material's documents without their texts, as the worker expands them again
    (handbook-prepared.js, expand): runs of documents of one page, `[path, docs]`,
    each document `[title, tags, anchor]` and a fourth item with any other field.
    tags: a number in the list of distinct tag lists (-1: none; a page's sections
    carry the page's tags); anchor: null for the page itself, 0 where it is the
    title without jieba's U+200B, else the anchor."""
    tag_lists: dict[str, int] = {}
    runs: list[list] = []
    for doc in docs:
        path, hash_sign, anchor = str(doc.get("location", "")).partition("#")
        if not runs or runs[-1][0] != path:
            runs.append([path, []])
        title = doc.get("title", "")
        tags = doc.get("tags")
        if tags is None:
            tag = -1
        else:
            tag = tag_lists.setdefault(json.dumps(tags, ensure_ascii=False), len(tag_lists))
        if not hash_sign:
            anchor = None
        elif anchor == str(title).replace("\u200b", ""):
            anchor = 0
        entry = [title, tag, anchor]
        other = {key: value for key, value in doc.items() if key not in ("location", "title", "text", "tags")}
        if other:
            entry.append(other)
        runs[-1][1].append(entry)
    return {"tags": [json.loads(tags) for tags in tag_lists], "pages": runs}


def prepared_index_for_site(report, settings) -> dict[str, str] | None:
    """Registry generator (kind "site"): the prepared index, or None (no Material index, or live preview)."""
    if getattr(settings, "live_preview", False):
        return None
    index = search_data.material_index(settings)
    if index is None:
        return None
    return prepare(index, search_answers.answer_data(report, settings) if report is not None else None)
