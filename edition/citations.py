"""Every URL the edition cites, with every place that cites it: one collection for the Sources page and
the link checker, so both count the same addresses.

Places are the links in the Markdown pages of both languages (the author's footnotes among them) and
the sources of the annotations and timelines, read through their validating loaders (a file `make
check` refuses is refused here too, with the same line).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from edition import datafile, extract
from edition.annotations import FOLDER as ANNOTATIONS
from edition.annotations.load import load_file as load_annotation
from edition.timelines import load as timeline_load
from edition.timelines import project as timeline_project

# The author's footnotes were cited when the analysis was published.
FOOTNOTE_DATE = "2023-09"
TIMELINES = timeline_project.DATA
# What cites a URL: a footnote of the article, any other link on a page, an annotation, a timeline entry.
KINDS = ("footnote", "page", "annotation", "timeline")


# ---- Records ----

@dataclass(frozen=True)
class Citation:
    """One place that cites a URL: a file and line, and what stands there (a footnote, an annotation …)."""

    file: str  # relative to the project root, with forward slashes
    line: int
    language: str  # "de", "en" or "" for data shared by both languages
    kind: str = "page"  # one of KINDS
    id: str = ""  # the footnote's number, the annotation's id, the timeline entry's id; "" on a page

    @property
    def ref(self) -> str:
        """How a report names the place: "footnote 3", "annotation uzbekistan-exit-2012", ""."""
        return f"{self.kind} {self.id}" if self.id else ""

    def label(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where} ({self.ref})" if self.ref else where


@dataclass(frozen=True)
class CitedUrl:
    """A URL with every place it is cited; `first_cited` is the citation date for the ledger.

    `title`, `publisher` and `date` come from the first data source that gives them ("" otherwise).
    """

    url: str
    citations: tuple[Citation, ...]
    first_cited: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""


@dataclass(frozen=True)
class _Found:
    url: str
    citation: Citation
    when: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""


# ---- Collecting ----

def default_files(root: Path) -> list[Path]:
    """What the site cites: every Markdown page of both languages, every annotation and timeline file."""
    folders = [root / "docs", root / ANNOTATIONS, root / TIMELINES]
    return [file for folder in folders if folder.is_dir()
            for file in sorted(folder.rglob("*")) if file.suffix in (".md", ".yml")]


def collect(root: Path, files: Iterable[Path] | None = None, today: str | None = None) -> list[CitedUrl]:
    """The URLs cited in `files` (default: everything the site cites), one entry each, in order found."""
    root = root.resolve()
    files = default_files(root) if files is None else list(files)
    found: dict[str, list[_Found]] = {}
    for file in files:
        for item in _from_file(root, Path(file)):
            found.setdefault(item.url, []).append(item)
    today = today or date.today().isoformat()
    return [_cited(url, items, today) for url, items in found.items()]


def _cited(url: str, items: list[_Found], today: str) -> CitedUrl:
    if any(item.citation.kind == "footnote" for item in items):
        when = FOOTNOTE_DATE
    else:
        when = min((item.when for item in items if item.when), default=today)
    described = next((item for item in items if item.title), None)
    return CitedUrl(url, tuple(item.citation for item in items), when,
                    *((described.title, described.publisher, described.date) if described else ()))


def _from_file(root: Path, file: Path) -> list[_Found]:
    if file.suffix == ".md":
        return _from_markdown(root, file)
    if file.parent.name == TIMELINES.name:
        return _from_timeline(root, file)
    return _from_annotation(root, file)


def _relative(root: Path, file: Path) -> str:
    try:
        return file.resolve().relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def _from_markdown(root: Path, file: Path) -> list[_Found]:
    name = _relative(root, file)
    parts = Path(name).parts
    language = parts[1] if len(parts) > 2 and parts[0] == "docs" else ""
    return [_Found(link.url, Citation(name, link.line, language, "footnote", link.footnote) if link.footnote
                   else Citation(name, link.line, language))
            for link in extract.links(file.read_text(encoding="utf-8"))]


def _from_annotation(root: Path, file: Path) -> list[_Found]:
    """An annotation's sources; cited on the day the annotation was last reviewed."""
    annotation = load_annotation(datafile.shown_path(file))
    raw = datafile.load(file)
    name = _relative(root, file)
    return [_Found(source.url, Citation(name, item.line_of("url"), "", "annotation", annotation.id),
                   annotation.reviewed.date, source.title, source.publisher, source.date)
            for source, item in zip(annotation.sources, raw.get("sources") or ())]


def _from_timeline(root: Path, file: Path) -> list[_Found]:
    """A timeline's sources, each cited by its entry; a period is cited from its start."""
    timeline = timeline_load.load(datafile.shown_path(file), timeline_project.paragraph_ids(root), timeline_project.annotation_ids(root))
    raw = {item.line: item for item in datafile.load(file)["entries"]}
    name = _relative(root, file)
    return [_Found(source.url, Citation(name, item.line_of("url"), "", "timeline", entry.id),
                   entry.when.start.iso, source.title, source.publisher, source.date.iso)
            for entry in timeline.entries
            for source, item in zip(entry.sources, raw[entry.line]["sources"])]
