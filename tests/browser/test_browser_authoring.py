"""Select and annotate in `make serve`: a phrase selected in the article becomes a checked annotation file,
and the page reloads with its note; a failed build shows its lines and the page comes back by itself."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from preview import serving_copy

PROJECT = Path(__file__).resolve().parents[2]
SHOTS = PROJECT / "screenshots"
DE_PHRASE = "Das Projekt der Vereinten Streitkräfte der GUS hat Schritt für Schritt versagt"
EN_PHRASE = "The project of the CIS Joint Armed Forces gradually failed"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    yield from serving_copy(tmp_path_factory, "authoring")


@pytest.fixture
def tab(browser, preview):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    # A page asked for during a rebuild waits for it (seconds; more on a busy machine).
    context.set_default_navigation_timeout(90000)
    outside = []

    def route(route):
        if route.request.url.startswith(preview.base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors
    assert not outside, outside


SELECT = """([selector, phrase]) => {
  const block = document.querySelector(selector);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.data.indexOf(phrase);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + phrase.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      block.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
      return true;
    }
  }
  return false;
}"""


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition.check"], cwd=root, capture_output=True, text=True)


def test_select_fill_save_and_the_note_shows(tab, preview):
    target = preview.root / "data" / "annotations" / "gus-streitkraefte-versagt.yml"
    tab.goto(preview.base + "article/")
    # Editors see each block's id when the pointer rests on it.
    tab.hover("#p-3")
    assert tab.evaluate("getComputedStyle(document.getElementById('p-3'), '::before').content") == '"p-3"'
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / "preview-block-id-1280.png"))
    assert tab.evaluate(SELECT, ["#p-3", DE_PHRASE])
    tab.get_by_role("toolbar").get_by_role("button", name="Annotate").click()
    form = tab.locator("dialog.ea-dialog form")
    form.wait_for()
    assert form.locator("[name='anchor.de.exact']").input_value() == DE_PHRASE
    tab.wait_for_function("document.querySelector('.ea-anchor[data-language=de] output').textContent"
                          ".includes('found once in p-3')")
    form.locator("[name=id]").fill("gus-streitkraefte-versagt")

    # Saving without a verdict: the check's line shows in the form, and nothing is written.
    form.get_by_role("button", name="Save").click()
    tab.wait_for_function("document.querySelector('.ea-errors').textContent.length > 0")
    errors = form.locator(".ea-errors").text_content()
    assert "data/annotations/gus-streitkraefte-versagt.yml:" in errors and "verdict" in errors
    assert not target.exists()

    # The English phrase, chosen in the matching paragraph, with live feedback.
    passage = form.locator(".ea-anchor[data-language=en] blockquote")
    passage.wait_for()
    assert passage.text_content().startswith("The project of the CIS")
    assert tab.evaluate(SELECT, [".ea-anchor[data-language=en] blockquote", EN_PHRASE])
    assert form.locator("[name='anchor.en.exact']").input_value() == EN_PHRASE
    tab.wait_for_function("document.querySelector('.ea-anchor[data-language=en] output').textContent.includes('found once')")

    form.get_by_label("Correct / Richtig").check()
    assert form.locator("[name='summary.de']").input_value() == "Richtig: "
    form.locator("[name='claim.de']").fill("Die Vereinten Streitkräfte der GUS scheiterten.")
    form.locator("[name='claim.en']").fill("The CIS Joint Armed Forces failed.")
    form.locator("[name='summary.de']").press("End")
    form.locator("[name='summary.de']").type("Das Oberkommando wurde 1993 aufgelöst.")
    form.locator("[name='summary.en']").press("End")
    form.locator("[name='summary.en']").type("The joint command was dissolved in 1993.")
    form.locator("[name='note.de']").fill("Das Oberkommando der Vereinten Streitkräfte wurde **1993** aufgelöst.")
    form.locator("[name='note.en']").fill("The CIS Joint Armed Forces command was dissolved in **1993**.")
    source = form.locator(".ea-source").first
    source.get_by_label("Address (URL)").fill("https://www.example.org/cis-1993")
    source.get_by_label("Title").fill("CIS joint command dissolved")
    source.get_by_label("Publisher").fill("Example News")
    source.get_by_label("Date").fill("1993-06-15")
    source.get_by_label("Kind").select_option("news")
    SHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        tab.emulate_media(color_scheme=scheme)
        for width, height in ((1280, 900), (390, 844)):
            tab.set_viewport_size({"width": width, "height": height})
            tab.evaluate("document.querySelector('dialog.ea-dialog').scrollTop = 0")
            tab.screenshot(path=str(SHOTS / f"authoring-form-{width}-{scheme}-top.png"))
            source.scroll_into_view_if_needed()
            tab.screenshot(path=str(SHOTS / f"authoring-form-{width}-{scheme}-sources.png"))
    tab.emulate_media(color_scheme="light")
    tab.set_viewport_size({"width": 1280, "height": 900})
    form.get_by_role("button", name="Save").click()
    tab.wait_for_function("document.querySelector('.ea-status').textContent.startsWith('Saved')")

    # The file: in the house format, passing make check; the page reloads by itself and shows the note.
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Fact-check on “Das Projekt")
    assert 'exact: "Das Projekt der Vereinten Streitkräfte der GUS hat Schritt für Schritt versagt"' in text
    assert "verdict: correct" in text and "  by: \"editors\"" in text
    result = _check(preview.root)
    assert result.returncode == 0, result.stdout + result.stderr
    note = tab.locator("#fc-gus-streitkraefte-versagt")
    note.wait_for(state="visible", timeout=60000)  # reloaded at the note's address: open
    assert "aufgelöst" in note.text_content()
    assert tab.locator("mark.annotation-phrase", has_text="Schritt für Schritt versagt").count() == 1

    # Edit: the same form with the file's values; saving keeps the comment and changes only what changed.
    tab.locator("#fc-gus-streitkraefte-versagt .ea-edit").click(force=True)
    form = tab.locator("dialog.ea-dialog form")
    form.wait_for()
    assert form.locator("[name=id]").input_value() == "gus-streitkraefte-versagt"
    assert form.locator("[name='note.en']").input_value().startswith("The CIS Joint Armed Forces command")
    form.locator("[name='note.en']").fill("The command of the CIS Joint Armed Forces was dissolved in **1993**.")
    form.get_by_role("button", name="Save").click()
    tab.wait_for_function("document.querySelector('.ea-status').textContent.startsWith('Saved')")
    edited = target.read_text(encoding="utf-8")
    changed = [line for line in edited.splitlines() if line not in text.splitlines()]
    assert changed == ["    The command of the CIS Joint Armed Forces was dissolved in **1993**."], changed
    target.unlink()


def test_a_selection_across_a_note_takes_only_the_authors_words(tab, preview):
    tab.goto(preview.base + "article/")
    # Once the notes module has set up the markers (a selection made before would be rearranged).
    tab.locator("button#fc-nato-members-2023-marker").wait_for()
    # p-46 holds the phrase of nato-members-2023 and its marker ("Überholt"): select across both.
    selected = tab.evaluate("""() => {
      const marker = document.getElementById('fc-nato-members-2023-marker');
      const mark = marker.previousElementSibling;
      let after = marker.nextSibling;
      while (after.nodeType !== Node.TEXT_NODE) after = after.nextSibling;
      const range = document.createRange();
      range.setStart(mark.firstChild, 0);
      range.setEnd(after, 8);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return getSelection().toString();
    }""")
    assert "Überholt" in selected  # what the browser copies
    tab.keyboard.press("Alt+Shift+A")
    phrase = tab.locator("dialog.ea-dialog [name='anchor.de.exact']")
    phrase.wait_for()
    assert phrase.input_value().startswith("hat heute 31 Mitgliedsstaaten")
    assert "Überholt" not in phrase.input_value()
    tab.keyboard.press("Escape")


def test_a_failed_build_shows_its_lines_and_the_page_returns_by_itself(tab, preview):
    file = preview.root / "data" / "annotations" / "nato-members-2023.yml"
    original = file.read_text(encoding="utf-8")
    tab.goto(preview.base + "article/#p-46")
    # The note itself is built only when opened; its marker stands for it on the page.
    tab.locator("#fc-nato-members-2023-marker").wait_for(state="attached")
    file.write_text(original.replace("hat heute 31 Mitgliedsstaaten", "hat heute 99 Mitgliedsstaaten"), encoding="utf-8")
    try:
        tab.locator("#edition-build-error").wait_for(timeout=60000)
        assert "nato-members-2023.yml:7: anchor.de “hat heute 99 Mitgliedsstaaten” not found" in tab.content()
        tab.screenshot(path=str(SHOTS / "preview-build-error-1280.png"))
    finally:
        file.write_text(original, encoding="utf-8")
    tab.locator("#fc-nato-members-2023-marker").wait_for(state="attached", timeout=60000)
