"""Read a plan document (Markdown or DOCX) into headings, body lines and its contents list (DOCX: ``docxread``).

Headings come from ``#`` lines (Markdown), Heading/标题 styles (DOCX) and numbered plain-text
paragraphs that stand alone as headings (``一、行业背景``, ``1.1 市场规模``, ``第三章``, ``（二）``).
"""

from __future__ import annotations

import os
import re

from opsplan.check.heading_numbers import Number, is_contents_title, split_number
from opsplan.check.textutil import strip_page_number
from opsplan.errors import InputError, Record
from opsplan.filekind import wrong_kind
from opsplan.safeio import read_user_file

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any

    from opsplan.check.messages import Wording

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
# A heading's text is cut to this many characters: every finding under a heading names it (its heading path and its
# chapter), so a paragraph of 1 MB marked as a heading made 200 findings write 200 MB of JSON. No title is this long.
MAX_HEADING_CHARACTERS = 1_000


class Heading(Record):
    """A heading: level (1 title, 2 chapter, 3 section …), text, number and position.

    ``position`` is the 1-based line in Markdown and the 1-based paragraph in DOCX; ``depth`` is the
    numbering depth (1 for 一/1, 2 for 1.1 or （一） under a chapter), 0 when unnumbered. A named tuple
    (``errors.Record``).
    """

    __slots__ = ()
    _fields = ("level", "text", "position", "number", "depth", "plain", "path")
    level: int
    text: str
    position: int
    number: Number | None
    depth: int
    plain: bool
    path: tuple[str, ...]

    def __new__(
        cls,
        level: int,
        text: str,
        position: int,
        number: Number | None = None,
        depth: int = 0,
        plain: bool = False,
        path: tuple[str, ...] = (),
    ) -> Heading:
        """Return the heading of ``level`` reading ``text`` at ``position``."""
        return tuple.__new__(cls, (level, text, position, number, depth, plain, path))


class BodyLine(Record):
    """A line (Markdown) or paragraph/table (DOCX) of text under heading number ``heading`` (-1: none)."""

    __slots__ = ()
    _fields = ("heading", "position", "text")
    heading: int
    position: int
    text: str

    def __new__(cls, heading: int, position: int, text: str) -> BodyLine:
        """Return the line ``text`` at ``position`` under heading number ``heading``."""
        return tuple.__new__(cls, (heading, position, text))


class DocTable(Record):
    """A table under heading number ``heading``: its header cells and its rows, each with its position.

    ``merged`` holds (index in ``rows``, column) of each cell that continues a vertical merge (DOCX): it reads
    as the merged cell's text above it, which a sum counts once. A named tuple (``errors.Record``).
    """

    __slots__ = ()
    _fields = ("heading", "position", "header", "rows", "merged")
    heading: int
    position: int
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    merged: frozenset[tuple[int, int]]

    def __new__(
        cls,
        heading: int,
        position: int,
        header: tuple[str, ...],
        rows: tuple[tuple[int, tuple[str, ...]], ...],
        merged: frozenset[tuple[int, int]] = frozenset(),
    ) -> DocTable:
        """Return the table at ``position`` under heading number ``heading``."""
        return tuple.__new__(cls, (heading, position, header, rows, merged))


class PlanDocument:
    """A plan document as the document rules see it.

    ``body`` holds every line of text (Markdown) or paragraph and table (DOCX) in order; ``paragraphs``
    the prose paragraphs whole (a Markdown paragraph's lines joined), ``list_items`` the items of lists
    outside the contents, ``tables`` the tables cell by cell, and ``ending`` the last line of the document
    when it ends with a prose paragraph. Equal when every field is (a plain class: making it a dataclass
    costs every check 0.6 ms).
    """

    __slots__ = ("body", "contents", "ending", "file", "has_lines", "headings", "list_items", "paragraphs", "tables")

    def __init__(self, file: str, has_lines: bool) -> None:
        self.file = file
        self.has_lines = has_lines
        self.headings: list[Heading] = []
        self.body: list[BodyLine] = []
        self.contents: list[BodyLine] = []
        self.paragraphs: list[BodyLine] = []
        self.list_items: list[BodyLine] = []
        self.tables: list[DocTable] = []
        self.ending: BodyLine | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PlanDocument):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq

    def __repr__(self) -> str:
        return "PlanDocument(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__) + ")"

    def where(self, position: int) -> Wording:
        """Name a position for a message, said when the message is: ``line 12`` or ``paragraph 12``."""
        from opsplan.check.messages import wording

        return wording("line" if self.has_lines else "paragraph", n=position)


# Every pattern is linear in the text: runs are possessive and link parts bounded in length.
LIST_ITEM = re.compile(r"^\s*+(?:[-*+•·]|\d++[.)])\s++(.*)", re.DOTALL)
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()]{0,2000}\)")
_SENTENCE_END = tuple("。；;，,！!？?：:.")  # a heading does not end as a sentence does


