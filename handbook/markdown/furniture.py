"""Page furniture (review line, 速查 card, related pages) under Zensical.

Zensical runs no MkDocs hooks, so this extension adds what hooks/handbook_build.py
adds under MkDocs, with the same function (handbook.furniture.decorate).  Under
MkDocs it does nothing: MkDocs does not tell extensions which page they render,
and the hook has already decorated the page.

The handbook is read once per change (a page's furniture names other pages'
titles), keyed on the size and modification time of every Markdown file and
of the settings files.
"""
from __future__ import annotations

import threading
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .. import furniture
from ..checks import check_docs, markdown_files
from ..settings import load_settings
from .context import project_dir, zensical_context

_lock = threading.Lock()
_cache: dict = {}


def _stat(path: Path) -> tuple:
    try:
        info = path.stat()
        return str(path), info.st_mtime_ns, info.st_size
    except OSError:
        return str(path), None, None


def _signature(config_file: Path, settings) -> tuple:
    files = [config_file, Path(settings.org_file)] + markdown_files(settings.docs_dir)
    return tuple(_stat(f) for f in files)


def _handbook(config_file: Path):
    """(settings, {path: Page}, id index) for the project, re-read only when a page or setting changes.

    Zensical renders page by page in one process: reading the settings and the
    handbook for every page would cost seconds per build."""
    with _lock:
        settings = _cache.get("settings")
        if settings is None or _cache.get("config") != config_file \
                or _cache.get("signature") != _signature(config_file, settings):
            settings = load_settings(config_file)
            report = check_docs(settings)
            _cache.update(config=config_file, signature=_signature(config_file, settings), settings=settings,
                          pages={p.path: p for p in report.pages}, index=furniture.page_index(report.pages))
        return _cache["settings"], _cache["pages"], _cache["index"]


class FurniturePreprocessor(Preprocessor):
    def __init__(self, md, config_name: str):
        super().__init__(md)
        self.config_name = config_name

    def run(self, lines):
        context = zensical_context(self.md)
        project = project_dir(self.md)
        page_info = getattr(context, "page", None)
        if page_info is None or project is None:
            return lines
        settings, pages, index = _handbook(project / self.config_name)
        page = pages.get(str(page_info.path).replace("\\", "/"))
        if page is None or page.text is None:
            return lines
        return furniture.decorate("\n".join(lines), page, index, settings).split("\n")


class FurnitureExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"config": ["mkdocs.yml", "The handbook's mkdocs.yml, relative to the project directory"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before pymdownx.snippets (32) appends the glossary and org values are substituted (31).
        md.preprocessors.register(FurniturePreprocessor(md, self.getConfig("config")), "handbook_furniture", 33)


def makeExtension(**kwargs):
    return FurnitureExtension(**kwargs)
