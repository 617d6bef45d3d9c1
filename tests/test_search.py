"""The search index of each language: the article's entries hold the author's words, every fact-check
is an entry of its own, and the Sources, parallel and 404 pages are left out."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from edition import annotations

PROJECT = Path(__file__).resolve().parent.parent
ROOTS = {"de": "", "en": "en/"}
# What the edition adds around the author's words that an article entry must not hold: timeline
# links under paragraphs, archived-copy notes after footnote links, and heading permalinks.
OURS = {"de": ["Zeitleiste (", "archiviert am", "Link zu diesem Abschnitt", "¶"],
        "en": ["Timeline (", "archived on", "Link to this section", "¶"]}


def index(site: Path, language: str) -> list[dict]:
    return json.loads((site / ROOTS[language] / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.parametrize("language", ROOTS)
def test_the_sources_parallel_and_404_pages_are_left_out(site, language):
    pages = {entry["location"].split("#")[0] for entry in index(site, language)}
    assert {"", "article/", "fact-checks/", "timeline/"} <= pages
    assert not pages & {"sources/", "parallel/", "404.html"}, pages


@pytest.mark.parametrize("language", ROOTS)
def test_every_fact_check_is_an_entry_of_its_own(site, language):
    entries = {entry["location"]: entry for entry in index(site, language)}
    placed = [item.annotation for item in annotations.place(PROJECT, annotations.load_all(PROJECT), language)
              if item.annotation.is_fact_check]
    assert placed
    for annotation in placed:
        entry = entries[f"fact-checks/#{annotation.permalink}"]
        assert annotation.claim[language] in entry["title"]
        assert annotation.verdict.label[language] in entry["title"]  # the verdict, searchable with it


@pytest.mark.parametrize("language", ROOTS)
def test_article_entries_hold_none_of_our_timeline_archive_or_permalink_text(site, language):
    article = [entry for entry in index(site, language) if entry["location"].startswith("article/")]
    assert len(article) > 3
    text = " ".join(entry["title"] + " " + entry["text"] for entry in article)
    assert "Kasachstan" in text or "Kazakhstan" in text  # the author's words are there
    for words in OURS[language]:
        assert words not in text, words


@pytest.mark.parametrize("language", ROOTS)
def test_the_membership_chart_is_found_by_its_words_not_its_drawing(site, language):
    timeline = " ".join(entry["text"] for entry in index(site, language) if entry["location"].startswith("timeline/"))
    assert "1992 1996 2000" not in timeline  # the drawings' axis labels
    assert ("Mitglied seit 15. Mai 1992" if language == "de" else "Member since 15 May 1992") in timeline  # the list