def plain_heading(text: str) -> tuple[Number, int] | None:
    """Return the number and level of a plain-text paragraph that is a numbered heading, else None."""
    text = strip_page_number(text.strip())
    if len(text) > 60 or text.endswith(_SENTENCE_END) or "|" in text:
        return None
    number, title = split_number(text)
    if number is None or not title or len(title) > 40:
        return None
    if number.style in ("zh", "chapter", "en-chapter"):
        return number, 2
    if number.style == "decimal" and len(number.parts) >= 2:
        return number, len(number.parts) + 1
    if number.style in ("paren", "section"):
        return number, 3
    return None


def numbering_kind(number: Number | None) -> str:
    """Group numbering styles: chapter (一、/第一章), decimal2, decimal3 … (1.1, 1.1.1), paren (（一）)."""
    if number is None:
        return ""
    if number.style in ("zh", "chapter", "en-chapter"):
        return "chapter"
    if number.style == "decimal":
        return f"decimal{len(number.parts)}"
    return "paren"


class DocumentBuilder:
    """Collects headings and body in order, keeping the heading path and numbering depth.

    ``styled`` holds the numbering kinds already used by real headings (``#`` lines, Heading styles);
    a plain paragraph numbered the same way is body text, not a heading (``一、…`` inside a chapter
    that is itself a styled ``一、…`` heading is a list, not a chapter).
    """

    def __init__(self, document: PlanDocument, styled: set[str]) -> None:
        self.doc = document
        self.styled = styled
        self.stack: list[Heading] = []
        self.in_contents = False
        self.pending: tuple[str, int, int] | None = None  # a plain line taken as a contents entry
        self.listed: dict[str, int] = {}  # how many contents entries have each text
        self.numbered = False  # whether a numbered heading has come: the chapters have begun

    def heading(self, level: int, text: str, position: int, *, plain: bool = False) -> None:
        """Add a heading."""
        self.pending = None
        text = text.strip().strip("*_").strip()
        if len(text) > MAX_HEADING_CHARACTERS:
            text = text[: MAX_HEADING_CHARACTERS - 1] + "…"
        number, _ = split_number(text)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        depth = 0
        if number is not None:
            if number.implicit:
                parents = [h for h in self.stack if h.depth]
                depth = parents[-1].depth + 1 if parents else 1
            else:
                depth = len(number.parts)
        path = (*(h.text for h in self.stack), text)
        self.numbered = self.numbered or number is not None
        heading = Heading(level, text, position, number, depth, plain, path)
        self.stack.append(heading)
        self.doc.headings.append(heading)
        self.in_contents = is_contents_title(text)

    def line(self, text: str, position: int, *, entry: bool = False, verbatim: bool = False) -> None:
        """Add a body line (or contents entry); numbered plain lines may become headings, verbatim never."""
        stripped = text.strip()
        if not stripped:
            return
        if not entry and not verbatim and not self.numbered and is_contents_title(stripped):
            # a line 目录 or Contents of its own, before the chapters: the contents; in a chapter, it is text
            self.heading(2, stripped, position, plain=True)
            return
        found = None if entry or verbatim else plain_heading(stripped)
        if found and numbering_kind(found[0]) not in self.styled:
            self.plain(stripped, position, found[1])
            return
        if self.pending is not None and not entry:
            # a paragraph right after a plain "entry": that entry was the first heading of the body
            text_, position_, level = self.pending
            self.doc.body.pop()
            self.listed[self.doc.contents.pop().text] -= 1
            self.heading(level, text_, position_, plain=True)
        self.pending = None
        body = BodyLine(len(self.doc.headings) - 1, position, text)
        self.doc.body.append(body)
        if self.in_contents and entry:
            entry_text = clean_entry(text)
            self.doc.contents.append(BodyLine(body.heading, position, entry_text))
            self.listed[entry_text] = self.listed.get(entry_text, 0) + 1

    def plain(self, text: str, position: int, level: int) -> None:
        """Add a numbered plain line: a contents entry inside the contents, else a heading."""
        if self.in_contents and not self.listed.get(clean_entry(text)):
            self.line(text, position, entry=True)
            self.pending = (text, position, level)
        else:
            self.heading(level, text, position, plain=True)


def clean_entry(text: str) -> str:
    """Strip a contents entry of list marks, links and page numbers."""
    match = LIST_ITEM.match(text)
    text = match.group(1) if match else text
    text = _LINK.sub(r"\1", text)
    return strip_page_number(text).strip()


