"""Headless Chromium for tests and benchmarks: Debian's chromium driven by Playwright.

Playwright cannot download its own browsers here, so it is pointed at
/usr/bin/chromium (override with CHROMIUM=…).  The built site is served on
127.0.0.1 under a sub-path, as on an intranet web server, and every request
the page makes is recorded so a test can prove that none leaves the host.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUB_PATH = "/handbook/"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_missing_message() -> str | None:
    if Path(CHROMIUM).exists():
        return None
    return (f"Chromium not found at {CHROMIUM}. Install Debian's package: sudo apt-get install chromium "
            "(make test does this itself when run as root), or set CHROMIUM=/path/to/chromium.")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as any intranet web server does: the search reads its index in
    # pieces, and a new connection per piece would measure this server, not the site.
    protocol_version = "HTTP/1.1"
    # http.server writes the headers and the body in two sends; with Nagle's algorithm
    # the body then waits for the browser's delayed ACK (~40 ms per response on a kept-alive
    # connection).  Web servers set TCP_NODELAY (nginx: tcp_nodelay on by default).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_site(site: Path):
    """Serve `site` at http://127.0.0.1:<port>/handbook/ ; yields the base URL."""
    root = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    (root / SUB_PATH.strip("/")).symlink_to(Path(site).resolve(), target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)


class RequestLog:
    """Every URL the browser asked for; anything off 127.0.0.1 is blocked and kept."""

    def __init__(self):
        self.urls: list[str] = []
        self.external: list[str] = []

    def attach(self, context):
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.urls.append(url)
        parsed = urlparse(url)
        local = parsed.scheme in ("data", "blob", "about") or parsed.hostname in ("127.0.0.1",)
        if local:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
