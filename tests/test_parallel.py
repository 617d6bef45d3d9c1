"""The parallel reading view: both articles block by block, each cell in its language, links that land."""
import copy
import importlib.util
from types import SimpleNamespace

import markdown
import pytest
from jinja2 import Environment, FileSystemLoader
from mkdocs.exceptions import PluginError

from edition import blocks, parallel
from htmlsite import page, resolve

GERMAN = """\
Erster Absatz mit Fußnote[^1].
{ #p-1 }

## Eine Überschrift { #h-1 }

Eine Aussage.
{ #p-2 .statement }

[^1]: <https://example.org/a>
"""
ENGLISH = """\
First paragraph with a footnote[^1].
{ #p-1 }

## A heading { #h-1 }

A statement.
{ #p-2 .statement }

[^1]: <https://example.org/a>
"""


def articles(english=ENGLISH):
    return blocks.parse(GERMAN, "docs/de/article.md"), blocks.parse(english, "docs/en/article.md")


# ---- Pairing ----

def test_pairs_follow_the_blocks_in_both_languages():
    pairs = parallel.pair(*articles())
    assert [(p.id, p.kind) for p in pairs] == [("p-1", "paragraph"), ("h-1", "heading"), ("p-2", "statement")]
    assert [b.markdown for b in pairs[1].blocks] == ["Eine Überschrift", "A heading"]


def test_a_missing_block_fails_naming_it():
    with pytest.raises(parallel.ParallelError, match=r"^docs/en/article.md: block ids differ from "
                                                     r"docs/de/article.md: missing p-2; allowed"):
        parallel.pair(*articles(ENGLISH.replace("{ #p-2 .statement }", "")))


def test_an_extra_block_fails_naming_it():
    with pytest.raises(parallel.ParallelError, match=r"not in docs/de/article.md: p-9"):
        parallel.pair(*articles(ENGLISH + "\nMore.\n{ #p-9 }\n"))


def test_blocks_in_another_order_fail_with_the_line():
    swapped = "A statement.\n{ #p-2 .statement }\n\n## A heading { #h-1 }\n\nFirst.\n{ #p-1 }\n"
    with pytest.raises(parallel.ParallelError, match=r"line 1: p-2 stands where docs/de/article.md has p-1"):
        parallel.pair(*articles(swapped))


def test_a_statement_must_be_a_statement_in_both():
    with pytest.raises(parallel.ParallelError, match=r"docs/en/article.md:6: p-2 is a paragraph but a statement"):
        parallel.pair(*articles(ENGLISH.replace("{ #p-2 .statement }", "{ #p-2 }")))


# ---- Links and cells ----

def test_article_links_from_each_languages_page():
    assert parallel.article_url("de", "parallel/", "de") == "../article/"
    assert parallel.article_url("de", "parallel/", "en") == "../en/article/"
    assert parallel.article_url("en", "parallel/", "en") == "../article/"
    assert parallel.article_url("en", "parallel/", "de") == "../../article/"


def test_footnote_markers_link_to_the_articles_footnotes():
    block = articles()[0].block("p-1")
    html = markdown.markdown(parallel.cell_markdown(block, "de", "../article/"))
    assert html == ('<p>Erster Absatz mit Fußnote<sup><a href="../article/#fn:1" title="Fußnote 1 im Artikel">'
                    '1</a></sup>.</p>')


def test_the_template_gives_each_cell_its_language(project):
    view = parallel.view(parallel.pair(*articles()), "en", "parallel/", markdown.markdown)
    template = Environment(loader=FileSystemLoader(project / "overrides")).get_template("partials/parallel.html")
    html = template.render(view=view)
    assert 'id="h-1"' in html and "<h2>A heading</h2>" in html and "<h2>Eine Überschrift</h2>" in html
    assert '<div class="parallel-cell" lang="de">' in html and '<div class="parallel-cell" lang="en">' in html
    assert '<a class="parallel-cell__link" href="../../article/#p-2" hreflang="de">p-2 in the article</a>' in html


# ---- The built pages ----

PAGES = {"de": "parallel/", "en": "en/parallel/"}
ARTICLES = {"de": "article/", "en": "en/article/"}


def _reading_text(cell):
    """A cell as a reader reads it: without its label and link line and without footnote numbers."""
    cell = copy.copy(cell)
    for removed in cell.select(".parallel-cell__meta, sup"):
        removed.decompose()
    return " ".join(cell.get_text().split())


@pytest.mark.parametrize("page_lang", ["de", "en"])
def test_every_block_of_both_languages_stands_in_its_cell(site, project, page_lang):
    view = page(site, PAGES[page_lang])
    assert view.html["lang"] == page_lang
    articles = {lang: blocks.read(project / "docs" / lang / "article.md") for lang in ("de", "en")}
    pairs = view.select("div.parallel-pair")
    assert [p["id"] for p in pairs] == articles["de"].ids
    for lang, article in articles.items():
        for pair, block in zip(pairs, article.blocks):
            cell = pair.select_one(f'div.parallel-cell[lang="{lang}"]')
            assert cell is not None, f"{pair['id']}: no {lang} cell"
            expected = " ".join(blocks.plain_text(block.markdown).split())
            assert _reading_text(cell) == expected, f"{pair['id']} ({lang})"


@pytest.mark.parametrize("page_lang", ["de", "en"])
def test_every_link_lands_on_its_block_or_footnote(site, project, page_lang):
    path = PAGES[page_lang]
    view = page(site, path)
    checked = 0
    for cell in view.select("div.parallel-cell"):
        for link in cell.select("a[href]"):
            target, _, fragment = link["href"].partition("#")
            landing = page(site, resolve(path, target))
            assert landing.html["lang"] == cell["lang"], link["href"]
            assert landing.select_one(f'[id="{fragment}"]') is not None, link["href"]
            checked += 1
    # An article link per cell, and a link per footnote marker, in each language.
    expected = sum(len(article.blocks) + sum(len(b.footnotes) for b in article.blocks)
                   for article in (blocks.read(project / "docs" / lang / "article.md") for lang in ("de", "en")))
    assert checked == expected


def test_navigation_names_the_page_in_each_language(site):
    assert "Parallel lesen" in [a.get_text(strip=True) for a in page(site, "article/").select("nav a")]
    assert "Side by side" in [a.get_text(strip=True) for a in page(site, "en/article/").select("nav a")]


def test_the_build_stops_with_one_line_when_the_texts_do_not_pair(tmp_path, project):
    for lang, text in (("de", GERMAN), ("en", ENGLISH.replace("{ #p-2 .statement }", "{ #p-3 .statement }"))):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "article.md").write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("parallel_hook", project / "hooks" / "parallel.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = SimpleNamespace(docs_dir=str(tmp_path / "en"), extra={"edition": {"language": "en"}})
    with pytest.raises(PluginError, match=r"article.md: block ids differ from .*: missing p-2; not in .*: p-3"):
        hook.on_page_markdown("<!-- edition:parallel -->", page=None, config=config, files=None)
