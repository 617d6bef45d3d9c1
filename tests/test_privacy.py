"""No page makes the reader's browser contact a third party: fonts, scripts and styles are local."""
import re

from mkdocs.config import load_config

from htmlsite import pages

LOCAL = re.compile(r"^(?:https?://127\.0\.0\.1(?::\d+)?/|/(?!/)|\.|#|data:|[\w./-]+$)")


def external_resources(soup):
    """URLs the browser would fetch on its own while showing the page (not links a reader follows)."""
    for tag in soup.find_all(src=True):
        yield tag.name, tag["src"]
    for tag in soup.find_all("link", href=True):
        rel = set(tag.get("rel", []))
        if rel & {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon", "manifest", "modulepreload"}:
            yield "link", tag["href"]
    for style in soup.find_all("style"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", style.get_text()):
            yield "style", url
    for tag in soup.find_all(style=True):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", tag["style"]):
            yield "style attribute", url


def test_pages_load_nothing_from_third_parties(site):
    offenders = [(path, kind, url) for path, soup in pages(site)
                 for kind, url in external_resources(soup) if not LOCAL.match(url)]
    assert not offenders, offenders[:5]


def test_no_setting_that_makes_material_call_third_parties(project):
    # Material's bundle can call api.github.com (repo_url), unpkg.com (Mermaid diagrams) and Google
    # Fonts (theme.font); the browser tests intercept real requests, this names the settings.
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        config = load_config(str(project / name))
        assert config.theme["font"] is False, name
        assert config.repo_url is None, name
        assert "privacy" not in config.plugins and "social" not in config.plugins, name
        fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
        assert not any(fence.get("name") == "mermaid" for fence in fences), name


def test_stylesheets_and_our_scripts_name_no_third_party_host(site):
    offenders = []
    ours = [f for f in site.rglob("*.js") if "assets/javascripts/" in f.as_posix() and "bundle" not in f.name
            and "workers" not in f.as_posix() and "lunr" not in f.as_posix()]
    for file in list(site.rglob("*.css")) + ours:
        text = file.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//([^/'\")]+)", text):
            offenders.append((file.name, url[1]))
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "api.github.com", "cdn.jsdelivr.net",
                     "unpkg.com", "google-analytics.com", "googletagmanager.com"):
            if host in text:
                offenders.append((file.name, host))
    assert not offenders, offenders
