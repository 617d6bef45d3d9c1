"""The built German article: footnotes where the author put them, permanent ids, a strict build."""
import re

import pytest

from edition import footnotes
from htmlsite import page

# Where the author placed each footnote marker (checked by hand against the PDF's text layer).
FOOTNOTE_PARAGRAPHS = {1: "p-6", 2: "p-6", 3: "p-8", 4: "p-18", 5: "p-18", 6: "p-18", 7: "p-18",
                       8: "p-18", 9: "p-18", 10: "p-20", 11: "p-20", 12: "p-20", 13: "p-20",
                       14: "p-20", 15: "p-22", 16: "p-23", 17: "p-29", 18: "p-32", 19: "p-33"}


@pytest.fixture(scope="module")
def article(site):
    return page(site, "article/")


def test_footnotes_one_to_nineteen_in_order_with_their_urls(article, project):
    items = article.select("div.footnote ol > li")
    assert [item["id"] for item in items] == [f"fn:{n}" for n in range(1, 20)]
    expected = {f.number: f.url for f in footnotes.load(project / "data" / "footnotes.yml")}
    for number, item in enumerate(items, start=1):
        links = [a["href"] for a in item.select("a") if "footnote-backref" not in a.get("class", [])]
        assert links == [expected[number]], f"footnote {number}"


def test_each_marker_stands_in_the_authors_paragraph(article):
    for number, paragraph in FOOTNOTE_PARAGRAPHS.items():
        marker = article.select_one(f'sup[id="fnref:{number}"]')
        assert marker is not None, f"marker {number} missing"
        assert marker.find_parent("p")["id"] == paragraph, f"marker {number}"
        assert marker.a["href"] == f"#fn:{number}" and marker.a.get_text() == str(number)


def test_every_paragraph_of_the_text_has_a_unique_permanent_id(article):
    content = article.select_one("article.md-content__inner")
    text_paragraphs = [p for p in content.find_all("p")
                       # The editors' notes and legend are not the author's text.
                       if not p.find_parent(class_=["footnote", "annotation-endnotes", "annotation-legend"])
                       and p.get_text(strip=True)
                       and not set(p.get("class", [])) & {"article-kicker", "article-subtitle", "article-byline"}]
    ids = [p.get("id") for p in text_paragraphs]
    assert None not in ids, "a paragraph without id"
    assert all(re.fullmatch(r"[kps]-\d+", i) for i in ids)
    headings = [h.get("id") for h in content.select("h2")]
    assert headings == ["h-1", "h-2", "h-3", "h-4"]
    all_ids = [tag["id"] for tag in article.select("[id]")]
    assert len(all_ids) == len(set(all_ids)), "duplicate ids on the page"


def test_statements_and_boxes_render_as_such(article):
    assert len(article.select("p.statement")) == 22
    assert [p["id"] for p in article.select("div.keypoints > p")] == ["k-1", "k-2", "k-3"]
    assert [p["id"] for p in article.select("div.summary > p")] == ["s-1", "s-2", "s-3"]
    assert "Zusammenarbeit mit der OVKS einzuladen" in article.select_one("#p-7").get_text()


def test_german_interface(article):
    assert article.html["lang"] == "de"
    assert article.select_one('a.footnote-backref')["title"].startswith("Zurück zu Fußnote")
