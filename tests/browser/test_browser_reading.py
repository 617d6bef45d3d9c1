"""Reading the article in a real browser: both languages, footnote tooltips, the language switch, search."""
import re
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import expect

from browsing import tab_to

LANGUAGES = [("de", "article/", "Die Organisation des Vertrags über kollektive Sicherheit"),
             ("en", "en/article/", "Collective Security Treaty Organization")]


@pytest.mark.parametrize(("lang", "path", "title"), LANGUAGES)
def test_the_article_loads_in_each_language(page, server, lang, path, title):
    response = page.goto(server.url(path))
    assert response.ok
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("article h1")).to_contain_text(title)
    expect(page.locator("#p-1")).to_be_visible()
    expect(page.locator("div.footnote li")).to_have_count(19)


def footnote(page, number: int):
    """Footnote marker `number` and the footnote's own text."""
    marker = page.locator(f'sup[id="fnref:{number}"] a')
    note = page.locator(f'li[id="fn:{number}"] p').first.inner_text().removesuffix("↩").strip()
    return marker, note


def tooltip_of(page, marker):
    # Material creates the tooltip when it is first wanted and names it in aria-controls.
    expect(marker).to_have_attribute("aria-controls", re.compile(r"."))
    return page.locator(f"#{marker.get_attribute('aria-controls')}")


@pytest.mark.parametrize("path", ["article/", "en/article/"])
def test_footnote_shows_its_text_on_hover(page, server, path):
    page.goto(server.url(path))
    marker, note = footnote(page, 1)
    expect(page.locator(".md-tooltip2--active")).to_have_count(0)
    marker.hover()
    tooltip = tooltip_of(page, marker)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note[:60])


@pytest.mark.parametrize("path", ["article/", "en/article/"])
def test_footnote_shows_its_text_on_keyboard_focus(page, server, path):
    # From the paragraph that holds footnotes 1 and 2, Tab reaches the first marker.
    page.goto(server.url(path + "#p-6"))
    marker, note = footnote(page, 1)
    tab_to(page, marker)
    tooltip = tooltip_of(page, marker)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note[:60])
    page.keyboard.press("Tab")
    expect(tooltip).to_be_hidden()


def switch_language(page, lang: str):
    page.locator(".md-header .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()


@pytest.mark.parametrize(("start", "lang", "landing"), [("article/", "en", "en/article/"),
                                                        ("en/article/", "de", "article/")])
def test_language_switch_keeps_page_and_paragraph(page, server, start, lang, landing):
    page.goto(server.url(start + "#p-12"))
    switch_language(page, lang)
    page.wait_for_url(server.url(landing + "#p-12"))
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("#p-12")).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == "p-12"


def test_language_switch_without_a_paragraph_lands_on_the_same_page(page, server):
    page.goto(server.url(""))
    switch_language(page, "en")
    page.wait_for_url(server.url("en/"))


def search(page, term: str):
    page.locator("input.md-search__input").click()
    page.keyboard.type(term)
    return page.locator(".md-search-result__meta")


@pytest.mark.parametrize(("path", "term", "found_on"), [("", "Bündnis", "article/"),
                                                        ("en/", "alliance", "en/article/")])
def test_search_finds_a_word_of_the_pages_language(page, server, path, term, found_on):
    page.goto(server.url(path))
    meta = search(page, term)
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert server.url(found_on) in [urlunsplit(urlsplit(href)._replace(query="", fragment="")) for href in hrefs]
    expect(page.locator(".md-search-result mark").first).to_contain_text(term[:5], ignore_case=True)
    assert meta.inner_text()


def test_each_language_searches_only_its_own_text(page, server):
    page.goto(server.url("en/"))
    meta = search(page, "Bündnis")
    expect(meta).to_contain_text("No matching documents")
