"""Notes cannot carry script or third-party content, even past `make check`: a real build with injected notes.

Each injection is a note in an annotation of the real article. The loader's refusal is switched off for
the build (as if an editor had skipped `make check`), so the allow-list in note_html alone stands between
the note and the page; the built HTML must hold no event attribute, no javascript:/data:/vbscript: URL and,
inside each note, no element or attribute the allow-list does not name.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from edition import annotations, blocks
from edition.annotations import anchoring, load, sanitise

from test_editor_mistakes import NOTES

# Every note of the mistakes table (refused or allowed, short enough for a page), and more injections.
MORE = [
    '<a href="https://www.nato.int/" onclick="alert(16)" style="color:red">ok</a>',
    "![a][img]\n\n[img]: https://tracker.example.com/ref.gif",
    "<style>@import url(https://evil.example.com/x.css)</style>", "<link rel=stylesheet href=https://evil.example.com/x.css>",
    "<form action=javascript:alert(17)><button>go</button></form>", "<object data=https://evil.example.com/x.swf></object>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(18)>", "<svg><a xlink:href=javascript:alert(19)>x</a></svg>",
    '<noscript><p title="</noscript><img src=x onerror=alert(20)>">', "<base href=https://evil.example.com/>",
    "<meta http-equiv=refresh content=0;url=https://evil.example.com/>", "<video poster=https://evil.example.com/p.jpg>",
    '[x](https://www.nato.int/ "t" onclick=alert(21))', "<p onpointerenter=alert(22)>p</p>",
    "<a href=\"jav&#x0A;ascript:alert(23)\">x</a>", "[x](&#1;javascript:alert(24))",
]
INJECTIONS = [markdown for markdown in NOTES if len(markdown) < 10_000] + MORE
EVENT = re.compile(r"^on", re.IGNORECASE)
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background")


def free_phrases(project: Path, count: int) -> list[str]:
    """Phrases of the German article, each found once, in paragraphs that carry no real annotation."""
    article = blocks.read(project / "docs" / "de" / "article.md")
    taken = {placed.match.block_id for placed in annotations.place(project, annotations.load_all(project), "de")}
    texts = anchoring.passages(article)
    phrases = []
    for passage in texts:
        if passage.block_id in taken:
            continue
        words = passage.text.split()
        for start in range(0, len(words) - 6, 8):  # several phrases a paragraph, apart from each other
            phrase = " ".join(words[start:start + 6])
            if not re.search(r"[\[\]\"*_]", phrase) and len(anchoring.find(load.Anchor(phrase), texts)) == 1:
                phrases.append(phrase)
    assert len(phrases) >= count, "the article has too few paragraphs without annotations for the injections"
    return phrases[:count]


ANNOTATION = """\
id: inj-{number}
kind: fact-check
verdict: correct
anchor:
  de:
    exact: "{phrase}"
claim:
  de: "Eine Aussage."
  en: "A claim."
summary:
  de: "Richtig: so ist es."
  en: "Correct: so it is."
note:
  de: |
{note}
  en: |
    Safe.
sources:
  - url: "https://www.nato.int/"
    title: "NATO"
    publisher: "NATO"
    date: "2024"
    kind: primary
reviewed:
  date: "2026-11-25"
  by: editors
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, project):
    root = tmp_path_factory.mktemp("injected")
    for folder in ("docs", "data", "overrides", "hooks"):
        shutil.copytree(project / folder, root / folder)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(project / name, root)
    for number, (phrase, note) in enumerate(zip(free_phrases(project, len(INJECTIONS)), INJECTIONS)):
        text = "\n".join("    " + line for line in note.split("\n"))
        (root / "data" / "annotations" / f"inj-{number}.yml").write_text(
            ANNOTATION.format(number=number, phrase=phrase.replace('"', '\\"'), note=text), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        # As if `make check` had been skipped: nothing but the allow-list in note_html stops the note.
        patch.setattr(load, "_note_problems", lambda *args: [])
        config = load_config(config_file=str(root / "mkdocs.yml"), strict=False, site_dir=str(root / "site"),
                             watch=[])
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return BeautifulSoup((root / "site" / "article" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_without_the_bypass_the_loader_refuses_every_injection(tmp_path):
    for number, note in enumerate(MORE):
        path = tmp_path / f"inj-{number}.yml"
        path.write_text(ANNOTATION.format(number=number, phrase="x", note="\n".join("    " + line for line in
                                                                                 note.split("\n"))), encoding="utf-8")
        with pytest.raises(load.DataError, match=rf"inj-{number}\.yml:\d+: note\.de has "):
            load.load_file(path)


def test_each_injected_note_is_on_the_page(built):
    for number in range(len(INJECTIONS)):
        assert built.select_one(f"#fc-inj-{number} .annotation-note"), f"inj-{number} is not on the page"


def test_the_page_has_no_event_attribute_and_no_script_url(built):
    for element in built.find_all(True):
        for name, value in element.attrs.items():
            assert not EVENT.match(name), f"<{element.name} {name}=…>"
            if name in URL_ATTRIBUTES:
                assert not BAD_SCHEME.match(str(value)), f"<{element.name} {name}={value!r}>"


def test_notes_hold_only_what_the_allow_list_names(built):
    for number, injection in enumerate(INJECTIONS):
        note = built.select_one(f"#fc-inj-{number} .annotation-note")
        for element in note.find_all(True):
            assert element.name in sanitise.TAGS, (injection, str(element))
            allowed = sanitise.ATTRIBUTES.get(element.name, set())
            assert set(element.attrs) <= allowed, (injection, str(element))
            if element.name == "a" and element.get("href"):
                assert sanitise.allowed_link(element["href"]), (injection, str(element))
        assert "evil.example.com" not in str(note.find_all(["img", "iframe", "link", "object", "video"]))


def test_no_note_requests_another_host(built):
    # Images, frames, styles and media inside the notes are gone, so the page asks no host for them.
    for note in built.select(".annotation-note"):
        assert not note.find_all(["img", "iframe", "link", "style", "object", "embed", "video", "audio", "svg", "base"])
