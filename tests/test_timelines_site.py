"""The built timeline pages: both languages, every table and the chart, dates worded per language,
and links from article paragraphs to timeline entries and back that land on existing ids."""
import re
from urllib.parse import urlsplit

import pytest

from edition.timelines import crossref, dates, membership
from edition.timelines import project as timeline_project
from htmlsite import page, resolve

LANGUAGES = [("de", ""), ("en", "en/")]


@pytest.fixture(scope="module")
def timelines(project):
    return timeline_project.load_timelines(project)


def target(site, page_path: str, href: str):
    """The element a link inside the site points to (None if the page or the id is missing)."""
    path = resolve(page_path, href)
    fragment = urlsplit(href).fragment
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    if not file.exists():
        return None
    return page(site, path).find(id=fragment) if fragment else page(site, path)


@pytest.mark.parametrize("language, root", LANGUAGES)
def test_timeline_page_has_every_timeline_and_the_chart(site, timelines, language, root):
    soup = page(site, root + "timeline/")
    assert soup.html["lang"] == language
    captions = [caption.get_text() for caption in soup.select("table.timeline-table caption")]
    assert sorted(captions) == sorted(timeline.title[language] for timeline in timelines.values())
    svg = soup.select_one("figure.membership-chart svg[role=img]")
    assert svg.find("title").get_text() and svg.find("desc").get_text()
    states = membership.periods(timelines["membership"])
    assert len(soup.select("details.membership-chart-text li")) == len(states) == len(soup.select(".membership-chart--wide g.membership-row"))
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids on the timeline page"


@pytest.mark.parametrize("language, root, title", [("de", "", "Zeitleisten"), ("en", "en/", "Timelines")])
def test_the_navigation_names_the_page_in_its_language(site, language, root, title):
    links = [a for a in page(site, root + "article/").select("nav.md-nav a.md-nav__link") if a.get_text(strip=True) == title]
    assert links and resolve(root + "article/", links[0]["href"]) == root + "timeline/"


@pytest.mark.parametrize("language, root, day, month", [
    ("de", "", r"\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}",
     r"(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}"),
    ("en", "en/", r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}",
     r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"),
])
def test_every_entry_shows_its_date_worded_for_the_language(site, timelines, language, root, day, month):
    soup = page(site, root + "timeline/")
    pattern = {"day": day, "month": month, "year": r"\d{4}"}
    for timeline in timelines.values():
        for entry in timeline.entries:
            time = soup.select_one(f'tr[id="{entry.id}"] th[scope=row] time')
            assert time["datetime"] == entry.when.start.iso, entry.id
            assert re.fullmatch(pattern[entry.when.start.precision], time.get_text()), (entry.id, time.get_text())
    # One worked example each, as a reader sees it.
    expected = {"de": "24. September 1993", "en": "24 September 1993"}[language]
    assert soup.select_one('tr[id="membership-1993-09-24"] time').get_text() == expected


def test_german_paragraphs_and_entries_link_to_each_other(site, timelines):
    article = page(site, "article/")
    checked = 0
    for paragraph_id, pairs in crossref.entries_by_paragraph(timelines.values()).items():
        paragraph = article.find(id=paragraph_id)
        refs = paragraph.find_next_sibling()
        assert "timeline-refs" in refs.get("class", []), paragraph_id
        hrefs = [a["href"] for a in refs.select("a")]
        assert hrefs == [f"../timeline/#{entry.id}" for _, entry in pairs]
        for href, (_, entry) in zip(hrefs, pairs):
            row = target(site, "article/", href)
            assert row is not None and row.name == "tr", href
            back = [a["href"] for a in row.select(".timeline-paragraphs a")]
            assert f"../article/#{paragraph_id}" in back
            assert target(site, "timeline/", f"../article/#{paragraph_id}")["id"] == paragraph_id
            checked += 1
    assert checked >= 20


def test_english_entries_link_to_the_translation_or_the_german_original(site, timelines):
    soup = page(site, "en/timeline/")
    links = soup.select(".timeline-paragraphs a")
    assert links
    for link in links:
        element = target(site, "en/timeline/", link["href"])
        assert element is not None, link["href"]
        in_german = resolve("en/timeline/", link["href"]).startswith("article/")
        assert (link.get("hreflang") == "de") == in_german, link["href"]


def test_english_paragraphs_that_exist_link_to_their_entries(site, timelines):
    article = page(site, "en/article/")
    paragraphs = crossref.entries_by_paragraph(timelines.values())
    for paragraph_id in paragraphs:
        paragraph = article.find(id=paragraph_id)
        if paragraph is None:
            continue  # not translated yet: the German original carries the link
        refs = paragraph.find_next_sibling()
        assert "timeline-refs" in refs.get("class", []), paragraph_id
        for a in refs.select("a"):
            assert target(site, "en/article/", a["href"]) is not None
