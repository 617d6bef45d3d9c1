"""The cited sources as readers see them: archived copies with their dates, dead-link marks, the Sources page.

Reads the link ledger (data/links.json) only and never goes online; no ledger means plain links.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping
from urllib.parse import urldefrag

from babel.dates import format_date
from babel.numbers import format_percent

from edition import ledger

STATUSES = ledger.STATUSES
# Statuses a reader is warned about next to the link itself (text, not only colour or an icon).
MARKED = ("dead", "deviated", "usurped")


# ---- Records ----

@dataclass(frozen=True)
class Source:
    """What the ledger says about one cited URL, reduced to what the site shows."""

    url: str
    status: str = "unknown"
    last_check: date | None = None
    archive_url: str | None = None
    archive_date: date | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class Place:
    """Where a URL is cited: a label such as "Fußnote 3" and a link below the language root."""

    label: str
    href: str  # e.g. "article/#fn:3", relative to the language's site root
    order: tuple = ()


@dataclass(frozen=True)
class Row:
    """One line of the Sources page: a cited URL, where it is cited, and what the ledger says."""

    url: str
    places: tuple[Place, ...]
    source: Source


# ---- Reading the ledger ----

def load(path: Path | str) -> dict[str, Source]:
    """The ledger's sources by URL; a missing or empty file gives none (the site still builds).

    The ledger's own check (linkcheck.ledger.check_file) validates it, with file and line in the error.
    """
    path = Path(path)
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        return {}
    ledger.check_file(path)
    links = json.loads(path.read_text(encoding="utf-8"))["links"]
    return {url: _source(url, entry) for url, entry in links.items()}


def _source(url: str, entry: dict) -> Source:
    checks = entry.get("checks") or []
    archive = entry.get("archive") or {}
    similarity = entry.get("similarity")
    return Source(url, entry.get("status", "unknown"), _day(checks[-1]["time"]) if checks else None,
                  archive.get("url"), _day(archive["timestamp"]) if archive else None,
                  float(similarity) if similarity is not None else None)


def _day(stamp: str) -> date:
    """The day of an ISO time ("2026-11-25T10:00:00Z") or a Wayback timestamp ("20230905120000")."""
    digits = re.sub(r"\D", "", stamp)[:8]
    return datetime.strptime(digits, "%Y%m%d").date()


def lookup(sources: Mapping[str, Source], url: str) -> Source | None:
    """The source of a cited URL, also when the ledger and the page differ only in the #fragment."""
    if url in sources:
        return sources[url]
    bare = urldefrag(url).url
    return next((source for key, source in sources.items() if urldefrag(key).url == bare), None)


# ---- Words, in both languages ----

def words(language: str) -> dict[str, str]:
    return TEXTS[language]


def day(value: date | None, language: str) -> str:
    """A date as a reader writes it: "5. September 2023", "5 September 2023"."""
    return format_date(value, "long", locale=LOCALES[language]) if value else ""


def percent(value: float | None, language: str) -> str:
    return format_percent(value, locale=LOCALES[language]) if value is not None else ""


def note_context(source: Source, language: str) -> dict:
    """What the note after a cited link says: its archived copy (with date) and any warning."""
    text = words(language)
    return {
        "source": source,
        "archive_label": text["archived"].format(date=day(source.archive_date, language)) if source.archive_url else "",
        "status_label": text["status_" + source.status] if source.status in MARKED else "",
        "status_title": text["status_title_" + source.status] if source.status in MARKED else "",
        "similarity": percent(source.similarity, language) if source.status == "deviated" else "",
        "words": text,
    }


# ---- Notes after cited links ----

# An HTML link as Python-Markdown and Jinja write it: no nested links, href in double quotes.
LINK = re.compile(r'<a\b(?P<attrs>[^>]*?)\bhref="(?P<href>[^"]+)"(?P<rest>[^>]*)>.*?</a>', re.S)
# Links that are not citations: footnote references and back links, heading anchors, our own notes.
NOT_CITATIONS = re.compile(r'class="[^"]*\b(footnote-ref|footnote-backref|headerlink|source-archive|source-url)\b')
NOTE_START = '<span class="source-note'


def decorate(page_html: str, sources: Mapping[str, Source], note: Callable[[Source], str]) -> str:
    """After each link to a cited URL that has a copy or a warning, insert its note (once)."""
    if not sources:
        return page_html

    def add_note(match: re.Match) -> str:
        link = match.group(0)
        if NOT_CITATIONS.search(match.group("attrs") + match.group("rest")):
            return link
        if page_html.startswith(NOTE_START, match.end()):
            return link
        source = lookup(sources, html.unescape(match.group("href")))
        if source is None or not (source.archive_url or source.status in MARKED):
            return link
        return link + note(source)

    return LINK.sub(add_note, page_html)


# ---- The Sources page ----

def rows(cited: Iterable[tuple[str, Iterable[Place]]], sources: Mapping[str, Source]) -> list[Row]:
    """Every cited URL with its places and ledger facts, in reading order (first place first)."""
    result = []
    for url, places in cited:
        places = tuple(sorted(places, key=lambda place: place.order))
        result.append(Row(url, places, lookup(sources, url) or Source(url)))
    return sorted(result, key=lambda row: (row.places[0].order if row.places else (), row.url))


def footnote_places(footnotes: Iterable, language: str) -> list[tuple[str, list[Place]]]:
    """The author's footnotes as places: "Fußnote 3" → article/#fn:3 (same numbers in both languages)."""
    label = words(language)["footnote"]
    return [(footnote.url, [Place(label.format(number=footnote.number), f"article/#fn:{footnote.number}",
                                  (0, footnote.number))])
            for footnote in footnotes]


