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

from edition import languages, ledger
from edition.citations import CitedUrl

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
    """One place on the Sources page that cites URLs: a footnote, a note, a timeline entry, a page."""

    label: str
    href: str  # below this language's root, e.g. "article/#fn:3"; another language's as "../article/…"
    order: tuple
    detail: str = ""  # the verdict of a fact-check, the event of a timeline entry


@dataclass(frozen=True)
class Group:
    """A section of the Sources page: the places of one kind, each with the URLs it cites."""

    key: str  # "footnotes", "fact-checks", "translator-notes", "timeline-<name>", "pages"
    heading: str
    places: tuple[tuple[Place, tuple[CitedUrl, ...]], ...]


@dataclass(frozen=True)
class Directory:
    """What names and links each place, from the loaders (the hook gathers it once per build).

    `anchored`: the ids of the annotations anchored in this language's article, in reading order;
    `timeline_pages`: the page (below the root) that shows each timeline; `pages`: a docs file
    (docs/de/index.md) → its title and its URL below the root.
    """

    language: str
    annotations: Mapping[str, object]
    anchored: tuple[str, ...]
    timelines: Mapping[str, object]
    timeline_pages: Mapping[str, str]
    pages: Mapping[str, tuple[str, str]]


# ---- Reading the ledger ----

def load(path: Path | str) -> dict[str, Source]:
    """The ledger's sources by URL; a missing or empty file gives none (the site still builds).

    The ledger's own check (edition.ledger.check_file) validates it, with file and line in the error.
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

GROUP_ORDER = ("footnotes", "fact-checks", "translator-notes", "timeline", "pages")


def groups(cited: Iterable[CitedUrl], directory: Directory) -> list[Group]:
    """Every cited URL under each place that cites it, the places grouped by kind in reading order.

    A URL cited only by the other language's pages (a translator's note is anchored in English only)
    is listed with that place, linked into the other language, so both pages list the same URLs.
    """
    by_place: dict[tuple[str, Place], list[CitedUrl]] = {}
    for item in cited:
        for key, place in _places(item, directory):
            urls = by_place.setdefault((key, place), [])
            if item not in urls:
                urls.append(item)
    text = words(directory.language)
    result = []
    for key in sorted({key for key, _ in by_place}, key=_group_order(directory)):
        places = sorted(((place, tuple(urls)) for (group, place), urls in by_place.items() if group == key),
                        key=lambda pair: pair[0].order)
        if key.startswith("timeline-"):
            heading = text["group_timeline"].format(title=directory.timelines[key[9:]].title[directory.language])
        else:
            heading = text["group_" + key]
        result.append(Group(key, heading, tuple(places)))
    return result


def _group_order(directory: Directory):
    names = list(directory.timelines)
    return lambda key: ((GROUP_ORDER.index("timeline"), names.index(key[9:])) if key.startswith("timeline-")
                        else (GROUP_ORDER.index(key), 0))


def _places(item: CitedUrl, directory: Directory) -> list[tuple[str, Place]]:
    """The places of one URL in this language; the other language's only where this one has none."""
    language, text = directory.language, words(directory.language)
    ours = [c for c in item.citations if c.language in ("", language)]
    pages = [c for c in item.citations if c.language and c.kind in ("footnote", "page")]
    if not any(c.language == language for c in pages):
        ours += pages  # cited on the other language's pages only
    result = []
    for citation in ours:
        if citation.kind == "footnote":
            number = int(citation.id) if citation.id.isdigit() else 0
            result.append(("footnotes", Place(text["footnote"].format(number=citation.id),
                                              _href(f"article/#fn:{citation.id}", citation.language, language),
                                              (number, citation.id))))
        elif citation.kind == "page":
            title, url = directory.pages.get(citation.file, (citation.file, ""))
            result.append(("pages", Place(title, _href(url, citation.language, language),
                                          (citation.file,))))
        elif citation.kind == "annotation":
            result.append(_annotation_place(citation.id, directory))
        elif citation.kind == "timeline":
            result.append(_timeline_place(Path(citation.file).stem, citation.id, directory))
    return result


def _annotation_place(annotation_id: str, directory: Directory) -> tuple[str, Place]:
    language, text = directory.language, words(directory.language)
    annotation = directory.annotations[annotation_id]
    shown_in = language if annotation_id in directory.anchored else next(iter(annotation.anchor), language)
    order = directory.anchored.index(annotation_id) if annotation_id in directory.anchored else len(directory.anchored)
    href = _href(f"article/#{annotation.permalink}", shown_in, language)
    if annotation.is_fact_check:
        claim = annotation.claim.get(language) or next(iter(annotation.claim.values()))
        return "fact-checks", Place(_short(claim), href, (order, annotation_id), annotation.verdict.label[language])
    phrase = annotation.anchor[shown_in].exact
    label = text["translator_note"].format(phrase=_short(phrase))
    if shown_in != language:
        label += " " + text["in_other_language"]
    return "translator-notes", Place(label, href, (order, annotation_id))


def _timeline_place(name: str, entry_id: str, directory: Directory) -> tuple[str, Place]:
    language = directory.language
    timeline = directory.timelines[name]
    position, entry = next((number, entry) for number, entry in enumerate(timeline.entries) if entry.id == entry_id)
    page = directory.timeline_pages.get(name)
    href = f"{page}#{entry.id}" if page is not None else ""
    return "timeline-" + name, Place(partial_day(entry.when.start.iso, language), href, (position,),
                                     _short(entry.text[language], 90))


