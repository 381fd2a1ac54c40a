"""The built-site safety net: raw Markdown on a built page is found at its source line."""
from __future__ import annotations

import markdown
from conftest import FIXTURES, ROOT

from handbook.site_scan import scan_html, scan_site, source_for

# The renderer as mkdocs.yml configures it, for the parts these fixtures use.
EXTENSIONS = ["admonition", "tables", "attr_list", "md_in_html", "pymdownx.highlight", "pymdownx.superfences",
              "handbook.markdown.wording"]


def build_fixture(tmp_path, name: str):
    """Render one fixture page into a one-page site laid out as MkDocs lays it out."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "broken").mkdir(parents=True)
    text = (FIXTURES / "broken" / name).read_text(encoding="utf-8")
    (docs / "broken" / name).write_text(text, encoding="utf-8")
    body = markdown.markdown(text.split("---\n", 2)[2], extensions=EXTENSIONS)
    page = site / "broken" / name[:-3] / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<html><article class="md-content__inner md-typeset">{body}</article></html>', encoding="utf-8")
    return site, docs


def test_raw_admonition_is_found_at_its_source_line(tmp_path):
    site, docs = build_fixture(tmp_path, "site-raw-markup.md")
    problems = scan_site(site, docs)
    assert [(p.path, p.line, p.code) for p in problems] == [("broken/site-raw-markup.md", 21, "site-raw-markup")]
    assert "!!! tip" in problems[0].message


def test_unrendered_diagram_is_found_at_its_fence(tmp_path):
    site, docs = build_fixture(tmp_path, "site-diagram-not-rendered.md")
    problems = scan_site(site, docs)
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("broken/site-diagram-not-rendered.md", 21, "site-diagram-not-rendered")]


def test_code_blocks_may_show_syntax():
    html = ('<article class="md-content__inner md-typeset"><pre><code>!!! say "这样说"\n{{ 公司名称 }}\n|---|'
            '</code></pre><p>写成 <code>{{ 公司名称 }}</code></p><pre class="mermaid"><code>flowchart TD</code></pre>'
            '</article>')
    assert scan_html(html) == []


def test_built_pages_map_to_their_sources():
    assert source_for("index.html") == "index.md"
    assert source_for("scenarios/greeting/index.html") == "scenarios/greeting.md"


def test_the_real_built_site_has_no_raw_markup(built_site):
    assert [p.format() for p in scan_site(built_site, ROOT / "docs")] == []
