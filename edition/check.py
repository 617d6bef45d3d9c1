"""Validate every data file that editors change, in seconds: what `make check` runs.

Each check raises DataError with `file:line: problem; allowed: …`; all checks run, all errors print.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Callable

from edition import annotations, footnotes
from edition.datafile import DataError
from edition.timelines import project as timelines
from edition import ledger

PROJECT = Path(__file__).resolve().parent.parent

# (what is checked, the function that loads and validates it) — one entry per kind of data file.
CHECKS: list[tuple[str, Callable[[Path], object]]] = [
    ("footnote audit (data/footnotes.yml)", lambda root: footnotes.load(root / "data" / "footnotes.yml")),
    ("annotations (data/annotations/*.yml, anchored in docs/*/article.md)", annotations.check),
    ("timelines (data/timelines/*.yml and the pages' timeline markers)", timelines.check),
    ("link ledger (data/links.json)", lambda root: ledger.check_file(root / "data" / "links.json")),
]

# (what is looked at, the function that returns warning lines) — reminders that do not fail the check.
WARNINGS: list[tuple[str, Callable[[Path, date], list[str]]]] = [
    ("annotations due for review", lambda root, today: annotations.due_for_review(annotations.load_all(root), today)),
]


def run(root: Path = PROJECT) -> list[str]:
    """Run every check; return the error lines (empty when all data is valid)."""
    errors = []
    for _, check in CHECKS:
        try:
            check(root)
        except DataError as error:
            errors.append(str(error))
    return errors


def warnings(root: Path = PROJECT, today: date | None = None) -> list[str]:
    """Every warning line (such as annotations due for review); data that fails to load gives none."""
    lines = []
    for _, warn in WARNINGS:
        try:
            lines.extend(warn(root, today or date.today()))
        except DataError:
            pass  # already reported by run()
    return lines


def main(root: Path = PROJECT, today: date | None = None) -> int:
    errors = run(root)
    for line in warnings(root, today):
        print(f"warning: {line}")
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) in the data files.", file=sys.stderr)
        return 1
    print(f"All data files are valid ({len(CHECKS)} checks).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
