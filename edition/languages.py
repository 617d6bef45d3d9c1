"""The edition's two languages and how a page in one reaches the same page in the other.

German lives at the site root and English under en/; both trees use the same page paths.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    root: str  # path of this language's site below the site root: "" or "en/"


LANGUAGES = (
    Language("de", "Deutsch", ""),
    Language("en", "English", "en/"),
)

BY_CODE = {language.code: language for language in LANGUAGES}


def language(code: str) -> Language:
    """The language with this code; unknown codes fail with the allowed ones."""
    try:
        return BY_CODE[code]
    except KeyError:
        allowed = ", ".join(BY_CODE)
        raise ValueError(f"unknown language {code!r}; allowed: {allowed}") from None


def site_url_for(base_site_url: str, code: str) -> str:
    """The public address of one language's site, from the address of the German root."""
    base = base_site_url if base_site_url.endswith("/") else base_site_url + "/"
    return base + language(code).root


def alternate_links(page_url: str, base_site_url: str) -> list[dict[str, str]]:
    """Absolute links from a page (URL relative to its language root) to the same page in every language.

    Absolute, because search engines expect absolute hreflang alternates and MkDocs' `url` filter
    leaves them as they are; base_site_url is the German root's address (SITE_URL).
    """
    return [{"name": other.name, "link": site_url_for(base_site_url, other.code) + page_url, "lang": other.code}
            for other in LANGUAGES]


def switch_links(page_url: str, code: str) -> list[dict[str, str]]:
    """Relative links from a page of one language to the same page in every language: the language switch.

    Relative, so that they work on any host, port and path (make serve on 8001, a project path on
    GitHub Pages) without knowing the site's address.
    """
    here = language(code).root + page_url
    folder = here if here.endswith("/") or not here else posixpath.dirname(here)
    links = []
    for other in LANGUAGES:
        target = other.root + page_url
        href = posixpath.relpath(target or ".", folder or ".")
        if (target.endswith("/") or not target) and not href.endswith("/"):
            href += "/"
        links.append({"name": other.name, "link": href, "lang": other.code})
    return links


def root_links(base_site_url: str | None) -> list[dict[str, str]]:
    """Links to each language's start page for the 404 page, which answers at any address (so relative
    links cannot work): from SITE_URL, or from the host's root where the site has no address."""
    base = base_site_url or "/"
    return [{"name": other.name, "link": site_url_for(base, other.code), "lang": other.code} for other in LANGUAGES]
