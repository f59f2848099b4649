"""Read a DOCX plan into the ``PlanDocument`` the document rules see (``docread`` reads Markdown).

Headings come from Heading/标题 styles and from numbered plain paragraphs, as ``docread.DocumentBuilder``
decides; contents entries from TOC styles, lists and page numbers; tables cell by cell.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from itertools import islice

from opsplan.check.docread import LIST_ITEM, BodyLine, DocTable, DocumentBuilder, PlanDocument, numbering_kind
from opsplan.check.docx_rows import VAL, ReadRow, T, TableRows, shown
from opsplan.check.heading_numbers import split_number
from opsplan.check.textutil import strip_page_number
from opsplan.errors import InputError
from opsplan.filekind import wrong_kind
from opsplan.safeio import MAX_PACKAGE_BYTES, W_NS, docx_part_names, package_from_bytes, read_user_file

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any

_HEADING_STYLE = re.compile(r"^(?:heading|标题|標題)\s*+(\d)", re.IGNORECASE)


def read_docx(path: str | os.PathLike[str]) -> PlanDocument:
    """Read a DOCX plan: Heading styles, numbered plain paragraphs, contents entries and tables.

    The main part is parsed a piece at a time (``Package.xml_pieces``); after each piece the blocks that are
    complete are read and removed, and so are a table's complete rows, so memory follows the largest paragraph
    or row, not the document (a 73 MiB ``document.xml`` took 1 GiB as one tree).
    """
    data = read_user_file(path, limit=MAX_PACKAGE_BYTES, kind="docx")
    mismatch = wrong_kind(path, data, "plan", ("docx",))
    if mismatch:
        raise InputError(mismatch)
    package = package_from_bytes(data, str(path))
    main, styles_part = docx_part_names(package)
    blocks = _DocxBlocks()
    for root, whole in package.xml_pieces(main, _W + "document"):
        if root is not None:
            blocks.take(root, whole)
    styles_root = package.xml(styles_part, _W + "styles") if styles_part else None
    names, default = _style_names(styles_root)
    items = [(kind, text, names.get(style, default) if style else default) for kind, text, style in blocks.items()]
    return document_from_blocks(str(path), items, blocks.tables())


def document_from_blocks(file: str, items: list[tuple[str, str, str]], tables: list[_Rows]) -> PlanDocument:
    """Build a DOCX plan's document from its blocks in order, (kind, text, style name), and its tables' rows."""
    pending_tables = iter(tables)
    levels = {style: _heading_level(style) for style in {style for _, _, style in items}}
    styled = {
        numbering_kind(split_number(text)[0])
        for kind, text, style in items
        if kind == "paragraph" and levels[style] is not None
    }
    document = PlanDocument(file, has_lines=False)
    builder = DocumentBuilder(document, styled - {""})
    for position, (kind, text, style) in enumerate(items, 1):
        if kind == "table":
            builder.line(text, position, verbatim=True)
            rows = next(pending_tables)
            if rows:
                heading = len(document.headings) - 1
                document.tables.append(_doc_table(heading, position, rows))
            document.ending = None
        elif text.strip():
            _docx_paragraph(builder, text, style, levels[style], position)
    return document


def _doc_table(heading: int, position: int, rows: _Rows) -> DocTable:
    """Return a table whose rows are read as ``TableRows`` reads them: its first row is the header.

    ``merged`` keeps where a cell's text was carried down a vertical merge, so that sums count a merged amount
    or share once.
    """
    merged = frozenset((index - 1, column) for index, (_, carried) in enumerate(rows) if index for column in carried)
    header, *body = (cells for cells, _ in rows)
    return DocTable(heading, position, header, tuple((position, cells) for cells in body), merged)


_W = f"{{{W_NS}}}"
_P, _TBL, _TR, _TAB = (_W + tag for tag in ("p", "tbl", "tr", "tab"))
_BODY, _SDT, _SDT_CONTENT, _MOVE_FROM = (_W + tag for tag in ("body", "sdt", "sdtContent", "moveFrom"))
_PPR, _PSTYLE, _NAME = _W + "pPr", _W + "pStyle", _W + "name"
_Item = tuple[str, str, str]  # (kind, text, style id)
_Rows = tuple[ReadRow, ...]
_Block = tuple[_Item, _Rows | None]


class _DocxBlocks:
    """The body's paragraphs and tables in order, read from a document part parsed a piece at a time.

    A block is a paragraph or table of the body (the root's first ``w:body``; the root's own children when
    there is none), also inside content controls (``w:sdt``, through their first ``w:sdtContent``). A table's
    rows are every ``w:tr`` under it in document order (a nested table's rows after the row that holds it).
    ``take`` reads the complete children of each element on the way to the one being parsed and removes them:
    what it has read is gone from the tree, so reading what is left later never reads anything twice.
    """

    def __init__(self) -> None:
        self.body: list[_Block] = []
        self.loose: list[_Block] = []  # the root's own blocks, used only without a body
        self.first_body: Any | None = None
        self.rows: dict[Any, TableRows] = {}  # rows read so far of each table still being parsed

    def take(self, root: Any, whole: bool) -> None:
        """Read what is complete of ``root``: everything when ``whole`` (the part is parsed to its end)."""
        last = _take_complete(root, whole, lambda child: self._root_child(child, True))
        if last is not None:
            self._root_child(last, False)

    def _root_child(self, child: Any, whole: bool) -> None:
        if child.tag != _BODY:
            self._block(child, self.loose, whole)
            return
        if self.first_body is None:
            self.first_body = child
        if child is self.first_body:
            self._blocks(child, self.body, whole)

    def _blocks(self, container: Any, out: list[_Block], whole: bool) -> None:
        """Read the complete blocks of ``container`` (body or content) into ``out``, and remove them."""
        last = _take_complete(container, whole, lambda child: self._block(child, out, True))
        if last is not None:
            self._block(last, out, False)

    def _block(self, element: Any, out: list[_Block], whole: bool) -> None:
        tag = element.tag
        if tag == _P:
            if whole:
                out.append((("paragraph", *_paragraph(element)), None))
        elif tag == _TBL:
            rows = self.rows.setdefault(element, TableRows())
            _read_rows(element, rows, whole)
            if whole:
                del self.rows[element]
                out.append((("table", rows.text(), ""), tuple(rows.rows)))
        elif tag == _SDT:
            content = next(element.iterchildren(_SDT_CONTENT), None)
            if content is not None:  # a content that is complete while its control is not is read, then empty
                self._blocks(content, out, whole or content.getnext() is not None)

    def items(self) -> list[_Item]:
        """Return (kind, text, style id) of every block in order."""
        return [item for item, _ in (self.body if self.first_body is not None else self.loose)]

    def tables(self) -> list[_Rows]:
        """Return the rows of every table in order."""
        blocks = self.body if self.first_body is not None else self.loose
        return [rows for _, rows in blocks if rows is not None]


def _paragraph(paragraph: Any) -> tuple[str, str]:
    """Return a paragraph's text (``paragraph_text``) and style id (``_style_id``), read with one iterator."""
    parts: list[str] = []
    style = None
    for node in paragraph.iter():  # not iter(T, …): lxml reads each tag named anew, more than a paragraph costs
        tag = node.tag
        if tag == T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _PSTYLE:
            if style is None and _up_is(node, _PPR, paragraph):
                style = str(node.get(VAL, ""))
        elif tag == _MOVE_FROM:
            return paragraph_text(paragraph), _style_id(paragraph)
    return "".join(parts), style or ""


def _up_is(node: Any, tag: str, element: Any) -> bool:
    """Whether ``node``'s parent has ``tag`` and is a child of ``element``."""
    parent = node.getparent()
    return parent.tag == tag and parent.getparent() is element


def _style_id(paragraph: Any) -> str:
    """Return the style id of a paragraph: the first ``w:pStyle`` of its ``w:pPr`` (as ``find("w:pPr/w:pStyle")``)."""
    for properties in paragraph.iterchildren(_PPR):
        for style in properties.iterchildren(_PSTYLE):
            return str(style.get(VAL, ""))
    return ""


def _take_complete(element: Any, whole: bool, read: Callable[[Any], None]) -> Any | None:
    """Read each complete child of ``element`` with ``read``, then remove them; return the one still parsed.

    Every child but the last is complete (all of them when ``whole``). No reference to a removed child may
    be left: lxml frees a subtree nothing refers to at once, and copies one still referred to out of the
    tree, which costs about as much as parsing it.
    """
    count = len(element) if whole else max(len(element) - 1, 0)
    for child in islice(element, count):
        read(child)
    child = None
    del element[:count]
    return None if whole or not len(element) else element[-1]


def _read_rows(element: Any, rows: TableRows, whole: bool) -> None:
    """Add the rows of the complete children of ``element`` (a table, or what a table holds) and remove them.

    A row still being parsed is waited for; any other child still being parsed is read the same way. The complete
    rows are read in one pass (``TableRows.read_children``) where it can read them, else one child at a time.
    """
    last = None if whole or not len(element) else element[-1]
    if rows.read_children(element, last):
        del element[: len(element) - (last is not None)]
    else:
        _take_complete(element, whole, rows.read)
    if last is not None and last.tag != _TR:
        _read_rows(last, rows, False)


def paragraph_text(paragraph: Any) -> str:
    """Return a paragraph's text as Word shows it with tracked changes accepted; a tab is a tab character."""
    parts = []
    for node in paragraph.iter(T, _TAB, _MOVE_FROM):
        tag = node.tag
        if tag == T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append("\t")
        else:  # a tracked move: read again without what it took away
            return "".join([(node.text or "") if node.tag == T else "\t" for node in shown(paragraph, T, _TAB)])
    return "".join(parts)


def _style_names(styles: Any | None) -> tuple[dict[str, str], str]:
    """Return style id → style name and the name of the default paragraph style."""
    names: dict[str, str] = {}
    default = "Normal"
    if styles is None:
        return names, default
    for style in styles.iterchildren(_W + "style"):
        style_id = style.get(_W + "styleId")
        name_element = next((child for child in style if child.tag == _NAME), None)  # no iterchildren(tag): dearer
        name = str(name_element.get(VAL, "")) if name_element is not None else ""
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


def _docx_paragraph(builder: DocumentBuilder, text: str, style: str, level: int | None, position: int) -> None:
    """Add a paragraph of ``style`` (whose heading level is ``level``, or None) to the document being built."""
    text = text.strip()
    if not text:
        return
    lowered = style.lower()
    if level is not None:
        builder.heading(level, text, position)
    elif lowered.startswith("toc"):
        builder.in_contents = True
        builder.line(text, position, entry=True)
    elif builder.in_contents and ("list" in lowered or LIST_ITEM.match(text) or strip_page_number(text) != text):
        builder.line(text, position, entry=True)
    else:  # a list item is never a heading
        headings = len(builder.doc.headings)
        builder.line(text, position, verbatim="list" in lowered)
        if len(builder.doc.headings) == headings and not builder.in_contents:
            line = BodyLine(headings - 1, position, text)
            if "list" in lowered:
                builder.doc.list_items.append(line)
            else:
                builder.doc.paragraphs.append(line)
                builder.doc.ending = line
                return
    builder.doc.ending = None
