"""Finding the links in Markdown: footnotes, inline and reference links, autolinks, bare URLs, href.

Each link is the address a reader's browser requests (Markdown escapes and HTML entities undone), with
its line and, inside a footnote definition, the footnote's number.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:")
# Explicit forms first; a bare URL counts only outside them. A link target may hold balanced (…).
_EXPLICIT = re.compile(
    r"\]\(\s*<([^>\n]+)>"  # [text](<url>)
    r"|\]\(\s*((?:[^()\s]|\([^()\s]*\))+)"  # [text](url "title")
    r"|^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?([^\s>]+)>?"  # [ref]: url
    r"|<([a-zA-Z][\w+.-]*:[^>\s]+)>"  # <url>
    r"|\bhref=[\"']([^\"']+)[\"']"  # raw HTML
)
_RAW_HTML_GROUP = 5  # the href of raw HTML: no Markdown escapes there
# Typographic quotes and guillemets end a bare URL: „https://…/rede-2022“ cites …/rede-2022.
_QUOTES = "“”„‟‘’‚‛«»‹›"
_BARE = re.compile(rf"\bhttps?://[^\s<>\[\]\"'`{_QUOTES}]+", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][\w+.-]*:")
# Contact links are not sources.
_SKIPPED_SCHEMES = ("mailto:", "tel:")
# Python-Markdown undoes a backslash before ASCII punctuation in every link form and in text.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Browsers decode a named or numeric character reference in an attribute only with its semicolon
# before "=" or a letter (`?a=1&copy=2` stays), so only complete references are decoded.
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


@dataclass(frozen=True)
class Link:
    url: str
    line: int
    footnote: str = ""  # the footnote's label when the link stands in a footnote definition


def links(markdown: str) -> list[Link]:
    """Every external link in the Markdown, in order, outside code blocks and code spans."""
    found: list[Link] = []
    in_fence = False
    footnote = ""
    for number, line in enumerate(markdown.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        definition = _FOOTNOTE_DEF.match(line)
        if definition:
            footnote = definition.group(1)
        elif line.strip() and not line.startswith((" ", "\t")):
            footnote = ""  # a footnote's continuation lines are indented
        found.extend(Link(url, number, footnote) for url in _urls_in(_CODE_SPAN.sub(" ", line)))
    return found


def requested(url: str, *, markdown: bool = True) -> str:
    """The address a browser requests for a URL as written: escapes undone, character references decoded."""
    if markdown:
        url = _ESCAPE.sub(r"\1", url)
    return _REFERENCE.sub(lambda match: html.unescape(match.group()), url)


def _urls_in(line: str) -> list[str]:
    result: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _EXPLICIT.finditer(line):
        group = next(index for index, value in enumerate(match.groups(), start=1) if value is not None)
        url = requested(match.group(group), markdown=group != _RAW_HTML_GROUP)
        taken.append(match.span())
        if _SCHEME.match(url) and not url.lower().startswith(_SKIPPED_SCHEMES):
            result.append((match.start(), url))
    for match in _BARE.finditer(line):
        if not any(start <= match.start() < end for start, end in taken):
            result.append((match.start(), requested(_trim(match.group()))))
    return [url for _, url in sorted(result)]


def _trim(url: str) -> str:
    """Drop sentence punctuation after a bare URL, and a closing bracket it did not open."""
    while url and url[-1] in ".,;:!?*_)":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url
