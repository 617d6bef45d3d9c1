"""The edition's annotations: fact-checks and translator's notes kept in data/annotations/*.yml.

model (records, verdicts) · load (YAML rules) · anchoring (finding phrases) · render (HTML) · exports (JSON-LD).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

from edition import blocks
from edition.datafile import Problems
from edition.annotations import anchoring
from edition.annotations.anchoring import Anchored, anchor_all
from edition.annotations.load import load_folder, parse_date
from edition.annotations.model import LANGUAGES, Annotation

FOLDER = Path("data") / "annotations"
REVIEW_INTERVAL = relativedelta(months=12)


def article_path(root: Path, language: str) -> Path:
    return root / "docs" / language / "article.md"


def load_all(root: Path) -> tuple[Annotation, ...]:
    return load_folder(root / FOLDER)


def place(root: Path, annotations: tuple[Annotation, ...], language: str) -> list[Anchored]:
    """Every annotation with an anchor in this language, found in that language's article."""
    path = article_path(root, language)
    return anchor_all(annotations, language, blocks.read(path), path.relative_to(root).as_posix())


def check(root: Path) -> tuple[Annotation, ...]:
    """What `make check` runs: every file valid, every anchor found once in its language's article.

    Every problem of every file is raised at once (DataErrors): the anchors of the valid files are
    checked even when other files are broken.
    """
    problems = Problems()
    annotations = load_folder(root / FOLDER, problems)
    for language in LANGUAGES:
        path = article_path(root, language)
        with problems.each():
            article = blocks.read(path)
            name = path.relative_to(root).as_posix()
            texts, titles = anchoring.passages(article), anchoring.headings(article)
            placeable = []
            for item in annotations:
                if language in item.anchor:
                    with problems.each():
                        anchoring.anchor(item, language, texts, name, titles)
                        placeable.append(item)
            with problems.each():
                anchor_all(placeable, language, article, name)  # phrases that overlap each other
    problems.raise_any()
    return annotations


def due_for_review(annotations: tuple[Annotation, ...], today: date) -> list[str]:
    """One warning line per annotation last reviewed more than 12 months before today."""
    due = []
    for annotation in annotations:
        reviewed = parse_date(annotation.reviewed.date)
        if reviewed + REVIEW_INTERVAL < today:
            due.append(f"{annotation.path}:{annotation.reviewed.line}: due for review: last reviewed "
                       f"{annotation.reviewed.date}, more than 12 months ago; check the sources again and "
                       f"set reviewed.date to the day you did")
    return due
