"""The landing page says what the edition adds with figures from the data and working links; every
page's footer names the edition, the licences, where to report an error and the build date."""
from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from jinja2 import Environment, FileSystemLoader

from edition import about, annotations, citations, footnotes
from edition.annotations.model import VERDICTS
from edition.site import build_site
from edition.timelines import project as timelines
from htmlsite import page

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = Environment(loader=FileSystemLoader(str(PROJECT / "overrides")))
ROOTS = {"de": "", "en": "en/"}
NAMES = {"de": "Die OVKS und Russland – eine geprüfte Edition", "en": "The CSTO and Russia – a checked edition"}
CORRECTIONS = "https://example.org/edition/issues/new"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site as the deploy workflow builds it, with the address for error reports set."""
    site_dir = tmp_path_factory.mktemp("site-published")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDITION_CORRECTIONS_URL", CORRECTIONS)
        patch.setenv("SOURCE_DATE_EPOCH", "1764806400")  # 4 December 2025, 00:00 UTC
        build_site(site_dir, strict=True, site_url="http://127.0.0.1:8000/")
    return site_dir


@pytest.mark.parametrize("language", ROOTS)
def test_the_landing_page_counts_what_the_data_holds(site, language):
    home = page(site, ROOTS[language])
    additions = home.select_one("ul.edition-additions")
    data = annotations.load_all(PROJECT)
    facts = [item for item in data if item.is_fact_check]
    counts = Counter(item.verdict.code for item in facts)
    shown = {item.select_one(".verdict")["class"][1].removeprefix("verdict-"):
             int(item.select_one(".edition-verdicts__count").get_text()) for item in additions.select(".edition-verdicts li")}
    assert shown == {code: counts.get(code, 0) for code in VERDICTS}  # the whole scale, with each verdict's count
    text = additions.get_text(" ", strip=True)
    every = timelines.load_timelines(PROJECT)
    for figure in (len(facts), len(data) - len(facts), len(every), sum(len(t.entries) for t in every.values()),
                   len(citations.collect(PROJECT)), len(footnotes.load(PROJECT / "data" / "footnotes.yml"))):
        assert re.search(rf"\b{figure}\b", text), figure
    for verdict in VERDICTS.values():
        assert verdict.definition[language] in text


@pytest.mark.parametrize("language", ROOTS)
def test_every_link_of_the_landing_page_leads_to_a_page_of_the_site(site, language):
    base = "http://site/" + ROOTS[language]
    targets = set()
    for link in page(site, ROOTS[language]).select("ul.edition-additions a"):
        address = urlsplit(urljoin(base, link["href"]))
        path = address.path.removeprefix("/")
        assert (site / path / "index.html").exists(), link["href"]
        assert not address.fragment or page(site, path).find(id=address.fragment) is not None, link["href"]
        targets.add(path.removeprefix("en/") + ("#" + address.fragment if address.fragment else ""))
    assert {"article/", "fact-checks/", "fact-checks/#verdicts", "timeline/", "parallel/", "sources/"} <= targets


@pytest.mark.parametrize("language, words", [
    ("de", "Die Stiftung nennt für diese Veröffentlichung keine Lizenz"),
    ("en", "The foundation states no licence for this publication"),
])
def test_the_landing_page_states_both_licences(site, language, words):
    licence = " ".join(p.get_text(" ", strip=True) for p in page(site, ROOTS[language]).select(".edition-licence"))
    assert words in licence
    assert page(site, ROOTS[language]).select_one('.edition-licence a[rel="license"]')["href"].startswith(
        "https://creativecommons.org/licenses/")


def test_every_page_has_the_footer_with_the_report_link_and_the_build_date(published):
    pages = sorted(published.rglob("*.html"))
    assert len(pages) > 10 and any(path.name == "404.html" for path in pages)
    for path in pages:
        relative = path.relative_to(published).as_posix()
        language = "en" if relative.startswith("en/") else "de"
        footer = page(published, relative.removesuffix("index.html")).select_one("footer .edition-footer")
        assert footer is not None, relative
        assert NAMES[language] in footer.get_text(), relative
        assert footer.select_one('a[rel="license"]')["href"].startswith("https://creativecommons.org/")
        assert footer.find("a", href=CORRECTIONS) is not None, relative
        assert footer.select_one("time")["datetime"] == "2025-12-04", relative
    assert "Stand: 4. Dezember 2025" in page(published, "").select_one(".edition-footer").get_text()
    assert "Built 4 December 2025" in page(published, "en/").select_one(".edition-footer").get_text()
    assert page(published, "").select_one(f'.edition-corrections a[href="{CORRECTIONS}"]')


def test_a_preview_without_the_address_says_where_it_comes_from(site):
    assert "EDITION_CORRECTIONS_URL" in page(site, "").select_one(".edition-corrections").get_text()
    assert page(site, "").select_one(".edition-footer").find("a", string="Fehler melden") is None


@pytest.mark.parametrize("edition, problem", [
    ({"language": "de"}, "extra.edition.licence needs a name and an https url"),
    ({"language": "de", "licence": {"name": "CC BY 4.0", "url": "http://x"}}, "needs a name and an https url"),
    ({"language": "de", "licence": {"name": "CC BY 4.0", "url": "https://x"}, "corrections": "javascript:alert(1)"},
     "is not an address"),
])
def test_bad_settings_fail_with_what_is_allowed(edition, problem):
    with pytest.raises(ValueError, match=problem):
        about.settings({"edition": edition})


def test_the_footer_escapes_the_settings():
    settings = about.settings({"edition": {"language": "en", "corrections": "https://x.org/?a=1&b=<2>",
                                           "licence": {"name": "CC <BY>", "url": "https://x.org/l"}}})
    html = TEMPLATES.get_template("partials/copyright.html").render(
        edition_footer=about.footer("A & B", settings, datetime.datetime(2026, 1, 2)))
    assert "A &amp; B" in html and "CC &lt;BY&gt;" in html and 'href="https://x.org/?a=1&amp;b=&lt;2&gt;"' in html
    assert "Built 2 January 2026" in html
