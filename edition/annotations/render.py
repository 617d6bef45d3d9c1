"""Turning placed annotations into the reader's HTML: phrase, marker and notes in the article, the overview.

Plain functions over Markdown text and a Jinja environment whose templates live in overrides/partials/.
"""
from __future__ import annotations

import re
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
from edition.annotations.model import REVIEWERS, VERDICTS, Annotation

TEMPLATE = "partials/annotations.html"
OVERVIEW_TEMPLATE = "partials/fact-checks.html"


@dataclass(frozen=True)
class Entry:
    """A fact-check on the overview page, with the link to its place in the article."""
    annotation: Annotation
    href: str
    other_language: str = ""  # set when the link leads to the article in another language


def article(markdown: str, language: str, annotations: Sequence[Annotation], env: Environment,
            article_name: str, scale_href: str = "") -> tuple[str, list[Anchored]]:
    """The article's Markdown with each phrase marked, the legend and filter above the first block, and
    each section's notes as its endnotes (before the next heading, the last section's before the footnotes).

    `scale_href` is the address of the full verdict scale (the overview's #verdicts) from the article."""
    page = blocks.parse(markdown, article_name)
    placed = anchor_all(annotations, language, page, article_name)  # in reading order
    macros = env.get_template(TEMPLATE).make_module({"t": LABELS[language], "language": language})
    references = References(page, placed, language)
    views = {item.annotation.id: _view(item.annotation, language, references) for item in placed}
    lines = markdown.split("\n")
    edits: list[tuple[int, int, list[str]]] = []  # (first line index, end index, new lines)
    by_block: dict[str, list[Anchored]] = {}
    for item in placed:
        by_block.setdefault(item.match.block_id, []).append(item)
    for block_id, items in by_block.items():
        block = page.block(block_id)
        text = block.markdown
        for item in reversed(items):
            start, end = item.match.markdown_span
            # The phrase's own Markdown goes in after flattening: a line break in it must stay a space.
            marked = _one_line(str(macros.phrase(_PHRASE, views[item.annotation.id])))
            text = text[:start] + marked.replace(_PHRASE, text[start:end]) + text[end:]
        edits.append((block.line - 1, block.line - 1 + block.markdown.count("\n") + 1, text.split("\n")))
    for section_id, at, items in _sections(page, lines, placed):
        notes = _no_blank_lines(str(macros.endnotes(section_id, [views[item.annotation.id] for item in items])))
        edits.append((at, at, ["", notes, ""]))
    if placed:
        problems = sum(1 for item in placed if not item.annotation.verdict or item.annotation.verdict.code != "correct")
        legend = macros.legend(list(VERDICTS.values()), {"all": len(placed), "problems": problems}, scale_href)
        at = _top_level_line(lines, page.blocks[0].line - 1)
        edits.append((at, at, [_no_blank_lines(str(legend)), ""]))
    # From the bottom up, so that the line numbers of the edits above stay right.
    for first, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        lines[first:end] = new
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

_FOOTNOTE_DEFINITION = re.compile(r"^\[\^\d+\]:")


def _sections(page: blocks.Article, lines: list[str], placed: Sequence[Anchored]):
    """(section id, line index to insert its endnotes at, its annotations) for every section with notes.

    A section runs from a heading (h-1) to the next; the text before the first heading is "intro"."""
    headings = [block for block in page.blocks if block.kind == "heading"]
    end_of_text = next((index for index, line in enumerate(lines) if _FOOTNOTE_DEFINITION.match(line)), len(lines))
    bounds = [("intro", 0)] + [(block.id, block.line - 1) for block in headings]
    for number, (section_id, start) in enumerate(bounds):
        stop = bounds[number + 1][1] if number + 1 < len(bounds) else end_of_text
        items = [item for item in placed if start <= page.block(item.match.block_id).line - 1 < stop]
        if items:
            yield section_id, stop, items


def _top_level_line(lines: list[str], index: int) -> int:
    """The line to insert raw HTML before `index` at the top level: before any <div> it stands in."""
    depth, opened = 0, index
    for number, line in enumerate(lines[:index]):
        if line.startswith("<div"):
            if depth == 0:
                opened = number
            depth += 1
        elif line.startswith("</div"):
            depth -= 1
    return opened if depth > 0 else index


class References:
    """Turns a note's references into links (Markdown, so that note_html renders them):
    "p-17" → [p-17](#p-17); "die Anmerkung zu Absatz p-26" / "the note on paragraph p-26" and
    "die Anmerkung zum „…“" / "the note on the “…”" (a phrase another note checks) → that note."""

    _BLOCK = re.compile(r"(?<![\w#/\[-])(" + blocks.ID_PATTERN + r")(?![\w\]-])")
    _NOTE = {
        "de": re.compile(r"\b(Anmerkung)( zu(?:m|r)? (?:Absatz )?)(?:(" + blocks.ID_PATTERN + r")|„([^“”]+)“)"),
        "en": re.compile(r"\b(note)( on (?:the |paragraph )?)(?:(" + blocks.ID_PATTERN + r")|“([^“”]+)”)"),
    }

    def __init__(self, page: blocks.Article, placed: Sequence[Anchored], language: str):
        self.ids = set(page.ids)
        self.placed = placed
        self.language = language

    def link(self, markdown: str, own_id: str) -> str:
        def note(match: re.Match) -> str:
            target = self._note_in(match.group(3), own_id) if match.group(3) else self._note_on(match.group(4), own_id)
            if not target:
                return match.group(0)
            return f"[{match.group(1)}](#fc-{target}){match.group(0)[len(match.group(1)):]}"

        markdown = self._NOTE[self.language].sub(note, markdown)
        return self._BLOCK.sub(lambda m: f"[{m.group(1)}](#{m.group(1)})" if m.group(1) in self.ids else m.group(0),
                               markdown)

    def _note_in(self, block_id: str, own_id: str) -> str:
        found = [item.annotation.id for item in self.placed
                 if item.match.block_id == block_id and item.annotation.id != own_id]
        return found[0] if len(found) == 1 else ""

    def _note_on(self, phrase: str, own_id: str) -> str:
        wanted = phrase.casefold()
        found = [item.annotation.id for item in self.placed
                 if wanted in item.match.exact.casefold() and item.annotation.id != own_id]
        return found[0] if len(found) == 1 else ""


