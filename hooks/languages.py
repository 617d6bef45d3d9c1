"""MkDocs hook: per-language site address, a language switch that lands on the same page, hreflang links."""
from edition.languages import alternate_links, root_links, site_url_for, switch_links


class SwitchWithoutAddress:
    """config.extra.alternate of a build without SITE_URL: the header still shows the language switch
    (Material includes partials/alternate.html when the value is true), but the head writes no hreflang
    links (Material writes them only for a list), since there is no address to make them absolute with."""

    def __bool__(self) -> bool:
        return True


def on_config(config, **kwargs):
    # SITE_URL names the German root; the English build's own pages live one folder deeper.
    # Without it (a local build) the site has no address: no canonical or hreflang links, no guessed host.
    edition = config.extra["edition"]
    edition["base_url"] = site_url_for(config.site_url, "de") if config.site_url else None
    if config.site_url:
        config.site_url = site_url_for(edition["base_url"], edition["language"])
    return config


def on_page_context(context, *, page, config, nav, **kwargs):
    edition = config.extra["edition"]
    # The switch in the header (overrides/partials/alternate.html): relative, works on any host and port.
    context["edition_language_switch"] = switch_links(page.url, edition["language"])
    # The head's hreflang alternates: absolute, from SITE_URL, as search engines require.
    base = edition["base_url"]
    config.extra["alternate"] = alternate_links(page.url, base) if base else SwitchWithoutAddress()
    return context


def on_template_context(context, *, template_name, config, **kwargs):
    # 404.html is built before the pages and answers at any address: start pages, and no hreflang links.
    if template_name == "404.html":
        context["edition_language_switch"] = root_links(config.extra["edition"]["base_url"])
        config.extra["alternate"] = SwitchWithoutAddress()
    return context
