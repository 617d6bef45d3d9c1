"""The membership chart: geometry and wording for overrides/partials/membership-chart.html (inline SVG).

One row per state, a bar per membership, hatched or dotted stretches for a suspension or freeze,
a year axis from 1992 to the build date, a legend, and the same facts as a text list.
"""
from __future__ import annotations

import datetime

from edition.timelines import dates
from edition.timelines.labels import UI
from edition.timelines.membership import Period
from edition.timelines.model import PartialDate, When
from edition.timelines.table import state_name

TEMPLATE = "partials/membership-chart.html"

# Layout in SVG user units; the SVG scales to the column width (CSS sets a minimum for phones).
WIDTH = 720
LABEL_WIDTH = 118
RIGHT = 12
TOP = 8
ROW_HEIGHT = 26
BAR_HEIGHT = 14
AXIS_HEIGHT = 26
LEGEND_HEIGHT = 30
FIRST_YEAR = 1992
LABEL_EVERY = 4  # years between labelled ticks


def view(periods: dict[str, tuple[Period, ...]], language: str, today: datetime.date) -> dict:
    """Everything the chart template needs, in the page's language, as of `today`."""
    start = datetime.date(FIRST_YEAR, 1, 1)
    plot = WIDTH - LABEL_WIDTH - RIGHT

    def x(day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - start).days / (today - start).days * plot, 1)

    states = sorted(periods, key=lambda code: state_name(code, language).casefold())
    rows = []
    for index, code in enumerate(states):
        y = TOP + index * ROW_HEIGHT
        bars = []
        for period in periods[code]:
            end_day = period.end.last() if period.end else today
            bars.append({
                "status": period.status,
                "x": x(period.start.first()),
                "width": round(max(x(min(end_day, today)) - x(period.start.first()), 1.5), 1),
                "title": f"{state_name(code, language)}: {_period_text(period, language)}",
            })
        rows.append({"code": code, "name": state_name(code, language), "y": y,
                     "label_y": y + ROW_HEIGHT / 2, "bar_y": y + (ROW_HEIGHT - BAR_HEIGHT) / 2, "bars": bars,
                     "text": _row_text(code, periods[code], language)})
    axis_y = TOP + len(states) * ROW_HEIGHT
    ticks = [{"year": year, "x": x(datetime.date(year, 1, 1)), "label": (year - FIRST_YEAR) % LABEL_EVERY == 0}
             for year in range(FIRST_YEAR, today.year + 1)]
    legend_y = axis_y + AXIS_HEIGHT
    as_of = dates.format_partial(PartialDate(today.year, today.month, today.day), language)
    return {
        "width": WIDTH,
        "height": legend_y + LEGEND_HEIGHT,
        "plot_left": LABEL_WIDTH,
        "plot_right": WIDTH - RIGHT,
        "top": TOP,
        "axis_y": axis_y,
        "bar_height": BAR_HEIGHT,
        "rows": rows,
        "ticks": ticks,
        "legend_y": legend_y,
        "legend": [{"status": status, "label": UI[status][language], "x": LABEL_WIDTH + offset}
                   for status, offset in (("member", 0), ("suspended", 150), ("frozen", 370))],
        "title": UI["chart-title"][language],
        "desc": UI["chart-desc"][language].format(date=as_of),
        "text_heading": UI["chart-text"][language],
        "scroll_label": UI["scroll"][language],
        "today": today.isoformat(),
    }


def render(env, periods: dict[str, tuple[Period, ...]], language: str, today: datetime.date) -> str:
    """The chart's HTML (figure, SVG and text list), from the same Jinja template in MkDocs and in tests."""
    html = env.get_template(TEMPLATE).render(**view(periods, language, today))
    # Blank lines would end the raw HTML block inside the page's Markdown.
    return "\n".join(line for line in html.splitlines() if line.strip())


def _when(period: Period) -> When:
    return When(period.start, period.end, ongoing=period.end is None)


def _row_text(code: str, periods: tuple[Period, ...], language: str) -> str:
    """One state's periods as a sentence: "Mitglied 15. Mai 1992 – April 1999; …"."""
    return "; ".join(_period_text(period, language) for period in periods)


def _period_text(period: Period, language: str) -> str:
    return f"{UI[period.status][language]} {dates.format_when(_when(period), language)}"
