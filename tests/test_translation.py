"""The English translation: the German article's blocks, footnotes and sources, wholly in English."""
import re

import pytest

from edition import blocks
from htmlsite import page

# Words that are common in any German sentence and never (or hardly ever) English.
GERMAN_FUNCTION_WORDS = {"der", "die", "das", "und", "nicht", "ist", "mit", "von", "zu", "dem", "des", "sich",
                         "auch", "ein", "eine", "einer", "wurde", "haben", "für", "auf", "aus", "nach", "wie",
                         "bei", "oder", "durch", "sind", "gegen", "zwischen", "seit", "wird", "werden"}
# American spellings a British text would not use.
AMERICAN_SPELLING = re.compile(
    r"\b(?:\w+(?:iz|yz)(?:e|es|ed|ing|ation|ations)"
    r"|\w*(?:behavior|color|favor|honor|labor|neighbor|rumor|endeavor|armor|vigor)\w*"
    r"|defense|offense|centers?|traveled|traveling|catalog|dialog)\b", re.IGNORECASE)
# Words that only look American, and official names (Collective Security Treaty Organization).
NOT_AMERICAN = {"seize", "seized", "size", "prize", "Organization"}  # capital only: the name


@pytest.fixture(scope="module")
def german(project):
    return blocks.read(project / "docs" / "de" / "article.md")


@pytest.fixture(scope="module")
def english(project):
    return blocks.read(project / "docs" / "en" / "article.md")


def test_same_blocks_in_the_same_order_and_kind(german, english):
    assert english.ids == german.ids
    assert [b.kind for b in english.blocks] == [b.kind for b in german.blocks]


def test_each_block_cites_the_same_footnotes(german, english):
    for de, en in zip(german.blocks, english.blocks):
        assert en.footnotes == de.footnotes, f"{en.id}: footnotes {en.footnotes}, German has {de.footnotes}"


def test_footnotes_point_to_the_same_sources(german, english):
    assert english.footnotes == german.footnotes


def test_every_block_is_english(english):
    for block in english.blocks:
        text = blocks.plain_text(block.markdown)
        assert text.strip(), f"{block.id} is empty"
        german_words = sorted({w for w in re.findall(r"\w+", text.lower()) if w in GERMAN_FUNCTION_WORDS})
        assert not german_words, f"{block.id} (line {block.line}) still has German: {german_words}"
        assert not re.search(r"[äöüÄÖÜß„]", text), f"{block.id} (line {block.line}) has German letters or quotes"


def test_british_spelling(english):
    for block in english.blocks:
        words = [w for w in AMERICAN_SPELLING.findall(blocks.plain_text(block.markdown))
                 if w not in NOT_AMERICAN and w.lower() not in NOT_AMERICAN]
        assert not words, f"{block.id}: {words}"


def test_the_heuristics_would_catch_german_and_american_text(german):
    assert any(w in GERMAN_FUNCTION_WORDS for w in re.findall(r"\w+", german.blocks[0].markdown.lower()))
    assert AMERICAN_SPELLING.findall("The organization's defense behavior was criticized.") == [
        "organization", "defense", "behavior", "criticized"]


@pytest.fixture(scope="module")
def article(site):
    return page(site, "en/article/")


def test_english_article_page_has_every_block_and_footnote(article, english):
    assert article.html["lang"] == "en"
    for block in english.blocks:
        element = article.select_one(f'[id="{block.id}"]')
        assert element is not None, f"{block.id} missing on the English page"
        assert element.get_text(" ", strip=True), block.id
    items = article.select("div.footnote ol > li")
    assert [item["id"] for item in items] == [f"fn:{n}" for n in range(1, 20)]
    for item in items:
        number = int(item["id"].removeprefix("fn:"))
        links = [a["href"] for a in item.select("a") if "footnote-backref" not in a.get("class", [])]
        assert links == [english.footnotes[number].strip("<>")]


def test_english_article_keeps_the_articles_frame(article):
    assert article.select_one(".article-kicker").get_text() == "Analysis"
    assert article.select_one("h1#title").get_text(strip=True).startswith("The Collective Security Treaty Organization")
    assert "Russian NATO" in article.select_one("#subtitle").get_text()
    assert article.select_one("#byline time")["datetime"] == "2023-09"
    assert len(article.select("p.statement")) == 22
    assert [p["id"] for p in article.select("div.keypoints > p")] == ["k-1", "k-2", "k-3"]
    assert [p["id"] for p in article.select("div.summary > p")] == ["s-1", "s-2", "s-3"]
