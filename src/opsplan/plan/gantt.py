"""The Gantt model (BRIEF §5.7): every chart's axis holds at most ``MAX_COLUMNS`` columns, at any plan length.

A chart's unit is the finest of week, month, quarter and year that covers its span in at most
``MAX_COLUMNS`` columns; beyond 32 years a column holds 2, 5, 10 … years (``YEAR_STEPS``). Weeks are the
plan's weeks: week ``n`` (``Wn``) covers days ``7(n - 1) … 7n - 1`` from the plan's start, on every chart, so
a phase's chart that starts in week 14 reads W14, W15 … like the summary. Months, quarters and years are
calendar periods. A chart's first column starts on the chart's first day. 32 columns fit a landscape A4 page
at 7 pt with the task names in a third of its width (about 0.5 cm a column: ``W32`` or ``10月`` on one line).

The whole plan's chart covers the plan window (the plan's start to the last goal horizon, or to the schedule's
end with its buffer when that is later), so that every campaign occurrence in the window is on it: a 24-month
plan shows 520 twice. A phase's chart covers the phase and shows the campaigns that fall in it.

A plan whose whole window needs quarters or years, or a coarser unit than its schedule alone (a 24-month plan
whose work runs 6 months: months would hide its weeks), or that has more than ``MAX_ROWS`` tasks (a landscape
page of rows), is *split*: documents and the deck show a summary chart (one bar per phase, on the whole plan's axis)
and one chart per phase, each on its own axis. The whole plan's chart (every task) is kept for the workbook.
Output is thus linear in the number of tasks, however long the plan runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from opsplan.plan.model import (
    CampaignRow,
    Gantt,
    GanttChart,
    GanttColumn,
    GanttMark,
    GanttRow,
    GanttUnit,
    MilestoneRow,
    TaskRow,
    Timeline,
)

MAX_COLUMNS = 32
MAX_ROWS = 40
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
UNITS: tuple[GanttUnit, ...] = ("week", "month", "quarter", "year")


def _months(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _quarters(first: dt.date, last: dt.date) -> int:
    return (last.year * 4 + (last.month - 1) // 3) - (first.year * 4 + (first.month - 1) // 3) + 1


def choose_unit(first: dt.date, last: dt.date, origin: dt.date | None = None) -> tuple[GanttUnit, int]:
    """Return the finest unit (and years per column) that shows ``first`` … ``last`` in ≤ ``MAX_COLUMNS`` columns.

    Weeks are counted from ``origin`` (the plan's start; ``first`` when not given).
    """
    origin = first if origin is None else origin
    if (last - origin).days // 7 - (first - origin).days // 7 + 1 <= MAX_COLUMNS:
        return "week", 1
    if _months(first, last) <= MAX_COLUMNS:
        return "month", 1
    if _quarters(first, last) <= MAX_COLUMNS:
        return "quarter", 1
    years = last.year - first.year + 1
    return "year", next((s for s in YEAR_STEPS if (years + s - 1) // s <= MAX_COLUMNS), YEAR_STEPS[-1])


class Axis:
    """The columns of one chart from ``first`` to ``last`` (inclusive), and the column of any date.

    Week columns are the weeks of a plan starting on ``origin`` (``first`` when not given), numbered from there.
    """

    def __init__(self, first: dt.date, last: dt.date, origin: dt.date | None = None) -> None:
        self.first = first
        self.origin = first if origin is None else origin
        self.week_offset = (first - self.origin).days // 7
        self.unit, self.step = choose_unit(first, last, self.origin)
        self.columns: list[GanttColumn] = []
        index = 0
        while True:
            start = first if index == 0 else self._period_start(index)
            if start > last:
                break
            end = self._period_start(index + 1) - dt.timedelta(days=1)
            self.columns.append(GanttColumn(index=index, label=self._label(index, start), start=start, end=end))
            index += 1

    def _period_start(self, index: int) -> dt.date:
        """Return the first day of column ``index`` (the first column may start later, on ``first``)."""
        first = self.first
        if self.unit == "week":
            return self.origin + dt.timedelta(days=7 * (self.week_offset + index))
        if self.unit == "year":
            return dt.date(first.year + index * self.step, 1, 1)
        months = 3 if self.unit == "quarter" else 1
        base = first.year * 12 + (first.month - 1) // months * months + index * months
        return dt.date(base // 12, base % 12 + 1, 1)

    def _label(self, index: int, start: dt.date) -> str:
        if self.unit == "week":
            return f"W{self.week_offset + index + 1}"
        if self.unit == "month":
            return f"{start.year:04d}-{start.month:02d}"
        if self.unit == "quarter":
            return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
        if self.step == 1:
            return f"{start.year:04d}"
        return f"{start.year:04d}–{start.year + self.step - 1:04d}"

    def column(self, day: dt.date) -> int:
        """Return the column index of ``day`` (may fall outside the axis)."""
        first = self.first
        if self.unit == "week":
            return (day - self.origin).days // 7 - self.week_offset
        if self.unit == "month":
            return _months(first, day) - 1
        if self.unit == "quarter":
            return _quarters(first, day) - 1
        return (day.year - first.year) // self.step

    def span(self, first: dt.date, last: dt.date) -> list[int]:
        """Return the column indexes from ``first`` to ``last`` (inclusive) that lie on the axis."""
        lo = max(self.column(first), 0)
        hi = min(self.column(last), len(self.columns) - 1)
        return list(range(lo, hi + 1))


def _milestone_marks(axis: Axis, milestones: Iterable[MilestoneRow]) -> list[GanttMark]:
    return [
        GanttMark(kind="milestone", id=m.id, name=m.name, start=m.date, end=m.date, columns=axis.span(m.date, m.date))
        for m in milestones
        if m.date is not None
    ]


def _campaign_marks(axis: Axis, campaigns: list[CampaignRow]) -> list[GanttMark]:
    if not axis.columns:
        return []
    axis_first, axis_last = axis.columns[0].start, axis.columns[-1].end
    return [
        GanttMark(
            kind="campaign",
            id=c.name,
            name=c.name,
            start=c.start,
            end=c.end,
            columns=axis.span(max(c.start, axis_first), min(c.end, axis_last)),
        )
        for c in campaigns
        if not (c.end < axis_first or c.start > axis_last)
    ]


def _task_rows(axis: Axis, tasks: Iterable[TaskRow], phase_index: dict[str, int]) -> list[GanttRow]:
    return [
        GanttRow(
            task=t.id,
            name=t.name,
            phase=t.phase,
            phase_index=phase_index.get(t.phase, 0),
            critical=t.critical,
            active=axis.span(t.start, t.finish),
        )
        for t in tasks
    ]


def _milestone_phase(milestone: MilestoneRow, tasks: dict[str, TaskRow]) -> str | None:
    """Return the phase of the last-finishing task ``milestone`` closes (where its diamond is drawn)."""
    closed = [tasks[a] for a in milestone.after if a in tasks]
    return max(closed, key=lambda t: (t.finish, t.id)).phase if closed else None


def _split_charts(timeline: Timeline, axis: Axis, campaigns: list[CampaignRow]) -> tuple[GanttChart, list[GanttChart]]:
    """Return the summary chart (one bar per phase on ``axis``) and one chart per phase on its own axis."""
    phase_index = {p.id: i for i, p in enumerate(timeline.phases)}
    tasks = {t.id: t for t in timeline.tasks}
    by_phase: dict[str, list[TaskRow]] = {}
    for task in timeline.tasks:
        by_phase.setdefault(task.phase, []).append(task)
    milestones_of: dict[str | None, list[MilestoneRow]] = {}
    for m in timeline.milestones:
        milestones_of.setdefault(_milestone_phase(m, tasks), []).append(m)
    summary_rows = []
    charts = []
    for i, phase in enumerate(timeline.phases):
        if phase.start is None or phase.finish is None:
            continue
        members = by_phase.get(phase.id, [])
        summary_rows.append(
            GanttRow(
                task=phase.id,
                name=phase.name,
                phase=phase.id,
                phase_index=i,
                critical=any(t.critical for t in members),
                active=axis.span(phase.start, phase.finish),
            )
        )
        own = Axis(phase.start, phase.finish, timeline.start)
        charts.append(
            GanttChart(
                key=phase.id,
                name=phase.name,
                unit=own.unit,
                step=own.step,
                columns=own.columns,
                rows=_task_rows(own, members, phase_index),
                milestones=_milestone_marks(own, milestones_of.get(phase.id, [])),
                campaigns=_campaign_marks(own, campaigns),
            )
        )
    summary = GanttChart(
        key="summary",
        unit=axis.unit,
        step=axis.step,
        columns=axis.columns,
        rows=summary_rows,
        milestones=_milestone_marks(axis, timeline.milestones),
        campaigns=_campaign_marks(axis, campaigns),
    )
    return summary, charts


def build_gantt(timeline: Timeline, campaigns: list[CampaignRow], last: dt.date | None = None) -> Gantt:
    """Place every task, milestone and campaign on bounded axes: the whole plan's, and per phase when split.

    The whole plan's axis runs from the timeline's start to ``last`` (the plan window's last day) or to the
    schedule's end with its buffer, whichever is later.
    """
    phase_index = {p.id: i for i, p in enumerate(timeline.phases)}
    if not timeline.tasks:
        return Gantt(unit="week", columns=[], rows=[], milestones=[], campaigns=[])
    axis = Axis(timeline.start, max(timeline.end_with_buffer, last or timeline.end_with_buffer))
    schedule_unit, _ = choose_unit(timeline.start, timeline.end_with_buffer)
    coarser = UNITS.index(axis.unit) > UNITS.index(schedule_unit)  # the window hides the schedule's detail
    split = coarser or axis.unit in ("quarter", "year") or len(timeline.tasks) > MAX_ROWS
    summary, phases = _split_charts(timeline, axis, campaigns) if split else (None, [])
    return Gantt(
        unit=axis.unit,
        step=axis.step,
        columns=axis.columns,
        rows=_task_rows(axis, timeline.tasks, phase_index),
        milestones=_milestone_marks(axis, timeline.milestones),
        campaigns=_campaign_marks(axis, campaigns),
        split=split,
        summary=summary,
        phases=phases,
    )
