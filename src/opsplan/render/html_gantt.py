"""The interactive Gantt chart of the HTML plan, drawn from the computed timeline (not from the Markdown table).

One row per task: a bar from its start to its finish, coloured by phase, critical tasks outlined and marked;
milestones as diamonds on their own row, every campaign occurrence as a band. The axis holds the labels of
every zoom (years, quarters, months, the plan's weeks W1, W2 …); positions are in days times a CSS variable
(``--day``), so the week / month / quarter / year zoom only changes that variable and which labels show. The
whole plan's and the summary chart cover the plan window (start to the last horizon, or the schedule's end
if later), a phase's chart its phase. Each bar and diamond carries a ``title`` (dates, float, dependencies),
which the inline script also shows as a tooltip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from opsplan.plan import plan_window
from opsplan.render.html_gantt_axis import ZOOMS, axis_html, milestone_ids_shown, print_day
from opsplan.render.palette import CRITICAL_MARK, css, phase_colour

if TYPE_CHECKING:
    from opsplan.plan.model import GanttMark, MilestoneRow, Plan, TaskRow

_WEEK_ZOOM_DAYS = 366  # a longer chart opens at month zoom
_MONTH_ZOOM_DAYS = 3 * 366  # a longer one at quarter zoom
_QUARTER_ZOOM_DAYS = 8 * 366  # a longer one at year zoom

_TEXT = {
    "zh": {
        "task": "任务",
        "milestones": "里程碑",
        "campaigns": "营销节点",
        "critical": "关键路径任务",
        "week": "周",
        "month": "月",
        "quarter": "季度",
        "year": "年",
        "zoom": "缩放",
        "start": "开始",
        "finish": "结束",
        "days": "天",
        "float": "浮动时间",
        "after": "前置任务",
        "none": "无",
        "owner": "负责人",
        "phase": "阶段",
        "tasks": "任务数",
        "buffer": "项目缓冲",
        "legend": "图例",
        "only_critical": "突出关键路径",
        "yes": "（关键路径）",
        "phase_yes": "（含关键路径任务）",
        "sep": "：",
        "and": "、",
        "for": "（{n} 天）",
    },
    "en": {
        "task": "Task",
        "milestones": "Milestones",
        "campaigns": "Campaigns",
        "critical": "Critical task",
        "week": "Week",
        "month": "Month",
        "quarter": "Quarter",
        "year": "Year",
        "zoom": "Zoom",
        "start": "Start",
        "finish": "Finish",
        "days": "days",
        "float": "Float",
        "after": "Depends on",
        "none": "none",
        "owner": "Owner",
        "phase": "Phase",
        "tasks": "Tasks",
        "buffer": "Project buffer",
        "legend": "Legend",
        "only_critical": "Highlight critical path",
        "yes": " (critical path)",
        "phase_yes": " (on the critical path)",
        "sep": ": ",
        "and": ", ",
        "for": " ({n} days)",
    },
}


def _line(t: dict[str, str], key: str, value: str) -> str:
    """Return a tooltip line: a label and its value, with the language's colon."""
    return f"{t[key]}{t['sep']}{value}"


def _e(text: str) -> str:
    return escape(text, quote=True)


@dataclass(frozen=True)
class _Bar:
    """A bar of the chart: a task, or a whole phase on the summary chart."""

    id: str
    name: str
    phase: int
    start: dt.date
    finish: dt.date
    critical: bool
    tip: list[str]
    after: tuple[str, ...] = ()
    float_days: int = 0


def _task_bars(plan: Plan, tasks: list[TaskRow], t: dict[str, str]) -> list[_Bar]:
    names = {task.id: task.name for task in plan.timeline.tasks}
    phase_index = {phase.id: i for i, phase in enumerate(plan.timeline.phases)}
    phase_names = {phase.id: phase.name for phase in plan.timeline.phases}
    bars = []
    for task in tasks:
        after = t["and"].join(names.get(a, a) for a in task.after) or t["none"]
        duration = (task.finish - task.start).days + 1
        tip = [
            task.name,
            _line(t, "phase", phase_names.get(task.phase, task.phase)),
            _line(t, "start", task.start.isoformat()),
            _line(t, "finish", task.finish.isoformat() + t["for"].format(n=duration)),
            _line(t, "float", f"{task.float_days} {t['days']}" + (t["yes"] if task.critical else "")),
            _line(t, "after", after),
        ] + ([_line(t, "owner", task.owner)] if task.owner else [])
        bars.append(
            _Bar(
                task.id,
                task.name,
                phase_index.get(task.phase, 0),
                task.start,
                task.finish,
                task.critical,
                tip,
                tuple(task.after),
                task.float_days,
            )
        )
    return bars


