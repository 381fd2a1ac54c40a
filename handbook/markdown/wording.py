"""Wording blocks: `!!! say` / `!!! dont` / `!!! why` rendered as a pair.

Groups each run of adjacent 这样说 / 不要这样说 admonitions into
`<div class="wording-pair">` so CSS can lay them side by side, and gives the
blocks their Chinese titles when the trainer wrote none.  Working on the element
tree (a treeprocessor) rather than on HTML text keeps nesting intact.

Drafted blocks (class `draft`, see handbook/provenance.py) get the label
「待审」 in their title — as text, so it survives print, search previews and
colour blindness — until the block's `审定：姓名 日期` line is there; then the
label goes, the class becomes `drafted` and the approval shows as a small note.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from ..provenance import APPROVAL_START, DRAFT_CLASS, LABEL

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
            if DRAFT_CLASS in (child.get("class") or "").split() and child.tag in ("div", "details"):
                self._mark_draft(child)
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
    def _mark_draft(element):
        approval = next((p for p in element.iter("p") if APPROVAL_START.match(p.text or "")), None)
        if approval is None:
            for title in element:
                if title.tag == "summary" or "admonition-title" in (title.get("class") or ""):
                    label = etree.SubElement(title, "span", {"class": "draft-label"})
                    label.text = LABEL
                    label.tail = ""
                    break
            return
        classes = ["drafted" if c == DRAFT_CLASS else c for c in element.get("class").split()]
        element.set("class", " ".join(classes))
        approval.set("class", "approval")
        approval.text = "已审定：" + APPROVAL_START.sub("", approval.text, count=1).strip()

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
                # A situation split into source and drafted blocks of one kind keeps
                # them in one column (a stack), so the pair still reads side by side.
                for kind in dict.fromkeys(_wording_type(c) for c in run):
                    same = [c for c in run if _wording_type(c) == kind]
                    column = wrapper if len(same) == 1 else etree.SubElement(wrapper, "div", {"class": "wording-stack"})
                    for element in same:
                        column.append(element)
                parent.insert(position, wrapper)
            index = max(run_end, index + 1)


class WordingExtension(Extension):
    def extendMarkdown(self, md):
        # After the block parser built the admonitions, before inline processing (20).
        md.treeprocessors.register(WordingTreeprocessor(md), "handbook_wording", 21)


def makeExtension(**kwargs):
    return WordingExtension(**kwargs)
