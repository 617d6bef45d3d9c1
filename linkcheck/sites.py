"""Quirks of particular websites, in one place, each with the reason it is needed.

Keys are host names without a leading "www."; the checker asks `quirks_for(host)`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quirks:
    browser_agent: bool = False  # refuses unknown user agents: ask with the browser-like one at once
    script_fragments: tuple[str, ...] = ()  # #fragments a script adds after loading: not in the HTML
    why: str = ""


NONE = Quirks()

QUIRKS: dict[str, Quirks] = {
    "odkb-csto.org": Quirks(script_fragments=("loaded",),
                            why="its Bitrix pages append #loaded in JavaScript after an AJAX load"),
}

# Fragments every browser honours without an element of that id: the top of the page, text fragments.
UNIVERSAL_FRAGMENTS = ("", "top")


def quirks_for(host: str, table: dict[str, Quirks] | None = None) -> Quirks:
    table = QUIRKS if table is None else table
    host = host.lower()
    return table.get(host.removeprefix("www."), NONE)
