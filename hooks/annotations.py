"""MkDocs hook: the fact-checks and translator's notes in the article, the overview page, and their data.

A thin adapter: every rule lives in edition/annotations/; a DataError fails the build with its one line.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from edition import annotations, markers
from edition.annotations import exports, render
from edition.datafile import DataError
from edition.languages import language as language_named
from edition.templates import theme_env

ARTICLE = "article.md"
OVERVIEW = "fact-checks.md"
EXPORT = "annotations.jsonld"

# What this build (one language) placed in its article, for the page head and annotations.jsonld.
_build: dict = {}


# ---- Hooks -------------------------------------------------------------------------------

def on_config(config, **kwargs):
    _build.clear()
    root = Path(config.config_file_path).resolve().parent
    try:
        items = annotations.load_all(root)
    except DataError as error:
        raise PluginError(str(error)) from None
    # Without SITE_URL (a local build) the addresses are relative to annotations.jsonld: no guessed host.
    _build.update(root=root, items=items, placed=[], page_url=(config.site_url or "") + "article/")
    return config


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    language = config.extra["edition"]["language"]
    items = _build["items"]
    try:
        if page.file.src_uri == ARTICLE:
            scale = get_relative_url(files.get_file_from_path(OVERVIEW).url, page.url) + "#verdicts"
            markdown, _build["placed"] = render.article(markdown, language, items, _env(config),
                                                        f"docs/{language}/{ARTICLE}", scale)
            _build["page_url"] = page.canonical_url or _build["page_url"]
        if markers.find(markdown, "fact-checks"):
            overview = render.overview(_entries(items, language, page, files), language, _env(config),
                                       get_relative_url(EXPORT, page.url))
            markdown = markers.replace(markdown, "fact-checks", lambda args: overview)
    except DataError as error:
        raise PluginError(str(error)) from None
    return markdown


def on_page_context(context, *, page, config, nav, **kwargs):
    # ClaimReview needs the page's full address, which a build without SITE_URL does not have.
    if page.file.src_uri == ARTICLE and config.site_url:
        language = config.extra["edition"]["language"]
        graph = exports.claim_reviews(_build["placed"], language, _build["page_url"], config.site_url)
        context["edition_claim_reviews"] = exports.json_for_script(graph) if graph else ""
    return context


def on_post_build(*, config, **kwargs):
    language = config.extra["edition"]["language"]
    collection = exports.web_annotations(_build["placed"], language, _build["page_url"],
                                         (config.site_url or "") + EXPORT, config.site_url or "./")
    (Path(config.site_dir) / EXPORT).write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")


# ---- Helpers -----------------------------------------------------------------------------

def _env(config):
    return theme_env(config.theme)


def _entries(items, language, page, files) -> list[render.Entry]:
    """The fact-checks in German reading order, linked to this language's article where anchored there."""
    root = _build["root"]
    facts = tuple(item for item in items if item.is_fact_check)
    here = {placed.annotation.id for placed in annotations.place(root, facts, language)}
    article_url = files.get_file_from_path(ARTICLE).url
    page_path = language_named(language).root + page.url
    entries = []
    for placed in annotations.place(root, facts, "de"):
        item = placed.annotation
        other = "" if item.id in here else "de"
        target = language_named(other or language).root + article_url
        entries.append(render.Entry(item, f"{get_relative_url(target, page_path)}#{item.permalink}", other))
    return entries
