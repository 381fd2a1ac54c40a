"""Safety net after the build: Markdown that reached the built pages as text.

The content check predicts what the renderer will do; this looks at what it
did.  Each built page's content (`<article>`, without code blocks and
`<div class="syntax-examples">`, which show syntax on purpose) is searched for raw `!!!`, `{{`, `｛｛`, `|---|` and for
Mermaid diagrams that did not become a diagram, and each finding is reported
at the line of the SOURCE page that produced it.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .problems import Problem
from .rendering import DIAGRAM_TYPES

_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(?P<body>.*?)</article>', re.DOTALL)
_RENDERED_DIAGRAM = re.compile(r'<pre\b[^>]*\bclass="mermaid"[^>]*>.*?</pre>', re.DOTALL)
# Content that shows Markdown syntax on purpose (the guide's rule table) is wrapped
# in <div class="syntax-examples" markdown> … </div> and not scanned.
_EXAMPLES = re.compile(r'<div class="syntax-examples">.*?</div>', re.DOTALL)
_PRE = re.compile(r"<pre\b[^>]*>(?P<code>.*?)</pre>", re.DOTALL)
_CODE = re.compile(r"<(pre|code)\b[^>]*>.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
MARKERS = ("!!!", "{{", "｛｛", "|---|", "```")


def source_for(html_path: str) -> str:
    """docs-relative source of a built page (use_directory_urls: a/b/index.html ← a/b.md)."""
    if html_path == "index.html":
        return "index.md"
    folder = html_path[: -len("/index.html")] if html_path.endswith("/index.html") else html_path[:-5]
    return f"{folder}.md"


def scan_html(page_html: str) -> list[tuple[str, str]]:
    """(marker, the text after it) for every raw marker in a built page's content."""
    match = _ARTICLE.search(page_html)
    body = match.group("body") if match else page_html
    found = []
    without_diagrams = _RENDERED_DIAGRAM.sub("", _EXAMPLES.sub("", body))
    for block in _PRE.finditer(without_diagrams):
        code = html.unescape(_TAG.sub("", block.group("code")))
        first = next((line.split()[0] for line in code.splitlines()
                      if line.strip() and not line.strip().startswith("%%")), "")
        if first in DIAGRAM_TYPES:  # a diagram shown as code: its fence was not ```mermaid
            found.append(("mermaid", code[:200]))
    text = html.unescape(_TAG.sub(" ", _CODE.sub(" ", without_diagrams)))
    for marker in MARKERS:
        start = text.find(marker)
        while start >= 0:
            found.append((marker, text[start:start + 30].split("\n")[0]))
            start = text.find(marker, start + len(marker))
    return found


def scan_site(site_dir: Path, docs_dir: Path) -> list[Problem]:
    site_dir, docs_dir = Path(site_dir), Path(docs_dir)
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        source = source_for(rel)
        if source == "404.md" or not (docs_dir / source).is_file():
            alternative = source[:-3] + "/index.md"
            if not (docs_dir / alternative).is_file():
                continue  # generated or theme page: no source line to point at
            source = alternative
        lines = (docs_dir / source).read_text(encoding="utf-8-sig", errors="replace").splitlines()
        for marker, after in scan_html(page.read_text(encoding="utf-8", errors="replace")):
            line = _source_line(lines, marker, after)
            if marker == "mermaid":
                problems.append(Problem(source, line, "site-diagram-not-rendered", {}))
            else:
                problems.append(Problem(source, line, "site-raw-markup", {"text": after.strip()[:30]}))
    return problems


def _source_line(lines: list[str], marker: str, after: str) -> int:
    """The first source line that has the marker and (best) the words after it."""
    if marker == "mermaid":
        return next((n for n, line in enumerate(lines, 1) if line.strip().lower().startswith(("```mermaid", "~~~mermaid"))
                     and line.strip()[3:] != "mermaid"), 0)
    words = after[len(marker):].strip()[:6]
    with_marker = [n for n, line in enumerate(lines, 1) if marker in line]
    best = [n for n in with_marker if words and words in lines[n - 1]]
    return (best or with_marker or [0])[0]


def run_scan_site(site_dir: Path, docs_dir: Path) -> int:
    """`handbook scan-site SITE_DIR`: print findings; exit 1 when there are any."""
    if not Path(site_dir).is_dir():
        print(f"找不到构建好的网站目录 {site_dir}，请先运行 make build。")
        return 2
    problems = scan_site(site_dir, docs_dir)
    for problem in problems:
        print(problem.format(), end="\n\n")
    print(f"检查了构建好的网站（{site_dir}）：" + (f"{len(problems)} 处原样显示的标记。" if problems else "没有原样显示的标记。"))
    return 1 if problems else 0
