"""One note in detail, in Chromium: beside the text at 1280 px and over it at 390 px without moving the
text, focus into the note and back, the filter, the public surface for the authoring script, print,
touch targets. test_browser_annotations.py covers opening and closing in both languages and no JavaScript.
"""
import pytest
from playwright.sync_api import expect

ID = "nato-members-2023"
NOTE = f"#fc-{ID}"
MARKER = NOTE + "-marker"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Where the text after a marker stands in the document: the words right after it, and the next block.
TEXT_AFTER = """marker => {
  // The text node that followed the marker before anything opened (the open note stands in between).
  window.__after = window.__after || marker.nextSibling;
  const range = document.createRange();
  range.selectNodeContents(window.__after);
  const words = range.getClientRects()[0];
  const block = marker.closest("p").nextElementSibling.getBoundingClientRect();
  return [words.left, words.top + scrollY, block.left, block.top + scrollY];
}"""
SHIFTS = """() => { window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
  window.__shift += e.value; }).observe({type: "layout-shift"}); }"""


def article(context_factory, server, viewport, query=""):
    tab = context_factory(viewport=viewport).new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(server.url(f"article/{query}"))
    tab.errors = errors
    return tab


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_opening_and_closing_a_note_leaves_the_text_where_it_was(context_factory, server, viewport):
    page = article(context_factory, server, viewport)
    marker = page.locator(MARKER)
    marker.scroll_into_view_if_needed()
    page.evaluate(SHIFTS)
    before = marker.evaluate(TEXT_AFTER)
    marker.click()
    note = page.locator(NOTE)
    expect(note).to_be_visible()
    assert marker.evaluate(TEXT_AFTER) == before
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    assert marker.evaluate(TEXT_AFTER) == before
    # Every shift counts here, even those right after the click that the CLS metric forgives.
    assert page.evaluate("window.__shift") <= 0.02
    assert not page.errors


def test_on_a_wide_screen_the_note_stands_in_the_margin_beside_its_marker(context_factory, server):
    page = article(context_factory, server, DESKTOP)
    marker = page.locator(MARKER)
    marker.click()
    note, text = page.locator(NOTE).bounding_box(), page.locator("p#p-46").bounding_box()
    spot = marker.bounding_box()
    assert note["x"] >= text["x"] + text["width"], "the note covers the text"
    assert note["x"] + note["width"] <= DESKTOP["width"]
    assert abs(note["y"] - spot["y"]) < 24, "the note is not beside its marker's line"


def test_notes_open_side_by_side_stack_without_overlapping_and_the_current_one_is_whole(context_factory, server):
    page = article(context_factory, server, DESKTOP, "?notes=all")
    markers = page.locator("p#p-46 button.annotation-marker")
    assert markers.count() >= 2
    first, second = markers.nth(0), markers.nth(1)
    first.click()
    second.click()
    ids = [m.get_attribute("aria-controls") for m in (first, second)]
    boxes = [page.locator(f"#{id}").bounding_box() for id in ids]
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"] or boxes[1]["y"] + boxes[1]["height"] <= boxes[0]["y"]
    # The one opened last is current and whole; the other shows its label and verdict sentence.
    expect(page.locator(f"#{ids[1]} .annotation-note")).to_be_visible()
    expect(page.locator(f"#{ids[0]} .annotation-note")).to_be_hidden()
    expect(page.locator(f"#{ids[0]} .annotation-summary")).to_be_visible()
    assert page.evaluate("window.edition.annotations.current()") == ids[1].removeprefix("fc-")


def test_on_a_phone_the_note_opens_over_the_text_with_a_close_button(context_factory, server):
    page = article(context_factory, server, PHONE)
    marker = page.locator(MARKER)
    marker.click()
    note = page.locator(NOTE)
    box = note.bounding_box()
    assert note.evaluate("n => getComputedStyle(n).position") == "fixed"
    assert box["x"] == 0 and box["width"] == PHONE["width"]
    assert abs(box["y"] + box["height"] - PHONE["height"]) < 1, "the sheet is not at the bottom"
    # The marker stays in sight above the sheet.
    assert marker.bounding_box()["y"] + marker.bounding_box()["height"] <= box["y"]
    close = note.get_by_role("button", name="Anmerkung schließen")
    expect(close).to_be_visible()
    assert close.bounding_box()["height"] >= 24
    close.click()
    expect(note).to_be_hidden()
    expect(marker).to_be_focused()


def test_the_marker_is_a_disclosure_button_and_focus_moves_into_the_note_and_back(page, server):
    page.goto(server.url("article/"))
    marker = page.locator(MARKER)
    assert marker.evaluate("m => m.matches('button')")
    expect(marker).to_have_attribute("aria-expanded", "false")
    expect(marker).to_have_accessible_name("Faktencheck zu „hat heute 31 Mitgliedsstaaten“: Überholt")
    marker.focus()
    page.keyboard.press("Enter")
    note = page.locator(NOTE)
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(marker).to_have_attribute("aria-controls", NOTE[1:])
    expect(note).to_be_focused()
    expect(note).to_have_accessible_name("Faktencheck: Überholt")
    # Tab moves on inside the note: its close button comes first.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.annotation')?.id") == NOTE[1:]
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(marker).to_have_attribute("aria-expanded", "false")
    expect(marker).to_be_focused()


