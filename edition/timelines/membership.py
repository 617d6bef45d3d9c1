"""Membership periods per state, derived from the events in membership.yml.

A signature, accession or return opens a membership, a withdrawal ends it; a suspension or freeze
(a date range, possibly ongoing) lies inside one. Overlaps fail with the lines involved.
"""
from __future__ import annotations

from dataclasses import dataclass

from edition.datafile import DataError
from edition.timelines.model import PartialDate, Timeline

JOINS = ("signature", "accession", "return")
LEAVES = ("withdrawal",)
# The entry kind that marks a stretch inside a membership, and the status it gives that stretch.
OVERLAYS = {"suspension": "suspended", "freeze": "frozen"}


@dataclass(frozen=True)
class Period:
    state: str
    status: str  # "member", or an OVERLAYS status drawn over a membership
    start: PartialDate
    end: PartialDate | None  # None: still going on
    line: int  # the line of the entry that began it


def periods(timeline: Timeline) -> dict[str, tuple[Period, ...]]:
    """Every state's periods in date order; DataError on overlapping or unopened periods."""
    result: dict[str, list[Period]] = {}
    for state in sorted({state for entry in timeline.entries for state in entry.states}):
        result[state] = _periods_of(timeline, state)
    return {state: tuple(found) for state, found in result.items()}


def _periods_of(timeline: Timeline, state: str) -> list[Period]:
    path = timeline.path
    found: list[Period] = []
    current: Period | None = None  # the membership still open while walking the events
    for entry in (entry for entry in timeline.entries if state in entry.states):
        start = entry.when.start
        if entry.kind in JOINS:
            if current:
                raise DataError(path, entry.line, f"{state}: this {entry.kind} overlaps the membership "
                                f"begun at line {current.line}, which has not ended",
                                "one membership at a time: a withdrawal before the next signature, accession or return")
            current = Period(state, "member", start, None, entry.line)
        elif entry.kind in LEAVES:
            if not current:
                raise DataError(path, entry.line, f"{state}: a withdrawal without a membership to end",
                                "a signature, accession or return before each withdrawal")
            _check_overlays_end_by(path, found, current, start, entry.line)
            found.append(Period(state, "member", current.start, start, current.line))
            current = None
        elif entry.kind in OVERLAYS:
            status = OVERLAYS[entry.kind]
            if not current:
                raise DataError(path, entry.line, f"{state}: a {entry.kind} outside any membership",
                                "a suspension or freeze within a membership (after its signature, accession or return)")
            for other in found:
                if other.status != "member" and other.start.first() >= current.start.first() and \
                        (other.end is None or other.end.last() > start.first()):
                    raise DataError(path, entry.line, f"{state}: this {entry.kind} overlaps the one at line {other.line}",
                                    "one suspension or freeze at a time, each ending before the next begins")
            found.append(Period(state, status, start, entry.when.end, entry.line))
    if current:
        found.append(current)
    return sorted(found, key=lambda period: (period.start.first(), period.status != "member"))


def _check_overlays_end_by(path, found: list[Period], membership: Period, end: PartialDate, line: int) -> None:
    for other in found:
        if other.status != "member" and other.start.first() >= membership.start.first() and \
                (other.end is None or other.end.first() > end.last()):
            raise DataError(path, other.line, f"{other.state}: this {other.status} stretch runs past the withdrawal "
                            f"at line {line}", "a suspension or freeze that ends by the withdrawal")
