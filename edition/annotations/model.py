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
QUOTE_LANGUAGES = ("de", "en", "ru", "uk", "be", "kk", "ky", "tg", "uz", "hy", "az", "ka", "fr", "it")
# Who reviewed an annotation (data: reviewed.by), a role, as the review line ends in each language
# ("Zuletzt geprüft am 4. Dezember 2026 vom Faktencheck-Team").
REVIEWERS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "editors": MappingProxyType({"de": "von der Redaktion", "en": "by the editors"}),
    "fact-check-desk": MappingProxyType({"de": "vom Faktencheck-Team", "en": "by the fact-check desk"}),
    "translator": MappingProxyType({"de": "von der Übersetzung", "en": "by the translator"}),
})


@dataclass(frozen=True)
class Verdict:
    code: str
    label: Mapping[str, str]  # language → the verdict in words, as readers see it
    definition: Mapping[str, str]  # language → the rule: when editors use it
    question: Mapping[str, str]  # language → the decision question an editor answers "yes" to
    examples: tuple[Example, ...]  # cases from this article, each the annotation that shows it (or none)


@dataclass(frozen=True)
class Example:
    annotation: str  # the id of the annotation that shows the case ("" for a counter-example from outside)
    text: Mapping[str, str]  # language → the case in one phrase


def _verdict(code: str, label: tuple[str, str], definition: tuple[str, str], question: tuple[str, str],
             *examples: tuple[str, str, str]) -> Verdict:
    def both(pair) -> Mapping[str, str]:
        return MappingProxyType(dict(zip(LANGUAGES, pair)))
    return Verdict(code, both(label), both(definition), both(question),
                   tuple(Example(annotation, both((de, en))) for annotation, de, en in examples))


