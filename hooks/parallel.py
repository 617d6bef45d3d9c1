"""MkDocs hook: replaces <!-- edition:parallel --> with the German and English articles side by side.

Both article.md files are read at build time (no third copy); edition/parallel.py pairs them by block id.
"""
from pathlib import Path

import markdown
from mkdocs.exceptions import PluginError

from edition import blocks, markers, parallel
from edition.languages import LANGUAGES
from edition.templates import theme_env


def on_page_markdown(page_markdown, *, page, config, files, **kwargs):
    if not markers.find(page_markdown, "parallel"):
        return page_markdown
    # docs/<lang>/ are siblings: this build's docs_dir is one of them.
    docs = Path(config.docs_dir).parent
    try:
        pairs = parallel.pair(*(blocks.read(docs / lang.code / "article.md") for lang in LANGUAGES))
    except parallel.ParallelError as error:
        raise PluginError(str(error)) from None
    view = parallel.view(pairs, config.extra["edition"]["language"], page.url, _cell_renderer(config))
    template = theme_env(config.theme).get_template("partials/parallel.html")
    return markers.replace(page_markdown, "parallel", lambda args: "\n" + template.render(view=view) + "\n")


def _cell_renderer(config):
    # The page's own extensions, without toc: cell headings must not get ids and permalinks that
    # would clash with the pair ids (the pairs carry the permanent addresses).
    extensions = [name for name in config.markdown_extensions if name != "toc"]
    converter = markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs)

    def to_html(text):
        return converter.reset().convert(text)

    return to_html
