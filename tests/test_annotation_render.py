"""The annotations rendered into an article's Markdown and then to HTML, in both languages (no MkDocs).

The templates are the site's own (overrides/partials/), loaded with a plain Jinja environment.
"""
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from edition.annotations import load, render
from edition.annotations.model import VERDICTS, Anchor, Review

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
ANNOTATIONS = load.load_folder(FIXTURES / "valid")
ENV = Environment(loader=FileSystemLoader(str(PROJECT / "overrides")))


def html_of(language, annotations=ANNOTATIONS):
    source = (FIXTURES / f"article.{language}.md").read_text(encoding="utf-8")
    text, placed = render.article(source, language, annotations, ENV, f"article.{language}.md",
                                  "../fact-checks/#verdicts")
    html = markdown.markdown(text, extensions=["attr_list", "footnotes", "md_in_html"])
    # html.parser reads <noscript> as markup, as a browser without JavaScript does.
    return BeautifulSoup(html, "html.parser"), placed


def nato_with(**changes):
    """The fixture fact-check with some fields changed (sources: a list of Source changes)."""
    nato = next(item for item in ANNOTATIONS if item.id == "nato-31")
    sources = changes.pop("sources", None)
    if sources is not None:
        changes["sources"] = tuple(replace(nato.sources[0], **source) for source in sources)
    return [replace(nato, **changes)] + [item for item in ANNOTATIONS if item.id != "nato-31"]


@pytest.mark.parametrize("language, kind_label, verdict, name", [
    ("de", "Faktencheck", "Überholt", "Faktencheck zu „hat heute 31 Mitgliedsstaaten“: Überholt"),
    ("en", "Fact-check", "Outdated", "Fact-check on “today has 31 member states”: Outdated")])
def test_a_fact_check_shows_phrase_marker_and_note_in_each_language(language, kind_label, verdict, name):
    page, _ = html_of(language)
    paragraph = page.select_one("p#p-1")
    phrase = paragraph.select_one("mark.annotation-phrase.verdict-outdated")
    assert phrase.get_text() in ("hat heute 31 Mitgliedsstaaten", "today has 31 member states")
    assert phrase["data-annotation"] == "nato-31"
    marker = phrase.find_next_sibling()
    assert marker.name == "a" and marker["href"] == "#fc-nato-31" and marker["id"] == "fc-nato-31-marker"
    assert marker["data-annotation"] == "nato-31"
    # The marker shows the verdict in words; its accessible name also says which phrase it checks.
    assert marker.get_text() == verdict and marker["aria-label"] == name
    note = page.select_one("aside#fc-nato-31")
    assert note["data-annotation"] == "nato-31" and "annotation" in note["class"]
    assert note.select_one(".annotation-label").get_text().startswith(kind_label)
    # The note opens with its verdict sentence, then the claim, the explanation, the sources, the review.
    parts = [child["class"][0] for child in note.find_all(recursive=False) if child.get("class")]
    assert parts[:4] == ["annotation-label", "annotation-summary", "annotation-claim", "annotation-note"]
    assert parts.index("annotation-sources") < parts.index("annotation-reviewed")
    summary = note.select_one(".annotation-summary")
    assert summary.select_one(".verdict").get_text() == verdict
    # The rest of the sentence starts with a capital after the badge.
    assert summary.get_text() == {"de": "Überholt Seit März 2024 sind es 32.",
                                  "en": "Outdated Since March 2024 there are 32."}[language]
    assert note.select_one(".annotation-note strong") is not None  # the note's Markdown is rendered
    source = note.select_one(".annotation-sources li")
    assert source.a["href"] == "https://www.nato.int/cps/en/natohq/news_223446.htm"
    assert "NATO" in source.get_text() and source.q.get_text() == "Sweden became NATO's newest member"
    assert source.time["datetime"] == "2024-03-07"
    assert source.time.get_text() == {"de": "7. März 2024", "en": "7 March 2024"}[language]
    assert note.select_one(".annotation-reviewed time")["datetime"] == "2026-11-25"


def test_without_javascript_the_notes_are_endnotes_of_their_section_linked_both_ways():
    page, _ = html_of("de")
    # p-1 stands before the first heading: its note ends the introduction, before h-1.
    heading = page.select_one("h2#h-1")
    endnotes = heading.find_previous_sibling()
    assert endnotes.name == "div" and "annotation-endnotes" in endnotes["class"]
    assert endnotes["data-section"] == "intro"
    # With JavaScript the endnotes are inert text until a note is opened.
    holder = endnotes.find("noscript")
    assert [aside["id"] for aside in holder.select("aside.annotation")] == ["fc-nato-31"]
    assert holder.select_one(".annotation-endnotes-title").get_text() == "Anmerkungen zu diesem Abschnitt"
    assert page.select_one("a.annotation-marker")["href"] == "#fc-nato-31"
    assert holder.select_one("a.annotation-back")["href"] == "#fc-nato-31-marker"


