"""Memoise a loader of one file on the file's path, modification time and size.

MkDocs makes a new Markdown instance for every page, and every instance builds
its extensions again: the roles and org-values extensions each read and parse
their YAML file once per page (about 14 % of a 1,200-page build).  Keyed on
mtime and size, an edited file is read again, so `make serve` picks up a saved
roles.yml or org.yml on the next rebuild.  functools.lru_cache cannot do this:
it keys on the arguments only, not on the file's state.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path


def by_file(loader):
    """Decorator: loader(path) is called again only when the file at path changed."""
    cache: dict[str, tuple[tuple, object]] = {}

    @functools.wraps(loader)
    def load(path):
        key = os.path.abspath(path)
        try:
            stat = os.stat(key)
            state = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            return loader(path)  # missing or unreadable: the loader says so, nothing kept
        kept = cache.get(key)
        if kept is not None and kept[0] == state:
            return kept[1]
        value = loader(Path(path))
        cache[key] = (state, value)
        return value

    load.cache_clear = cache.clear
    return load
