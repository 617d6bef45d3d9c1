"""Validate every data file that editors change, in seconds: what `make check` runs.

Each check raises DataError with `file:line: problem; allowed: …`; all checks run, all errors print.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from edition import footnotes
from edition.datafile import DataError
from linkcheck import ledger

PROJECT = Path(__file__).resolve().parent.parent

# (what is checked, the function that loads and validates it) — one entry per kind of data file.
CHECKS: list[tuple[str, Callable[[Path], object]]] = [
    ("footnote audit (data/footnotes.yml)", lambda root: footnotes.load(root / "data" / "footnotes.yml")),
    ("link ledger (data/links.json)", lambda root: ledger.check_file(root / "data" / "links.json")),
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


def main() -> int:
    errors = run()
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) in the data files.", file=sys.stderr)
        return 1
    print(f"All data files are valid ({len(CHECKS)} checks).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
