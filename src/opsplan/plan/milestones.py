"""Milestones: their dates, and what makes one contradict the plan (BRIEF §5.6, §9).

A milestone is dated at the latest finish of the tasks it closes. A goal-acceptance milestone
(``horizon: short``) is dated at its horizon instead (``goals.<h>.date``, computed from the plan start, never
typed), so its targets are the horizon's; the tasks it closes must finish by then, and when they do not the
finding names the task and the anchored work (a 520 task in the next year) that holds it up
(``acceptance-after-horizon``, a warning like ``timeline-over-horizon``, which it then stands for). Two
contradictions are warned about (``milestone-falls-back``): a milestone
that asks less of a metric than an earlier one asked, and one whose criteria quote a horizon's target
(``${goals.short.monthly_gmv}``) while it falls on another date.
"""

from __future__ import annotations

import datetime as dt
import re

from opsplan.formatting import said_number
from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.plan.anchors import AnchorKind, resolve
from opsplan.plan.base import horizon_name
from opsplan.plan.dates import add_months, goals_window
from opsplan.plan.messages import emsg, horizon_term, metric_label
from opsplan.plan.model import AnchorRow, EngineFinding, MilestoneRow, TaskRow, Timeline
from opsplan.profile import Milestone, Profile, resolve_reference, task_index

_QUOTED = re.compile(r"\$\{\s*goals\s*\.\s*(short|mid|long)\s*\.\s*([a-z0-9_]+)\s*(?::[a-z]+)?\}")


def horizon_date(profile: Profile, horizon: str) -> dt.date | None:
    """Return the date of the profile's ``horizon`` (plan start + its months), None if it has none."""
    found = dict(profile.goals.horizons()).get(horizon)
    return None if found is None else add_months(profile.plan.start, found.months)


def date_milestones(profile: Profile, task_ids: list[str], ef: list[int]) -> list[MilestoneRow]:
    """Date each milestone at the latest finish of the tasks it closes, or at its horizon for goal acceptance."""
    index = task_index(profile)
    position = {ident: i for i, ident in enumerate(task_ids)}
    rows = []
    for m in profile.timeline.milestones:
        closes: list[str] = []
        for ref in m.after:
            qualified = resolve_reference(profile, None, ref, index)
            if qualified is not None and qualified not in closes:
                closes.append(qualified)
        day = max((ef[position[q]] for q in closes), default=None)
        finish = None if day is None else profile.plan.start + dt.timedelta(days=day - 1)
        date, accepted = finish, None if m.horizon is None else horizon_date(profile, m.horizon)
        if accepted is not None:
            date, day = accepted, (accepted - profile.plan.start).days + 1
        rows.append(
            MilestoneRow(
                id=m.id,
                name=m.name,
                after=closes,
                day=day,
                date=date,
                criteria=m.criteria,
                kpis=list(m.kpis),
                anchor=_anchor(profile, m.on, m.before, date),
                horizon=None if accepted is None or m.horizon is None else horizon_name(m.horizon),
                work_finish=finish,
            )
        )
    return rows


def _anchor(profile: Profile, on: str | None, before: str | None, date: dt.date | None) -> AnchorRow | None:
    """Resolve a milestone's ``on``/``before`` against its date (None when it has none or names nothing)."""
    kind: AnchorKind = "on" if on is not None else "before"
    text = on if on is not None else before
    found = None if text is None else resolve(profile, text, kind, profile.plan.start)
    if text is None or found is None:
        return None
    due = found.due(kind)
    first, last = goals_window(profile)
    return AnchorRow(
        kind=kind,
        text=text,
        campaign=found.name,
        start=found.start,
        end=found.end,
        due=due,
        in_window=first <= due <= last,
        met=date is not None and date <= due,
    )


def accepted_late_at_short(timeline: Timeline) -> bool:
    """Return whether the short horizon's acceptance milestone comes before its work.

    Its finding then says why the schedule runs past the short horizon, which ``timeline-over-horizon`` would
    say again without the cause.
    """
    return any(
        m.horizon == "short" and m.date is not None and m.work_finish is not None and m.work_finish > m.date
        for m in timeline.milestones
    )


def milestone_findings(filled: Profile, timeline: Timeline) -> list[EngineFinding]:
    """Report goal acceptance after its horizon, a milestone asking less, criteria quoting another date."""
    out: list[EngineFinding] = []
    tasks = {t.id: t for t in timeline.tasks}
    members: dict[str, list[TaskRow]] = {}
    for t in timeline.tasks:
        members.setdefault(t.phase, []).append(t)
    for i, row in enumerate(timeline.milestones):
        name = emsg("anchor.milestone", id=row.id, name=row.name)
        late = _late_acceptance(row, i, name, tasks, members)
        if late is not None:
            out.append(late)
        out.extend(_quoted(filled.timeline.milestones[i], row, i, name, filled))
    out.extend(_falling_back(filled, timeline))
    return out


