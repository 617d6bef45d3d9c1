"""Reading the built site as a reader's browser would get it."""
from __future__ import annotations

import functools

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup


@functools.lru_cache(maxsize=None)
def page(site: Path, path: str) -> BeautifulSoup:
    """The built page at a site path such as 'article/' or 'en/article/' (parsed once; do not modify it)."""
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def pages(site: Path):
    """Every HTML page of the site, with its path below the site root."""
    for file in sorted(site.rglob("*.html")):
        yield file.relative_to(site).as_posix(), BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def resolve(page_path: str, href: str) -> str:
    """A link's target as a path below the site root (for links inside the site)."""
    base = "/" + page_path
    return urlsplit(urljoin(base, href)).path.lstrip("/")
