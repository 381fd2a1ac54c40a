"""What the strict build rejects, found before the build: links, anchors, images,
snippet includes and the navigation in mkdocs.yml.

MkDocs validates these only while it renders, in English and without line
numbers.  This module reads the same facts from the files (the page outline
gives the headings; mkdocs.yml gives the nav, with line numbers from PyYAML's
node tree) and reports each problem on the line a trainer has to change.
Heading anchors are made with the very function the site uses
(`pymdownx.slugs.slugify(case="lower")`, configured in mkdocs.yml), de-duplicated
the way Python-Markdown's toc extension does, so the two always agree.
"""
from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import yaml
from pymdownx.slugs import slugify

from .outline import Outline
from .problems import Problem

CONFIG = "mkdocs.yml"          # problems in the config are reported under this name


def generated_pages() -> frozenset[str]:
    """Pages every builder adds from the registry (handbook/generated.py)."""
    from .generated import entries  # here: the registry's generators import the checks

    return frozenset(entry.path for entry in entries("page"))


_slug = slugify(case="lower")

# [text](target "title"), ![alt](src); the target may be wrapped in <…>.
_LINK = re.compile(r"(?<!\\)(?P<image>!?)(?<!\\)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(?P<target><[^>]*>|[^)]*?)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_FULLWIDTH_LINK = re.compile(r"\[[^\]]+\]（(?P<target>[^）\s]+)）")
_REFERENCE = re.compile(r"^\s{0,3}\[(?P<label>[^\]^]+)\]:\s*(?P<target><[^>]*>|\S+)")
_HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*?\b(?P<attr>href|src)=[\"'](?P<target>[^\"']*)[\"']", re.IGNORECASE)
_HTML_ID = re.compile(r"<[a-z][^>]*?\b(?:id|name)=[\"'](?P<id>[^\"']+)[\"']", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
SNIPPET = re.compile(r"^(?P<indent>\s*)(?P<mark>;?)-{1,}8<-{1,}[ \t]+(?P<quote>[\"'])(?P<name>[^\"']+)(?P=quote)\s*$")
_INLINE_MARKUP = re.compile(r"\*\*|__|[*_`~]|<[^>]+>")
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """mkdocs.yml carries !!python/… tags meant for MkDocs; read them as plain values."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class Project:
    """What the build reads besides the pages: the config, snippets, other files."""
    config_text: str | None = None                    # mkdocs.yml; None: no nav checks
    snippets: dict[str, str] = field(default_factory=dict)   # snippet name -> text
    files: set[str] = field(default_factory=set)       # docs-relative non-page files (images…)
    nav: list[tuple[str, int, int]] | None = None      # (path, line, column of its "-")
    auto_append: list[str] = field(default_factory=list)
    misnamed: dict[str, bytes] = field(default_factory=dict)  # e.g. page.md.txt -> its bytes
    config_problems: list[Problem] = field(default_factory=list)

    def __post_init__(self):
        if self.config_text is not None and self.nav is None:
            self._read_config()

    def _read_config(self) -> None:
        loader = _ConfigLoader(self.config_text)
        try:  # one parse: the node tree gives the nav's line numbers, the data the rest
            root = loader.get_single_node()
            config = loader.construct_document(root) if root is not None else {}
        except yaml.YAMLError:
            return  # the config's own syntax is reported by the settings check (issue 10)
        finally:
            loader.dispose()
        if not isinstance(root, yaml.MappingNode) or not isinstance(config, dict):
            return
        for key, value in root.value:
            if key.value == "nav":
                self.nav = list(_nav_entries(value))
        for extension in config.get("markdown_extensions") or []:
            if isinstance(extension, dict) and "pymdownx.snippets" in extension:
                self.auto_append = list((extension["pymdownx.snippets"] or {}).get("auto_append") or [])


def _nav_entries(node):
    """(path, line, column of the list dash) for every page the nav names."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_entries(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            if isinstance(value, yaml.ScalarNode):
                yield from _nav_value(value, dash_column=_dash_column(node))
            else:
                yield from _nav_entries(value)
    elif isinstance(node, yaml.ScalarNode):
        yield from _nav_value(node, dash_column=node.start_mark.column - 2)


def _dash_column(mapping: yaml.MappingNode) -> int:
    return mapping.value[0][0].start_mark.column - 2


def _nav_value(node: yaml.ScalarNode, dash_column: int):
    value = str(node.value).strip()
    if value and not _SCHEME.match(value) and not value.startswith("/"):
        yield value, node.start_mark.line + 1, max(dash_column, 0)


# --- anchors -----------------------------------------------------------------

class Anchors(dict):
    """{page: its anchors}, computed the first time a link names the page."""

    def __init__(self, outlines: dict[str, Outline], values: dict[str, str]):
        super().__init__()
        self.outlines, self.values = outlines, values

    def get(self, path, default=None):
        if path not in self and path in self.outlines:
            self[path] = heading_anchors(self.outlines[path], self.values)
        return super().get(path, default)


def heading_anchors(outline: Outline, values: dict[str, str]) -> set[str]:
    """The ids the toc extension gives this page's headings, plus explicit ids."""
    anchors: set[str] = set()
    for _, _, text, explicit in outline.headings:
        if explicit:
            anchors.add(explicit)
            continue
        text = re.sub(r"\{\{\s*([^{}]+?)\s*\}\}", lambda m: values.get(m.group(1), m.group(0)), text)
        slug = _slug(_INLINE_MARKUP.sub("", _INLINE_LINK.sub(r"\1", text)), "-")
        unique, number = slug, 0
        while unique in anchors:  # toc.unique(): the second "a" is "a_1"
            number += 1
            unique = f"{slug}_{number}"
        anchors.add(unique)
    for _, prose in outline.text_lines:
        if "id=" in prose or "name=" in prose:
            anchors.update(m.group("id") for m in _HTML_ID.finditer(prose))
    return anchors


# --- links in pages ------------------------------------------------------------

def page_links(outline: Outline):
    """(line, is_image, target) for every link the page has outside code."""
    if "](" not in outline.prose and "]:" not in outline.prose and "<" not in outline.prose:
        return
    for number, prose in outline.text_lines:
        if "](" in prose:
            for m in _LINK.finditer(prose):
                yield number, bool(m.group("image")), m.group("target").strip("<>")
        if "[" in prose and "]:" in prose and not prose.lstrip().startswith("*["):
            m = _REFERENCE.match(prose)
            if m:
                yield number, False, m.group("target").strip("<>")
        if "<" in prose and ("href=" in prose or "src=" in prose):
            for m in _HTML_LINK.finditer(prose):
                yield number, m.group("attr").lower() == "src", m.group("target")


def resolve(path: str, target: str) -> str:
    """The docs-relative file a link on page `path` points at (without #anchor)."""
    link = unquote(target).partition("#")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(path), link)) if link else path


