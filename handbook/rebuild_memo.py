"""Results per page kept from one build to the next, for `mkdocs serve`.

The live preview makes every generated file again on each save, and most of
that work is the same function applied to every page of the handbook, of which
one changed.  `PerBuild` keeps the results of the last call's arguments: the
next call computes only for arguments it has not seen, and forgets the ones it
no longer uses (so a long preview session does not keep every old version of a
saved page).  The result may depend on nothing but the arguments (`map`), or
on nothing but a key that stands for them (`map_keyed`: a page's path and text
stand for the page and its outline, which are made from them).  A single build
(mkdocs build) computes everything once, as before.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable


class PerBuild:
    def __init__(self, compute: Callable) -> None:
        self.compute = compute
        self.kept: dict[Hashable, object] = {}

    def map(self, keys: Iterable[tuple]) -> list:
        """[compute(*key) for key in keys], reusing the last call's results."""
        return self.map_keyed((key, key) for key in keys)

    def map_keyed(self, items: Iterable[tuple[Hashable, tuple]]) -> list:
        """[compute(*args) for key, args in items], reusing the last call's result for a key."""
        kept, now = self.kept, {}
        results = []
        for key, args in items:
            if key in now:
                value = now[key]
            elif key in kept:
                value = now[key] = kept[key]
            else:
                value = now[key] = self.compute(*args)
            results.append(value)
        self.kept = now
        return results
