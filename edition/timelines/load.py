"""Reading and validating data/timelines/*.yml: every mistake an editor can make fails with file:line.

A file holds `title`, optional `intro` and `entries`; what an entry may hold depends on the timeline.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from babel import Locale

from edition import datafile
from edition.annotations.model import SOURCE_KINDS
from edition.datafile import DataError, Mapping
from edition.source_policy import refuse_blocked
from edition.timelines import dates, membership
from edition.timelines.labels import KINDS
from edition.timelines.model import LANGUAGES, Entry, Source, Text, Timeline

COMMON_FIELDS = ("date", "text", "states", "sources")
OPTIONAL_FIELDS = ("paragraphs", "annotations")
SOURCE_FIELDS = ("url", "title", "publisher", "date")
OPTIONAL_SOURCE_FIELDS = ("kind",)  # what the source is, as in annotations: one of SOURCE_KINDS
# ISO 3166 alpha-2 codes as Babel (CLDR) names them; numeric region codes such as "150" are not states.
STATE_CODES = frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())


@dataclass(frozen=True)
class Schema:
    """The fields a timeline's entries have beyond the common ones."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


# Timelines with fields of their own; any other file in data/timelines/ uses the common fields only.
SCHEMAS: dict[str, Schema] = {
    "membership": Schema(required=("kind",)),
    "leaders": Schema(required=("kind", "name"), optional=("acting",)),
    "conflicts": Schema(required=("response",)),
    "exercises": Schema(required=("kind",), optional=("cancelled",)),
}


def load(path: Path | str, paragraph_ids: Iterable[str], annotation_ids: Iterable[str] = ()) -> Timeline:
    """Read one timeline file; raise DataError at the first problem."""
    path = Path(path)
    name = path.stem
    paragraph_ids, annotation_ids = set(paragraph_ids), set(annotation_ids)
    document = datafile.expect_mapping(path, datafile.load(path), 1, "the file")
    datafile.check_keys(path, document, ["title", "entries"], ["intro"])
    title = _text(path, document, "title")
    intro = _text(path, document, "intro") if "intro" in document else None
    items = datafile.expect_sequence(path, document["entries"], document.line_of("entries"), "'entries'")
    schema = SCHEMAS.get(name, Schema())
    entries = [_entry(path, name, schema, item, line, paragraph_ids, annotation_ids)
               for item, line in zip(items, items.item_lines)]
    entries.sort(key=lambda entry: entry.when.sort_key())
    return Timeline(name, title, tuple(_with_ids(name, entries)), path, intro)


def load_all(directory: Path | str, paragraph_ids: Iterable[str],
             annotation_ids: Iterable[str] = ()) -> dict[str, Timeline]:
    """Every timeline in a folder, by name; membership periods are checked too."""
    paragraph_ids, annotation_ids = set(paragraph_ids), set(annotation_ids)
    timelines = {path.stem: load(datafile.shown_path(path), paragraph_ids, annotation_ids)
                 for path in sorted(Path(directory).glob("*.yml"))}
    if "membership" in timelines:
        membership.periods(timelines["membership"])
    return timelines


# ---- One entry --------------------------------------------------------------------------

def _entry(path: Path, name: str, schema: Schema, item, line: int, paragraph_ids: set[str],
           annotation_ids: set[str]) -> Entry:
    entry = datafile.expect_mapping(path, item, line, "each entry")
    datafile.check_keys(path, entry, COMMON_FIELDS + schema.required, OPTIONAL_FIELDS + schema.optional)
    try:
        when = dates.parse_when(datafile.text_field(path, entry, "date"))
    except ValueError as error:
        raise DataError(path, entry.line_of("date"), f"'date': {error}", dates.ALLOWED) from None
    kinds = KINDS.get(name, {})
    return Entry(
        id="",
        when=when,
        text=_text(path, entry, "text"),
        states=_states(path, entry),
        sources=_sources(path, entry),
        paragraphs=_ids(path, entry, "paragraphs", paragraph_ids, "a paragraph id of docs/de/article.md (p-1 … p-47, k-1 …)"),
        annotations=_ids(path, entry, "annotations", annotation_ids, "the name of a file in data/annotations/ without .yml"),
        kind=datafile.choice_field(path, entry, "kind", kinds) if "kind" in schema.required else None,
        name=_text(path, entry, "name") if "name" in schema.required else None,
        response=_text(path, entry, "response") if "response" in schema.required else None,
        acting=_flag(path, entry, "acting"),
        cancelled=_flag(path, entry, "cancelled"),
        line=entry.line,
    )


