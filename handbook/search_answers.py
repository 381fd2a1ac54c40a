"""Per-situation answer data for search previews, built from the page outlines.

A search result's preview must never show 不要这样说 wording as if it were the
script.  Material's teaser is the text around the first match, which is often a
forbidden line with no label.  The browser (docs/assets/javascripts/workers/
handbook-preview.js) instead builds the preview of a result from this data: the
approved wording (这样说) of the matching situation first, and a forbidden line
only with its ✗ label and its approved counterpart beside it.  Drafted wording
(`Phrase.draft`, not yet signed off) is marked 「待审」, and so is any clause of
drafted wording or a drafted note that a plain teaser quotes (`drafts`).

The data is keyed the way search results are: the page URL and the heading of
the section, reduced to letters and digits (a result's title is that heading,
with jieba's U+200B between words).  `answer_data_script(report, settings)` is a
generator of the form `f(report, settings) -> str` for the build.
"""
from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass, field

import ahocorasick

from .checks import Report
from .outline import VALUE_NAME, Block
from .rebuild_memo import PerBuild
from .settings import Settings
from .source import page_url

# Pages that answer a live question (scenario, risk, policy pages) and pages
# that are background for a call: training exercises, case stories and section
# index pages.  For the same match the search ranks the background pages after
# every other page (principles and processes pages are answers too, for their
# own questions: 96% is answered by 数字与统计).  Background pages are told by
# their tags, so a trainer's new case page is one too.
ANSWER_KINDS = ("scenario", "risk", "policy")
BACKGROUND_TAGS = ("培训", "练习", "案例", "故事")
_TAGS = re.compile(r"<[^>]+>")
_NOT_WORD = re.compile(r"[\W_]+")


@functools.cache
def _markdown():
    """Made on first use: `handbook check` imports this module (the generated-content
    registry) but never renders."""
    import markdown

    return markdown.Markdown()


def section_key(heading: str) -> str:
    """A heading reduced to letters and digits; the browser reduces a result's
    title the same way (`/[^\\p{L}\\p{N}]+/gu`)."""
    return _NOT_WORD.sub("", heading).lower()


def plain(text: str, org_values: dict[str, str]) -> str:
    """Wording as the agent reads it: organisation values filled in, Markdown
    emphasis and links rendered to their text (by Python-Markdown), no tags."""
    return _rendered(VALUE_NAME.sub(lambda m: str(org_values.get(m.group(1), m.group(0))), text))


@functools.lru_cache(maxsize=65536)
def _rendered(text: str) -> str:
    # Kept for the life of the process: `make serve` makes this data again on
    # every save, and only the saved page's text is new (at 20× the handbook,
    # rendering every page's text again took 8 s of each preview).
    md = _markdown()
    md.reset()
    return html.unescape(_TAGS.sub("", md.convert(text))).strip()


@dataclass
class Line:
    text: str
    draft: bool = False

    def data(self):
        return {"t": self.text, "d": 1} if self.draft else {"t": self.text}


@dataclass
class Situation:
    url: str
    heading: str          # "" for wording before the first ## heading
    say: list[Line] = field(default_factory=list)
    dont: list[Line] = field(default_factory=list)


def _lines(block: Block, org_values: dict[str, str]) -> list[Line]:
    return [Line(plain(p.text, org_values), bool(getattr(p, "draft", False))) for p in block.phrases]


def situations(report: Report, settings: Settings) -> list[Situation]:
    """Every heading (or page lead) that has 这样说 or 不要这样说 wording."""
    result = []
    for page in report.pages:
        outline = report.outlines.get(page.path)
        if outline is None:
            continue
        url = page_url(page.path)
        parts = [("", outline.lead_blocks)] + [(s.heading, s.blocks) for s in outline.sections]
        for heading, blocks in parts:
            situation = Situation(url, plain(heading, settings.org_values) if heading else "")
            for block in blocks:
                if block.type == "say":
                    situation.say.extend(_lines(block, settings.org_values))
                elif block.type == "dont":
                    situation.dont.extend(_lines(block, settings.org_values))
            if situation.say or situation.dont:
                result.append(situation)
    return result


# Clauses of drafted wording this long or longer are labelled where a preview
# quotes them; shorter ones (您好, 请稍等) are everyday words.
DRAFT_CLAUSE = 6
_CLAUSE = re.compile(r"[\W_]+")
_NAME = re.compile(r"《[^》]*》")


