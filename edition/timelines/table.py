"""A timeline as a table for one language: the view data that overrides/partials/timeline-table.html shows.

Dates are worded for the language with their machine-readable form for <time datetime>.
"""
from __future__ import annotations

from babel import Locale

from edition.timelines import dates
from edition.timelines.crossref import ArticleTarget
from edition.timelines.labels import KINDS, UI
from edition.timelines.model import Entry, PartialDate, Timeline, When

TEMPLATE = "partials/timeline-table.html"


def state_name(code: str, language: str) -> str:
    return Locale.parse(dates.BABEL_LOCALE[language]).territories[code]


def time_view(when: When, language: str) -> dict:
    """A date or range as parts the template wraps in <time> elements."""
    def point(date: PartialDate) -> dict:
        return {"iso": date.iso, "text": dates.format_partial(date, language)}

    before, after = UI["since"][language].split("{date}")
    return {"start": point(when.start), "end": point(when.end) if when.end else None,
            "ongoing": when.ongoing, "since_before": before, "since_after": after}


def row(timeline: Timeline, entry: Entry, language: str, article: ArticleTarget) -> dict:
    notes = [UI[flag][language] for flag in ("acting", "cancelled") if getattr(entry, flag)]
    return {
        "id": entry.id,
        "when": time_view(entry.when, language),
        "kind": KINDS[timeline.name][entry.kind][language] if entry.kind else None,
        "name": entry.name[language] if entry.name else None,
        "notes": notes,
        "text": entry.text[language],
        "response": entry.response[language] if entry.response else None,
        "states": [state_name(code, language) for code in entry.states],
        "sources": [{"url": source.url, "title": source.title, "publisher": source.publisher,
                     "date": dates.format_partial(source.date, language)} for source in entry.sources],
        "paragraphs": [article.paragraph(paragraph_id, language) for paragraph_id in entry.paragraphs],
        "annotations": [link for link in (article.annotation(annotation_id, language)
                                          for annotation_id in entry.annotations) if link],
    }


def view(timeline: Timeline, language: str, article: ArticleTarget) -> dict:
    """Everything the table template needs, in the page's language."""
    has_response = any(entry.response for entry in timeline.entries)
    has_name = any(entry.name for entry in timeline.entries)
    return {
        "name": timeline.name,
        "language": language,
        "title": timeline.title[language],
        "intro": timeline.intro[language] if timeline.intro else None,
        "headers": {key: UI[key][language] for key in
                    ("date", "term", "event", "person", "response", "states", "sources", "in-text")},
        "date_header": UI["term" if has_name else "date"][language],
        "has_response": has_response,
        "has_name": has_name,
        "rows": [row(timeline, entry, language, article) for entry in timeline.entries],
    }


def render(env, timeline: Timeline, language: str, article: ArticleTarget) -> str:
    """The table's HTML, from the same Jinja template in MkDocs and in tests."""
    return _compact(env.get_template(TEMPLATE).render(**view(timeline, language, article)))


def _compact(html: str) -> str:
    # Blank lines would end the raw HTML block inside the page's Markdown.
    return "\n".join(line for line in html.splitlines() if line.strip())
