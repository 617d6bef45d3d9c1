"""Reading data/annotations/*.yml into Annotation records, with every rule of the data contract.

Each broken rule is a DataError `file:line: problem; allowed: …` that an editor can act on.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import MappingProxyType

from edition.datafile import (WEB_ADDRESS, DataError, Mapping, Problems, check_keys, expect_mapping, expect_sequence,
                              RAW_HTML, load, plain_text, shown, shown_path, text_field, visible,
                              web_address_problem)
from edition.annotations import sanitise
from edition.annotations.model import (KINDS, LANGUAGES, QUOTE_LANGUAGES, REVIEWERS, SOURCE_KINDS, VERDICTS, Anchor,
                                       Annotation, Review, Source)
from edition.source_policy import check_annotation_source, refuse_blocked

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Longest text a reader is shown in a note or a summary, in characters (the longest today: 1,316 and 326).
NOTE_LIMIT = 4000
SUMMARY_LIMIT = 600

# Which fields each kind has: (required, optional), in the order EDITORS.md lists them.
FIELDS = {
    "fact-check": (("id", "kind", "verdict", "anchor", "claim", "summary", "note", "sources", "reviewed"), ()),
    "translator-note": (("id", "kind", "anchor", "note", "reviewed"), ("summary", "sources")),
}
# Which languages each kind must have for its per-language fields; the rest are optional.
REQUIRED_LANGUAGES = {
    "fact-check": {"anchor": ("de",), "claim": LANGUAGES, "summary": LANGUAGES, "note": LANGUAGES},
    "translator-note": {"anchor": ("en",), "summary": ("en",), "note": ("en",)},
}


def load_folder(folder: Path | str, problems: Problems | None = None) -> tuple[Annotation, ...]:
    """Every annotation in a folder, sorted by id; a missing or empty folder has none.

    With problems, every file's errors are collected there and the valid files returned; without,
    the errors of all files are raised together (DataErrors; str() is the first).
    """
    collected = Problems() if problems is None else problems
    folder = Path(folder)
    if not folder.is_dir():
        return ()
    for other in sorted(folder.iterdir()):
        if other.is_file() and other.suffix != ".yml" and not other.name.startswith("."):
            collected.add(DataError(shown_path(other), None, "not an annotation file name",
                                    "<id>.yml (lowercase letters, digits and hyphens, ending in .yml)"))
    annotations = []
    for path in sorted(folder.glob("*.yml")):
        with collected.each():
            annotations.append(load_file(shown_path(path)))
    if problems is None:
        collected.raise_any()
    return tuple(annotations)


def load_file(path: Path | str, today: date | None = None) -> Annotation:
    """One annotation file, checked against every rule of the data contract (see EDITORS.md).

    Every problem of the file is raised at once (DataErrors); today is the day future dates are refused after.
    """
    path = Path(path)
    today = today or date.today()
    data = expect_mapping(path, load(path), 1, "an annotation file")
    problems = Problems()
    known = FIELDS["fact-check"][0]
    for key in data:
        if key not in known:
            problems.add(DataError(path, data.line_of(key), f"unknown field {key!r}", ", ".join(known)))
    if data.get("kind") in (None, ""):
        problems.add(DataError(path, data.line_of("kind"), "missing field 'kind'", ", ".join(KINDS)))
        problems.raise_any()
    kind = _choice(path, data, "kind", KINDS)
    required, optional = FIELDS[kind]
    if kind == "translator-note":
        for key in ("verdict", "claim"):
            if key in data:
                problems.add(DataError(path, data.line_of(key), f"a translator's note has no {key!r}",
                                       ", ".join(required + optional)))
    with problems.each():
        check_keys(path, data, required, optional, reported=[key for key in data if key not in required + optional])
    languages = REQUIRED_LANGUAGES[kind]
    fields: dict = {}

    def field(name, read):
        """Read one field; its problems are collected and the rest of the file still checked."""
        if name in data and data[name] not in (None, ""):
            with problems.each():
                fields[name] = read()

    if kind == "fact-check":
        field("verdict", lambda: VERDICTS[_choice(path, data, "verdict", VERDICTS)])
    for key in ("claim", "summary", "note"):
        if key in languages:
            field(key, lambda key=key: _translations(path, data, key, languages[key]))
    field("id", lambda: _id(path, data, kind))
    field("anchor", lambda: _anchors(path, data, languages["anchor"]))
    field("sources", lambda: _sources(path, data, kind))
    field("reviewed", lambda: _review(path, data))
    for error in _text_rules(path, data, fields, today):
        problems.add(error)
    problems.raise_any()
    return Annotation(
        id=fields["id"],
        kind=kind,
        verdict=fields.get("verdict"),
        anchor=fields["anchor"],
        claim=fields.get("claim", MappingProxyType({})),
        summary=fields.get("summary", MappingProxyType({})),
        note=fields["note"],
        sources=fields.get("sources", ()),
        reviewed=fields["reviewed"],
        path=str(path),
    )


def parse_date(text: str) -> date | None:
    """A full date "YYYY-MM-DD" as a date; None for anything else."""
    match = PARTIAL_DATE.fullmatch(text)
    if not match or not match.group(3):
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


# ---- Fields ------------------------------------------------------------------------------

def _id(path: Path, data: Mapping, kind: str) -> str:
    value = text_field(path, data, "id")
    line = data.line_of("id")
    if not ID_PATTERN.fullmatch(value):
        raise DataError(path, line, f"id {value!r} is not a valid id", "lowercase letters, digits and single hyphens")
    if value != path.stem:
        raise DataError(path, line, f"id {value!r} differs from the file name {path.name!r}",
                        f"the file name without .yml ({path.stem!r}), or rename the file to {value}.yml")
    if kind == "translator-note" and not value.startswith("tn-"):
        raise DataError(path, line, f"the translator's note {value!r} must have an id starting with 'tn-'",
                        f"tn-{value} (and the file tn-{value}.yml)")
    if kind == "fact-check" and value.startswith("tn-"):
        raise DataError(path, line, f"the fact-check {value!r} has an id reserved for translator's notes",
                        "an id not starting with 'tn-'")
    return value


def _choice(path: Path, data: Mapping, key: str, choices) -> str:
    value = data[key]
    if not isinstance(value, str) or value not in choices:
        raise DataError(path, data.line_of(key), f"{key!r} is {shown(value)}", ", ".join(choices))
    return value


def _languages(path: Path, data: Mapping, key: str, required: tuple[str, ...]) -> Mapping:
    """A per-language mapping: only known languages, and every required one present."""
    value = expect_mapping(path, data[key], data.line_of(key), f"{key!r}")
    problems = Problems()
    for language in value:
        if language not in LANGUAGES:
            problems.add(DataError(path, value.line_of(language), f"unknown language {shown(language)} in {key!r}",
                                   ", ".join(LANGUAGES)))
    for language in required:
        if value.get(language) in (None, ""):
            problems.add(DataError(path, value.line_of(language) if language in value else data.line_of(key),
                                   f"{key!r} has no {language!r} translation",
                                   f"{key} with {' and '.join(required)} (required)"
                                   + (f", {', '.join(l for l in LANGUAGES if l not in required)} (optional)"
                                      if len(required) < len(LANGUAGES) else "")))
    problems.raise_any()
    return value


def _translations(path: Path, data: Mapping, key: str, required: tuple[str, ...]) -> MappingProxyType:
    value = _languages(path, data, key, required)
    return MappingProxyType({language: text_field(path, value, language).strip() for language in value
                             if value[language] is not None})


def _anchors(path: Path, data: Mapping, required: tuple[str, ...]) -> MappingProxyType:
    value = _languages(path, data, "anchor", required)
    anchors, problems = {}, Problems()
    for language in value:
        with problems.each():
            fields = expect_mapping(path, value[language], value.line_of(language), f"anchor.{language}")
            check_keys(path, fields, ["exact"], ["prefix", "suffix"])
            texts = {key: text_field(path, fields, key) for key in fields}
            if "\n" in texts["exact"] or "[^" in texts["exact"]:
                raise DataError(path, fields.line_of("exact"),
                                f"anchor.{language}.exact spans lines or a footnote marker",
                                "a phrase within one sentence, as a reader sees it (without footnote numbers)")
            anchors[language] = Anchor(texts["exact"], texts.get("prefix", ""), texts.get("suffix", ""),
                                       fields.line_of("exact"))
    problems.raise_any()
    return MappingProxyType(anchors)


def _sources(path: Path, data: Mapping, kind: str) -> tuple[Source, ...]:
    if "sources" not in data:
        return ()
    items = expect_sequence(path, data["sources"], data.line_of("sources"), "'sources'")
    if kind == "fact-check" and not items:
        raise DataError(path, data.line_of("sources"), "a fact-check needs at least one source",
                        "a list of sources, each with url, title, publisher, date (and an optional quote)")
    sources, problems = [], Problems()
    for item, line in zip(items, items.item_lines):
        with problems.each():
            sources.append(_source(path, item, line))
    problems.raise_any()
    return tuple(sources)


def _source(path: Path, item, line: int) -> Source:
    fields = expect_mapping(path, item, line, "a source")
    check_keys(path, fields, ["url", "title", "publisher", "date"],
               ["kind", "quote", "language", "quote_translation"])
    translation = _translations(path, fields, "quote_translation", ()) if "quote_translation" in fields else {}
    texts = {key: text_field(path, fields, key).strip() for key in fields if key != "quote_translation"}
    problems = Problems()
    with problems.each():
        check_annotation_source(path, fields, LANGUAGES)
    with problems.each():
        _check_url(path, fields, "url", "source url")
        refuse_blocked(path, fields.line_of("url"), texts["url"])
    if not _is_partial_date(texts["date"]):
        problems.add(DataError(path, fields.line_of("date"), f"source date {shown(texts['date'])} is not a date",
                               '"YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes'))
    for key, allowed in (("kind", SOURCE_KINDS), ("language", QUOTE_LANGUAGES)):
        if key in texts and texts[key] not in allowed:
            problems.add(DataError(path, fields.line_of(key), f"source {key} {shown(texts[key])} is not known",
                                   ", ".join(allowed)))
    for key in ("title", "publisher"):
        with problems.each():
            plain_text(path, fields, key, f"source {key}")
    problems.raise_any()
    return Source(texts["url"], texts["title"], texts["publisher"], texts["date"],
                  texts.get("quote", ""), texts.get("kind", ""), texts.get("language", ""),
                  MappingProxyType(dict(translation)))


def _review(path: Path, data: Mapping) -> Review:
    fields = expect_mapping(path, data["reviewed"], data.line_of("reviewed"), "'reviewed'")
    check_keys(path, fields, ["date", "by"])
    when = text_field(path, fields, "date")
    if parse_date(when) is None:
        raise DataError(path, fields.line_of("date"), f"reviewed.date {shown(when)} is not a date",
                        '"YYYY-MM-DD", in quotes (the day the annotation was checked against its sources)')
    if fields["by"] not in REVIEWERS:
        raise DataError(path, fields.line_of("by"), f"reviewed.by is {fields['by']!r}", ", ".join(REVIEWERS))
    return Review(when, fields["by"], fields.line_of("date"))



def _is_partial_date(text: str) -> bool:
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# ---- Rules on what readers are shown (validation of texts, dates and notes) -------------------

def _text_rules(path: Path, data: Mapping, fields: dict, today: date) -> list[DataError]:
    """Plain text where readers see text literally, summaries that agree with their verdicts, lengths,
    notes that hold nothing the allow-list refuses, and no date after today."""
    problems = Problems()
    for key in ("claim", "summary"):
        if key in fields:
            for language in fields[key]:
                with problems.each():
                    plain_text(path, data[key], language, f"{key}.{language}")
    if fields.get("verdict") and "summary" in fields:
        for error in _summary_labels(path, data["summary"], fields["summary"], fields["verdict"]):
            problems.add(error)
    for key, limit in (("summary", SUMMARY_LIMIT), ("note", NOTE_LIMIT)):
        for language, text in fields.get(key, {}).items():
            if len(text) > limit:
                problems.add(DataError(path, data[key].line_of(language),
                                       f"{key}.{language} is {len(text):,} characters long",
                                       f"at most {limit:,} characters (put the detail in the sources)"))
    for language, note in fields.get("note", {}).items():
        for error in _note_problems(path, data["note"], language, note):
            problems.add(error)
    if "reviewed" in fields and fields["reviewed"].date > today.isoformat():
        problems.add(DataError(path, fields["reviewed"].line, f"reviewed.date {shown(fields['reviewed'].date)} is "
                               "in the future", f"the day the annotation was checked: today ({today.isoformat()}) "
                               "or earlier"))
    for source, item in zip(fields.get("sources", ()), data.get("sources") or ()):
        if source.date > today.isoformat()[:len(source.date)]:
            problems.add(DataError(path, item.line_of("date"), f"source date {shown(source.date)} is in the future",
                                   f"the day the source was published: today ({today.isoformat()}) or earlier"))
    return problems.errors


def _summary_labels(path: Path, raw: Mapping, summary: MappingProxyType, verdict) -> list[DataError]:
    """Every summary opens with its verdict's label and a colon, in its own language ("Falsch: …")."""
    errors = []
    for language, text in summary.items():
        label = verdict.label[language]
        if text.startswith(label + ":"):
            continue
        other = next((v for v in VERDICTS.values() if text.startswith(v.label[language] + ":")), None)
        problem = (f"summary.{language} opens with '{other.label[language]}:' but the verdict is "
                   f"{verdict.code!r} ({label})" if other else
                   f"summary.{language} does not open with its verdict's label '{label}:'")
        errors.append(DataError(path, raw.line_of(language), problem,
                                f"'{label}: …' (the label of the verdict {verdict.code!r} and a colon)"))
    return errors


def _note_problems(path: Path, notes: Mapping, language: str, note: str) -> list[DataError]:
    """Raw HTML, and whatever else the note's allow-list would drop (images, headings, unsafe links)."""
    # Imported here: render imports this module (for the date pattern), and a note is checked by rendering it.
    from edition.annotations.render import note_html

    tag = RAW_HTML.search(note)
    if tag:
        return [DataError(path, notes.line_in(language, tag.group(0)),
                          f"note.{language} has raw HTML {shown(tag.group(0))}", sanitise.ALLOWED)]
    refused: list[tuple[str, str]] = []
    note_html(note, refused)
    return [DataError(path, notes.line_in(language, needle), f"note.{language} has {visible(what)}", sanitise.ALLOWED)
            for what, needle in refused]


def _check_url(path: Path, fields: Mapping, key: str, what: str) -> None:
    url = text_field(path, fields, key).strip()
    problem = web_address_problem(url)
    if problem:
        raise DataError(path, fields.line_of(key), f"{what} {shown(url)} {problem}", WEB_ADDRESS)
