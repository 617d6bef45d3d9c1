"""The annotations in a real browser (headless Chromium): keyboard, screen-reader state, no-JS and print."""
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
NOTE = "#fc-nato-members-2023"
MARKER = NOTE + "-marker"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("EDITION_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (EDITION_REQUIRE_BROWSER) but not installed")
        pytest.skip("no Chromium installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture
def article(browser, server):
    page = browser.new_page()
    page.goto(server + "article/")
    yield page
    page.close()


def test_the_marker_is_a_disclosure_button_for_keyboard_and_screen_readers(article):
    marker = article.locator(MARKER)
    note = article.locator(NOTE)
    assert marker.get_attribute("aria-expanded") == "false"
    assert marker.get_attribute("aria-controls") == NOTE[1:]
    assert marker.evaluate("m => m.matches('button')")
    expect(marker).to_have_accessible_name("Anmerkung der Redaktion, Faktencheck: Überholt")
    assert note.is_hidden()
    marker.focus()
    article.keyboard.press("Enter")
    assert marker.get_attribute("aria-expanded") == "true" and note.is_visible()
    # The note opens in place: right after its marker, inside the paragraph.
    assert note.evaluate("n => n.previousElementSibling.matches('button.annotation-marker')")
    article.keyboard.press("Escape")
    assert note.is_hidden() and marker.get_attribute("aria-expanded") == "false"
    assert article.evaluate("document.activeElement.id") == "fc-nato-members-2023-marker"
    article.keyboard.press("Space")
    assert note.is_visible()


def test_escape_inside_the_note_closes_it_and_returns_focus(article):
    article.locator(MARKER).click()
    article.locator(NOTE + " a.annotation-permalink").focus()
    article.keyboard.press("Escape")
    assert article.locator(NOTE).is_hidden()
    assert article.evaluate("document.activeElement.id") == "fc-nato-members-2023-marker"


def test_a_permalink_opens_its_note(browser, server):
    page = browser.new_page()
    page.goto(server + "article/" + NOTE)
    assert page.locator(NOTE).is_visible()
    page.close()


def test_without_javascript_the_notes_are_listed_and_the_marker_links_there(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "article/")
    assert page.locator(NOTE).is_visible()
    assert page.locator(f'a.annotation-marker[href="{NOTE}"]').count() == 1
    context.close()


def test_print_shows_closed_notes(article):
    article.emulate_media(media="print")
    assert article.locator(NOTE).is_visible()


def test_the_overview_gets_filter_buttons(browser, server):
    page = browser.new_page()
    page.goto(server + "fact-checks/")
    buttons = page.locator(".fact-check-filter button")
    assert buttons.first.get_attribute("aria-pressed") == "true"
    count = page.locator(".fact-check-list > li[data-verdict='outdated']").count()
    assert count >= 1
    outdated = page.get_by_role("button", name=f"Überholt ({count})")
    outdated.click()
    assert outdated.get_attribute("aria-pressed") == "true" and buttons.first.get_attribute("aria-pressed") == "false"
    hidden = page.locator(".fact-check-list > li:not([data-verdict='outdated'])")
    assert all(hidden.nth(i).is_hidden() for i in range(hidden.count()))
    assert "von" in page.locator(".fact-check-status").inner_text()
    page.close()
