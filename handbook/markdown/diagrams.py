"""Mermaid fences as Material expects them, kept out of the search index.

Material indexes a diagram's source like any code block, so a search that hits a
flowchart label shows `A["离柜前<br>汇总"] --> B` as its teaser.  The pages say
every step in prose as well, so the diagram source is excluded from search with
Material's own `data-search-exclude` attribute.
"""
from __future__ import annotations

from pymdownx.superfences import fence_code_format


def mermaid_format(source, language, class_name, options, md, **kwargs):
    html = fence_code_format(source, language, class_name, options, md, **kwargs)
    return html.replace("<pre ", "<pre data-search-exclude ", 1)
