"""Accessibility in a real browser: axe-core on every page in both colour schemes, keyboard focus,
the skip link, reduced motion, landmarks and heading order."""
import pytest

from browsing import open_everything

# Material's palette attribute for each scheme the reader's system may ask for.
SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = {"serious", "critical"}

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_violation_on_any_page(context_factory, server, axe_source, scheme):
    page = context_factory(color_scheme=scheme).new_page()
    found = []
    for path in server.page_paths():
        page.goto(server.url(path), wait_until="networkidle")
        # The test means nothing unless Material really shows the scheme under test.
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], path
        open_everything(page)
        page.add_script_tag(content=axe_source)
        found += [f"{path or '/'}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
                  for v in page.evaluate(AXE_RUN) if v["impact"] in BLOCKING]
    assert not found, "\n".join(found)


FOCUS_INDICATOR = """() => {
  const element = document.activeElement;
  // A visually hidden radio button (the colour scheme switch) shows its focus on its label.
  const shown = element.matches("input[type=radio]")
    ? document.querySelector(`label[for="${element.id}"]:not([hidden])`) || element.nextElementSibling
    : element;
  const style = getComputedStyle(shown);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {tag: element.tagName, text: (element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 30),
          kind: element.matches("a[href], button, summary, input[type=radio]") ? "control" : "other",
          visible: outlined || style.boxShadow !== "none", body: element === document.body};
}"""


def test_every_link_and_button_shows_keyboard_focus(page, server):
    missing = []
    for path in server.page_paths():
        page.goto(server.url(path))
        open_everything(page)
        page.keyboard.press("Escape")  # the focus stays where a reader starts: the top of the page
        checked = 0
        for _ in range(1500):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_INDICATOR)
            if state["body"]:
                break
            if state["kind"] == "control":
                checked += 1
                if not state["visible"]:
                    missing.append(f"{path or '/'}: {state['tag']} {state['text']!r}")
        assert checked > 10, f"{path or '/'}: Tab reached too few links to say anything"
    assert not missing, "no visible focus indicator on:\n" + "\n".join(sorted(set(missing)))


@pytest.mark.parametrize("path", ["article/", "en/article/"])
def test_skip_link_is_the_first_stop_and_jumps_to_the_text(page, server, path):
    page.goto(server.url(path))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("class") == "md-skip" or "md-skip" in skip.get_attribute("class").split()
    box = skip.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 10 and box["y"] >= 0, "skip link not shown on focus"
    page.keyboard.press("Enter")
    assert page.url.endswith("#title")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), "Tab after the skip link left the text"


HEADING_LEVELS = """() => [...document.querySelectorAll("article :is(h1, h2, h3, h4, h5, h6)")]
  .map(h => Number(h.tagName[1]))"""


def test_landmarks_and_heading_order_on_every_page(page, server):
    problems = []
    for path in server.page_paths():
        page.goto(server.url(path))
        where = path or "/"
        # Roles as the accessibility tree has them (a <footer> is contentinfo only outside sections).
        for landmark in ("banner", "main", "contentinfo"):
            count = page.get_by_role(landmark).count()
            if count != 1:
                problems.append(f"{where}: {count} {landmark} landmarks")
        navigation = page.get_by_role("navigation")
        names = [navigation.nth(i).get_attribute("aria-label") for i in range(navigation.count())]
        if None in names or len(names) != len(set(names)):
            problems.append(f"{where}: navigation landmarks need distinct names: {names}")
        levels = page.evaluate(HEADING_LEVELS)
        if not levels or levels[0] != 1 or levels.count(1) != 1:
            problems.append(f"{where}: the text does not start with its one h1: {levels}")
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if jumps:
            problems.append(f"{where}: heading levels skip: {jumps}")
    assert not problems, "\n".join(problems)


MOVING = """() => {
  const seconds = value => Math.max(...value.split(",").map(part =>
    part.trim().endsWith("ms") ? parseFloat(part) / 1000 : parseFloat(part)));
  const moving = [];
  for (const element of document.querySelectorAll("body, body *")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      const animated = style.animationName !== "none" && seconds(style.animationDuration) > 0.001;
      const transitions = style.transitionProperty !== "none" && seconds(style.transitionDuration) > 0.001;
      if (animated || transitions) {
        moving.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")}${pseudo || ""}`);
      }
    }
  }
  return moving;
}"""


def test_reduced_motion_stops_animations_and_transitions(context_factory, server):
    def moving(reduced_motion):
        page = context_factory(reduced_motion=reduced_motion).new_page()
        page.goto(server.url("article/"))
        page.locator('sup[id="fnref:1"] a').hover()
        return page.evaluate(MOVING)

    # Material moves a lot by default: this is what the reader's setting must switch off.
    assert moving("no-preference"), "nothing moves even without the setting: the check would be blind"
    still_moving = moving("reduce")
    assert not still_moving, f"moving despite prefers-reduced-motion: {sorted(set(still_moving))[:10]}"
