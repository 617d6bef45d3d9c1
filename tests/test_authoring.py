"""The annotation form's server side: anchors found once, files in the house format, edits that keep
comments and order, the check's rules on save, and nothing of it in the built site."""
from __future__ import annotations

import difflib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from edition import blocks, check
from edition.annotations.anchoring import find, passages
from edition.authoring import writer
from edition.authoring.api import Authoring
from edition.authoring.selectors import SelectorProblem, place
from htmlsite import pages
from preview import copy_project

PROJECT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def german():
    return passages(blocks.read(PROJECT / "docs" / "de" / "article.md"))


@pytest.fixture
def authoring(tmp_path):
    return Authoring(copy_project(tmp_path), "secret", today=lambda: TODAY)


def _post(authoring, path, values):
    status, body = authoring.handle("POST", path, {}, json.dumps(values).encode())
    return status, json.loads(body)


def test_every_annotation_file_round_trips_unchanged():
    for path in sorted((PROJECT / "data" / "annotations").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert writer.dump(writer.parse(text)) == text, path.name


def test_a_phrase_found_once_needs_no_context(german):
    placed = place(german, "p-46", "hat heute 31 Mitgliedsstaaten")
    assert (placed.anchor.prefix, placed.anchor.suffix, placed.occurrences) == ("", "", 1)


def test_a_repeated_phrase_gets_the_shortest_prefix_that_makes_it_unique(german):
    placed = place(german, "p-9", "OVKS")
    assert placed.occurrences > 10
    assert placed.anchor.prefix and len(placed.anchor.prefix.split()) <= 3
    (match,) = find(placed.anchor, german)
    assert match.block_id == "p-9"


def test_a_phrase_not_in_the_block_names_the_closest_words(german):
    with pytest.raises(SelectorProblem, match="closest: “hat heute 31 Mitgliedsstaaten"):
        place(german, "p-46", "hat heute 32 Mitgliedsstaaten")
    with pytest.raises(SelectorProblem, match="headings cannot carry notes"):
        place(german, "h-2", "OVKS")


NEW = {
    "kind": "fact-check", "id": "gus-test", "verdict": "correct",
    "anchor": {"de": {"block": "p-3", "exact": "hat Schritt für Schritt versagt"},
               "en": {"block": "p-3", "exact": "gradually failed"}},
    "claim": {"de": "Die GUS-Streitkräfte scheiterten.", "en": "The CIS forces failed."},
    "summary": {"de": "Richtig: Sie wurden 1993 aufgelöst.", "en": "Correct: they were dissolved in 1993."},
    "note": {"de": "Aufgelöst **1993**.", "en": "Dissolved in **1993**.\n\nA second paragraph."},
    "sources": [{"url": "https://example.org/a", "title": "A", "publisher": "P", "date": "1993", "kind": "news",
                 "quote": "Распущены в 1993 году.", "language": "ru",
                 "quote_translation": {"de": "1993 aufgelöst.", "en": "Dissolved in 1993."}},
                {"url": "", "title": "", "publisher": "", "date": "", "kind": "", "quote": "", "language": ""}],
    "reviewed_by": "fact-check-desk",
}


def test_saving_writes_a_checked_file_in_the_house_format(authoring):
    status, answer = _post(authoring, "api/save", NEW)
    assert status == "200 OK", answer
    path = authoring.root / "data" / "annotations" / "gus-test.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# Fact-check on “hat Schritt für Schritt versagt” (de)")
    assert "\nverdict: correct\n" in text
    assert '    exact: "hat Schritt für Schritt versagt"\n' in text
    assert "  en: |\n    Dissolved in **1993**.\n\n    A second paragraph.\n" in text
    assert '    language: ru\n    quote_translation:\n      de: "1993 aufgelöst."\n' in text
    assert text.count("- url:") == 1  # the empty source row is left out
    assert '  date: "2026-12-04"\n  by: "fact-check-desk"\n' in text
    assert check.run(authoring.root) == []


def test_saving_refuses_with_the_checks_lines_and_writes_nothing(authoring):
    folder = authoring.root / "data" / "annotations"
    before = sorted(folder.iterdir())
    status, answer = _post(authoring, "api/save", {**NEW, "verdict": "wrong"})
    assert status.startswith("422")
    assert answer["errors"] == ["data/annotations/gus-test.yml:5: 'verdict' is 'wrong'; allowed: correct, imprecise, "
                                "inaccurate, outdated, disputed, unverifiable, context"]
    # Overlapping another note's phrase: the check across files, as make check runs it.
    overlapping = {**NEW, "anchor": {"de": {"block": "p-46", "exact": "heute 31 Mitgliedsstaaten"}}}
    status, answer = _post(authoring, "api/save", overlapping)
    assert status.startswith("422") and "overlaps the phrase of" in answer["errors"][0]
    # An id that exists already is not overwritten.
    status, answer = _post(authoring, "api/save", {**NEW, "id": "nato-members-2023"})
    assert status.startswith("422") and "exists already" in answer["errors"][0]
    assert sorted(folder.iterdir()) == before


def test_editing_keeps_comments_order_and_unchanged_lines(authoring):
    path = authoring.root / "data" / "annotations" / "nato-members-2023.yml"
    original = path.read_text(encoding="utf-8")
    status, answer = authoring.handle("GET", "api/annotation", {"id": ["nato-members-2023"]}, b"")
    values = json.loads(answer)["values"]
    assert values["anchor"]["de"]["block"] == "p-46"
    values["note"]["en"] = values["note"]["en"].replace("the figure was right", "the number was right")
    values["reviewed_by"] = "editors"
    status, answer = _post(authoring, "api/save", {**values, "editing": "nato-members-2023"})
    assert status == "200 OK", answer
    diff = [line for line in difflib.unified_diff(original.splitlines(), path.read_text().splitlines(), lineterm="")
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    # The review date becomes today's (unchanged when the file was last reviewed today); the role is replaced.
    reviewed = re.search(r'^  date: "(.*)"$', original, re.M).group(1)
    today = TODAY.isoformat()
    dates = [] if reviewed == today else [f'-  date: "{reviewed}"']
    assert diff == [
        "-    When the analysis appeared in September 2023 the figure was right: Finland had",
        "+    When the analysis appeared in September 2023 the number was right: Finland had",
        *dates, "-  by: fact-check-desk", *([f'+  date: "{today}"'] if dates else []), '+  by: "editors"']


def test_requests_name_only_known_routes(authoring):
    status, _ = authoring.handle("DELETE", "api/save", {}, b"")
    assert status.startswith("404")
    status, _ = authoring.handle("POST", "api/save", {}, b"not json")
    assert status.startswith("400")


def test_the_built_site_has_no_authoring(site):
    for path, soup in pages(site):
        html = str(soup)
        assert "_edition/authoring" not in html and "edition-authoring" not in html, path
        assert not soup.select(".ea-ui, .ea-form"), path
    assert not list(site.rglob("authoring.js")) and not list(site.rglob("authoring.css"))
