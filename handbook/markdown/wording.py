"""Wording blocks: `!!! say` / `!!! dont` / `!!! why` rendered as a pair.

Groups each run of adjacent 这样说 / 不要这样说 admonitions into
`<div class="wording-pair">` so CSS can lay them side by side, and gives the
blocks their Chinese titles when the trainer wrote none.  Working on the element
tree (a treeprocessor) rather than on HTML text keeps nesting intact.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

TITLES = {"say": "这样说", "dont": "不要这样说", "why": "为什么"}
PAIRED = ("say", "dont")


def _wording_type(element) -> str | None:
    if element.tag not in ("div", "details"):
        return None
    classes = (element.get("class") or "").split()
    if element.tag == "div" and "admonition" not in classes:
        return None
    for kind in TITLES:
        if kind in classes:
            return kind
    return None


class WordingTreeprocessor(Treeprocessor):
    def run(self, root):
        self._visit(root)

    def _visit(self, parent):
        children = list(parent)
        for child in children:
            kind = _wording_type(child)
            if kind:
                self._set_title(child, kind)
            self._visit(child)
        self._group(parent)

    @staticmethod
    def _set_title(element, kind):
        for title in element:
            if title.tag == "summary" or "admonition-title" in (title.get("class") or ""):
                if (title.text or "").strip().lower() in ("", kind):
                    title.text = TITLES[kind]
                return

    @staticmethod
    def _group(parent):
        children = list(parent)
        index = 0
        while index < len(children):
            run_end = index
            while run_end < len(children) and _wording_type(children[run_end]) in PAIRED:
                run_end += 1
            run = children[index:run_end]
            if len({_wording_type(c) for c in run}) == 2:
                wrapper = etree.Element("div", {"class": "wording-pair"})
                position = list(parent).index(run[0])
                for element in run:
                    parent.remove(element)
                    wrapper.append(element)
                parent.insert(position, wrapper)
            index = max(run_end, index + 1)


class WordingExtension(Extension):
    def extendMarkdown(self, md):
        # After the block parser built the admonitions, before inline processing (20).
        md.treeprocessors.register(WordingTreeprocessor(md), "handbook_wording", 21)


def makeExtension(**kwargs):
    return WordingExtension(**kwargs)
