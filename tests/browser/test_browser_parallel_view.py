"""The parallel view in a browser: both languages side by side on a desktop, stacked on a phone."""
import pytest
from playwright.sync_api import expect

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("path", ["parallel/", "en/parallel/"])
def test_both_languages_stand_side_by_side_on_a_desktop(page, server, path):
    page.goto(server.url(path + "#p-12"))
    pair = page.locator("#p-12")
    expect(pair).to_be_in_viewport()
    german, english = pair.locator('.parallel-cell[lang="de"]'), pair.locator('.parallel-cell[lang="en"]')
    expect(german).to_be_visible()
    expect(english).to_be_visible()
    left, right = german.bounding_box(), english.bounding_box()
    assert left["x"] + left["width"] <= right["x"], "the English column is not beside the German one"
    assert abs(left["y"] - right["y"]) < 2, "the two languages of a paragraph do not start level"
    assert german.inner_text() != english.inner_text()


def test_both_languages_are_stacked_on_a_phone(context_factory, server):
    page = context_factory(**PHONE).new_page()
    page.goto(server.url("parallel/#p-12"))
    german = page.locator('#p-12 .parallel-cell[lang="de"]').bounding_box()
    english = page.locator('#p-12 .parallel-cell[lang="en"]').bounding_box()
    assert german["y"] + german["height"] <= english["y"], "German should stand above English"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize(("lang", "article"), [("de", "article/"), ("en", "en/article/")])
def test_a_cells_link_leads_to_the_paragraph_in_that_languages_article(page, server, lang, article):
    page.goto(server.url("parallel/#p-12"))
    page.locator(f'#p-12 .parallel-cell[lang="{lang}"] a.parallel-cell__link').click()
    page.wait_for_url(server.url(article + "#p-12"))
    expect(page.locator("#p-12")).to_be_in_viewport()
