"""The Markdown side of the plan's two figures: the Gantt chart and the 5×5 risk matrix.

A Gantt chart is a GFM table: month (or year) labels above the period columns, weeks beneath when short. The
table is preceded by an ``<!-- opsplan:gantt … -->`` comment that tells the DOCX and HTML renderers which
chart it is (``chart``: ``all``, ``summary`` or ``phase``, with the phase's id in ``phase``), whether its
first body row is the second axis row (``axis="2"``) and each body row's phase (``phases``: the phase's
index, ``m`` for a milestone row, ``c`` for a campaign row: one a campaign, with every occurrence on the chart),
from which they take the row's colour. Cells:
█ a critical task (or a phase on the critical path) in progress, ▒ another, ◆ a milestone, ★ a campaign.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from opsplan.render.markup import cell, meta_attr
from opsplan.render.mdparse import Table, inline_text
from opsplan.render.palette import CAMPAIGN_MARK, MILESTONE_MARK

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CRITICAL_CELL, ACTIVE_CELL = "█", "▒"


def month_label(locale: str, day: dt.date, *, with_year: bool) -> str:
    """Return a month's axis label: 3月 / 2027年3月 in zh-CN, Mar / Mar 2027 in en."""
    if locale.startswith("zh"):
        return f"{day.year}年{day.month}月" if with_year else f"{day.month}月"
    name = MONTHS_EN[day.month - 1]
    return f"{name} {day.year}" if with_year else name


def year_label(locale: str, year: int) -> str:
    """Return a year's axis label: 2027年 in zh-CN, 2027 in en."""
    return f"{year}年" if locale.startswith("zh") else str(year)


def axis_rows(locale: str, chart: Mapping[str, Any]) -> tuple[list[str] | None, list[str]]:
    """Return the chart's upper axis row (None when it has one row) and the row of its period labels.

    Weeks: months above (with the year at the first column and at each January), W1, W2 … beneath. Months:
    years above, month names beneath. Quarters: years above, Q1 … Q4 beneath. Years: one row.
    """
    columns: Sequence[Mapping[str, Any]] = chart["columns"]
    unit = chart["unit"]
    if unit == "year":
        return None, [str(c["label"]) for c in columns]
    top: list[str] = []
    bottom: list[str] = []
    previous: tuple[int, int] | None = None
    for column in columns:
        start: dt.date = column["start"]
        if unit == "week":
            key = (start.year, start.month)
            first = previous is None
            top.append(month_label(locale, start, with_year=first or start.month == 1) if key != previous else "")
            bottom.append(str(column["label"]))
        else:
            key = (start.year, 0)
            top.append(year_label(locale, start.year) if key != previous else "")
            quarter = f"Q{(start.month - 1) // 3 + 1}"
            bottom.append(month_label(locale, start, with_year=False) if unit == "month" else quarter)
        previous = key
    return top, bottom


def campaign_rows(marks: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[int]]]:
    """Return a chart's campaign rows: one a campaign name, with the columns of all its occurrences (520 twice)."""
    rows: dict[str, list[int]] = {}
    for mark in marks:
        rows.setdefault(str(mark["name"]), []).extend(mark["columns"])
    return list(rows.items())


def _row(label: Markup | str, count: int, marked: Sequence[int], mark: str) -> str:
    chosen = set(marked)
    return f"| {label} |" + "".join(f" {mark} |" if i in chosen else "  |" for i in range(count)) + "\n"


def gantt_table(locale: str, chart: Mapping[str, Any], head: str, axis_head: str = "") -> Markup:
    """Return the chart's marker comment and GFM table (see the module docstring)."""
    count = len(chart["columns"])
    top, bottom = axis_rows(locale, chart)
    phases: list[str] = []
    lines = [_row(cell(head), 0, (), "").rstrip("\n") + "".join(f" {cell(x)} |" for x in (top or bottom)) + "\n"]
    lines.append("|---|" + "---|" * count + "\n")
    if top is not None:
        lines.append(_row(cell(axis_head), 0, (), "").rstrip("\n") + "".join(f" {cell(x)} |" for x in bottom) + "\n")
    for row in chart["rows"]:
        phases.append(str(row["phase_index"]))
        lines.append(_row(cell(row["name"]), count, row["active"], CRITICAL_CELL if row["critical"] else ACTIVE_CELL))
    for mark in chart["milestones"]:
        phases.append("m")
        lines.append(_row(f"{MILESTONE_MARK} {cell(mark['name'])}", count, mark["columns"], MILESTONE_MARK))
    for name, columns in campaign_rows(chart.get("campaigns") or ()):
        phases.append("c")
        lines.append(_row(f"{CAMPAIGN_MARK} {cell(name)}", count, columns, CAMPAIGN_MARK))
    axis = ' axis="2"' if top is not None else ""
    kind = chart.get("kind") or "all"
    phase = f' phase="{meta_attr(chart["key"])}"' if kind == "phase" else ""
    comment = f'<!-- opsplan:gantt chart="{kind}"{phase}{axis} phases="{" ".join(phases)}" -->\n'
    return Markup(comment + "".join(lines))


def is_heat_table(table: Table) -> bool:
    """Tell whether ``table`` is the risk matrix: five rows 5…1 under the columns 1…5."""
    header = [inline_text(c).strip() for c in table.header]
    firsts = [inline_text(row[0]).strip() for row in table.rows if row]
    return header[1:] == ["1", "2", "3", "4", "5"] and firsts == ["5", "4", "3", "2", "1"]
