"""Finding cited URLs: every Markdown link form as a browser requests it, data-file sources read through
their validating loaders, one entry per URL with all its places."""
from __future__ import annotations

from pathlib import Path

import pytest

from edition.datafile import DataError
from edition.annotations.load import load_file as load_annotation
from edition.extract import links
from edition.timelines import project as timeline_project
from linkcheck import cli
from linkcheck.collect import collect

PROJECT = Path(__file__).resolve().parent.parent
REAL_ANNOTATION = PROJECT / "data" / "annotations" / "accessions-1993.yml"
TASS = "https://tass.ru/politika/16408427"

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


def test_a_link_is_the_address_the_browser_requests():
    markdown = (r"[Bericht](https://fes.de/annual\_report.pdf) und <https://fes.de/a\_b> und https://fes.de/c\_d." "\n"
                '<a href="https://fes.de/s?a=1&amp;b=2&#38;c=3">x</a> [y](https://fes.de/t?a=1&amp;b=2&copy=3)' "\n"
                "Er sagte „https://kremlin.ru/rede-2022“ und «https://kremlin.ru/rede-2023» sowie ‚https://kremlin.ru/r‘.\n"
                r'<a href="https://fes.de/raw\_kept">z</a>')
    assert [link.url for link in links(markdown)] == [
        "https://fes.de/annual_report.pdf", "https://fes.de/a_b", "https://fes.de/c_d",
        "https://fes.de/s?a=1&b=2&c=3", "https://fes.de/t?a=1&b=2&copy=3",
        "https://kremlin.ru/rede-2022", "https://kremlin.ru/rede-2023", "https://kremlin.ru/r",
        "https://fes.de/raw\\_kept",  # raw HTML knows no Markdown escapes: the browser sends the backslash
    ]


def _with_source(annotation: str, url: str) -> str:
    """A real annotation file with one more source: a copy of its first, pointing at `url`."""
    head, rest = annotation.split("sources:\n", 1)
    first = "  - url:" + rest.split("  - url:")[1].split("reviewed:")[0]
    old_url = first.split("\n", 1)[0].split("url:", 1)[1].strip()
    return head + "sources:\n" + rest.replace("reviewed:", first.replace(old_url, f'"{url}"') + "reviewed:", 1)


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().split("\n"), 1) if text in line)


def _project(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "de").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "data" / "annotations").mkdir(parents=True)
    (tmp_path / "docs" / "de" / "article.md").write_text(f"Text.[^1]\n\n[^1]: <{TASS}>\n")
    (tmp_path / "docs" / "en" / "article.md").write_text(f"Text.[^1]\n\n[^1]: <{TASS}>\n")
    (tmp_path / "docs" / "en" / "index.md").write_text("See [FES](https://russia.fes.de/x).\n")
    (tmp_path / "data" / "annotations" / REAL_ANNOTATION.name).write_text(
        _with_source(REAL_ANNOTATION.read_text(encoding="utf-8"), TASS), encoding="utf-8")
    return tmp_path


def test_one_entry_per_url_with_every_place_and_language(tmp_path):
    root = _project(tmp_path)
    cited = {item.url: item for item in collect(root, today="2026-11-30")}
    annotation = root / "data" / "annotations" / REAL_ANNOTATION.name
    tass = cited[TASS]
    assert [(c.file, c.line, c.language, c.ref) for c in tass.citations] == [
        ("docs/de/article.md", 3, "de", "footnote 1"),
        ("docs/en/article.md", 3, "en", "footnote 1"),
        ("data/annotations/accessions-1993.yml", _line_of(annotation, TASS), "", "annotation accessions-1993"),
    ]
    assert tass.first_cited == "2023-09"  # an author's footnote
    assert tass.title  # the data's title, for the Sources page
    real = load_annotation(REAL_ANNOTATION)
    first = cited[real.sources[0].url]
    assert first.first_cited == real.reviewed.date  # the annotation's review date
    assert (first.title, first.publisher, first.date) == (
        real.sources[0].title, real.sources[0].publisher, real.sources[0].date)
    assert cited["https://russia.fes.de/x"].first_cited == "2026-11-30"  # first seen
    assert cited["https://russia.fes.de/x"].title == ""  # a page link has no data behind it


def test_timeline_sources_carry_their_entry_and_its_start_date(project):
    cited = {item.url: item for item in collect(project)}
    path = project / "data" / "timelines" / "membership.yml"
    every = timeline_project.load_timelines(project)
    # A URL only timelines cite, so its citation date is the earliest start of the entries citing it.
    entry, url = [(entry, source.url) for entry in every["membership"].entries for source in entry.sources
                  if all(c.kind == "timeline" for c in cited[source.url].citations)][-1]
    citation = next(c for c in cited[url].citations if c.id == entry.id)
    assert (citation.file, citation.ref) == ("data/timelines/membership.yml", f"timeline {entry.id}")
    assert citation.line == _line_of(path, url)
    starts = [other.when.start.iso for timeline in every.values() for other in timeline.entries
              if any(source.url == url for source in other.sources)]
    assert cited[url].first_cited == min(starts)  # a period ("2024-02-22/..") is cited from its start


def test_named_paths_limit_the_collection_and_missing_data_folders_are_fine(tmp_path):
    root = _project(tmp_path)
    only = collect(root, [root / "docs" / "en" / "index.md"])
    assert [item.url for item in only] == ["https://russia.fes.de/x"]
    with pytest.raises(FileNotFoundError):
        collect(root, [root / "docs" / "fr"])


def test_a_broken_data_file_names_its_line(tmp_path):
    root = _project(tmp_path)
    (root / "data" / "annotations" / "bad.yml").write_text("sources:\n  - url: [unclosed\n")
    with pytest.raises(DataError, match="bad.yml:2: YAML syntax: a list opened with"):
        collect(root)


ALIAS_BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]\n"
                     for before, name in zip("abcdefgh", "bcdefghi"))


def test_an_alias_bomb_is_refused_at_once_as_make_check_refuses_it(tmp_path, capsys):
    root = _project(tmp_path)
    bomb = root / "data" / "annotations" / "bomb.yml"
    bomb.write_text('a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + ALIAS_BOMB)  # 9^9 leaves
    assert cli.main(["check", "--root", str(root), "--ledger", str(tmp_path / "links.json"), str(bomb)]) == 2
    assert "bomb.yml:1: unknown field 'a'" in capsys.readouterr().err


def test_the_real_site_cites_all_nineteen_footnotes(project):
    cited = collect(project)
    footnotes = [item for item in cited if any(c.ref.startswith("footnote") for c in item.citations)]
    assert len(footnotes) == 19
    assert all(item.first_cited == "2023-09" for item in footnotes)
