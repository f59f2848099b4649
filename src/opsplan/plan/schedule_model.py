"""The schedule part of the plan model: tasks, phases, buffers, milestones and the Gantt model.

Re-exported by ``opsplan.plan.model``; import from there.
"""

import datetime as dt
from typing import Literal

from opsplan.modelkit import Field
from opsplan.plan.base import Frozen, HorizonName

# --- timeline -------------------------------------------------------------------------------------


class AnchorRow(Frozen):
    """Where a task or milestone is anchored: a date or a campaign (``on: 520``, ``before: 618``)."""

    kind: Literal["on", "before"] = Field(description="on: ends on its last day; before: ends the day before it.")
    text: str = Field(description="The anchor as written in the profile.")
    campaign: str | None = Field(description="The campaign it names; None for a plain date.")
    start: dt.date = Field(description="The campaign's first day (the date itself for a plain date).")
    end: dt.date = Field(description="The campaign's last day, inclusive.")
    due: dt.date = Field(description="The last day the work may finish: end (on) or start − 1 day (before).")
    in_window: bool = Field(description="Whether the due date is in the plan window, after the work could start.")
    met: bool = Field(description="Whether the work finishes by its due date.")


class TaskRow(Frozen):
    """A scheduled task (critical path method, in days)."""

    id: str = Field(description="phase.task")
    phase: str
    name: str
    owner: str
    weeks: float
    duration_days: int = Field(description="round(weeks × 7), at least 1.")
    start: dt.date
    finish: dt.date = Field(description="Inclusive last day.")
    es: int
    ef: int
    ls: int
    lf: int
    float_days: int
    critical: bool
    after: list[str] = Field(description="Resolved ids of the tasks named in its ``after`` list.")
    follows_phase: str | None = Field(
        description="The phase it follows when its ``after`` list is empty (None in the first phase)."
    )
    anchor: AnchorRow | None = Field(None, description="The date or campaign the task is anchored to, if any.")


class PhaseSpan(Frozen):
    """A phase from its first task's start to its last task's finish."""

    id: str
    name: str
    tasks: list[str]
    es: int | None
    ef: int | None
    start: dt.date | None
    finish: dt.date | None


class FeedingBuffer(Frozen):
    """A buffer where a non-critical chain joins the critical path."""

    chain: list[str] = Field(description="Task ids of the chain, in order.")
    joins: str = Field(description="The critical task the chain feeds.")
    chain_days: int
    days: int = Field(description="ceil(feeding fraction × chain_days).")


class MilestoneRow(Frozen):
    """A dated milestone."""

    id: str
    name: str
    after: list[str] = Field(description="Resolved ids of the tasks it closes.")
    day: int | None = Field(description="Latest ef of those tasks (its horizon's day for goal acceptance).")
    date: dt.date | None = Field(
        description="Latest finish of those tasks, or its horizon's date for goal acceptance; None if it closes none."
    )
    criteria: str
    kpis: list[str]
    anchor: AnchorRow | None = Field(None, description="The date or campaign it must be reached by, if any.")
    horizon: HorizonName | None = Field(None, description="Goal acceptance: dated at this horizon, not its tasks.")
    work_finish: dt.date | None = Field(None, description="Latest finish of the tasks it closes.")


class Timeline(Frozen):
    """The schedule."""

    start: dt.date
    tasks: list[TaskRow] = Field(description="In profile order.")
    phases: list[PhaseSpan]
    critical_path: list[str] = Field(description="Critical task ids, by earliest start.")
    length_days: int
    critical_fraction: float
    feeding_fraction: float
    buffer_days: int = Field(description="Project buffer: ceil(critical fraction × length_days).")
    feeding_buffers: list[FeedingBuffer]
    end: dt.date = Field(description="Last working day of the critical path (plan.start when there are no tasks).")
    end_with_buffer: dt.date
    milestones: list[MilestoneRow]


# --- gantt ----------------------------------------------------------------------------------------


GanttUnit = Literal["week", "month", "quarter", "year"]


class GanttColumn(Frozen):
    """A period of the Gantt axis: a week, a calendar month, a calendar quarter or ``step`` calendar years."""

    index: int
    label: str = Field(description="W1, W2 … for weeks; YYYY-MM for months; YYYY-Qn for quarters; YYYY or YYYY–YYYY.")
    start: dt.date
    end: dt.date = Field(description="Inclusive.")


class GanttRow(Frozen):
    """A row of a Gantt chart: a task, or a whole phase on the summary chart."""

    task: str = Field(description="The task id (the phase id on the summary chart).")
    name: str
    phase: str = Field("", description="The id of the phase the row belongs to.")
    phase_index: int = Field(0, description="The phase's position in the plan (0 first); picks its colour.")
    critical: bool = Field(description="The task is on the critical path (summary: the phase holds such a task).")
    active: list[int] = Field(description="Indexes of the columns the task is active in.")


class GanttMark(Frozen):
    """A milestone or campaign placed on the Gantt axis."""

    kind: Literal["milestone", "campaign"]
    id: str = Field(description="Milestone id or campaign name.")
    name: str
    start: dt.date
    end: dt.date
    columns: list[int]


class GanttChart(Frozen):
    """One Gantt chart: its own axis of at most ``MAX_COLUMNS`` columns, its rows and marks."""

    key: str = Field(description="summary, or the phase id of a phase's chart.")
    name: str = Field("", description="The phase's name on a phase's chart.")
    unit: GanttUnit
    step: int = Field(1, description="Calendar years per column when the unit is year; 1 otherwise.")
    columns: list[GanttColumn]
    rows: list[GanttRow]
    milestones: list[GanttMark]
    campaigns: list[GanttMark] = Field(default_factory=list)


class Gantt(Frozen):
    """The Gantt model: the whole plan on one axis, and for a long or crowded plan a summary plus one per phase.

    ``unit``, ``columns``, ``rows``, ``milestones`` and ``campaigns`` are every task on one axis of at most
    ``MAX_COLUMNS`` columns (the workbook and the deck draw it). When ``split``, documents show ``summary`` (one
    bar per phase) and ``phases`` (each phase's tasks on its own axis) instead.
    """

    unit: GanttUnit
    step: int = 1
    columns: list[GanttColumn]
    rows: list[GanttRow]
    milestones: list[GanttMark]
    campaigns: list[GanttMark]
    split: bool = Field(False, description="The plan is too long or has too many tasks for one readable chart.")
    summary: GanttChart | None = Field(None, description="One bar per phase on the whole plan's axis, when split.")
    phases: list[GanttChart] = Field(default_factory=list, description="One chart per phase, when split.")
