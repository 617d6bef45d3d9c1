"""The timelines page in a browser: every table with one row per entry, the membership chart drawn,
tables that scroll inside themselves on a phone, and the way back and forth from the article."""
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

TIMELINES = Path(__file__).resolve().parents[2] / "data" / "timelines"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def entries_per_timeline() -> dict[str, int]:
    return {file.stem: len(yaml.safe_load(file.read_text(encoding="utf-8"))["entries"])
            for file in sorted(TIMELINES.glob("*.yml"))}


@pytest.mark.parametrize("path", ["timeline/", "en/timeline/"])
def test_every_timeline_shows_one_row_per_entry(page, server, path):
    page.goto(server.url(path))
    expected = entries_per_timeline()
    assert expected, "no timeline data"
    for name, count in expected.items():
        table = page.locator(f"#timeline-{name} table")
        expect(table).to_be_visible()
        expect(table.locator("tbody tr")).to_have_count(count)
        expect(table.locator("caption")).not_to_be_empty()


@pytest.mark.parametrize(("path", "state"), [("timeline/", "Armenien"), ("en/timeline/", "Armenia")])
def test_the_membership_chart_is_drawn_with_named_rows(page, server, path, state):
    page.goto(server.url(path))
    chart = page.locator("#membership-chart .membership-chart--wide svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    bars = page.locator("#membership-chart .membership-chart--wide .membership-row rect.membership-bar")
    assert bars.count() >= page.locator("#membership-chart .membership-chart--wide .membership-row").count() > 5
    assert all(bars.nth(i).bounding_box()["width"] > 0 for i in range(bars.count()))
    expect(page.locator("#membership-chart .membership-chart--wide .membership-row text", has_text=state)).to_have_count(1)


def test_on_a_phone_the_tables_scroll_inside_the_page(context_factory, server):
    page = context_factory(**PHONE).new_page()
    page.goto(server.url("timeline/"))
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    expect(page.locator(".timeline-table").first).to_be_visible()


def test_a_paragraphs_timeline_link_leads_to_its_entry(page, server):
    page.goto(server.url("article/"))
    refs = page.locator("details.timeline-refs").first
    refs.locator("summary").click()
    link = refs.locator("a").first
    expect(link).to_be_visible()
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/timeline/#{target}")
    expect(page.locator(f'[id="{target}"]')).to_be_in_viewport()