def _phase_bars(plan: Plan, t: dict[str, str]) -> list[_Bar]:
    critical = {task.phase for task in plan.timeline.tasks if task.critical}
    bars = []
    for i, phase in enumerate(plan.timeline.phases):
        if phase.start is None or phase.finish is None:
            continue
        duration = (phase.finish - phase.start).days + 1
        tip = [
            phase.name,
            _line(t, "start", phase.start.isoformat()),
            _line(t, "finish", phase.finish.isoformat() + t["for"].format(n=duration)),
            _line(t, "tasks", str(len(phase.tasks))) + (t["phase_yes"] if phase.id in critical else ""),
        ]
        bars.append(_Bar(phase.id, phase.name, i, phase.start, phase.finish, phase.id in critical, tip))
    return bars


def _place(start: dt.date, days: int, origin: dt.date) -> str:
    return f"--x:{(start - origin).days};--w:{max(days, 1)}"


def _marks(
    plan: Plan,
    t: dict[str, str],
    origin: dt.date,
    last: dt.date,
    pday: float,
    *,
    milestones: list[MilestoneRow],
    campaigns: list[GanttMark],
) -> dict[str, str]:
    """Return the insides of the rows under the bars: the project buffer, milestones and campaign bands."""
    timeline = plan.timeline
    names = {task.id: task.name for task in timeline.tasks}
    marks = {"buffer": "", "milestones": "", "campaigns": ""}
    if timeline.end_with_buffer > timeline.end:
        start = timeline.end + dt.timedelta(days=1)
        days = (timeline.end_with_buffer - timeline.end).days
        tip = _line(
            t, "buffer", f"{start.isoformat()} — {timeline.end_with_buffer.isoformat()}" + t["for"].format(n=days)
        )
        marks["buffer"] = f'<div class="g-buffer" style="{_place(start, days, origin)}" title="{_e(tip)}"></div>'
    dated = sorted((m for m in milestones if m.date is not None), key=lambda m: m.date or origin)
    offsets = [(m.date - origin).days for m in dated if m.date is not None]
    for m, day, ids in zip(dated, offsets, milestone_ids_shown(offsets, [m.id for m in dated], pday), strict=True):
        closes = t["and"].join(names.get(a, a) for a in m.after) or t["none"]
        tip = f"{m.id} {m.name}\n{m.date}\n{_line(t, 'after', closes)}\n{m.criteria}"
        marks["milestones"] += (
            f'<div class="g-milestone" style="--x:{day}" data-milestone="{_e(m.id)}" data-show="{ids}" '
            f'title="{_e(tip)}" tabindex="0"><span class="g-long">{_e(m.id)}</span></div>'
        )
    for c in campaigns:
        if c.end < origin or c.start > last:
            continue
        start = max(c.start, origin)
        days = (min(c.end, last) - start).days + 1
        tip = f"{c.name}\n{c.start.isoformat()} — {c.end.isoformat()}"
        marks["campaigns"] += f'<div class="g-campaign" style="{_place(start, days, origin)}" title="{_e(tip)}"></div>'
    return marks


def _campaign_marks(plan: Plan, chart: str, phase: str) -> list[GanttMark]:
    """Return the campaign occurrences the model placed on the chart (a phase's: those in its span)."""
    if chart != "phase":
        return list(plan.gantt.summary.campaigns if plan.gantt.summary is not None else plan.gantt.campaigns)
    return [m for c in plan.gantt.phases if c.key == phase for m in c.campaigns]


