"""Reading the YAML files editors change: every value keeps its line, every error names it.

Errors read `file:line: what is wrong; allowed: what is allowed` and fit on one line.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

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

    @property
    def errors(self) -> list["DataError"]:
        return [self]


class DataErrors(DataError):
    """Several problems found in one run: str() is the first (a build stops there), .errors holds them all."""

    def __init__(self, errors: Iterable[DataError]):
        self._errors = [one for error in errors for one in error.errors]
        first = self._errors[0]
        super().__init__(first.path, first.line, first.problem, first.allowed)

    @property
    def errors(self) -> list[DataError]:
        return list(self._errors)


class Problems:
    """Collects the DataErrors of independent checks, so that one run names every mistake, not just the first."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []

    @contextmanager
    def each(self) -> Iterator[None]:
        """Run one check; a DataError inside is recorded and the rest of the block skipped."""
        try:
            yield
        except DataError as error:
            self.errors.extend(error.errors)

    def add(self, error: DataError) -> None:
        self.errors.extend(error.errors)

    def raise_any(self) -> None:
        if self.errors:
            raise DataErrors(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)


class Mapping(dict):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]
    value_lines: dict[str, int]  # where each text value's first line of text stands (after `|` or `>`: the next)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def line_in(self, key: str, needle: str) -> int:
        """The line of the first place needle stands in the text value of key (its key's line if not found)."""
        value = self.get(key)
        first = getattr(self, "value_lines", {}).get(key, self.line_of(key))
        if not isinstance(value, str) or needle not in value:
            return first
        return first + value[:value.index(needle)].count("\n")


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
    result.key_lines, result.value_lines = {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise DataError(loader.name, key_node.start_mark.line + 1, f"the key {key!r} appears twice",
                            "each key once per entry")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
        block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
        result.value_lines[key] = value_node.start_mark.line + (2 if block else 1)
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
    text = read_text(path)
    tabs = [DataError(path, number, "a tab in the indentation", "spaces only (two per level); YAML does not allow tabs")
            for number, line in enumerate(text.split("\n"), start=1) if "\t" in line[:len(line) - len(line.lstrip())]]
    if tabs:
        raise DataErrors(tabs)
    loader = _Loader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        line, problem = _syntax_problem(error)
        unclosed = _unclosed_quote(text, line)
        if unclosed:
            line, problem = unclosed, "a quotation mark opened on this line is not closed on it"
        raise DataError(path, line, f"YAML syntax: {problem}",
                        "valid YAML (check indentation and quote text containing ': ')") from None
    except yaml.reader.ReaderError as error:
        line = text[:error.position].count("\n") + 1
        raise DataError(path, line, f"an invisible control character U+{error.character:04X}",
                        "printable text only (delete the character; retype the line if you cannot see it)") from None
    finally:
        loader.dispose()


def read_text(path: Path | str) -> str:
    """A text file that must be UTF-8; anything else is one line naming the first bad byte's line."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        byte = data[error.start:error.start + 1].hex()
        guess = ""
        try:
            data.decode("cp1252")
            guess = ", perhaps saved as Windows-1252 or Latin-1"
        except UnicodeDecodeError:
            pass
        raise DataError(path, line, f"not UTF-8 text (byte 0x{byte}{guess})",
                        "UTF-8 (in your editor: save with encoding UTF-8)") from None


# What libyaml says, in an editor's words, and which of its two marks is the line to change.
_SYNTAX = (
    ("could not find expected ':'", "context", "a line without ':' between key and value"),
    ("found unexpected end of stream", "context", "a quotation mark opened here is never closed"),
    ("did not find expected ',' or ']'", "context", "a list opened with '[' here is not closed with ']'"),
    ("did not find expected ',' or '}'", "context", "a mapping opened with '{' here is not closed with '}'"),
    ("did not find expected key", "problem", "this line is indented differently from the lines above it"),
    ("did not find expected '-' indicator", "problem", "this line is indented differently from the list items above it"),
    ("mapping values are not allowed", "problem", "a second ': ' on one line (put text containing ': ' in quotes)"),
    ("found character that cannot start any token", "problem",
     "a character that cannot start a value here (put text starting with @, ` or % in quotes)"),
)


# A value that opens a quotation mark and does not close it on its line ("key: "text, or - "text).
_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:]*:\s+)?(?:"(?:[^"\\]|\\.)*|'(?:[^']|'')*)$""")


