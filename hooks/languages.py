"""MkDocs hook: per-language site address, and a language switch that lands on the same page."""
from edition.languages import alternate_links, site_url_for


def on_config(config, **kwargs):
    # SITE_URL names the German root; the English build's own pages live one folder deeper.
    edition = config.extra["edition"]
    edition["base_url"] = site_url_for(config.site_url, "de")
    config.site_url = site_url_for(edition["base_url"], edition["language"])
    return config


def on_page_context(context, *, page, config, nav, **kwargs):
    config.extra["alternate"] = alternate_links(page.url, config.extra["edition"]["base_url"])
    return context