def check_links(path: str, outline: Outline, pages: set[str], anchors: dict[str, set[str]],
                files: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    here = posixpath.dirname(path)
    for number, prose in (outline.text_lines if "（" in outline.prose and "[" in outline.prose else ()):
        if "（" in prose and "[" in prose:
            for m in _FULLWIDTH_LINK.finditer(prose):
                problems.append(Problem(path, number, "link-fullwidth-parentheses", {"target": m.group("target")}))
    for number, image, raw in page_links(outline):
        target = unquote(raw)
        if not target or _SCHEME.match(target):
            continue
        link, _, anchor = target.partition("#")
        details = {"target": raw}
        if not link:
            if anchor and anchor not in anchors.get(path, set()):
                problems.append(_anchor_problem(path, number, raw, anchor, anchors.get(path, set()), path))
            continue
        if link.startswith("/"):
            wanted = link.lstrip("/")
            relative = posixpath.relpath(wanted, here or ".") if wanted else "index.md"
            problems.append(Problem(path, number, "link-absolute",
                                    {**details, "relative": relative + (f"#{anchor}" if anchor else "")}))
            continue
        resolved = posixpath.normpath(posixpath.join(here, link))
        if link.endswith("/"):
            resolved += "/"
        if resolved.endswith((".md", ".md/")):
            resolved = resolved.rstrip("/")
            if resolved in generated_pages():
                continue
            if resolved not in pages:
                problems.append(Problem(path, number, "link-not-found",
                                        {**details, "suggestion": _suggest_page(resolved, pages, here)}))
            elif anchor and anchor not in anchors.get(resolved, set()):
                problems.append(_anchor_problem(path, number, raw, anchor, anchors.get(resolved, set()), resolved))
            continue
        as_page = next((p for p in (resolved.rstrip("/") + ".md", posixpath.join(resolved, "index.md"))
                        if p in pages or p in generated_pages()), None)
        if as_page and resolved.rstrip("/") not in files:
            written = posixpath.relpath(as_page, here or ".") + (f"#{anchor}" if anchor else "")
            problems.append(Problem(path, number, "link-without-md", {**details, "written": written}))
        elif resolved not in files and resolved not in pages:
            code = "image-not-found" if image or _looks_like_image(resolved) else "link-not-found"
            suggestion = _suggest_file(resolved, files, here) if code == "image-not-found" else \
                _suggest_page(resolved, pages, here)
            problems.append(Problem(path, number, code, {**details, "suggestion": suggestion}))
    return problems


def _looks_like_image(path: str) -> bool:
    return path.lower().rsplit(".", 1)[-1] in ("png", "jpg", "jpeg", "gif", "svg", "webp")


def _anchor_problem(path, number, raw, anchor, known: set[str], page: str) -> Problem:
    lowered = _slug(anchor, "-")
    if lowered in known and lowered != anchor:
        suggestion = f"，应写成「#{lowered}」（锚点一律小写，空格写成 -）"
    else:
        match = difflib.get_close_matches(anchor, sorted(known), n=1, cutoff=0.4)
        suggestion = f"，是不是想写「#{match[0]}」？" if match else ""
    return Problem(path, number, "anchor-not-found", {"target": raw, "anchor": anchor, "page": page,
                                                      "suggestion": suggestion})


def _suggest_page(resolved: str, pages: set[str], here: str) -> str:
    name = posixpath.basename(resolved)
    same_name = sorted(p for p in pages if posixpath.basename(p) == name or p == resolved.lstrip("./") )
    candidates = same_name or difflib.get_close_matches(resolved, sorted(pages), n=1, cutoff=0.6)
    if not candidates:
        candidates = [p for p in sorted(pages) if difflib.SequenceMatcher(None, posixpath.basename(p), name).ratio() > 0.75][:1]
    if not candidates:
        return ""
    return f"，是不是想写「{posixpath.relpath(candidates[0], here or '.')}」？"


def _suggest_file(resolved: str, files: set[str], here: str) -> str:
    name = posixpath.basename(resolved.replace("\\", "/"))
    same = sorted(f for f in files if posixpath.basename(f) == name)
    if same:
        return f"，是不是想写「{posixpath.relpath(same[0], here or '.')}」？"
    if "\\" in resolved:
        return "；路径要用 / 分隔，不要用 \\"
    return "；请先把图片文件放进 docs/ 下的文件夹（例如 docs/assets/images/）"


# --- snippets ------------------------------------------------------------------

def check_snippets(path: str, body_lines: list[tuple[int, str]], snippets: dict[str, str]) -> list[Problem]:
    problems = []
    for number, raw in body_lines:
        if "8<" not in raw:
            continue
        m = SNIPPET.match(raw)
        if m and not m.group("mark") and m.group("name") not in snippets:
            problems.append(Problem(path, number, "snippet-not-found", {
                "name": m.group("name"), "suggestion": _closest(m.group("name"), snippets),
                "known": "、".join(sorted(snippets)) or "（没有）"}))
    return problems


def included(body_lines: list[tuple[int, str]], snippets: dict[str, str]) -> list[str]:
    """Names of the existing snippets a page includes with --8<--."""
    names = []
    for _, raw in body_lines:
        if "8<" in raw:
            m = SNIPPET.match(raw)
            if m and not m.group("mark") and m.group("name") in snippets:
                names.append(m.group("name"))
    return names


def _closest(value: str, candidates) -> str:
    match = difflib.get_close_matches(value, sorted(candidates), n=1, cutoff=0.5)
    return f"，是不是想写「{match[0]}」？" if match else ""


# --- nav ---------------------------------------------------------------------------

def check_nav(project: Project, pages: set[str]) -> tuple[list[Problem], dict[str, str]]:
    """Nav entries that name no page, pages the nav leaves out.

    Returns the problems and {old path: new path} for entries whose page looks
    renamed, so links to the old name can be reported as knock-on effects.
    """
    if project.nav is None:
        return [], {}
    problems: list[Problem] = []
    listed = {entry for entry, _, _ in project.nav}
    unlisted = sorted(p for p in pages if p not in listed)
    renamed: dict[str, str] = {}
    for entry, line, _ in project.nav:
        if entry in pages or entry in generated_pages():
            continue
        same_folder = [p for p in unlisted if posixpath.dirname(p) == posixpath.dirname(entry)]
        match = difflib.get_close_matches(entry, same_folder, n=1, cutoff=0.0) if same_folder else []
        if match and len(same_folder) == 1 or difflib.get_close_matches(entry, unlisted, n=1, cutoff=0.8):
            new = match[0] if match else difflib.get_close_matches(entry, unlisted, n=1, cutoff=0.8)[0]
            renamed[entry] = new
            problems.append(Problem(CONFIG, line, "nav-not-found", {
                "entry": entry, "suggestion": f"，是不是改名成了「{new}」？", "fix": f"把这一行的 {entry} 改成 {new}"}))
        else:
            close = difflib.get_close_matches(entry, sorted(pages), n=1, cutoff=0.8)
            suggestion = f"，是不是想写「{close[0]}」？" if close else "（这一页可能被删除或改了名字）"
            fix = f"把这一行的 {entry} 改成 {close[0]}" if close else "改成现有页面的路径；页面已删除时删掉这一行"
            problems.append(Problem(CONFIG, line, "nav-not-found", {"entry": entry, "suggestion": suggestion,
                                                                     "fix": fix}))
    for page in unlisted:
        if page in renamed.values():
            continue  # reported once, at the nav line that still has the old name
        problems.append(Problem(page, 1, "nav-missing-page", {"page": page, "where": _nav_place(project, page)}))
    return problems, renamed


def _nav_place(project: Project, page: str) -> str:
    """Where to add a nav line for `page`: after the last page of the same folder."""
    folder = posixpath.dirname(page)
    same = [(entry, line, column) for entry, line, column in project.nav if posixpath.dirname(entry) == folder]
    if same:
        entry, line, column = same[-1]
        return (f"在 mkdocs.yml 第 {line} 行（- {entry}）后面加一行「{' ' * column}- {page}」"
                f"（前面 {column} 个空格，和上一行对齐）")
    last = max((line for _, line, _ in project.nav), default=0)
    return f"在 mkdocs.yml 的 nav 最后（第 {last} 行后面）加一行「  - 标题: {page}」（前面 2 个空格）"


# --- the glossary ---------------------------------------------------------------

_ABBR = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$")  # Python-Markdown's abbr RE


def check_glossary(name: str, text: str) -> list[Problem]:
    """Every line of an auto-appended glossary must be an abbreviation definition:
    one line that is not turns the glossary block into text and the tooltips vanish."""
    problems = []
    comment = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if comment or stripped.startswith("<!--"):
            comment = "-->" not in stripped
            continue
        if not stripped or _ABBR.match(line):
            continue
        problems.append(Problem(f"snippets/{name}", number, "glossary-syntax", {"term": stripped.split()[0][:20]}))
    return problems
