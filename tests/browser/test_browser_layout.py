"""The article fits a desktop and a phone screen in both languages; screenshots go to screenshots/.

The screenshots (git-ignored) are for a person to look at after a change of layout or styles.
"""
from pathlib import Path

import pytest

SCREENS = {"desktop": {"viewport": {"width": 1280, "height": 900}},
           "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
                     "is_mobile": True, "has_touch": True}}
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(("lang", "path"), [("de", "article/"), ("en", "en/article/")])
def test_article_fits_the_screen_without_sideways_scrolling(context_factory, server, screen, lang, path):
    # Reduced motion: a screenshot taken mid-transition (the header title fades) misleads the eye.
    page = context_factory(reduced_motion="reduce", **SCREENS[screen]).new_page()
    SHOTS.mkdir(exist_ok=True)
    for anchor, name in (("", "top"), ("#p-6", "footnotes")):
        page.goto(server.url(path + anchor), wait_until="networkidle")
        page.screenshot(path=SHOTS / f"{lang}-{screen}-{name}.png")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path}{anchor} is {overflow}px wider than the {screen} screen"
