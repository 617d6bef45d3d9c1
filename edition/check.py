"""Validate every data file that editors change, in seconds: what `make check` runs.

Each check raises DataError (or DataErrors, several at once) with `file:line: problem; allowed: …`;
all checks run and every error of every file prints, one line each.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Callable

from edition import annotations, blocks, footnotes
from edition.datafile import DataError, Problems, read_text, shown_path
from edition.timelines import project as timelines
from edition import ledger

PROJECT = Path(__file__).resolve().parent.parent

# The articles come first: while one of them has a broken block id, anchors are not looked for in it
# (every "not found" would point at the wrong passage); the annotation files are still checked.
ARTICLES = ("articles' encoding, block ids and footnotes (docs/*/article.md)", blocks.check)
# (what is checked, the function that loads and validates it) — one entry per kind of data file.
CHECKS: list[tuple[str, Callable[[Path], object]]] = [
    ("pages as UTF-8 (docs/*/*.md)", lambda root: _pages_readable(root)),
    ARTICLES,
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
    """Run every check; return the error lines (empty when all data is valid), each once, in the order found."""
    errors: list[str] = []
    articles_whole = True
    for entry in CHECKS:
        check = entry[1]
        if check is annotations.check and not articles_whole:
            check = annotations.load_all
        try:
            check(root)
        except DataError as error:
            errors.extend(str(one) for one in error.errors)
            articles_whole = articles_whole and entry is not ARTICLES
    return list(dict.fromkeys(errors))


def _pages_readable(root: Path) -> None:
    problems = Problems()
    for page in sorted((root / "docs").glob("*/**/*.md")):
        with problems.each():
            read_text(shown_path(page))
    problems.raise_any()


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
