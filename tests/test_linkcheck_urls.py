"""URL handling without a network: request targets kept byte for byte, home pages, siblings, IRIs."""
from __future__ import annotations

import random

import pytest

from linkcheck import urls


@pytest.mark.parametrize("url, target", [
    ("https://ria.ru", "/"),
    ("https://ria.ru?x=1", "/?x=1"),
    ("https://ria.ru/a%2db/?q=%41#frag", "/a%2db/?q=%41"),
    ("http://www.ferghana.ru/news.php?id=14928&mode=snews", "/news.php?id=14928&mode=snews"),
    ("https://example.org/search?", "/search?"),
])
def test_the_request_target_is_the_path_and_query_as_written(url, target):
    assert urls.request_target(url) == target


def test_an_iri_becomes_a_uri_and_existing_escapes_stay():
    assert urls.to_uri("https://пример.рф/союз?q=%d0%be a") == \
        "https://xn--e1afmkfd.xn--p1ai/%D1%81%D0%BE%D1%8E%D0%B7?q=%d0%be%20a"


@pytest.mark.parametrize("url, home", [
    ("https://tass.ru", True), ("https://tass.ru/", True), ("https://tass.ru/ru/", True),
    ("https://tass.ru/index.php", True), ("https://tass.ru/politika/16408427", False),
    ("https://tass.ru/?id=5", False), ("https://tass.ru/news/", False), ("https://www.gov.kz/?lang=ru", True),
    ("https://www.gov.kz/index.php?language=kk", True), ("https://www.gov.kz/?lang=ru&id=5", False),
])
def test_home_pages(url, home):
    assert urls.is_home_page(url) is home


@pytest.mark.parametrize("url, languages", [
    ("https://mfa.am/ru/", {"ru"}), ("https://mfa.am/am/", {"am", "hy"}), ("https://akorda.kz/kz", {"kk"}),
    ("https://gov.uz/oz/", {"uz"}), ("https://www.mid.ru/en-us/", {"en"}), ("https://x.org/uz-Latn/", {"uz"}),
    ("https://x.org/ru_RU/index.php", {"ru"}), ("https://x.org/eng/", {"en"}), ("https://x.org/ua/", {"uk"}),
    # Short paths that are no language, and language-led paths that are not just the root.
    ("https://x.org/ok", set()), ("https://x.org/tv", set()), ("https://x.org/go/", set()),
    ("https://x.org/api/", set()), ("https://x.org/ru/news/", set()), ("https://x.org/ru/?page=2", set()),
])
def test_language_roots_are_language_tags_alone(url, languages):
    assert urls.language_root(url) == languages


def test_the_leading_language_of_a_deep_link():
    assert urls.leading_language("https://www.president.kg/ru/news/1") == {"ru"}
    assert urls.leading_language("https://x.org/tv/news/1") == frozenset()


def test_a_sibling_changes_the_identifying_part_only():
    rng = random.Random(1)
    numeric = urls.sibling("https://tass.ru/politika/16408427", rng)
    assert numeric.startswith("https://tass.ru/politika/") and numeric != "https://tass.ru/politika/16408427"
    assert numeric.rsplit("/", 1)[1].isdigit()
    query = urls.sibling("http://www.ferghana.ru/news.php?id=14928&mode=snews", rng)
    assert query.startswith("http://www.ferghana.ru/news.php?id=") and query.endswith("&mode=snews")
    assert "id=14928&" not in query
    slug = urls.sibling("https://www.belvpo.com/%D0%BE%D0%B4%D0%BA%D0%B1/", rng)
    assert slug.startswith("https://www.belvpo.com/lc") and slug.endswith("/")


def test_a_location_with_raw_utf8_bytes_is_mended():
    raw = "/союз".encode("utf-8").decode("latin-1")  # how http.client hands over raw header bytes
    assert urls.resolve_location("https://a.example/x/y", raw) == "https://a.example/%D1%81%D0%BE%D1%8E%D0%B7"



def test_a_proxy_in_the_environment_is_still_used(monkeypatch):
    """The session skips the environment when nothing there concerns it (for speed), but honours a proxy."""
    from linkcheck import transport
    from tests.linkserver import Reply, Server
    proxy = Server()
    proxy.routes["http://cited.example/news/1"] = Reply(200, "через прокси")
    try:
        for name in ("HTTP_PROXY", "NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("http_proxy", proxy.url())
        answer = transport.session().get("http://cited.example/news/1", timeout=5)
        assert answer.status_code == 200 and proxy.targets() == ["http://cited.example/news/1"]
    finally:
        proxy.close()
