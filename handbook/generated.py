"""The registry of generated content, shared by every builder.

A generator is a plain function `make(report, settings) -> str | None`
(report: `handbook.checks.Report`, settings: `handbook.settings.Settings`);
returning None means "nothing to write this time".  Each entry says where its
output goes and what it is:

* "page":  a Markdown page at `path` under docs/ (built, listed, searchable);
* "asset": any other file at `path` under docs/, copied into the site as is;
* "site":  a file at `path` under the built site, written after the builder
           finished (it may read what the builder wrote, e.g. the search index,
           from `settings.site_dir`).  A site generator may also return a dict
           {path under the site: content} when it writes several files (the
           prepared search index); `path` then names their directory.

The MkDocs hook (hooks/handbook_build.py) adds pages and assets to the build in
memory and writes "site" files after the build.  Zensical runs no hooks:
`handbook zensical` writes pages and assets into docs/ before building (they are
git-ignored, see .gitignore) and "site" files after.  Adding generated content
is one line in GENERATED below.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import business, freshness, search_answers, search_data, search_prepared

KINDS = ("page", "asset", "site")


@dataclass(frozen=True)
class Generated:
    path: str                       # relative to docs/ ("page", "asset") or to the site ("site")
    kind: str                       # one of KINDS
    make: Callable[..., str | None]

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for {self.path}: use one of {KINDS}")


def on_use(module: str, name: str) -> Callable[..., str | None]:
    """The generator `name` of `module`, imported when it first runs: every check reads
    this registry for its paths, and the wording exports load the folding tables."""
    def make(report, settings):
        return getattr(importlib.import_module(module), name)(report, settings)
    make.__module__, make.__name__, make.__qualname__ = module, name, name
    return make


WORDING = "handbook.wording.exports"
GENERATED: list[Generated] = [
    Generated(freshness.MAINTENANCE_PAGE, "page", freshness.maintenance_page),
    Generated(search_data.DATA_PATH, "site", search_data.query_data_for_site),
    Generated(search_data.MATERIAL_INDEX, "site", search_data.compact_material_index),
    # Material's index prepared for the browser in pieces (first result without indexing).
    Generated(search_prepared.PREPARED_DIR, "site", search_prepared.prepared_index_for_site),
    # Safe previews: each situation's wording, labelled, for the search worker (handbook-preview.js).
    Generated("search/handbook-answers.js", "site", search_answers.answer_data_script),
    Generated(business.DATA_FILE, "asset", business.data_js),
    # The pairs for the 话术自查 and 话术练习 pages, and for textlint-prh and Vale.
    Generated("assets/javascripts/handbook-wording-data.js", "asset", on_use(WORDING, "wording_data_script")),
    Generated("wording/prh.yml", "asset", on_use(WORDING, "prh_dictionary")),
    Generated("wording/vale/Handbook/Forbidden.yml", "asset", on_use(WORDING, "vale_rule")),
    Generated("wording/vale/vale.ini", "asset", on_use(WORDING, "vale_config")),
]


def entries(*kinds: str) -> list[Generated]:
    return [entry for entry in GENERATED if not kinds or entry.kind in kinds]


def source_paths() -> set[str]:
    """Paths under docs/ that are generated (never checked as trainers' pages, git-ignored)."""
    return {entry.path for entry in entries("page", "asset")}


def render(kinds: tuple[str, ...], report, settings) -> dict[str, str]:
    """{path: content} for the entries of these kinds that have something to write."""
    out = {}
    for entry in entries(*kinds):
        content = entry.make(report, settings)
        if isinstance(content, dict):
            out.update(content)
        elif content is not None:
            out[entry.path] = content
    return out


def write(root: Path, files: dict[str, str]) -> list[Path]:
    """Write files under root; unchanged files are not touched (no rebuild for a watcher)."""
    written = []
    for path, content in files.items():
        target = Path(root) / path
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written
