"""Where the timelines meet the rest of the project: the data folder, the article's paragraph ids,
the annotation ids, and the timeline markers in the pages. `make check` and the hook both use it.
"""
from __future__ import annotations

from pathlib import Path

from edition import blocks, markers
from edition.datafile import DataError, read_text, shown_path
from edition.timelines import load
from edition.timelines.model import Timeline

DATA = Path("data") / "timelines"
ARTICLE = Path("docs") / "de" / "article.md"  # the original: its ids are the ones entries may name
ANNOTATIONS = Path("data") / "annotations"


def paragraph_ids(root: Path) -> set[str]:
    """The ids an entry may name: the German article's paragraphs and highlighted statements."""
    return {block.id for block in blocks.read(root / ARTICLE).blocks if block.id.startswith("p-")}


def annotation_ids(root: Path) -> set[str]:
    return {path.stem for path in (root / ANNOTATIONS).glob("*.yml")}


def load_timelines(root: Path) -> dict[str, Timeline]:
    """Every timeline of the project, validated against the article and the annotations."""
    return load.load_all(root / DATA, paragraph_ids(root), annotation_ids(root))


def check_markers(text: str, path: Path | str, names: set[str]) -> None:
    """Fail on a timeline marker without a name or with a name that is not a file in data/timelines/."""
    for match in markers.MARKER.finditer(text):
        if match.group(1) != "timeline":
            continue
        arguments = match.group(2).split()
        line = text.count("\n", 0, match.start()) + 1
        allowed = ", ".join(sorted(names))
        if len(arguments) != 1:
            raise DataError(path, line, "a timeline marker needs exactly one timeline name",
                            f"<!-- edition:timeline NAME --> with NAME one of {allowed}")
        if arguments[0] not in names:
            raise DataError(path, line, f"unknown timeline {arguments[0]!r} in <!-- edition:timeline {arguments[0]} -->",
                            f"{allowed} (the files in {DATA.as_posix()}/)")


def check(root: Path) -> dict[str, Timeline]:
    """What `make check` runs: the data files, then every page's timeline markers."""
    timelines = load_timelines(root)
    for page in sorted((root / "docs").glob("*/**/*.md")):
        check_markers(read_text(shown_path(page)), page.relative_to(root), set(timelines))
    return timelines
