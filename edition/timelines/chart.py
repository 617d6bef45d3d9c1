"""The membership chart: geometry and wording for overrides/partials/membership-chart.html (inline SVG).

One row per state, a bar per membership, hatched or dotted stretches for a suspension or freeze,
a year axis from 1992 to the build date, a legend, and the same facts as a text list.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from edition.timelines import dates
from edition.timelines.labels import UI
from edition.timelines.membership import Period
from edition.timelines.model import PartialDate, When
from edition.timelines.table import state_name

TEMPLATE = "partials/membership-chart.html"

@dataclass(frozen=True)
class Layout:
    """One drawing of the chart, in SVG user units: names beside the bars (wide screens) or above them (phones).

    Both are in the page; CSS shows the one that fits, so a phone sees every year at a readable size
    instead of a shrunken or sideways-scrolling wide chart.
    """

    name: str  # "wide" or "narrow": the CSS class and the suffix of the SVG's ids
    width: int
    plot_left: int  # where 1992 starts; wide: after the state names
    right: int
    row_height: int
    name_above: bool  # narrow: the state's name stands above its bar
    legend_in_column: bool  # narrow: one legend entry per line


WIDE = Layout("wide", 720, 118, 12, 26, False, False)
NARROW = Layout("narrow", 360, 17, 17, 38, True, True)  # room for half of "1992" and "2024"
LAYOUTS = (WIDE, NARROW)
TOP = 8
BAR_HEIGHT = 14
AXIS_HEIGHT = 26
LEGEND_LINE = 22
FIRST_YEAR = 1992
LABEL_EVERY = 4  # years between labelled ticks
LEGEND_OFFSETS = (0, 150, 370)  # wide: where each legend entry starts after plot_left


def view(periods: dict[str, tuple[Period, ...]], language: str, today: datetime.date) -> dict:
    """Everything the chart template needs, in the page's language, as of `today`."""
    states = sorted(periods, key=lambda code: state_name(code, language).casefold())
    rows = [{"code": code, "name": state_name(code, language), "text": _row_text(code, periods[code], language)}
            for code in states]
    as_of = dates.format_partial(PartialDate(today.year, today.month, today.day), language)
    return {
        "layouts": [_layout(layout, periods, states, language, today) for layout in LAYOUTS],
        "rows": rows,
        "title": UI["chart-title"][language],
        "desc": UI["chart-desc"][language].format(date=as_of),
        "text_heading": UI["chart-text"][language],
        "scroll_label": UI["scroll"][language],
        "today": today.isoformat(),
    }


def _layout(layout: Layout, periods: dict[str, tuple[Period, ...]], states: list[str], language: str,
            today: datetime.date) -> dict:
    start = datetime.date(FIRST_YEAR, 1, 1)
    plot_right = layout.width - layout.right
    plot = plot_right - layout.plot_left

    def x(day: datetime.date) -> float:
        return round(layout.plot_left + (day - start).days / (today - start).days * plot, 1)

    rows = []
    for index, code in enumerate(states):
        y = TOP + index * layout.row_height
        # Narrow: the name on the row's first 18 units, the bar below it.
        bar_y = y + 19 if layout.name_above else y + (layout.row_height - BAR_HEIGHT) / 2
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
                     "label_x": layout.plot_left if layout.name_above else layout.plot_left - 8,
                     "label_y": y + 9 if layout.name_above else y + layout.row_height / 2,
                     "label_anchor": "start" if layout.name_above else "end",
                     "bar_y": bar_y, "bars": bars})
    axis_y = TOP + len(states) * layout.row_height
    ticks = [{"year": year, "x": x(datetime.date(year, 1, 1)), "label": (year - FIRST_YEAR) % LABEL_EVERY == 0}
             for year in range(FIRST_YEAR, today.year + 1)]
    legend_y = axis_y + AXIS_HEIGHT
    statuses = ("member", "suspended", "frozen")
    if layout.legend_in_column:
        legend = [{"status": status, "label": UI[status][language], "x": layout.plot_left,
                   "y": legend_y + 4 + number * LEGEND_LINE} for number, status in enumerate(statuses)]
    else:
        legend = [{"status": status, "label": UI[status][language], "x": layout.plot_left + offset,
                   "y": legend_y + 6} for status, offset in zip(statuses, LEGEND_OFFSETS)]
    lines = len(statuses) if layout.legend_in_column else 1
    return {
        "name": layout.name,
        "width": layout.width,
        "height": legend_y + 8 + lines * LEGEND_LINE,
        "plot_left": layout.plot_left,
        "plot_right": plot_right,
        "top": TOP,
        "axis_y": axis_y,
        "bar_height": BAR_HEIGHT,
        "rows": rows,
        "ticks": ticks,
        "legend": legend,
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
