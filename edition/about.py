"""What the landing page says the edition adds, and the footer of every page: every figure comes from
the data (never typed into a page), the licence and the address for corrections from mkdocs.yml.

The settings live in mkdocs.yml `extra.edition`: `licence` (name and url of the licence of our
additions) and `corrections` (where readers report an error; set by the deploy workflow).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from babel.dates import format_date

from edition.annotations.model import VERDICTS

LOCALES = {"de": "de_DE", "en": "en_GB"}


@dataclass(frozen=True)
class Settings:
    """`extra.edition` of mkdocs.yml, checked: the build fails on a missing licence."""

    language: str
    licence_name: str
    licence_url: str
    corrections: str  # "" until the deploy workflow sets EDITION_CORRECTIONS_URL


def settings(extra: Mapping) -> Settings:
    edition = extra["edition"]
    licence = edition.get("licence") or {}
    if not licence.get("name") or not str(licence.get("url", "")).startswith("https://"):
        raise ValueError("mkdocs.yml: extra.edition.licence needs a name and an https url; "
                         "allowed: for example {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}")
    corrections = str(edition.get("corrections") or "")
    if corrections and not corrections.startswith(("https://", "mailto:")):
        raise ValueError(f"mkdocs.yml: extra.edition.corrections {corrections!r} is not an address; "
                         "allowed: an https:// link (an issue form) or a mailto: address")
    return Settings(edition["language"], licence["name"], licence["url"], corrections)


def additions(annotations: Iterable, timelines: Mapping, footnotes: int, cited_urls: int, language: str,
              link: Callable[[str], str]) -> dict:
    """The landing page's list of what the edition adds, with counts from the data and links."""
    annotations = list(annotations)
    facts = [item for item in annotations if item.is_fact_check]
    verdicts = [{"code": verdict.code, "label": verdict.label[language], "definition": verdict.definition[language],
                 "count": sum(1 for item in facts if item.verdict.code == verdict.code)}
                for verdict in VERDICTS.values()]
    german, english = ("", "en/") if language == "de" else ("../", "")
    return {
        "footnotes": footnotes,
        "fact_checks": len(facts),
        "verdicts": verdicts,
        "translator_notes": sum(1 for item in annotations if not item.is_fact_check),
        "timelines": len(timelines),
        "timeline_entries": sum(len(timeline.entries) for timeline in timelines.values()),
        "cited_urls": cited_urls,
        "href": {name: link(path) for name, path in (
            ("german_article", german + "article/"), ("english_article", english + "article/"),
            ("fact_checks", "fact-checks/"), ("verdicts", "fact-checks/#verdicts"),
            ("timeline", "timeline/"), ("chart", "timeline/#membership-chart"), ("parallel", "parallel/"),
            ("sources", "sources/"))},
        "words": TEXTS[language],
    }


def footer(site_name: str, edition: Settings, built: datetime.datetime) -> dict:
    """The footer of every page: the edition's name, the licences, where to report an error, the build date."""
    text = TEXTS[edition.language]
    return {
        "name": site_name,
        "licence_name": edition.licence_name,
        "licence_url": edition.licence_url,
        "corrections": edition.corrections,
        "built": text["built"].format(date=format_date(built.date(), "long", locale=LOCALES[edition.language])),
        "built_iso": built.date().isoformat(),
        "words": text,
    }


def corrections(edition: Settings) -> dict:
    """The landing page's paragraph on reporting an error."""
    return {"corrections": edition.corrections, "words": TEXTS[edition.language]}


def licence(edition: Settings) -> dict:
    """The landing page's paragraph on the licences of the text and of our additions."""
    return {"licence_name": edition.licence_name, "licence_url": edition.licence_url,
            "words": TEXTS[edition.language]}


