"""Read a DOCX plan into the ``PlanDocument`` the document rules see (``docread`` reads Markdown).

Headings come from Heading/标题 styles and from numbered plain paragraphs, as ``docread.DocumentBuilder``
decides; contents entries from TOC styles, lists and page numbers; tables cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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

    The main part is read as a stream (``Package.xml_stream``): each paragraph, and each table row by row, is
    taken as its end tag is read and then freed, so memory follows the largest paragraph or row, not the
    document (a 73 MiB ``document.xml`` took 1 GiB as one tree).
    """
    data = read_user_file(path, limit=MAX_PACKAGE_BYTES, kind="docx")
    mismatch = wrong_kind(path, data, "plan", ("docx",))
    if mismatch:
        raise InputError(mismatch)
    package = package_from_bytes(data, str(path))
    main, styles_part = docx_part_names(package)
    blocks = _DocxBlocks()
    for element in package.xml_stream(main, _W + "document", (_W + "p", _W + "tr", _W + "tbl", _W + "body")):
        blocks.take(element)
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
                document.tables.append(DocTable(heading, position, rows[0], tuple((position, r) for r in rows[1:])))
            document.ending = None
        elif text.strip():
            _docx_paragraph(builder, text, style, position)
    return document


_W = f"{{{W_NS}}}"
_Item = tuple[str, str, str]  # (kind, text, style id)
_Rows = tuple[tuple[str, ...], ...]
_MAX_COLUMNS = 63  # Word's limit; a larger w:gridSpan is read as this many columns
_SPAN = re.compile(r"[0-9]{1,6}")


class _DocxBlocks:
    """The body's paragraphs and tables in order, taken from a stream of ``w:p``, ``w:tr`` and ``w:tbl`` ends.

    A block is a paragraph or table of the body (the first ``w:body``; the root's own children when there is
    none), also inside content controls (``w:sdt``, through their first ``w:sdtContent``). A table's rows are
    taken as each ends (nested tables' rows with the row that holds them, as ``iter`` orders them) and freed.
    """

    def __init__(self) -> None:
        self.body: list[tuple[_Item, _Rows | None]] = []
        self.loose: list[tuple[_Item, _Rows | None]] = []  # the root's own blocks, used only without a body
        self.has_body = False
        self.rows: list[tuple[str, ...]] = []

    def take(self, element: Any) -> None:
        """Take one element whose end tag was just read."""
        if element.tag == _W + "body":
            root = element.getparent()
            first = root is not None and root.getparent() is None and root.find(_W + "body") is element
            self.has_body = self.has_body or first
            return
        if element.tag == _W + "tr":
            table = next(element.iterancestors(_W + "tbl"), None)
            if table is not None and self._container(table) is not None:
                self.rows.extend(row_cells(tr) for tr in element.iter(_W + "tr"))
                _free(element)
            return
        where = self._container(element)
        if where is None:
            return
        if element.tag == _W + "tbl":
            rows, self.rows = tuple(self.rows), []
            item = ("table", " | ".join(c for row in rows for c in row if c), "")
            where.append((item, rows))
        else:
            style_element = element.find(f"{_W}pPr/{_W}pStyle")
            style_id = str(style_element.get(_W + "val", "")) if style_element is not None else ""
            where.append((("paragraph", paragraph_text(element), style_id), None))
        if where is self.body:
            _free(element)

    def _container(self, element: Any) -> list[tuple[_Item, _Rows | None]] | None:
        """Return the list a block belongs to (body or root), or None when ``element`` is not a block."""
        parent = element.getparent()
        while parent is not None and parent.tag == _W + "sdtContent":
            control = parent.getparent()
            if control is None or control.tag != _W + "sdt" or control.find(_W + "sdtContent") is not parent:
                return None
            parent = control.getparent()
        if parent is None:
            return None
        if parent.tag == _W + "body":
            root = parent.getparent()
            if root is None or root.getparent() is not None or root.find(_W + "body") is not parent:
                return None
            return self.body
        return self.loose if parent.getparent() is None else None

    def items(self) -> list[_Item]:
        """Return (kind, text, style id) of every block in order."""
        return [item for item, _ in (self.body if self.has_body else self.loose)]

    def tables(self) -> list[_Rows]:
        """Return the rows of every table in order."""
        return [rows for _, rows in (self.body if self.has_body else self.loose) if rows is not None]


def row_cells(row: Any) -> tuple[str, ...]:
    """Return a table row's cell texts by grid column: a cell merged across columns (``w:gridSpan``) fills each.

    The cells of a table nested in the row follow the cell that holds them.
    """
    cells: list[str] = []
    for cell in row.iter(_W + "tc"):
        text = "".join(t.text or "" for t in _shown(cell, _W + "t")).strip()
        span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        value = str(span.get(_W + "val", "")) if span is not None else ""
        cells.extend([text] * (min(max(int(value), 1), _MAX_COLUMNS) if _SPAN.fullmatch(value) else 1))
    return tuple(cells)


def paragraph_text(paragraph: Any) -> str:
    """Return a paragraph's text as Word shows it with tracked changes accepted; a tab is a tab character."""
    return "".join(
        (node.text or "") if node.tag == _W + "t" else "\t" for node in _shown(paragraph, _W + "t", _W + "tab")
    )


def _shown(element: Any, *tags: str) -> Iterator[Any]:
    """Yield the ``tags`` under ``element`` but those a tracked move took away (``w:moveFrom``).

    Deleted text is ``w:delText``, never ``w:t``, so only a move leaves text behind.
    """
    gone = {node for moved in element.iter(_W + "moveFrom") for node in moved.iter(*tags)}
    return (node for node in element.iter(*tags) if node not in gone)


def _free(element: Any) -> None:
    """Free a block read from the stream: its content, and the siblings before it (read already)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


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
        if len(builder.doc.headings) == headings and not builder.in_contents and "list" not in lowered:
            prose = BodyLine(headings - 1, position, text)
            builder.doc.paragraphs.append(prose)
            builder.doc.ending = prose
            return
    builder.doc.ending = None
