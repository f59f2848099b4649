"""A plain Markdown table as a DOCX table: columns sized to their content, a repeating header row, kept rows.

Every column gets at least its widest unbreakable piece (``docx_widths``) at 9 pt, or at 7.5 pt when the page is too
narrow for that; long text columns share what is left. A table whose pieces do not fit a portrait page even at
7.5 pt is set on a landscape page of its own. No row splits across pages. Widths are in twips.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from opsplan.render.docx_body import _NOT_PLAIN, STYLE_TABLE, STYLE_TABLE_SMALL, Layout, inline_runs, run_xml, runs_xml
from opsplan.render.docx_widths import BODY_SIZE, SMALL_SIZE, column_measure, fitted_widths, holds_units, keep_units
from opsplan.render.mdparse import Inline, Table
from opsplan.render.palette import BORDER, HEADER_FILL

if TYPE_CHECKING:
    from opsplan.render.layout_record import LaidSpan, Record
    from opsplan.render.layout_record import Run as LaidRun

CELL_MARGIN = 80  # twips each side of a cell's text
_Span = tuple[Sequence[tuple[Inline, ...]], bool, bool]  # rows written alike: the rows, header rows, kept with the next


class SizedTable(NamedTuple):
    """A table with its columns sized: cells split into the pieces kept together, widths, alignments, text style."""

    header: tuple[Inline, ...]
    rows: list[tuple[Inline, ...]]
    widths: list[int]
    aligns: tuple[str, ...]
    style: str
    landscape: bool  # too wide for a portrait page: set on a landscape one


def size_table(table: Table, layout: Layout) -> SizedTable:
    """Return ``table`` with its columns sized for the pages of ``layout``."""
    header, rows = table.header, list(table.rows)
    if holds_units((header, *rows)):  # most tables hold no amount or date with a space in it
        header, rows = keep_units(header), [keep_units(row) for row in rows]
    columns = list(zip(header, *rows, strict=False))
    measures = [column_measure(c) for c in columns]  # each cell's text is measured once
    total, style, size = layout.text_width, STYLE_TABLE, BODY_SIZE
    landscape = sum(m.minimum_width(SMALL_SIZE) for m in measures) > total  # a portrait page would break its words
    if landscape:
        total = layout.landscape_text_width
    if sum(m.minimum_width(size) for m in measures) > total:  # too wide at 9 pt: 7.5 pt for this table
        style, size = STYLE_TABLE_SMALL, SMALL_SIZE
    minimums = tuple(m.minimum_width(size) for m in measures)
    naturals = tuple(m.natural_width(size) for m in measures)
    widths = list(fitted_widths(naturals, total, minimums, tuple(m.volume for m in measures)))
    aligns = tuple(align or ("right" if measures[i].numeric else "left") for i, align in enumerate(table.aligns))
    return SizedTable(header, rows, widths, aligns, style, landscape)


def table_xml(table: SizedTable, record: Record | None = None) -> str:
    """Return the ``w:tbl`` of ``table``, recorded for the layout estimate in ``record`` when given.

    A table starts with the header and two rows on a page, and a page it runs on to holds at least its last four
    rows under the repeated header (five lines: a landscape chart may follow on a page of its own).
    Each cell's runs and what the estimate records of them are made in one pass over the rows (``_cell``).
    """
    rows = table.rows
    spans: list[_Span] = [([table.header], True, len(rows) >= 2)]
    if len(rows) >= 4:
        last = 4 if len(rows) >= 7 else 2  # the rows kept on the last page
        spans += [(rows[:1], False, True), (rows[1:-last], False, False)]
        spans += [(rows[-last:-1], False, True), (rows[-1:], False, False)]
    else:
        spans.append((rows, False, False))
    extras = {(header, keep): _cell_pprs(table.aligns, header=header, keep=keep) for _, header, keep in spans}
    parts = [table_start(table.widths, cell_margin=CELL_MARGIN)]
    laid: list[LaidSpan] = []
    for span, header, keep in spans:
        pprs = extras[header, keep]
        opens = _cell_opens(table, pprs, header)
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
        span_runs: list[list[tuple[LaidRun, ...]]] = []
        for cells in span:
            parts.append(f"<w:tr>{trpr}")
            row_runs: list[tuple[LaidRun, ...]] = []
            for start, cell in zip(opens, cells, strict=False):
                xml, runs = _cell(cell, header)
                parts.append(f"{start}{xml}</w:p></w:tc>")
                row_runs.append(runs)
            parts.append("</w:tr>")
            span_runs.append(row_runs)
        laid.append((header, list(zip(table.widths, pprs, strict=False)), span_runs))
    parts.append("</w:tbl>")
    xml = "".join(parts)
    if record is not None:
        record.plain_table(xml, table.style, CELL_MARGIN, laid)
    return xml


def _cell(cell: Inline, bold: bool) -> tuple[str, tuple[LaidRun, ...]]:
    """Return ``runs_xml(cell, bold=bold)`` and the runs ``Record.inline(cell, bold=bold)`` records of it."""
    if len(cell) != 1:
        return runs_xml(cell, bold=bold), inline_runs(cell, bold)
    run = cell[0]  # most cells: one run, plain text
    text = run.text
    if not text:
        return "", ()
    bold = bold or run.bold
    if _NOT_PLAIN.search(text) is None:
        if bold:
            return f'<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>', ((text, True),)
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>', ((text, None),)
    return run_xml(text, bold=bold), inline_runs(cell, bold)


def table_start(widths: list[int], *, cell_margin: int) -> str:
    """Return the start of a ``w:tbl`` with ``widths``, its borders and cell margins, up to its first row."""
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


def _cell_pprs(aligns: tuple[str, ...], *, header: bool, keep: bool) -> list[str]:
    """Return each column's cell paragraph properties after the style (``keep``: kept with the next row)."""
    out = []
    for align in aligns:
        shown = "center" if header and align == "right" else align
        jc = f'<w:jc w:val="{shown}"/>' if shown != "left" else ""
        out.append(f"{'<w:keepNext/>' if keep else ''}{jc}")
    return out


def _cell_opens(table: SizedTable, pprs: list[str], header: bool) -> list[str]:
    """Return the start of each column's cells in a row, up to the cell's runs."""
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
    return [
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{table.style}"/>{ppr}</w:pPr>'
        for width, ppr in zip(table.widths, pprs, strict=False)
    ]


__all__ = ["CELL_MARGIN", "SizedTable", "size_table", "table_start", "table_xml"]
