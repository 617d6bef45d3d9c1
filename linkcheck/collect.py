"""Collecting the URLs to check: the edition's one collection of cited URLs (edition/citations.py),
for everything the site cites or for the files and folders named on the command line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from edition import citations
from edition.citations import CitedUrl


def collect(root: Path, paths: Iterable[Path] | None = None, today: str | None = None) -> list[CitedUrl]:
    """The URLs cited in `paths` (files or folders), or everything the site cites when none are given."""
    root = root.resolve()
    return citations.collect(root, None if paths is None else _files(root, paths), today)


def _files(root: Path, paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        path = Path(path) if Path(path).is_absolute() else (root / path).resolve()
        if path.is_dir():
            files.extend(sorted(item for item in path.rglob("*") if item.suffix in (".md", ".yml")))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files
