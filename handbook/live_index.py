"""The search index during `mkdocs serve --dirty`, complete after every rebuild.

A dirty rebuild renders only the pages whose files changed, so Material's search
plugin sees only their sections and merges them into the previous index.  Its
merge assumes one page per rebuild and drops previous entries by URL prefix: the
generated 内容维护 page (rebuilt every time) is then listed once more on each
rebuild, and saving the home page (URL "") or a section index ("scenarios/")
drops every page under it from search.  This keeps the entries of each page as
it was last rendered and writes the index from them.
"""
from __future__ import annotations

import json
from pathlib import Path


class LiveIndex:
    def __init__(self) -> None:
        self.pages: dict[str, list[dict]] = {}  # page URL → its entries, in build order
        self._taken = 0

    def start_build(self) -> None:
        """Material's plugin starts a new, empty entry list on every build."""
        self._taken = 0

    def page_rendered(self, url: str, entries: list[dict]) -> None:
        """`entries` is the plugin's whole list; the ones after those already
        taken are the sections of the page just rendered."""
        self.pages[url] = list(entries[self._taken:])
        self._taken = len(entries)

    def write(self, index_file: Path, file_urls: set[str]) -> None:
        """Rewrite Material's index file with the entries of every page that still
        exists (`file_urls`: MkDocs File.url of each page; the home page's is "./",
        its Page.url and search location "")."""
        page_urls = {"" if url in (".", "./") else url for url in file_urls}
        for url in [u for u in self.pages if u not in page_urls]:  # deleted or renamed
            del self.pages[url]
        data = json.loads(Path(index_file).read_text(encoding="utf-8"))
        data["docs"] = [entry for entries in self.pages.values() for entry in entries]
        Path(index_file).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
