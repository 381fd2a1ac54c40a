"""The search index prepared at build time (handbook/search_prepared.py, read by
docs/assets/javascripts/workers/handbook-prepared.js) answers exactly as the
index Material builds in the browser: the same pages in the same order for every
query of the query set, the same highlighted previews; the page never fetches
the full search_index.json; without the prepared pieces the worker indexes the
full index itself."""
from __future__ import annotations

import pytest
from browser import RequestLog, chromium, chromium_missing_message, serve_site
from index_cache import SETUP_ROUTE, index_source
from search_eval import RUN_QUERY, load_queries, open_search, run_queries

pytestmark = pytest.mark.browser

RESULT_HTML = "() => document.querySelector('.md-search-result__list').innerHTML"
# Broad queries whose whole rendered result lists are compared, not only the ranking.
WHOLE_LISTS = ("投诉 处理", "限购", "客户骂人", "报装费多少钱", "xiangou")


def _open(browser, url, blocked: tuple[str, ...] = ()):
    """(context, page with the search open, requests, page errors), the `blocked` routes aborted."""
    context = browser.new_context()
    requests = RequestLog()
    requests.attach(context)  # routes every request; the aborts below take precedence
    for pattern in blocked:
        context.route(pattern, lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_search(page, url)
    return context, page, requests, errors


def _run(browser, url, queries, prepared: bool):
    context, page, requests, errors = _open(browser, url, () if prepared else (SETUP_ROUTE,))
    source = index_source(page)
    outcomes = run_queries(page, url, queries)
    for position, query in enumerate(queries):
        for _ in range(2):  # a query that timed out (ms None) on this busy machine gets another try
            if outcomes[position].ms is None:
                outcomes[position] = run_queries(page, url, [query])[0]
    lists = {}
    for query in WHOLE_LISTS:
        page.evaluate(RUN_QUERY, query)
        lists[query] = page.evaluate(RESULT_HTML)
    context.close()
    return source, [o.ranked for o in outcomes], lists, requests, errors


def test_prepared_index_answers_as_the_built_one(built_site):
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing)
    queries = load_queries()
    with serve_site(built_site) as url, chromium() as browser:
        prepared = _run(browser, url, queries, prepared=True)
        built = _run(browser, url, queries, prepared=False)
    assert prepared[0] == "prepared" and built[0] == "built"
    differ = [(q.text, a, b) for q, a, b in zip(queries, prepared[1], built[1]) if a != b]
    assert not differ, differ[:5]  # same pages in the same order, every query
    for query in WHOLE_LISTS:
        assert prepared[2][query] == built[2][query], query  # same previews and highlights
    assert "<mark" in prepared[2]["限购"]
    for source, _, _, requests, errors in (prepared, built):
        assert not errors and not requests.external, (source, errors, requests.external)
    # The page reads the index without its texts; the full index only when the pieces are missing.
    assert not any(u.endswith("/search/search_index.json") for u in prepared[3].urls)
    assert any(u.endswith("/search/prepared/docs.json") for u in prepared[3].urls)
    assert any(u.endswith("/search/search_index.json") for u in built[3].urls)


def test_without_the_documents_file_the_worker_indexes_the_full_index(built_site):
    """titles.json missing (a partial copy of the site, a proxy that drops it):
    search still answers, from Material's own indexing of search_index.json,
    and the result logic reads its answer data from handbook-answers.js."""
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing)
    with serve_site(built_site) as url, chromium() as browser:
        context, page, requests, errors = _open(browser, url, (SETUP_ROUTE,))
        result = page.evaluate(RUN_QUERY, "快下班了")
        source = index_source(page)
        context.close()
    assert source == "built" and not errors and not requests.external
    assert any("/scenarios/after-hours/" in href for href in result["hrefs"][:3]), result["hrefs"]
    assert "✓ 这样说" in result["previews"][0]  # the answer data came from handbook-answers.js
    assert any(u.endswith("/search/handbook-answers.js") for u in requests.urls)
