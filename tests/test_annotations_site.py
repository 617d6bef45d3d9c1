"""The built site: annotations in the article of each language, the overview pages and the JSON-LD exports.

Generic over data/annotations/ (0 to 100 files), plus the worked example nato-members-2023.
"""
import copy
import json
import re

import pytest

from edition import annotations
from htmlsite import page, resolve

LANGUAGES = {"de": "", "en": "en/"}
BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def data(project):
    return annotations.load_all(project)


def shown_in(data, language):
    return [item for item in data if language in item.anchor]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_annotation_with_an_anchor_in_a_language_is_in_its_article(site, data, language):
    article = page(site, LANGUAGES[language] + "article/")
    notes = article.select("aside.annotation")
    assert sorted(note["id"] for note in notes) == sorted(item.permalink for item in shown_in(data, language))
    for item in shown_in(data, language):
        marker = article.select_one(f'a.annotation-marker[href="#{item.permalink}"]')
        # Without JavaScript: the marker links to the note, an endnote of the marker's section, and back.
        assert marker["id"] == f"{item.permalink}-marker"
        note = article.select_one(f"#{item.permalink}")
        endnotes = marker.find_next("div", class_="annotation-endnotes")
        assert note.find_parent("div", class_="annotation-endnotes") is endnotes
        heading = endnotes.find_next("h2")
        assert heading is None or marker.find_next("h2") is heading, "the note is not in its marker's section"
        assert note.select_one("a.annotation-back")["href"] == f"#{marker['id']}"
        assert marker.find_previous_sibling("mark").get_text() == item.anchor[language].exact
        if item.verdict:
            assert marker.get_text() == item.verdict.label[language]
            assert marker["aria-label"].endswith(f": {item.verdict.label[language]}")


def test_the_worked_example_in_german(site):
    article = page(site, "article/")
    note = article.select_one("aside#fc-nato-members-2023")
    marker = article.select_one("#fc-nato-members-2023-marker")
    assert marker.find_parent("p")["id"] == "p-46"
    assert note.find_parent("div", class_="annotation-endnotes")["data-section"] == "h-4"
    assert note["aria-label"] == "Faktencheck: Überholt" and note.select_one(".annotation-label").get_text() == \
        "Faktencheck× Schließen"
    assert note.select_one(".annotation-summary").get_text().startswith("Überholt Im September 2023")
    assert "Schweden wurde am 7. März 2024" in note.select_one(".annotation-note").get_text()
    assert [a["href"] for a in note.select(".annotation-sources a")] == [
        "https://www.nato.int/cps/en/natohq/news_213448.htm", "https://www.nato.int/cps/en/natohq/news_223446.htm"]
    assert note.select_one(".annotation-reviewed").get_text().startswith("Zuletzt geprüft am 4. Dezember 2026 vom Faktencheck-Team")


@pytest.mark.parametrize("language", LANGUAGES)
def test_annotation_ids_never_collide_with_footnotes_or_blocks(site, language):
    article = page(site, LANGUAGES[language] + "article/")
    ids = [tag["id"] for tag in article.select("[id]")]
    assert len(ids) == len(set(ids))
    for marker in article.select(".annotation-marker"):
        assert not re.search(r"\d", marker.get_text()), "a marker must not look like a footnote number"


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_pages_load_the_annotation_styles_and_script(site, language):
    article = page(site, LANGUAGES[language] + "article/")
    assert any(link["href"].endswith("assets/stylesheets/annotations.css") for link in article.select("link[href]"))
    assert any(script["src"].endswith("assets/javascripts/annotations.js") for script in article.select("script[src]"))


@pytest.mark.parametrize("language, title", [("de", "Faktenchecks"), ("en", "Fact-checks")])
def test_the_overview_lists_every_fact_check_and_links_to_its_place(site, data, language, title):
    path = LANGUAGES[language] + "fact-checks/"
    overview = page(site, path)
    assert overview.h1.get_text().rstrip("¶").strip() == title
    assert title in [link.get_text().strip() for link in overview.select("nav.md-nav--primary a")]
    facts = [item for item in data if item.is_fact_check]
    items = overview.select("ul.fact-check-list > li")
    assert sorted(item["data-verdict"] for item in items) == sorted(item.verdict.code for item in facts)
    counts = [int(cell.get_text()) for cell in overview.select(".verdict-count")]
    assert sum(counts) == len(facts)
    for item in items:
        href = item.select_one(".fact-check-place a")["href"]
        target, fragment = resolve(path, href), href.split("#")[1]
        assert page(site, target).select_one(f"aside#{fragment}") is not None, href
    export = overview.select_one(".fact-checks-export a")["href"]
    assert resolve(path, export) == LANGUAGES[language] + "annotations.jsonld"


@pytest.mark.parametrize("language", LANGUAGES)
def test_annotations_jsonld_holds_every_annotation_as_a_web_annotation(site, data, language):
    collection = json.loads((site / LANGUAGES[language] / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == len(shown_in(data, language))
    article_url = BASE + LANGUAGES[language] + "article/"
    soup = copy.copy(page(site, LANGUAGES[language] + "article/"))
    # The selector quotes the author's text: drop what the edition adds (markers, notes, footnote numbers).
    for added in soup.select("a.annotation-marker, div.annotation-endnotes, div.annotation-legend, sup[id^=fnref]"):
        added.decompose()
    text = " ".join(soup.get_text().split())
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith(article_url + "#fc-")
        selector = item["target"]["selector"]
        assert item["target"]["source"] == article_url and selector["type"] == "TextQuoteSelector"
        assert selector["exact"] in text
        assert "prefix" in selector or "suffix" in selector, "no context to tell repeated phrases apart"
        assert selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "") in text
        purposes = {body["purpose"]: body["value"] for body in item["body"]}
        assert purposes["commenting"]
        if item["motivation"] == "assessing":
            assert purposes["assessing"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_claim_reviews_as_one_compact_graph_in_the_article(site, data, language):
    article = page(site, LANGUAGES[language] + "article/")
    scripts = article.select('script[type="application/ld+json"]')
    assert len(scripts) == 1 and not article.head.select('script[type="application/ld+json"]')
    assert "\n" not in scripts[0].string.strip() and len(scripts[0].string) < 60_000
    graph = json.loads(scripts[0].string)
    assert graph["@context"] == "https://schema.org"
    nodes = {node["@id"]: node for node in graph["@graph"] if "@id" in node}
    reviews = [node for node in graph["@graph"] if node["@type"] == "ClaimReview"]
    facts = [item for item in shown_in(data, language) if item.is_fact_check]
    assert len(reviews) == len(facts)
    for review, item in zip(sorted(reviews, key=lambda r: r["url"]), sorted(facts, key=lambda f: f.permalink)):
        assert review["url"] == f"{BASE}{LANGUAGES[language]}article/#{item.permalink}"
        assert review["inLanguage"] == language
        assert review["claimReviewed"] == item.claim[language]
        assert review["reviewRating"] == {"@type": "Rating", "alternateName": item.verdict.label[language]}
        assert nodes[review["author"]["@id"]]["@type"] == "Organization"
        assert review["datePublished"] == item.reviewed.date
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim" and nodes[claim["author"]["@id"]]["name"] == "Dmitri Stratievski"
        assert claim["datePublished"] == "2023-09"
        assert nodes[claim["appearance"]["@id"]]["url"].startswith("https://")


def test_other_pages_carry_no_claim_review(site):
    assert page(site, "").head.select('script[type="application/ld+json"]') == []
