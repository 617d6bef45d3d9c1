"""MkDocs hook: archived copies and dead-link marks after cited links, and the Sources page.

Reads data/links.json only for link facts (edition/sources.py); the build never goes online.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from edition import annotations, footnotes, markers, sources
from edition.datafile import DataError
from edition.timelines import project as timelines
from edition.templates import theme_env

# The ledger and every cited URL with its places, read once per language build and shared by its pages.
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
        placed = annotations.place(root, annotations.load_all(root), language)
        _state["cited"] = sources.merge_places(
            sources.footnote_places(footnotes.load(root / "data" / "footnotes.yml"), language),
            sources.annotation_places([item.annotation for item in placed], language),
            sources.timeline_places(timelines.load_timelines(root).values(), hosts, language))
    except DataError as error:
        raise PluginError(str(error)) from None
    return files


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    if not markers.find(markdown, "sources"):
        return markdown
    template = theme_env(config.theme).get_template("partials/sources-table.html")
    table = sources.rows(_state["cited"], _state["sources"])
    context = sources.table_context(table, _state["language"], lambda href: _relative(href, page.url))
    return markers.replace(markdown, "sources", lambda args: "\n\n" + template.render(context) + "\n\n")


def on_page_content(html, *, page, config, files, **kwargs):
    template = theme_env(config.theme).get_template("partials/source-note.html")
    language = _state["language"]
    return sources.decorate(html, _state["sources"],
                            lambda source: template.render(sources.note_context(source, language)).strip())


def _relative(href: str, page_url: str) -> str:
    path, _, fragment = href.partition("#")
    return get_relative_url(path, page_url) + ("#" + fragment if fragment else "")
