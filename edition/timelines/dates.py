"""Partial dates: parsing what editors write, and wording them for a reader in each language.

"1993-09-24" reads "24. September 1993" / "24 September 1993"; "1993-09" reads "September 1993".
"""
from __future__ import annotations

import re

from babel.dates import format_date, format_skeleton

from edition.timelines.labels import UI
from edition.timelines.model import PartialDate, When

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Babel locale per edition language: British English writes "24 September 1993", not "September 24".
BABEL_LOCALE = {"de": "de", "en": "en_GB"}
ALLOWED = ('"YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes; a range as "START/END", '
           'an ongoing one as "START/.."')


def parse_date(text: str) -> PartialDate:
    """A partial date; ValueError names what is wrong with the text."""
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date")
    year, month, day = (int(part) if part else None for part in match.groups())
    date = PartialDate(year, month, day)
    try:
        date.first()
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the calendar") from None
    return date


def parse_when(text: str) -> When:
    """One date or a range; ValueError on a bad date or a range that ends before it starts."""
    if "/" not in text:
        return When(parse_date(text))
    start_text, end_text = text.split("/", 1)
    start = parse_date(start_text)
    if end_text == "..":
        return When(start, ongoing=True)
    end = parse_date(end_text)
    if end.last() < start.first():
        raise ValueError(f"the range {text!r} ends before it starts")
    return When(start, end)


def format_partial(date: PartialDate, language: str, *, short: bool = False) -> str:
    """The date as a reader of this language writes it, at the precision known (short: "24.09.1993")."""
    locale = BABEL_LOCALE[language]
    if date.precision == "day":
        return format_date(date.first(), "medium" if short else "long", locale=locale)
    if date.precision == "month":
        return format_skeleton("yMMM" if short else "yMMMM", date.first(), locale=locale)
    return str(date.year)


def format_when(when: When, language: str) -> str:
    """A date, a range "A – B", or an ongoing range "seit A" / "since A", as plain text."""
    start = format_partial(when.start, language)
    if when.ongoing:
        return UI["since"][language].format(date=start)
    if when.end:
        return f"{start} – {format_partial(when.end, language)}"
    return start
