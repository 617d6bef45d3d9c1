"""Reading and validating data/timelines/*.yml: every mistake an editor can make fails with file:line.

A file holds `title`, optional `intro` and `entries`; what an entry may hold depends on the timeline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from babel import Locale

from edition import datafile
from edition.annotations.model import SOURCE_KINDS
from edition.datafile import WEB_ADDRESS, DataError, Mapping, Problems, plain_text, shown, web_address_problem
from edition.source_policy import refuse_blocked
from edition.timelines import dates, membership
from edition.timelines.labels import KINDS
from edition.timelines.model import LANGUAGES, Entry, Source, Text, Timeline

COMMON_FIELDS = ("date", "text", "states", "sources")
OPTIONAL_FIELDS = ("paragraphs", "annotations")
# `kind` says what the source is, as in annotations: one of SOURCE_KINDS.
SOURCE_FIELDS = ("url", "title", "publisher", "date", "kind")
# CLDR regions with two-letter codes that are not states: unions and groupings (EU, EZ, UN), "unknown" (ZZ),
# outlying territories (QO) and ISO's exceptionally reserved codes (AC, CP, DG, EA, IC, TA), pseudo-locales.
NOT_STATES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "AC", "CP", "DG", "EA", "IC", "TA", "XA", "XB"})
# ISO 3166 alpha-2 codes of states as Babel (CLDR) names them; numeric region codes such as "150" are not states.
STATE_CODES = frozenset(code for code in Locale("en").territories
                        if len(code) == 2 and code.isalpha() and code not in NOT_STATES)


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
    """Read one timeline file; every problem in it is raised at once (DataErrors; str() is the first)."""
    path = Path(path)
    name = path.stem
    paragraph_ids, annotation_ids = set(paragraph_ids), set(annotation_ids)
    document = datafile.expect_mapping(path, datafile.load(path), 1, "the file")
    problems = Problems()
    with problems.each():
        datafile.check_keys(path, document, ["title", "entries"], ["intro"])
    title = intro = None
    with problems.each():
        title = _text(path, document, "title")
    if "intro" in document:
        with problems.each():
            intro = _text(path, document, "intro")
    schema = SCHEMAS.get(name, Schema())
    entries = []
    with problems.each():
        items = datafile.expect_sequence(path, document.get("entries"), document.line_of("entries"), "'entries'")
        for item, line in zip(items, items.item_lines):
            with problems.each():
                entries.append(_entry(path, name, schema, item, line, paragraph_ids, annotation_ids))
    problems.raise_any()
    entries.sort(key=lambda entry: entry.when.sort_key())
    return Timeline(name, title, tuple(_with_ids(name, entries)), path, intro)


def load_all(directory: Path | str, paragraph_ids: Iterable[str],
             annotation_ids: Iterable[str] = ()) -> dict[str, Timeline]:
    """Every timeline in a folder, by name; membership periods are checked too; every file's problems at once."""
    paragraph_ids, annotation_ids = set(paragraph_ids), set(annotation_ids)
    problems = Problems()
    timelines = {}
    for path in sorted(Path(directory).glob("*.yml")):
        with problems.each():
            timelines[path.stem] = load(datafile.shown_path(path), paragraph_ids, annotation_ids)
    if "membership" in timelines:
        with problems.each():
            membership.periods(timelines["membership"])
    problems.raise_any()
    return timelines


# ---- One entry --------------------------------------------------------------------------

def _entry(path: Path, name: str, schema: Schema, item, line: int, paragraph_ids: set[str],
           annotation_ids: set[str]) -> Entry:
    entry = datafile.expect_mapping(path, item, line, "each entry")
    datafile.check_keys(path, entry, COMMON_FIELDS + schema.required, OPTIONAL_FIELDS + schema.optional)
    kinds = KINDS.get(name, {})
    problems = Problems()
    fields: dict = {}

    def field(key: str, read) -> None:
        with problems.each():
            fields[key] = read()

    field("when", lambda: _when(path, entry))
    field("text", lambda: _text(path, entry, "text"))
    field("states", lambda: _states(path, entry))
    field("sources", lambda: _sources(path, entry))
    field("paragraphs", lambda: _paragraph_ids(path, entry, paragraph_ids))
    field("annotations", lambda: _ids(path, entry, "annotations", annotation_ids,
                                      "the name of a file in data/annotations/ without .yml"))
    field("kind", lambda: datafile.choice_field(path, entry, "kind", kinds) if "kind" in schema.required else None)
    field("name", lambda: _text(path, entry, "name") if "name" in schema.required else None)
    field("response", lambda: _text(path, entry, "response") if "response" in schema.required else None)
    field("acting", lambda: _flag(path, entry, "acting"))
    field("cancelled", lambda: _flag(path, entry, "cancelled"))
    problems.raise_any()
    return Entry(id="", line=entry.line, **fields)