def annotation_places(annotations: Iterable, language: str) -> list[tuple[str, list[Place]]]:
    """The sources of the annotations shown in this language, as places: "Faktencheck: <claim>" → its note.

    `annotations` are the ones anchored in this language's article (edition.annotations.place), in
    reading order; each links to its note on the article page (#fc-<id>).
    """
    text = words(language)
    result = []
    for position, annotation in enumerate(annotations):
        if annotation.is_fact_check:
            label = text["fact_check"].format(claim=_short(annotation.claim.get(language, annotation.id)))
        else:
            label = text["translator_note"]
        place = Place(label, f"article/#{annotation.permalink}", (1, position))
        result += [(source.url, [place]) for source in annotation.sources]
    return result


def timeline_places(timelines: Iterable, pages: Mapping[str, str], language: str) -> list[tuple[str, list[Place]]]:
    """The sources of timeline entries, as places: "Zeitleiste Konflikte, 1997-06" → the entry's row.

    `pages` says which page (below the language root) shows each timeline, e.g. {"conflicts": "timeline/"};
    a timeline on no page cites nothing a reader can see.
    """
    label = words(language)["timeline"]
    result = []
    for number, timeline in enumerate(timelines):
        if timeline.name not in pages:
            continue
        for position, entry in enumerate(timeline.entries):
            place = Place(label.format(title=timeline.title[language], date=entry.when.start.iso),
                          f"{pages[timeline.name]}#{entry.id}", (2, number, position))
            result += [(source.url, [place]) for source in entry.sources]
    return result


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def merge_places(*groups: Iterable[tuple[str, Iterable[Place]]]) -> list[tuple[str, list[Place]]]:
    """One entry per URL with the places of every group (a URL cited in a footnote and an annotation)."""
    merged: dict[str, list[Place]] = {}
    for group in groups:
        for url, places in group:
            merged.setdefault(url, []).extend(places)
    return list(merged.items())


def table_context(table: list[Row], language: str, link: Callable[[str], str]) -> dict:
    """What the Sources page shows; `link` turns a path below the language root into an href."""
    text = words(language)
    counts = {status: sum(1 for row in table if row.source.status == status) for status in STATUSES}
    return {
        "rows": [{"row": row,
                  "places": [{"label": place.label, "href": link(place.href)} for place in row.places],
                  "status_label": text["status_" + row.source.status],
                  "similarity": percent(row.source.similarity, language) if row.source.status == "deviated" else "",
                  "last_check": day(row.source.last_check, language),
                  "archive_label": text["archived"].format(date=day(row.source.archive_date, language))
                  if row.source.archive_url else ""}
                 for row in table],
        "summary": text["summary"].format(total=len(table)) + ", ".join(
            f"{counts[status]} {text['count_' + status]}" for status in STATUSES if counts[status]),
        "words": text,
    }


# ---- Data tables ----

LOCALES = {"de": "de_DE", "en": "en_GB"}

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "archived": "archiviert am {date}",
        "archived_title": "Kopie im Internet Archive (Wayback Machine)",
        "footnote": "Fußnote {number}",
        "fact_check": "Faktencheck: {claim}",
        "translator_note": "Anmerkung des Übersetzers",
        "timeline": "Zeitleiste „{title}“, {date}",
        "status_live": "erreichbar",
        "status_dead": "Link tot",
        "status_deviated": "Inhalt geändert",
        "status_usurped": "Domain übernommen",
        "status_unknown": "unbekannt",
        "status_title_dead": "Die Seite war bei mehreren Prüfungen nicht erreichbar; die archivierte Kopie zeigt den zitierten Stand.",
        "status_title_deviated": "Die Seite ist erreichbar, ihr Text weicht aber stark vom zitierten Stand ab.",
        "status_title_usurped": "Die Domain gehört inzwischen jemand anderem; die archivierte Kopie zeigt den zitierten Stand.",
        "similarity": "Ähnlichkeit {value}",
        "summary": "{total} zitierte Adressen: ",
        "count_live": "erreichbar",
        "count_dead": "tot",
        "count_deviated": "mit geändertem Inhalt",
        "count_usurped": "mit übernommener Domain",
        "count_unknown": "ohne gesichertes Ergebnis",
        "col_source": "Quelle",
        "col_places": "Zitiert in",
        "col_status": "Status",
        "col_checked": "Zuletzt geprüft",
        "col_archive": "Archivkopie",
        "never": "noch nicht",
        "none": "keine",
        "caption": "Alle zitierten Adressen mit Status und archivierter Kopie",
    },
    "en": {
        "archived": "archived on {date}",
        "archived_title": "Copy in the Internet Archive (Wayback Machine)",
        "footnote": "Footnote {number}",
        "fact_check": "Fact-check: {claim}",
        "translator_note": "Translator's note",
        "timeline": "Timeline “{title}”, {date}",
        "status_live": "live",
        "status_dead": "dead link",
        "status_deviated": "content changed",
        "status_usurped": "domain taken over",
        "status_unknown": "unknown",
        "status_title_dead": "The page failed several checks; the archived copy shows it as cited.",
        "status_title_deviated": "The page loads, but its text differs widely from the text cited.",
        "status_title_usurped": "The domain now belongs to someone else; the archived copy shows the page as cited.",
        "similarity": "similarity {value}",
        "summary": "{total} cited addresses: ",
        "count_live": "live",
        "count_dead": "dead",
        "count_deviated": "with changed content",
        "count_usurped": "with a domain taken over",
        "count_unknown": "without a settled result",
        "col_source": "Source",
        "col_places": "Cited in",
        "col_status": "Status",
        "col_checked": "Last checked",
        "col_archive": "Archived copy",
        "never": "not yet",
        "none": "none",
        "caption": "Every cited address with its status and archived copy",
    },
}
