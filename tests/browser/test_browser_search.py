"""Search in a browser: the index loads only when the reader opens search, and a German word of the
article lists the article first, with an excerpt free of the edition's labels."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

PROJECT = Path(__file__).resolve().parents[2]
# Words of ours, never the author's: note labels, timeline links, archive notes, permalinks.
LABELS = ["Anmerkung der Redaktion", "Faktencheck", "Anmerkung des Übersetzers", "Geprüfte Aussage",
          "Zuletzt geprüft", "Zeitleiste", "archiviert am", "Link zu diesem Abschnitt", "¶"]


def test_the_index_loads_only_when_search_opens(page, server):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(server.url("article/"))
    page.wait_for_load_state("networkidle")
    assert not [url for url in asked if "search_index.json" in url]
    page.keyboard.press("/")  # Material's shortcut opens search
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.wait_for_load_state("networkidle")
    assert [url for url in asked if url.endswith("search/search_index.json")]


def test_the_labels_are_not_the_authors_words():
    article = (PROJECT / "docs" / "de" / "article.md").read_text(encoding="utf-8")
    assert not [label for label in LABELS if label in article]  # else the check below proves nothing


@pytest.mark.parametrize("term", ["Kasachstan", "Taschkent"])
def test_a_german_word_lists_the_article_first_with_an_excerpt_free_of_labels(page, server, term):
    page.goto(server.url(""))
    page.locator("input.md-search__input").click()
    page.keyboard.type(term)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    first = results.first.locator("a").first.get_attribute("href")
    assert first.split("?")[0].endswith("article/"), first
    article = [item for item in results.all() if "/article/" in (item.locator("a").first.get_attribute("href") or "")]
    excerpts = [item.inner_text() for item in article]
    assert any(term in text for text in excerpts), excerpts
    assert not [(label, text[:120]) for text in excerpts for label in LABELS if label in text]
