"""`make check` validates the annotations (data and anchors) and lists those due for review."""
import shutil
from datetime import date
from pathlib import Path

import pytest

from edition import annotations, check
from edition.datafile import DataError

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"


@pytest.fixture
def root(tmp_path, project):
    """A copy of the project's data and articles, with the fixture annotations instead of the real ones."""
    # Without the timeline pages: their entries point to the real annotations, not to these fixtures.
    shutil.copytree(project / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("timeline.md"))
    (tmp_path / "data").mkdir()
    shutil.copy(project / "data" / "footnotes.yml", tmp_path / "data")
    (tmp_path / "data" / "annotations").mkdir()
    return tmp_path


def add(root, name, text):
    (root / "data" / "annotations" / name).write_text(text, encoding="utf-8")


def nato(annotation_id, reviewed):
    text = (FIXTURES / "valid" / "nato-31.yml").read_text(encoding="utf-8")
    # The real German article has the phrase; the English one has no translation yet.
    text = text.replace("id: nato-31", f"id: {annotation_id}").replace('  date: "2026-11-25"', f'  date: "{reviewed}"')
    return text.replace('  en:\n    exact: "today has 31 member states"\n', "", 1)


def test_check_lists_due_reviews_as_warnings_and_passes(root, capsys):
    add(root, "old.yml", nato("old", "2024-01-31"))
    assert check.main(root, today=date(2026, 11, 25)) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("warning:")]
    assert len(lines) == 1 and lines[0].endswith(
        "old.yml:29: due for review: last reviewed 2024-01-31, more than 12 months ago; check the sources "
        "again and set reviewed.date to the day you did")
    assert "All data files are valid" in out


def test_check_fails_on_a_phrase_that_is_not_in_the_article(root, capsys):
    add(root, "typo.yml", nato("typo", "2026-11-25").replace("hat heute 31 Mitgliedsstaaten", "hat heute 31 Staaten"))
    assert check.main(root, today=date(2026, 11, 25)) == 1
    err = capsys.readouterr().err
    assert "typo.yml:6: anchor.de “hat heute 31 Staaten” not found in docs/de/article.md; closest passage (p-46)" in err


def test_the_real_data_passes(project, capsys):
    assert check.main(project) == 0


def test_check_prints_every_error_of_every_file_and_fails(root, capsys, monkeypatch):
    monkeypatch.chdir(root)
    add(root, "one.yml", nato("one", "2026-11-25").replace("verdict: outdated", "verdict: wrong")
        .replace("https://www.nato.int/", "https://nato/"))
    add(root, "two.yml", nato("two", "2062-01-01"))
    assert check.main(root, today=date(2026, 11, 25)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:3] == [
        "data/annotations/one.yml:3: 'verdict' is 'wrong'; allowed: correct, imprecise, inaccurate, outdated, "
        "disputed, unverifiable, context",
        "data/annotations/one.yml:19: source url 'https://nato/cps/en/natohq/news_223446.htm' has no dotted host "
        "name (such as www.nato.int); allowed: a full address such as https://www.nato.int/… (https:// or "
        "http://, a host name with a dot, no spaces)",
        "data/annotations/two.yml:29: reviewed.date '2062-01-01' is in the future; allowed: the day the annotation "
        f"was checked: today ({date.today().isoformat()}) or earlier"]
    assert err[-1] == "3 problem(s) in the data files."


def test_the_build_stops_on_the_first_error(root):
    # A hook turns a DataError into one line: with several, that line is the first.
    add(root, "one.yml", nato("one", "2026-11-25").replace("verdict: outdated", "verdict: wrong"))
    add(root, "two.yml", nato("two", "2062-01-01"))
    with pytest.raises(DataError) as raised:
        annotations.load_all(root)
    assert len(raised.value.errors) == 2
    assert str(raised.value) == str(raised.value.errors[0]) and str(raised.value).startswith(
        f"{root / 'data' / 'annotations' / 'one.yml'}:3: 'verdict' is 'wrong'")
