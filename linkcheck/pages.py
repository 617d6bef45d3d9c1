"""What the checker reads in an HTML page: title, headings, visible words and anchor ids.

Decoding honours the header, then <meta> (windows-1251 news sites), then Beautiful Soup's guess.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property

# Regular expressions, not a parse tree: BeautifulSoup's tree builder takes 35 ms of CPU (under the
# GIL) for a 13 KB page and seconds for a 300 KB news page; these take about 2 ms (see benchmarks/).
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_HIDDEN = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_ANCHOR = re.compile(r"<[a-z][\w-]*\s(?:[^>]*?\s)?(?:id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>", re.IGNORECASE)
_REFRESH_URL = re.compile(r"content\s*=\s*[\"']?\s*\d*\s*[;,]\s*url\s*=\s*['\"]?([^\"'>\s]+)", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-z]{2,3})(?![a-z])", re.IGNORECASE)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_META_LANGUAGE = re.compile(r"(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale\b)", re.IGNORECASE)
_META_CONTENT = re.compile(r"content\s*=\s*[\"']?\s*([a-z]{2,3})(?![a-z])", re.IGNORECASE)
# Links to what may be the site's language roots ("/en/", "https://site/kz"): a language switcher.
# (Case-sensitive "href": with IGNORECASE the scan is five times slower, and markup writes it in lower case.)
_ROOT_LINK = re.compile(r"href\s*=\s*[\"']?((?:https?://[^/\"'\s>]+)?/[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,4}){0,2}/?)[\"'\s>]")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Page:
    title: str
    headings: tuple[str, ...]  # h1 first, then h2 and h3
    anchors: frozenset[str]  # every id= and name=
    text: str  # the visible text, tags removed
    refresh: str = ""  # where a <meta http-equiv="refresh"> sends the reader, as written
    languages: frozenset[str] = frozenset()  # what the page says it is written in: <html lang>, og:locale
    root_links: tuple[str, ...] = ()  # links shaped like language roots ("/en/", "/kz"), as written

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(word.casefold() for word in _WORD.findall(self.text))

    def similar_to(self, other: "Page", threshold: float = 0.9) -> bool:
        """Same title and nearly the same words: one template answering for different addresses."""
        if self.title.casefold() != other.title.casefold():
            return False
        union = self.words | other.words
        return not union or len(self.words & other.words) / len(union) >= threshold


def is_html(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() in ("text/html", "application/xhtml+xml", "")


def decode(body: bytes, content_type: str = "") -> str:
    """The page's text: the header's charset, the page's <meta> charset, or a guess, in that order."""
    declared = [match.group(1) for match in (_CHARSET.search(content_type or ""), _META_CHARSET.search(body[:4096]))
                if match]
    declared = [name.decode("ascii", "replace") if isinstance(name, bytes) else name for name in declared]
    for encoding in declared:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from bs4 import UnicodeDammit  # only for pages that declare no usable charset: a faster start

        return UnicodeDammit(body).unicode_markup or body.decode("utf-8", "replace")


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def parse(body: bytes, content_type: str = "") -> Page:
    markup = _HIDDEN.sub(" ", decode(body, content_type))
    title = _TITLE.search(markup)
    found = sorted(_HEADING.finditer(markup), key=lambda match: match.group(1))
    refresh = next((target.group(1) for tag in _REFRESH.finditer(markup)
                    if (target := _REFRESH_URL.search(tag.group()))), "")
    anchors = {html.unescape(next(group for group in match.groups() if group is not None))
               for match in _ANCHOR.finditer(markup)}
    languages = {match.group(1).lower() for match in _HTML_LANG.finditer(markup)}
    languages |= {content.group(1).lower() for tag in _META.finditer(markup)
                  if _META_LANGUAGE.search(tag.group()) and (content := _META_CONTENT.search(tag.group()))}
    root_links = tuple(dict.fromkeys(match.group(1) for match in _ROOT_LINK.finditer(markup)))
    return Page(_plain(title.group(1)) if title else "", tuple(_plain(match.group(2)) for match in found),
                frozenset(anchors), _plain(markup), html.unescape(refresh), frozenset(languages), root_links)
