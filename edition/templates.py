"""The theme's Jinja environment, made once per build and shared by every hook.

MkDocs' Theme.get_env() builds a new environment on each call, so templates were compiled anew per page.
"""
from __future__ import annotations

from typing import Any

from jinja2 import Environment

_made: dict[int, tuple[Any, Environment]] = {}  # id(theme) → (theme, its environment); one build at a time


def theme_env(theme: Any) -> Environment:
    """The Jinja environment of this build's theme (Material plus overrides/)."""
    entry = _made.get(id(theme))
    if entry is None or entry[0] is not theme:
        _made.clear()  # a new build (or the other language): drop the last one's environment
        entry = _made[id(theme)] = (theme, theme.get_env())
    return entry[1]
