"""A timeline source may say what kind of source it is, with the same words as an annotation's source."""
import textwrap
from pathlib import Path

import pytest

from edition.datafile import DataError
from edition.timelines import load
from edition.timelines import project

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
        kind: {kind}
"""


def load_with(tmp_path: Path, kind: str):
    path = tmp_path / "membership.yml"
    path.write_text('title: {de: "T", en: "T"}\nentries:\n' + textwrap.dedent(ENTRY.format(kind=kind)),
                    encoding="utf-8")
    return path, load.load_all(path.parent, {"p-5"}, set())


def test_a_known_kind_is_kept(tmp_path):
    _, timelines = load_with(tmp_path, "primary")
    (source,) = timelines["membership"].entries[0].sources
    assert source.kind == "primary"


def test_an_unknown_kind_fails_with_its_line_and_the_allowed_words(tmp_path):
    with pytest.raises(DataError) as caught:
        load_with(tmp_path, "blog")
    path = tmp_path / "membership.yml"
    assert str(caught.value) == f"{path}:14: 'kind' is 'blog'; allowed: primary, news, reference, scholarly"


def test_every_source_in_the_edition_says_its_kind():
    root = Path(__file__).resolve().parent.parent
    missing = [f"{name}: {source.url}" for name, timeline in project.load_timelines(root).items()
               for entry in timeline.entries for source in entry.sources if not source.kind]
    assert missing == []
