"""The allow-list every note's HTML passes (nh3, the Ammonia sanitiser), and the names of what it refuses.

A note may hold paragraphs, emphasis, links to web sites or to our own pages, lists, quotations, code and
tables: nothing that runs script, makes a request to another host, or adds a heading to the page.
"""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from edition.datafile import web_address_problem

# The elements a note may contain (the agreed notes design); everything else is dropped, its text kept.
TAGS = frozenset({"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "q", "br",
                  "table", "thead", "tbody", "tr", "th", "td"})
# The attributes the Markdown renderer itself writes: a link's address, a table column's alignment.
ATTRIBUTES = {"a": {"href"}, "th": {"style"}, "td": {"style"}}
STYLE_PROPERTIES = frozenset({"text-align"})
# What an editor reads after "allowed:" when a note holds something else.
ALLOWED = ("Markdown: paragraphs, *emphasis*, **strong**, [text](https://…) links to web addresses or to our "
           "own pages (#p-17, #fc-id), lists, > quotations, `code`, tables; no images, headings, HTML or script")


def allowed_link(url: str) -> bool:
    """An http(s) address with a dotted host, or a link to our own pages (#fc-x, ../article/#p-17)."""
    # Browsers read a backslash as a slash: /\host and \\host lead to another host like //host.
    url = url.strip().replace("\\", "/")
    if url.startswith("//"):
        return False
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return False
    return not scheme or web_address_problem(url) is None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not allowed_link(value):
        return None
    return value


_CLEANER = nh3.Cleaner(tags=set(TAGS), clean_content_tags={"script", "style"},
                       attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                       attribute_filter=_attribute_filter, url_schemes={"http", "https"},
                       filter_style_properties=set(STYLE_PROPERTIES), strip_comments=True, link_rel=None)


def clean(html: str) -> str:
    """html with only the allowed elements, attributes and links left."""
    return _CLEANER.clean(html)


def refusals(html: str) -> list[tuple[str, str]]:
    """What clean() drops from html, each as (what, a piece of the note's text to find its line by)."""
    finder = _Refusals()
    finder.feed(html)
    finder.close()
    return list(dict.fromkeys(finder.found))


# Elements the Markdown renderer writes that a note may not have, in an editor's words.
_NAMED = {"img": ("an image", "!["), "hr": ("a horizontal rule (---)", "---"),
          "pre": ("a code block (lines indented by four spaces, or ```)", "    "),
          **{f"h{level}": ("a heading (a line starting with #)", "#") for level in range(1, 7)}}


class _Refusals(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            what, needle = _NAMED.get(tag, (f"the HTML element <{tag}>", f"<{tag}"))
            if tag == "img":
                needle = dict(attrs).get("src") or needle
            self.found.append((what, needle))
            return
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, ()):
                self.found.append((f"the attribute {name!r} on <{tag}>", name))
            elif name == "href" and not allowed_link(value or ""):
                self.found.append((f"a link to '{value}'", value or ""))

    handle_startendtag = handle_starttag
