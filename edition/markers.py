"""Marker comments: the protocol between a page's Markdown and the build, like Material's shortcodes.

A page says `<!-- edition:timeline membership -->`; the feature's hook replaces it. A marker left in
the HTML (unknown name, or a feature that did not run) fails the build.
"""
from __future__ import annotations

import re
from typing import Callable

MARKER = re.compile(r"<!--\s*edition:([\w-]+)((?:\s+[^\s>-][^\s>]*)*)\s*-->")

# Every marker name the edition knows, with what replaces it (documented for editors).
KNOWN: dict[str, str] = {
    "timeline": "a timeline table: <!-- edition:timeline NAME --> with NAME a file in data/timelines/",
    "membership-chart": "the membership chart (SVG) of data/timelines/membership.yml",
    "fact-checks": "the overview of every fact-check annotation",
    "parallel": "the German and English texts side by side, block by block",
    "sources": "every cited URL with its status and archived copy",
    "additions": "what the edition adds, with counts from the data and links (the landing page)",
    "licence": "the licences of the text and of our additions (mkdocs.yml extra.edition.licence)",
    "corrections": "how to report an error (mkdocs.yml extra.edition.corrections)",
}


class MarkerError(ValueError):
    """A marker that cannot be replaced; the message names the marker and what is allowed."""


def find(text: str, name: str | None = None) -> list[tuple[str, list[str]]]:
    """The markers in a text, as (name, arguments), optionally only those with one name."""
    found = [(m.group(1), m.group(2).split()) for m in MARKER.finditer(text)]
    return [marker for marker in found if name is None or marker[0] == name]


def replace(text: str, name: str, render: Callable[[list[str]], str]) -> str:
    """Replace every marker with this name by what render(arguments) returns."""
    return MARKER.sub(lambda m: render(m.group(2).split()) if m.group(1) == name else m.group(0), text)


def check_none_left(html: str, page: str) -> None:
    """Fail on any marker still in a page's HTML: an unknown name, or a feature that did not run."""
    for name, args in find(html):
        marker = " ".join(["edition:" + name, *args])
        if name not in KNOWN:
            raise MarkerError(f"{page}: unknown marker <!-- {marker} -->; allowed: {', '.join(KNOWN)}")
        raise MarkerError(f"{page}: marker <!-- {marker} --> was not replaced ({KNOWN[name]})")
