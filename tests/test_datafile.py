"""Data files: every problem is one line naming file, line, what is wrong and what is allowed."""
import pytest

from edition import datafile, footnotes
from edition.datafile import DataError


def write(tmp_path, text, name="entry.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_values_keep_their_lines_and_dates_stay_text(tmp_path):
    data = datafile.load(write(tmp_path, "- date: 2023-09-01\n  state: NO\n  open: true\n"))
    assert data[0] == {"date": "2023-09-01", "state": "NO", "open": True}
    assert data.item_lines == [1] and data[0].line_of("state") == 2


def test_a_yaml_syntax_error_names_its_line(tmp_path):
    path = write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(DataError) as error:
        datafile.load(path)
    assert str(error.value).startswith(f"{path}:")
    assert "YAML syntax" in str(error.value) and "\n" not in str(error.value)


def test_a_duplicate_key_is_refused(tmp_path):
    with pytest.raises(DataError, match=r"entry.yml:3: the key 'a' appears twice"):
        datafile.load(write(tmp_path, "a: 1\nb: 2\na: 3\n"))


def test_unknown_and_missing_fields_name_the_allowed_ones(tmp_path):
    path = write(tmp_path, "title: x\ncolour: red\n")
    entry = datafile.load(path)
    with pytest.raises(DataError, match=r"entry.yml:2: unknown field 'colour'; allowed: title, url"):
        datafile.check_keys(path, entry, ["title"], ["url"])
    with pytest.raises(DataError, match=r"entry.yml:1: missing field 'url'; allowed: title, url, colour"):
        datafile.check_keys(path, entry, ["title", "url", "colour"])


def test_a_choice_names_the_choices(tmp_path):
    path = write(tmp_path, "kind: maybe\n")
    with pytest.raises(DataError, match=r"entry.yml:1: 'kind' is 'maybe'; allowed: yes-kind, no-kind"):
        datafile.choice_field(path, datafile.load(path), "kind", ["yes-kind", "no-kind"])


def test_footnote_decisions_must_give_the_url(tmp_path):
    path = write(tmp_path, """\
- number: 1
  printed: |-
    https://example .org/one-
    word
  url: https://example.org/one-word
  breaks:
    - decision: drop-hyphen
      reason: a word split by hyphenation
""")
    with pytest.raises(DataError, match=r"entry.yml:5: footnote 1: the decisions give 'https://example.org/oneword'"):
        footnotes.load(path)


def test_footnote_needs_one_decision_per_break(tmp_path):
    path = write(tmp_path, "- number: 1\n  printed: |-\n    https://a .org/x\n    y\n  url: https://a.org/xy\n  breaks: []\n")
    with pytest.raises(DataError, match=r"entry.yml:6: 1 line breaks but 0 decisions; allowed: one decision"):
        footnotes.load(path)


def test_mending_replays_each_decision():
    breaks = [footnotes.Break("join", ""), footnotes.Break("keep-hyphen", ""), footnotes.Break("drop-hyphen", "")]
    assert footnotes.mend("https://www .a .org/%D0\n%B2-x-\nslug-wo-\nrd", breaks) == "https://www.a.org/%D0%B2-x-slug-word"


def test_a_changed_file_is_read_again(tmp_path):
    # Parsed files are shared between hooks, but an editor's save must show on the next build.
    path = write(tmp_path, "a: 1\n")
    assert datafile.load(path) == {"a": 1}
    path.write_text("a: 22\n", encoding="utf-8")
    assert datafile.load(path) == {"a": 22}


def test_error_paths_read_as_an_editor_types_them(project, monkeypatch):
    # Annotations and timelines alike report `data/…/x.yml:14`, not an absolute path.
    monkeypatch.chdir(project)
    assert datafile.shown_path(project / "data" / "timelines" / "membership.yml").as_posix() == \
        "data/timelines/membership.yml"
