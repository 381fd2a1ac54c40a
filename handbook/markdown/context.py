"""What a Markdown extension can learn about the build it runs in.

MkDocs gives Python-Markdown extensions no page and no project; the MkDocs hook
passes what they need instead.  Zensical registers a preprocessor named
`rendering_context` that carries the page being rendered and the site config
(with `root_dir`, the directory of mkdocs.yml).  These helpers read it without
importing Zensical, so the extensions run under either builder.
"""
from __future__ import annotations

from pathlib import Path

ZENSICAL_CONTEXT = "rendering_context"


def zensical_context(md):
    """Zensical's rendering-context preprocessor, or None under MkDocs."""
    if ZENSICAL_CONTEXT in md.preprocessors:
        return md.preprocessors[ZENSICAL_CONTEXT]
    return None


def project_dir(md) -> Path | None:
    context = zensical_context(md)
    root = (getattr(context, "config", None) or {}).get("root_dir") if context else None
    return Path(root) if root else None


def resolve(md, path: str | Path) -> Path:
    """A relative path from mkdocs.yml resolved against the project, not the working directory."""
    path = Path(path)
    if path.is_absolute():
        return path
    project = project_dir(md)
    return (project / path) if project else path
