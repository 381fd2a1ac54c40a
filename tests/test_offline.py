"""Nothing the built site loads may come from another host: a scan of every file."""
from __future__ import annotations

import hashlib
import re

from conftest import ROOT

# What makes a browser fetch something: src-like attributes, <link href>, CSS url().
# (An <a href> is a link a person may follow, not a load.)
LOADS = re.compile(r"""(?:\b(?:src|srcset|poster|data)\s*=\s*|<link\b[^>]*\bhref\s*=\s*)["']?\s*(?:https?:)?//[^"'\s>]+"""
                   r"""|url\(\s*["']?(?:https?:)?//[^)"']+""", re.IGNORECASE)


def test_no_page_or_stylesheet_loads_from_another_host(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in LOADS.finditer(text):
            found = match.group(0)
            offenders.append(f"{path.relative_to(built_site)}: {found[:100]}")
    assert offenders == []


def test_no_web_fonts_or_known_cdns_anywhere(built_site):
    needles = ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "cdnjs", "googletagmanager", "google-analytics")
    hits = []
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".css", ".js", ".json") and "vendor" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.name.startswith("bundle."):
                # Material's bundle names two CDN scripts it loads only as fallbacks: Mermaid when no
                # global `mermaid` exists (overrides/main.html loads the vendored copy first on every
                # page with a diagram) and a ResizeObserver polyfill for browsers without one (every
                # current browser has it).  Any other CDN address in the bundle fails this test.
                text = text.replace("https://unpkg.com/mermaid@11/dist/mermaid.min.js", "")
                text = text.replace("https://unpkg.com/resize-observer-polyfill", "")
            hits += [f"{path.relative_to(built_site)}: {n}" for n in needles if n in text]
    assert hits == []


def test_theme_font_is_off():
    assert "font: false" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_vendored_mermaid_is_the_recorded_release():
    about = (ROOT / "docs/assets/vendor/mermaid/ABOUT.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256((ROOT / "docs/assets/vendor/mermaid/mermaid.min.js").read_bytes()).hexdigest()
    assert f"sha256 {digest}" in about
