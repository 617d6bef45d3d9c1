"""Finding the links in Markdown: footnotes, inline and reference links, autolinks, bare URLs, href.

Each link comes with its line and, inside a footnote definition, the footnote's number.
"""
from __future__ import annotations

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
_BARE = re.compile(r"\bhttps?://[^\s<>\[\]\"'`]+", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][\w+.-]*:")
# Contact links are not sources.
_SKIPPED_SCHEMES = ("mailto:", "tel:")


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


def _urls_in(line: str) -> list[str]:
    result: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _EXPLICIT.finditer(line):
        url = next(group for group in match.groups() if group is not None)
        taken.append(match.span())
        if _SCHEME.match(url) and not url.lower().startswith(_SKIPPED_SCHEMES):
            result.append((match.start(), url))
    for match in _BARE.finditer(line):
        if not any(start <= match.start() < end for start, end in taken):
            result.append((match.start(), _trim(match.group())))
    return [url for _, url in sorted(result)]


def _trim(url: str) -> str:
    """Drop sentence punctuation after a bare URL, and a closing bracket it did not open."""
    while url and url[-1] in ".,;:!?*_)":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url