def _when(path: Path, entry: Mapping):
    try:
        return dates.parse_when(datafile.text_field(path, entry, "date"))
    except ValueError as error:
        raise DataError(path, entry.line_of("date"), f"'date': {error}", dates.ALLOWED) from None


def _text(path: Path, mapping: Mapping, key: str) -> Text:
    """A field with one plain text per language; a missing translation names the language."""
    value = datafile.expect_mapping(path, mapping[key], mapping.line_of(key), f"{key!r}")
    datafile.check_keys(path, value, [], LANGUAGES)
    problems = Problems()
    for language in LANGUAGES:
        if not isinstance(value.get(language), str) or not value[language].strip():
            problems.add(DataError(path, value.line_of(language), f"{key!r} has no {language!r} text",
                                   f"one text per language: {', '.join(LANGUAGES)}"))
        else:
            with problems.each():
                plain_text(path, value, language, f"{key}.{language}")
    problems.raise_any()
    return Text(*(value[language].strip() for language in LANGUAGES))


def _states(path: Path, entry: Mapping) -> tuple[str, ...]:
    states = datafile.expect_sequence(path, entry["states"], entry.line_of("states"), "'states'")
    problems = Problems()
    for state, line in zip(states, states.item_lines):
        if state in NOT_STATES:
            problems.add(DataError(path, line, f"{shown(state)} is not a state but a union, grouping or region",
                                   "the ISO 3166 alpha-2 codes of the states concerned, e.g. AM, BY, KZ, RU"))
        elif state not in STATE_CODES:
            problems.add(DataError(path, line, f"unknown state code {shown(state)}",
                                   "an ISO 3166 alpha-2 code in capitals, e.g. AM, AZ, BY, GE, KZ, KG, RU, TJ, UZ"))
    problems.raise_any()
    return tuple(states)


def _sources(path: Path, entry: Mapping) -> tuple[Source, ...]:
    items = datafile.expect_sequence(path, entry["sources"], entry.line_of("sources"), "'sources'")
    if not items:
        raise DataError(path, entry.line_of("sources"), "an entry without a source",
                        "at least one source with url, title, publisher, date")
    sources, problems = [], Problems()
    for item, line in zip(items, items.item_lines):
        with problems.each():
            sources.append(_source(path, item, line))
    problems.raise_any()
    return tuple(sources)


def _source(path: Path, item, line: int) -> Source:
    source = datafile.expect_mapping(path, item, line, "each source")
    datafile.check_keys(path, source, SOURCE_FIELDS)
    problems = Problems()
    url = datafile.text_field(path, source, "url")
    problem = web_address_problem(url)
    if problem:
        problems.add(DataError(path, source.line_of("url"), f"'url' {shown(url)} {problem}", WEB_ADDRESS))
    else:
        with problems.each():
            refuse_blocked(path, source.line_of("url"), url)
    kind = ""
    with problems.each():
        kind = datafile.choice_field(path, source, "kind", SOURCE_KINDS)
    date = None
    try:
        date = dates.parse_date(datafile.text_field(path, source, "date"))
    except ValueError as error:
        problems.add(DataError(path, source.line_of("date"), f"source 'date': {error}",
                               '"YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes'))
    with problems.each():
        plain_text(path, source, "title", "source title")
    problems.raise_any()
    return Source(url, source["title"], datafile.text_field(path, source, "publisher"), date, kind)


def _ids(path: Path, entry: Mapping, key: str, known: set[str], allowed: str) -> tuple[str, ...]:
    if key not in entry:
        return ()
    items = datafile.expect_sequence(path, entry[key], entry.line_of(key), f"{key!r}")
    problems = Problems()
    for item, line in zip(items, items.item_lines):
        if item not in known:
            problems.add(DataError(path, line, f"unknown {key[:-1]} id {shown(item)}", allowed))
    problems.raise_any()
    return tuple(items)


def _paragraph_ids(path: Path, entry: Mapping, known: set[str]) -> tuple[str, ...]:
    """Paragraph ids of the German article; a key point, heading or summary id is named as what it is."""
    if "paragraphs" not in entry:
        return ()
    numbers = sorted(int(known_id.split("-")[1]) for known_id in known)
    allowed = (f"a paragraph id of docs/de/article.md, p-{numbers[0]} … p-{numbers[-1]}" if numbers
               else "a paragraph id of docs/de/article.md")
    items = datafile.expect_sequence(path, entry["paragraphs"], entry.line_of("paragraphs"), "'paragraphs'")
    problems = Problems()
    for item, line in zip(items, items.item_lines):
        if item in known:
            continue
        other = isinstance(item, str) and re.fullmatch(r"([khs])-\d+", item)
        problem = (f"{item} is the id of a {BLOCK_KINDS[other.group(1)]}, not of a paragraph" if other
                   else f"unknown paragraph id {shown(item)}")
        problems.add(DataError(path, line, problem, allowed))
    problems.raise_any()
    return tuple(items)


BLOCK_KINDS = {"k": "key point", "h": "heading", "s": "summary paragraph"}


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

