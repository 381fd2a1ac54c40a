"""All content checks, as plain functions over the files in docs/.

`check_docs` reads every page, runs the per-page checks, then the checks that
need the whole handbook (unique ids, references, forbidden wording inside
approved wording), and returns every problem at once.  The MkDocs hook and the
`handbook check` command both call it, so a build and a standalone check can
never disagree.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import freshness
from .emphasis import unrendered_bold
from .normalise import normalise
from .outline import Outline, parse_outline
from .problems import Problem, sort_key
from .schema import BY_KIND, KIND_NAMES, check_front_matter, closest
from .settings import Settings
from .source import Page, parse_page

POLICY_SECTIONS = ["规定", "为什么", "怎样向客户解释", "不要这样说", "例外"]
REFERENCE_KEYS = {"risks": "risk", "policies": "policy", "scenarios": "scenario"}
KEY_FOR_KIND = {kind: key for key, kind in REFERENCE_KEYS.items()}


@dataclass
class Report:
    pages: list[Page] = field(default_factory=list)
    outlines: dict[str, Outline] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def unreadable(self) -> set[str]:
        return {page.path for page in self.pages if page.text is None}


def markdown_files(docs_dir: Path) -> list[Path]:
    return sorted(p for p in Path(docs_dir).rglob("*.md") if p.is_file())


class PageCache:
    """Pages already checked on their own, by path and content, for a process that
    checks the same docs again and again (`mkdocs serve` checks every page on each
    save; a 1,200-page handbook spends seconds on pages that did not change).
    Checks across pages (ids, references) always run on all pages."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.pages: dict[tuple[str, bytes], tuple[Page, Outline | None]] = {}

    def lookup(self, sources: list[tuple[str, bytes]], settings: Settings) -> dict:
        if settings != self.settings:  # other organisation values, review periods or day
            self.settings, self.pages = settings, {}
        self.pages = {key: self.pages[key] for key in sources if key in self.pages}  # drop old versions
        return self.pages


def check_docs(settings: Settings, cache: PageCache | None = None) -> Report:
    docs_dir = Path(settings.docs_dir)
    sources = [(f.relative_to(docs_dir).as_posix(), f.read_bytes()) for f in markdown_files(docs_dir)]
    return check_sources(sources, settings, cache)


def check_sources(sources: list[tuple[str, bytes]], settings: Settings, cache: PageCache | None = None) -> Report:
    report = Report()
    checked = cache.lookup(sources, settings) if cache is not None else {}
    for rel, data in sources:
        if (rel, data) in checked:
            page, outline = checked[(rel, data)]
        else:
            page, outline = parse_page(rel, data), None
            check_front_matter(page)
            if page.text is not None and page.body_known:
                outline = parse_outline(page.body, page.body_start)
                check_body(page, outline, settings)
            if cache is not None:
                checked[(rel, data)] = (page, outline)
        if outline is not None:
            report.outlines[rel] = outline
        report.pages.append(page)
    problems = [p for page in report.pages for p in page.problems]
    problems += check_ids_and_references(report.pages)
    problems += check_forbidden_in_approved(report)
    problems += freshness.overdue_notices(report.pages, settings)
    report.problems = sorted(problems, key=sort_key)
    return report


# --- one page -------------------------------------------------------------

def check_body(page: Page, outline: Outline, settings: Settings) -> None:
    title = page.meta.get("title")
    if outline.h1 is None:
        page.problem(page.body_start, "missing-h1", title=title or "标题")
    elif title and str(title).strip() != outline.h1.strip():
        page.problem(outline.h1_line, "title-mismatch", heading=outline.h1, title=title)
    raw_lines = page.body.split("\n")  # with inline code: `a`** closes bold, a ** does not
    for line, _ in outline.text_lines:
        if unrendered_bold(raw_lines[line - page.body_start]):
            page.problem(line, "bold-not-rendered")
    for line, rest in outline.fullwidth_admonitions:
        page.problem(line, "fullwidth-admonition", rest=rest)
    for line, kind in outline.unknown_types:
        page.problem(line, "unknown-block-type", value=kind or "（空）",
                     suggestion=closest(kind, ["say", "dont", "why", "note", "tip", "warning", "danger"]))
    check_org_values(page, outline, settings.org_values)
    for block in outline.blocks():
        if block.type in ("say", "dont") and not block.phrases:
            page.problem(block.line, "empty-wording", label=block.label)
    kind = page.meta.get("kind")
    if kind in ("scenario", "policy", "risk"):
        for block in outline.lead_blocks:
            page.problem(block.line, "wording-outside-situation", label=block.label)
    if kind == "scenario":
        check_scenario(page, outline)
    elif kind == "policy":
        check_policy(page, outline)


