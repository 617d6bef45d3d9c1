"""Every verdict's colours read well in both colour schemes: contrast of at least 4.5:1 (WCAG AA)."""
import re
from pathlib import Path

import pytest

from edition.annotations.model import VERDICTS

CSS = (Path(__file__).resolve().parent.parent / "overrides" / "assets" / "stylesheets" / "annotations.css").read_text()
RULE = re.compile(r"^(\[data-md-color-scheme=\"slate\"\] )?\.md-typeset (?:\.([\w-]+))?\s*\{([^}]*)\}", re.M)


def colours():
    """{scheme: {class: {property: hex}}} from the stylesheet's custom properties."""
    found = {"default": {}, "slate": {}}
    for slate, name, body in RULE.findall(CSS):
        props = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", body))
        if props:
            found["slate" if slate else "default"][name or "typeset"] = props
    return found


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_each_verdict_and_the_translator_note_have_readable_colours(scheme):
    table = colours()[scheme]
    names = [f"verdict-{code}" for code in VERDICTS] + ["translator-note"]
    assert set(names) <= set(table), "a verdict without colours"
    text = table["typeset"]["--annotation-text"]
    # An opened marker swaps foreground and background: the same pair, so the same contrast.
    for name in names:
        fg, bg = table[name]["--verdict-fg"], table[name]["--verdict-bg"]
        assert contrast(fg, bg) >= 4.5, f"{scheme} {name}: marker text {fg} on {bg}"
        assert contrast(text, bg) >= 4.5, f"{scheme} {name}: phrase text {text} on {bg}"


def lab(hex_colour):
    """CIE L*a*b* (D65) of an sRGB colour."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_two_verdicts_share_a_colour(scheme):
    # German "Ungenau" and "Umstritten" were two oranges 16 apart; 20 (CIE76) tells colours apart at a glance.
    table = colours()[scheme]
    names = [f"verdict-{code}" for code in VERDICTS] + ["translator-note"]
    for index, first in enumerate(names):
        for second in names[index + 1:]:
            a, b = lab(table[first]["--verdict-fg"]), lab(table[second]["--verdict-fg"])
            distance = sum((x - y) ** 2 for x, y in zip(a, b)) ** .5
            assert distance >= 20, f"{scheme}: {first} and {second} look alike (ΔE {distance:.0f})"
