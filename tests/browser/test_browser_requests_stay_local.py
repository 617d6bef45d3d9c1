"""No request leaves 127.0.0.1 while a reader browses every page, opens footnotes and searches."""
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def browse(page, url: str):
    """What a reader does on a page: load it, hover a footnote, search, change the colour scheme."""
    page.goto(url, wait_until="networkidle")
    marker = page.locator("sup[id^='fnref:'] a").first
    if marker.count():
        marker.hover()
    page.locator("input.md-search__input").click()
    page.keyboard.type("OVKS")
    page.locator(".md-search-result__meta").wait_for()
    close_search(page)
    page.locator("form[data-md-component='palette'] label:not([hidden])").first.click()
    page.wait_for_load_state("networkidle")


def close_search(page):
    """Escape closes Material's search; a key pressed while results still render can be swallowed."""
    for _ in range(3):
        page.keyboard.press("Escape")
        try:
            page.wait_for_function("!document.getElementById('__search').checked", timeout=1000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError("the search overlay did not close with Escape")


def test_no_request_leaves_the_machine_on_any_page(context_factory, guard, server):
    page = context_factory().new_page()
    paths = server.page_paths()
    assert {"", "article/", "en/", "en/article/"} <= set(paths)
    visited = []
    for path in paths:
        browse(page, server.url(path))
        visited.append(path)
    assert visited == paths
    assert not guard.offenders, "requests that would have left 127.0.0.1:\n" + "\n".join(guard.offenders)


def test_the_guard_catches_a_request_to_another_host(context_factory, guard, server):
    # The guard itself must see what a careless page would do: fetch from a third party.
    page = context_factory().new_page()
    page.goto(server.url("article/"))
    page.evaluate("fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => null)")
    page.wait_for_timeout(200)
    assert guard.offenders == ["https://fonts.googleapis.com/css?family=Roboto"]