# The verdict rules, written once: the overview page (partials/fact-checks.html) and EDITORS.md
# ("## The verdicts", tested against this) show them. The order is the order of the vocabulary there;
# an editor asks the questions from "inaccurate" on and takes the first "yes", else "correct".
VERDICTS: Mapping[str, Verdict] = MappingProxyType({v.code: v for v in (
    _verdict("correct", ("Richtig", "Correct"),
             ("Stimmt in jedem prüfbaren Detail mit verlässlichen Quellen überein.",
              "Matches reliable sources in every checkable detail."),
             ("Trifft keine der anderen Fragen zu, und bestätigen verlässliche Quellen die Aussage so, wie sie dasteht?",
              "Does none of the other questions apply, and do reliable sources confirm the statement as written?"),
             ("grachev-defence-minister-1992", "Gratschow war 1992 Verteidigungsminister",
              "Grachev was defence minister in 1992"),
             ("four-of-six-csto-states", "vier von sechs Staatschefs meiden antiwestliche Erklärungen",
              "four of six heads of state avoid anti-Western declarations")),
    _verdict("imprecise", ("Ungenau", "Imprecise"),
             ("Im Kern richtig, aber unscharf oder unvollständig, ohne in einem prüfbaren Detail falsch zu werden.",
              "True in substance, but loose or incomplete without becoming false in any checkable detail."),
             ("Ist die Aussage im Kern wahr, aber so ungenau oder lückenhaft formuliert, dass ein genauerer Satz nötig ist?",
              "Is the statement true in substance, but worded so loosely or incompletely that a more exact sentence is needed?"),
             ("csto-charter-2002", "„Umwandlung“ im Mai 2002 in Moskau, wo sie beschlossen wurde",
              "the “transformation” of May 2002 in Moscow, where it was decided"),
             ("csto-kazakhstan-protests", "Proteste „in Armenien“, wo nur Kritik in den Medien belegt ist",
              "protests “in Armenia”, where only criticism in the media is documented")),
    _verdict("inaccurate", ("Falsch", "False"),
             ("Die Aussage ist, so wie sie dasteht, in einem prüfbaren Detail falsch (Datum, Zahl, Anzahl, Name, Ort, "
              "Amtsinhaber, Reihenfolge oder Zuschreibung), wie klein der Fehler auch ist.",
              "The statement as written is false in a checkable detail (a date, number, count, name, place, office "
              "holder, sequence or attribution), however small the slip."),
             ("Ist ein prüfbares Detail falsch, so wie es dasteht?",
              "Is a checkable detail wrong as written?"),
             ("andijan-2005", "„Proteste von Andijon 2006“ (13. Mai 2005)", "“the Andijan protests of 2006” (13 May 2005)"),
             ("joint-staff-founding", "„2002 wurde der Vereinte Stab gegründet“ (2003)",
              "“the Joint Staff was founded in 2002” (2003)"),
             ("kosovo-nato-non-recognition", "drei NATO-Staaten erkennen Kosovo nicht an (vier)",
              "three NATO states do not recognise Kosovo (four)")),
    _verdict("outdated", ("Überholt", "Outdated"),
             ("War im September 2023, als die Analyse erschien, richtig und ist es heute nicht mehr.",
              "Was right in September 2023, when the analysis appeared, and is not now."),
             ("Stimmte die Aussage im September 2023, und haben spätere Ereignisse sie geändert?",
              "Was the statement right in September 2023, and have later events changed it?"),
             ("nato-members-2023", "NATO „hat heute 31 Mitgliedsstaaten“ (32 seit März 2024)",
              "NATO “today has 31 member states” (32 since March 2024)"),
             ("armenia-csto-exit-outdated", "Paschinjan „sprach über den möglichen Austritt“ (seit Februar 2024 eingefroren)",
              "Pashinyan “spoke of” a possible withdrawal (frozen since February 2024)")),
    _verdict("disputed", ("Umstritten", "Disputed"),
             ("Verlässliche Quellen widersprechen einander in der Tatsache selbst; die Anmerkung stellt die Angaben "
              "nebeneinander. Nicht für Fragen der Deutung.",
              "Reliable sources conflict on the fact itself; the note sets their accounts side by side. Not for "
              "questions of interpretation."),
             ("Geben verlässliche Quellen zu derselben Tatsache verschiedene Angaben?",
              "Do reliable sources give conflicting accounts of the same fact?"),
             ("", "Opferzahlen, die die Konfliktparteien verschieden angeben",
              "casualty figures that the parties to a conflict give differently"),
             ("belarus-crimea-recognition", "nicht: ob Lukaschenkos Worte über die Krim eine Anerkennung sind (Deutung)",
              "not: whether Lukashenko's words on Crimea amount to recognition (interpretation)")),
    _verdict("unverifiable", ("Nicht überprüfbar", "Unverifiable"),
             ("Verlässliche Quellen klären es nicht; die Anmerkung sagt, was gesucht und gefunden wurde.",
              "Reliable sources do not settle it; the note says what was searched for and found."),
             ("Lässt sich die Aussage mit verlässlichen Quellen weder bestätigen noch widerlegen?",
              "Can reliable sources neither confirm nor refute the statement?"),
             ("base-102-expansion-2019", "eine Erweiterungsgenehmigung für den Stützpunkt 102 aus dem Jahr 2019",
              "a 2019 permit to expand Base 102")),
    _verdict("context", ("Fehlender Kontext", "Missing context"),
             ("Wahr, aber ohne weitere Angaben irreführend.",
              "True, but misleading without more."),
             ("Ist jedes Detail richtig, führt die Aussage aber ohne einen weiteren Umstand in die Irre?",
              "Is every detail right, but does the statement mislead without a further fact?"),
             ("csto-age-31-years", "„31 Jahre“ OVKS, gezählt vom Vertrag von 1992",
              "a CSTO “31 years” old, counted from the 1992 treaty"),
             ("kant-airbase-2010", "Kant 2010 „nicht genutzt“, obwohl Fallschirmjäger die Basis schützten",
              "Kant “not used” in 2010, although paratroopers guarded the base")),
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
    by: str  # a role, one of REVIEWERS
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
