"""Views of the chapters that steer the plan: data, risks, organization and timeline."""

from __future__ import annotations

from typing import Any

from opsplan.plan import plan_window
from opsplan.plan.budget import purpose_lines
from opsplan.plan.model import Plan
from opsplan.render.views.plain import fields_of, own_fields

HIGH_PAYROLL_SHARE = 0.6  # payroll above this share of the budget leaves little for content and media


def data_view(plan: Plan) -> dict[str, Any]:
    """KPIs with how many are reviewed at each cadence, reviews, experiments and tools."""
    profile = plan.profile
    cadences = {c: sum(1 for k in profile.kpis if k.cadence.value == c) for c in ("daily", "weekly", "monthly")}
    return {
        "kpis": profile.kpis,
        "cadences": cadences,
        "reviews": profile.data.reviews,
        "experiments": profile.data.experiments,
        "tools": profile.data.tools,
        "sections": {
            "kpis": bool(profile.kpis),
            "reviews": bool(profile.data.reviews),
            "experiments": bool(profile.data.experiments),
            "tools": bool(profile.data.tools),
        },
    }


def risks_view(plan: Plan) -> dict[str, Any]:
    """Return the register, the heat matrix and each risk's response sentence with only the parts it has."""
    risks = plan.risks
    rows = [
        {**own_fields(row), "action": row.response or row.mitigation, "variant": i % 2}
        for i, row in enumerate(risks.rows)
    ]
    return {
        "rows": rows,
        "counts": {level: risks.counts.get(level, 0) for level in ("high", "medium", "low")},
        "heat": risks.heat,
        "densest": max((len(cell.ids) for row in risks.heat for cell in row), default=0),
        "high": [r for r in rows if r["level"] == "high"],
        "others": [r for r in rows if r["level"] != "high"],
        "sections": {"register": bool(rows)},
    }


def organization_view(plan: Plan) -> dict[str, Any]:
    """Team and payroll against the budget (and the lines that pay the team), training, tools and the budget split.

    ``people_line`` is every budget line that pays the team, with their sum: the lines and figure rule OPS905
    compares the payroll with (``purpose_lines``), or None when no line pays the team.
    """
    profile = plan.profile
    team, budget = plan.team, plan.budget
    people = purpose_lines(budget, "people")
    people_line = {"names": list(people.names), "amount": people.amount} if people.indexes else None
    if not team.roles:
        payroll = None
    elif team.period_payroll > budget.total:
        payroll = "over-budget"
    elif people.below(team.period_payroll):
        payroll = "over-line"
    elif team.payroll_share_of_budget > HIGH_PAYROLL_SHARE:
        payroll = "high"
    else:
        payroll = "within"
    return {
        "structure": profile.organization.structure,
        "team": team,
        "duties": [role.duties for role in profile.team],
        "payroll": payroll,
        "people_line": people_line,
        "training": profile.organization.training,
        "incentives": profile.organization.incentives,
        "tools": profile.tools,
        "budget": budget,
        "notes": [item.note for item in profile.budget.items],
        "sections": {
            "team": bool(team.roles or profile.organization.structure),
            "training": bool(profile.organization.training or profile.organization.incentives),
            "tools": bool(profile.tools),
            "budget": bool(budget.items),
        },
    }


WHOLE_GANTT = frozenset({"unit", "step", "columns", "rows", "milestones", "campaigns"})  # a plan's one chart


def gantt_charts(plan: Plan, *, dumped: bool = True) -> list[dict[str, Any]]:
    """Return the Gantt charts a document shows, in order: the whole plan, or a summary then one per phase.

    Each is the chart's data with its ``kind`` (``all``, ``summary`` or ``phase``; ``key`` is then the phase's
    id), its first and last day and, for a phase, its phase's dates. ``dumped``: its rows, columns and marks as
    dicts (``fields_of``), else the plan's own models (``own_fields``: the timeline view, which ``plain`` converts).
    """
    gantt = plan.gantt
    fields = fields_of if dumped else own_fields
    if not gantt.split or gantt.summary is None:
        shown: list[Any] = [gantt]
        whole = {key: value for key, value in fields(gantt).items() if key in WHOLE_GANTT}
        charts = [{**whole, "kind": "all", "key": "all", "name": ""}]
    else:
        shown = [gantt.summary, *gantt.phases]
        charts = [{**fields(gantt.summary), "kind": "summary"}]
        charts += [{**fields(chart), "kind": "phase"} for chart in gantt.phases]
    window_last = plan_window(plan.profile, plan.timeline.end_with_buffer)[1]
    for chart, model in zip(charts, shown, strict=True):
        columns = model.columns
        chart["first"] = columns[0].start if columns else plan.timeline.start
        chart["last"] = min(columns[-1].end, window_last) if columns else plan.timeline.start
    spans = {p.id: p for p in plan.timeline.phases}
    for chart in charts[1:]:
        phase = spans[chart["key"]]
        chart["start"], chart["finish"] = phase.start, phase.finish
    return charts


def timeline_view(plan: Plan) -> dict[str, Any]:
    """Phases, tasks by phase, the critical path, milestones, campaigns and the Gantt chart."""
    timeline = plan.timeline
    by_phase: dict[str, list[Any]] = {}
    for task in timeline.tasks:
        by_phase.setdefault(task.phase, []).append(task)
    names = {task.id: task.name for task in timeline.tasks}
    return {
        "timeline": timeline,
        "phase_names": {phase.id: phase.name for phase in timeline.phases},
        "phases": [{**own_fields(p), "task_rows": by_phase.get(p.id, [])} for p in timeline.phases],
        "critical": [names[ident] for ident in timeline.critical_path if ident in names],
        "feeding": [
            {
                **own_fields(fb),
                "chain_names": [names.get(t, t) for t in fb.chain],
                "joins_name": names.get(fb.joins, fb.joins),
            }
            for fb in timeline.feeding_buffers
        ],
        "kpi_links": plan.kpi_links,
        "milestones": timeline.milestones,
        "dated_milestones": [m for m in timeline.milestones if m.date],
        "campaigns": campaign_rows(plan),
        "gantt": plan.gantt,
        "gantt_charts": gantt_charts(plan, dumped=False),
        "sections": {
            "phases": bool(timeline.phases),
            "tasks": bool(timeline.tasks),
            "milestones": bool(timeline.milestones or plan.campaigns),
            "gantt": bool(plan.gantt.rows),
        },
    }


def campaign_rows(plan: Plan) -> list[dict[str, Any]]:
    """Return the campaign table's rows; a campaign's later years point to its first (``same_as``: that year)."""
    first: dict[tuple[str, str], int] = {}
    rows = []
    for c in plan.campaigns:
        key = (c.name, c.goal)
        same_as = first.get(key) if c.source == "profile" and c.goal else None
        first.setdefault(key, c.start.year)
        rows.append({**own_fields(c), "same_as": same_as})
    return rows
