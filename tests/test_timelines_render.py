"""Timeline tables, the membership chart and the paragraph links, rendered without MkDocs.

Golden files in tests/fixtures/timelines/golden/ hold the reviewed output for the fixture data;
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_timelines_render.py` rewrites them after a
deliberate change (then read the diff before committing).
"""
import datetime
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

from edition.timelines import chart, crossref, dates, load, membership, table

FIXTURES = Path(__file__).parent / "fixtures" / "timelines"
PARAGRAPHS = {f"p-{n}" for n in range(1, 48)}
ANNOTATIONS = {"uzbekistan-exit-2012"}
AS_OF = datetime.date(2026, 11, 25)  # the chart's "today", fixed so the golden files stay still


@pytest.fixture(scope="module")
def env():
    # The same templates MkDocs uses, from a plain environment (MkDocs' own does not autoescape either).
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent.parent / "overrides")))


@pytest.fixture(scope="module")
def timelines():
    return load.load_all(FIXTURES / "data", PARAGRAPHS, ANNOTATIONS)


def article(translated=frozenset(PARAGRAPHS), notes=frozenset(ANNOTATIONS)):
    return crossref.ArticleTarget("../article/", frozenset(translated), "../../article/", frozenset(notes))


def golden(name: str, actual: str) -> str:
    path = FIXTURES / "golden" / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual + "\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").rstrip("\n")


@pytest.mark.parametrize("name, language", [("membership", "de"), ("conflicts", "en"), ("leaders", "de")])
def test_table_matches_its_reviewed_golden_file(env, timelines, name, language):
    html = table.render(env, timelines[name], language, article())
    assert html == golden(f"{name}.{language}.html", html)


@pytest.mark.parametrize("language", ["de", "en"])
def test_chart_matches_its_reviewed_golden_file(env, timelines, language):
    html = chart.render(env, membership.periods(timelines["membership"]), language, AS_OF)
    assert html == golden(f"membership-chart.{language}.html", html)


def test_chart_svg_is_well_formed_and_named_for_screen_readers(env, timelines):
    html = chart.render(env, membership.periods(timelines["membership"]), "en", AS_OF)
    svg = html[html.index("<svg"):html.index("</svg>") + len("</svg>")]
    root = ElementTree.fromstring(svg)  # raises on anything a browser's XML parser would reject
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "membership-chart-title membership-chart-desc"
    assert root.find(f"{ns}title").text.startswith("Membership of the Collective Security Treaty")
    assert "As of 25 November 2026." in root.find(f"{ns}desc").text


def test_chart_shows_suspension_and_freeze_by_pattern_not_colour_alone(env, timelines):
    soup = BeautifulSoup(chart.render(env, membership.periods(timelines["membership"]), "de", AS_OF), "html.parser")
    uzbekistan = soup.select_one('g[data-state="UZ"]')
    armenia = soup.select_one('g[data-state="AM"]')
    assert [rect["fill"] for rect in uzbekistan.select("rect.membership-suspended")] == ["url(#membership-hatch)"]
    assert [rect["fill"] for rect in armenia.select("rect.membership-frozen")] == ["url(#membership-dots)"]
    assert soup.select_one("#membership-hatch") and soup.select_one("#membership-dots")
    legend = [text.get_text() for text in soup.select(".membership-chart--wide g.membership-legend text")]
    assert legend == [text.get_text() for text in soup.select(".membership-chart--narrow g.membership-legend text")]
    assert legend == ["Mitglied", "Mitgliedschaft ausgesetzt", "Beteiligung eingefroren"]


def test_chart_bars_follow_the_dates(env, timelines):
    view = chart.view(membership.periods(timelines["membership"]), "en", AS_OF)["layouts"][0]
    rows = {row["code"]: row for row in view["rows"]}
    assert [row["name"] for row in view["rows"]] == ["Armenia", "Georgia", "Uzbekistan"]  # by name
    uzbekistan = [bar for bar in rows["UZ"]["bars"] if bar["status"] == "member"]
    # Two memberships with a gap (1999–2006) between them; the ongoing Armenian one reaches the right edge.
    assert uzbekistan[0]["x"] + uzbekistan[0]["width"] < uzbekistan[1]["x"]
    armenia = rows["AM"]["bars"][0]
    assert armenia["x"] + armenia["width"] == view["plot_right"]
    assert [tick["year"] for tick in view["ticks"] if tick["label"]] == [1992, 1996, 2000, 2004, 2008, 2012, 2016,
                                                                         2020, 2024]


def test_the_phone_drawing_has_every_year_and_the_legend_inside_its_width(env, timelines):
    wide, narrow = chart.view(membership.periods(timelines["membership"]), "en", AS_OF)["layouts"]
    assert (wide["name"], narrow["name"]) == ("wide", "narrow") and narrow["width"] <= 360
    assert [tick["year"] for tick in narrow["ticks"]] == list(range(1992, 2027))
    assert all(narrow["plot_left"] <= tick["x"] <= narrow["plot_right"] <= narrow["width"] for tick in narrow["ticks"])
    # Names stand above the bars, so the bars start at the left edge; the ongoing Armenian bar ends at the right.
    armenia = next(row for row in narrow["rows"] if row["code"] == "AM")
    assert armenia["label_anchor"] == "start" and armenia["label_y"] < armenia["bar_y"]
    assert armenia["bars"][-1]["x"] + armenia["bars"][-1]["width"] == narrow["plot_right"]
    # One legend entry per line, each inside the drawing.
    assert len({item["y"] for item in narrow["legend"]}) == 3
    assert all(item["y"] + narrow["bar_height"] <= narrow["height"] for item in narrow["legend"])


