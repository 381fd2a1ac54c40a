"""Reading a Markdown page the way a trainer saved it.

Trainers use Windows editors: files arrive in GBK, with a UTF-8 BOM, with CRLF
line ends, with tabs or full-width colons in the front matter.  This module turns
bytes into (front matter, body) and names every such problem with its line, so
the checks after it work on clean text.  BOM and CRLF are handled silently
(MkDocs reads them correctly too); the rest is reported, never guessed at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem

# libyaml's parser when PyYAML was built with it (the PyPI wheels are): the
# pure-Python parser is most of the check's time on a large handbook.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PageLoader(_SafeLoader):
    """SafeLoader that leaves dates as text, so `reviewed: 2026-13-01` becomes a
    reported bad date with its line instead of a ValueError from PyYAML."""


_PageLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_STR = "tag:yaml.org,2002:str"


def _load_yaml(source: str):
    """Parse once: the node tree gives line numbers, the data comes from it.

    Front matter is small mappings of strings and lists, so plain strings are
    taken straight from the nodes; PyYAML constructs only the rest (numbers,
    booleans, null).  Its generic constructor is a third of the check's time
    on a large handbook.
    """
    loader = _PageLoader(source)
    try:
        node = loader.get_single_node()

        def value(item):
            if isinstance(item, yaml.ScalarNode):
                return item.value if item.tag == _STR else loader.construct_object(item)
            if isinstance(item, yaml.SequenceNode):
                return [value(child) for child in item.value]
            if isinstance(item, yaml.MappingNode):
                return {value(key): value(child) for key, child in item.value}
            return loader.construct_object(item)

        return node, (value(node) if node is not None else None)
    finally:
        loader.dispose()

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
FULLWIDTH_COLON_KEY = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*：")
# `title:值` — YAML needs a space after the colon, else the line is one plain value.
COLON_NO_SPACE = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?P<value>[^\s/:].*)$")
_UNCLOSED_QUOTE = re.compile(r"""^\s*[A-Za-z_][A-Za-z0-9_-]*:\s+(?P<q>["'])(?:(?!(?P=q)).)*$""")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class Page:
    path: str                       # relative to docs/, forward slashes
    text: str | None = None         # decoded text with LF line ends; None if unreadable
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)  # key -> line of the key
    item_lines: dict = field(default_factory=dict)  # (key, index) -> line of a list item
    body: str = ""
    body_start: int = 1             # line number of the body's first line
    has_front_matter: bool = False
    body_known: bool = True          # False when an unclosed front matter swallowed the body
    raw_text: str | None = None      # best-effort text of an unreadable file (to name its id)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, key: str, index: int | None = None) -> int:
        if index is not None and (key, index) in self.item_lines:
            return self.item_lines[(key, index)]
        return self.meta_lines.get(key, 1)

    def problem(self, line: int, code: str, **details) -> None:
        self.problems.append(Problem(self.path, line, code, details))


def decode_any(data: bytes) -> tuple[str | None, str]:
    """Best-effort text of a file in any encoding Windows editors save, and its name."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None, ""
    for encoding, name in (("utf-8-sig", "UTF-8"), ("gb18030", "GBK")):
        try:
            return data.decode(encoding), name
        except UnicodeDecodeError:
            pass
    return None, ""


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text with LF line ends, or None and an `encoding` problem."""
    if data.startswith(UTF16_BOMS):
        # Notepad's "Unicode": MkDocs cannot read it; make fix converts it.
        return None, [Problem(path, 1, "encoding", {"guess": "（是 UTF-16，记事本里叫「Unicode」）", "line": 1})]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        guess = ""
        try:
            data.decode("gb18030")
            guess = "（看起来是 GBK/GB18030）"
        except UnicodeDecodeError:
            pass
        return None, [Problem(path, line, "encoding", {"guess": guess, "line": line})]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def parse_page(rel: str, data: bytes) -> Page:
    page = Page(rel)
    page.text, page.problems = decode(rel, data)
    if page.text is None:
        page.raw_text = decode_any(data)[0]
        return page
    lines = page.text.split("\n")
    if not lines or not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        page.body = page.text
        page.problem(1, "front-matter-missing")
        return page
    end = next((i for i in range(1, len(lines)) if lines[i][:3] in ("---", "...") and _FENCE.match(lines[i])), None)
    if end is None:
        page.problem(1, "front-matter-unclosed")
        page.body_known = False
        return page
    page.has_front_matter = True
    page.body = "\n".join(lines[end + 1:])
    page.body_start = end + 2
    _parse_front_matter(page, lines[1:end], first_line=2)
    return page


