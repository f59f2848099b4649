"""A DOCX table's rows as a reader sees them: cells by grid column, merges resolved within each table.

``docxread`` reads the body a piece at a time and hands each complete piece of a table to ``TableRows.read``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from opsplan.safeio import W_NS

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any

_W = f"{{{W_NS}}}"
_TBL, _TR, _TC, T = (_W + tag for tag in ("tbl", "tr", "tc", "t"))
_TC_PR, _GRID_SPAN, _V_MERGE, _MOVE_FROM = _W + "tcPr", _W + "gridSpan", _W + "vMerge", _W + "moveFrom"
VAL = _W + "val"
_Row = tuple[str | None, ...]  # None: a cell continuing a vertical merge
ReadRow = tuple[tuple[str, ...], frozenset[int]]  # a row's cells as read, and the columns carried down a merge
_MAX_COLUMNS = 63  # Word's limit; a larger w:gridSpan is read as this many columns
_SPAN = re.compile(r"[0-9]{1,6}")
_ROW_TAGS = (_TR, _TC, T, _GRID_SPAN, _V_MERGE, _TBL, _MOVE_FROM)
_LISTED_ONCE = 1_000  # characters: a longer cell repeated across the columns it spans is listed once in ``text``


class TableRows:
    """The rows of one table as a reader sees them, read a complete piece of the table at a time (``read``).

    A cell continuing a vertical merge reads as the text above it in its own table: the cell of the same grid
    column in the table's previous row (the first cell of the merge). A row's cells are its own, each followed by
    the cells of the tables nested in it, row by row; the rows of a nested table follow the row that holds it, as
    rows of the table, each merged within its own table. ``rows`` pairs each row's cells with the columns whose
    text was carried down a merge.
    """

    def __init__(self) -> None:
        self.rows: list[ReadRow] = []
        self._above: tuple[str, ...] = ()  # the table's last own row, by grid column

    def read(self, piece: Any) -> None:
        """Add the rows in ``piece``: a complete row, or something complete that a table holds."""
        nested: dict[Any, ReadRow] = {}  # rows of the tables nested in a row, read with the row
        for tr in piece.iter(_TR):
            row = nested.pop(tr, None)
            if row is None:
                self._above, row = _table_row(tr, self._above, nested)
            self.rows.append(row)

    def read_children(self, container: Any, last: Any | None) -> bool:
        """Add the rows that are ``container``'s children before ``last`` (all of them when None) in one pass.

        The same rows as ``read`` of each child, read with one iterator for them all rather than two for each row.
        That holds when every child after the first row is a row and no row holds a table, a tracked move or a
        row of its own; otherwise nothing is added and False returned, for ``read`` to read each child.
        """
        found: list[ReadRow] = []
        above, previous, stopped = self._above, None, False
        cells: list[str | None] | None = None  # the row being read; None before the first
        cell, texts, span, merge = None, [], None, None
        for node in container.iter(*_ROW_TAGS):
            tag = node.tag
            if tag == T:
                texts.append(node.text or "")
            elif tag == _TC:
                if cells is None or cell is None:
                    pass
                elif span is None and merge is None:  # most cells: one grid column, no merge
                    cells.append("".join(texts).strip())
                else:
                    _add_cell(cells, "".join(texts), span, merge)
                cell, texts, span, merge = node, [], None, None
            elif tag == _TR:
                if node.getparent() is not container or (previous is not None and previous.getnext() is not node):
                    return False
                if cells is not None:
                    above = _row_read(cells, cell, texts, span, merge, above, found)
                if node is last:
                    stopped = True
                    break
                previous, cells, cell, texts, span, merge = node, [], None, [], None, None
            elif node is container:
                continue
            elif tag in (_TBL, _MOVE_FROM):
                return False
            elif not _is_cell_property(node, cell):
                continue
            elif tag == _GRID_SPAN:
                span = str(node.get(VAL, "")) if span is None else span
            elif merge is None:
                merge = str(node.get(VAL, "continue"))
        if not stopped and previous is not None and cells is not None:
            if last is not None or previous.getnext() is not None:
                return False  # what follows the last row may have been read into it
            above = _row_read(cells, cell, texts, span, merge, above, found)
        self.rows += found
        self._above = above
        return True

    def text(self) -> str:
        """Return the table's text as one line: every cell that has text, but those carried down a merge.

        A cell of more than ``_LISTED_ONCE`` characters that repeats the cell before it in its row (one cell merged
        across columns) is listed once: a 4 MB cell spanning 63 columns made a line of 252 MB. The line is read for
        placeholders, whose first one and whose excerpt (the line's first characters) are the same either way.
        """
        parts: list[str] = []
        for cells, carried in self.rows:
            if carried or (cells and max(map(len, cells)) > _LISTED_ONCE):
                parts += [
                    c
                    for i, c in enumerate(cells)
                    if c and i not in carried and not (len(c) > _LISTED_ONCE and i and cells[i - 1] == c)
                ]
            else:  # most rows: every cell that has text
                parts += filter(None, cells)
        return " | ".join(parts)


def _table_row(tr: Any, above: tuple[str, ...], nested: dict[Any, ReadRow]) -> tuple[tuple[str, ...], ReadRow]:
    """Return a row's own cells by grid column and the row as read, merges resolved against ``above``.

    The rows of the tables nested in it are read on the way (each against its own table's row above) and left
    in ``nested`` for ``TableRows.read``, which meets them next.
    """
    cells = row_cells(tr)
    if cells is not None:
        if None not in cells:
            filled: Any = cells  # no None in it
            own: tuple[str, ...] = filled
            return own, (own, frozenset())
        own = tuple(_above_or_empty(above, c) if cell is None else cell for c, cell in enumerate(cells))
        return own, (own, frozenset(c for c, cell in enumerate(cells) if cell is None))
    own_cells: list[str] = []
    read: list[str] = []
    carried: set[int] = set()
    for cell in tr.iter(_TC):
        if _up(cell, _TR) is not tr:
            continue  # a cell of a nested table: read with its own row, below
        span = cell.find(f"{_TC_PR}/{_GRID_SPAN}")
        merge = cell.find(f"{_TC_PR}/{_V_MERGE}")
        start, columns = len(own_cells), _columns(None if span is None else str(span.get(VAL, "")))
        if merge is not None and str(merge.get(VAL, "continue")) != "restart":
            values = [_above_or_empty(above, c) for c in range(start, start + columns)]
            carried.update(range(len(read), len(read) + columns))
        else:
            values = ["".join(t.text or "" for t in shown(cell, T)).strip()] * columns
        own_cells += values
        read += values
        for table in cell.iter(_TBL):
            if _up(table, _TC) is not cell:
                continue  # a table nested deeper: read with the row that holds it
            inner_above: tuple[str, ...] = ()
            for inner in table.iter(_TR):
                if _up(inner, _TBL) is table:
                    inner_above, nested[inner] = _table_row(inner, inner_above, nested)
                    carried.update(len(read) + c for c in nested[inner][1])
                    read += nested[inner][0]
    return tuple(own_cells), (tuple(read), frozenset(carried))


def _row_read(
    cells: list[str | None],
    cell: Any,
    texts: list[str],
    span: str | None,
    merge: str | None,
    above: tuple[str, ...],
    found: list[ReadRow],
) -> tuple[str, ...]:
    """Add to ``found`` the row whose cells are ``cells`` and the last one (``cell``) as read; return its own cells."""
    if cell is not None:
        _add_cell(cells, "".join(texts), span, merge)
    if None not in cells:
        filled: Any = tuple(cells)  # no None in it
        own: tuple[str, ...] = filled
        found.append((own, frozenset()))
        return own
    own = tuple(_above_or_empty(above, c) if value is None else value for c, value in enumerate(cells))
    found.append((own, frozenset(c for c, value in enumerate(cells) if value is None)))
    return own


def _above_or_empty(above: tuple[str, ...], column: int) -> str:
    return above[column] if column < len(above) else ""


def _up(element: Any, tag: str) -> Any | None:
    """Return the nearest ancestor of ``element`` with ``tag``, or None."""
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def row_cells(row: Any) -> _Row | None:
    """Return a table row's cell texts by grid column: a cell merged across columns (``w:gridSpan``) fills each.

    A cell that continues a vertical merge (``w:vMerge`` without ``restart``: Word leaves it empty and shows
    the text of the first cell of the merge) is None, for ``document_from_blocks`` to fill from the row above.
    A row that holds a table or a tracked move is None: ``_table_row`` reads it otherwise.
    """
    cells: list[str | None] = []
    cell, texts, span, merge = None, [], None, None
    # one pass: each cell, then its properties and text; a table or a move in the row ends it
    for node in row.iter(_TC, T, _GRID_SPAN, _V_MERGE, _TBL, _MOVE_FROM):
        tag = node.tag
        if tag == T:
            texts.append(node.text or "")
        elif tag == _TC:
            if cell is None:
                pass
            elif span is None and merge is None:  # most cells: one grid column, no merge
                cells.append("".join(texts).strip())
            else:
                _add_cell(cells, "".join(texts), span, merge)
            cell, texts, span, merge = node, [], None, None
        elif tag in (_TBL, _MOVE_FROM):
            return None
        elif not _is_cell_property(node, cell):
            continue
        elif tag == _GRID_SPAN:
            span = str(node.get(VAL, "")) if span is None else span
        elif merge is None:
            merge = str(node.get(VAL, "continue"))
    if cell is not None:
        _add_cell(cells, "".join(texts), span, merge)
    return tuple(cells)


def _is_cell_property(node: Any, cell: Any) -> bool:
    """Whether ``node`` is a property of ``cell`` itself (in its ``w:tcPr``)."""
    properties = node.getparent()
    return properties is not None and properties.tag == _TC_PR and properties.getparent() is cell


def _add_cell(cells: list[str | None], text: str, span: str | None, merge: str | None) -> None:
    """Add a cell once for each grid column it spans (``w:gridSpan``: digits; anything else is one).

    A cell continuing a vertical merge is added as None; ``w:vMerge`` is ``restart`` or ``continue``, and
    anything else is read as continue, as Word reads it.
    """
    cells.extend([None if merge not in (None, "restart") else text.strip()] * _columns(span))


def _columns(span: str | None) -> int:
    """Return the grid columns a cell spans by its ``w:gridSpan`` (digits; anything else is one)."""
    return min(max(int(span), 1), _MAX_COLUMNS) if span and _SPAN.fullmatch(span) else 1


def shown(element: Any, *tags: str) -> Iterator[Any]:
    """Yield the ``tags`` under ``element`` but those a tracked move took away (``w:moveFrom``).

    Deleted text is ``w:delText``, never ``w:t``, so only a move leaves text behind.
    """
    gone = {node for moved in element.iter(_MOVE_FROM) for node in moved.iter(*tags)}
    return (node for node in element.iter(*tags) if node not in gone)
