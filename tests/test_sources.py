"""Sources for readers: archived copies with their dates and dead-link marks after cited links, and the
Sources page, from a fixture ledger in both languages; no ledger or a broken one behaves as documented."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from edition import annotations, footnotes, sources
from edition.datafile import DataError
from edition.site import build_site
from edition.timelines import project as timelines
from htmlsite import page

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "links.json"
BBC = "https://www.bbc.com/russian/international/2012/06/120629_uzbekistan_odkb_exit"
FIGARO = "https://www.lefigaro.fr/international/ilham-aliev-l-armenie-devra-tenir-compte-de-la-nouvelle-realite-20201023"
VZ = "https://vz.ru/world/2016/4/8/804094.html"
TEMPLATES = Environment(loader=FileSystemLoader(str(PROJECT / "overrides")))


def note(language: str):
    template = TEMPLATES.get_template("partials/source-note.html")
    return lambda source: template.render(sources.note_context(source, language)).strip()


FOOTNOTE = (f'<li id="fn:2"><p><a href="{BBC}">{BBC}</a>&#160;'
            f'<a class="footnote-backref" href="#fnref:2" title="Back">&#8617;</a></p></li>')


# ---- Reading the ledger ----

def test_no_ledger_or_an_empty_one_gives_plain_links(tmp_path):
    assert sources.load(tmp_path / "links.json") == {}
    (tmp_path / "links.json").write_text("", encoding="utf-8")
    assert sources.load(tmp_path / "links.json") == {}
    (tmp_path / "links.json").write_text('{"version": 1, "links": {}}', encoding="utf-8")
    assert sources.decorate(FOOTNOTE, sources.load(tmp_path / "links.json"), note("de")) == FOOTNOTE


def test_a_broken_ledger_names_file_line_and_what_is_allowed(tmp_path):
    ledger = tmp_path / "links.json"
    ledger.write_text('{"version": 1, "links": {\n  "https://a.example/": {"status": "gone"}\n}}', encoding="utf-8")
    with pytest.raises(DataError, match=r"links.json:2: https://a.example/: status 'gone'; allowed: live, dead"):
        sources.load(ledger)
    ledger.write_text('{"links": {\n  "https://a.example/": \n}', encoding="utf-8")
    with pytest.raises(DataError, match=r"links.json:3: not valid JSON"):
        sources.load(ledger)
    ledger.write_text('{"version": 1, "links": {\n"https://a.example/": {"archive": {"url": "u", "timestamp": "2023"}}}}',
                      encoding="utf-8")
    with pytest.raises(DataError, match=r"links.json:2: https://a.example/: archive .*; allowed: url, a 14-digit timestamp"):
        sources.load(ledger)


def test_the_ledger_gives_status_last_check_and_archive_date():
    bbc = sources.load(FIXTURE)[BBC]
    assert (bbc.status, bbc.last_check, bbc.archive_date) == ("dead", date(2026, 11, 25), date(2023, 9, 5))


# ---- Notes after cited links ----

@pytest.mark.parametrize("language, archived, dead", [
    ("de", "archiviert am 5. September 2023", "[Link tot]"),
    ("en", "archived on 5 September 2023", "[dead link]"),
])
def test_a_dead_footnote_link_gets_its_dated_copy_and_a_visible_mark(language, archived, dead):
    html = sources.decorate(FOOTNOTE, sources.load(FIXTURE), note(language))
    assert f'<a href="{BBC}">{BBC}</a><span class="source-note"> (' in html
    assert (f'(<a class="source-archive" href="https://web.archive.org/web/20230905120000/{BBC}" '
            f'title="') in html and f">{archived}</a>)" in html
    assert f'<strong class="source-status source-status--dead"' in html and f">{dead}</strong>" in html
    # The back link keeps its place and gets no note; a second pass adds nothing.
    assert html.count("source-note") == 1 and 'class="footnote-backref"' in html
    assert sources.decorate(html, sources.load(FIXTURE), note(language)) == html


def test_a_live_link_gets_its_copy_without_a_mark_and_an_unknown_one_nothing():
    ledger = sources.load(FIXTURE)
    html = sources.decorate(f'<a href="{FIGARO}">Le Figaro</a> <a href="https://unknown.example/">x</a>',
                            ledger, note("en"))
    assert ">archived on 25 November 2026</a>)</span>" in html and "source-status" not in html
    assert html.endswith('<a href="https://unknown.example/">x</a>')


def test_a_changed_page_shows_the_similarity_in_words():
    link = "https://odkb-csto.org/news/smi/odkb_o_vykhode_uzbekistana_iz_organizatsii_rechi_ne_idyet_/?bxajaxid=18a73a444138192758c60ccab20504c0#loaded"
    html = sources.decorate(f'<a href="{link.replace("&", "&amp;")}">x</a>', sources.load(FIXTURE), note("de"))
    assert "[Inhalt geändert, Ähnlichkeit 23\xa0%]" in html


def test_an_annotation_source_link_is_decorated_like_a_footnote():
    html = f'<ul class="annotation-sources"><li><a class="annotation-source" href="{VZ}">Vzgljad</a>, 2016</li></ul>'
    decorated = sources.decorate(html, sources.load(FIXTURE), note("en"))
    assert f'Vzgljad</a><span class="source-note"> <strong' in decorated and "[dead link]" in decorated
    assert "source-archive" not in decorated  # dead, and no copy: the mark says so, no empty link


# ---- The built site, from the fixture ledger ----

def first_annotation_source() -> str:
    """A source URL of the first fact-check anchored in both languages (whatever the editors wrote)."""
    german = {item.annotation.id for item in annotations.place(PROJECT, annotations.load_all(PROJECT), "de")}
    return next(item.annotation.sources[0].url
                for item in annotations.place(PROJECT, annotations.load_all(PROJECT), "en")
                if item.annotation.id in german and item.annotation.is_fact_check)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("site-with-ledger")
    ledger = json.loads(FIXTURE.read_text(encoding="utf-8"))
    ledger["links"][first_annotation_source()] = {
        "status": "dead", "checks": [{"outcome": "broken", "time": "2026-11-25T06:00:00Z"}],
        "archive": {"url": "https://web.archive.org/web/20260101000000/x", "timestamp": "20260101000000",
                    "found_by": "cdx"}}
    (site_dir.parent / "links.json").write_text(json.dumps(ledger), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDITION_LINK_LEDGER", str(site_dir.parent / "links.json"))
        build_site(site_dir, strict=True, site_url="http://127.0.0.1:8000/")
    return site_dir


@pytest.mark.parametrize("root, archived, dead", [
    ("", "archiviert am 5. September 2023", "[Link tot]"),
    ("en/", "archived on 5 September 2023", "[dead link]"),
])
def test_the_article_footnotes_show_copies_and_marks(fixture_site, root, archived, dead):
    footnote = page(fixture_site, root + "article/").find(id="fn:2")
    if footnote is None and root:
        pytest.skip("the English article has no footnotes yet (the translation is not merged)")
    archive = footnote.select_one("a.source-archive")
    assert archive.get_text() == archived and archive["href"].startswith("https://web.archive.org/web/20230905120000/")
    assert footnote.select_one(".source-status--dead").get_text() == dead
    assert page(fixture_site, root + "article/").find(id="fn:3").select(".source-note") == []


@pytest.mark.parametrize("root, cited, status, checked, copy", [
    ("", "Fußnote 2", "Link tot", "25. November 2026", "archiviert am 5. September 2023"),
    ("en/", "Footnote 2", "dead link", "25 November 2026", "archived on 5 September 2023"),
])
def test_the_sources_page_lists_every_cited_url_with_its_facts(fixture_site, root, cited, status, checked, copy):
    table = page(fixture_site, root + "sources/").select_one("table.sources-table")
    rows = {row.select_one("a.source-url")["href"]: row for row in table.select("tbody tr")}
    # Every URL the footnotes, the annotations and the timelines cite, once, in reading order.
    every_url = {footnote.url for footnote in footnotes.load(PROJECT / "data" / "footnotes.yml")}
    every_url |= {source.url for item in annotations.place(PROJECT, annotations.load_all(PROJECT), root[:2] or "de")
              for source in item.annotation.sources}
    every_url |= {source.url for timeline in timelines.load_timelines(PROJECT).values()
              for entry in timeline.entries for source in entry.sources}
    assert set(rows) == every_url and len(table.select("tbody tr")) == len(every_url)
    assert list(rows)[:2] == [footnote.url for footnote in footnotes.load(PROJECT / "data" / "footnotes.yml")][:2]
    cells = [cell.get_text(" ", strip=True) for cell in rows[BBC].find_all(["th", "td"])]
    assert cells[0] == BBC and cells[1].startswith(cited + " ,") and cells[2:] == [status, checked, copy]
    assert rows[BBC].select_one("td a")["href"] == "../article/#fn:2"
    assert rows[VZ].find_all("td")[-1].get_text(strip=True) in ("keine", "none")


@pytest.mark.parametrize("root, archived, dead", [
    ("", "archiviert am 1. Januar 2026", "[Link tot]"),
    ("en/", "archived on 1 January 2026", "[dead link]"),
])
def test_an_annotation_source_shows_its_copy_and_mark(fixture_site, root, archived, dead):
    url = first_annotation_source()
    link = next(a for a in page(fixture_site, root + "article/").select(".annotation-sources a") if a["href"] == url)
    note = link.find_next_sibling("span", class_="source-note")
    assert note.select_one("a.source-archive").get_text() == archived
    assert note.select_one(".source-status--dead").get_text() == dead


def test_the_site_builds_without_a_ledger(site):
    assert page(site, "sources/").select("table.sources-table tbody tr")


# ---- Where each URL is cited ----

@dataclass(frozen=True)
class Cited:
    """The fields of an annotation that the Sources page uses (edition.annotations.model.Annotation)."""

    id: str
    is_fact_check: bool
    claim: dict
    sources: tuple
    permalink: str = ""


@dataclass(frozen=True)
class Url:
    url: str


def test_a_url_cited_in_a_footnote_and_two_annotations_is_one_row_in_reading_order():
    class Footnote:
        def __init__(self, number, url):
            self.number, self.url = number, url
    notes = [Cited("uz", True, {"en": "Uzbekistan left the CSTO for good in 2012, after suspending its membership in June."},
                   (Url(BBC), Url("https://b.example/")), "fc-uz"),
             Cited("tn-alliance", False, {}, (Url(BBC),), "fc-tn-alliance")]
    cited = sources.merge_places(sources.annotation_places(notes, "en"),
                                 sources.footnote_places([Footnote(2, BBC), Footnote(1, VZ)], "en"))
    table = sources.rows(cited, sources.load(FIXTURE))
    assert [row.url for row in table] == [VZ, BBC, "https://b.example/"]
    assert [(place.label, place.href) for place in table[1].places] == [
        ("Footnote 2", "article/#fn:2"),
        ("Fact-check: Uzbekistan left the CSTO for good in 2012, after suspending …", "article/#fc-uz"),
        ("Translator's note", "article/#fc-tn-alliance")]
    assert table[2].source.status == "unknown" and table[1].source.status == "dead"
