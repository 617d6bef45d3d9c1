"""What the checker reads in an HTML page: title, headings, visible words and anchor ids.

Bytes are decoded from the header's charset, else the page's own <meta> (windows-1251 news sites).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Page:
    title: str
    headings: tuple[str, ...]  # h1 first, then h2 and h3, in document order within each level
    words: frozenset[str]
    anchors: frozenset[str]  # every id= and <a name=>

    def similar_to(self, other: "Page", threshold: float = 0.9) -> bool:
        """Same title and nearly the same words: one template answering for different addresses."""
        if self.title.casefold() != other.title.casefold():
            return False
        union = self.words | other.words
        return not union or len(self.words & other.words) / len(union) >= threshold


def is_html(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() in ("text/html", "application/xhtml+xml", "")


def parse(body: bytes, content_type: str = "") -> Page:
    match = _CHARSET.search(content_type or "")
    soup = BeautifulSoup(body, "html.parser", from_encoding=match.group(1) if match else None)
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    headings = tuple(tag.get_text(" ", strip=True) for level in ("h1", "h2", "h3") for tag in soup.find_all(level))
    anchors = {tag["id"] for tag in soup.find_all(id=True)} | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    words = frozenset(word.casefold() for word in _WORD.findall(soup.get_text(" ")))
    return Page(title, headings, words, frozenset(anchors))
