"""Browser helper for how the search worker got its index
(docs/assets/javascripts/workers/handbook-prepared.js); shared by the tests and
tools/bench_scale.py."""
from __future__ import annotations

# Route pattern of what the worker reads to set up the prepared index (documents,
# manifest, answer data): abort it and the worker falls back to Material's own
# indexing of search_index.json.
SETUP_ROUTE = "**/search/prepared/titles.json"


def index_source(page) -> str | None:
    """"prepared" (read in pieces) or "built" (indexed by Material in the browser)."""
    for worker in page.workers:
        source = worker.evaluate("self.handbookIndexSource || null")
        if source:
            return source
    return None
