"""The two languages: each page's switch lands on the same page in the other language."""
from edition.languages import alternate_links, site_url_for
from htmlsite import pages

SITE_URL = "http://127.0.0.1:8000/"  # the address tests/conftest.py builds the site for


def test_switch_links_point_to_the_same_page():
    assert alternate_links("article/", "https://example.org/edition/") == [
        {"name": "Deutsch", "link": "https://example.org/edition/article/", "lang": "de"},
        {"name": "English", "link": "https://example.org/edition/en/article/", "lang": "en"}]
    assert [link["link"] for link in alternate_links("", "https://example.org/")] == [
        "https://example.org/", "https://example.org/en/"]


def test_english_site_address_is_below_the_german_root():
    assert site_url_for("https://example.org/edition/", "en") == "https://example.org/edition/en/"
    assert site_url_for("https://example.org/edition", "de") == "https://example.org/edition/"


def test_every_built_switch_link_reaches_the_matching_page(site):
    checked = 0
    for path, soup in pages(site):
        if path.endswith("404.html"):
            continue
        here = path[3:] if path.startswith("en/") else path
        for link in soup.select("a.md-select__link[hreflang]"):
            assert link["href"].startswith(SITE_URL), link["href"]
            target = link["href"][len(SITE_URL):]
            expected = ("en/" if link["hreflang"] == "en" else "") + here.removesuffix("index.html")
            assert target == expected, (path, link["href"])
            hreflang = soup.select_one(f'link[rel=alternate][hreflang={link["hreflang"]}]')
            assert hreflang["href"] == link["href"]
            assert (site / target / "index.html").exists() or (site / target).is_file(), target
            checked += 1
    assert checked >= 4


def test_each_language_has_its_lang_and_search_language(site):
    for path, soup in pages(site):
        assert soup.html["lang"] == ("en" if path.startswith("en/") else "de"), path
    assert (site / "search" / "search_index.json").read_text().count('"lang":["de"]') == 1
    assert (site / "en" / "search" / "search_index.json").read_text().count('"lang":["en"]') == 1