def gantt_html(plan: Plan, *, zh: bool, chart: str = "all", phase: str = "") -> str:
    """Return a Gantt chart of ``plan``'s timeline as HTML (a ``<figure class="gantt">``).

    ``chart``: ``all`` (every task), ``summary`` (one bar per phase) or ``phase`` (the tasks of the phase whose
    id is ``phase``, on an axis from its start to its finish), as the Markdown's ``opsplan:gantt`` comment says.
    """
    t = _TEXT["zh" if zh else "en"]
    timeline = plan.timeline
    spans = {phase.id: phase for phase in timeline.phases}
    span_of = spans.get(phase) if chart == "phase" else None
    if span_of is not None and span_of.start is not None and span_of.finish is not None:
        bars = _task_bars(plan, [task for task in timeline.tasks if task.phase == phase], t)
        shown = {m.id for c in plan.gantt.phases if c.key == phase for m in c.milestones}
        milestones = [m for m in timeline.milestones if m.id in shown]
        origin, last, whole = span_of.start, span_of.finish, False
    else:
        bars = _phase_bars(plan, t) if chart == "summary" else _task_bars(plan, timeline.tasks, t)
        milestones = timeline.milestones
        origin, whole = timeline.start, True
        ends = [plan_window(plan.profile, timeline.end_with_buffer)[1], *(task.finish for task in timeline.tasks)]
        last = max(ends + [m.date for m in milestones if m.date is not None])
    span = (last - origin).days + 1

    rows: list[str] = []
    for bar in bars:
        colour = css(phase_colour(bar.phase))
        critical = " critical" if bar.critical else ""
        mark = f'<span class="crit-mark" aria-hidden="true">{CRITICAL_MARK}</span>' if bar.critical else ""
        duration = (bar.finish - bar.start).days + 1
        rows.append(
            f'<div class="g-row{critical}" data-task="{_e(bar.id)}">'
            f'<div class="g-label" title="{_e(bar.name)}">{mark}{_e(bar.name)}</div>'
            f'<div class="g-track"><div class="g-bar{critical}" style="{_place(bar.start, duration, origin)};'
            f'background:{colour}" data-task="{_e(bar.id)}" data-critical="{str(bar.critical).lower()}" '
            f'data-float="{bar.float_days}" data-after="{_e(" ".join(bar.after))}" title="{_e(chr(10).join(bar.tip))}" '
            f'tabindex="0"></div></div></div>\n'
        )
    pday = print_day(span)
    marks = _marks(
        plan,
        t,
        origin,
        last,
        pday,
        milestones=milestones,
        campaigns=_campaign_marks(plan, "phase" if span_of else chart, phase),
    )
    rows += [
        f'<div class="g-row g-marks"><div class="g-label">{_e(t[key])}</div><div class="g-track">{html}</div></div>\n'
        for key, html in marks.items()
        if html and (whole or key != "buffer")
    ]
    shown_phases = sorted({bar.phase for bar in bars})
    legend = "".join(
        f'<span class="g-key"><i style="background:{css(phase_colour(i))}"></i>{_e(timeline.phases[i].name)}</span>'
        for i in shown_phases
    )
    legend += f'<span class="g-key"><i class="crit-key"></i>{_e(t["critical"])}</span>'
    legend += f'<span class="g-key"><i class="ms-key"></i>{_e(t["milestones"])}</span>'
    if marks["campaigns"]:
        legend += f'<span class="g-key"><i class="cmp-key"></i>{_e(t["campaigns"])}</span>'
    zoom = _zoom(span)
    axis, printed = axis_html(origin, last, timeline.start, zh=zh, pday=pday)
    zooms = [z for z in ZOOMS if z != "year" or span > _WEEK_ZOOM_DAYS]  # years only for more than a year
    buttons = "".join(
        f'<button type="button" data-zoom="{z}" aria-pressed="{str(z == zoom).lower()}">{_e(t[z])}</button>'
        for z in zooms
    )
    return (
        f'<figure class="gantt zoom-{zoom} print-{printed}" data-chart="{_e(phase if span_of else chart)}" '
        f'style="--span:{span};--woff:{-(origin - timeline.start).days % 7}">\n'
        f'<div class="g-tools" role="group" aria-label="{_e(t["zoom"])}">{_e(t["zoom"])}: '
        f"{buttons} "
        f'<button type="button" data-critical-toggle aria-pressed="false">{_e(t["only_critical"])}</button></div>\n'
        f'<div class="g-scroll"><div class="g-chart">\n'
        f'<div class="g-row g-axis"><div class="g-label">{_e(t["phase"] if chart == "summary" else t["task"])}</div>'
        f'<div class="g-track">{axis}</div></div>\n'
        f"{''.join(rows)}</div></div>\n"
        f'<figcaption class="g-legend">{legend}</figcaption>\n</figure>\n'
    )


def _zoom(span: int) -> str:
    """Return the zoom a chart of ``span`` days opens at: the finest that shows it without long scrolling."""
    if span <= _WEEK_ZOOM_DAYS:
        return "week"
    if span <= _MONTH_ZOOM_DAYS:
        return "month"
    return "quarter" if span <= _QUARTER_ZOOM_DAYS else "year"
