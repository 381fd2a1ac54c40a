"""Browser helpers for the search index the worker keeps in IndexedDB
(docs/assets/javascripts/workers/handbook-index.js); shared by the tests and
tools/bench_scale.py."""
from __future__ import annotations

# Resolves (with the ms waited) when the worker has stored its index, or after 60 s.
WAIT_FOR_STORED_INDEX = """async () => {
  const stored = () => new Promise(resolve => {
    const open = indexedDB.open("handbook-search", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("index");
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const request = open.result.transaction("index").objectStore("index").count();
      request.onsuccess = () => { open.result.close(); resolve(request.result > 0); };
      request.onerror = () => { open.result.close(); resolve(false); };
    };
  });
  const start = performance.now();
  while (!(await stored()) && performance.now() - start < 60000) await new Promise(r => setTimeout(r, 200));
  return performance.now() - start;
}"""


def index_source(page) -> str | None:
    """"built" or "stored": how the search worker of `page` got its lunr index."""
    for worker in page.workers:
        source = worker.evaluate("self.handbookIndexSource || null")
        if source:
            return source
    return None
