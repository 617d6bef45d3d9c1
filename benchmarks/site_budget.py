"""Performance budget of the article page, printed against a peer: the same German article (the same
docs/de/article.md) on a plain Material site with default settings, measured in the same run. Figures,
not tests: run it after a change and compare.

Prints bytes transferred (first visit, and a repeat visit with the browser cache), the page's DOM size,
the layout shift while opening and closing notes at 1280 and 390 px, the time to build the whole site in
both languages, and Lighthouse scores. Needs Chromium (/usr/bin/chromium); for
Lighthouse, `npm ci --prefix benchmarks` once. Run: `.venv/bin/python benchmarks/site_budget.py`.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import os
import statistics
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from edition.site import build_site

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = PROJECT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
# No request may leave the machine: a name that is not 127.0.0.1 does not resolve (the peer's
# Google Fonts are counted as blocked third-party requests, not fetched).
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse's simulated timings on a mid-range phone, to say why the performance score is what it is.
TIMINGS = {"first paint": "first-contentful-paint", "largest paint": "largest-contentful-paint",
           "blocking": "total-blocking-time"}
NOTES_OPENED = 12  # notes opened and closed, one after another, per width, for "shift opening notes"
# The bar for the performance score: at most this far below the plain page's.
BELOW_PEER = 5
BUILD_RUNS = 3
# Lighthouse's blocking time varies by a factor of three between runs on a 2-core machine: take medians.
LIGHTHOUSE_RUNS = 5

# What we promise the reader of the article page (compressed, as GitHub Pages serves it).
BUDGET = {"first visit kB": 200, "repeat visit kB": 10, "requests": 20, "third-party requests": 0,
          "DOM nodes": 1500, "shift opening notes": 0.02, "build s": 10, "performance": 95,
          **{category: 90 for category in CATEGORIES if category != "performance"},
          "first paint ms": 1800, "largest paint ms": 2500, "blocking ms": 200, "layout shift": 0.02}

# The peer: plain Material with its defaults, and only the extensions the article's Markdown needs.
PEER_CONFIG = """site_name: Peer
site_url: {url}
theme:
  name: material
  language: de
markdown_extensions: [attr_list, footnotes, md_in_html, admonition]
"""

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


# ---- A local server that behaves like GitHub Pages: gzip, ETag, Cache-Control max-age=600 ----

class PagesLikeHandler(SimpleHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002
        pass


@contextmanager
def serving():
    """A free port on 127.0.0.1 serving a fresh folder: yields (base URL, folder)."""
    with tempfile.TemporaryDirectory(prefix="budget-") as folder:
        handler = lambda *args: PagesLikeHandler(*args, directory=folder)  # noqa: E731
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/", Path(folder)
        finally:
            httpd.shutdown()
            httpd.server_close()


# ---- The two sites ----

def build_ours(site_dir: Path, url: str) -> None:
    build_site(site_dir, strict=True, site_url=url)


def build_peer(site_dir: Path, url: str) -> None:
    source = Path(tempfile.mkdtemp(prefix="budget-peer-"))
    (source / "docs").mkdir()
    (source / "docs" / "index.md").write_text("# Peer\n\n[Artikel](article.md)\n", encoding="utf-8")
    (source / "docs" / "article.md").write_text(
        (PROJECT / "docs" / "de" / "article.md").read_text(encoding="utf-8"), encoding="utf-8")
    (source / "mkdocs.yml").write_text(PEER_CONFIG.format(url=url), encoding="utf-8")
    config = load_config(config_file=str(source / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build_seconds(builder, url: str) -> float:
    times = []
    for _ in range(BUILD_RUNS):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            builder(Path(folder), url)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


# ---- Measuring a page ----

def transfers(browser, site: str, url: str) -> dict[str, float]:
    """Bytes on the wire (headers and compressed bodies) for a first and a repeat visit."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen: dict[str, float] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: seen.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.on("Network.loadingFailed", lambda e: seen.__setitem__(e["requestId"], 0))

    def visit() -> tuple[float, int, int]:
        seen.clear()
        urls.clear()
        page.goto(url, wait_until="networkidle")
        fetched = [u for u in urls.values() if u.startswith(("http:", "https:"))]  # not data: URLs
        third = sum(1 for u in fetched if not u.startswith(site))
        return sum(seen.values()), len(fetched), third

    first, requests, third_party = visit()
    repeat, _, _ = visit()
    context.close()
    return {"first visit kB": first / 1000, "repeat visit kB": repeat / 1000, "requests": requests,
            "third-party requests": third_party}


