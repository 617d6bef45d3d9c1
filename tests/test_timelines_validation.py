"""Every mistake an editor can make in data/timelines/ fails with file:line, the problem and what is allowed."""
import textwrap
from pathlib import Path

import pytest

from edition.datafile import DataError
from edition.timelines import load
from edition.timelines import project as timeline_project

PARAGRAPHS = {"p-5", "p-6"}
ANNOTATIONS = {"uzbekistan-exit-2012"}

ENTRY = """\
  - date: "1992-05-15"
    kind: signature
    states: [AM]
    text:
      de: "Armenien unterzeichnet."
      en: "Armenia signs."
    sources:
      - url: "https://example.org/a"
        title: "A"
        publisher: "P"
        date: "1992"
        kind: news
"""


def write(tmp_path: Path, entries: str, name: str = "membership") -> Path:
    path = tmp_path / f"{name}.yml"
    path.write_text('title: {de: "T", en: "T"}\nentries:\n' + textwrap.dedent(entries), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load.load_all(path.parent, PARAGRAPHS, ANNOTATIONS)
    return str(caught.value)


def test_the_valid_entry_loads(tmp_path):
    timeline = load.load(write(tmp_path, ENTRY), PARAGRAPHS, ANNOTATIONS)
    assert [entry.id for entry in timeline.entries] == ["membership-1992-05-15"]


def test_unknown_field(tmp_path):
    path = write(tmp_path, ENTRY + "    colour: red\n")
    assert error_of(path) == (f"{path}:15: unknown field 'colour'; allowed: date, text, states, sources, kind, "
                              "paragraphs, annotations")


@pytest.mark.parametrize("date, problem", [
    ("1993-13-01", "'date': '1993-13-01' is not a date in the calendar"),
    ("1993-02-30", "'date': '1993-02-30' is not a date in the calendar"),
    ("24.09.1993", "'date': '24.09.1993' is not a date"),
    ("1993-9-24", "'date': '1993-9-24' is not a date"),
])
def test_bad_date(tmp_path, date, problem):
    path = write(tmp_path, ENTRY.replace('"1992-05-15"', f'"{date}"'))
    message = error_of(path)
    assert message.startswith(f"{path}:3: {problem}; allowed: ")
    assert '"YYYY", "YYYY-MM" or "YYYY-MM-DD"' in message and '"START/.."' in message


def test_unquoted_date_is_caught_as_not_text(tmp_path):
    path = write(tmp_path, ENTRY.replace('"1992-05-15"', "1992"))
    assert error_of(path).startswith(f"{path}:3: 'date' must be text, not a number; allowed: text")


def test_range_that_ends_before_it_starts(tmp_path):
    path = write(tmp_path, ENTRY.replace('"1992-05-15"', '"2024-02/2023-12"'))
    assert error_of(path).startswith(f"{path}:3: 'date': the range '2024-02/2023-12' ends before it starts; allowed:")


def test_missing_translation(tmp_path):
    path = write(tmp_path, ENTRY.replace('      en: "Armenia signs."\n', ""))
    assert error_of(path) == f"{path}:7: 'text' has no 'en' text; allowed: one text per language: de, en"


def test_missing_source(tmp_path):
    path = write(tmp_path, ENTRY.split("    sources:")[0] + "    sources: []\n")
    assert error_of(path) == (f"{path}:9: an entry without a source; allowed: at least one source with url, "
                              "title, publisher, date")
    path = write(tmp_path, ENTRY.split("    sources:")[0])
    assert error_of(path).startswith(f"{path}:3: missing field 'sources'; allowed:")


def test_incomplete_source(tmp_path):
    path = write(tmp_path, ENTRY.replace('        publisher: "P"\n', ""))
    assert error_of(path) == f"{path}:10: missing field 'publisher'; allowed: url, title, publisher, date, kind"


@pytest.mark.parametrize("code", ["XX", "am", "ARM"])
def test_unknown_state_code(tmp_path, code):
    path = write(tmp_path, ENTRY.replace("states: [AM]", f"states:\n      - {code}"))
    assert error_of(path) == (f"{path}:6: unknown state code '{code}'; allowed: an ISO 3166 alpha-2 code in "
                              "capitals, e.g. AM, AZ, BY, GE, KZ, KG, RU, TJ, UZ")


def test_unknown_kind_names_the_allowed_ones(tmp_path):
    path = write(tmp_path, ENTRY.replace("kind: signature", "kind: joined"))
    assert error_of(path) == (f"{path}:4: 'kind' is 'joined'; allowed: signature, accession, withdrawal, "
                              "suspension, return, freeze")


def test_overlapping_membership_periods(tmp_path):
    second = ENTRY.replace('"1992-05-15"', '"1993-01-01"').replace("kind: signature", "kind: accession")
    path = write(tmp_path, ENTRY + second)
    assert error_of(path) == (f"{path}:15: AM: this accession overlaps the membership begun at line 3, which has "
                              "not ended; allowed: one membership at a time: a withdrawal before the next "
                              "signature, accession or return")


def test_withdrawal_without_membership(tmp_path):
    path = write(tmp_path, ENTRY.replace("kind: signature", "kind: withdrawal"))
    assert error_of(path).startswith(f"{path}:3: AM: a withdrawal without a membership to end; allowed:")


def test_suspension_outside_membership(tmp_path):
    path = write(tmp_path, ENTRY.replace("kind: signature", "kind: suspension"))
    assert error_of(path).startswith(f"{path}:3: AM: a suspension outside any membership; allowed:")


def test_suspension_running_past_the_withdrawal(tmp_path):
    suspension = ENTRY.replace('"1992-05-15"', '"1995/2001"').replace("kind: signature", "kind: suspension")
    withdrawal = ENTRY.replace('"1992-05-15"', '"1999-04"').replace("kind: signature", "kind: withdrawal")
    path = write(tmp_path, ENTRY + suspension + withdrawal)
    assert error_of(path).startswith(f"{path}:15: AM: this suspended stretch runs past the withdrawal at line 27")


def test_unknown_paragraph_id(tmp_path):
    path = write(tmp_path, ENTRY + "    paragraphs: [p-6, p-99]\n")
    assert error_of(path) == (f"{path}:15: unknown paragraph id 'p-99'; allowed: a paragraph id of "
                              "docs/de/article.md, p-5 … p-6")


def test_unknown_annotation_id(tmp_path):
    path = write(tmp_path, ENTRY + "    annotations: [uzbekistan-exit]\n")
    assert error_of(path).startswith(f"{path}:15: unknown annotation id 'uzbekistan-exit'; allowed: the name of "
                                     "a file in data/annotations/")


def test_yaml_syntax_error_names_its_line(tmp_path):
    path = write(tmp_path, ENTRY.replace('    kind: signature\n', '    kind: signature: oops\n'))
    assert error_of(path).startswith(f"{path}:4: YAML syntax:")


def test_unknown_timeline_name_in_a_marker():
    text = "# Zeitleisten\n\n<!-- edition:timeline membership -->\n<!-- edition:timeline membrship -->\n"
    with pytest.raises(DataError) as caught:
        timeline_project.check_markers(text, "docs/de/timeline.md", {"membership", "leaders"})
    assert str(caught.value) == ("docs/de/timeline.md:4: unknown timeline 'membrship' in "
                                 "<!-- edition:timeline membrship -->; allowed: leaders, membership "
                                 "(the files in data/timelines/)")


def test_a_timeline_marker_without_a_name():
    with pytest.raises(DataError, match=r"^x.md:1: a timeline marker needs exactly one timeline name"):
        timeline_project.check_markers("<!-- edition:timeline -->", "x.md", {"membership"})


def test_make_check_reports_a_broken_timeline_with_its_line(tmp_path):
    (tmp_path / "docs" / "de").mkdir(parents=True)
    (tmp_path / "docs" / "de" / "article.md").write_text("Text.\n{ #p-5 }\n\nMehr.\n{ #p-6 }\n", encoding="utf-8")
    (tmp_path / "docs" / "de" / "timeline.md").write_text("<!-- edition:timeline membership -->\n", encoding="utf-8")
    data = tmp_path / "data" / "timelines"
    data.mkdir(parents=True)
    write(data, ENTRY)
    assert set(timeline_project.check(tmp_path)) == {"membership"}
    write(data, ENTRY.replace("states: [AM]", "states: [XX]"))
    with pytest.raises(DataError, match=r"membership\.yml:5: unknown state code 'XX'"):
        timeline_project.check(tmp_path)


def test_the_projects_own_timelines_are_valid(project):
    timelines = timeline_project.check(project)
    assert {"membership", "documents", "leaders", "conflicts", "exercises"} <= set(timelines)


def test_a_source_on_a_blocked_domain_names_the_domain_and_the_reason(tmp_path):
    path = write(tmp_path, ENTRY.replace("https://example.org/a", "https://www.blogen.wiki/blog/ru/X"))
    assert error_of(path).startswith(f"{path}:10: source on the blocked domain blogen.wiki: mirror: copies of "
                                     "Wikipedia articles; allowed: the original")


def test_a_source_says_its_kind_with_the_annotations_words(tmp_path):
    (source,) = load.load_all(write(tmp_path, ENTRY).parent, PARAGRAPHS, ANNOTATIONS)["membership"].entries[0].sources
    assert source.kind == "news"


def test_a_source_without_a_kind_or_with_an_unknown_one_fails_on_its_line(tmp_path):
    path = write(tmp_path, ENTRY.replace("        kind: news\n", ""))
    assert error_of(path) == f"{path}:10: missing field 'kind'; allowed: url, title, publisher, date, kind"
    path = write(tmp_path, ENTRY.replace("kind: news", "kind: blog"))
    assert error_of(path) == f"{path}:14: 'kind' is 'blog'; allowed: primary, news, reference, scholarly"
