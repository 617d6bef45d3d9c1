"""MkDocs hook: fail the build on any marker comment that no feature replaced."""
from mkdocs.exceptions import PluginError

from edition.markers import MarkerError, check_none_left


def on_page_content(html, *, page, config, files, **kwargs):
    try:
        check_none_left(html, page.file.src_uri)
    except MarkerError as error:
        raise PluginError(str(error)) from None
    return html
