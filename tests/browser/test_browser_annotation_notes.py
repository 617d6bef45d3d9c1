"""One note in detail (screen-reader state, placement), print, and the overview's filter, in Chromium.

test_browser_annotations.py covers opening and closing in both languages, addresses and no JavaScript.
"""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTE = "#fc-nato-members-2023"
MARKER = NOTE + "-marker"


@pytest.fixture
def article(browser, server):
    page = browser.new_page()
    page.goto(server.url("article/"))
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


def test_print_shows_closed_notes(article):
    article.emulate_media(media="print")
    assert article.locator(NOTE).is_visible()


def test_the_overview_gets_filter_buttons(browser, server):
    page = browser.new_page()
    page.goto(server.url("fact-checks/"))
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
