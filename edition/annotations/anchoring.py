"""Text-quote anchoring: find an annotation's phrase in the article's reading text, as Hypothesis does.

Pure functions on plain strings: the reading text drops footnote markers and emphasis, and every
character remembers where it stands in the block's Markdown so that the phrase can be wrapped there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from edition.annotations.model import Anchor, Annotation
from edition.blocks import Article
from edition.datafile import DataError, invisible_note, visible

_FOOTNOTE_REF = re.compile(r"\[\^\d+\](?!:)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_(?=\w))")  # the same rules as edition.blocks.plain_text
CONTEXT = 32  # characters of prefix and suffix in exported selectors, as the Hypothesis client stores


@dataclass(frozen=True)
class Passage:
    """One block's reading text, and for each of its characters the index in the block's Markdown."""
    block_id: str
    markdown: str
    text: str
    source: tuple[int, ...]

    @classmethod
    def of(cls, block_id: str, markdown: str) -> "Passage":
        positions = list(range(len(markdown)))
        text, positions = _remove(markdown, positions, _FOOTNOTE_REF)
        text, positions = _remove(text, positions, _EMPHASIS)
        # A line break inside a paragraph reads as a space.
        return cls(block_id, markdown, text.replace("\n", " "), tuple(positions))


@dataclass(frozen=True)
class Match:
    passage: Passage
    start: int  # in the reading text
    end: int

    @property
    def block_id(self) -> str:
        return self.passage.block_id

    @property
    def markdown_span(self) -> tuple[int, int]:
        """Where the phrase stands in the block's Markdown (markers before or after it stay outside)."""
        return self.passage.source[self.start], self.passage.source[self.end - 1] + 1

    @property
    def prefix(self) -> str:
        return self.passage.text[max(0, self.start - CONTEXT):self.start]

    @property
    def suffix(self) -> str:
        return self.passage.text[self.end:self.end + CONTEXT]

    @property
    def exact(self) -> str:
        return self.passage.text[self.start:self.end]


@dataclass(frozen=True)
class Anchored:
    """An annotation placed in one language's article."""
    annotation: Annotation
    match: Match


def passages(article: Article) -> list[Passage]:
    """The article's annotatable blocks: everything but headings (a mark there would enter the TOC)."""
    return [Passage.of(block.id, block.markdown) for block in article.blocks if block.kind != "heading"]


def headings(article: Article) -> list[Passage]:
    """The article's headings, which take no notes: a phrase found there gets its own message."""
    return [Passage.of(block.id, block.markdown) for block in article.blocks if block.kind == "heading"]


def find(anchor: Anchor, texts: Sequence[Passage]) -> list[Match]:
    """Every place where exact stands with the given prefix right before it and suffix right after."""
    found = []
    for passage in texts:
        start = passage.text.find(anchor.exact)
        while start >= 0:
            end = start + len(anchor.exact)
            if (passage.text[:start].endswith(anchor.prefix)
                    and passage.text[end:].startswith(anchor.suffix)):
                found.append(Match(passage, start, end))
            start = passage.text.find(anchor.exact, start + 1)
    return found


def anchor(annotation: Annotation, language: str, texts: Sequence[Passage], article_name: str,
           headings: Sequence[Passage] = ()) -> Match:
    """The one place of an annotation's phrase in one language; DataError if none, several or unwrappable."""
    selector = annotation.anchor[language]
    where = f"anchor.{language} {_quoted(selector)}"
    found = find(selector, texts)
    if not found:
        in_heading = find(selector, headings)
        if in_heading:
            raise DataError(annotation.path, selector.line,
                            f"{where} is in the heading {in_heading[0].block_id} of {article_name}, and headings "
                            "carry no notes", "a phrase in a paragraph, a key point or the summary")
        bare = find(Anchor(selector.exact), texts)
        if bare:
            raise DataError(annotation.path, selector.line, f"{where} stands in {article_name} ({bare[0].block_id}), "
                            f"but not {_context_problem(selector, bare[0])}",
                            "prefix and suffix exactly as the text reads right before and after the phrase")
        block_id, closest = closest_passage(selector.prefix + selector.exact + selector.suffix, texts)
        raise DataError(annotation.path, selector.line,
                        f"{where} not found in {article_name}; closest passage ({block_id}): “{closest}”"
                        + invisible_note(selector.prefix + selector.exact + selector.suffix),
                        "the phrase exactly as the article shows it (copy it from the page, without footnote numbers)")
    if len(found) > 1:
        places = ", ".join(match.block_id for match in found)
        raise DataError(annotation.path, selector.line,
                        f"{where} occurs {len(found)} times in {article_name} ({places})",
                        "a prefix (the words right before) or suffix (right after) so that it occurs once")
    match = found[0]
    _check_wrappable(annotation, selector, where, match)
    return match


