"""Anchoring phrases in the article's reading text, on plain strings (no MkDocs)."""
import dataclasses
from pathlib import Path

import pytest

from edition import blocks
from edition.annotations import anchoring, load
from edition.annotations.model import Anchor
from edition.datafile import DataError

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
ARTICLE = blocks.read(FIXTURES / "article.de.md")
TEXTS = anchoring.passages(ARTICLE)
NATO = load.load_file(FIXTURES / "valid" / "nato-31.yml")


def place(exact, prefix="", suffix=""):
    annotation = dataclasses.replace(NATO, anchor={"de": Anchor(exact, prefix, suffix, line=6)})
    return anchoring.anchor(annotation, "de", TEXTS, "article.de.md")


def wrapped(match):
    start, end = match.markdown_span
    return match.passage.markdown[start:end]


def test_an_exact_phrase_is_found_once_in_its_block():
    match = place("hat heute 31 Mitgliedsstaaten")
    assert match.block_id == "p-1"
    assert wrapped(match) == "hat heute 31 Mitgliedsstaaten"
    assert match.prefix.endswith("vor 74 Jahren gegründet und ") and len(match.prefix) == anchoring.CONTEXT
    assert match.suffix.startswith(". Die OVKS hat sechs")


def test_an_ambiguous_phrase_fails_naming_every_place():
    with pytest.raises(DataError) as raised:
        place("Die OVKS")
    assert str(raised.value) == (
        f"{NATO.path}:6: anchor.de “Die OVKS” occurs 2 times in article.de.md (p-1, p-2); allowed: a prefix "
        "(the words right before) or suffix (right after) so that it occurs once")


def test_prefix_or_suffix_pick_one_of_several():
    assert place("Die OVKS", prefix="Mitgliedsstaaten. ").block_id == "p-1"
    assert place("Die OVKS", suffix=" wurde 2002").block_id == "p-2"
    assert place("OVKS", prefix="die ").block_id == "p-2"


def test_a_missing_phrase_fails_with_the_closest_passage():
    with pytest.raises(DataError) as raised:
        place("hat heute 32 Mitgliedstaaten")
    message = str(raised.value)
    assert message.startswith(f"{NATO.path}:6: anchor.de “hat heute 32 Mitgliedstaaten” not found in article.de.md; "
                              "closest passage (p-1): “hat heute 31 Mitgliedsstaaten.”")
    assert "; allowed: the phrase exactly as the article shows it" in message


def test_headings_are_not_annotated():
    with pytest.raises(DataError, match="not found"):
        place("Überschrift mit OVKS")


def test_footnote_markers_are_invisible_to_matching_and_stay_outside_the_phrase():
    match = place("2002 gegründet")
    assert wrapped(match) == "2002 gegründet"
    after = match.passage.markdown[match.markdown_span[1]:]
    assert after.startswith("[^1], und")


def test_a_phrase_across_a_footnote_marker_is_refused():
    with pytest.raises(DataError, match=r"anchor.de “gegründet, und die” crosses the footnote marker \[\^1\]; "
                                        "allowed: a phrase that ends before the footnote number"):
        place("gegründet, und die")


def test_emphasis_is_invisible_to_matching():
    assert wrapped(place("ist ein Bündnis geblieben")) == "ist *ein Bündnis* geblieben"
    assert wrapped(place("ein Bündnis")) == "ein Bündnis"


def test_a_phrase_cutting_through_emphasis_is_refused():
    with pytest.raises(DataError, match="starts or ends inside emphasized text"):
        place("ist ein")


def test_a_line_break_in_a_paragraph_reads_as_a_space():
    assert wrapped(place("mit einem Zeilenumbruch")) == "mit einem\nZeilenumbruch"


def test_overlapping_phrases_are_refused():
    first = dataclasses.replace(NATO, anchor={"de": Anchor("heute 31 Mitgliedsstaaten", line=6)})
    second = dataclasses.replace(NATO, id="other", path="other.yml",
                                 anchor={"de": Anchor("hat heute 31", line=9)})
    with pytest.raises(DataError) as raised:
        anchoring.anchor_all([first, second], "de", ARTICLE, "article.de.md")
    assert str(raised.value).startswith(
        f"{NATO.path}:6: anchor.de “heute 31 Mitgliedsstaaten” overlaps the phrase of other.yml in p-1; allowed:")


def test_annotations_come_in_reading_order_and_only_in_their_languages():
    note = load.load_file(FIXTURES / "valid" / "tn-alliance.yml")
    later = dataclasses.replace(NATO, id="later", anchor={"de": Anchor("Die OVKS wurde", line=6)})
    placed = anchoring.anchor_all([later, note, NATO], "de", ARTICLE, "article.de.md")
    assert [item.annotation.id for item in placed] == ["nato-31", "later"]


def test_reading_text_is_the_blocks_plain_text_for_the_whole_article(project):
    article = blocks.read(project / "docs" / "de" / "article.md")
    for block, passage in zip([b for b in article.blocks if b.kind != "heading"], anchoring.passages(article)):
        assert passage.text == blocks.plain_text(block.markdown).replace("\n", " ")
        assert all(block.markdown[at] == char or char == " " for at, char in zip(passage.source, passage.text))
