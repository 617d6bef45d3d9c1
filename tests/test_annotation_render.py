"""The annotations rendered into an article's Markdown and then to HTML, in both languages (no MkDocs).

The templates are the site's own (overrides/partials/), loaded with a plain Jinja environment.
"""
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from edition.annotations import load, render

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
ANNOTATIONS = load.load_folder(FIXTURES / "valid")
ENV = Environment(loader=FileSystemLoader(str(PROJECT / "overrides")))


def html_of(language):
    source = (FIXTURES / f"article.{language}.md").read_text(encoding="utf-8")
    text, placed = render.article(source, language, ANNOTATIONS, ENV, f"article.{language}.md")
    html = markdown.markdown(text, extensions=["attr_list", "footnotes", "md_in_html"])
    return BeautifulSoup(html, "html.parser"), placed


@pytest.mark.parametrize("language, kind_label, verdict", [("de", "Anmerkung der Redaktion", "Überholt"),
                                                           ("en", "Editors' note", "Outdated")])
def test_a_fact_check_shows_phrase_marker_and_note_in_each_language(language, kind_label, verdict):
    page, _ = html_of(language)
    paragraph = page.select_one("p#p-1")
    phrase = paragraph.select_one("mark.annotation-phrase.verdict-outdated")
    assert phrase.get_text() in ("hat heute 31 Mitgliedsstaaten", "today has 31 member states")
    marker = phrase.find_next_sibling()
    assert marker.name == "a" and marker["href"] == "#fc-nato-31" and marker["id"] == "fc-nato-31-marker"
    # The marker's accessible name says what it is and the verdict in words.
    assert marker.get_text() == f"{kind_label}, {'Faktencheck' if language == 'de' else 'Fact-check'}: {verdict}"
    assert marker.select_one(".visually-hidden") and marker.select_one(".verdict").get_text() == verdict
    note = page.select_one("aside#fc-nato-31")
    assert note.select_one(".annotation-label").get_text().startswith(kind_label)
    assert note.select_one(".annotation-label .verdict").get_text() == verdict
    assert note.select_one(".annotation-note strong") is not None  # the note's Markdown is rendered
    source = note.select_one(".annotation-sources li")
    assert source.a["href"] == "https://www.nato.int/cps/en/natohq/news_223446.htm"
    assert "NATO" in source.get_text() and source.q.get_text() == "Sweden became NATO's newest member"
    assert source.time["datetime"] == "2024-03-07"
    assert source.time.get_text() == {"de": "7. März 2024", "en": "7 March 2024"}[language]
    assert note.select_one(".annotation-reviewed time")["datetime"] == "2026-11-25"


def test_without_javascript_the_notes_follow_their_paragraph():
    page, _ = html_of("de")
    notes = page.select_one("p#p-1").find_next_sibling()
    assert notes.name == "div" and "annotations" in notes["class"]
    assert [aside["id"] for aside in notes.select("aside.annotation")] == ["fc-nato-31"]
    assert notes.select_one("a.annotation-back")["href"] == "#fc-nato-31-marker"


def test_a_translator_note_shows_only_where_it_has_an_anchor():
    german, _ = html_of("de")
    english, placed = html_of("en")
    assert german.select_one("#fc-tn-alliance") is None
    note = english.select_one("aside#fc-tn-alliance.translator-note")
    assert note.select_one(".annotation-label").get_text() == "Translator's note"
    assert note.select_one(".verdict") is None
    marker = english.select_one('a.annotation-marker[href="#fc-tn-alliance"]')
    assert marker.select_one(".visually-hidden").get_text() == "Translator's note"
    # The phrase inside the author's emphasis stays emphasized, and the footnote keeps its number.
    assert english.select_one("p#p-2 em mark.annotation-phrase").get_text() == "an alliance"
    assert english.select_one('sup[id="fnref:1"] a').get_text() == "1"
    assert [item.annotation.id for item in placed] == ["nato-31", "tn-alliance"]


def test_the_article_text_is_otherwise_unchanged():
    source = (FIXTURES / "article.de.md").read_text(encoding="utf-8")
    plain = BeautifulSoup(markdown.markdown(source, extensions=["attr_list", "footnotes"]), "html.parser")
    page, _ = html_of("de")
    for aside in page.select(".annotations, .annotation-marker"):
        aside.decompose()
    assert page.get_text().split() == plain.get_text().split()


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
