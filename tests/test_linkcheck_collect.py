"""Finding cited URLs: every Markdown link form, data-file sources, one entry per URL with all its places."""
from __future__ import annotations

from pathlib import Path

import pytest

from edition.datafile import DataError
from linkcheck.collect import collect
from linkcheck.extract import links

MARKDOWN = """\
Text with a footnote.[^3] An [inline link](https://vz.ru/world/2016/4/8/804094.html "title") and
a [reference][ref] and <https://tass.ru/politika/16408427> and a bare https://ria.ru/20100614/246162490.html.
A link with brackets (https://en.wikipedia.org/wiki/CSTO_(alliance)) and <a href="https://dw.com/ru/a-1">raw</a>.
Mail <mailto:redaktion@example.org> and code `https://not.a.link/x` are not sources.

```
https://in.a.code.block/
```

[ref]: https://www.bbc.com/russian/international/2012/06/120629_uzbekistan_odkb_exit
[^3]: <https://odkb-csto.org/news/smi/odkb_otkryta_k_sotrudnichestvu_s_ukrainoy_bordyuzha/#loaded>
[^4]: Siehe https://www.interfax.ru/world/904410, abgerufen 2023.
    Fortsetzung https://ria.ru/x
Not a footnote: [a file](ftp://files.example.org/a)
"""


def test_every_link_form_is_found_with_its_line_and_footnote():
    found = [(link.url, link.line, link.footnote) for link in links(MARKDOWN)]
    assert found == [
        ("https://vz.ru/world/2016/4/8/804094.html", 1, ""),
        ("https://tass.ru/politika/16408427", 2, ""),
        ("https://ria.ru/20100614/246162490.html", 2, ""),
        ("https://en.wikipedia.org/wiki/CSTO_(alliance)", 3, ""),
        ("https://dw.com/ru/a-1", 3, ""),
        ("https://www.bbc.com/russian/international/2012/06/120629_uzbekistan_odkb_exit", 10, ""),
        ("https://odkb-csto.org/news/smi/odkb_otkryta_k_sotrudnichestvu_s_ukrainoy_bordyuzha/#loaded", 11, "3"),
        ("https://www.interfax.ru/world/904410", 12, "4"),
        ("https://ria.ru/x", 13, "4"),
        ("ftp://files.example.org/a", 14, ""),
    ]


def _project(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "de").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "data" / "annotations").mkdir(parents=True)
    (tmp_path / "docs" / "de" / "article.md").write_text("Text.[^1]\n\n[^1]: <https://tass.ru/politika/16408427>\n")
    (tmp_path / "docs" / "en" / "article.md").write_text("Text.[^1]\n\n[^1]: <https://tass.ru/politika/16408427>\n")
    (tmp_path / "docs" / "en" / "index.md").write_text("See [FES](https://russia.fes.de/x).\n")
    (tmp_path / "data" / "footnotes.yml").write_text("- number: 1\n  url: https://tass.ru/politika/16408427\n")
    (tmp_path / "data" / "annotations" / "uzbekistan-exit-2012.yml").write_text(
        "id: uzbekistan-exit-2012\nkind: fact-check\nsources:\n"
        "  - url: \"https://www.bbc.com/russian/a\"\n    title: \"BBC\"\n    date: \"2012-06-29\"\n"
        "  - url: \"https://tass.ru/politika/16408427\"\n    title: \"TASS\"\n"
        "reviewed:\n  date: \"2026-11-25\"\n  by: \"Redaktion\"\n")
    return tmp_path


def test_one_entry_per_url_with_every_place_and_language(tmp_path):
    cited = {item.url: item for item in collect(_project(tmp_path), today="2026-11-30")}
    tass = cited["https://tass.ru/politika/16408427"]
    assert [(c.file, c.line, c.language, c.ref) for c in tass.citations] == [
        ("docs/de/article.md", 3, "de", "footnote 1"),
        ("docs/en/article.md", 3, "en", "footnote 1"),
        ("data/annotations/uzbekistan-exit-2012.yml", 7, "", "annotation uzbekistan-exit-2012"),
    ]
    assert tass.first_cited == "2023-09"  # an author's footnote
    assert cited["https://www.bbc.com/russian/a"].first_cited == "2026-11-25"  # the annotation's review date
    assert cited["https://russia.fes.de/x"].first_cited == "2026-11-30"  # first seen


def test_timeline_sources_carry_their_entry(tmp_path):
    root = _project(tmp_path)
    (root / "data" / "timelines").mkdir()
    (root / "data" / "timelines" / "members.yml").write_text(
        "title: Members\nentries:\n  - date: \"2012-06-28\"\n    sources:\n      - url: https://ria.ru/a\n"
        "  - date: \"1999-04-02/..\"\n    sources:\n      - url: https://ria.ru/b\n")
    cited = {item.url: item for item in collect(root)}
    assert cited["https://ria.ru/b"].citations[0].ref == "timeline members#1999-04-02/.."
    assert cited["https://ria.ru/b"].first_cited == "1999-04-02"  # a period is cited from its start
    assert cited["https://ria.ru/b"].citations[0].line == 8
    assert cited["https://ria.ru/a"].first_cited == "2012-06-28"


def test_named_paths_limit_the_collection_and_missing_data_folders_are_fine(tmp_path):
    root = _project(tmp_path)
    only = collect(root, [root / "docs" / "en" / "index.md"])
    assert [item.url for item in only] == ["https://russia.fes.de/x"]
    with pytest.raises(FileNotFoundError):
        collect(root, [root / "docs" / "fr"])


def test_a_broken_data_file_names_its_line(tmp_path):
    root = _project(tmp_path)
    (root / "data" / "annotations" / "bad.yml").write_text("sources:\n  - url: [unclosed\n")
    with pytest.raises(DataError, match="bad.yml:"):
        collect(root)


def test_the_real_site_cites_all_nineteen_footnotes(project):
    cited = collect(project)
    footnotes = [item for item in cited if any(c.ref.startswith("footnote") for c in item.citations)]
    assert len(footnotes) == 19
    assert all(item.first_cited == "2023-09" for item in footnotes)
