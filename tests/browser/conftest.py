"""Fixtures for the browser tests: the built site on a local server and headless Chromium driving it.

Where no Chromium (or no axe-core) is installed, these tests skip with the reason; in CI they fail.
"""
from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from edition.site import build_site

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium"))
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
# Headless, and quiet: without the networking flags Chromium keeps trying to reach Google's services.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync",
                  # Containers give /dev/shm 64 MB, too little for long pages.
                  "--disable-dev-shm-usage",
                  # A second fence: even a request the tests failed to stop cannot resolve a name.
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def missing(what: str, how: str):
    """Skip with the reason and the fix; in CI (EDITION_REQUIRE_BROWSER=1) fail instead."""
    message = f"{what} is not installed ({how})"
    if os.environ.get("EDITION_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message}; EDITION_REQUIRE_BROWSER=1 makes this a failure", pytrace=False)
    pytest.skip(f"{message}; browser tests skipped")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The whole site, both languages, built for and served on a free port of 127.0.0.1.

    Built here rather than reused from the `site` fixture: the language switch links are absolute,
    so the site must know the address it is served from.
    """
    site_dir = tmp_path_factory.mktemp("browser-site")
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    build_site(site_dir, strict=True, site_url=base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Served(base, site_dir)
    httpd.shutdown()
    httpd.server_close()


class Served:
    """The address of the served site and the folder it serves."""

    def __init__(self, base: str, root: Path):
        self.base = base
        self.root = root

    def url(self, path: str) -> str:
        return self.base + path

    def page_paths(self) -> list[str]:
        """Every page of the site as a path below the root ('', 'article/', 'en/', …)."""
        paths = []
        for file in sorted(self.root.rglob("*.html")):
            relative = file.relative_to(self.root).as_posix()
            paths.append(relative.removesuffix("index.html"))
        return paths

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or url.startswith(self.base)


# One Chromium per test module: Playwright's sync API allows one running instance at a time, and a
# module-scoped browser keeps a crashed page from taking every later test with it.
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        missing(f"Chromium ({CHROMIUM})", "apt-get install chromium, or set EDITION_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Guard:
    """Records every request of a browser context and stops any that would leave 127.0.0.1."""

    def __init__(self, served: Served):
        self.served = served
        self.offenders: list[str] = []
        self.errors: list[str] = []

    def route(self, route):
        if self.served.is_local(route.request.url):
            route.continue_()
        else:
            self.record(route.request.url)
            route.abort("blockedbyclient")

    def request(self, request):
        # Workers' requests (the search index) bypass routing in some cases; they still show here.
        if not self.served.is_local(request.url):
            self.record(request.url)

    def record(self, url: str):
        if url not in self.offenders:
            self.offenders.append(url)


@pytest.fixture
def guard(server):
    return Guard(server)


@pytest.fixture
def context_factory(browser, guard):
    """New browser contexts (own storage, own colour scheme) that all report to the same guard."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        # A local page answers in milliseconds; a wait of seconds means the thing never happens.
        context.set_default_timeout(5000)
        context.route("**/*", guard.route)
        context.on("request", guard.request)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(context_factory, guard):
    """A desktop page; script errors on it fail the test that caused them."""
    tab = context_factory().new_page()
    tab.on("pageerror", lambda error: guard.errors.append(str(error)))
    yield tab
    assert not guard.errors, f"script errors: {guard.errors}"
    assert not guard.offenders, f"requests that would have left 127.0.0.1: {guard.offenders}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        missing("axe-core (node_modules/axe-core)", "`make test` runs npm ci; needs npm")
    return AXE.read_text(encoding="utf-8")