def _parse_front_matter(page: Page, lines: list[str], first_line: int) -> None:
    blocking = False
    for offset, line in enumerate(lines):
        number = first_line + offset
        if "\t" in line:
            page.problem(number, "front-matter-tab")
            blocking = True
        # Each pattern needs a character most lines do not have: look for that first.
        match = FULLWIDTH_COLON_KEY.match(line) if "：" in line else None
        if match:
            page.problem(number, "front-matter-fullwidth-colon", key=match.group(1))
            blocking = True
        quoted = _UNCLOSED_QUOTE.match(line) if '"' in line or "'" in line else None
        if quoted:
            page.problem(number, "front-matter-syntax", problem="值的引号没有成对：开头有引号，结尾也要有同样的引号")
            blocking = True
        match = COLON_NO_SPACE.match(line)
        if match and not line.lstrip().startswith(("-", "#")):
            page.problem(number, "front-matter-colon-space", key=match.group("key"), value=match.group("value"))
            blocking = True
    if blocking:
        return  # YAML would only repeat these problems less clearly
    source = "\n".join(lines)
    try:
        node, data = _load_yaml(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        page.problem(line, "front-matter-syntax", problem=_yaml_problem(error))
        return
    except (yaml.YAMLError, ValueError, TypeError):  # e.g. an unhashable key
        page.problem(first_line, "front-matter-syntax", problem="有重复或无法使用的键")
        return
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        page.problem(first_line, "front-matter-not-mapping")
        return
    page.meta = data
    for key_node, value_node in node.value:
        key = key_node.value
        page.meta_lines[key] = first_line + key_node.start_mark.line
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                page.item_lines[(key, index)] = first_line + item.start_mark.line


# PyYAML's messages, and libyaml's wording of the same (CSafeLoader is used when
# available), in Chinese.  Anything else gets a general Chinese sentence: the
# English text is never shown to a trainer.
_YAML_PROBLEMS = {
    "mapping values are not allowed": "值里有冒号「: 」，整个值要用英文引号括起来，例如 title: \"投诉处理: 三步\"",
    "could not find expected ':'": "缺少冒号，或上一行的引号没有闭合",
    "found unexpected end of stream": "引号或括号没有闭合",
    "found unknown escape character": "双引号里的反斜杠 \\ 要写成 \\\\，或改用单引号",
    "found character that cannot start any token": "这一行以 @、` 或 % 开头，请用英文引号把整个值括起来",
    "did not find expected node content": "方括号 [ ] 的列表写法有误",
    "did not find expected ',' or ']'": "方括号 [ 没有闭合，或列表项里有没加引号的冒号",
    "did not find expected ',' or '}'": "花括号 { 没有闭合",
    "found duplicate anchor": "值以 & 开头，请用英文引号括起来",
    "found a tab character": "有 Tab 字符",
    "block sequence entries are not allowed": "列表写法有误：「- 」只能单独成行",
    "found character '\\t' that cannot start any token": "有 Tab 字符",
    "did not find expected key": "缩进不一致，或列表写法有误",
    "found undefined alias": "值以 * 开头，请用引号括起来",
    "expected ',' or ']', but got '<stream end>'": "方括号 [ 没有闭合",
    "while parsing a flow sequence": "方括号 [ ] 的列表写法有误",
}


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    for english, chinese in _YAML_PROBLEMS.items():
        if problem.startswith(english) or (error.context or "").startswith(english):
            return chinese
    return "这一行的写法 YAML 读不懂（常见原因：冒号后没有空格、值里有冒号或引号、缩进不一致）"


def page_url(path: str) -> str:
    """docs-relative page path → its URL relative to the site root, as MkDocs and
    Zensical write it with directory URLs (index.md → "", risks/index.md → "risks/")."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
