"""Lines that the renderer would show as typed: tables, value names, HTML, diagrams.

The strict build accepts all of these and the page then shows pipes, braces or
raw Markdown.  Each check asks the renderer's own rule where one exists
(Python-Markdown's table test) and otherwise encodes the one fact the renderer
applies (a `{{ name }}` needs two half-width braces on each side; an HTML block
runs until its closing tag).
"""
from __future__ import annotations

import difflib
import functools
import re

from .outline import Outline
from .problems import Problem


@functools.cache
def _table():
    """Python-Markdown's table processor, made on the first page with a table-like chunk."""
    import markdown

    return markdown.Markdown(extensions=["tables"]).parser.blockprocessors["table"]

_BRACE_CHAR = re.compile(r"[{}｛｝]")
_BRACES = re.compile(r"(?P<open>[{｛]+)\s*(?P<name>[^{}｛｝\n#.:=]{1,20}?)\s*(?P<close>[}｝]+)")
_DIV_OPEN = re.compile(r"<(div|details|section|table)\b[^>]*>", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</(div|details|section|table)\s*>", re.IGNORECASE)

# Mermaid: diagram types (first line), and what its parser rejects most often.
DIAGRAM_TYPES = (
    "flowchart", "graph", "sequenceDiagram", "classDiagram", "stateDiagram", "stateDiagram-v2",
    "erDiagram", "journey", "gantt", "pie", "quadrantChart", "requirementDiagram", "gitGraph",
    "mindmap", "timeline", "xychart-beta", "sankey-beta", "block-beta", "packet-beta",
    "architecture-beta", "kanban", "radar-beta", "C4Context", "C4Container", "C4Component",
)
_WIDE_ARROW = re.compile(r"[—－–―]+-*>|-+[—－–―]+>?|→|⟶|＞")
_SQUARE_TEXT = re.compile(r"\[(?!\")(?P<text>[^\]\"]*)\]")
_PAIRS = {"[": "]", "(": ")", "{": "}"}


def check_rendering(path: str, outline: Outline, values: dict[str, str]) -> list[Problem]:
    problems = _tables(path, outline) + _value_braces(path, outline, values) + _html_blocks(path, outline)
    for line, info, code in outline.fences:
        if info.lower() == "mermaid" and info != "mermaid":
            problems.append(Problem(path, line, "mermaid-fence", {"info": info}))
        elif info == "mermaid":
            problems += check_mermaid(path, line, code)
    return problems


# --- tables --------------------------------------------------------------------

def _chunks(outline: Outline):
    """Runs of consecutive non-blank lines: the blocks Python-Markdown splits on."""
    chunk: list[tuple[int, str]] = []
    for number, prose in outline.text_lines:
        if not prose.strip() or (chunk and number != chunk[-1][0] + 1):
            if chunk:
                yield chunk
            chunk = [] if not prose.strip() else [(number, prose)]
            continue
        chunk.append((number, prose))
    if chunk:
        yield chunk


def _is_pipe_row(text: str) -> bool:
    return text.startswith(("|", "｜")) and text.count("|") + text.count("｜") >= 2


def _tables(path: str, outline: Outline) -> list[Problem]:
    problems = []
    if not outline.pipe_lines:
        return problems
    previous: list[tuple[int, str]] = []
    for chunk in _chunks(outline):
        rows = [text.strip() for _, text in chunk]
        header_above = previous[-1:] if len(previous) == 1 and chunk[0][0] == previous[-1][0] + 2 else []
        previous = chunk
        if header_above and _is_pipe_row(header_above[0][1].strip()) and \
                _table().test(None, "\n".join([header_above[0][1].strip(), *rows])):
            problems.append(Problem(path, header_above[0][0], "table-not-rendered",
                                    {"reason": "表头和 |---| 分隔行之间不能有空行"}))
            continue
        first_pipe = next((i for i, row in enumerate(rows) if _is_pipe_row(row)), None)
        if first_pipe is None:
            continue
        if first_pipe > 0:
            if len(rows) - first_pipe >= 2 and _table().test(None, "\n".join(rows[first_pipe:])):
                problems.append(Problem(path, chunk[first_pipe][0], "table-not-rendered",
                                        {"reason": "表格前面没有空行，会和上一段文字连在一起"}))
            continue
        if _table().test(None, "\n".join(rows)):
            continue
        if len(rows) < 2:
            continue  # one line of pipes is not meant as a table
        second = rows[1]
        reason = ("分隔行用了全角竖线「｜」" if "｜" in second and "-" in second
                  else "第二行必须是 |---|---| 这样的分隔行，列数和表头相同")
        problems.append(Problem(path, chunk[0][0], "table-not-rendered", {"reason": reason}))
    return problems


# --- {{ value }} names -------------------------------------------------------------

def _value_braces(path: str, outline: Outline, values: dict[str, str]) -> list[Problem]:
    problems = []
    if not _BRACE_CHAR.search(outline.prose):
        return problems
    for number, prose in outline.text_lines:
        if not _BRACE_CHAR.search(prose):
            continue
        for match in _BRACES.finditer(prose):
            opening, name, closing = match.group("open"), match.group("name").strip(), match.group("close")
            if opening == "{{" and closing == "}}":
                continue  # written right; unknown names are their own rule
            wide = "｛" in opening or "｝" in closing
            known = name in values or difflib.get_close_matches(name, list(values), n=1, cutoff=0.6)
            if wide or known:
                right = name if name in values else (difflib.get_close_matches(name, list(values), n=1, cutoff=0.6)
                                                     or [name])[0]
                problems.append(Problem(path, number, "value-braces", {"written": match.group(0), "name": right}))
    return problems


# --- HTML blocks ------------------------------------------------------------------

def _html_blocks(path: str, outline: Outline) -> list[Problem]:
    problems = []
    if outline.unclosed_comment:
        problems.append(Problem(path, outline.unclosed_comment, "comment-unclosed"))
    opened: list[tuple[int, str]] = []
    for number, prose in (outline.text_lines if "<" in outline.prose else ()):
        if "<" not in prose:
            continue
        events = sorted([(m.start(), "open", m.group(1).lower()) for m in _DIV_OPEN.finditer(prose)] +
                        [(m.start(), "close", m.group(1).lower()) for m in _DIV_CLOSE.finditer(prose)])
        for _, event, tag in events:
            if event == "open":
                opened.append((number, tag))
            elif opened and opened[-1][1] == tag:
                opened.pop()
    for number, tag in opened[:1]:
        problems.append(Problem(path, number, "html-unclosed", {"tag": tag}))
    return problems


# --- Mermaid -----------------------------------------------------------------------

def check_mermaid(path: str, fence_line: int, code: list[tuple[int, str]]) -> list[Problem]:
    """The mistakes that make Mermaid show its error icon, with the line.

    Mermaid's parser is JavaScript; the site renders diagrams in the browser, so
    a full parse offline would need a JS engine on every trainer's PC.  This
    finds what trainers actually get wrong (the diagram type, full-width arrows,
    unbalanced brackets and quotes, parentheses in unquoted node text); the
    browser test renders every real diagram with the vendored Mermaid.
    """
    lines = [(n, text) for n, text in code if text.strip() and not text.strip().startswith("%%")]
    if not lines:
        return [Problem(path, fence_line, "mermaid-syntax", {"reason": "图是空的"})]
    problems = []
    number, first = lines[0]
    kind = first.split()[0]
    if kind not in DIAGRAM_TYPES:
        match = difflib.get_close_matches(kind, DIAGRAM_TYPES, n=1, cutoff=0.5)
        hint = f"，是不是想写「{match[0]}」？" if match else "（例如 flowchart TD）"
        problems.append(Problem(path, number, "mermaid-syntax", {"reason": f"图的类型「{kind}」不认识{hint}"}))
        return problems
    flow = kind in ("flowchart", "graph")
    for number, text in lines[1:]:
        reason = _line_problem(text, flow)
        if reason:
            problems.append(Problem(path, number, "mermaid-syntax", {"reason": reason}))
    return problems


def _line_problem(text: str, flow: bool) -> str:
    if text.count('"') % 2:
        return "英文双引号 \" 没有成对"
    outside = re.sub(r'"[^"]*"', '""', text)
    if flow and _WIDE_ARROW.search(outside):
        return "箭头用了全角字符，要写成半角 -->"
    stack = []
    for char in outside:
        if char in _PAIRS:
            stack.append(_PAIRS[char])
        elif char in _PAIRS.values() and (not stack or stack.pop() != char):
            return f"括号「{char}」没有对应的开括号"
    if stack:
        return f"括号没有闭合，缺少「{stack[-1]}」"
    if flow:
        for match in _SQUARE_TEXT.finditer(outside):
            if any(mark in match.group("text") for mark in "()"):
                return "方括号里的节点文字有英文括号时，要用英文双引号括起来，例如 A[\"上报（主管）\"]"
    return ""