def _view(annotation: Annotation, language: str, references: References | None = None) -> dict:
    """What the templates show of one annotation in one language."""
    fallback = "en" if language == "de" else "de"
    t = LABELS[language]
    label = annotation.verdict.label[language] if annotation.verdict else ""
    summary = annotation.summary.get(language, "")
    note = annotation.note.get(language) or annotation.note[fallback]
    if references:
        note = references.link(note, annotation.id)
    anchor = annotation.anchor.get(language)
    phrase = _shortened(anchor.exact) if anchor else ""
    kind_label = t["fact_check"] if annotation.is_fact_check else t["translator_note"]
    return {
        "id": annotation.id,
        "permalink": annotation.permalink,
        "kind": annotation.kind,
        "kind_label": kind_label,
        "verdict": annotation.verdict,
        "verdict_label": label,
        # The marker's accessible name: which phrase, then the verdict it shows; it holds the marker's
        # visible words (WCAG 2.5.3), so a translator's note is named by its short label.
        "marker_name": t["marker_name"].format(kind=kind_label if label else t["translator_marker"], phrase=phrase)
        + (f": {label}" if label else ""),
        "claim": annotation.claim.get(language, ""),
        "summary": summary,
        # The summary opens with its verdict ("Falsch: …"); the note shows that verdict as its label.
        # Shown after the badge, the rest of the sentence starts it ("False: the protests…" → "The protests…").
        "summary_text": _sentence(summary[len(label) + 1:]) if label and summary.startswith(label + ":") else summary,
        # A translator's note may exist in English only; the German page then shows the English note.
        "note": note_html(note),
        "note_language": language if language in annotation.note else fallback,
        "sources": [{"source": source, "date": display_date(source.date, language),
                     "kind": t["source_kinds"].get(source.kind, ""),
                     "translation": source.quote_translation.get(language, "")
                     if source.language and source.language != language else ""}
                    for source in annotation.sources],
        "reviewed": annotation.reviewed,
        "reviewed_date": display_date(annotation.reviewed.date, language),
        "reviewer": REVIEWERS[annotation.reviewed.by][language],
    }


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _shortened(phrase: str, limit: int = 60) -> str:
    """The phrase for a marker's name: whole up to `limit` characters, else cut at a word and "…"."""
    phrase = " ".join(phrase.split())
    if len(phrase) <= limit:
        return phrase
    return phrase[:limit].rsplit(" ", 1)[0] + " …"


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
        "translator_note": "Anmerkung der Übersetzung",
        "translator_marker": "Anm. d. Übers.",
        "fact_check": "Faktencheck",
        "marker_name": "{kind} zu „{phrase}“",
        "claim": "Geprüfte Aussage",
        "sources": "Quellen",
        "source_kinds": {"primary": "Primärquelle", "news": "Nachrichtenbericht", "reference": "Nachschlagewerk",
                         "scholarly": "Forschung"},
        "translation": "Übersetzung",
        "reviewed_on": "Zuletzt geprüft am",
        "back": "Zurück zum Text",
        "permalink": "Link zu dieser Anmerkung",
        "close": "Anmerkung schließen",
        "close_short": "Schließen",
        "endnotes_title": "Anmerkungen zu diesem Abschnitt",
        "filter_legend": "Anmerkungen im Text",
        "filter_all": "alle",
        "filter_problems": "nur Probleme",
        "filter_none": "keine",
        "scale_summary": "Was die Bewertungen bedeuten",
        "translator_meaning": "Eine Anmerkung der Übersetzung zu Wortwahl oder Übertragung, keine Bewertung.",
        "full_scale": "Die Bewertungsskala mit Zahlen auf der Seite Faktenchecks",
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
        "translator_note": "Translator's note",
        "translator_marker": "Transl. note",
        "fact_check": "Fact-check",
        "marker_name": "{kind} on “{phrase}”",
        "claim": "Claim checked",
        "sources": "Sources",
        "source_kinds": {"primary": "Primary source", "news": "News report", "reference": "Reference work",
                         "scholarly": "Scholarly work"},
        "translation": "translation",
        "reviewed_on": "Last reviewed on",
        "back": "Back to the text",
        "permalink": "Link to this note",
        "close": "Close the note",
        "close_short": "Close",
        "endnotes_title": "Notes on this section",
        "filter_legend": "Notes in the text",
        "filter_all": "all",
        "filter_problems": "only problems",
        "filter_none": "none",
        "scale_summary": "What the verdicts mean",
        "translator_meaning": "A translator's note on wording or rendering, not a verdict.",
        "full_scale": "The verdict scale with counts on the Fact-checks page",
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
