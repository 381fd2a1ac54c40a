"""Results per page kept from one build to the next, for `mkdocs serve`.

The live preview makes every generated file again on each save, and most of
that work is the same function applied to every page of the handbook, of which
one changed.  `PerBuild` keeps the results of the last call's arguments: the
next call computes only for arguments it has not seen, and forgets the ones it
no longer uses (so a long preview session does not keep every old version of a
saved page).  Arguments must be hashable and the function's result may depend
on nothing else.  A single build (mkdocs build) computes everything once, as
before.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable


class PerBuild:
    def __init__(self, compute: Callable) -> None:
        self.compute = compute
        self.kept: dict[Hashable, object] = {}

    def map(self, keys: Iterable[tuple]) -> list:
        """[compute(*key) for key in keys], reusing the last call's results."""
        kept, now = self.kept, {}
        results = []
        for key in keys:
            if key in now:
                value = now[key]
            elif key in kept:
                value = now[key] = kept[key]
            else:
                value = now[key] = self.compute(*key)
            results.append(value)
        self.kept = now
        return results
