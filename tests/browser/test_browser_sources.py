"""The sources page in a browser: every address the article cites is listed, each place leads back to
where it is cited, and the page fits a phone without scrolling sideways."""
import pytest
from playwright.sync_api import expect

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def cited_urls(page, url: str) -> set[str]:
    """The addresses in the footnotes of an article page, as the reader's browser resolves them."""
    page.goto(url)
    return set(page.locator("div.footnote li a:not(.footnote-backref)").evaluate_all(
        "links => links.map(a => a.href)"))


@pytest.mark.parametrize(("article", "sources"), [("article/", "sources/"), ("en/article/", "en/sources/")])
def test_every_footnote_address_is_listed(page, server, article, sources):
    cited = cited_urls(page, server.url(article))
    assert len(cited) >= 15
    page.goto(server.url(sources))
    footnotes = page.locator("#sources-footnotes + ol.sources-places")
    expect(footnotes).to_be_visible()
    listed = set(footnotes.locator("a.source-url").evaluate_all("links => links.map(a => a.href)"))
    assert cited <= listed, f"not on the sources page: {sorted(cited - listed)[:5]}"
    # No ledger in the tests' build: no status anywhere, and the line saying when the first check runs.
    assert page.locator(".source-status").count() == 0
    expect(page.locator(".sources-summary")).to_contain_text("Mon" if "en/" in sources else "montags")


def test_a_sources_row_leads_to_where_it_is_cited(page, server):
    page.goto(server.url("sources/"))
    place = page.locator("#sources-fact-checks + ol .sources-place__name a").first
    href = place.get_attribute("href")
    place.click()
    page.wait_for_load_state()
    target = href.split("#")[1]
    expect(page.locator(f'[id="{target}"]')).to_be_in_viewport()


def test_the_sources_page_fits_a_phone(context_factory, server):
    page = context_factory(**PHONE).new_page()
    page.goto(server.url("sources/"))
    expect(page.locator("ol.sources-places").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
