"""Reading the YAML files editors change: every value keeps its line, every error names it.

Errors read `file:line: what is wrong; allowed: what is allowed` and fit on one line.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

import yaml


class DataError(Exception):
    """A data file is wrong; the message is one line naming file, line, problem and what is allowed."""

    def __init__(self, path: Path | str, line: int | None, problem: str, allowed: str | None = None):
        self.path, self.line, self.problem, self.allowed = str(path), line, problem, allowed
        where = f"{self.path}:{line}" if line else self.path
        message = f"{where}: {problem}"
        if allowed:
            message += f"; allowed: {allowed}"
        super().__init__(message)


class Mapping(dict):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence that remembers its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


# The C parser (libyaml) when PyYAML has it: ten times faster, same marks and constructors.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe YAML where dates stay strings and only true/false are booleans (no `No` → False)."""


# Drop the implicit date and YAML 1.1 boolean rules: editors write "2023-09" or "NO" (Norway)
# and mean text; each field's own parser decides what a date or a yes/no is.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    result = Mapping()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise DataError(loader.name, key_node.start_mark.line + 1, f"the key {key!r} appears twice",
                            "each key once per entry")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def shown_path(path: Path) -> Path:
    """The path as an editor types it (data/annotations/x.yml) when it lies below the working folder."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def load(path: Path | str) -> Any:
    """Parse one YAML file; a syntax error becomes a DataError with its line.

    Parsed files are kept until they change, since several hooks of one build read the same data.
    Callers must not modify what they get.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise DataError(path, None, "the file cannot be read", "an existing YAML file") from None
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _parsed:
        _parsed[key] = _parse(path)
    return _parsed[key]


_parsed: dict[tuple[Path, int, int], Any] = {}


def _parse(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError(path, None, f"not UTF-8 text ({error.reason})", "UTF-8 encoded YAML") from None
    loader = _Loader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = (error.problem or error.context or "invalid YAML").strip()
        raise DataError(path, line, f"YAML syntax: {problem}",
                        "valid YAML (check indentation and quote text containing ': ')") from None
    finally:
        loader.dispose()


# ---- Field checks shared by every loader ---------------------------------------------------

def expect_mapping(path: Path | str, value: Any, line: int, what: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise DataError(path, line, f"{what} must be a mapping of keys to values, not {_kind(value)}")
    return value


def expect_sequence(path: Path | str, value: Any, line: int, what: str) -> Sequence:
    if not isinstance(value, Sequence):
        raise DataError(path, line, f"{what} must be a list (lines starting with '- '), not {_kind(value)}")
    return value


def check_keys(path: Path | str, mapping: Mapping, required: Iterable[str], optional: Iterable[str] = ()) -> None:
    """Fail on a missing required key or on any key that is not known."""
    required, optional = list(required), list(optional)
    allowed = ", ".join(required + optional)
    for key in mapping:
        if key not in required and key not in optional:
            raise DataError(path, mapping.line_of(key), f"unknown field {key!r}", allowed)
    for key in required:
        if key not in mapping or mapping[key] is None or mapping[key] == "":
            raise DataError(path, mapping.line, f"missing field {key!r}", allowed)


def text_field(path: Path | str, mapping: Mapping, key: str) -> str:
    value = mapping[key]
    if not isinstance(value, str):
        raise DataError(path, mapping.line_of(key), f"{key!r} must be text, not {_kind(value)}",
                        "text (put it in quotes if it looks like a number or date)")
    return value


def choice_field(path: Path | str, mapping: Mapping, key: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    value = mapping[key]
    if value not in choices:
        raise DataError(path, mapping.line_of(key), f"{key!r} is {value!r}", ", ".join(choices))
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    return {str: "text", int: "a number", float: "a number", bool: "true/false",
            Mapping: "a mapping", Sequence: "a list"}.get(type(value), type(value).__name__)
