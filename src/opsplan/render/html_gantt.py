"""The interactive Gantt chart of the HTML plan, drawn from the computed timeline (not from the Markdown table).

One row per task: a bar from its start to its finish, coloured by phase, critical tasks outlined and marked;
milestones as diamonds on their own row, campaigns as bands; month labels on the axis with week ticks beneath.
Positions are in days times a CSS variable (``--day``), so the week/month zoom toggle only changes that
variable. Each bar and diamond carries a ``title`` (dates, float, dependencies), which the inline script also
shows as a tooltip.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

PHASE_COLOURS = ("#2f6fb0", "#3f9a6b", "#c07a1e", "#7a52a8", "#b0476a", "#2a8f9a", "#6d7a2a", "#8a5a3c")

_TEXT = {
    "zh": {
        "task": "任务",
        "milestones": "里程碑",
        "campaigns": "营销节点",
        "critical": "关键路径任务",
        "week": "周",
        "month": "月",
        "zoom": "缩放",
        "start": "开始",
        "finish": "结束",
        "days": "天",
        "float": "浮动时间",
        "after": "前置任务",
        "none": "无",
        "owner": "负责人",
        "phase": "阶段",
        "buffer": "项目缓冲",
        "legend": "图例",
        "only_critical": "突出关键路径",
        "yes": "是（关键路径）",
        "month_label": "{year}年{month}月",
    },
    "en": {
        "task": "Task",
        "milestones": "Milestones",
        "campaigns": "Campaigns",
        "critical": "Critical task",
        "week": "Week",
        "month": "Month",
        "zoom": "Zoom",
        "start": "Start",
        "finish": "Finish",
        "days": "days",
        "float": "Float",
        "after": "Depends on",
        "none": "none",
        "owner": "Owner",
        "phase": "Phase",
        "buffer": "Project buffer",
        "legend": "Legend",
        "only_critical": "Highlight critical path",
        "yes": "yes (critical path)",
        "month_label": "{mon} {year}",
    },
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _e(text: str) -> str:
    return escape(text, quote=True)


def gantt_html(plan: Plan, *, zh: bool) -> str:
    """Return the Gantt chart of ``plan``'s timeline as HTML (a ``<figure class="gantt">``)."""
    t = _TEXT["zh" if zh else "en"]
    timeline = plan.timeline
    origin = timeline.start
    ends = [timeline.end_with_buffer, *(task.finish for task in timeline.tasks)]
    ends += [m.date for m in timeline.milestones if m.date is not None]
    last = max(ends)
    span = (last - origin).days + 1
    names = {task.id: task.name for task in timeline.tasks}
    phase_index = {phase.id: i for i, phase in enumerate(timeline.phases)}
    phase_names = {phase.id: phase.name for phase in timeline.phases}

    def place(start: dt.date, days: int) -> str:
        return f"--x:{(start - origin).days};--w:{max(days, 1)}"

    rows: list[str] = []
    for task in timeline.tasks:
        colour = PHASE_COLOURS[phase_index.get(task.phase, 0) % len(PHASE_COLOURS)]
        after = ", ".join(names.get(a, a) for a in task.after) or t["none"]
        duration = (task.finish - task.start).days + 1
        tip = "\n".join(
            [
                task.name,
                f"{t['phase']}: {phase_names.get(task.phase, task.phase)}",
                f"{t['start']}: {task.start.isoformat()}",
                f"{t['finish']}: {task.finish.isoformat()} ({duration} {t['days']})",
                f"{t['float']}: {task.float_days} {t['days']}" + (f" — {t['yes']}" if task.critical else ""),
                f"{t['after']}: {after}",
                f"{t['owner']}: {task.owner}",
            ]
        )
        critical = " critical" if task.critical else ""
        mark = '<span class="crit-mark" aria-hidden="true">●</span>' if task.critical else ""
        rows.append(
            f'<div class="g-row{critical}" data-task="{_e(task.id)}">'
            f'<div class="g-label" title="{_e(task.name)}">{mark}{_e(task.name)}</div>'
            f'<div class="g-track"><div class="g-bar{critical}" style="{place(task.start, duration)};'
            f'background:{colour}" data-task="{_e(task.id)}" data-critical="{str(task.critical).lower()}" '
            f'data-float="{task.float_days}" data-after="{_e(" ".join(task.after))}" title="{_e(tip)}" '
            f'tabindex="0"></div></div></div>\n'
        )
    diamonds = []
    for m in timeline.milestones:
        if m.date is None:
            continue
        closes = ", ".join(names.get(a, a) for a in m.after) or t["none"]
        tip = f"{m.id} {m.name}\n{m.date.isoformat()}\n{t['after']}: {closes}\n{m.criteria}"
        diamonds.append(
            f'<div class="g-milestone" style="--x:{(m.date - origin).days}" data-milestone="{_e(m.id)}" '
            f'title="{_e(tip)}" tabindex="0"><span>{_e(m.id)}</span></div>'
        )
    rows.append(
        f'<div class="g-row g-marks"><div class="g-label">{_e(t["milestones"])}</div>'
        f'<div class="g-track">{"".join(diamonds)}</div></div>\n'
    )
    bands = []
    for c in plan.gantt.campaigns:
        if c.end < origin or c.start > last:
            continue
        start = max(c.start, origin)
        days = (min(c.end, last) - start).days + 1
        tip = f"{c.name}\n{c.start.isoformat()} — {c.end.isoformat()}"
        bands.append(f'<div class="g-campaign" style="{place(start, days)}" title="{_e(tip)}"></div>')
    if bands:
        rows.append(
            f'<div class="g-row g-marks"><div class="g-label">{_e(t["campaigns"])}</div>'
            f'<div class="g-track">{"".join(bands)}</div></div>\n'
        )
    buffer_start = timeline.end + dt.timedelta(days=1)
    buffer = ""
    if timeline.end_with_buffer > timeline.end:
        days = (timeline.end_with_buffer - timeline.end).days
        tip = f"{t['buffer']}: {buffer_start.isoformat()} — {timeline.end_with_buffer.isoformat()} ({days} {t['days']})"
        buffer = f'<div class="g-buffer" style="{place(buffer_start, days)}" title="{_e(tip)}"></div>'
    legend = "".join(
        f'<span class="g-key"><i style="background:{PHASE_COLOURS[i % len(PHASE_COLOURS)]}"></i>{_e(p.name)}</span>'
        for i, p in enumerate(timeline.phases)
    )
    legend += f'<span class="g-key"><i class="crit-key"></i>{_e(t["critical"])}</span>'
    legend += f'<span class="g-key"><i class="ms-key"></i>{_e(t["milestones"])}</span>'
    return (
        f'<figure class="gantt zoom-week" style="--span:{span}">\n'
        f'<div class="g-tools" role="group" aria-label="{_e(t["zoom"])}">{_e(t["zoom"])}: '
        f'<button type="button" data-zoom="week" aria-pressed="true">{_e(t["week"])}</button>'
        f'<button type="button" data-zoom="month" aria-pressed="false">{_e(t["month"])}</button> '
        f'<button type="button" data-critical-toggle aria-pressed="false">{_e(t["only_critical"])}</button></div>\n'
        f'<div class="g-scroll"><div class="g-chart">\n'
        f'<div class="g-row g-axis"><div class="g-label">{_e(t["task"])}</div>'
        f'<div class="g-track">{_axis(origin, last, zh=zh)}{buffer}</div></div>\n'
        f"{''.join(rows)}</div></div>\n"
        f'<figcaption class="g-legend">{legend}</figcaption>\n</figure>\n'
    )


def _axis(origin: dt.date, last: dt.date, *, zh: bool) -> str:
    """Month labels at each month's first day (the first at the origin), week ticks every seven days."""
    t = _TEXT["zh" if zh else "en"]
    parts = []
    day = origin
    while day <= last:
        nxt = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        width = (min(nxt, last + dt.timedelta(days=1)) - day).days
        label = t["month_label"].format(year=day.year, month=day.month, mon=_MONTHS[day.month - 1])
        parts.append(
            f'<div class="g-month" style="--x:{(day - origin).days};--w:{width}" title="{_e(label)}">'
            f"<span>{_e(label)}</span></div>"
        )
        day = nxt
    week = 0
    while week * 7 <= (last - origin).days:
        start = origin + dt.timedelta(days=week * 7)
        parts.append(
            f'<div class="g-week" style="--x:{week * 7}" title="{_e(start.isoformat())}"><span>W{week + 1}</span></div>'
        )
        week += 1
    return "".join(parts)