def anchor_all(annotations: Iterable[Annotation], language: str, article: Article,
               article_name: str) -> list[Anchored]:
    """Every annotation with an anchor in this language, placed, in reading order; phrases may not overlap."""
    texts, titles = passages(article), headings(article)
    order = {text.block_id: number for number, text in enumerate(texts)}
    placed = sorted((Anchored(item, anchor(item, language, texts, article_name, titles))
                     for item in annotations if language in item.anchor),
                    key=lambda placed: (order[placed.match.block_id], placed.match.start))
    for before, after in zip(placed, placed[1:]):
        if before.match.block_id == after.match.block_id and after.match.start < before.match.end:
            raise DataError(after.annotation.path, after.annotation.anchor[language].line,
                            f"anchor.{language} {_quoted(after.annotation.anchor[language])} overlaps the phrase of "
                            f"{before.annotation.id}.yml in {after.match.block_id}",
                            "phrases that do not overlap (shorten one of them)")
    return placed


def closest_passage(target: str, texts: Sequence[Passage]) -> tuple[str, str]:
    """The stretch of text most like target (same number of words, give or take one), and its block."""
    size = len(target.split())
    best, best_ratio = ("", ""), -1.0
    for passage in texts:
        words = [m.span() for m in re.finditer(r"\S+", passage.text)]
        for count in {max(1, size - 1), size, size + 1}:
            for first in range(0, max(1, len(words) - count + 1)):
                last = min(first + count, len(words)) - 1
                candidate = passage.text[words[first][0]:words[last][1]] if words else ""
                matcher = SequenceMatcher(None, target, candidate, autojunk=False)
                if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
                    ratio = matcher.ratio()
                    if ratio > best_ratio:
                        best, best_ratio = (passage.block_id, candidate), ratio
    return best


# ---- Helpers -----------------------------------------------------------------------------

def _remove(text: str, positions: list[int], pattern: re.Pattern) -> tuple[str, list[int]]:
    kept_text, kept_positions, last = [], [], 0
    for found in pattern.finditer(text):
        kept_text.append(text[last:found.start()])
        kept_positions.extend(positions[last:found.start()])
        last = found.end()
    kept_text.append(text[last:])
    kept_positions.extend(positions[last:])
    return "".join(kept_text), kept_positions


def _check_wrappable(annotation: Annotation, selector: Anchor, where: str, match: Match) -> None:
    """The Markdown under the phrase may hold no footnote marker and only whole emphasis pairs."""
    start, end = match.markdown_span
    markdown = match.passage.markdown[start:end]
    marker = _FOOTNOTE_REF.search(markdown)
    if marker:
        raise DataError(annotation.path, selector.line, f"{where} crosses the footnote marker {marker.group(0)}",
                        "a phrase that ends before the footnote number or starts after it")
    kept = set(match.passage.source[match.start:match.end])
    removed = "".join(char for offset, char in enumerate(markdown, start) if offset not in kept)
    if removed.count("*") % 2 or removed.count("_") % 2:
        raise DataError(annotation.path, selector.line, f"{where} starts or ends inside emphasized text",
                        "a phrase that covers the emphasized words completely, or none of them")


def _context_problem(selector: Anchor, match: Match) -> str:
    """Which of prefix and suffix does not fit the place where exact stands, and what the text reads there."""
    before = match.passage.text[:match.start]
    if selector.prefix and not before.endswith(selector.prefix):
        return (f"after the prefix “{visible(selector.prefix)}”: the text before it reads "
                f"“{visible(before[-len(selector.prefix):])}”")
    after = match.passage.text[match.end:]
    return f"before the suffix “{visible(selector.suffix)}”: the text after it reads “{visible(after[:len(selector.suffix)])}”"


def _quoted(selector: Anchor) -> str:
    return f"“{visible(selector.exact)}”"
