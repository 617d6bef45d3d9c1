"""The annotations as open data: W3C Web Annotations (annotations.jsonld) and schema.org ClaimReview.

Plain dictionaries ready for json.dumps; the hook writes them into the built site and the article page.
"""
from __future__ import annotations

import json
from typing import Sequence

from edition.annotations.anchoring import Anchored

# The publication every claim comes from (schema.org Claim.appearance).
ORIGINAL = {
    "@type": "CreativeWork",
    "name": "Die Organisation des Vertrags über kollektive Sicherheit (OVKS) und Russland: "
            "Warum ist die OVKS nicht zur „russischen NATO“ geworden?",
    "url": "https://russia.fes.de/en/events/ovks-und-russland-warum-ist-die-ovks-nicht-zur-russischen-nato-geworden.html",
    "inLanguage": "de",
    "datePublished": "2023-09",
    "author": {"@type": "Person", "name": "Dmitri Stratievski"},
    "publisher": {"@type": "Organization", "name": "Friedrich-Ebert-Stiftung"},
}
EDITORS = {"de": "Redaktion der Edition „Die OVKS und Russland“",
           "en": "Editors of the edition “The CSTO and Russia”"}


def web_annotations(placed: Sequence[Anchored], language: str, page_url: str, collection_url: str,
                    site_url: str) -> dict:
    """Every annotation placed in this language as a W3C Web Annotation collection (one embedded page)."""
    items = [_web_annotation(item, language, page_url, site_url) for item in placed]
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection_url,
        "type": "AnnotationCollection",
        "label": EDITORS[language],
        "total": len(items),
        "first": {"id": collection_url + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def claim_reviews(placed: Sequence[Anchored], language: str, page_url: str, site_url: str) -> dict:
    """One schema.org graph: a ClaimReview per fact-check placed in this language, with the article they
    come from, its author and the editors given once and referred to by @id (compact, for the page)."""
    original, author, editors = f"{page_url}#original", f"{page_url}#author", f"{site_url}#editors"
    reviews = [{
        "@type": "ClaimReview",
        "url": f"{page_url}#{item.annotation.permalink}",
        "claimReviewed": item.annotation.claim[language],
        "reviewRating": {"@type": "Rating", "alternateName": item.annotation.verdict.label[language]},
        "author": {"@id": editors},
        # The contract keeps one date per annotation: the last review is when this finding was published.
        "datePublished": item.annotation.reviewed.date,
        "itemReviewed": {"@type": "Claim", "author": {"@id": author}, "datePublished": ORIGINAL["datePublished"],
                         "appearance": {"@id": original}},
    } for item in placed if item.annotation.is_fact_check]
    if not reviews:
        return {}
    return {
        "@context": "https://schema.org",
        "@graph": [
            {**ORIGINAL, "@id": original, "author": {"@id": author}},
            {**ORIGINAL["author"], "@id": author},
            {**_editors(language, site_url), "@id": editors},
            *({**review, "inLanguage": language} for review in reviews),
        ],
    }


def json_for_script(data) -> str:
    """JSON that is safe inside <script type="application/ld+json"> (no "</script>" can end it early)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _web_annotation(item: Anchored, language: str, page_url: str, site_url: str) -> dict:
    annotation, match = item.annotation, item.match
    # A translator's note may have its note in English only; the body then says so.
    note_language = language if language in annotation.note else next(iter(annotation.note))
    bodies = [{"type": "TextualBody", "purpose": "commenting", "format": "text/markdown",
               "language": note_language, "value": annotation.note[note_language]}]
    if annotation.verdict:
        bodies.append({"type": "TextualBody", "purpose": "assessing", "language": language,
                       "value": annotation.verdict.label[language]})
    return {
        "id": f"{page_url}#{annotation.permalink}",
        "type": "Annotation",
        "motivation": "assessing" if annotation.is_fact_check else "commenting",
        "creator": {"type": "Organization", "name": EDITORS[language], "homepage": site_url},
        "modified": annotation.reviewed.date,
        "body": bodies,
        "target": {
            "source": page_url,
            "selector": _text_quote(match),
        },
    }


def _text_quote(match) -> dict:
    # prefix and suffix are optional in the W3C model: a phrase that opens or ends its paragraph has none.
    selector = {"type": "TextQuoteSelector", "exact": match.exact}
    selector.update({key: value for key, value in (("prefix", match.prefix), ("suffix", match.suffix)) if value})
    return selector


def _editors(language: str, site_url: str) -> dict:
    return {"@type": "Organization", "name": EDITORS[language], "url": site_url}
