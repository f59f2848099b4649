"""The DOCX Gantt charts and risk matrix, drawn as tables from their Markdown tables and the palette.

Gantt (see ``gantt_markdown`` for the table and its marker comment): the axis rows repeat on every page,
with each month's (or year's) label over its columns; a period cell in progress is filled with its phase's
colour; a critical row is outlined in near black on its bars and its label starts with ``●``, so it still
reads in grey print; milestones are ◆ and campaigns ★ on an amber band. Risk matrix: the 5×5 grid with
every cell filled by its level's colour, whose lightness steps with the level, and the level's letter.
Widths are in twips.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from opsplan.plan.risks import level_of
from opsplan.render.docx_body import STYLE_GANTT, STYLE_TABLE, run_xml
from opsplan.render.docx_widths import fit_widths, natural_width
from opsplan.render.fontmetrics import text_width
from opsplan.render.mdparse import Inline, Table, inline_text
from opsplan.render.palette import (
    CAMPAIGN_FILL,
    CAMPAIGN_MARK,
    CRITICAL_LINE,
    CRITICAL_MARK,
    HEADER_FILL,
    LEVEL_FILL,
    LEVEL_TEXT,
    MILESTONE,
    MILESTONE_MARK,
    phase_colour,
)

if TYPE_CHECKING:
    from opsplan.render.layout_record import Record, Run

_LABEL_SHARE = 0.3  # the task names' share of the width when they need it
_MAX_PERIOD = 680  # 1.2 cm: a chart of a few periods is not stretched across the page
_KEEP_ROWS = 30  # a chart of at most this many rows is kept on one page (a landscape page holds about 40)
GANTT_SIZE = 14  # half-points: the Gantt Text style's 7 pt
GANTT_CELL_MARGIN = 20  # twips each side of a chart's cell
_AIR = 30  # twips: what LibreOffice and Word take beyond the glyphs' advances
# labels a row may give as their number alone, under its own header ("Week", "月份"): W12 → 12, 12月 → 12
_NUMBERED = (re.compile(r"W(\d+)"), re.compile(r"(\d+)月"))
_WITH_YEAR = (re.compile(r"\d{4}年\s*(\d+月)"), re.compile(r"([A-Z][a-z]+) \d{4}"))  # 2027年3月, Mar 2027
_ROW_HEIGHT = 230  # twips, at least: a task row
_ROW = f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{_ROW_HEIGHT}"/></w:trPr>'
_Laid = tuple[int, str, str, bool, "str | None"]  # a cell for the layout estimate: width, pPr after the style, run
_HEAD_ROW = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"


def _cell(
    text: str,
    width: int,
    *,
    bold: bool = False,
    color: str | None = None,
    align: str = "left",
    fill: str | None = None,
    span: int = 1,
    extra: str = "",
    keep: bool = False,
    laid: list[_Laid] | None = None,
) -> str:
    """Return a chart cell holding ``text`` in one run; ``laid``: where the layout estimate's cells are collected."""
    jc = f'<w:jc w:val="{align}"/>' if align != "left" else ""
    ppr = f"{'<w:keepNext/>' if keep else ''}{jc}"
    if laid is not None:
        laid.append((width, ppr, text, bold, color))
    return _cell_xml(text, width, bold, color, fill, span, extra, ppr)


@functools.lru_cache(maxsize=4096)  # a chart's period cells are a few kinds (a width, a fill, a bar's borders)
def _cell_xml(
    text: str, width: int, bold: bool, color: str | None, fill: str | None, span: int, extra: str, ppr: str
) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    content = run_xml(text, bold=bold, color=color)
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{extra}{shd}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{STYLE_GANTT}"/>{ppr}</w:pPr>{content}</w:p></w:tc>'
    )


@functools.cache
def _outline(first: bool, last: bool) -> str:
    """Cell borders that outline a critical bar: top and bottom, and its ends."""
    line = f'w:val="single" w:sz="12" w:space="0" w:color="{CRITICAL_LINE}"'
    sides = [("top", True), ("left", first), ("bottom", True), ("right", last)]
    return "<w:tcBorders>" + "".join(f"<w:{side} {line}/>" for side, on in sides if on) + "</w:tcBorders>"


