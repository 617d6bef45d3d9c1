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


def test_every_verdict_has_its_rule_in_both_languages():
    assert list(VERDICTS) == ["correct", "imprecise", "inaccurate", "outdated", "disputed", "unverifiable", "context"]
    for verdict in VERDICTS.values():
        for texts in (verdict.label, verdict.definition, verdict.question):
            assert set(texts) == {"de", "en"} and all(texts.values())
        assert verdict.question["de"].endswith("?") and verdict.question["en"].endswith("?")
        assert verdict.examples and all(set(example.text) == {"de", "en"} and all(example.text.values())
                                        for example in verdict.examples)


def test_each_verdict_example_is_an_annotation_with_that_verdict(project):
    """An example names a real fact-check graded by that very rule (a counter-example names another verdict's)."""
    from edition import datafile
    graded = {path.stem: datafile.load(path).get("verdict")
              for path in (project / "data" / "annotations").glob("*.yml")}
    for verdict in VERDICTS.values():
        for example in verdict.examples:
            if example.annotation and not example.text["en"].startswith("not:"):
                assert graded[example.annotation] == verdict.code, (verdict.code, example.annotation)


# file → (line, the problem as the editor reads it, what is allowed)
ERRORS = {
    "unknown-field.yml": (4, "unknown field 'rating'", "id, kind, verdict, anchor, claim"),
    "missing-translation.yml": (9, "'claim' has no 'en' translation", "claim with de and en"),
    "bad-verdict.yml": (3, "'verdict' is 'wrong'", "correct, imprecise, inaccurate, outdated, disputed"),
    "bad-source-date.yml": (24, "source date '2024-13' is not a date", '"YYYY", "YYYY-MM" or "YYYY-MM-DD"'),
    "bad-review-date.yml": (31, "reviewed.date '25.11.2026' is not a date", '"YYYY-MM-DD"'),
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
    # The source policy (data/source-policy.yml) and the sourcing rules (edition/source_policy.py).
    "blocked-source.yml": (21, "source on the blocked domain socialbites.ca: "
                           "content scraper: republishes Russian agency copy without attribution", "the original"),
    "blocked-subdomain.yml": (21, "source on the blocked domain news-pravda.com: aggregator of "
                              "the 'Pravda' network: automated reposts of Russian state media and Telegram channels", "the original"),
    "source-without-kind.yml": (21, "a source without 'kind'", "primary, news, reference, scholarly"),
    "quote-without-language.yml": (25, "a quote without 'language'", "ISO 639-1"),
    "quote-without-translation.yml": (25, "a 'en' quote without 'quote_translation' into de", "quote_translation with de"),
    "quote-translated-into-own-language.yml": (30, "quote_translation into 'en', the quotation's own language", "de"),
    "language-without-quote.yml": (26, "'language' without a 'quote'", "language and quote_translation only with a quote"),
    "reviewer-not-a-role.yml": (32, "reviewed.by is 'Redaktion (Prüfung)'", "editors, fact-check-desk, translator"),
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
    assert due[0].split(":", 1)[1] == ("31: due for review: last reviewed 2025-11-24, more than 12 months ago; "
                                       "check the sources again and set reviewed.date to the day you did")
    assert due_for_review(annotations, today=date(2026, 11, 24)) == []


# ---- The source policy (data/source-policy.yml) ----------------------------------------------

def test_the_policy_refuses_a_listed_domain_and_its_subdomains_but_not_look_alikes():
    from edition.source_policy import blocked_domain, load_policy
    policy = load_policy()
    assert blocked_domain("https://www.socialbites.ca/politics/119445", policy).domain == "socialbites.ca"
    assert blocked_domain("https://armenia.news-pravda.com/world/2025/05/15/16722.html", policy).domain == "news-pravda.com"
    assert blocked_domain("https://de.zxc.wiki/wiki/X", policy).domain == "zxc.wiki"
    # Ukrainska Pravda and a domain that merely ends in the same letters are not the listed aggregators.
    assert blocked_domain("https://www.pravda.com.ua/eng/news/2024/06/12/7460445/", policy) is None
    assert blocked_domain("https://notsocialbites.ca/x", policy) is None
    assert all(entry.reason for entry in policy)


@pytest.mark.parametrize("entry, problem", [
    ('  - domain: "https://socialbites.ca"\n    reason: "r"\n', "'https://socialbites.ca' is not a domain"),
    ('  - domain: www.socialbites.ca\n    reason: "r"\n', "'www.socialbites.ca' is not a domain"),
    ('  - domain: a.org\n    reason: "r"\n  - domain: a.org\n    reason: "r"\n', "domain 'a.org' is listed twice"),
    ('  - domain: a.org\n', "missing field 'reason'"),
])
def test_a_broken_policy_file_fails_with_its_line(tmp_path, entry, problem):
    from edition.source_policy import load_policy
    path = tmp_path / "source-policy.yml"
    path.write_text("blocked:\n" + entry, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_policy(path)
    assert str(raised.value).startswith(f"{path}:") and problem in str(raised.value)


def test_editors_guide_shows_the_same_verdict_rules(project):
    """EDITORS.md's table of verdicts is the rules of model.py VERDICTS, row for row, in their order."""
    guide = (project / "EDITORS.md").read_text(encoding="utf-8")
    section = guide.split("## The verdicts", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows == [f"| `{v.code}` | {v.label['de']} / {v.label['en']} | {v.definition['en']} | {v.question['en']} "
                    f"| {editors_examples(v)} |" for v in VERDICTS.values()]


def editors_examples(verdict) -> str:
    """How EDITORS.md lists a verdict's examples: each case in English with its annotation's file."""
    return "; ".join(example.text["en"] + (f" (`{example.annotation}.yml`)" if example.annotation else "")
                     for example in verdict.examples)
