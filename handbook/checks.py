"""All content checks, as plain functions over the files in docs/.

`check_docs` reads every page, runs the per-page checks, then the checks that
need the whole handbook (unique ids, references, forbidden wording inside
approved wording), and returns every problem at once.  The MkDocs hook and the
`handbook check` command both call it, so a build and a standalone check can
never disagree.
"""
from __future__ import annotations

import dataclasses
import posixpath
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from . import freshness, house_rules, links
from .emphasis import unrendered_bold
from .figures import literal_search, literals_in
from .links import Project
from .normalise import normalise
from .outline import Outline, parse_outline, substitute
from .problems import Problem, sort_key
from .rendering import check_rendering
from .schema import BY_KIND, KIND_NAMES, as_date, check_front_matter, closest
from .settings import Settings
from .source import Page, decode_any, parse_page

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


# Names Windows editors give a page that MkDocs then ignores (Notepad adds .txt).
MISNAMED = re.compile(r"(?i)\.md\.txt$|\.md\.md$|\.markdown$|\.mdown$|\.md\s+$|(?-i:\.MD)$|(?-i:\.Md)$")


def markdown_files(docs_dir: Path) -> list[Path]:
    return sorted(p for p in Path(docs_dir).rglob("*.md") if p.is_file())


class PageCache:
    """Pages already checked on their own, by path and content, for a process that
    checks the same docs again and again (`mkdocs serve` checks every page on each
    save; a 1,200-page handbook spends seconds on pages that did not change).
    Checks across pages (ids, references) always run on all pages."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.house = b""
        self.pages: dict[tuple[str, bytes], tuple[Page, Outline | None]] = {}

    def lookup(self, sources: list[tuple[str, bytes]], settings: Settings, house: bytes = b"") -> dict:
        # Other organisation values, review periods, day, roles or style rules: check again.
        if (settings, house) != (self.settings, self.house):
            self.settings, self.house, self.pages = settings, house, {}
        self.pages = {key: self.pages[key] for key in sources if key in self.pages}  # drop old versions
        return self.pages


def check_docs(settings: Settings, cache: PageCache | None = None) -> Report:
    docs_dir = Path(settings.docs_dir)
    from .generated import source_paths  # here: the registry's generators import this module

    generated = source_paths()  # written by `handbook zensical`, not by trainers
    files = [(f.relative_to(docs_dir).as_posix(), f) for f in markdown_files(docs_dir)]
    sources = [(rel, f.read_bytes()) for rel, f in files if rel not in generated]
    return check_sources(sources, settings, read_project(settings), age=file_age(docs_dir), cache=cache)


def read_project(settings: Settings) -> Project:
    """The config, snippets and non-page files the build reads, from disk.

    mkdocs.yml is looked for next to the docs folder (the layout `make` and the
    hook use); without one, the nav is not checked (MkDocs then lists every page).
    """
    docs_dir = Path(settings.docs_dir)
    root = Path(getattr(settings, "config_file", None) or docs_dir.parent / "mkdocs.yml").parent
    config = root / "mkdocs.yml"
    project = Project(config_text=config.read_text(encoding="utf-8-sig", errors="replace") if config.is_file() else None)
    snippets = root / "snippets"
    if snippets.is_dir():
        project.snippets = {p.relative_to(snippets).as_posix(): p.read_text(encoding="utf-8-sig", errors="replace")
                            for p in snippets.rglob("*") if p.is_file()}
    for path in docs_dir.rglob("*"):
        if path.is_file() and path.suffix != ".md":
            rel = path.relative_to(docs_dir).as_posix()
            project.files.add(rel)
            if MISNAMED.search(rel):
                project.misnamed[rel] = path.read_bytes()
    return _with_generated_assets(project)


def _with_generated_assets(project: Project) -> Project:
    """Links may point at files every builder generates (handbook/generated.py)."""
    from .generated import entries  # here: the registry's generators import this module

    project.files.update(entry.path for entry in entries("asset"))
    return project


def check_project(files: dict[str, bytes], settings: Settings, docs: str = "docs") -> Report:
    """The same check over an in-memory project ({project-relative path: bytes})."""
    prefix = docs.rstrip("/") + "/"
    sources = [(p[len(prefix):], data) for p, data in sorted(files.items())
               if p.startswith(prefix) and p.endswith(".md")]
    config = files.get("mkdocs.yml")
    project = Project(config_text=config.decode("utf-8-sig") if config is not None else None)
    project.snippets = {p[len("snippets/"):]: data.decode("utf-8-sig", errors="replace")
                        for p, data in files.items() if p.startswith("snippets/")}
    for path, data in files.items():
        if path.startswith(prefix) and not path.endswith(".md"):
            rel = path[len(prefix):]
            project.files.add(rel)
            if MISNAMED.search(rel):
                project.misnamed[rel] = data
    return check_sources(sources, settings, _with_generated_assets(project), age=file_age(Path(settings.docs_dir)))


def check_sources(sources: list[tuple[str, bytes]], settings: Settings, project: Project | None = None,
                  age=None, cache: PageCache | None = None) -> Report:
    report = Report()
    house = house_rules.load(settings.snippets_dir)
    checked = cache.lookup(sources, settings, house_rules.fingerprint(settings.snippets_dir)) \
        if cache is not None else {}
    for rel, data in sources:
        if (rel, data) in checked:
            page, outline = checked[(rel, data)]
        else:
            page, outline = parse_page(rel, data), None
            check_front_matter(page)
            if page.text is not None and page.body_known:
                outline = parse_outline(page.body, page.body_start)
                check_body(page, outline, settings)
                house_rules.check_page(page, outline, house, settings.org_values)
            if cache is not None:
                checked[(rel, data)] = (page, outline)
        if outline is not None:
            report.outlines[rel] = outline
        report.pages.append(page)
    problems = [p for page in report.pages for p in page.problems] + house.file_problems
    problems += check_ids_and_references(report.pages, age)
    problems += check_forbidden_in_approved(report)
    problems += check_review_dates(report.pages, settings)
    renamed: dict[str, str] = {}
    if project is not None:
        nav_problems, renamed = check_project_files(report, project, settings.org_values)
        problems += nav_problems
    problems = collapse_knock_on(problems, report, project, renamed)
    problems += freshness.overdue_notices(report.pages, settings)
    report.problems = sorted(problems, key=sort_key)
    return report


def check_project_files(report: Report, project: Project, values: dict[str, str]
                        ) -> tuple[list[Problem], dict[str, str]]:
    """Links, anchors, images, snippets, nav and glossary: what the build rejects."""
    pages = {page.path for page in report.pages}
    anchors = links.Anchors(report.outlines, values)  # made only for pages that anchor links name
    problems: list[Problem] = []
    snippet_outlines: dict[str, Outline] = {}
    seen: set[tuple] = set()
    for path, outline in report.outlines.items():
        problems += links.check_links(path, outline, pages, anchors, project.files)
        problems += links.check_snippets(path, outline.text_lines, project.snippets)
        # Links in an included snippet are followed from the including page.
        for name in links.included(outline.text_lines, project.snippets):
            if name not in snippet_outlines:
                snippet_outlines[name] = parse_outline(project.snippets[name])
            for problem in links.check_links(path, snippet_outlines[name], pages, anchors, project.files):
                moved = dataclasses.replace(problem, path=f"snippets/{name}")
                if (moved.path, moved.line, moved.code) not in seen:
                    seen.add((moved.path, moved.line, moved.code))
                    problems.append(moved)
    nav_problems, renamed = links.check_nav(project, pages)
    problems += nav_problems
    for name in project.auto_append:
        if name in project.snippets:
            problems += links.check_glossary(name, project.snippets[name])
    for name in sorted(project.misnamed):
        right = MISNAMED.sub(".md", name)
        problems.append(Problem(name, 0, "not-markdown-file", {"name": name, "right": right}))
    return problems, renamed


# --- root cause first ----------------------------------------------------------

_ID_LINE = re.compile(r"^id\s*[:：]\s*[\"']?([A-Za-z0-9_-]+)", re.MULTILINE)


def collapse_knock_on(problems: list[Problem], report: Report, project: Project | None,
                      renamed: dict[str, str]) -> list[Problem]:
    """Fold problems that exist only because of another one into that one.

    A page whose front matter cannot be read has no id, so every page that
    refers to it reports 「编号不存在」; a renamed or deleted page breaks every
    link to it.  The cause is kept (listed first) and the rest become one line.
    """
    causes: dict[str, Problem] = {}       # id that cannot be read -> the problem on its page
    for page in report.pages:
        if isinstance(page.meta.get("id"), str):
            continue
        own = [p for p in problems if p.path == page.path and p.is_error]
        guessed = _guess_id(page)
        if own and guessed:
            causes.setdefault(guessed, min(own, key=lambda p: p.line))
    if project is not None:
        for name, data in project.misnamed.items():
            text, _ = decode_any(data)
            match = _ID_LINE.search(text or "")
            cause = next((p for p in problems if p.path == name and p.code == "not-markdown-file"), None)
            if match and cause:
                causes.setdefault(match.group(1), cause)
    nav_causes = {p.details["entry"]: p for p in problems if p.code == "nav-not-found"}
    # A page deleted from disk but still in the nav: its id (scn-after-hours for
    # scenarios/after-hours.md, by the handbook's id convention) is gone too.
    deleted = {posixpath.splitext(posixpath.basename(entry))[0]: p for entry, p in nav_causes.items()
               if entry not in renamed}
    misnamed = {MISNAMED.sub(".md", p.path): p for p in problems if p.code == "not-markdown-file"}
    cause_of: dict[int, Problem] = {}
    for problem in problems:
        cause = None
        if problem.code == "unknown-reference":
            value = problem.details["value"]
            cause = causes.get(value) or deleted.get(value.split("-", 1)[-1])
        elif problem.code in ("link-not-found", "anchor-not-found"):
            cause = nav_causes.get(links.resolve(problem.path, problem.details["target"]))
        elif problem.code == "nav-not-found":
            cause = misnamed.get(problem.details["entry"])
        if cause is not None and cause is not problem:
            cause_of[id(problem)] = cause

    def root(problem: Problem) -> Problem:
        for _ in range(5):  # causes chain at most: misnamed file -> nav line -> link
            problem = cause_of.get(id(problem), problem)
        return problem

    knock: dict[int, list[str]] = defaultdict(list)
    for problem in problems:
        if id(problem) in cause_of:
            knock[id(root(problem))].append(problem.location)
    return [dataclasses.replace(p, knock_on=tuple(knock[id(p)])) if knock.get(id(p)) else p
            for p in problems if id(p) not in cause_of]


def _guess_id(page: Page) -> str | None:
    text = page.text if page.text is not None else page.raw_text
    match = _ID_LINE.search(text or "")
    return match.group(1) if match else None


def file_age(docs_dir: Path):
    """When a page was created, for deciding which of two pages with one id is new.

    The rule: the commit that added the file (git); a file git does not track
    yet is newer than every committed one; without git, the modification time.
    A file that is not on disk (an in-memory edit) is the newest of all.
    """
    cache: dict[str, tuple] = {}

    def age(rel: str) -> tuple:
        if rel not in cache:
            path = Path(docs_dir) / rel
            if not path.is_file():
                cache[rel] = (3, 0.0)
            else:
                cache[rel] = _git_added(path) or (2, path.stat().st_mtime)
        return cache[rel]
    return age


def _git_added(path: Path) -> tuple | None:
    try:
        result = subprocess.run(["git", "log", "--diff-filter=A", "--format=%ct", "--", path.name],
                                check=False, cwd=path.parent, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None  # not a git checkout
    stamps = result.stdout.split()
    return (1, float(stamps[-1])) if stamps else (2, path.stat().st_mtime)


# --- one page -------------------------------------------------------------

def check_body(page: Page, outline: Outline, settings: Settings) -> None:
    title = page.meta.get("title")
    if outline.h1 is None:
        page.problem(page.body_start, "missing-h1", title=title or "标题")
    elif title and str(title).strip() != substitute(outline.h1, settings.org_values).strip():
        page.problem(outline.h1_line, "title-mismatch", heading=outline.h1, title=title)
    if "**" in page.body:
        raw_lines = page.body.split("\n")  # with inline code: `a`** closes bold, a ** does not
        for line, _ in outline.text_lines:
            if unrendered_bold(raw_lines[line - page.body_start]):
                page.problem(line, "bold-not-rendered")
    for line, rest in outline.fullwidth_admonitions:
        page.problem(line, "fullwidth-admonition", rest=rest)
    check_rendered_shape(page, outline)
    page.problems += check_rendering(page.path, outline, settings.org_values)
    for line, kind in outline.unknown_types:
        page.problem(line, "unknown-block-type", value=kind or "（空）",
                     suggestion=closest(kind, ["say", "dont", "why", "note", "tip", "warning", "danger"]))
    check_org_values(page, outline, settings.org_values)
    for line, problem in outline.approval_problems:
        page.problem(line, "approval-malformed", problem=problem)
    for block in outline.blocks():
        if block.type in ("say", "dont") and not block.phrases:
            page.problem(block.line, "empty-wording", label=block.label)
    kind = page.meta.get("kind")
    if kind in ("scenario", "policy", "risk"):
        spoken = house_rules.spoken_block(page, outline)  # a policy's 先这样说 opens the page
        for block in outline.lead_blocks:
            if block is not spoken:
                page.problem(block.line, "wording-outside-situation", label=block.label)
    if kind == "scenario":
        check_scenario(page, outline)
    elif kind == "policy":
        check_policy(page, outline)


def check_rendered_shape(page: Page, outline: Outline) -> None:
    """Lines the renderer turns into something other than what was meant."""
    for line, written in outline.broken_admonitions:
        page.problem(line, "admonition-not-rendered", written=written, reason=_admonition_reason(written),
                     right=_admonition_right(written))
    for line, fixed in outline.fullwidth_headings:
        page.problem(line, "fullwidth-heading", fixed=fixed)
    for line in outline.indented_headings:
        page.problem(line, "heading-indented")
    for line, label in outline.misindented:
        raw = page.body.split("\n")[line - page.body_start]
        page.problem(line, "wording-indent", indent=len(raw) - len(raw.lstrip(" ")), label=label)
    if outline.unclosed_fence:
        raw = page.body.split("\n")[outline.unclosed_fence - page.body_start].strip()
        page.problem(outline.unclosed_fence, "code-fence-unclosed", fence=re.match(r"[`~]+", raw).group(0))
    for block in outline.blocks():
        if block.type in ("say", "dont"):
            for phrase in block.phrases:
                if phrase.joined_line:
                    text = page.body.split("\n")[phrase.joined_line - page.body_start].strip().lstrip("-*+ ")
                    page.problem(phrase.joined_line, "wording-lines-joined", label=block.label, text=text)


_QUOTES = "“”「」『』‘’＂"


def _admonition_reason(line: str) -> str:
    if any(mark in line for mark in _QUOTES):
        return "：标题用了中文引号"
    if re.match(r"^[!?]{3}\+?\s*[\w-]+\"", line):
        return "：类型和标题之间没有空格"
    if line.count('"') % 2:
        return "：标题的引号没有成对"
    return ""


def _admonition_right(line: str) -> str:
    match = re.match(r"^(?P<mark>!!!|\?\?\?\+?)\s*(?P<type>[A-Za-z_-]*)\s*(?P<title>.*)$", line)
    title = match.group("title").strip(_QUOTES + "\"' ") if match else ""
    kind = match.group("type") if match else "say"
    title = title or {"say": "这样说", "dont": "不要这样说", "why": "为什么"}.get(kind, "标题")
    return f'{match.group("mark") if match else "!!!"} {kind} "{title}"'


def check_org_values(page: Page, outline: Outline, values: dict[str, str]) -> None:
    for line, name in outline.value_names:
        if name not in values:
            page.problem(line, "unknown-value-name", name=name, suggestion=closest(name, values),
                         known="、".join(values))
    patterns, anywhere = literal_search(values)  # digit-aware: 50方 is not inside 350方
    if anywhere is not None and not anywhere.search(outline.prose):
        return  # no value written out on this page
    for line, text in outline.text_lines:
        if anywhere is not None and not anywhere.search(text):
            continue  # no value written out on this line (most lines)
        for value, name in literals_in(text, patterns):
            page.problem(line, "org-literal", value=value, name=name)


def check_scenario(page: Page, outline: Outline) -> None:
    if not outline.sections:
        page.problem(outline.h1_line or page.body_start, "scenario-no-situation")
    reported = set()
    for section in outline.sections:
        for block in section.blocks:
            if block.heading and block.heading[1] >= 3 and block.heading[0] not in reported:
                reported.add(block.heading[0])
                page.problem(block.heading[0], "situation-heading-level", heading=block.heading[2],
                             parent=section.heading)
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

def check_ids_and_references(pages: list[Page], age=None) -> list[Problem]:
    """Duplicate ids (reported on the newer page) and references to unknown ids."""
    problems: list[Problem] = []
    by_id: dict[str, list[tuple[int, Page]]] = defaultdict(list)
    for order, page in enumerate(pages):
        page_id = page.meta.get("id")
        if isinstance(page_id, str):
            by_id[page_id].append((order, page))
    kinds: dict[str, str] = {}
    for page_id, owners in by_id.items():
        if len(owners) > 1 and age is not None:
            owners = sorted(owners, key=lambda item: (age(item[1].path), item[0]))
        oldest = owners[0][1]
        kinds[page_id] = oldest.meta.get("kind")
        for _, page in owners[1:]:
            problems.append(Problem(page.path, page.line_of("id"), "duplicate-id",
                                    {"value": page_id, "other": oldest.path}))
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


def check_review_dates(pages: list[Page], settings: Settings) -> list[Problem]:
    """A review date in the future silently postpones the next review."""
    problems = []
    for page in pages:
        reviewed = as_date(page.meta.get("reviewed"))
        if reviewed is not None and reviewed > settings.today:
            problems.append(Problem(page.path, page.line_of("reviewed"), "review-date-future",
                                    {"value": reviewed.isoformat(), "today": settings.today.isoformat()}))
    return problems


def check_forbidden_in_approved(report: Report) -> list[Problem]:
    """No forbidden phrase may appear inside any approved phrase, anywhere.

    Comparing every pair is quadratic (a 2,000-page handbook has ~10⁸ pairs), so
    the forbidden phrases go into one Aho-Corasick automaton (pyahocorasick) and
    each approved phrase is read once, finding every forbidden phrase inside it.
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
    if not forbidden:
        return []
    automaton = ahocorasick.Automaton()
    for order, text in enumerate(forbidden):
        automaton.add_word(text, order)
    automaton.make_automaton()
    found = {(order, index) for index, (_, _, text) in enumerate(approved) for _, order in automaton.iter(text)}
    phrases = list(forbidden.items())
    problems = []
    for order, index in sorted(found):  # by forbidden phrase, then approved phrase, as reported before
        text, (where, line) = phrases[order]
        path, approved_line, _ = approved[index]
        problems.append(Problem(path, approved_line, "forbidden-in-approved", {"phrase": text, "where": f"{where}:{line}"}))
    return problems
