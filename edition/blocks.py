"""The article as a sequence of blocks with permanent ids, parsed from its Markdown.

Both languages' article.md share the ids; the parallel view, the anchoring and the tests read them here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
    lines = markdown.split("\n")
    blocks: list[Block] = []
    footnotes: dict[int, str] = {}
    chunk: list[str] = []
    chunk_start = 0
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            if not chunk:
                chunk_start = number
            chunk.append(line)
            continue
        if chunk:
            _read_chunk(chunk, chunk_start, blocks, footnotes)
            chunk = []
    return Article(Path(path), tuple(blocks), footnotes)


def read(path: Path | str) -> Article:
    path = Path(path)
    return parse(path.read_text(encoding="utf-8"), path)


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
