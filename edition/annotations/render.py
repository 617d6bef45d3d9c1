"""Turning placed annotations into the reader's HTML: phrase, marker and notes in the article, the overview.

Plain functions over Markdown text and a Jinja environment whose templates live in overrides/partials/.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Sequence

import markdown as python_markdown
from babel.dates import format_date
from jinja2 import Environment

from edition import blocks
from edition.annotations import sanitise
from edition.annotations.anchoring import Anchored, anchor_all
from edition.annotations.load import PARTIAL_DATE
from edition.annotations.model import VERDICTS, Annotation

TEMPLATE = "partials/annotations.html"
OVERVIEW_TEMPLATE = "partials/fact-checks.html"


@dataclass(frozen=True)
class Entry:
    """A fact-check on the overview page, with the link to its place in the article."""
    annotation: Annotation
    href: str
    other_language: str = ""  # set when the link leads to the article in another language


def article(markdown: str, language: str, annotations: Sequence[Annotation], env: Environment,
            article_name: str) -> tuple[str, list[Anchored]]:
    """The article's Markdown with each phrase marked and each block's notes listed right after it."""
    page = blocks.parse(markdown, article_name)
    placed = anchor_all(annotations, language, page, article_name)
    macros = env.get_template(TEMPLATE).make_module({"t": LABELS[language], "language": language})
    lines = markdown.split("\n")
    by_block: dict[str, list[Anchored]] = {}
    for item in placed:
        by_block.setdefault(item.match.block_id, []).append(item)
    # From the last block up, so that the line numbers of the blocks above stay right.
    for block in sorted((page.block(block_id) for block_id in by_block), key=lambda b: b.line, reverse=True):
        items = by_block[block.id]
        text = block.markdown
        for item in reversed(items):
            start, end = item.match.markdown_span
            # The phrase's own Markdown goes in after flattening: a line break in it must stay a space.
            marked = _one_line(str(macros.phrase(_PHRASE, _view(item.annotation, language))))
            text = text[:start] + marked.replace(_PHRASE, text[start:end]) + text[end:]
        first = block.line - 1
        count = block.markdown.count("\n") + 1
        notes = _no_blank_lines(str(macros.notes(block.id, [_view(item.annotation, language) for item in items])))
        # The block's own lines, its attribute line ({ #p-12 }), then the notes as a raw HTML block.
        lines[first:first + count + 1] = text.split("\n") + [lines[first + count], "", notes, ""]
    return "\n".join(lines), placed


def overview(entries: Sequence[Entry], language: str, env: Environment, export_href: str) -> str:
    """The fact-checks page: the verdict vocabulary with counts, then every fact-check in reading order."""
    counts = {code: sum(1 for entry in entries if entry.annotation.verdict.code == code) for code in VERDICTS}
    primary = sum(1 for entry in entries if any(source.kind == "primary" for source in entry.annotation.sources))
    html = env.get_template(OVERVIEW_TEMPLATE).render(
        t=LABELS[language], language=language, verdicts=list(VERDICTS.values()), counts=counts, primary=primary,
        entries=[(entry, _view(entry.annotation, language)) for entry in entries], export_href=export_href)
    return _no_blank_lines(html)


# One converter for every note (making one per note cost most of the article's build time).
_NOTE_MARKDOWN = python_markdown.Markdown(extensions=["smarty", "tables"], output_format="html")


def note_html(text: str, refused: list[tuple[str, str]] | None = None) -> str:
    """An annotation's note as HTML that can carry no script: its Markdown rendered, then the allow-list.

    The loader refuses what the allow-list would drop; given a list, refused gets each such thing
    as (what, a piece of the text to find it by) for its message.
    """
    html, refusals = _note_html(text)
    if refused is not None:
        refused.extend(refusals)
    return html


@lru_cache(maxsize=2048)
def _note_html(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    # Cached: the loader renders every note to check it, and the page shows the same HTML.
    html = _NOTE_MARKDOWN.reset().convert(text)
    return sanitise.clean(html), tuple(sanitise.refusals(html))


def display_date(text: str, language: str) -> str:
    """ "2024-03-07" → "7. März 2024" / "7 March 2024"; "2024-03" → "März 2024"; "2024" stays."""
    year, month, day = PARTIAL_DATE.fullmatch(text).groups()
    locale = LOCALES[language]
    if day:
        return format_date(date(int(year), int(month), int(day)), "long", locale=locale)
    if month:
        return format_date(date(int(year), int(month), 1), "MMMM y", locale=locale)
    return year


# ---- Helpers -----------------------------------------------------------------------------

def _view(annotation: Annotation, language: str) -> dict:
    """What the templates show of one annotation in one language."""
    fallback = "en" if language == "de" else "de"
    return {
        "id": annotation.id,
        "permalink": annotation.permalink,
        "kind": annotation.kind,
        "verdict": annotation.verdict,
        "verdict_label": annotation.verdict.label[language] if annotation.verdict else "",
        "claim": annotation.claim.get(language, ""),
        "summary": annotation.summary.get(language, ""),
        # A translator's note may exist in English only; the German page then shows the English note.
        "note": note_html(annotation.note.get(language) or annotation.note[fallback]),
        "note_language": language if language in annotation.note else fallback,
        "sources": [{"source": source, "date": display_date(source.date, language)} for source in annotation.sources],
        "reviewed": annotation.reviewed,
        "reviewed_date": display_date(annotation.reviewed.date, language),
    }


_PHRASE = "\x00phrase\x00"


def _one_line(html: str) -> str:
    return "".join(line.strip() for line in html.splitlines())


def _no_blank_lines(html: str) -> str:
    # A blank line would end Markdown's raw HTML block and let Markdown rewrite the rest.
    return "\n".join(line for line in html.splitlines() if line.strip())


# ---- Words on the page, per language -------------------------------------------------------

LOCALES = {"de": "de_DE", "en": "en_GB"}

LABELS = {
    "de": {
        "editors_note": "Anmerkung der Redaktion",
        "translator_note": "Anmerkung der Übersetzung",
        "translator_marker": "Anm. d. Übers.",
        "fact_check": "Faktencheck",
        "claim": "Geprüfte Aussage",
        "summary": "Ergebnis",
        "sources": "Quellen",
        "reviewed": "Zuletzt geprüft",
        "back": "Zurück zum Text",
        "permalink": "Link zu dieser Anmerkung",
        "notes_for_block": "Anmerkungen zu diesem Absatz",
        "verdicts": "Die Bewertungen",
        "verdict": "Bewertung",
        "meaning": "Bedeutung",
        "count": "Anzahl",
        "question": "Entscheidungsfrage:",
        "examples": "Beispiele:",
        "primary": "{primary} von {total} Faktenchecks stützen sich auf mindestens eine Primärquelle (ein Dokument, eine Erklärung oder eine amtliche Seite der Handelnden selbst).",
        "filter": "Nach Bewertung filtern",
        "all": "Alle",
        "shown": "{shown} von {total} Faktenchecks angezeigt",
        "to_place": "Zur Stelle im Text",
        "in_other_language": "im deutschen Original",
        "none": "Noch keine Faktenchecks.",
        "list": "Alle Faktenchecks in der Reihenfolge des Textes",
        "export": "Alle Anmerkungen als Daten (W3C Web Annotations, JSON-LD)",
    },
    "en": {
        "editors_note": "Editors' note",
        "translator_note": "Translator's note",
        "translator_marker": "Transl. note",
        "fact_check": "Fact-check",
        "claim": "Claim checked",
        "summary": "Finding",
        "sources": "Sources",
        "reviewed": "Last reviewed",
        "back": "Back to the text",
        "permalink": "Link to this note",
        "notes_for_block": "Notes on this paragraph",
        "verdicts": "The verdicts",
        "verdict": "Verdict",
        "meaning": "Meaning",
        "count": "Count",
        "question": "Decision question:",
        "examples": "Examples:",
        "primary": "{primary} of {total} fact-checks rest on at least one primary source (a document, statement or official page of the actors themselves).",
        "filter": "Filter by verdict",
        "all": "All",
        "shown": "{shown} of {total} fact-checks shown",
        "to_place": "To its place in the text",
        "in_other_language": "in the German original",
        "none": "No fact-checks yet.",
        "list": "Every fact-check in the order of the text",
        "export": "All annotations as data (W3C Web Annotations, JSON-LD)",
    },
}