def gantt_widths(table: Table, total: int) -> list[int]:
    """Return the widths: the names as wide as the longest up to 30 %, the periods sharing the rest (≤ 1.2 cm)."""
    periods = len(table.header) - 1
    natural = natural_width([table.header[0], *(row[0] for row in table.rows)])
    label = fit_widths([natural], min(natural, int(total * _LABEL_SHARE)))[0] if periods else total
    each = min((total - label) // periods, _MAX_PERIOD) if periods else 0
    return [label if each == _MAX_PERIOD else total - each * periods, *([each] * periods)]


def _across(text: str) -> int:
    """Return the width (twips) a cell needs to hold ``text`` on one line in the chart's bold 7 pt."""
    return text_width(text, True) * GANTT_SIZE * 10 // 1000 + 2 * GANTT_CELL_MARGIN + _AIR


def _fits(text: str, width: int) -> bool:
    """Tell whether ``text`` fits ``width`` twips, on one line or broken only between its words."""
    return all(_across(word) <= width for word in text.split())


def axis_texts(cells: tuple[Inline, ...], widths: list[int]) -> tuple[list[str], bool]:
    """Return the texts of an axis row and whether its one-column labels are turned upright.

    A label is never broken inside (W12 does not become W1 / 2): where a week's or a Chinese month's label does
    not fit its column, the row gives their numbers alone (under the row's "Week" or "月份"); where a one-column
    label still does not fit, a month's label too narrow for its year gives the month alone (2027年3月 → 3月,
    Mar 2027 → Mar); only where that does not fit either are the row's one-column labels turned upwards.
    """
    texts = [inline_text(c).strip() for c in cells]
    spans = _spans(texts)
    if all(_fits(texts[i], sum(widths[i:j])) for i, j in spans):
        return texts, False
    for numbered in _NUMBERED:
        if all(numbered.fullmatch(texts[i]) for i, _ in spans):
            numbers = [texts[0], *(numbered.sub(r"\1", t) for t in texts[1:])]
            if all(_fits(numbers[i], sum(widths[i:j])) for i, j in spans):
                return numbers, False
    shorter = list(texts)  # a month too narrow for its year gives the month alone (the caption has the year)
    for i, j in spans:
        if not _fits(texts[i], sum(widths[i:j])):
            shorter[i] = next((y.sub(r"\1", texts[i]) for y in _WITH_YEAR if y.fullmatch(texts[i])), texts[i])
    if shorter != texts and all(_fits(shorter[i], sum(widths[i:j])) for i, j in spans):
        return shorter, False
    return texts, any(j - i == 1 and not _fits(texts[i], widths[i]) for i, j in spans)


def _spans(texts: list[str]) -> list[tuple[int, int]]:
    """Return the column ranges of an axis row's labels: each labelled cell spans the empty cells after it."""
    spans = []
    i = 1
    while i < len(texts):
        j = i + 1
        while j < len(texts) and not texts[j]:
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _axis_row(cells: tuple[Inline, ...], widths: list[int], laid: list[_Laid] | None = None) -> str:
    """Return a header row; a labelled period cell spans the empty cells after it (a month over its weeks)."""
    texts, upright = axis_texts(cells, widths)
    parts = [_cell(texts[0], widths[0], bold=True, fill=HEADER_FILL, laid=laid)]
    for i, j in _spans(texts):
        turn = '<w:textDirection w:val="btLr"/>' if upright and j - i == 1 else ""
        width = sum(widths[i:j])
        parts.append(
            _cell(texts[i], width, bold=True, align="center", fill=HEADER_FILL, span=j - i, extra=turn, laid=laid)
        )
    return _HEAD_ROW + "".join(parts) + "</w:tr>"


def _body_row(
    texts: list[str], widths: list[int], phase: str, *, keep: bool = False, laid: list[_Laid] | None = None
) -> str:
    """Return a task, phase, milestone or campaign row (``keep``: on the same page as the next row)."""
    critical = "█" in texts[1:]
    label = (f"{CRITICAL_MARK} " if critical else "") + texts[0]
    parts = [_cell(label, widths[0], bold=critical, keep=keep, laid=laid)]
    fill = phase_colour(int(phase)) if phase.isdigit() else None
    for i in range(1, len(texts)):
        text = texts[i]
        if text in ("█", "▒"):
            extra = _outline(texts[i - 1] != text or i == 1, i + 1 == len(texts) or texts[i + 1] != text)
            xml, cell = _period(
                "", widths[i], False, None, "left", fill or phase_colour(0), extra if text == "█" else ""
            )
        elif MILESTONE_MARK in text:
            xml, cell = _period(MILESTONE_MARK, widths[i], True, MILESTONE, "center", None, "")
        elif CAMPAIGN_MARK in text:
            xml, cell = _period(CAMPAIGN_MARK, widths[i], False, MILESTONE, "center", CAMPAIGN_FILL, "")
        else:
            xml, cell = _period("", widths[i], False, None, "left", None, "")
        parts.append(xml)
        if laid is not None:
            laid.append(cell)
    return _ROW + "".join(parts) + "</w:tr>"


@functools.lru_cache(maxsize=1024)  # a chart's period cells are a few kinds, in a row after row
def _period(
    text: str, width: int, bold: bool, color: str | None, align: str, fill: str | None, extra: str
) -> tuple[str, _Laid]:
    """Return a period cell of a task row and what the layout estimate records of it."""
    laid: list[_Laid] = []
    xml = _cell(text, width, bold=bold, color=color, align=align, fill=fill, extra=extra, laid=laid)
    return xml, laid[0]


def gantt_table_xml(table: Table, widths: list[int], table_start: str, record: Record | None = None) -> str:
    """Return the Gantt chart of ``table`` as a ``w:tbl`` with ``widths`` (``table_start`` opens it).

    ``record``: where the chart's rows are recorded for the layout estimate (``layout_record``).
    """
    attrs = dict(table.gantt)
    rows = list(table.rows)
    axis = [table.header]
    if attrs.get("axis") == "2" and rows:
        axis.append(rows.pop(0))
    phases = attrs.get("phases", "").split()
    laid: list[tuple[bool, float, list[_Laid]]] = []
    parts = [table_start]
    for cells in axis:
        laid.append((True, 0.0, []))
        parts.append(_axis_row(cells, widths, laid[-1][2] if record else None))
    together = len(rows) <= _KEEP_ROWS
    for index, row in enumerate(rows):
        texts = [inline_text(c).strip() for c in row]
        keep = together and index + 1 < len(rows)
        laid.append((False, _ROW_HEIGHT / 20, []))
        phase = phases[index] if index < len(phases) else ""
        parts.append(_body_row(texts, widths, phase, keep=keep, laid=laid[-1][2] if record else None))
    parts.append("</w:tbl>")
    xml = "".join(parts)
    if record is not None:
        made: dict[_Laid, tuple[int, str, tuple[Run, ...]]] = {}  # each kind of cell's record, made once

        def recorded(cell: _Laid) -> tuple[int, str, tuple[Run, ...]]:
            found = made.get(cell)
            if found is None:
                width, ppr, text, bold, color = cell
                found = made[cell] = (width, ppr, record.text(text, bold=bold, color=color))
            return found

        rows_laid = ((head, height, [recorded(cell) for cell in cells]) for head, height, cells in laid)
        record.table(xml, STYLE_GANTT, GANTT_CELL_MARGIN, rows_laid, repeats=True)
    return xml


def heat_widths(table: Table, total: int) -> list[int]:
    """Return the risk grid's column widths: the likelihood labels, then five equal cells of at most 2.8 cm."""
    head = min(max(natural_width([table.header[0]]), 1400), total // 4)
    return [head, *([min((total - head) // 5, 1600)] * 5)]


def heat_grid_xml(table: Table, widths: list[int], table_start: str) -> str:
    """Return the risk grid: the impact header, then likelihood 5 … 1, each cell filled by its level's colour.

    A cell's text is its level's letter and the ids of its risks (``高 R1、R3``): the letter in bold, the ids beneath.
    Every row but the last keeps with the next, so the grid is read on one page.
    """
    head = [inline_text(c).strip() for c in table.header]
    cells = "".join(_heat_cell(run_xml(t, bold=True), w, HEADER_FILL, True) for t, w in zip(head, widths, strict=True))
    parts = [table_start, _HEAD_ROW, cells, "</w:tr>"]
    for number, row in enumerate(table.rows, start=1):
        keep = number < len(table.rows)
        texts = [inline_text(c).strip() for c in row]
        likelihood = int(texts[0])
        row_cells = [_heat_cell(run_xml(texts[0], bold=True), widths[0], HEADER_FILL, keep)]
        for impact in range(1, 6):
            level = level_of(likelihood * impact)
            text = texts[impact] if impact < len(texts) else ""
            letter, _, ids = text.partition(" ")
            colour = LEVEL_TEXT[level]
            content = run_xml(letter, bold=True, color=colour) + _ids_xml(ids, colour)
            row_cells.append(_heat_cell(content, widths[impact], LEVEL_FILL[level], keep))
        parts.append('<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="560"/></w:trPr>' + "".join(row_cells) + "</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _ids_xml(ids: str, colour: str) -> str:
    """Return a cell's risk ids two to a line under its letter, so that no id is broken across lines."""
    sep = "、" if "、" in ids else ", "
    names = [name.strip() for name in ids.split(sep) if name.strip()]
    lines = [sep.join(names[i : i + 2]) for i in range(0, len(names), 2)]
    return "".join("<w:r><w:br/></w:r>" + run_xml(line, color=colour) for line in lines)


def _heat_cell(content: str, width: int, fill: str, keep: bool) -> str:
    keep_next = "<w:keepNext/>" if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{STYLE_TABLE}"/>{keep_next}'
        f'<w:jc w:val="center"/></w:pPr>{content}</w:p></w:tc>'
    )
