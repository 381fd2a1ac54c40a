"""Mermaid's own parser (the vendored copy, in headless Chromium) as the judge of diagrams.

`handbook check` finds the common diagram mistakes without a JavaScript engine
(handbook/rendering.py).  Here the real parser confirms both sides: every diagram
in the handbook parses, and every diagram mistake in the trainer set that the
check reports as `mermaid-syntax` is one Mermaid really rejects.
"""
from __future__ import annotations

import importlib.util
import sys

import pytest
from browser import chromium, chromium_missing_message
from conftest import ROOT

from handbook.outline import parse_outline

pytestmark = pytest.mark.browser
MERMAID = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
_spec = importlib.util.spec_from_file_location("bench_mistakes", ROOT / "tools" / "bench_mistakes.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_mistakes"] = bench
_spec.loader.exec_module(bench)


def diagrams(text: str) -> list[str]:
    return ["\n".join(line for _, line in code) for _, info, code in parse_outline(text).fences if info == "mermaid"]


@pytest.fixture(scope="module")
def parse():
    if chromium_missing_message():
        pytest.skip(chromium_missing_message())
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<html><body></body></html>")
        page.add_script_tag(path=str(MERMAID))  # from disk: nothing leaves the host

        def run(source: str) -> str:
            """Mermaid's error message, or "" when the diagram parses."""
            return page.evaluate("""async (src) => {
                try { await mermaid.parse(src); return ""; } catch (e) { return String(e.message || e); }
            }""", source)
        yield run
        page.close()


def test_every_diagram_in_the_handbook_parses(parse):
    failed = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for source in diagrams(path.read_text(encoding="utf-8")):
            error = parse(source)
            if error:
                failed.append(f"{path.relative_to(ROOT)}: {error[:200]}")
    assert failed == []


def test_diagram_mistakes_the_check_reports_are_real_errors(parse):
    base = bench.real_project()
    checked = 0
    for mistake in bench.load_mistakes():
        if mistake["expect"]["code"] != "mermaid-syntax":
            continue
        _files, _where, text = bench.apply(mistake, base)
        line = bench.expected_line(mistake["expect"], text)
        body = text.split("\n")
        start = max(i for i in range(line) if body[i].strip().startswith("```"))
        end = next(i for i in range(line, len(body)) if body[i].strip().startswith("```"))
        assert parse("\n".join(body[start + 1:end])), f"Mermaid accepts: {mistake['what']}"
        checked += 1
    assert checked >= 4
