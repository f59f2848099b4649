"""Read a DOCX plan into the ``PlanDocument`` the document rules see (``docread`` reads Markdown).

Headings come from Heading/标题 styles and from numbered plain paragraphs, as ``docread.DocumentBuilder``
decides; contents entries from TOC styles, lists and page numbers; tables cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from opsplan.check.docread import LIST_ITEM, BodyLine, DocTable, DocumentBuilder, PlanDocument, numbering_kind
from opsplan.check.textutil import split_number, strip_page_number
from opsplan.errors import InputError
from opsplan.filekind import wrong_kind
from opsplan.safeio import MAX_PACKAGE_BYTES, W_NS, docx_part_names, package_from_bytes, read_user_file

_HEADING_STYLE = re.compile(r"^(?:heading|标题|標題)\s*+(\d)", re.IGNORECASE)


def read_docx(path: Path) -> PlanDocument:
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
    styled = {
        numbering_kind(split_number(text)[0])
        for kind, text, style in items
        if kind == "paragraph" and _heading_level(style) is not None
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
            _docx_paragraph(builder, text, style, position)
    return document


def _doc_table(heading: int, position: int, rows: _Rows) -> DocTable:
    """Return a table whose cells continuing a vertical merge read as the merged cell: the text above them.

    The rules need the text where a reader sees it (a row's label merged down a group of rows); ``merged``
    keeps where it was carried, so that sums count a merged amount or share once.
    """
    filled: list[tuple[str, ...]] = []
    merged: set[tuple[int, int]] = set()
    for index, row in enumerate(rows):
        above = filled[-1] if filled else ()
        cells = tuple(
            (above[column] if column < len(above) else "") if cell is None else cell for column, cell in enumerate(row)
        )
        merged |= {(index - 1, column) for column, cell in enumerate(row) if cell is None and index}
        filled.append(cells)
    return DocTable(heading, position, filled[0], tuple((position, row) for row in filled[1:]), frozenset(merged))


_W = f"{{{W_NS}}}"
_P, _TBL, _TR, _TC, _T, _TAB = (_W + tag for tag in ("p", "tbl", "tr", "tc", "t", "tab"))
_BODY, _SDT, _SDT_CONTENT, _MOVE_FROM = (_W + tag for tag in ("body", "sdt", "sdtContent", "moveFrom"))
_TC_PR, _GRID_SPAN, _V_MERGE = _W + "tcPr", _W + "gridSpan", _W + "vMerge"
_Item = tuple[str, str, str]  # (kind, text, style id)
_Row = tuple[str | None, ...]  # None: a cell continuing a vertical merge
_Rows = tuple[_Row, ...]
_Block = tuple[_Item, _Rows | None]
_MAX_COLUMNS = 63  # Word's limit; a larger w:gridSpan is read as this many columns
_SPAN = re.compile(r"[0-9]{1,6}")


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
        self.rows: dict[Any, list[_Row]] = {}  # rows read so far of each table still being parsed

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
                style = element.find(_STYLE)
                style_id = str(style.get(_VAL, "")) if style is not None else ""
                out.append((("paragraph", paragraph_text(element), style_id), None))
        elif tag == _TBL:
            rows = self.rows.pop(element, []) if whole else self.rows.setdefault(element, [])
            _read_rows(element, rows, whole)
            if whole:
                out.append((("table", " | ".join(c for row in rows for c in row if c), ""), tuple(rows)))
        elif tag == _SDT:
            content = element.find(_SDT_CONTENT)
            if content is not None:  # a content that is complete while its control is not is read, then empty
                self._blocks(content, out, whole or content.getnext() is not None)

    def items(self) -> list[_Item]:
        """Return (kind, text, style id) of every block in order."""
        return [item for item, _ in (self.body if self.first_body is not None else self.loose)]

    def tables(self) -> list[_Rows]:
        """Return the rows of every table in order."""
        blocks = self.body if self.first_body is not None else self.loose
        return [rows for _, rows in blocks if rows is not None]


_STYLE = f"{_W}pPr/{_W}pStyle"
_VAL = _W + "val"


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


def _read_rows(element: Any, rows: list[_Row], whole: bool) -> None:
    """Add the rows of the complete children of ``element`` (a table, or what a table holds) and remove them.

    A row still being parsed is waited for; any other child still being parsed is read the same way.
    """
    last = _take_complete(element, whole, lambda child: rows.extend(row_cells(tr) for tr in child.iter(_TR)))
    if last is not None and last.tag != _TR:
        _read_rows(last, rows, False)


def row_cells(row: Any) -> _Row:
    """Return a table row's cell texts by grid column: a cell merged across columns (``w:gridSpan``) fills each.

    A cell that continues a vertical merge (``w:vMerge`` without ``restart``: Word leaves it empty and shows
    the text of the first cell of the merge) is None, for ``document_from_blocks`` to fill from the row above.
    The cells of a table nested in the row follow the cell that holds them.
    """
    if next(row.iter(_TBL, _MOVE_FROM), None) is not None:
        return _nested_row_cells(row)
    cells: list[str | None] = []
    cell, texts, span, merge = None, [], None, None
    for node in row.iter(_TC, _T, _GRID_SPAN, _V_MERGE):  # one pass: each cell, then its properties and text
        tag = node.tag
        if tag == _T:
            texts.append(node.text or "")
        elif tag == _TC:
            if cell is not None:
                _add_cell(cells, "".join(texts), span, merge)
            cell, texts, span, merge = node, [], None, None
        elif not _is_cell_property(node, cell):
            continue
        elif tag == _GRID_SPAN:
            span = str(node.get(_VAL, "")) if span is None else span
        elif merge is None:
            merge = str(node.get(_VAL, "continue"))
    if cell is not None:
        _add_cell(cells, "".join(texts), span, merge)
    return tuple(cells)


def _is_cell_property(node: Any, cell: Any) -> bool:
    """Whether ``node`` is a property of ``cell`` itself (in its ``w:tcPr``)."""
    properties = node.getparent()
    return properties is not None and properties.tag == _TC_PR and properties.getparent() is cell


def _nested_row_cells(row: Any) -> _Row:
    """``row_cells`` of a row that holds a table, or text a tracked move took away: cell by cell."""
    cells: list[str | None] = []
    for cell in row.iter(_TC):
        span = cell.find(f"{_TC_PR}/{_GRID_SPAN}")
        merge = cell.find(f"{_TC_PR}/{_V_MERGE}")
        _add_cell(
            cells,
            "".join(t.text or "" for t in _shown(cell, _T)),
            None if span is None else str(span.get(_VAL, "")),
            None if merge is None else str(merge.get(_VAL, "continue")),
        )
    return tuple(cells)


def _add_cell(cells: list[str | None], text: str, span: str | None, merge: str | None) -> None:
    """Add a cell once for each grid column it spans (``w:gridSpan``: digits; anything else is one).

    A cell continuing a vertical merge is added as None; ``w:vMerge`` is ``restart`` or ``continue``, and
    anything else is read as continue, as Word reads it.
    """
    columns = min(max(int(span), 1), _MAX_COLUMNS) if span and _SPAN.fullmatch(span) else 1
    cells.extend([None if merge not in (None, "restart") else text.strip()] * columns)


def paragraph_text(paragraph: Any) -> str:
    """Return a paragraph's text as Word shows it with tracked changes accepted; a tab is a tab character."""
    nodes = (
        _shown(paragraph, _T, _TAB) if next(paragraph.iter(_MOVE_FROM), None) is not None else paragraph.iter(_T, _TAB)
    )
    return "".join([(node.text or "") if node.tag == _T else "\t" for node in nodes])


def _shown(element: Any, *tags: str) -> Iterator[Any]:
    """Yield the ``tags`` under ``element`` but those a tracked move took away (``w:moveFrom``).

    Deleted text is ``w:delText``, never ``w:t``, so only a move leaves text behind.
    """
    gone = {node for moved in element.iter(_MOVE_FROM) for node in moved.iter(*tags)}
    return (node for node in element.iter(*tags) if node not in gone)


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


def _docx_paragraph(builder: DocumentBuilder, text: str, style: str, position: int) -> None:
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
