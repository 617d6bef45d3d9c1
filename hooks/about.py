"""MkDocs hook: the landing page's generated parts (what the edition adds, the licences, how to report
an error) and the footer of every page, from edition/about.py."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_build_datetime

from edition import about, annotations, citations, footnotes, markers
from edition.datafile import DataError
from edition.templates import theme_env
from edition.timelines import project as timelines

PARTS = ("additions", "licence", "corrections")
_state: dict = {}


def on_config(config, **kwargs):
    try:
        _state.update(root=Path(config.config_file_path).resolve().parent, settings=about.settings(config.extra))
    except (KeyError, ValueError) as error:
        raise PluginError(str(error)) from None
    return config


def on_env(env, *, config, files, **kwargs):
    # Every template, the 404 page too, renders the footer from these globals.
    env.globals["edition_footer"] = about.footer(config.site_name, _state["settings"], get_build_datetime())
    return env


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    if not any(markers.find(markdown, part) for part in PARTS):
        return markdown
    settings, root = _state["settings"], _state["root"]
    template = theme_env(config.theme).get_template("partials/about.html")
    link = lambda path: "../" * page.url.count("/") + path  # noqa: E731 - a path below this language's root
    try:
        contexts = {
            "additions": lambda: about.additions(annotations.load_all(root), timelines.load_timelines(root),
                                                 len(footnotes.load(root / "data" / "footnotes.yml")),
                                                 len(citations.collect(root)), settings.language, link),
            "licence": lambda: about.licence(settings),
            "corrections": lambda: about.corrections(settings),
        }
        for part in PARTS:
            if markers.find(markdown, part):
                html = template.render(part=part, **contexts[part]())
                markdown = markers.replace(markdown, part, lambda args, html=html: "\n\n" + html + "\n\n")
    except DataError as error:
        raise PluginError(str(error)) from None
    return markdown