def drafted_clauses(report: Report, settings: Settings, found: list[Situation] | None = None) -> list[str]:
    """Clauses (between punctuation, DRAFT_CLAUSE characters or more) of wording
    and notes written for the handbook and not yet approved (待审).

    A preview may show them away from their labelled block: prose elsewhere
    quotes a drafted line (他会在三个工作日内给您答复), or a teaser starts in
    the middle of a drafted note.  The browser labels each quoted clause.
    Left out: names of forms, clauses approved wording also uses (they are the
    organisation's words), and clauses of a drafted note that ordinary text
    uses too (a note names signs and steps from other pages).
    Drafted forbidden lines are labelled as forbidden instead."""
    found = situations(report, settings) if found is None else found
    approved = "\n".join(_CLAUSE.sub("", line.text) for s in found for line in s.say + s.dont if not line.draft)
    lines = [line.text for s in found for line in s.say if line.draft]
    notes = [plain(note.text, settings.org_values) for page in report.pages
             if (outline := report.outlines.get(page.path))
             for note in outline.draft_notes if note.approval is None and note.text.strip()]
    # Page text and front matter (rule:, signs: … state the facts drafted lines restate).
    values = tuple(sorted(settings.org_values.items()))
    everything = "".join(_PAGE_CLAUSES.map((page.text, _meta_text(page.meta), values)
                                           for page in report.pages if page.text)).lower()
    drafted = _CLAUSE.sub("", "\n".join(lines + notes)).lower()

    def clauses(text):
        text = _NAME.sub(" ", text)  # the name of a form (《客户投诉记录单》) is not wording
        return {c for c in _CLAUSE.split(text) if len(c) >= DRAFT_CLAUSE}

    line_clauses, note_clauses = [clauses(text) for text in lines], [clauses(text) for text in notes]
    in_approved = {c for c, n in _occurrences(set().union(*line_clauses, *note_clauses), approved).items() if n}
    # Every clause of a drafted line, also where prose restates it: an agent
    # reads a restated line as the script, so it is marked 待审 too.
    result = {c.lower() for own in line_clauses for c in own if c not in in_approved}
    candidates = {c.lower() for own in note_clauses for c in own if c not in in_approved}
    in_everything, in_drafted = _occurrences(candidates, everything), _occurrences(candidates, drafted)
    result |= {c for c in candidates if in_everything[c] <= in_drafted[c]}
    return sorted(result)


def _page_clauses(text: str, meta_text: str, values: tuple) -> str:
    """A page's text and front matter as the agent reads them, without punctuation:
    what `drafted_clauses` looks for restated clauses in.  Joining pages' results
    equals cleaning their joined text (only characters are removed)."""
    org_values = dict(values)
    return _CLAUSE.sub("", plain(text, org_values) + "\n" + plain(meta_text, org_values))


# Kept between `mkdocs serve` rebuilds: a save cleans only the saved page again.
_PAGE_CLAUSES = PerBuild(_page_clauses)


def _occurrences(words: set[str], text: str) -> dict[str, int]:
    """How often each word occurs in text, overlaps included, in one pass.

    pyahocorasick rather than text.count per word: the page text of a large
    handbook is megabytes and its drafted notes have thousands of clauses (at
    20x, 1 s of every live-preview rebuild).  Overlapping counts differ from
    str.count only for a clause that overlaps itself (哈哈哈哈哈哈), and both
    sides of the comparison count the same way."""
    counts = dict.fromkeys(words, 0)
    if not words:
        return counts
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    for _end, word in automaton.iter(text):
        counts[word] += 1
    return counts


def _meta_text(meta: dict) -> str:
    values = []
    for value in meta.values():
        values.extend(value if isinstance(value, list) else [value])
    return "\n".join(str(value) for value in values if isinstance(value, str))


def forbidden_lines(report: Report, settings: Settings) -> list[str]:
    return sorted({line.text for s in situations(report, settings) for line in s.dont})


# The last answer data made, with the report and settings it was made from: the
# build writes it twice (search/handbook-answers.js and the prepared index's
# pieces) from the same report, and making it renders every page's text.
_last: list = [None, None, None]


def answer_data(report: Report, settings: Settings) -> dict:
    if _last[0] is report and _last[1] is settings:
        return _last[2]
    data = _answer_data(report, settings)
    _last[:] = [report, settings, data]
    return data


def _answer_data(report: Report, settings: Settings) -> dict:
    pages = {}
    for page in report.pages:
        if page.text is None:
            continue
        kind = str(page.meta.get("kind") or "")
        tags = {str(tag) for tag in page.meta.get("tags") or []}
        background = kind not in ANSWER_KINDS and (
            page.path == "index.md" or page.path.endswith("/index.md") or bool(tags & set(BACKGROUND_TAGS)))
        pages[page_url(page.path)] = {"kind": kind, "answer": 0 if background else 1}
    sections: dict[str, dict] = {}
    found = situations(report, settings)
    for s in found:
        sections.setdefault(s.url, {})[section_key(s.heading)] = {
            "say": [line.data() for line in s.say], "dont": [line.data() for line in s.dont]}
    return {"pages": pages, "sections": sections, "drafts": drafted_clauses(report, settings, found)}


def page_answers(data: dict, url: str) -> dict:
    """One page's part of `answer_data`, read with its texts by the prepared index
    (handbook/search_prepared.py): its situations and whether it answers a live question."""
    page = data["pages"].get(url)
    return {"sections": data["sections"].get(url, {}), "answer": page["answer"] if page else 0}


def shared_answers(data: dict) -> dict:
    """What of `answer_data` every query needs, whichever pages it shows: the
    drafted clauses and each distinct situation's wording (any teaser may quote
    a forbidden line of any page; the browser labels it with the approved line
    of its situation).  The situations are listed in the order of `sections`,
    each once (a page copied into another section repeats them)."""
    wording, seen = [], set()
    for sections in data["sections"].values():
        for heading, found in sections.items():
            entry = {"h": heading, **found}
            identity = json.dumps(entry, ensure_ascii=False, sort_keys=True)
            if identity not in seen:
                seen.add(identity)
                wording.append(entry)
    return {"drafts": data["drafts"], "wording": wording}


def answer_data_script(report: Report, settings: Settings) -> str:
    """Generated file search/handbook-answers.js: `self.HANDBOOK_ANSWERS = {…}`."""
    data = json.dumps(answer_data(report, settings), ensure_ascii=False, separators=(",", ":"))
    return f"self.HANDBOOK_ANSWERS = {data};\n"
