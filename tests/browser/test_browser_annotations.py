"""Fact-checks and translator's notes in a browser: a marker opens its note by click, Enter or Space,
Escape closes it and gives the focus back; without JavaScript the notes are the endnotes of their section."""
import pytest
from playwright.sync_api import expect

from browsing import tab_to

ARTICLES = ["article/", "en/article/"]


def first_marker(page):
    """The first marker the (default) filter shows, and its note."""
    marker = page.locator("button.annotation-marker:visible").first
    expect(marker).to_have_attribute("aria-expanded", "false")
    note = page.locator(f"#fc-{marker.get_attribute('data-annotation')}")
    expect(note).to_be_hidden()
    return marker, note


@pytest.mark.parametrize("path", ARTICLES)
def test_a_click_opens_and_closes_a_note(page, server, path):
    page.goto(server.url(path))
    marker, note = first_marker(page)
    marker.click()
    expect(note).to_be_visible()
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(note.locator(".annotation-label")).not_to_be_empty()
    expect(marker).to_have_attribute("aria-controls", note.get_attribute("id"))
    marker.click()
    expect(note).to_be_hidden()
    expect(marker).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("key", ["Enter", " "])
@pytest.mark.parametrize("path", ARTICLES)
def test_the_keyboard_opens_a_note_and_escape_closes_it(page, server, path, key):
    page.goto(server.url(path))
    marker, note = first_marker(page)
    tab_to(page, marker, limit=80)
    page.keyboard.press(key)
    expect(note).to_be_visible()
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(marker).to_be_focused()


def test_escape_inside_an_open_note_closes_it_and_returns_to_the_marker(page, server):
    page.goto(server.url("article/"))
    marker, note = first_marker(page)
    marker.click()
    link = note.locator("a").first
    link.focus()
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(marker).to_be_focused()


def test_a_notes_address_opens_it(page, server):
    page.goto(server.url("article/"))
    marker, note = first_marker(page)
    page.goto(server.url(f"article/#fc-{marker.get_attribute('data-annotation')}"))
    expect(note).to_be_visible()
    expect(note).to_be_in_viewport()
    expect(marker).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("path", ARTICLES)
def test_without_javascript_every_note_is_an_endnote_linked_both_ways(context_factory, server, path):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(server.url(path))
    markers = page.locator("a.annotation-marker")
    assert markers.count() > 10
    assert page.locator("aside.annotation").count() == markers.count()
    expect(page.locator(".annotation-filter")).to_be_hidden()  # it needs the script
    marker = markers.nth(3)
    note = page.locator(marker.get_attribute("href"))
    expect(note).to_be_visible()
    marker.click()
    expect(note).to_be_in_viewport()
    note.locator("a.annotation-back").click()
    expect(marker).to_be_in_viewport()