def test_the_last_sections_notes_stand_before_the_footnotes():
    english, _ = html_of("en")
    endnotes = english.select(".annotation-endnotes")
    assert [div["data-section"] for div in endnotes] == ["intro", "h-1"]
    assert endnotes[-1].find_previous_sibling("p")["id"] == "p-3"
    assert endnotes[-1].select_one("aside")["id"] == "fc-tn-alliance"


def test_a_translator_note_shows_only_where_it_has_an_anchor():
    german, _ = html_of("de")
    english, placed = html_of("en")
    assert german.select_one("#fc-tn-alliance") is None
    note = english.select_one("aside#fc-tn-alliance.translator-note")
    assert note.select_one(".annotation-label").get_text().startswith("Translator's note")
    assert note.select_one(".annotation-summary") is None
    marker = english.select_one('a.annotation-marker[href="#fc-tn-alliance"]')
    assert marker["aria-label"] == "Transl. note on “an alliance”" and marker.get_text() == "Transl. note"
    # The phrase inside the author's emphasis stays emphasized, and the footnote keeps its number.
    assert english.select_one("p#p-2 em mark.annotation-phrase").get_text() == "an alliance"
    assert english.select_one('sup[id="fnref:1"] a').get_text() == "1"
    assert [item.annotation.id for item in placed] == ["nato-31", "tn-alliance"]


def test_the_article_text_is_otherwise_unchanged():
    source = (FIXTURES / "article.de.md").read_text(encoding="utf-8")
    plain = BeautifulSoup(markdown.markdown(source, extensions=["attr_list", "footnotes"]), "html.parser")
    page, _ = html_of("de")
    for added in page.select("[data-search-exclude]"):
        added.decompose()
    assert page.get_text().split() == plain.get_text().split()


def test_everything_the_edition_adds_to_the_article_is_kept_out_of_search():
    page, _ = html_of("en")
    for added in page.select(".annotation-legend, .annotation-endnotes, a.annotation-marker"):
        assert added.has_attr("data-search-exclude"), added.name


def test_the_legend_gives_each_verdict_its_meaning_and_the_filter_its_counts():
    page, _ = html_of("de")
    legend = page.select_one(".annotation-legend")
    # Above the first block of the text.
    assert legend.find_next_sibling("p")["id"] == "p-1"
    items = legend.select(".annotation-scale li")
    assert [item.select_one(".verdict")["class"][1] for item in items] == \
        [f"verdict-{code}" for code in VERDICTS] + ["translator-note"]
    assert VERDICTS["correct"].definition["de"] in items[0].get_text()
    assert legend.select_one(".annotation-scale a")["href"] == "../fact-checks/#verdicts"
    filters = {radio["value"]: radio.parent.get_text().strip() for radio in legend.select("input[name=notes]")}
    assert filters == {"all": "alle (1)", "problems": "nur Probleme (1)", "none": "keine"}


@pytest.mark.parametrize("by, line", [
    ("editors", "Zuletzt geprüft am 25. November 2026 von der Redaktion"),
    ("fact-check-desk", "Zuletzt geprüft am 25. November 2026 vom Faktencheck-Team"),
    ("translator", "Zuletzt geprüft am 25. November 2026 von der Übersetzung")])
def test_the_review_line_is_plain_words(by, line):
    nato = nato_with(reviewed=Review("2026-11-25", by))
    page, _ = html_of("de", nato)
    assert page.select_one("#fc-nato-31 .annotation-reviewed").get_text() == line


def test_the_english_review_line():
    page, _ = html_of("en", nato_with(reviewed=Review("2026-11-25", "editors")))
    assert page.select_one("#fc-nato-31 .annotation-reviewed").get_text() == \
        "Last reviewed on 25 November 2026 by the editors"


def test_a_quotation_in_another_language_carries_its_translation_and_each_source_its_kind():
    nato = nato_with(sources=[{"kind": "primary", "language": "ru", "quote": "Швеция стала членом НАТО",
                               "quote_translation": {"de": "Schweden wurde NATO-Mitglied",
                                                     "en": "Sweden became a NATO member"}}])
    page, _ = html_of("de", nato)
    source = page.select_one("#fc-nato-31 .annotation-sources li")
    assert source.select_one(".source-kind").get_text() == "Primärquelle:"
    quotes = source.select("q")
    assert quotes[0]["lang"] == "ru" and quotes[0].get_text() == "Швеция стала членом НАТО"
    assert quotes[1].get_text() == "Schweden wurde NATO-Mitglied" and not quotes[1].has_attr("lang")
    # A quotation in the reader's own language needs no translation and no lang attribute.
    english, _ = html_of("en", nato_with(sources=[{"language": "en"}]))
    quotes = english.select("#fc-nato-31 .annotation-sources q")
    assert len(quotes) == 1 and not quotes[0].has_attr("lang")