def _href(path: str, cited_in: str, language: str) -> str:
    """A path below `cited_in`'s root, as a path below `language`'s root."""
    if cited_in in ("", language):
        return path
    ours, theirs = languages.language(language).root, languages.language(cited_in).root
    return "../" * ours.count("/") + theirs + path


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def partial_day(iso: str, language: str) -> str:
    """A data date at the precision given: "28. August 2012", "Juni 2012", "2012"."""
    if not iso:
        return ""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 3:
        return day(date(*parts), language)
    if len(parts) == 2:
        return format_date(date(parts[0], parts[1], 1), "LLLL y", locale=LOCALES[language])
    return str(parts[0])


def page_context(cited: list[CitedUrl], sources: Mapping[str, Source], directory: Directory,
                 link: Callable[[str], str]) -> dict:
    """What the Sources page shows; `link` turns a path below the language root into an href.

    A status appears only where the ledger holds a check; until the first check one line says when it runs.
    """
    language = directory.language
    text = words(language)
    facts = {item.url: _facts(item, lookup(sources, item.url), language) for item in cited}
    checked = [fact for fact in facts.values() if fact["status_label"]]
    counts = {status: sum(1 for fact in checked if fact["status"] == status) for status in STATUSES}
    sections = groups(cited, directory)
    return {
        "count": len(cited),
        "summary": text["summary"].format(total=len(cited), places=sum(len(group.places) for group in sections)),
        "checked": text["checked"].format(total=len(checked)) + ", ".join(
            f"{counts[status]} {text['count_' + status]}" for status in STATUSES if counts[status])
        if checked else "",
        "first_check": "" if checked else text["first_check"],
        "groups": [{"group": group,
                    "places": [{"place": place, "href": link(place.href) if place.href else "",
                                "urls": [facts[item.url] for item in urls]}
                               for place, urls in group.places]}
                   for group in sections],
        "words": text,
    }


def _facts(item: CitedUrl, source: Source | None, language: str) -> dict:
    """One URL as a line of the page: title, publisher and date where the data has them; ledger facts if any."""
    text = words(language)
    has_check = source is not None and source.last_check is not None
    return {
        "url": item.url,
        "title": item.title,
        "publisher": item.publisher,
        "date": partial_day(item.date, language),
        "status": source.status if has_check else "",
        "status_label": text["status_" + source.status] if has_check else "",
        "similarity": percent(source.similarity, language) if has_check and source.status == "deviated" else "",
        "last_check": text["checked_on"].format(date=day(source.last_check, language)) if has_check else "",
        "archive_url": source.archive_url if source else None,
        "archive_label": text["archived"].format(date=day(source.archive_date, language))
        if source and source.archive_url else "",
    }


# ---- Data tables ----

LOCALES = {"de": "de_DE", "en": "en_GB"}

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "archived": "archiviert am {date}",
        "archived_title": "Kopie im Internet Archive (Wayback Machine)",
        "footnote": "Fußnote {number}",
        "status_live": "erreichbar",
        "status_dead": "Link tot",
        "status_deviated": "Inhalt geändert",
        "status_usurped": "Domain übernommen",
        "status_unknown": "unbekannt",
        "status_title_dead": "Die Seite war bei mehreren Prüfungen nicht erreichbar; die archivierte Kopie zeigt den zitierten Stand.",
        "status_title_deviated": "Die Seite ist erreichbar, ihr Text weicht aber stark vom zitierten Stand ab.",
        "status_title_usurped": "Die Domain gehört inzwischen jemand anderem; die archivierte Kopie zeigt den zitierten Stand.",
        "similarity": "Ähnlichkeit {value}",
        "summary": "{total} zitierte Adressen an {places} Stellen.",
        "checked": "Geprüft: {total} – ",
        "checked_on": "geprüft am {date}",
        "first_check": "Noch ist keine Adresse geprüft: Die erste Prüfung läuft mit der wöchentlichen "
                       "Linkprüfung (montags); danach steht hier bei jeder Adresse ihr Status.",
        "count_live": "erreichbar",
        "count_dead": "tot",
        "count_deviated": "mit geändertem Inhalt",
        "count_usurped": "mit übernommener Domain",
        "count_unknown": "ohne gesichertes Ergebnis",
        "group_footnotes": "Fußnoten der Analyse",
        "group_fact-checks": "Faktenchecks",
        "group_translator-notes": "Anmerkungen des Übersetzers",
        "group_timeline": "Zeitleiste „{title}“",
        "group_pages": "Seiten dieser Edition",
        "translator_note": "zu „{phrase}“",
        "in_other_language": "(englische Ausgabe)",
    },
    "en": {
        "archived": "archived on {date}",
        "archived_title": "Copy in the Internet Archive (Wayback Machine)",
        "footnote": "Footnote {number}",
        "status_live": "live",
        "status_dead": "dead link",
        "status_deviated": "content changed",
        "status_usurped": "domain taken over",
        "status_unknown": "unknown",
        "status_title_dead": "The page failed several checks; the archived copy shows it as cited.",
        "status_title_deviated": "The page loads, but its text differs widely from the text cited.",
        "status_title_usurped": "The domain now belongs to someone else; the archived copy shows the page as cited.",
        "similarity": "similarity {value}",
        "summary": "{total} cited addresses in {places} places.",
        "checked": "Checked: {total} – ",
        "checked_on": "checked on {date}",
        "first_check": "No address has been checked yet: the first check runs with the weekly link check "
                       "(on Mondays); after it, each address shows its status here.",
        "count_live": "live",
        "count_dead": "dead",
        "count_deviated": "with changed content",
        "count_usurped": "with a domain taken over",
        "count_unknown": "without a settled result",
        "group_footnotes": "The analysis' footnotes",
        "group_fact-checks": "Fact-checks",
        "group_translator-notes": "Translator's notes",
        "group_timeline": "Timeline “{title}”",
        "group_pages": "Pages of this edition",
        "translator_note": "on “{phrase}”",
        "in_other_language": "",
    },
}
