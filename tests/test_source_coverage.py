"""The German edition holds every sentence of the source, and nothing that is not in it."""
import re

import pytest

from edition import blocks, footnotes
from textnorm import comparable, is_mixed_script


@pytest.fixture(scope="module")
def source_text(project):
    """The PDF's text layer with the footnote blocks (which page breaks put mid-sentence) cut out."""
    text = (project / "source" / "stratievski-2023-ovks.de.txt").read_text(encoding="utf-8")
    for footnote in footnotes.load(project / "data" / "footnotes.yml"):
        block = re.compile(rf"^{footnote.number}\s+{re.escape(footnote.printed)}\s*$", re.MULTILINE)
        text, found = block.subn("", text, count=1)
        assert found, f"footnote {footnote.number}'s printed form is not verbatim in the source"
    return text


@pytest.fixture(scope="module")
def edition(project):
    return blocks.read(project / "docs" / "de" / "article.md")


def edition_text(edition):
    title = (edition.path.read_text(encoding="utf-8").split("<div class=\"keypoints\"")[0])
    return comparable(title + "".join(block.markdown for block in edition.blocks))


def source_pieces(source_text):
    """The source cut at blank lines and at sentence ends: every piece must reach the edition."""
    for piece in re.split(r"\n\s*\n|(?<=[.?!:;])\s", source_text):
        if comparable(piece):
            yield piece.strip()


def test_every_sentence_of_the_source_stands_in_the_edition(source_text, edition):
    text = edition_text(edition)
    missing = [piece for piece in source_pieces(source_text) if comparable(piece) not in text]
    assert not missing, f"{len(missing)} source passages are not in the edition, first: {missing[:3]}"


def test_every_block_of_the_edition_stands_in_the_source(source_text, edition):
    source = comparable(source_text)
    added = [block.id for block in edition.blocks if comparable(block.markdown) not in source]
    assert not added, f"blocks with text that is not in the source: {added}"


def test_the_edition_has_the_sources_structure(edition):
    kinds = [block.kind for block in edition.blocks]
    assert kinds.count("keypoint") == 3
    assert kinds.count("summary") == 3
    assert kinds.count("heading") == 4
    assert kinds.count("statement") == 22  # the passages set in capitals


def test_no_mixed_script_word_and_no_artifact_left(edition):
    for block in edition.blocks:
        words = [word for word in re.findall(r"\w+", block.markdown) if is_mixed_script(word)]
        assert not words, f"{block.id}: mixed Latin/Cyrillic words {words}"
        assert not re.search(r"\s[.,;:](?!\.)", block.markdown), f"{block.id}: space before punctuation"
        assert not re.search(r"\w-\s+[a-zäöüß]{3,}", block.markdown.replace("Jelzin- noch", "")
                             .replace("Militär- und", "")), f"{block.id}: a hyphenation break is left"
        assert not re.search(r"[A-ZÄÖÜ]{2,}[ -][A-ZÄÖÜ]{4,}", block.markdown.replace("OVKS", "")), \
            f"{block.id}: a passage in capitals is left"
