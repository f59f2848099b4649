"""The Gantt model: one column per week, or per calendar month when the plan is long (BRIEF §5.7).

Week columns are used when the schedule including the project buffer lasts at most 52 weeks (364
days); column ``i`` covers days ``7i … 7i + 6`` from ``plan.start``. Longer plans get one column per
calendar month, from the month of ``plan.start`` to the month of the end with buffer.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from opsplan.plan.model import CampaignRow, Gantt, GanttColumn, GanttMark, GanttRow, Timeline

WEEK_LIMIT_DAYS = 52 * 7


def gantt_unit(total_days: int) -> Literal["week", "month"]:
    """Return the column unit for a schedule of ``total_days`` (buffer included)."""
    return "week" if total_days <= WEEK_LIMIT_DAYS else "month"


class Axis:
    """Maps dates to column indexes."""

    def __init__(self, unit: Literal["week", "month"], start: dt.date, last: dt.date, days: int) -> None:
        self.unit = unit
        self.start = start
        self.columns: list[GanttColumn] = []
        if days <= 0:
            return
        if unit == "week":
            for i in range((days + 6) // 7):
                first = start + dt.timedelta(days=7 * i)
                self.columns.append(
                    GanttColumn(index=i, label=f"W{i + 1}", start=first, end=first + dt.timedelta(days=6))
                )
            return
        year, month, i = start.year, start.month, 0
        while (year, month) <= (last.year, last.month):
            first = max(dt.date(year, month, 1), start)
            end = dt.date(year, month, calendar.monthrange(year, month)[1])
            self.columns.append(GanttColumn(index=i, label=f"{year:04d}-{month:02d}", start=first, end=end))
            year, month, i = (year + 1, 1, i + 1) if month == 12 else (year, month + 1, i + 1)

    def column(self, day: dt.date) -> int:
        """Return the column index of ``day`` (may fall outside the axis)."""
        if self.unit == "week":
            return (day - self.start).days // 7
        return (day.year - self.start.year) * 12 + day.month - self.start.month

    def span(self, first: dt.date, last: dt.date) -> list[int]:
        """Return the column indexes from ``first`` to ``last`` (inclusive) that lie on the axis."""
        lo = max(self.column(first), 0)
        hi = min(self.column(last), len(self.columns) - 1)
        return list(range(lo, hi + 1))


def build_gantt(timeline: Timeline, campaigns: list[CampaignRow]) -> Gantt:
    """Place every task, milestone and campaign on the Gantt axis."""
    total = timeline.length_days + timeline.buffer_days
    axis = Axis(gantt_unit(total), timeline.start, timeline.end_with_buffer, total if timeline.tasks else 0)
    rows = [
        GanttRow(task=t.id, name=t.name, critical=t.critical, active=axis.span(t.start, t.finish))
        for t in timeline.tasks
    ]
    milestones = [
        GanttMark(kind="milestone", id=m.id, name=m.name, start=m.date, end=m.date, columns=axis.span(m.date, m.date))
        for m in timeline.milestones
        if m.date is not None
    ]
    marks: list[GanttMark] = []
    if axis.columns:
        axis_first, axis_last = axis.columns[0].start, axis.columns[-1].end
        for c in campaigns:
            if c.end < axis_first or c.start > axis_last:
                continue
            marks.append(
                GanttMark(
                    kind="campaign",
                    id=c.name,
                    name=c.name,
                    start=c.start,
                    end=c.end,
                    columns=axis.span(max(c.start, axis_first), min(c.end, axis_last)),
                )
            )
    return Gantt(unit=axis.unit, columns=axis.columns, rows=rows, milestones=milestones, campaigns=marks)