def _late_acceptance(
    row: MilestoneRow, i: int, name: str, tasks: dict[str, TaskRow], members: dict[str, list[TaskRow]]
) -> EngineFinding | None:
    """Report a goal-acceptance milestone whose tasks finish after its horizon's date, naming what holds them up."""
    if row.horizon is None or row.date is None or row.work_finish is None or row.work_finish <= row.date:
        return None
    late = max((tasks[t] for t in row.after), key=lambda t: (t.finish, t.id))
    return EngineFinding(
        code="acceptance-after-horizon",
        severity="warning",
        path=f"timeline.milestones[{i}].horizon",
        message=emsg(
            "acceptance-after-horizon",
            name=name,
            horizon=horizon_term(row.horizon),
            date=row.date.isoformat(),
            task=emsg("anchor.task", id=late.id, name=late.name),
            finish=late.finish.isoformat(),
            cause=_cause(late, tasks, members),
        ),
    )


def _cause(late: TaskRow, tasks: dict[str, TaskRow], members: dict[str, list[TaskRow]]) -> str:
    """Say which anchored task holds ``late`` up: the first anchored one up its chain of driving predecessors.

    ``members``: each phase's tasks. A task with no ``after`` waits for the phase it follows, whose tasks are looked
    up there: a scan of every task at each step of the walk cost tasks × phases (16 ms of a 64× longer plan).
    """
    task: TaskRow | None = late
    while task is not None:
        if task.anchor is not None and task.anchor.campaign is not None:
            when = f"{task.anchor.start.isoformat()} – {task.anchor.end.isoformat()}"
            held = emsg("anchor.task", id=task.id, name=task.name)
            return emsg("acceptance-after-horizon.cause", task=held, campaign=task.anchor.campaign, when=when)
        followed = [] if task.follows_phase is None else members.get(task.follows_phase, [])
        before = [tasks[t] for t in task.after] or followed
        task = max(before, key=lambda t: (t.ef, t.id), default=None)
    return ""


def _quoted(milestone: Milestone, row: MilestoneRow, i: int, name: str, profile: Profile) -> list[EngineFinding]:
    """Criteria quoting ``${goals.<h>.<metric>}`` of a metric the milestone gates, away from that horizon's date."""
    out = []
    for horizon, metric in dict.fromkeys(_QUOTED.findall(milestone.criteria)):
        due = horizon_date(profile, horizon)
        if metric not in milestone.kpis or due is None or row.date is None or row.date == due:
            continue
        out.append(
            EngineFinding(
                code="milestone-falls-back",
                severity="warning",
                path=f"timeline.milestones[{i}].criteria",
                message=emsg(
                    "milestone-quotes-horizon",
                    name=name,
                    ref=f"${{goals.{horizon}.{metric}}}",
                    horizon=horizon_term(horizon),
                    due=due.isoformat(),
                    date=row.date.isoformat(),
                    key=horizon,
                    own=f"${{milestones.{row.id}.{metric}}}",
                ),
            )
        )
    return out


def _said(metric: str, value: float) -> str:
    return f"{said_number(value * 100)}%" if CATALOGUE[metric].kind is MetricKind.RATE else said_number(value)


def _falling_back(profile: Profile, timeline: Timeline) -> list[EngineFinding]:
    """Report each milestone asking less of a metric (for its direction) than an earlier milestone asked."""
    order = sorted(
        (i for i, row in enumerate(timeline.milestones) if row.date is not None),
        key=lambda i: (timeline.milestones[i].date, i),
    )
    best: dict[str, tuple[float, int]] = {}
    out = []
    for i in order:
        row, targets = timeline.milestones[i], profile.timeline.milestones[i].targets
        for metric, value in targets.items():
            up = CATALOGUE[metric].direction is Direction.UP
            earlier = best.get(metric)
            if earlier is not None and (value < earlier[0] if up else value > earlier[0]):
                before = timeline.milestones[earlier[1]]
                assert before.date is not None and row.date is not None
                out.append(
                    EngineFinding(
                        code="milestone-falls-back",
                        severity="warning",
                        path=f"timeline.milestones[{i}]",
                        message=emsg(
                            "milestone-falls-back",
                            name=emsg("anchor.milestone", id=row.id, name=row.name),
                            date=row.date.isoformat(),
                            metric=metric_label(metric),
                            value=_said(metric, value),
                            earlier=emsg("anchor.milestone", id=before.id, name=before.name),
                            earlier_date=before.date.isoformat(),
                            earlier_value=_said(metric, earlier[0]),
                        ),
                    )
                )
            elif earlier is None or (value > earlier[0] if up else value < earlier[0]):
                best[metric] = (value, i)
    return out
