"""Soft-404s: pages that answer 200 but say the cited page is not there.

No signal but the page-level phrases and the final address is enough alone (see `assess`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from linkcheck import urls
from linkcheck.pages import Page

# Phrases about the page itself (not a headline such as "Plane not found"), in the region's languages.
PAGE_PHRASES = re.compile("|".join([
    r"page (?:was )?not found", r"page (?:can ?not|could not) be found", r"page does(?: not|n't) exist",
    r"\b404\b.{0,3}not found", r"\berror\s*404\b", r"^\s*404\s*$",
    r"seite (?:wurde )?nicht gefunden", r"seite existiert nicht", r"fehler\s*404",
    r"страниц[аыу] не (?:найден[аоы]?|существует)", r"ошибка\s*404", r"запрашиваем\w* страниц\w* не",
    r"сторінк[аиу] не (?:знайден[оаі]|існує)", r"сторінку не знайдено", r"помилка\s*404",
    r"page introuvable", r"page non trouvée", r"page n'existe pas",
    r"бет табылмады", r"барак табылган жок", r"էջը (?:չի գտնվել|գտնված չէ)",
]), re.IGNORECASE)

# Looser phrases: a hint only, since a news headline may say "не найдено" about something else.
HINT_PHRASES = re.compile(
    r"not found|nicht gefunden|не найден|не знайден|introuvable|табылмады|չի գտնվել|\b404\b", re.IGNORECASE)

# Final addresses that name an error page (InternetArchiveBot's rule): /404, /404.html, notfound.
NOT_FOUND_ADDRESS = re.compile(r"/404(?:[/.?#]|$)|not[-_]?found|error[-_]?404", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    soft404: bool
    reason: str = ""
    warning: str = ""


def assess(cited: str, final: str, page: Page | None, sibling: Page | None) -> Verdict:
    """Decide whether a 200 answer for `cited` (ending at `final`) is really a missing page.

    `sibling` is the page a made-up neighbour address got (None if it got an honest error).
    """
    if urls.is_home_page(cited):
        return Verdict(False)
    if urls.is_home_page(final):
        return Verdict(True, f"soft-404: the deep link leads to the site's home page {final}")
    if final != urls.without_fragment(cited) and NOT_FOUND_ADDRESS.search(urls.request_target(final)):
        return Verdict(True, f"soft-404: redirected to an error page {final}")
    if page is None:
        return Verdict(False)
    if page.refresh and urls.is_home_page(urls.resolve_location(final, page.refresh)):
        return Verdict(True, f"soft-404: the page sends readers on to the home page ({page.refresh})")
    labelled = [page.title, *page.headings[:1]]
    for text in labelled:
        if PAGE_PHRASES.search(text):
            return Verdict(True, f"soft-404: the page says {text[:80]!r}")
    template = sibling is not None and page.similar_to(sibling)
    hinted = any(HINT_PHRASES.search(text) for text in [page.title, *page.headings[:4]])
    if template and hinted:
        return Verdict(True, "soft-404: a made-up sibling address gets the same page, which says it is not found")
    if template:
        return Verdict(False, warning="a made-up sibling address gets the same page: the site may serve a "
                                      "template for every address")
    return Verdict(False)