def _unclosed_quote(text: str, error_line: int | None) -> int | None:
    """The first line at or above a syntax error whose quotation is left open: the line to change."""
    for number, line in enumerate(text.split("\n")[:error_line or None], start=1):
        if _OPEN_QUOTE.match(line):
            return number
    return None


def _syntax_problem(error: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    said = (error.problem or error.context or "invalid YAML").strip()
    for start, mark, problem in _SYNTAX:
        if said.startswith(start):
            chosen = (error.context_mark if mark == "context" else error.problem_mark) or error.problem_mark
            return (chosen.line + 1 if chosen else None), problem
    mark = error.problem_mark or error.context_mark
    return (mark.line + 1 if mark else None), said


# ---- Field checks shared by every loader ---------------------------------------------------

def expect_mapping(path: Path | str, value: Any, line: int, what: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise DataError(path, line, f"{what} must be a mapping of keys to values, not {_kind(value)}",
                        "'key: value' lines, each indented two spaces more than the line that opens them")
    return value


def expect_sequence(path: Path | str, value: Any, line: int, what: str) -> Sequence:
    if not isinstance(value, Sequence):
        raise DataError(path, line, f"{what} must be a list (lines starting with '- '), not {_kind(value)}",
                        "a list: each item on its own line starting with '- ', or [a, b] on one line")
    return value


def check_keys(path: Path | str, mapping: Mapping, required: Iterable[str], optional: Iterable[str] = (),
               reported: Iterable[str] = ()) -> None:
    """Fail on every missing required key and every key that is not known (except those already reported)."""
    required, optional, reported = list(required), list(optional), set(reported)
    allowed = ", ".join(required + optional)
    problems = [DataError(path, mapping.line_of(key), f"unknown field {key!r}", allowed)
                for key in mapping if key not in required and key not in optional and key not in reported]
    for key in required:
        if key not in mapping:
            problems.append(DataError(path, mapping.line, f"missing field {key!r}", allowed))
        elif mapping[key] is None or mapping[key] == "":
            problems.append(DataError(path, mapping.line_of(key), f"the field {key!r} is empty", allowed))
    if problems:
        raise DataErrors(problems)


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
        raise DataError(path, mapping.line_of(key), f"{key!r} is {shown(value)}", ", ".join(choices))
    return value


# ---- Text as an editor must see it in a message ----------------------------------------------

# Characters that look like nothing (or like a space) in a terminal, each with the sign messages show.
_INVISIBLE = {"\u00a0": "⍽", "\t": "⇥", "\u200b": "⟨U+200B⟩", "\u00ad": "⟨U+00AD⟩", "\u2009": "⟨U+2009⟩",
              "\u202f": "⟨U+202F⟩", "\ufeff": "⟨U+FEFF⟩", "\r": "⟨U+000D⟩", "\n": "⏎"}


def visible(text: str) -> str:
    """text with invisible characters shown: ␠ for a space at either end, ⍽ non-breaking space, ⇥ tab, …"""
    core = text.strip(" ")
    lead, trail = len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" "))
    if not core:
        return "␠" * len(text)
    shown_core = "".join(_INVISIBLE.get(char, char) for char in core)
    return "␠" * lead + shown_core + "␠" * trail


def shown(value: Any) -> str:
    """A value quoted for a message: text in quotes with invisible characters made visible."""
    if isinstance(value, str):
        return f"'{visible(value)}'"
    return "empty" if value is None else repr(value)