def test_paragraph_references_and_notes_referred_to_become_links():
    note = {"de": "Siehe Absätze p-2 und p-3 sowie p-99 (gibt es nicht); siehe die Anmerkung zu Absatz p-1.",
            "en": "On that, see the note on “today has 31”, and paragraph p-2."}
    tn = next(item for item in ANNOTATIONS if item.id == "tn-alliance")
    page, _ = html_of("de", nato_with() + [replace(tn, id="tn-2", note=note, anchor={"de": Anchor("Bündnis")})])
    links = [(a.get_text(), a["href"]) for a in page.select("#fc-tn-2 .annotation-note a")]
    assert links == [("p-2", "#p-2"), ("p-3", "#p-3"), ("Anmerkung", "#fc-nato-31"), ("p-1", "#p-1")]
    english, _ = html_of("en", nato_with() + [replace(tn, id="tn-2", note=note, anchor={"en": Anchor("line break")})])
    links = [(a.get_text(), a["href"]) for a in english.select("#fc-tn-2 .annotation-note a")]
    assert links == [("note", "#fc-nato-31"), ("p-2", "#p-2")]


def test_the_overview_lists_fact_checks_with_counts_and_the_vocabulary():
    facts = [item for item in ANNOTATIONS if item.is_fact_check]
    html = render.overview([render.Entry(facts[0], "../article/#fc-nato-31")], "de", ENV, "../annotations.jsonld")
    page = BeautifulSoup(html, "html.parser")
    rows = {row["id"]: row for row in page.select("table.verdicts tbody tr")}
    assert len(rows) == 7 and rows["verdict-outdated"].select_one(".verdict-count").get_text() == "1"
    assert rows["verdict-correct"].select_one(".verdict").get_text() == "Richtig"
    item = page.select_one("ul.fact-check-list > li")
    assert item["data-verdict"] == "outdated"
    assert "Die NATO hat 31 Mitgliedstaaten." in item.get_text()
    assert "seit März 2024 sind es 32" in item.get_text()
    assert item.select_one("a")["href"] == "../article/#fc-nato-31"


def test_an_empty_overview_says_so():
    page = BeautifulSoup(render.overview([], "en", ENV, "../annotations.jsonld"), "html.parser")
    assert page.select_one("ul.fact-check-list") is None
    assert "No fact-checks yet." in page.get_text()
    assert [cell.get_text() for cell in page.select(".verdict-count")] == ["0"] * 7


def test_a_table_in_a_note_renders_as_a_table():
    # Editors tabulate terms of office and the like (see secretaries-general-16-years.yml).
    html = render.note_html("| Zeitraum | Amt |\n| --- | --- |\n| 2003–2016 | Bordjuscha |\n")
    assert "<table>" in html and "<td>Bordjuscha</td>" in html and "|" not in html


@pytest.mark.parametrize("language, question, primary", [
    ("de", "Entscheidungsfrage: Ist ein prüfbares Detail falsch, so wie es dasteht?",
     "1 von 2 Faktenchecks stützen sich auf mindestens eine Primärquelle"),
    ("en", "Decision question: Is a checkable detail wrong as written?",
     "1 of 2 fact-checks rest on at least one primary source"),
])
def test_the_overview_shows_each_rule_and_how_many_checks_rest_on_a_primary_source(language, question, primary):
    from dataclasses import replace
    fact = next(item for item in ANNOTATIONS if item.is_fact_check)
    secondary = replace(fact, id="nato-news", sources=tuple(replace(s, kind="news") for s in fact.sources))
    entries = [render.Entry(fact, "#fc-nato-31"), render.Entry(secondary, "#fc-nato-news")]
    page = BeautifulSoup(render.overview(entries, language, ENV, "../annotations.jsonld"), "html.parser")
    row = page.select_one("#verdict-inaccurate")
    assert " ".join(row.select_one(".verdict-question").get_text().split()) == question
    # Each example links to its fact-check in the list below on the same page.
    assert row.select_one(".verdict-examples a")["href"] == "#fc-andijan-2005"
    assert page.select_one("#primary-sources").get_text().startswith(primary)