def dom_nodes(browser, url: str) -> dict[str, float]:
    """Elements in the page once loaded and enhanced: what Material's script walks at every start."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url, wait_until="networkidle")
    count = page.evaluate("document.getElementsByTagName('*').length")
    page.close()
    return {"DOM nodes": count}


# Every layout shift, counted even right after a click (which the CLS metric forgives): opening a note
# must never move the text.
SHIFTS = """() => { window.__shift = 0; new PerformanceObserver(list => { for (const entry of list.getEntries())
  window.__shift += entry.value; }).observe({type: "layout-shift", buffered: false}); }"""


def shift_opening_notes(browser, url: str) -> dict[str, float]:
    """The layout shift while opening and closing NOTES_OPENED notes by click, at 1280 and at 390 px."""
    total = 0.0
    for width, height in ((1280, 900), (390, 844)):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url + "?notes=all", wait_until="networkidle")
        markers = page.locator("button.annotation-marker")
        if not markers.count():
            page.close()
            return {}
        page.evaluate(SHIFTS)
        for index in range(min(NOTES_OPENED, markers.count())):
            markers.nth(index).click()
            page.wait_for_timeout(100)
            page.keyboard.press("Escape")
            page.wait_for_timeout(100)
        total += page.evaluate("window.__shift")
        page.close()
    return {"shift opening notes": total}


def lighthouse(url: str) -> dict[str, float]:
    """The median of each Lighthouse figure over LIGHTHOUSE_RUNS runs (none if it is not installed)."""
    if not LIGHTHOUSE.exists():
        return {}
    runs = [lighthouse_once(url) for _ in range(LIGHTHOUSE_RUNS)]
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def lighthouse_once(url: str) -> dict[str, float]:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True)
    report = json.loads(result.stdout)
    scores = {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}
    timings = {f"{name} ms": report["audits"][audit]["numericValue"] for name, audit in TIMINGS.items()}
    return {**scores, **timings, "layout shift": report["audits"]["cumulative-layout-shift"]["numericValue"]}


def measure(builder) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with serving() as (url, folder):
        figures = {"build s": build_seconds(builder, url)}
        builder(folder, url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            figures.update(transfers(browser, url, url + "article/"))
            figures.update(dom_nodes(browser, url + "article/"))
            figures.update(shift_opening_notes(browser, url + "article/"))
            browser.close()
        figures.update(lighthouse(url + "article/"))
    return figures


def main() -> None:
    ours = measure(build_ours)
    peer = measure(build_peer)
    print("The article page (article/), served like GitHub Pages (gzip, max-age=600), Chromium "
          f"{subprocess.run([CHROMIUM, '--version'], capture_output=True, text=True).stdout.strip()}")
    print(f"build s: our two languages vs. the peer's one (median of {BUILD_RUNS}); Lighthouse: mobile, "
          f"simulated throttling, median of {LIGHTHOUSE_RUNS} runs"
          + ("" if LIGHTHOUSE.exists() else " (not installed: npm ci --prefix benchmarks)"))
    print(f"{'figure':<22}{'ours':>10}{'peer':>10}{'ours/peer':>11}{'budget':>9}  within budget")
    for name, budget in BUDGET.items():
        if name not in ours:
            continue
        mine, theirs = ours[name], peer.get(name, float("nan"))
        ratio = f"{mine / theirs:.2f}" if theirs else "-"
        higher_is_better = name in CATEGORIES
        ok = mine >= budget if higher_is_better else mine <= budget
        if name == "performance" and theirs == theirs:  # not NaN: the peer was measured
            ok = ok and mine >= theirs - BELOW_PEER
        digits = 3 if name in ('shift opening notes', 'layout shift') else 1
        print(f"{name:<22}{mine:>10.{digits}f}{theirs:>10.{digits}f}{ratio:>11}{budget:>9}  {'yes' if ok else 'NO'}")
    print(f"performance: within budget means at least {BUDGET['performance']} and at most {BELOW_PEER} below the peer; "
          f"shift opening notes: {NOTES_OPENED} notes opened and closed at 1280 and at 390 px (the peer has none)")


if __name__ == "__main__":
    main()
