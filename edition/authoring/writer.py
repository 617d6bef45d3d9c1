"""Annotation files written by the form: new ones in the house format, changed ones kept as they were.

Round-trip YAML (ruamel.yaml): an existing file keeps its comments, key order and quoting; only the
values that changed are replaced, in the style the old value had. Every file of data/annotations/
loads and dumps unchanged with these settings (tested).
"""
from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

# Values written without quotes: names from closed lists (kind: fact-check, verdict: outdated, language: ru).
PLAIN = {"id", "kind", "verdict", "language"}
# Keys whose text is Markdown of several lines: written as a block (`note: |`).
BLOCKS = {"note"}


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.width = 4096  # never fold a long line: editors search and diff by line
    yaml.indent(mapping=2, sequence=4, offset=2)  # sources:\n  - url: …
    yaml.preserve_quotes = True
    return yaml


def parse(text: str) -> CommentedMap:
    return _yaml().load(text)


def dump(document: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def new_document(values: dict, comment: str) -> CommentedMap:
    """A new annotation file: the values in the order given, with a comment on top."""
    document = _styled(values)
    document.yaml_set_start_comment(comment)
    return document


def update(document: CommentedMap, values: dict) -> CommentedMap:
    """Change document in place to hold values; unchanged values, comments and key order stay."""
    _merge(document, values)
    return document


# ---- Helpers -----------------------------------------------------------------------------

def _merge(target: CommentedMap, values: dict, parent: str = "") -> None:
    for key in [key for key in target if key not in values]:
        del target[key]
    order = list(values)
    for key, value in values.items():
        if key in target:
            old = target[key]
            if isinstance(value, dict) and isinstance(old, CommentedMap):
                _merge(old, value, key)
            elif isinstance(value, list) and isinstance(old, CommentedSeq):
                _merge_list(old, value)
            elif not _same(old, value):
                target[key] = _styled(value, key, like=old, parent=parent)
        else:
            # After the nearest key that comes before it in the form's order, or first.
            before = [other for other in order[:order.index(key)] if other in target]
            position = list(target).index(before[-1]) + 1 if before else 0
            target.insert(position, key, _styled(value, key, parent=parent))


def _merge_list(target: CommentedSeq, values: list) -> None:
    for index, value in enumerate(values):
        if index < len(target) and isinstance(value, dict) and isinstance(target[index], CommentedMap):
            _merge(target[index], value)
        elif index < len(target):
            if not _same(target[index], value):
                target[index] = _styled(value)
        else:
            target.append(_styled(value))
    del target[len(values):]


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    return old == new


def _styled(value: Any, key: str = "", like: Any = None, parent: str = "") -> Any:
    """A value as the house format writes it: names plain, texts in double quotes, notes as blocks."""
    if isinstance(value, dict):
        styled = CommentedMap()
        for inner, item in value.items():
            styled[inner] = _styled(item, inner, parent=key)
        return styled
    if isinstance(value, list):
        return CommentedSeq(_styled(item) for item in value)
    if not isinstance(value, str):
        return value
    if BLOCKS & {key, parent} or isinstance(like, LiteralScalarString) or "\n" in value:
        return LiteralScalarString(value.strip() + "\n")
    if key in PLAIN and not isinstance(like, DoubleQuotedScalarString):
        return value
    return DoubleQuotedScalarString(value)
