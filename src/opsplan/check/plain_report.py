"""The text report without colour, written as plain text: the same characters rich writes, without importing it.

A report is a list of lines, each a few pieces of text with the style rich gives them in colour, and tables
(``Grid``: the completeness of each chapter). Rich writes a line as it is and a table in its heavy-head box,
each column as wide as its widest cell (a Chinese character takes two columns), a cell padded by one space on
each side, left or right as the column is justified, and the title above the table, left, unwrapped. That is
all this module lays out; it returns None for anything rich would change: a table wider than the page
(rich wraps its cells), control characters (rich drops or expands them) and ``:name:`` in a table (rich's
emoji codes), any character of a table but printable ASCII and the common wide ones (rich drops a space after a
character of no width where a cell fills its column), and the caller lets rich write the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from opsplan.errors import Record

Line = tuple[tuple[str, str], ...]  # (text, style) pieces of one line; the style is used only in colour
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")  # controls, and the line breaks str.splitlines sees
_EMOJI_CODE = re.compile(r":\S*:")


# Characters rich gives two columns in every Unicode version it knows (CJK ideographs of Unicode 4.1, CJK symbols
# and punctuation but the tone marks U+302A–U+302F, fullwidth forms): with printable ASCII, what a report is
# mostly written in, measured here; rich's width tables cost a cold report about 2 ms to import.
_WIDE = (("\u3000", "\u3029"), ("\u3030", "\u303e"), ("\u4e00", "\u9fbb"), ("\uff01", "\uff60"), ("\uffe0", "\uffe6"))


def cell_width(text: str) -> int:
    """Return the columns ``text`` takes as rich counts them (``rich.cells.cell_len``)."""
    if text.isascii() and text.isprintable():
        return len(text)
    wide = 0
    for char in text:
        if " " <= char <= "~":
            continue
        if not any(low <= char <= high for low, high in _WIDE):
            from rich.cells import cell_len

            return cell_len(text)
        wide += 1
    return len(text) + wide


def _measured_here(text: str) -> bool:
    """Return whether ``text`` is only printable ASCII and the wide characters of ``_WIDE``.

    Rich wraps a cell at its whitespace and drops the whitespace that ends a full line: a cell as wide as its
    column whose text ends in a character of no width and a no-break space (000000, U+0080, U+00A0) loses the
    space, which the plain writer kept (Hypothesis found it). A table with any other character is left to rich.
    """
    if text.isascii():
        return text.isprintable()
    return all(" " <= char <= "~" or any(low <= char <= high for low, high in _WIDE) for char in text)


class Grid(Record):
    """A table of the report: its title, (header, justification) per column, and its rows (a named tuple)."""

    __slots__ = ()
    _fields = ("title", "columns", "rows")
    title: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, ...], ...]

    def __new__(cls, title: str, columns: tuple[tuple[str, str], ...], rows: tuple[tuple[str, ...], ...]) -> Grid:
        """Return the table ``title`` of ``columns`` and ``rows``."""
        return tuple.__new__(cls, (title, columns, rows))


def plain_text(blocks: Sequence[Line | Grid], width: int) -> str | None:
    """Return ``blocks`` as rich writes them without colour on a page ``width`` columns wide, or None (see above)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Grid):
            table = _table(block, width)
            if table is None:
                return None
            out += table
        else:
            line = "".join(text for text, _ in block)
            if _CONTROL.search(line):
                return None
            out.append(line)
    return "".join(line + "\n" for line in out)


def _table(grid: Grid, width: int) -> list[str] | None:
    """Return the lines of ``grid`` in rich's heavy-head box, or None when rich would lay it out otherwise."""
    texts = [grid.title, *(header for header, _ in grid.columns), *(cell for row in grid.rows for cell in row)]
    if not all(_measured_here(text) for text in texts) or any(_EMOJI_CODE.search(text) for text in texts):
        return None
    if not grid.rows or any(len(row) != len(grid.columns) for row in grid.rows):
        return None
    rows = [tuple(header for header, _ in grid.columns), *grid.rows]
    widths = [max(cell_width(row[index]) for row in rows) for index in range(len(grid.columns))]
    if sum(widths) + 3 * len(widths) + 1 > width:
        return None

    def row_line(cells: tuple[str, ...], edge: str) -> str:
        shown = []
        for cell, size, (_, justify) in zip(cells, widths, grid.columns, strict=True):
            space = " " * (size - cell_width(cell))
            shown.append(f" {space}{cell} " if justify == "right" else f" {cell}{space} ")
        return edge + edge.join(shown) + edge

    def rule(left: str, line: str, middle: str, right: str) -> str:
        return left + middle.join(line * (size + 2) for size in widths) + right

    lines = [grid.title, rule("┏", "━", "┳", "┓"), row_line(rows[0], "┃"), rule("┡", "━", "╇", "┩")]
    lines += [row_line(row, "│") for row in rows[1:]]
    lines.append(rule("└", "─", "┴", "┘"))
    return lines
