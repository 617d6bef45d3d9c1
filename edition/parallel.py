"""The parallel reading view: the German and English articles paired block by block by their ids.

Plain data for the template in overrides/partials/parallel.html; hooks/parallel.py renders it on the page.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Callable

from edition.blocks import Article, Block
from edition.languages import LANGUAGES, language

_FOOTNOTE_REF = re.compile(r"\[\^(\d+)\](?!:)")


class ParallelError(ValueError):
    """The two articles cannot be paired; the message names both files and the first difference."""


@dataclass(frozen=True)
class Pair:
    id: str
    kind: str
    blocks: tuple[Block, ...]  # one per language, in the order of LANGUAGES


@dataclass(frozen=True)
class Cell:
    lang: str
    label: str  # the cell's language, named in the page's language
    html: str
    article_link: str  # the block in its own language's article, relative to the page
    article_link_text: str


@dataclass(frozen=True)
class Row:
    id: str
    kind: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class View:
    lang: str  # the page's language
    columns: tuple[tuple[str, str], ...]  # (language code, column heading in the page's language)
    rows: tuple[Row, ...]


# ---- Pairing ----

def pair(*articles: Article) -> tuple[Pair, ...]:
    """The blocks of every language's article, side by side; one article per language of LANGUAGES."""
    first = articles[0]
    for other in articles[1:]:
        _check_same_blocks(first, other)
    return tuple(Pair(block.id, block.kind, tuple(article.blocks[index] for article in articles))
                 for index, block in enumerate(first.blocks))


def _check_same_blocks(first: Article, other: Article) -> None:
    if first.ids != other.ids:
        missing = [i for i in first.ids if i not in other.ids]
        extra = [i for i in other.ids if i not in first.ids]
        if missing or extra:
            problem = "; ".join(part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not in {first.path}: {', '.join(extra)}" if extra else "") if part)
        else:
            index = next(n for n, (a, b) in enumerate(zip(first.ids, other.ids)) if a != b)
            block = other.blocks[index]
            problem = f"line {block.line}: {block.id} stands where {first.path} has {first.ids[index]}"
        raise ParallelError(f"{other.path}: block ids differ from {first.path}: {problem}; "
                            f"allowed: the same ids in the same order")
    for mine, theirs in zip(first.blocks, other.blocks):
        if mine.kind != theirs.kind:
            raise ParallelError(f"{other.path}:{theirs.line}: {theirs.id} is a {theirs.kind} but a {mine.kind} "
                                f"in {first.path}; allowed: the same kind (mark statements with .statement in both)")


# ---- The view of one page ----

def view(pairs: tuple[Pair, ...], page_lang: str, page_url: str, to_html: Callable[[str], str]) -> View:
    """What the parallel page in page_lang shows; to_html renders one cell's Markdown (the page's extensions)."""
    labels = LABELS[page_lang]
    rows = []
    for item in pairs:
        cells = []
        for block_language, block in zip(LANGUAGES, item.blocks):
            article = article_url(page_lang, page_url, block_language.code)
            cells.append(Cell(
                lang=block_language.code,
                label=labels[block_language.code],
                html=to_html(cell_markdown(block, block_language.code, article)),
                article_link=f"{article}#{block.id}",
                article_link_text=labels["in_article"].format(id=block.id),
            ))
        rows.append(Row(item.id, item.kind, tuple(cells)))
    columns = tuple((lang.code, labels["column_" + lang.code]) for lang in LANGUAGES)
    return View(page_lang, columns, tuple(rows))


def cell_markdown(block: Block, block_lang: str, article: str) -> str:
    """A block's Markdown for its cell: headings stay headings, footnote markers link to the article's notes.

    A page holds one set of footnotes, so each marker points to the note in its own language's article.
    """
    title = FOOTNOTE_TITLE[block_lang]
    text = _FOOTNOTE_REF.sub(
        lambda m: f'<sup>[{m.group(1)}]({article}#fn:{m.group(1)} "{title.format(n=m.group(1))}")</sup>',
        block.markdown)
    return "## " + text if block.kind == "heading" else text


def article_url(page_lang: str, page_url: str, article_lang: str) -> str:
    """The article of article_lang, relative to a page (page_url below its own language's root)."""
    here = language(page_lang).root + page_url
    target = language(article_lang).root + "article/"
    return posixpath.relpath(target, here.rstrip("/") or ".") + "/"


# ---- Words the view shows, per page language (cells keep their own language) ----

LABELS: dict[str, dict[str, str]] = {
    "de": {"de": "Deutsch", "en": "Englisch", "column_de": "Deutsch (Original)",
           "column_en": "Englisch (Übersetzung)", "in_article": "{id} im Artikel"},
    "en": {"de": "German", "en": "English", "column_de": "German (original)",
           "column_en": "English (translation)", "in_article": "{id} in the article"},
}

# The tooltip of a footnote marker, in the cell's language.
FOOTNOTE_TITLE = {"de": "Fußnote {n} im Artikel", "en": "Footnote {n} in the article"}
