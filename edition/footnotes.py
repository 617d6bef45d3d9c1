"""The author's footnotes: their URLs as printed, the URLs as mended, and why.

`data/footnotes.yml` is the audit record; `mend` replays its decisions so a test can check them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from edition import datafile
from edition.datafile import DataError

DECISIONS = ("join", "drop-hyphen", "keep-hyphen")


@dataclass(frozen=True)
class Break:
    decision: str
    reason: str


@dataclass(frozen=True)
class Footnote:
    number: int
    printed: str
    url: str
    breaks: tuple[Break, ...]
    line: int


def mend(printed: str, breaks: tuple[Break, ...] | list[Break]) -> str:
    """The URL that the printed form and the recorded line-break decisions give."""
    text = re.sub(r" \.", ".", printed.strip())
    parts = re.split(r"\n+", text)
    if len(parts) - 1 != len(breaks):
        raise ValueError(f"{len(parts) - 1} line breaks but {len(breaks)} decisions")
    url = parts[0]
    for part, decision in zip(parts[1:], breaks):
        if decision.decision == "drop-hyphen":
            if not url.endswith("-"):
                raise ValueError(f"'drop-hyphen' at a break without a hyphen: …{url[-20:]}")
            url = url[:-1]
        elif decision.decision == "keep-hyphen" and not url.endswith("-"):
            raise ValueError(f"'keep-hyphen' at a break without a hyphen: …{url[-20:]}")
        url += part
    return url


def load(path: Path | str) -> list[Footnote]:
    """Read and validate data/footnotes.yml."""
    entries = datafile.expect_sequence(path, datafile.load(path), 1, "the file")
    footnotes, problems = [], datafile.Problems()
    for entry, line in zip(entries, entries.item_lines):
        with problems.each():
            footnotes.append(_footnote(path, entry, line))
    problems.raise_any()
    numbers = [footnote.number for footnote in footnotes]
    if numbers != list(range(1, len(numbers) + 1)):
        raise DataError(path, entries.line, f"footnote numbers are {numbers}", "1, 2, 3, … in order")
    return footnotes


def _footnote(path: Path | str, entry, line: int) -> Footnote:
    entry = datafile.expect_mapping(path, entry, line, "each footnote")
    datafile.check_keys(path, entry, ["number", "printed", "url", "breaks"])
    if not isinstance(entry["number"], int):
        raise DataError(path, entry.line_of("number"), "'number' must be a whole number", "1 to 19")
    breaks_list = entry["breaks"] if entry["breaks"] is not None else datafile.Sequence()
    breaks = []
    for item in datafile.expect_sequence(path, breaks_list, entry.line_of("breaks"), "'breaks'"):
        item = datafile.expect_mapping(path, item, entry.line_of("breaks"), "each break")
        datafile.check_keys(path, item, ["decision", "reason"])
        breaks.append(Break(datafile.choice_field(path, item, "decision", DECISIONS),
                            datafile.text_field(path, item, "reason")))
    footnote = Footnote(entry["number"], datafile.text_field(path, entry, "printed"),
                        datafile.text_field(path, entry, "url"), tuple(breaks), entry.line)
    try:
        mended = mend(footnote.printed, footnote.breaks)
    except ValueError as error:
        raise DataError(path, entry.line_of("breaks"), str(error),
                        "one decision per line break: " + ", ".join(DECISIONS)) from None
    if mended != footnote.url:
        raise DataError(path, entry.line_of("url"),
                        f"footnote {footnote.number}: the decisions give {mended!r}, not the url",
                        "a url equal to the printed form mended by its decisions")
    return footnote