def test_chart_text_alternative_says_everything_the_bars_show(env, timelines):
    soup = BeautifulSoup(chart.render(env, membership.periods(timelines["membership"]), "en", AS_OF), "html.parser")
    items = [item.get_text(" ", strip=True) for item in soup.select("details.membership-chart-text li")]
    assert items == [
        "Armenia: Member since 15 May 1992; Participation frozen since 22 February 2024",
        "Georgia: Member 9 December 1993 – April 1999",
        "Uzbekistan: Member 15 May 1992 – April 1999; Member 23 June 2006 – 19 December 2012; "
        "Membership suspended June 2012 – 19 December 2012",
    ]


def test_table_escapes_editor_text(env, timelines):
    html = table.render(env, timelines["membership"], "en", article())
    assert "Frozen &lt;for now&gt;" in html and "Example &amp; Co." in html
    assert 'href="https://example.org/2024?a=1&amp;b=2"' in html


def test_table_rows_are_sorted_with_row_headers_and_time_elements(env, timelines):
    soup = BeautifulSoup(table.render(env, timelines["leaders"], "en", article()), "html.parser")
    rows = soup.select("tbody tr")
    assert [row["id"] for row in rows] == ["leaders-2003", "leaders-2017-01-01"]  # sorted, not file order
    header = rows[1].select_one('th[scope="row"]')
    assert [(time["datetime"], time.get_text()) for time in header.select("time")] == [
        ("2017-01-01", "1 January 2017"), ("2017-05-01", "1 May 2017")]
    assert "(acting):" in rows[1].select_one(".timeline-event").get_text()
    assert [th.get_text() for th in soup.select('thead th[scope="col"]')] == ["Term", "Person", "Event", "Sources"]


def test_untranslated_paragraphs_link_to_the_german_original(env, timelines):
    soup = BeautifulSoup(table.render(env, timelines["membership"], "en", article(translated={"p-5"})), "html.parser")
    links = {a["href"]: a for a in soup.select(".timeline-paragraphs a")}
    assert "hreflang" not in links["../article/#p-5"].attrs
    assert links["../../article/#p-6"]["hreflang"] == "de"
    assert links["../../article/#p-6"].get_text() == "paragraph 6 (German original)"


def test_notes_are_linked_only_where_the_site_shows_them(env, timelines):
    shown = BeautifulSoup(table.render(env, timelines["membership"], "de", article()), "html.parser")
    hidden = BeautifulSoup(table.render(env, timelines["membership"], "de", article(notes=())), "html.parser")
    assert [a["href"] for a in shown.select("a.timeline-annotation")] == ["../article/#fc-uzbekistan-exit-2012"]
    assert not hidden.select("a.timeline-annotation")


@pytest.mark.parametrize("text, language, expected", [
    ("1993-09-24", "de", "24. September 1993"), ("1993-09-24", "en", "24 September 1993"),
    ("1993-09", "de", "September 1993"), ("1993-09", "en", "September 1993"),
    ("1993", "de", "1993"), ("2024-02-22/..", "de", "seit 22. Februar 2024"),
    ("2024-02/..", "en", "since February 2024"), ("1992/1997-06-27", "en", "1992 – 27 June 1997"),
])
def test_dates_are_worded_for_the_language_at_their_precision(text, language, expected):
    assert dates.format_when(dates.parse_when(text), language) == expected


def test_paragraph_links_are_appended_after_the_paragraph_not_inside():
    html = '<p id="p-5" class="statement">A <em>b</em></p>\n<p id="p-6">C</p><pre><p id="p-7">x</p></pre>'
    result = crossref.append_after_paragraphs(html, {"p-5": "<div>5</div>", "p-7": "<div>7</div>"})
    assert result.startswith('<p id="p-5" class="statement">A <em>b</em></p><div>5</div>\n<p id="p-6">C</p>')
    assert '<p id="p-7">x</p><div>7</div>' in result


def test_paragraph_refs_list_each_entry_by_date_with_its_event(env, timelines):
    pairs = crossref.entries_by_paragraph(timelines.values())["p-6"]
    links = crossref.entry_links(pairs, "de", lambda timeline, entry: f"../timeline/#{entry.id}")
    assert [link.text for link in links] == ["Apr. 1999", "23.06.2006", "19.12.2012"]
    html = crossref.render_refs(env, links, "de")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("details.timeline-refs > summary").get_text() == "Zeitleiste (3)"
    assert soup.select("a")[0]["href"] == "../timeline/#membership-1999-04"
    assert soup.select("li")[0].get_text() == "Apr. 1999: Georgien und Usbekistan scheiden aus."
