"""The edition's two languages and how a page in one reaches the same page in the other.

German lives at the site root and English under en/; both trees use the same page paths.
"""
from __future__ import annotations

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
    leaves them as they are; base_site_url is the German root's address.
    """
    return [{"name": other.name, "link": site_url_for(base_site_url, other.code) + page_url, "lang": other.code}
            for other in LANGUAGES]
