"""The membership chart and the timeline tables in headless Chromium: readable in the light and the
dark scheme (contrast measured on the computed colours), and no sideways scrolling page on a phone."""
import datetime
import re

import pytest

pytestmark = pytest.mark.browser


def rgba(text: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour, ground):
    """A possibly translucent colour as it shows on an opaque ground."""
    alpha = colour[3]
    return tuple(colour[i] * alpha + ground[i] * (1 - alpha) for i in range(3))


def contrast(first, second) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


COLOURS = """() => {
  const style = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
  return {
    ground: style('body', 'backgroundColor'),
    label: style('g.membership-row text', 'fill'),
    year: style('g.membership-grid text', 'fill'),
    member: style('rect.membership-member', 'fill'),
    scheme: document.body.getAttribute('data-md-color-scheme'),
  };
}"""


@pytest.mark.parametrize("scheme, material", [("light", "default"), ("dark", "slate")])
def test_chart_is_readable_in_both_schemes(browser, server, tmp_path, scheme, material):
    tab = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab.goto(server.url("timeline/"))
    colours = tab.evaluate(COLOURS)
    tab.locator("figure.membership-chart").screenshot(path=str(tmp_path / f"chart-{scheme}.png"))
    tab.close()
    assert colours["scheme"] == material
    ground = rgba(colours["ground"])[:3]
    assert contrast(over(rgba(colours["label"]), ground), ground) >= 4.5, colours
    assert contrast(over(rgba(colours["year"]), ground), ground) >= 4.5, colours
    assert contrast(over(rgba(colours["member"]), ground), ground) >= 3, colours  # non-text contrast


@pytest.mark.parametrize("path", ["timeline/", "en/timeline/", "article/"])
def test_no_sideways_scrolling_page_on_a_phone(browser, server, path):
    tab = browser.new_page(viewport={"width": 375, "height": 800})
    tab.goto(server.url(path))
    widths = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    stacked = tab.evaluate("() => Array.from(document.querySelectorAll('.timeline-table tr'))"
                           ".every(row => getComputedStyle(row).display === 'block')")
    tab.close()
    assert widths[0] <= widths[1], widths
    assert stacked  # each entry is a block with labelled cells, not a squeezed table row


VISIBLE_CHART = """() => {
  const inside = (box, width) => (box.width > 0 || box.height > 0) && box.left >= 0 && box.right <= width + 0.5;
  const width = window.innerWidth;
  const shown = Array.from(document.querySelectorAll('#membership-chart svg'))
    .filter(svg => svg.getBoundingClientRect().width > 0);
  const svg = shown[0];
  const region = svg.parentElement;
  return {
    shown: shown.length,
    fits: inside(svg.getBoundingClientRect(), width) && region.scrollWidth <= region.clientWidth,
    years: Array.from(svg.querySelectorAll('line[data-year]'))
      .filter(line => inside(line.getBoundingClientRect(), width)).map(line => Number(line.dataset.year)),
    legend: Array.from(svg.querySelectorAll('.membership-legend text'))
      .filter(text => inside(text.getBoundingClientRect(), width)).map(text => text.textContent),
    frozen: Array.from(svg.querySelectorAll('rect.membership-frozen'))
      .filter(rect => inside(rect.getBoundingClientRect(), width)).length,
    fontSize: parseFloat(getComputedStyle(svg.querySelector('.membership-row text')).fontSize)
      * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
  };
}"""


@pytest.mark.parametrize("path, legend", [
    ("timeline/", ["Mitglied", "Mitgliedschaft ausgesetzt", "Beteiligung eingefroren"]),
    ("en/timeline/", ["Member", "Membership suspended", "Participation frozen"]),
])
def test_at_390_px_the_chart_shows_every_year_and_its_legend_without_scrolling(browser, server, path, legend):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(server.url(path))
    tab.locator("#membership-chart").scroll_into_view_if_needed()
    chart = tab.evaluate(VISIBLE_CHART)
    tab.close()
    assert chart["shown"] == 1 and chart["fits"], chart
    assert chart["years"] == list(range(1992, datetime.date.today().year + 1)), chart["years"]
    assert chart["legend"] == legend
    assert chart["frozen"] >= 1 + 1  # the 2024 Armenian freeze, in the chart and in the legend
    assert chart["fontSize"] >= 11, chart  # names and years at a readable size, not a shrunken wide chart
