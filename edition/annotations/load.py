"""Reading data/annotations/*.yml into Annotation records, with every rule of the data contract.

Each broken rule is a DataError `file:line: problem; allowed: …` that an editor can act on.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import MappingProxyType

from edition.datafile import (DataError, Mapping, check_keys, expect_mapping, expect_sequence, load, shown_path,
                              text_field)
from edition.annotations.model import (KINDS, LANGUAGES, QUOTE_LANGUAGES, REVIEWERS, SOURCE_KINDS, VERDICTS, Anchor,
                                       Annotation, Review, Source)
from edition.source_policy import check_annotation_source, refuse_blocked

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# An HTML tag or comment; Markdown autolinks such as <https://…> are not tags and stay allowed.
_RAW_HTML = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>")

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


def load_folder(folder: Path | str) -> tuple[Annotation, ...]:
    """Every annotation in a folder, sorted by id; a missing or empty folder has none."""
    folder = Path(folder)
    if not folder.is_dir():
        return ()
    for other in sorted(folder.iterdir()):
        if other.is_file() and other.suffix != ".yml" and not other.name.startswith("."):
            raise DataError(other, None, "not an annotation file name",
                            "<id>.yml (lowercase letters, digits and hyphens, ending in .yml)")
    return tuple(load_file(shown_path(path)) for path in sorted(folder.glob("*.yml")))


def load_file(path: Path | str) -> Annotation:
    """One annotation file, checked against every rule of the data contract (see EDITORS.md)."""
    path = Path(path)
    data = expect_mapping(path, load(path), 1, "an annotation file")
    known = FIELDS["fact-check"][0]
    for key in data:
        if key not in known:
            raise DataError(path, data.line_of(key), f"unknown field {key!r}", ", ".join(known))
    if data.get("kind") in (None, ""):
        raise DataError(path, data.line, "missing field 'kind'", ", ".join(KINDS))
    kind = _choice(path, data, "kind", KINDS)
    required, optional = FIELDS[kind]
    if kind == "translator-note":
        for key in ("verdict", "claim"):
            if key in data:
                raise DataError(path, data.line_of(key), f"a translator's note has no {key!r}",
                                ", ".join(required + optional))
    check_keys(path, data, required, optional)
    languages = REQUIRED_LANGUAGES[kind]
    verdict = VERDICTS[_choice(path, data, "verdict", VERDICTS)] if kind == "fact-check" else None
    texts = {key: _translations(path, data, key, languages[key])
             for key in ("claim", "summary", "note") if key in data}
    for language, note in texts["note"].items():
        _refuse_html(path, data["note"], language, note)
    return Annotation(
        id=_id(path, data, kind),
        kind=kind,
        verdict=verdict,
        anchor=_anchors(path, data, languages["anchor"]),
        claim=texts.get("claim", MappingProxyType({})),
        summary=texts.get("summary", MappingProxyType({})),
        note=texts["note"],
        sources=_sources(path, data, kind),
        reviewed=_review(path, data),
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
        raise DataError(path, data.line_of(key), f"{key!r} is {value!r}", ", ".join(choices))
    return value


def _languages(path: Path, data: Mapping, key: str, required: tuple[str, ...]) -> Mapping:
    """A per-language mapping: only known languages, and every required one present."""
    value = expect_mapping(path, data[key], data.line_of(key), f"{key!r}")
    for language in value:
        if language not in LANGUAGES:
            raise DataError(path, value.line_of(language), f"unknown language {language!r} in {key!r}",
                            ", ".join(LANGUAGES))
    for language in required:
        if value.get(language) in (None, ""):
            raise DataError(path, data.line_of(key), f"{key!r} has no {language!r} translation",
                            f"{key} with {' and '.join(required)} (required)"
                            + (f", {', '.join(l for l in LANGUAGES if l not in required)} (optional)"
                               if len(required) < len(LANGUAGES) else ""))
    return value


def _translations(path: Path, data: Mapping, key: str, required: tuple[str, ...]) -> MappingProxyType:
    value = _languages(path, data, key, required)
    return MappingProxyType({language: text_field(path, value, language).strip() for language in value})


def _anchors(path: Path, data: Mapping, required: tuple[str, ...]) -> MappingProxyType:
    value = _languages(path, data, "anchor", required)
    anchors = {}
    for language in value:
        fields = expect_mapping(path, value[language], value.line_of(language), f"anchor.{language}")
        check_keys(path, fields, ["exact"], ["prefix", "suffix"])
        texts = {key: text_field(path, fields, key) for key in fields}
        if "\n" in texts["exact"] or "[^" in texts["exact"]:
            raise DataError(path, fields.line_of("exact"), f"anchor.{language}.exact spans lines or a footnote marker",
                            "a phrase within one sentence, as a reader sees it (without footnote numbers)")
        anchors[language] = Anchor(texts["exact"], texts.get("prefix", ""), texts.get("suffix", ""),
                                   fields.line_of("exact"))
    return MappingProxyType(anchors)


def _sources(path: Path, data: Mapping, kind: str) -> tuple[Source, ...]:
    if "sources" not in data:
        return ()
    items = expect_sequence(path, data["sources"], data.line_of("sources"), "'sources'")
    if kind == "fact-check" and not items:
        raise DataError(path, data.line_of("sources"), "a fact-check needs at least one source",
                        "a list of sources, each with url, title, publisher, date (and an optional quote)")
    sources = []
    for item, line in zip(items, items.item_lines):
        fields = expect_mapping(path, item, line, "a source")
        check_keys(path, fields, ["url", "title", "publisher", "date"],
                   ["kind", "quote", "language", "quote_translation"])
        check_annotation_source(path, fields, LANGUAGES)
        translation = _translations(path, fields, "quote_translation", ()) if "quote_translation" in fields else {}
        texts = {key: text_field(path, fields, key).strip() for key in fields if key != "quote_translation"}
        if not re.match(r"https?://\S+$", texts["url"]):
            raise DataError(path, fields.line_of("url"), f"source url {texts['url']!r} is not a web address",
                            "a full address starting with https:// or http://")
        refuse_blocked(path, fields.line_of("url"), texts["url"])
        if not _is_partial_date(texts["date"]):
            raise DataError(path, fields.line_of("date"), f"source date {texts['date']!r} is not a date",
                            '"YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes')
        for key, allowed in (("kind", SOURCE_KINDS), ("language", QUOTE_LANGUAGES)):
            if key in texts and texts[key] not in allowed:
                raise DataError(path, fields.line_of(key), f"source {key} {texts[key]!r} is not known",
                                ", ".join(allowed))
        sources.append(Source(texts["url"], texts["title"], texts["publisher"], texts["date"],
                              texts.get("quote", ""), texts.get("kind", ""), texts.get("language", ""),
                              MappingProxyType(dict(translation))))
    return tuple(sources)


def _review(path: Path, data: Mapping) -> Review:
    fields = expect_mapping(path, data["reviewed"], data.line_of("reviewed"), "'reviewed'")
    check_keys(path, fields, ["date", "by"])
    when = text_field(path, fields, "date")
    if parse_date(when) is None:
        raise DataError(path, fields.line_of("date"), f"reviewed.date {when!r} is not a date",
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


def _refuse_html(path: Path, notes: Mapping, language: str, note: str) -> None:
    tag = _RAW_HTML.search(note)
    if tag:
        # A block scalar (note: |) starts on the line after its key; point at the offending line.
        raw = notes[language]
        offset = raw.find(tag.group(0))
        line = notes.line_of(language) + (1 + raw[:offset].count("\n") if "\n" in raw.rstrip("\n") else 0)
        raise DataError(path, line, f"raw HTML {tag.group(0)!r} in note.{language}",
                        "Markdown only: *emphasis*, **strong**, [text](https://…), lists")