def read_markdown(path: str | os.PathLike[str]) -> PlanDocument:
    """Read a Markdown plan with the renderer's parser: the blocks it sees are the blocks the DOCX gets.

    Headings are the parser's ``#`` headings and HTML headings standing on a line of their own where a
    paragraph could begin (``<h2 id="x">一、背景</h2>``, see ``with_html_headings``); each line of a paragraph
    may be a numbered plain-text heading (hand-written plans without ``#`` marks); list items may be contents
    entries; tables, quotes, code and indented lines are text, never headings. Escaped characters read back
    as written.
    """
    from opsplan.render import mdparse as md  # a DOCX check needs neither the parser nor the decoder
    from opsplan.textdecode import decode

    raw = read_user_file(path, limit=MAX_DOCUMENT_BYTES, kind="document")
    mismatch = wrong_kind(path, raw, "plan", ())
    if mismatch:
        raise InputError(mismatch)
    text = decode(raw, str(path))
    lines = md.split_lines(text)
    blocks = md.parse_blocks(text)
    if _HTML_HEADING_START.search(text):
        lines = with_html_headings(lines, blocks)
        blocks = md.parse_blocks("\n".join(lines))
    document = PlanDocument(str(path), has_lines=True)
    styled = {numbering_kind(split_number(b.text)[0]) for b in blocks if isinstance(b, md.Heading | md.Title)}
    builder = DocumentBuilder(document, styled - {""})
    for block in blocks:
        document.ending = None
        if isinstance(block, md.Title):
            builder.heading(1, block.text, block.line)
        elif isinstance(block, md.Heading):
            builder.heading(block.level, block.text, block.line)
        elif isinstance(block, md.Paragraph):
            headings = len(document.headings)
            for number in range(block.line, block.end):
                line = lines[number - 1]
                verbatim = block.quote or line[:1] in (" ", "\t")
                builder.line(md.inline_text(md.parse_inline(line.strip())), number, verbatim=verbatim)
            if len(document.headings) == headings and not builder.in_contents and document.body:
                prose = BodyLine(headings - 1, block.line, md.inline_text(block.runs))
                document.paragraphs.append(prose)
                document.ending = None if block.quote else document.body[-1]
        elif isinstance(block, md.BulletList | md.NumberedList):
            for item in block.items:
                text = md.inline_text(item.runs)
                if not builder.in_contents:
                    document.list_items.append(BodyLine(len(document.headings) - 1, item.line, text))
                builder.line(text, item.line, entry=True)
        elif isinstance(block, md.Table):
            cells = []
            for index, row in enumerate((block.header, *block.rows)):
                number = block.line + index + (1 if index else 0)  # the separator line comes after the header
                cells.append((number, tuple(md.inline_text(cell) for cell in row)))
                builder.line(" | ".join(cells[-1][1]), number, verbatim=True)
            heading = len(document.headings) - 1
            document.tables.append(DocTable(heading, block.line, cells[0][1], tuple(cells[1:])))
        elif isinstance(block, md.CodeBlock):
            for number, line in enumerate(block.text.split("\n"), block.line + 1):
                builder.line(line, number, verbatim=True)
    return document


_HTML_HEADING_START = re.compile(r"<[hH][1-6]")
_HTML_TAG = re.compile(r"<[^<>]*+>")  # linear: a run stops at the next "<"


def with_html_headings(lines: list[str], blocks: list[Any]) -> list[str]:
    """Return ``lines`` with each HTML heading line of a paragraph written as the ``#`` heading it is.

    Only lines the parser put in a paragraph change (not code, comments, quotes, tables or lists), each into
    one line, so line numbers stay. ``<h2 …>`` to ``</h2>`` must fill the line (three spaces may come before,
    as Markdown allows an HTML block); the heading is the text between, inline tags dropped and character
    references read (``&amp;`` is ``&``).
    """
    from opsplan.render.mdblocks import Paragraph

    changed = list(lines)
    for block in blocks:
        if isinstance(block, Paragraph) and not block.quote:
            for number in range(block.line, block.end):
                found = html_heading(lines[number - 1])
                if found:
                    changed[number - 1] = "#" * found[0] + " " + found[1]
    return changed


def html_heading(line: str) -> tuple[int, str] | None:
    """Return the level and text of a line that is one HTML heading (``<h3 class="x">1.1 规模</h3>``), else None."""
    import html

    text = line.rstrip()
    stripped = text.lstrip(" ")
    if len(text) - len(stripped) > 3 or len(stripped) < 9 or stripped[:2].lower() != "<h":
        return None
    level = stripped[2]
    if level not in "123456" or stripped[3] not in "> \t":
        return None
    opened = stripped.find(">", 3)
    closing = stripped.lower().rfind("</h" + level)
    if opened < 0 or closing < opened or stripped[closing + 4 :].strip(" \t") != ">":
        return None
    inner = html.unescape(_HTML_TAG.sub("", stripped[opened + 1 : closing]))
    return int(level), " ".join(inner.split())
