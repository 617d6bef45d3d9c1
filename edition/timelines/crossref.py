"""Links between the article and the timelines: entry → paragraph, paragraph → its entries.

Paragraph links go to the article in the page's language, or to the German original while the
translation lacks that paragraph. Paragraph → entry links are appended after the paragraph's HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from edition.timelines import dates
from edition.timelines.labels import UI
from edition.timelines.model import Entry, Timeline


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    lang: str | None = None  # set when the target is in another language than the page
    event: str | None = None  # what happened, shown next to the date


@dataclass(frozen=True)
class ArticleTarget:
    """Where a page reaches the article: this language's article and the German original."""

    href: str  # this language's article page, relative to the current page
    ids: frozenset[str]  # block ids this language's article has
    original_href: str  # the German article page, relative to the current page
    annotation_ids: frozenset[str] = frozenset()  # the editors' notes the article page shows

    def paragraph(self, paragraph_id: str, language: str) -> Link:
        number = paragraph_id.split("-", 1)[1]
        if paragraph_id in self.ids:
            return Link(f"{self.href}#{paragraph_id}", UI["paragraph"][language].format(number=number))
        return Link(f"{self.original_href}#{paragraph_id}", UI["paragraph-de"][language].format(number=number),
                    lang="de")

    def annotation(self, annotation_id: str, language: str) -> Link | None:
        """A link to an editors' note on the article page, or None while the site does not show it."""
        if annotation_id not in self.annotation_ids:
            return None
        # The annotations feature's permalink: "fc-" keeps notes apart from footnotes and block ids.
        return Link(f"{self.href}#fc-{annotation_id}", UI["annotation"][language])


def entries_by_paragraph(timelines: Iterable[Timeline]) -> dict[str, list[tuple[Timeline, Entry]]]:
    """For each paragraph id, the timeline entries that name it, in date order."""
    found: dict[str, list[tuple[Timeline, Entry]]] = {}
    for timeline in timelines:
        for entry in timeline.entries:
            for paragraph_id in entry.paragraphs:
                found.setdefault(paragraph_id, []).append((timeline, entry))
    for pairs in found.values():
        pairs.sort(key=lambda pair: pair[1].when.sort_key())
    return found


def entry_links(pairs: list[tuple[Timeline, Entry]], language: str,
                href_of: Callable[[Timeline, Entry], str]) -> list[Link]:
    """Links from a paragraph to its entries: the date as link text, the event beside it."""
    return [Link(href_of(timeline, entry), dates.format_partial(entry.when.start, language, short=True),
                 event=entry.text[language])
            for timeline, entry in pairs]


_PARAGRAPH = re.compile(r'<p\b[^>]*\bid="(?P<id>[kps]-\d+)"[^>]*>.*?</p>', re.DOTALL)


def append_after_paragraphs(html: str, snippets: dict[str, str]) -> str:
    """Insert each snippet right after the paragraph whose id it is keyed by (<p id="p-6">…</p>)."""
    def insert(match: re.Match) -> str:
        return match.group(0) + snippets.get(match.group("id"), "")

    return _PARAGRAPH.sub(insert, html)


REFS_TEMPLATE = "partials/timeline-refs.html"


def render_refs(env, links: list[Link], language: str) -> str:
    """Under a paragraph, a closed disclosure that lists its timeline entries (dates alone are ambiguous)."""
    return env.get_template(REFS_TEMPLATE).render(label=UI["refs"][language], links=links).strip()
