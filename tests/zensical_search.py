"""Typing queries into Zensical's search dialog, for the same evaluation as under Material.

Zensical renders search in a dialog inside an open shadow root (Playwright's
CSS locators pierce it); each result is an <li> in `ol[role=listbox]`, one per
page or section.  Results are read as distinct pages in their order, as an
agent scans them (Material's list is one entry per page already).  Latency is
measured from setting the input to the last change of the result list before
it stays quiet (Zensical may redraw it more than once per query).
"""
from __future__ import annotations

from search_eval import Outcome, Query, site_location

RUN_QUERY = """
async (query) => {
  const host = [...document.querySelectorAll("*")].find(e => e.shadowRoot && e.shadowRoot.querySelector("dialog"));
  const root = host.shadowRoot;
  const input = root.querySelector("dialog input[role=combobox]");
  const list = root.querySelector("ol[role=listbox]");
  const status = root.querySelector("[role=status]");
  const links = () => [...list.querySelectorAll(":scope > li a")].map(a => a.href);
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  // Start from an empty box and wait until the list is cleared.
  type("");
  for (let i = 0; i < 30 && list.children.length; i++) await sleep(10);
  await sleep(30);
  // The list may change more than once per query (cleared, then filled):
  // the answer is the list once it has been quiet for QUIET ms.
  const QUIET = 150;
  let last = 0;
  const observer = new MutationObserver(() => { last = performance.now(); });
  observer.observe(list, { childList: true, subtree: true, characterData: true });
  observer.observe(status, { childList: true, subtree: true, characterData: true });
  const start = performance.now();
  type(query);
  while (performance.now() - start < 5000) {
    await sleep(10);
    if (last && performance.now() - last > QUIET) break;
  }
  observer.disconnect();
  return { ms: last ? last - start : null, hrefs: links(), status: status ? status.textContent : "" };
}
"""


def open_search(page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")
    page.locator("dialog input[role=combobox]").wait_for()
    # The index loads in a worker; wait until a query gets an answer.
    for _ in range(50):
        if page.evaluate(RUN_QUERY, "投诉")["hrefs"]:
            return
        page.wait_for_timeout(100)


def distinct_pages(locations: list[str]) -> list[str]:
    seen, out = set(), []
    for location in locations:
        key = location.split("#")[0]
        if key not in seen:
            seen.add(key)
            out.append(location)
    return out


def run_queries(page, base_url: str, queries: list[Query]) -> list[Outcome]:
    outcomes = []
    for query in queries:
        result = page.evaluate(RUN_QUERY, query.text)
        ranked = distinct_pages([site_location(href, base_url) for href in result["hrefs"]])
        outcomes.append(Outcome(query, ranked, result["ms"]))
    return outcomes
