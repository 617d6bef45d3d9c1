"""The annotation records (fact-checks and translator's notes) and the closed verdict vocabulary.

Records are frozen and already validated: load.py is the one place that turns YAML into them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

LANGUAGES = ("de", "en")
KINDS = ("fact-check", "translator-note")
# What a cited source is (data: sources[].kind). Primary: the actor's own words or record (a treaty,
# an official site, a transcript); news: a news organisation's report; reference: an encyclopaedia or
# database; scholarly: peer-reviewed or institute research.
SOURCE_KINDS = ("primary", "news", "reference", "scholarly")
# The languages a quotation may be in (data: sources[].language, ISO 639-1): those of the article's sources.
QUOTE_LANGUAGES = ("de", "en", "ru", "uk", "be", "kk", "ky", "tg", "uz", "hy", "az", "ka", "fr")
# Who reviewed an annotation (data: reviewed.by), a role, as the review line names it in each language.
REVIEWERS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "editors": MappingProxyType({"de": "der Redaktion", "en": "the editors"}),
    "fact-check-desk": MappingProxyType({"de": "dem Faktencheck-Team", "en": "the fact-check desk"}),
    "translator": MappingProxyType({"de": "der Übersetzung", "en": "the translator"}),
})


@dataclass(frozen=True)
class Verdict:
    code: str
    label: Mapping[str, str]  # language → the verdict in words, as readers see it
    definition: Mapping[str, str]  # language → when editors use it


def _verdict(code: str, de: str, en: str, definition_de: str, definition_en: str) -> Verdict:
    return Verdict(code, MappingProxyType({"de": de, "en": en}),
                   MappingProxyType({"de": definition_de, "en": definition_en}))


# The order is the order of the vocabulary on the overview page and in EDITORS.md.
VERDICTS: Mapping[str, Verdict] = MappingProxyType({v.code: v for v in (
    _verdict("correct", "Richtig", "Correct",
             "Stimmt mit den Quellen überein.",
             "Matches the sources."),
    _verdict("imprecise", "Ungenau", "Imprecise",
             "Im Kern richtig, aber ein Detail (Datum, Zahl, Name, Wortlaut) stimmt nicht oder ist zu ungenau.",
             "Right in substance, but a detail (date, number, name, wording) is off or too loose."),
    _verdict("inaccurate", "Falsch", "False",
             "Im Kern falsch.",
             "Wrong in substance."),
    _verdict("outdated", "Überholt", "Outdated",
             "War im September 2023 richtig; spätere Ereignisse haben es geändert.",
             "Was right in September 2023; events since then changed it."),
    _verdict("disputed", "Umstritten", "Disputed",
             "Verlässliche Quellen widersprechen einander.",
             "Reliable sources disagree."),
    _verdict("unverifiable", "Nicht überprüfbar", "Unverifiable",
             "Die verfügbaren Quellen klären es nicht; die Anmerkung sagt, was sich finden ließ.",
             "The available sources do not settle it; the note says what was found."),
    _verdict("context", "Fehlender Kontext", "Missing context",
             "Zutreffend, aber Leserinnen und Leser brauchen mehr Zusammenhang, um es richtig zu verstehen.",
             "Accurate, but a reader needs more context to read it rightly."),
)})


@dataclass(frozen=True)
class Anchor:
    """Where an annotation attaches in one language: a phrase as a reader sees it, made unique by context."""
    exact: str
    prefix: str = ""
    suffix: str = ""
    line: int = 0  # line of `exact` in the data file, for error messages


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    publisher: str
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    quote: str = ""
    kind: str = ""  # one of SOURCE_KINDS
    language: str = ""  # the quotation's language, one of QUOTE_LANGUAGES
    # The quotation in each edition language other than its own: language → text.
    quote_translation: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Review:
    date: str  # "YYYY-MM-DD"
    by: str  # a role, one of REVIEWERS (older files: free text until re-reviewed)
    line: int = 0


@dataclass(frozen=True)
class Annotation:
    id: str
    kind: str  # one of KINDS
    verdict: Verdict | None  # fact-checks only
    anchor: Mapping[str, Anchor]  # language → anchor; a language without one does not show the annotation
    claim: Mapping[str, str]  # fact-checks only
    summary: Mapping[str, str]
    note: Mapping[str, str]  # Markdown, no raw HTML
    sources: tuple[Source, ...]
    reviewed: Review
    path: str  # the data file, for error messages

    @property
    def is_fact_check(self) -> bool:
        return self.kind == "fact-check"

    @property
    def permalink(self) -> str:
        # "fc-" keeps these apart from the author's footnotes (#fn:3) and the block ids (#p-12).
        return "fc-" + self.id
