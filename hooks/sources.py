"""MkDocs hook: archived copies and dead-link marks after cited links, and the Sources page.

Reads data/links.json only for link facts (edition/sources.py) and the one collection of cited URLs
(edition/citations.py); the build never goes online.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import annotations, citations, markers, sources
from edition.datafile import DataError
from edition.timelines import project as timelines
from edition.templates import theme_env

# The ledger, the cited URLs and what names each place, read once per language build.
_state: dict = {}


def on_config(config, **kwargs):
    root = Path(config.config_file_path).resolve().parent
    # EDITION_LINK_LEDGER lets a test build the site from a fixture ledger.
    ledger = Path(os.environ.get("EDITION_LINK_LEDGER") or root / "data" / "links.json")
    try:
        _state.update(root=root, language=config.extra["edition"]["language"], sources=sources.load(ledger))
    except DataError as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files, *, config, **kwargs):
    root, language = _state["root"], _state["language"]
    # The page that shows each timeline, so its sources link to their rows there.
    hosts = {}
    for file in files.documentation_pages():
        for _, arguments in markers.find(Path(file.abs_src_path).read_text(encoding="utf-8"), "timeline"):
            if arguments:
                hosts.setdefault(arguments[0], file.url)
    try:
        every = annotations.load_all(root)
        _state["cited"] = citations.collect(root)
        _state["directory"] = dict(
            language=language, annotations={annotation.id: annotation for annotation in every},
            anchored=tuple(item.annotation.id for item in annotations.place(root, every, language)),
            timelines=timelines.load_timelines(root), timeline_pages=hosts)
    except DataError as error:
        raise PluginError(str(error)) from None
    return files


def on_nav(nav, *, config, files, **kwargs):
    # Each page's title and address, so links on the pages are named by the page that holds them.
    root = _state["root"]
    _state["pages"] = {Path(page.file.abs_src_path).relative_to(root).as_posix(): (page.title, page.file.url)
                       for page in nav.pages}
    return nav


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    if not markers.find(markdown, "sources"):
        return markdown
    template = theme_env(config.theme).get_template("partials/sources-page.html")
    directory = sources.Directory(**_state["directory"], pages=_state["pages"])
    context = sources.page_context(_state["cited"], _state["sources"], directory,
                                   lambda href: "../" * page.url.count("/") + href)
    return markers.replace(markdown, "sources", lambda args: "\n\n" + template.render(context) + "\n\n")


def on_page_content(html, *, page, config, files, **kwargs):
    template = theme_env(config.theme).get_template("partials/source-note.html")
    language = _state["language"]
    return sources.decorate(html, _state["sources"],
                            lambda source: template.render(sources.note_context(source, language)).strip())
