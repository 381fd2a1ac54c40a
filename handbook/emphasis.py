"""Bold that does not render: `**客户：**你好` shows its asterisks.

Markdown only closes `**` when the closing marker is "right-flanking"; with
Chinese text a closing `**` after punctuation and before a character fails that
test, and the reader sees literal asterisks.  The exact rule lives in the
renderer, so rather than re-implement it this renders each line that has `**`
with the same emphasis extension the site uses and looks for leftovers.
"""
from __future__ import annotations

import functools
import re

_MARKERS = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)*")


@functools.cache
def _renderer():
    """Made for the first line with `**` (building it is most of this module's cost)."""
    import markdown

    return markdown.Markdown(extensions=["pymdownx.betterem"])


def unrendered_bold(line: str) -> bool:
    if "**" not in line:
        return False
    renderer = _renderer()
    renderer.reset()
    html = renderer.convert(_MARKERS.sub("", line))
    return "**" in re.sub(r"<code>.*?</code>", "", html)
