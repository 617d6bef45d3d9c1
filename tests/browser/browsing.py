"""What the browser tests do as a reader would: move with the keyboard, reveal what starts closed."""


def tab_to(page, locator, limit: int = 40):
    """Press Tab until `locator` has the focus, as a keyboard user would; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab did not reach {locator}")


def open_everything(page):
    """Open every note and every disclosure, so that checks see what a reader can open."""
    page.evaluate("""() => {
      document.querySelectorAll("button.annotation-marker[aria-expanded='false']").forEach(b => b.click());
      document.querySelectorAll("details:not([open])").forEach(d => { d.open = true; });
    }""")
