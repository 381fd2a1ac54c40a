"""Generated pages and assets during `mkdocs serve --dirty`: the unchanged ones are not built again.

MkDocs treats a file made from in-memory content as modified on every build, so
a dirty rebuild renders every generated page again, whatever was saved.  At 20×
the handbook the 内容维护 page lists a thousand pages and rendering it was a
quarter of each rebuild, while a save rarely changes it.  A generated file whose
content is what the last build wrote (and whose built copy is still in the
site) is handed to MkDocs as unmodified; a dirty rebuild then skips it, as it
skips any page whose Markdown file was not saved.  A full build never asks.
"""
from __future__ import annotations

import os

from mkdocs.structure.files import File


class _Unmodified(File):
    """A generated file with the content its built copy was made from."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


class KeptFiles:
    def __init__(self) -> None:
        self.built: dict[str, str] = {}  # path under docs/ → its content in the last finished build
        self._building: dict[str, str] = {}

    def file(self, config, path: str, content: str) -> File:
        """The File for a generated page or asset, unmodified when its content did not change."""
        self._building[path] = content
        kind = _Unmodified if self.built.get(path) == content else File
        return kind.generated(config, path, content=content)

    def build_finished(self) -> None:
        """The site now holds what this build was given (a failed build's content is
        not taken as built, so the next build writes it)."""
        self.built, self._building = self._building, {}