def test_the_filter_hides_and_shows_markers_persists_and_works_from_the_address(context_factory, server):
    context = context_factory()
    page = context.new_page()
    page.goto(server.url("article/"))
    correct = page.locator("button.annotation-marker.verdict-correct")
    problem = page.locator("button.annotation-marker.verdict-inaccurate").first
    assert correct.count() > 0
    # The default: only the problems.
    expect(page.get_by_role("radio", name="nur Probleme")).to_be_checked()
    expect(correct.first).to_be_hidden()
    expect(problem).to_be_visible()
    page.get_by_role("radio", name="alle").check()
    expect(correct.first).to_be_visible()
    assert "notes=all" in page.url
    page.goto(server.url("article/"))
    expect(page.get_by_role("radio", name="alle")).to_be_checked()
    expect(correct.first).to_be_visible()
    page.get_by_role("radio", name="keine").check()
    expect(problem).to_be_hidden()
    # An address with a choice wins over the saved one, for that visit.
    shared = context.new_page()
    shared.goto(server.url("article/?notes=problems"))
    expect(shared.get_by_role("radio", name="nur Probleme")).to_be_checked()
    expect(shared.locator("button.annotation-marker.verdict-inaccurate").first).to_be_visible()
    expect(shared.locator("button.annotation-marker.verdict-correct").first).to_be_hidden()


def test_the_public_surface_opens_closes_and_announces(page, server):
    page.goto(server.url("article/"))
    page.evaluate("""() => { window.__events = [];
      for (const type of ["edition:annotation-open", "edition:annotation-close"])
        document.addEventListener(type, e => window.__events.push([type, e.detail.id, e.detail.element.id])); }""")
    assert page.evaluate(f"window.edition.annotations.open('{ID}')") is True
    expect(page.locator(NOTE)).to_be_visible()
    assert page.evaluate("window.edition.annotations.current()") == ID
    page.evaluate("window.edition.annotations.close()")
    expect(page.locator(NOTE)).to_be_hidden()
    assert page.evaluate("window.edition.annotations.current()") is None
    assert page.evaluate("window.__events") == [["edition:annotation-open", ID, NOTE[1:]],
                                                ["edition:annotation-close", ID, NOTE[1:]]]


def test_a_notes_address_opens_it_even_where_the_filter_hides_its_marker(page, server):
    page.goto(server.url("article/?notes=none#" + NOTE[1:]))
    expect(page.locator(NOTE)).to_be_visible()
    expect(page.locator(MARKER)).to_be_visible()


def test_print_shows_every_note(page, server):
    page.goto(server.url("article/"))
    page.emulate_media(media="print")
    expect(page.locator(NOTE)).to_be_visible()
    expect(page.locator("aside.annotation").last).to_be_visible()


HIT = """(element) => {
  const box = element.getBoundingClientRect(), x = box.left + box.width / 2, y = box.top + box.height / 2;
  return [[-11.5, -11.5], [11.5, -11.5], [-11.5, 11.5], [11.5, 11.5]].every(([dx, dy]) => {
    const hit = document.elementFromPoint(x + dx, y + dy);
    return hit === element || element.contains(hit);
  });
}"""


@pytest.mark.parametrize("selector", ["button.annotation-marker", "sup a.footnote-ref"])
def test_markers_and_footnote_numbers_answer_a_touch_of_24_px(context_factory, server, selector):
    page = article(context_factory, server, PHONE, "?notes=all")
    targets = page.locator(selector)
    assert targets.count() > 10
    for index in range(0, targets.count(), 7):
        target = targets.nth(index)
        target.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -200)")
        assert target.evaluate(HIT), f"{selector} #{index} is smaller than 24 × 24 px to a finger"


def test_the_overview_gets_filter_buttons(browser, server):
    page = browser.new_page()
    page.goto(server.url("fact-checks/"))
    buttons = page.locator(".fact-check-filter button")
    assert buttons.first.get_attribute("aria-pressed") == "true"
    count = page.locator(".fact-check-list > li[data-verdict='outdated']").count()
    assert count >= 1
    outdated = page.get_by_role("button", name=f"Überholt ({count})")
    outdated.click()
    assert outdated.get_attribute("aria-pressed") == "true" and buttons.first.get_attribute("aria-pressed") == "false"
    hidden = page.locator(".fact-check-list > li:not([data-verdict='outdated'])")
    assert all(hidden.nth(i).is_hidden() for i in range(hidden.count()))
    assert "von" in page.locator(".fact-check-status").inner_text()
    page.close()