def check_org_values(page: Page, outline: Outline, values: dict[str, str]) -> None:
    for line, name in outline.value_names:
        if name not in values:
            page.problem(line, "unknown-value-name", name=name, suggestion=closest(name, values),
                         known="、".join(values))
    literals = {value: name for name, value in values.items() if len(value) >= 4}
    for line, text in outline.text_lines:
        for value, name in literals.items():
            if value in text:
                page.problem(line, "org-literal", value=value, name=name)


def check_scenario(page: Page, outline: Outline) -> None:
    if not outline.sections:
        page.problem(outline.h1_line or page.body_start, "scenario-no-situation")
    for section in outline.sections:
        kinds = {block.type for block in section.blocks if block.phrases}
        if "say" not in kinds and not _has_empty(section, "say"):
            page.problem(section.line, "situation-missing-approved", heading=section.heading)
        if "dont" not in kinds and not _has_empty(section, "dont"):
            page.problem(section.line, "situation-missing-forbidden", heading=section.heading)


def _has_empty(section, kind: str) -> bool:
    # An empty block is already reported as `empty-wording` at its own line.
    return any(block.type == kind for block in section.blocks)


def check_policy(page: Page, outline: Outline) -> None:
    found = {section.heading: section for section in outline.sections}
    previous = None
    for name in POLICY_SECTIONS:
        section = found.get(name)
        if section is None:
            page.problem(outline.h1_line or page.body_start, "policy-missing-section", section=name)
            continue
        if previous is not None and section.line < previous.line:
            page.problem(section.line, "policy-section-order", section=name, before=previous.heading)
        previous = section
    explain, never = found.get("怎样向客户解释"), found.get("不要这样说")
    if explain and not any(b.type == "say" for b in explain.blocks):
        page.problem(explain.line, "policy-missing-approved")
    if never and not any(b.type == "dont" for b in never.blocks):
        page.problem(never.line, "policy-missing-forbidden")


# --- the whole handbook ----------------------------------------------------

def check_ids_and_references(pages: list[Page]) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, Page] = {}
    kinds: dict[str, str] = {}
    for page in pages:
        page_id = page.meta.get("id")
        if not isinstance(page_id, str):
            continue
        if page_id in first_seen:
            problems.append(Problem(page.path, page.line_of("id"), "duplicate-id",
                                    {"value": page_id, "other": first_seen[page_id].path}))
        else:
            first_seen[page_id] = page
            kinds[page_id] = page.meta.get("kind")
    for page in pages:
        for key, expected in REFERENCE_KEYS.items():
            refs = page.meta.get(key)
            if not isinstance(refs, list):
                continue
            for index, ref in enumerate(refs):
                line = page.line_of(key, index)
                if not isinstance(ref, str):
                    continue
                if ref not in kinds:
                    same_kind = [i for i, k in kinds.items() if k == expected]
                    problems.append(Problem(page.path, line, "unknown-reference", {
                        "value": ref, "suggestion": closest(ref, same_kind), "kind_name": KIND_NAMES[expected]}))
                elif kinds[ref] != expected and kinds[ref] in BY_KIND:
                    problems.append(Problem(page.path, line, "wrong-reference-kind", {
                        "key": key, "value": ref, "actual": KIND_NAMES.get(kinds[ref], kinds[ref]),
                        "expected": KIND_NAMES[expected], "right_key": KEY_FOR_KIND.get(kinds[ref], key)}))
    return problems


def check_forbidden_in_approved(report: Report) -> list[Problem]:
    """No forbidden phrase may appear inside any approved phrase, anywhere.

    Comparing every pair is quadratic (a 2,000-page handbook has ~10⁸ pairs), so
    approved phrases are indexed by their character bigrams and a forbidden phrase
    is only compared with the approved phrases that share its rarest bigram.
    """
    approved: list[tuple[str, int, str]] = []
    forbidden: dict[str, tuple[str, int]] = {}
    for page in report.pages:
        outline = report.outlines.get(page.path)
        if outline is None:
            continue
        for block in outline.blocks():
            for phrase in block.phrases:
                text = normalise(phrase.text)
                if block.type == "say":
                    approved.append((page.path, phrase.line, text))
                elif block.type == "dont" and len(text) >= 2:
                    forbidden.setdefault(text, (page.path, phrase.line))
    # Only bigrams that occur in some forbidden phrase can ever be looked up.
    wanted = {text[i:i + 2] for text in forbidden for i in range(len(text) - 1)}
    by_bigram: dict[str, list[int]] = defaultdict(list)
    for index, (_, _, text) in enumerate(approved):
        for bigram in {text[i:i + 2] for i in range(len(text) - 1)} & wanted:
            by_bigram[bigram].append(index)
    problems = []
    empty: list[int] = []
    for text, (where, line) in forbidden.items():
        candidates = min((by_bigram.get(text[i:i + 2], empty) for i in range(len(text) - 1)), key=len)
        for index in candidates:
            path, approved_line, approved_text = approved[index]
            if text in approved_text:
                problems.append(Problem(path, approved_line, "forbidden-in-approved",
                                        {"phrase": text, "where": f"{where}:{line}"}))
    return problems
