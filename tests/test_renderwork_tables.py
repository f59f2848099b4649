"""A plain table's XML and what the layout estimate records of it are made in one pass (``docx_table.table_xml``).

The pass writes each cell's runs as ``runs_xml`` does and records them as ``Record.inline`` and ``Record.table`` do:
the same XML, the same blocks, for plain cells, bold ones, several runs, empty cells and text that needs escaping
or cleaning, in tables of every length (their spans of kept rows differ).
"""

from __future__ import annotations

import pytest

from opsplan.render.docx_body import STYLE_TABLE, Layout, runs_xml
from opsplan.render.docx_frame import frame_for
from opsplan.render.docx_table import (
    CELL_MARGIN,
    SizedTable,
    _cell_opens,
    _cell_pprs,
    size_table,
    table_start,
    table_xml,
)
from opsplan.render.layout_record import Record
from opsplan.render.mdparse import Run, Table

CELLS = [
    (Run("渠道"),),
    (Run("CNY 131,884"),),
    (Run("bold", True),),
    (Run("a "), Run("b", True), Run(" c")),
    (),
    (Run('x < y & "z"'),),
    (Run("ctrl\x01char"),),
    (Run("\x02"),),
    (Run("13 May 2027"),),
]


def _table(rows: int) -> Table:
    header = (CELLS[0], (Run("金额"),), CELLS[3])
    body = tuple(tuple(CELLS[(r + c) % len(CELLS)] for c in range(3)) for r in range(rows))
    return Table(header, body, ("", "right", ""))


def _as_before(sized: SizedTable, record: Record) -> str:
    """The table's XML and record as they were made before the one pass: row by row, cell by cell."""
    rows = sized.rows
    spans = [([sized.header], True, len(rows) >= 2)]
    if len(rows) >= 4:
        last = 4 if len(rows) >= 7 else 2
        spans += [(rows[:1], False, True), (rows[1:-last], False, False)]
        spans += [(rows[-last:-1], False, True), (rows[-1:], False, False)]
    else:
        spans.append((rows, False, False))
    parts = [table_start(sized.widths, cell_margin=CELL_MARGIN)]
    laid = []
    for span, header, keep in spans:
        pprs = _cell_pprs(sized.aligns, header=header, keep=keep)
        opens = _cell_opens(sized, pprs, header)
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
        for cells in span:
            parts.append(
                f"<w:tr>{trpr}"
                + "".join(f"{o}{runs_xml(c, bold=header)}</w:p></w:tc>" for o, c in zip(opens, cells, strict=False))
                + "</w:tr>"
            )
            columns = list(zip(sized.widths, pprs, strict=False))
            laid.append(
                (
                    header,
                    0.0,
                    [(w, p, record.inline(c, bold=header)) for (w, p), c in zip(columns, cells, strict=False)],
                )
            )
    parts.append("</w:tbl>")
    xml = "".join(parts)
    record.table(xml, sized.style, CELL_MARGIN, laid)
    return xml


@pytest.mark.parametrize("rows", [0, 1, 2, 3, 4, 6, 7, 12])
def test_one_pass_writes_and_records_a_table_as_cell_by_cell(rows: int) -> None:
    frame = frame_for("zh-CN", None)
    sized = size_table(_table(rows), Layout(9000, 13000))
    assert sized.style == STYLE_TABLE
    ours, theirs = Record(frame.styles, frame.renames, {}), Record(frame.styles, frame.renames, {})
    xml = table_xml(sized, ours)
    before = _as_before(sized, theirs)
    assert xml == before
    assert id(xml) in ours.blocks and id(before) in theirs.blocks  # recorded: not read back from the XML
    assert ours.blocks_of([xml]) == theirs.blocks_of([before])
    assert table_xml(sized) == xml  # the same without a record