def _text(path: Path, mapping: Mapping, key: str) -> Text:
    """A field with one text per language; a missing translation names the language."""
    value = datafile.expect_mapping(path, mapping[key], mapping.line_of(key), f"{key!r}")
    datafile.check_keys(path, value, [], LANGUAGES)
    for language in LANGUAGES:
        if not isinstance(value.get(language), str) or not value[language].strip():
            raise DataError(path, value.line, f"{key!r} has no {language!r} text",
                            f"one text per language: {', '.join(LANGUAGES)}")
    return Text(*(value[language].strip() for language in LANGUAGES))


def _states(path: Path, entry: Mapping) -> tuple[str, ...]:
    states = datafile.expect_sequence(path, entry["states"], entry.line_of("states"), "'states'")
    for state, line in zip(states, states.item_lines):
        if state not in STATE_CODES:
            raise DataError(path, line, f"unknown state code {state!r}",
                            "an ISO 3166 alpha-2 code in capitals, e.g. AM, AZ, BY, GE, KZ, KG, RU, TJ, UZ")
    return tuple(states)


def _sources(path: Path, entry: Mapping) -> tuple[Source, ...]:
    items = datafile.expect_sequence(path, entry["sources"], entry.line_of("sources"), "'sources'")
    if not items:
        raise DataError(path, entry.line_of("sources"), "an entry without a source",
                        "at least one source with url, title, publisher, date")
    sources = []
    for item, line in zip(items, items.item_lines):
        source = datafile.expect_mapping(path, item, line, "each source")
        datafile.check_keys(path, source, SOURCE_FIELDS, OPTIONAL_SOURCE_FIELDS)
        url = datafile.text_field(path, source, "url")
        if not url.startswith(("https://", "http://")):
            raise DataError(path, source.line_of("url"), f"'url' {url!r} is not a web address",
                            "an address starting with https:// or http://")
        refuse_blocked(path, source.line_of("url"), url)
        try:
            date = dates.parse_date(datafile.text_field(path, source, "date"))
        except ValueError as error:
            raise DataError(path, source.line_of("date"), f"source 'date': {error}",
                            '"YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes') from None
        kind = datafile.choice_field(path, source, "kind", SOURCE_KINDS) if "kind" in source else ""
        sources.append(Source(url, datafile.text_field(path, source, "title"),
                              datafile.text_field(path, source, "publisher"), date, kind))
    return tuple(sources)


def _ids(path: Path, entry: Mapping, key: str, known: set[str], allowed: str) -> tuple[str, ...]:
    if key not in entry:
        return ()
    items = datafile.expect_sequence(path, entry[key], entry.line_of(key), f"{key!r}")
    for item, line in zip(items, items.item_lines):
        if item not in known:
            raise DataError(path, line, f"unknown {key[:-1]} id {item!r}", allowed)
    return tuple(items)


def _flag(path: Path, entry: Mapping, key: str) -> bool:
    if key not in entry:
        return False
    if not isinstance(entry[key], bool):
        raise DataError(path, entry.line_of(key), f"{key!r} must be true or false", "true, false")
    return entry[key]


def _with_ids(name: str, entries: list[Entry]) -> list[Entry]:
    """Anchors from the start date, so a link survives entries added elsewhere in the file."""
    seen: dict[str, int] = {}
    result = []
    for entry in entries:
        base = f"{name}-{entry.when.start.iso}"
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
        result.append(replace(entry, id=anchor))
    return result

