"""The two languages: each page's switch lands on the same page in the other language, on any host."""
import os
from posixpath import normpath

import pytest

from edition.languages import alternate_links, site_url_for, switch_links
from edition.site import build_site
from htmlsite import pages

SITE_URL = "http://127.0.0.1:8000/"  # the address tests/conftest.py builds the site for


def test_switch_links_point_to_the_same_page():
    assert alternate_links("article/", "https://example.org/edition/") == [
        {"name": "Deutsch", "link": "https://example.org/edition/article/", "lang": "de"},
        {"name": "English", "link": "https://example.org/edition/en/article/", "lang": "en"}]
    assert [link["link"] for link in alternate_links("", "https://example.org/")] == [
        "https://example.org/", "https://example.org/en/"]


def test_switch_links_are_relative_to_the_page():
    assert [link["link"] for link in switch_links("article/", "de")] == ["./", "../en/article/"]
    assert [link["link"] for link in switch_links("article/", "en")] == ["../../article/", "./"]
    assert [link["link"] for link in switch_links("", "en")] == ["../", "./"]


def test_english_site_address_is_below_the_german_root():
    assert site_url_for("https://example.org/edition/", "en") == "https://example.org/edition/en/"
    assert site_url_for("https://example.org/edition", "de") == "https://example.org/edition/"


def test_every_built_switch_link_reaches_the_matching_page(site):
    checked = 0
    for path, soup in pages(site):
        if path.endswith("404.html"):
            continue
        here = path[3:] if path.startswith("en/") else path
        folder = path.removesuffix("index.html")
        for link in soup.select("a.md-select__link[hreflang]"):
            # Relative: the switch works on whatever host and port serves the site.
            assert "://" not in link["href"] and not link["href"].startswith("/"), link["href"]
            target = normpath(folder + link["href"]) + "/"
            expected = ("en/" if link["hreflang"] == "en" else "") + here.removesuffix("index.html")
            assert target.removeprefix("./") == (expected or "./").removeprefix("./") or target == "./" + expected, \
                (path, link["href"])
            # The head's hreflang alternates are absolute, from SITE_URL, as search engines require.
            hreflang = soup.select_one(f'link[rel=alternate][hreflang={link["hreflang"]}]')
            assert hreflang["href"] == SITE_URL + expected
            assert (site / expected / "index.html").exists() or (site / expected).is_file(), expected
            checked += 1
    assert checked >= 4


def test_each_language_has_its_lang_and_search_language(site):
    for path, soup in pages(site):
        assert soup.html["lang"] == ("en" if path.startswith("en/") else "de"), path
    assert (site / "search" / "search_index.json").read_text().count('"lang":["de"]') == 1
    assert (site / "en" / "search" / "search_index.json").read_text().count('"lang":["en"]') == 1


@pytest.fixture(scope="module")
def local_site(tmp_path_factory):
    """Built as `make build` does without SITE_URL: the site does not know its address."""
    site_dir = tmp_path_factory.mktemp("local-site")
    saved = os.environ.pop("SITE_URL", None)
    try:
        build_site(site_dir, strict=True)
    finally:
        if saved is not None:
            os.environ["SITE_URL"] = saved
    return site_dir


def test_a_build_without_site_url_names_no_host(local_site):
    checked = 0
    for path, soup in pages(local_site):
        html = str(soup)
        assert "127.0.0.1" not in html and "localhost" not in html, path
        assert not soup.select('link[rel=canonical], link[rel=alternate][hreflang]'), path
        assert not soup.select('script[type="application/ld+json"]'), path
        if not path.endswith("404.html"):
            assert len(soup.select("a.md-select__link[hreflang]")) == 2, path
            checked += 1
    assert checked >= 4
    assert "://" not in (local_site / "annotations.jsonld").read_text(encoding="utf-8").split('"type": "Annotation"')[1][:200]
