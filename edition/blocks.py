"""The article as a sequence of blocks with permanent ids, parsed from its Markdown.

Both languages' article.md share the ids; the parallel view, the anchoring and the tests read them here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from edition.datafile import DataError, Problems, read_text, shown_path

# A block's id: k- (key points), h- (headings), p- (paragraphs and statements), s- (summary).
ID_PATTERN = r"(?:k|h|p|s)-\d+"
_ATTR_LINE = re.compile(r"^\{:?\s*#(" + ID_PATTERN + r")((?:\s+\.[\w-]+)*)\s*\}\s*$")
_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*\{:?\s*#(" + ID_PATTERN + r")\s*\}\s*$")
_FOOTNOTE_DEF = re.compile(r"^\[\^(\d+)\]:\s*(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^(\d+)\](?!:)")


@dataclass(frozen=True)
class Block:
    id: str
    kind: str  # "keypoint", "heading", "paragraph", "statement" or "summary"
    markdown: str  # the block's own Markdown, without its id line
    line: int  # 1-based line of the block's first line in its file

    @property
    def footnotes(self) -> tuple[int, ...]:
        return tuple(int(number) for number in _FOOTNOTE_REF.findall(self.markdown))


@dataclass(frozen=True)
class Article:
    path: Path
    blocks: tuple[Block, ...]
    footnotes: dict[int, str]  # number → the footnote's Markdown text

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    @property
    def ids(self) -> list[str]:
        return [block.id for block in self.blocks]


def parse(markdown: str, path: Path | str = "article.md") -> Article:
    """Split an article into its id-carrying blocks (in order) and its footnote definitions."""
    blocks: list[Block] = []
    footnotes: dict[int, str] = {}
    for chunk, start in _chunks(markdown):
        _read_chunk(chunk, start, blocks, footnotes)
    return Article(Path(path), tuple(blocks), footnotes)


def read(path: Path | str) -> Article:
    """The article in a file; a file that is not UTF-8 is a DataError naming the line of the first bad byte."""
    path = Path(path)
    return parse(read_text(shown_path(path)), path)


def _chunks(markdown: str) -> Iterator[tuple[list[str], int]]:
    """The runs of non-blank lines, each with the 1-based number of its first line."""
    chunk: list[str] = []
    start = 0
    for number, line in enumerate(markdown.split("\n") + [""], start=1):
        if line.strip():
            if not chunk:
                start = number
            chunk.append(line)
        elif chunk:
            yield chunk, start
            chunk = []


# ---- What an editor can break: block ids and footnote markers ---------------------------------

_KINDS = {"k": "key point", "h": "heading", "p": "paragraph", "s": "summary paragraph"}
_NOT_NUMBERED = re.compile(r"^(?:<|\[\^\d+\]:|# |---|\{:?\s*#title)")  # HTML, footnotes, the title, front matter


def problems_in(markdown: str, path: Path | str) -> list[DataError]:
    """Every broken block id or footnote in one article: an id line deleted, an id twice, a gap in the
    numbering, a footnote whose marker was deleted, a marker without its footnote."""
    errors: list[DataError] = []
    ids: dict[str, int] = {}  # id → line of its id line
    unnumbered: list[tuple[int, str]] = []  # (line, "paragraph" or "heading")
    duplicates: list[tuple[int, str]] = []  # (line, id) of every second use of an id
    for chunk, start in _chunks(markdown):
        if _NOT_NUMBERED.match(chunk[0]) or chunk[0].startswith("---"):
            continue
        heading = re.match(r"^#{2,6}\s", chunk[0])
        match = _HEADING.match(chunk[0]) if heading else _ATTR_LINE.match(chunk[-1])
        if not match:
            line = start if heading else start + len(chunk) - 1
            unnumbered.append((line, "heading" if heading else "paragraph"))
            continue
        block_id = match.group(3 if heading else 1)
        line = start if heading else start + len(chunk) - 1
        if block_id in ids:
            duplicates.append((line, block_id))
        else:
            ids[block_id] = line
    errors += _gaps(path, ids, unnumbered, duplicates)
    errors += _footnote_problems(path, markdown)
    return sorted(errors, key=lambda error: error.line or 0)


def _gaps(path: Path | str, ids: dict[str, int], unnumbered: list[tuple[int, str]],
          duplicates: list[tuple[int, str]]) -> list[DataError]:
    """Missing numbers, mistyped ids and ids used twice; where a block without an id, or with a repeated one,
    stands in a gap, one message names both."""
    errors = []
    missing = []
    for prefix in dict.fromkeys(block_id.split("-")[0] for block_id in ids):
        sequence = [(_sort_key(block_id)[1], line) for block_id, line in ids.items() if block_id.startswith(prefix + "-")]
        present = {number for number, _ in sequence}
        expected, highest = 1, (0, 0)
        for index, (number, line) in enumerate(sequence):
            following = sequence[index + 1][0] if index + 1 < len(sequence) else None
            if number < highest[0]:
                errors.append(DataError(path, line, f"the block id {prefix}-{number} comes after {prefix}-{highest[0]} "
                                        f"(line {highest[1]})", "the ids in the order of the text (each block keeps "
                                        "its own id; were two swapped?)"))
                continue
            if number > expected and following == expected + 1:
                errors.append(DataError(path, line, f"the block id {prefix}-{number} stands where {prefix}-{expected} "
                                        "belongs", f"{{ #{prefix}-{expected} }} (every block keeps its own id)"))
                number = expected
            highest = (number, line)
            missing += [f"{prefix}-{n}" for n in range(expected, number) if n not in present]
            expected = max(expected, number + 1)
    for line, kind in unnumbered:
        # The id this block had: a missing one whose neighbours stand before and after it.
        guess = next((block_id for block_id in missing if _between(block_id, line, ids)), "")
        if guess:
            missing.remove(guess)
            problem = f"this {kind} has no block id ({guess} is missing here)"
            allowed = f"its id {{ #{guess} }} " + ("at the end of the heading line" if kind == "heading"
                                                    else "on the line right after it")
        else:
            problem = f"this {kind} has no block id"
            allowed = "an id line such as { #p-12 } right after it, with the id it had (see the other language's article)"
        errors.append(DataError(path, line, problem, allowed))
    for line, block_id in duplicates:
        guess = next((other for other in missing if _between(other, line, ids)), "")
        if guess:
            missing.remove(guess)
        errors.append(DataError(path, line, f"the block id {block_id} appears twice (also at line {ids[block_id]})"
                                + (f"; this one is probably {guess}, which is missing" if guess else ""),
                                f"{{ #{guess} }} here" if guess else "each id once: every block keeps its own id"))
    for block_id in missing:
        prefix, number = _sort_key(block_id)
        later = [ids[other] for other in ids if _sort_key(other)[0] == prefix and _sort_key(other)[1] > number]
        errors.append(DataError(path, min(later) if later else None, f"the block id {block_id} is missing",
                                f"every {_KINDS[prefix]} keeps its id: restore {{ #{block_id} }} on its block"))
    return errors


def _between(block_id: str, line: int, ids: dict[str, int]) -> bool:
    prefix, number = _sort_key(block_id)
    before, after = ids.get(f"{prefix}-{number - 1}", 0), ids.get(f"{prefix}-{number + 1}")
    return before < line and (after is None or line < after)


def _footnote_problems(path: Path | str, markdown: str) -> list[DataError]:
    errors = []
    lines = markdown.split("\n")
    defined: dict[str, int] = {}
    referenced: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        definition = _FOOTNOTE_DEF.match(line)
        if definition:
            if definition.group(1) in defined:
                errors.append(DataError(path, number, f"the footnote [^{definition.group(1)}] is defined twice "
                                        f"(also at line {defined[definition.group(1)]})", "each footnote once"))
            defined.setdefault(definition.group(1), number)
            line = line[definition.end(1) + 2:]
        for reference in _FOOTNOTE_REF.finditer(line):
            referenced.setdefault(reference.group(1), number)
    for number, line in defined.items():
        if number not in referenced:
            errors.append(DataError(path, line, f"the footnote [^{number}] is defined here, but its marker [^{number}] "
                                    "is gone from the text", f"the marker [^{number}] where the author put it "
                                    "(see the other language's article or git)"))
    for number, line in referenced.items():
        if number not in defined:
            errors.append(DataError(path, line, f"the footnote marker [^{number}] has no footnote",
                                    f"a definition line [^{number}]: … at the end of the article"))
    return errors


def compare(original: Article, translation: Article) -> list[DataError]:
    """A translation has the original's block ids, and in each block the same footnote markers."""
    errors = []
    path = shown_path(translation.path)
    theirs = {block.id: block for block in original.blocks}
    for block in translation.blocks:
        if block.id not in theirs:
            errors.append(DataError(path, block.line, f"the block id {block.id} is not in {shown_path(original.path)}",
                                    "the ids of the original article"))
            continue
        want, have = sorted(theirs[block.id].footnotes), sorted(block.footnotes)
        for number in sorted(set(want) - set(have)):
            errors.append(DataError(path, block.line, f"{block.id} lacks the footnote marker [^{number}] that "
                                    f"{shown_path(original.path)} has there", "the same footnote markers as the original"))
        for number in sorted(set(have) - set(want)):
            errors.append(DataError(path, block.line, f"{block.id} has the footnote marker [^{number}], which "
                                    f"{shown_path(original.path)} does not have there",
                                    "the same footnote markers as the original"))
    mine = set(translation.ids)
    for block in original.blocks:
        if block.id not in mine:
            errors.append(DataError(path, None, f"the block id {block.id} of {shown_path(original.path)} is missing",
                                    f"every id of the original: restore {{ #{block.id} }} on its paragraph"))
    return errors


