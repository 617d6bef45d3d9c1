"""MkDocs hook: timeline tables and the membership chart in place of their markers, and links both
ways between article paragraphs and timeline entries. The rules live in edition/timelines/."""
import datetime
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from edition import blocks, markers
from edition.datafile import DataError
from edition.timelines import chart, crossref, membership, project, table
from edition.templates import theme_env

ARTICLE = "article.md"

# What one language's build needs from the data; filled in on_files, since every build reloads it.
_build: dict = {}


def on_files(files, *, config, **kwargs):
    root = Path(config.config_file_path).resolve().parent
    try:
        timelines = project.load_timelines(root)
        periods = membership.periods(timelines["membership"]) if "membership" in timelines else {}
    except DataError as error:
        raise PluginError(str(error)) from None
    # The page that shows each timeline, so a paragraph can link to its entries there.
    hosts = {}
    for file in files.documentation_pages():
        for _, arguments in markers.find(Path(file.abs_src_path).read_text(encoding="utf-8"), "timeline"):
            if arguments:
                hosts.setdefault(arguments[0], file.url)
    article = files.get_file_from_path(ARTICLE)
    _build.clear()
    _build.update(root=root, timelines=timelines, periods=periods, hosts=hosts,
                  annotation_ids=frozenset(project.annotation_ids(root)),
                  article_url=article.url if article else "",
                  article_ids=frozenset(blocks.read(article.abs_src_path).ids) if article else frozenset())
    return files


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    timelines = _build["timelines"]
    source = Path(page.file.abs_src_path)
    try:
        # The file itself, not `markdown`: front matter is already cut from that, which shifts lines.
        project.check_markers(source.read_text(encoding="utf-8"), source.relative_to(_build["root"]), set(timelines))
    except DataError as error:
        raise PluginError(str(error)) from None
    language = config.extra["edition"]["language"]
    env = theme_env(config.theme)
    target = _article_target(page, config)
    markdown = markers.replace(markdown, "timeline",
                               lambda arguments: table.render(env, timelines[arguments[0]], language, target))
    return markers.replace(markdown, "membership-chart",
                           lambda arguments: chart.render(env, _build["periods"], language, datetime.date.today()))


def on_page_content(html, *, page, config, files, **kwargs):
    if page.file.src_uri != ARTICLE:
        return html
    language = config.extra["edition"]["language"]
    env = theme_env(config.theme)
    hosts = _build["hosts"]

    def href_of(timeline, entry):
        return f"{get_relative_url(hosts[timeline.name], page.url)}#{entry.id}"

    snippets = {}
    shown = [timeline for timeline in _build["timelines"].values() if timeline.name in hosts]
    for paragraph_id, pairs in crossref.entries_by_paragraph(shown).items():
        snippets[paragraph_id] = crossref.render_refs(env, crossref.entry_links(pairs, language, href_of), language)
    return crossref.append_after_paragraphs(html, snippets)


def _article_target(page, config) -> crossref.ArticleTarget:
    href = get_relative_url(_build["article_url"], page.url)
    # English pages sit one folder below the German root ("en/"): one "../" per folder reaches it.
    up = "../" * config.extra["edition"]["root"].count("/")
    # Entries link their editors' notes only where the annotations feature renders them.
    notes = _build["annotation_ids"] if "hooks/annotations.py" in config.plugins else frozenset()
    return crossref.ArticleTarget(href, _build["article_ids"], up + href, notes)
