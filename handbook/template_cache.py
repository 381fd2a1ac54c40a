"""Compiled theme templates kept across `mkdocs serve` rebuilds.

MkDocs makes a new Jinja environment for every rebuild, so every save compiles
Material's templates again (about half of what saving one page costs on the
real handbook).  Jinja's bytecode cache is its own way to skip that; this one
keeps the bytecode in memory for the life of the server process.  Jinja checks
each template's source checksum, so an edited override is compiled afresh.
"""
from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # resets itself if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()
