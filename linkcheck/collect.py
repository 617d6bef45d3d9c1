"""Collecting every cited URL: the Markdown pages of both languages and the data files' sources.

One CitedUrl per URL, with every place that cites it and the citation date the ledger keeps.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from edition import datafile
from edition.datafile import DataError
from linkcheck import extract
from linkcheck.types import Citation, CitedUrl

# The author's footnotes were cited when the analysis was published.
FOOTNOTE_DATE = "2023-09"
# Data files whose entries cite sources as `sources: [{url: …}]`, and the name of one entry.
SOURCE_FOLDERS = {"annotations": "annotation", "timelines": "timeline"}


def collect(root: Path, paths: Iterable[Path] | None = None, today: str | None = None) -> list[CitedUrl]:
    """The URLs cited in `paths` (files or folders), or everything the site cites when none are given."""
    root = root.resolve()
    files = _files(root, paths)
    found: dict[str, list[Citation]] = {}
    dates: dict[str, str] = {}
    footnote_urls = _footnote_urls(root)
    for file in files:
        cited = _from_markdown(root, file) if file.suffix == ".md" else _from_data(root, file)
        for url, citation, when in cited:
            found.setdefault(url, []).append(citation)
            if when and (url not in dates or when < dates[url]):
                dates[url] = when
    today = today or date.today().isoformat()
    return [CitedUrl(url, tuple(citations),
                     FOOTNOTE_DATE if url in footnote_urls else dates.get(url, today))
            for url, citations in found.items()]


def _files(root: Path, paths: Iterable[Path] | None) -> list[Path]:
    defaults = paths is None
    if defaults:
        paths = [root / "docs", *(root / "data" / folder for folder in SOURCE_FOLDERS)]
    files: list[Path] = []
    for path in paths:
        path = (root / path).resolve() if not Path(path).is_absolute() else Path(path)
        if path.is_dir():
            files.extend(sorted(item for item in path.rglob("*") if item.suffix in (".md", ".yml")))
        elif path.is_file():
            files.append(path)
        elif not defaults:  # a default data folder may not exist yet; a named path must
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


def _relative(root: Path, file: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def _language(root: Path, file: Path) -> str:
    parts = Path(_relative(root, file)).parts
    return parts[1] if len(parts) > 2 and parts[0] == "docs" else ""


def _from_markdown(root: Path, file: Path) -> list[tuple[str, Citation, str]]:
    name, language = _relative(root, file), _language(root, file)
    return [(link.url, Citation(name, link.line, language, f"footnote {link.footnote}" if link.footnote else ""), "")
            for link in extract.links(file.read_text(encoding="utf-8"))]


def _from_data(root: Path, file: Path) -> list[tuple[str, Citation, str]]:
    """`sources[].url` anywhere in the file, named by the entry's id or date (or the file's name).

    The citation date is the annotation's `reviewed.date`, else the timeline entry's `date`.
    """
    kind = SOURCE_FOLDERS.get(file.parent.name, "data")
    name = _relative(root, file)
    document = datafile.load(file)
    found: list[tuple[str, Citation, str]] = []

    def walk(value, label: str, when: str) -> None:
        if isinstance(value, datafile.Sequence):
            for child in value:
                walk(child, label, when)
            return
        if not isinstance(value, datafile.Mapping):
            return
        if value is not document:  # an entry inside the file (a timeline's events)
            entry = value.get("id") or value.get("date")
            label = f"{kind} {file.stem}#{entry}" if isinstance(entry, (str, int)) else label
            # A period ("2012-06/2012-12-19", "2024-02-22/..") is cited from its start.
            when = value["date"].split("/")[0] if isinstance(value.get("date"), str) else when
        reviewed = value.get("reviewed")
        if isinstance(reviewed, datafile.Mapping) and isinstance(reviewed.get("date"), str):
            when = reviewed["date"]
        sources = value.get("sources")
        for source in sources if isinstance(sources, datafile.Sequence) else []:
            if isinstance(source, datafile.Mapping) and isinstance(source.get("url"), str):
                found.append((source["url"].strip(), Citation(name, source.line_of("url"), "", label), when))
        for key, child in value.items():
            if key != "sources":
                walk(child, label, when)

    walk(document, f"{kind} {file.stem}", "")
    return found


def _footnote_urls(root: Path) -> set[str]:
    """The URLs of the author's footnotes (data/footnotes.yml), whose citation date is fixed."""
    path = root / "data" / "footnotes.yml"
    if not path.exists():
        return set()
    try:
        entries = datafile.load(path)
    except DataError:
        return set()
    return {entry["url"] for entry in entries or [] if isinstance(entry, dict) and isinstance(entry.get("url"), str)}
