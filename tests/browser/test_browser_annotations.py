"""Fact-checks and translator's notes in a browser: a marker opens its note by click, Enter or Space,
Escape closes it and gives the focus back; without JavaScript the notes stand under their paragraph."""
import pytest
from playwright.sync_api import expect

from browsing import tab_to

ARTICLES = ["article/", "en/article/"]


def first_marker(page):
    marker = page.locator("button.annotation-marker").first
    expect(marker).to_have_attribute("aria-expanded", "false")
    note = page.locator(f"#{marker.get_attribute('aria-controls')}")
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
    page.goto(server.url(f"article/#{note.get_attribute('id')}"))
    expect(note).to_be_visible()
    expect(note).to_be_in_viewport()
    expect(marker).to_have_attribute("aria-expanded", "true")


def test_without_javascript_every_note_stands_under_its_paragraph(context_factory, server):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(server.url("article/"))
    markers = page.locator("a.annotation-marker")
    assert markers.count() > 10
    note = page.locator(markers.first.get_attribute("href"))
    expect(note).to_be_visible()
    markers.first.click()
    expect(note).to_be_in_viewport()
