"""From a phrase an editor selected in one block to an anchor that the article holds exactly once.

Uses the build's own anchoring (edition.annotations.anchoring): what this module accepts, the build finds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from edition.annotations.anchoring import Passage, closest_passage, find
from edition.annotations.model import Anchor


class SelectorProblem(Exception):
    """The phrase cannot be anchored; the message says why, in one line."""


@dataclass(frozen=True)
class Placed:
    anchor: Anchor  # exact, and the shortest prefix/suffix that make it unique
    block_id: str
    occurrences: int  # how often the phrase alone occurs in the article


def place(texts: Sequence[Passage], block_id: str, exact: str, start: int | None = None) -> Placed:
    """The anchor for `exact` as it stands in block_id (the occurrence nearest to start)."""
    exact = exact.strip()
    if not exact:
        raise SelectorProblem("no phrase given")
    if "\n" in exact:
        raise SelectorProblem("the phrase spans lines; choose words within one paragraph")
    passage = next((text for text in texts if text.block_id == block_id), None)
    if passage is None:
        raise SelectorProblem(f"there is no annotatable block {block_id!r} (headings cannot carry notes)")
    starts = [found.start() for found in re.finditer(re.escape(exact), passage.text)]
    if not starts:
        _, closest = closest_passage(exact, [passage])
        raise SelectorProblem(f"“{exact}” is not in {block_id} as written; closest: “{closest}”")
    at = min(starts, key=lambda position: abs(position - (start if start is not None else 0)))
    occurrences = len(find(Anchor(exact), texts))
    for prefix, suffix in _contexts(passage.text, at, at + len(exact)):
        candidate = Anchor(exact, prefix, suffix)
        if len(find(candidate, texts)) == 1:
            return Placed(candidate, block_id, occurrences)
    raise SelectorProblem(f"“{exact}” cannot be told apart from its other occurrences; choose a longer phrase")


def _contexts(text: str, start: int, end: int):
    """No context first, then ever more words before, then after, then both (whole words, spaces kept)."""
    yield "", ""
    befores = [text[found.start():start] for found in reversed(list(re.finditer(r"\S+\s*", text[:start])))]
    afters = [text[end:end + found.end()] for found in re.finditer(r"\s*\S+", text[end:])]
    for prefix in befores:
        yield prefix, ""
    for suffix in afters:
        yield "", suffix
    for prefix in befores:
        for suffix in afters:
            yield prefix, suffix