def invisible_note(text: str) -> str:
    """What the signs in visible(text) mean, for the end of a message; empty when there are none."""
    signs = [(sign, name) for sign, name in (("␠", "a space at the start or end"), ("⍽", "a non-breaking space"),
                                             ("⇥", "a tab"), ("⏎", "a line break"), ("⟨U+", "an invisible character"))
             if sign in visible(text) and sign not in text]
    return " (" + ", ".join(f"{sign} is {name}" for sign, name in signs) + ")" if signs else ""


# ---- Web addresses ------------------------------------------------------------------------

def web_address_problem(url: str) -> str | None:
    """Why url is not a full http(s) address of a public web site, or None when it is one."""
    if url != url.strip() or any(char.isspace() for char in url):
        return "contains a space"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # raises on a port that is not a number
    except ValueError:
        return "is not a well-formed address"
    if parts.scheme not in ("https", "http"):
        return "does not start with https:// or http://"
    if parts.username is not None or parts.password is not None:
        return "has a user name in it"
    if "." not in host.strip("."):
        return "has no dotted host name (such as www.nato.int)"
    if not re.fullmatch(r"[\w-]+(\.[\w-]+)+\.?", host):
        return f"has an invalid host name '{host}'"
    return None


WEB_ADDRESS = "a full address such as https://www.nato.int/… (https:// or http://, a host name with a dot, no spaces)"


# ---- Plain text -------------------------------------------------------------------------

# An HTML tag, comment or declaration: '<' then a letter, '/', '!' or '?' (so <svg/onload=…>, <a_b …> and
# <x:y …> count); Markdown autolinks such as <https://…> or <name@host> are not tags and stay allowed.
RAW_HTML = re.compile(r"<!--|(?<!\]\()<(?!(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[^<>]*>|[^<> !]+@[^@<> ]+>)[/!?]?[A-Za-z][^>]*>")
# Markdown a reader would see literally where a field is plain text (claim, summary, titles, timeline texts).
_MARKUP = (
    (re.compile(r"\*\*[^*\s][^*]*\*\*|__[^_\s][^_]*__"), "Markdown bold (** or __)"),
    (re.compile(r"(?<![\w*])\*[^*\s][^*]*\*(?![\w*])|(?<![\w_])_[^_\s][^_]*_(?![\w_])"), "Markdown emphasis (* or _)"),
    (re.compile(r"`[^`]+`"), "Markdown code (`)"),
    (re.compile(r"!?\[[^\]]*\]\([^)]*\)|\[[^\]]+\]\[[^\]]*\]"), "a Markdown link [text](…)"),
    (re.compile(r"^#{1,6}\s", re.MULTILINE), "a Markdown heading (#)"),
    (re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"), "an HTML entity (&…;)"),
)
PLAIN_TEXT = "plain text, as readers see it (no Markdown or HTML; quotation marks „…“ or “…” instead of emphasis)"


# In plain text only tags of real HTML elements count: "Frozen <for now>" is a title, "<b>now</b>" markup.
_HTML_ELEMENT = re.compile(
    r"<!--|</?(?:a|abbr|b|bdi|big|blockquote|br|center|cite|code|del|details|dfn|div|em|font|h[1-6]|hr|i|iframe|"
    r"img|ins|kbd|li|mark|object|ol|p|pre|q|s|samp|script|small|span|strike|strong|style|sub|summary|sup|svg|"
    r"table|td|th|tr|tt|u|ul|var|video)(?=[\s/>])[^>]*>", re.IGNORECASE)


def plain_text(path: Path, mapping: Mapping, key: str, what: str) -> str:
    """A text readers see as written: Markdown or HTML in it would show literally, so it is refused."""
    text = text_field(path, mapping, key)
    tag = _HTML_ELEMENT.search(text)
    found = (tag.group(0), "HTML") if tag else next(
        ((match.group(0), name) for pattern, name in _MARKUP for match in [pattern.search(text)] if match), None)
    if found:
        raise DataError(path, mapping.line_in(key, found[0]), f"{what} has {found[1]} {shown(found[0])}", PLAIN_TEXT)
    return text


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    return {str: "text", int: "a number", float: "a number", bool: "true/false",
            Mapping: "a mapping", Sequence: "a list"}.get(type(value), type(value).__name__)