def check(root: Path) -> list[Article]:
    """What `make check` runs for the articles: each readable as UTF-8, its ids and footnotes whole,
    the English one matching the German original; every problem raised at once (DataErrors)."""
    problems = Problems()
    articles = []
    for language in ("de", "en"):
        path = root / "docs" / language / "article.md"
        with problems.each():
            text = read_text(shown_path(path))
            for error in problems_in(text, shown_path(path)):
                problems.add(error)
            articles.append(parse(text, path))
    if len(articles) == 2 and not problems:
        for error in compare(*articles):
            problems.add(error)
    problems.raise_any()
    return articles


def _sort_key(block_id: str) -> tuple[str, int]:
    prefix, number = block_id.split("-")
    return prefix, int(number)


def plain_text(markdown: str) -> str:
    """A block's reading text: footnote markers and Markdown emphasis removed."""
    text = _FOOTNOTE_REF.sub("", markdown)
    return re.sub(r"(\*\*|__|\*|_(?=\w))", "", text)


def _read_chunk(chunk: list[str], start: int, blocks: list[Block], footnotes: dict[int, str]) -> None:
    for offset, line in enumerate(chunk):
        definition = _FOOTNOTE_DEF.match(line)
        if definition:
            footnotes[int(definition.group(1))] = definition.group(2).strip()
    if _FOOTNOTE_DEF.match(chunk[0]):
        return
    heading = _HEADING.match(chunk[0])
    if heading and len(chunk) == 1:
        blocks.append(Block(heading.group(3), "heading", heading.group(2), start))
        return
    attrs = _ATTR_LINE.match(chunk[-1])
    if not attrs:
        return  # front matter, raw HTML, or the title: not one of the article's numbered blocks
    block_id, classes = attrs.group(1), attrs.group(2).split()
    kind = {"k": "keypoint", "s": "summary"}.get(block_id[0], "paragraph")
    if ".statement" in classes:
        kind = "statement"
    blocks.append(Block(block_id, kind, "\n".join(chunk[:-1]), start))
