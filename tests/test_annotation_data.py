"""The annotation data contract: valid files load; each broken rule is one line naming file, line and fix.

Fixture files under tests/fixtures/annotations/ (no MkDocs involved).
"""
from datetime import date
from pathlib import Path

import pytest

from edition.annotations import due_for_review, load
from edition.annotations.model import VERDICTS
from edition.datafile import DataError

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
INVALID = FIXTURES / "invalid"


def test_valid_folder_loads_fact_checks_and_translator_notes():
    fact_check, note = load.load_folder(FIXTURES / "valid")
    assert (fact_check.id, fact_check.kind, fact_check.verdict.code) == ("nato-31", "fact-check", "outdated")
    assert fact_check.verdict.label == {"de": "Überholt", "en": "Outdated"}
    assert fact_check.anchor["en"].exact == "today has 31 member states"
    assert fact_check.sources[0].quote == "Sweden became NATO's newest member"
    assert fact_check.permalink == "fc-nato-31"
    assert (note.id, note.kind, note.verdict, set(note.anchor)) == ("tn-alliance", "translator-note", None, {"en"})


def test_an_empty_or_missing_folder_has_no_annotations(tmp_path):
    assert load.load_folder(tmp_path) == ()
    assert load.load_folder(tmp_path / "missing") == ()


def test_every_verdict_has_both_labels_and_definitions():
    assert list(VERDICTS) == ["correct", "imprecise", "inaccurate", "outdated", "disputed", "unverifiable", "context"]
    for verdict in VERDICTS.values():
        assert set(verdict.label) == set(verdict.definition) == {"de", "en"}
        assert all(verdict.label.values()) and all(verdict.definition.values())


# file → (line, the problem as the editor reads it, what is allowed)
ERRORS = {
    "unknown-field.yml": (4, "unknown field 'rating'", "id, kind, verdict, anchor, claim"),
    "missing-translation.yml": (9, "'claim' has no 'en' translation", "claim with de and en"),
    "bad-verdict.yml": (3, "'verdict' is 'wrong'", "correct, imprecise, inaccurate, outdated, disputed"),
    "bad-source-date.yml": (24, "source date '2024-13' is not a date", '"YYYY", "YYYY-MM" or "YYYY-MM-DD"'),
    "bad-review-date.yml": (27, "reviewed.date '25.11.2026' is not a date", '"YYYY-MM-DD"'),
    "id-not-file-name.yml": (1, "id 'another-id' differs from the file name 'id-not-file-name.yml'",
                             "rename the file to another-id.yml"),
    "no-source.yml": (20, "a fact-check needs at least one source", "url, title, publisher, date"),
    "html-note.yml": (18, "note.de has raw HTML '<span style=\"color:red\">'", "Markdown: paragraphs"),
    "unknown-language.yml": (9, "unknown language 'fr' in 'anchor'", "de, en"),
    "tn-fact.yml": (1, "the fact-check 'tn-fact' has an id reserved for translator's notes", "not starting with 'tn-'"),
    "tn-verdict.yml": (3, "a translator's note has no 'verdict'", "id, kind, anchor, note, reviewed, summary, sources"),
    "tn-no-en.yml": (3, "'anchor' has no 'en' translation", "anchor with en (required), de (optional)"),
    "alliance-note.yml": (1, "the translator's note 'alliance-note' must have an id starting with 'tn-'",
                          "tn-alliance-note"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_each_broken_rule_is_one_line_with_file_line_and_what_is_allowed(name):
    line, problem, allowed = ERRORS[name]
    with pytest.raises(DataError) as raised:
        load.load_file(INVALID / name)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{INVALID / name}:{line}: {problem}; allowed: ")
    assert allowed in message.split("; allowed: ", 1)[1]


def test_every_invalid_fixture_is_covered():
    assert sorted(path.name for path in INVALID.glob("*.yml")) == sorted(ERRORS)


def test_a_folder_with_one_bad_file_fails_on_it(tmp_path):
    for path in (FIXTURES / "valid").glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad-verdict.yml").write_text((INVALID / "bad-verdict.yml").read_text(encoding="utf-8"))
    with pytest.raises(DataError, match=r"bad-verdict.yml:3: 'verdict' is 'wrong'"):
        load.load_folder(tmp_path)


def test_a_file_with_another_extension_is_named(tmp_path):
    (tmp_path / "nato.yaml").write_text("id: nato\n")
    with pytest.raises(DataError, match=r"nato.yaml: not an annotation file name; allowed: <id>.yml"):
        load.load_folder(tmp_path)


def test_markdown_autolinks_are_not_taken_for_html(tmp_path):
    text = (FIXTURES / "valid" / "nato-31.yml").read_text(encoding="utf-8").replace(
        "Sweden joined on **7 March 2024**.", "See <https://www.nato.int/> and 3 < 4 > 2.")
    (tmp_path / "nato-31.yml").write_text(text, encoding="utf-8")
    assert "<https://www.nato.int/>" in load.load_file(tmp_path / "nato-31.yml").note["en"]


def test_reviews_older_than_twelve_months_are_due():
    annotations = load.load_folder(FIXTURES / "due")
    due = due_for_review(annotations, today=date(2026, 11, 25))
    assert len(due) == 1
    assert due[0].split(":")[0].endswith("due/old-review.yml")
    assert due[0].split(":", 1)[1] == ("27: due for review: last reviewed 2025-11-24, more than 12 months ago; "
                                       "check the sources again and set reviewed.date to the day you did")
    assert due_for_review(annotations, today=date(2026, 11, 24)) == []
