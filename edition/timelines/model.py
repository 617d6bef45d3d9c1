"""The records a timeline file becomes: frozen dataclasses, one per thing an editor writes.

Validation lives in load.py; these classes only hold what passed it.
"""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("de", "en")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day ("1993", "1993-09", "1993-09-24")."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """The form an HTML <time datetime> accepts, at the precision the editor gave."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> datetime.date:
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


@dataclass(frozen=True)
class When:
    """One date, or a range start/end; an open range (end "..") is still going on."""

    start: PartialDate
    end: PartialDate | None = None
    ongoing: bool = False

    def sort_key(self) -> tuple:
        end = self.end.first() if self.end else datetime.date.max
        return (self.start.first(), self.start.precision != "year", end)


@dataclass(frozen=True)
class Text:
    """The same words in each language of the edition."""

    de: str
    en: str

    def __getitem__(self, language: str) -> str:
        return getattr(self, language)


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    publisher: str
    date: PartialDate
    kind: str = ""  # one of edition.annotations.model.SOURCE_KINDS; "" where a file does not say yet


@dataclass(frozen=True)
class Entry:
    id: str  # the anchor on the timeline page: "<timeline>-<start date>", "-2", "-3" on the same day
    when: When
    text: Text
    states: tuple[str, ...]
    sources: tuple[Source, ...]
    paragraphs: tuple[str, ...] = ()
    annotations: tuple[str, ...] = ()
    kind: str | None = None  # what the timeline's schema allows, e.g. "accession" or "secretary-general"
    name: Text | None = None  # leaders: the person, transliterated per language
    response: Text | None = None  # conflicts: what the alliance did or did not do
    acting: bool = False  # leaders: an acting (interim) term
    cancelled: bool = False  # exercises: planned but called off
    line: int = 0


@dataclass(frozen=True)
class Timeline:
    name: str  # the file name without .yml, used in <!-- edition:timeline NAME -->
    title: Text
    entries: tuple[Entry, ...]
    path: Path
    intro: Text | None = None

