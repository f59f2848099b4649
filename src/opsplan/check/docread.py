"""Read a plan document (Markdown or DOCX) into headings, body lines and its contents list.

Headings come from ``#`` lines (Markdown), Heading/标题 styles (DOCX) and numbered plain-text
paragraphs that stand alone as headings (``一、行业背景``, ``1.1 市场规模``, ``第三章``, ``（二）``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opsplan.check.textutil import Number, is_contents_title, split_number, strip_page_number
from opsplan.render import mdparse as md
from opsplan.safeio import W_NS, docx_parts, open_package, read_user_file
from opsplan.textdecode import decode

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Heading:
    """A heading: level (1 title, 2 chapter, 3 section …), text, number and position.

    ``position`` is the 1-based line in Markdown and the 1-based paragraph in DOCX; ``depth`` is the
    numbering depth (1 for 一/1, 2 for 1.1 or （一） under a chapter), 0 when unnumbered.
    """

    level: int
    text: str
    position: int
    number: Number | None = None
    depth: int = 0
    plain: bool = False
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class BodyLine:
    """A line (Markdown) or paragraph/table (DOCX) of text under heading number ``heading`` (-1: none)."""

    heading: int
    position: int
    text: str


@dataclass(frozen=True)
class DocTable:
    """A table under heading number ``heading``: its header cells and its rows, each with its position."""

    heading: int
    position: int
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass
class PlanDocument:
    """A plan document as the document rules see it.

    ``body`` holds every line of text (Markdown) or paragraph and table (DOCX) in order; ``paragraphs``
    the prose paragraphs whole (a Markdown paragraph's lines joined), ``tables`` the tables cell by cell,
    and ``ending`` the last line of the document when it ends with a prose paragraph.
    """

    file: str
    has_lines: bool
    headings: list[Heading] = field(default_factory=list)
    body: list[BodyLine] = field(default_factory=list)
    contents: list[BodyLine] = field(default_factory=list)
    paragraphs: list[BodyLine] = field(default_factory=list)
    tables: list[DocTable] = field(default_factory=list)
    ending: BodyLine | None = None

    def where(self, position: int) -> str:
        """Name a position for a message: ``line 12`` or ``paragraph 12``."""
        return f"{'line' if self.has_lines else 'paragraph'} {position}"


# Every pattern is linear in the text: runs are possessive and link parts bounded in length.
_LIST_ITEM = re.compile(r"^\s*+(?:[-*+•·]|\d++[.)])\s++(.*)", re.DOTALL)
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()]{0,2000}\)")
_SENTENCE_END = tuple("。；;，,！!？?：:.")  # a heading does not end as a sentence does
_HEADING_STYLE = re.compile(r"^(?:heading|标题|標題)\s*+(\d)", re.IGNORECASE)


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


class _Builder:
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

    def heading(self, level: int, text: str, position: int, *, plain: bool = False) -> None:
        """Add a heading."""
        self.pending = None
        text = text.strip().strip("*_").strip()
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
        heading = Heading(level, text, position, number, depth, plain, path)
        self.stack.append(heading)
        self.doc.headings.append(heading)
        self.in_contents = is_contents_title(text)

    def line(self, text: str, position: int, *, entry: bool = False, verbatim: bool = False) -> None:
        """Add a body line (or contents entry); numbered plain lines may become headings, verbatim never."""
        stripped = text.strip()
        if not stripped:
            return
        if not entry and not verbatim and is_contents_title(stripped):
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
            self.doc.contents.pop()
            self.heading(level, text_, position_, plain=True)
        self.pending = None
        body = BodyLine(len(self.doc.headings) - 1, position, text)
        self.doc.body.append(body)
        if self.in_contents and entry:
            self.doc.contents.append(BodyLine(body.heading, position, clean_entry(text)))

    def plain(self, text: str, position: int, level: int) -> None:
        """Add a numbered plain line: a contents entry inside the contents, else a heading."""
        listed = {entry.text for entry in self.doc.contents}
        if self.in_contents and clean_entry(text) not in listed:
            self.line(text, position, entry=True)
            self.pending = (text, position, level)
        else:
            self.heading(level, text, position, plain=True)


def clean_entry(text: str) -> str:
    """Strip a contents entry of list marks, links and page numbers."""
    match = _LIST_ITEM.match(text)
    text = match.group(1) if match else text
    text = _LINK.sub(r"\1", text)
    return strip_page_number(text).strip()


def read_markdown(path: Path) -> PlanDocument:
    """Read a Markdown plan with the renderer's parser: the blocks it sees are the blocks the DOCX gets.

    Headings are the parser's ``#`` headings; each line of a paragraph may be a numbered plain-text
    heading (hand-written plans without ``#`` marks); list items may be contents entries; tables, quotes,
    code and indented lines are text, never headings. Escaped characters read back as written.
    """
    raw = read_user_file(path, limit=MAX_DOCUMENT_BYTES, what="a plan document", kinds="documents")
    text = decode(raw, str(path))
    lines = md.split_lines(text)
    blocks = md.parse_blocks(text)
    document = PlanDocument(str(path), has_lines=True)
    styled = {numbering_kind(split_number(b.text)[0]) for b in blocks if isinstance(b, md.Heading | md.Title)}
    builder = _Builder(document, styled - {""})
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
                builder.line(md.inline_text(item.runs), item.line, entry=True)
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


def read_docx(path: Path) -> PlanDocument:
    """Read a DOCX plan: Heading styles, numbered plain paragraphs, contents entries and tables."""
    document_root, styles_root = docx_parts(open_package(path))
    names, default = _style_names(styles_root)
    body = document_root.find(_W + "body")
    items: list[tuple[str, str, str]] = []  # (kind, text, style name)
    tables: list[tuple[tuple[str, ...], ...]] = []
    for element in _blocks(body if body is not None else document_root):
        if element.tag == _W + "tbl":
            rows = tuple(
                tuple("".join(t.text or "" for t in tc.iter(_W + "t")).strip() for tc in tr.iter(_W + "tc"))
                for tr in element.iter(_W + "tr")
            )
            tables.append(rows)
            items.append(("table", " | ".join(c for row in rows for c in row if c), ""))
        else:
            style_element = element.find(f"{_W}pPr/{_W}pStyle")
            style_id = str(style_element.get(_W + "val", "")) if style_element is not None else ""
            style = names.get(style_id, default) if style_id else default
            text = "".join(
                (node.text or "") if node.tag == _W + "t" else "\t" for node in element.iter(_W + "t", _W + "tab")
            )
            items.append(("paragraph", text, style))
    styled = {
        numbering_kind(split_number(text)[0])
        for kind, text, style in items
        if kind == "paragraph" and _heading_level(style) is not None
    }
    document = PlanDocument(str(path), has_lines=False)
    builder = _Builder(document, styled - {""})
    pending_tables = iter(tables)
    for position, (kind, text, style) in enumerate(items, 1):
        if kind == "table":
            builder.line(text, position, verbatim=True)
            rows = next(pending_tables)
            if rows:
                heading = len(document.headings) - 1
                document.tables.append(DocTable(heading, position, rows[0], tuple((position, r) for r in rows[1:])))
            document.ending = None
        elif text.strip():
            _docx_paragraph(builder, text, style, position)
    return document


_W = f"{{{W_NS}}}"


def _blocks(body: Any) -> Iterator[Any]:
    """Yield the body's paragraphs and tables in order, looking inside content controls (``w:sdt``)."""
    for element in body.iterchildren():
        if element.tag in (_W + "p", _W + "tbl"):
            yield element
        elif element.tag == _W + "sdt":
            content = element.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def _style_names(styles: Any | None) -> tuple[dict[str, str], str]:
    """Return style id → style name and the name of the default paragraph style."""
    names: dict[str, str] = {}
    default = "Normal"
    if styles is None:
        return names, default
    for style in styles.iterchildren(_W + "style"):
        style_id = style.get(_W + "styleId")
        name_element = style.find(_W + "name")
        name = str(name_element.get(_W + "val", "")) if name_element is not None else ""
        if style_id:
            names[str(style_id)] = name or str(style_id)
        if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
            default = name or default
    return names, default


def _heading_level(style: str) -> int | None:
    """Return the level a paragraph style gives (Title 1, Heading 1 → 2 …), else None."""
    match = _HEADING_STYLE.fullmatch(style)
    if match:
        return int(match.group(1)) + 1
    if style.lower() == "title":
        return 1
    if style.lower() in ("toc heading", "目录标题"):
        return 2
    return None


def _docx_paragraph(builder: _Builder, text: str, style: str, position: int) -> None:
    text = text.strip()
    if not text:
        return
    level = _heading_level(style)
    lowered = style.lower()
    if level is not None:
        builder.heading(level, text, position)
    elif lowered.startswith("toc"):
        builder.in_contents = True
        builder.line(text, position, entry=True)
    elif builder.in_contents and ("list" in lowered or _LIST_ITEM.match(text) or strip_page_number(text) != text):
        builder.line(text, position, entry=True)
    else:  # a list item is never a heading
        headings = len(builder.doc.headings)
        builder.line(text, position, verbatim="list" in lowered)
        if len(builder.doc.headings) == headings and not builder.in_contents and "list" not in lowered:
            prose = BodyLine(headings - 1, position, text)
            builder.doc.paragraphs.append(prose)
            builder.doc.ending = prose
            return
    builder.doc.ending = None