# ---- Words, in both languages ----

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "article": "Der vollständige deutsche Text",
        "article_detail": "mit den {footnotes} Fußnoten des Autors, den hervorgehobenen Aussagen und beiden Zusammenfassungen; "
                          "jeder Absatz mit einer festen Adresse (etwa #p-12), die sich zitieren lässt.",
        "translation": "Eine englische Übersetzung",
        "translation_detail": "Absatz für Absatz am deutschen Text ausgerichtet.",
        "fact_checks": "{count} Faktenchecks",
        "fact_checks_detail": "Die Redaktion hat Tatsachenbehauptungen anhand von Quellen geprüft. Jeder Faktencheck "
                              "steht im Text an seiner Stelle; die Übersicht listet alle. Die Bewertungen:",
        "scale": "die Skala mit ihren Bedeutungen",
        "translator_notes": "{count} Anmerkungen des Übersetzers",
        "translator_notes_detail": "erklären in der englischen Fassung Begriffe, die englischsprachige Leser "
                                   "brauchen; sie stehen im englischen Text.",
        "timelines": "{count} Zeitleisten",
        "timelines_detail": "mit {entries} belegten Einträgen zu Mitgliedschaft, Dokumenten, Führung, Konflikten "
                            "und Übungen, dazu ein Diagramm der Mitgliedschaft.",
        "parallel": "Parallel lesen",
        "parallel_detail": "Deutsch und Englisch nebeneinander, Absatz für Absatz.",
        "sources": "{count} zitierte Adressen",
        "sources_detail": "der Fußnoten, Anmerkungen und Zeitleisten, jede mit dem Ort, an dem sie zitiert wird; "
                          "die wöchentliche Linkprüfung prüft sie und sichert eine Kopie im Internet Archive, "
                          "die bleibt, wenn die Seite verschwindet.",
        "licence_text": "Der Text der Analyse: Dmitri Stratievski, Friedrich-Ebert-Stiftung 2023. Die Stiftung "
                        "nennt für diese Veröffentlichung keine Lizenz: Weder ihre Seite zur Veröffentlichung noch "
                        "die Textschicht des PDF, die dieser Edition vorliegt, enthält einen Lizenzhinweis. Die "
                        "Rechte liegen damit bei Autor und Stiftung; "
                        "wer den Text über das Zitat hinaus weiterverwenden will, fragt die Stiftung.",
        "licence_ours": "Unsere Ergänzungen – Übersetzung, Faktenchecks, Anmerkungen, Zeitleisten und Daten – "
                        "stehen unter der Lizenz",
        "report": "Fehler melden",
        "report_detail": "Einen Fehler im Text, in einer Anmerkung oder einer Quelle melden Sie hier:",
        "report_missing": "Die Adresse für Fehlermeldungen wird beim Veröffentlichen gesetzt "
                          "(EDITION_CORRECTIONS_URL); in dieser Vorschau fehlt sie.",
        "footer_text": "Text: Dmitri Stratievski, Friedrich-Ebert-Stiftung 2023 (ohne angegebene Lizenz)",
        "footer_ours": "Ergänzungen der Redaktion:",
        "built": "Stand: {date}",
    },
    "en": {
        "article": "The complete German text",
        "article_detail": "with the author's {footnotes} footnotes, the highlighted statements and both summaries; every "
                          "paragraph with a permanent address (such as #p-12) that can be cited.",
        "translation": "An English translation",
        "translation_detail": "of our own, aligned with the German paragraph by paragraph.",
        "fact_checks": "{count} fact-checks",
        "fact_checks_detail": "The editors have checked factual claims against sources. Each fact-check stands at "
                              "its place in the text; the overview lists them all. The verdicts:",
        "scale": "the scale with its meanings",
        "translator_notes": "{count} translator's notes",
        "translator_notes_detail": "explain terms an English reader needs; they stand in the English text.",
        "timelines": "{count} timelines",
        "timelines_detail": "with {entries} sourced entries on membership, documents, leadership, conflicts and "
                            "exercises, and a chart of the membership.",
        "parallel": "Side by side",
        "parallel_detail": "German and English next to each other, paragraph by paragraph.",
        "sources": "{count} cited addresses",
        "sources_detail": "of the footnotes, notes and timelines, each with where it is cited; the weekly link "
                          "check checks them and keeps a copy in the Internet Archive that remains when the page "
                          "disappears.",
        "licence_text": "The text of the analysis: Dmitri Stratievski, Friedrich-Ebert-Stiftung 2023. The "
                        "foundation states no licence for this publication: neither its publication page nor the "
                        "PDF's text layer this edition holds carries a licence notice. The rights thus lie with "
                        "the author and the foundation; "
                        "anyone who wants to reuse the text beyond quotation should ask the foundation.",
        "licence_ours": "Our additions – the translation, fact-checks, notes, timelines and data – are licensed under",
        "report": "Report an error",
        "report_detail": "To report an error in the text, a note or a source, use this address:",
        "report_missing": "The address for error reports is set when the site is published "
                          "(EDITION_CORRECTIONS_URL); this preview has none.",
        "footer_text": "Text: Dmitri Stratievski, Friedrich-Ebert-Stiftung 2023 (no licence stated)",
        "footer_ours": "The editors' additions:",
        "built": "Built {date}",
    },
}
