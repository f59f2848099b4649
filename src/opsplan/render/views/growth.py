"""Views of the chapters about where the shop is going: goals and outcomes."""

from __future__ import annotations

from typing import Any

from opsplan.plan.model import GoalMetric, GoalTableRow, OutcomeRow, Plan
from opsplan.render.views.plain import own_fields

TRAJECTORY_METRICS = 6  # metrics per trajectory table: with the month column, seven columns fit a portrait page


def trajectory_parts(rows: list[GoalTableRow], most: int = TRAJECTORY_METRICS) -> list[list[GoalTableRow]]:
    """Split the trajectory's metrics into tables of at most ``most`` metrics each, as even as can be.

    Every table has the months as rows, so a table is read down a metric's column; 13 metrics make tables of
    7 and 6 (not 6, 6 and 1).
    """
    if not rows:
        return []
    count = -(-len(rows) // most)
    size, extra = divmod(len(rows), count)
    parts, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        parts.append(rows[start:end])
        start = end
    return parts


def _path(goal: GoalMetric, index: int) -> dict[str, Any]:
    """How a metric's path is told: its kind of sentence, direction and the segments after the first."""
    segments = goal.segments
    if not segments:
        horizon = next(iter(goal.targets))
        return {"story": "target-only", "horizon": horizon, "target": goal.targets[horizon]}
    if goal.baseline is None:
        return {"story": "no-baseline", "horizon": next(iter(goal.targets)), "first": segments[0], "last": segments[-1]}
    first = segments[0]
    falling = first.cmgr < 0 if first.cmgr is not None else first.to_value < first.from_value
    return {
        "story": "compound" if first.cmgr is not None else "linear",
        "variant": index % (3 if first.cmgr is not None else 2),
        "falling": falling,
        "first": first,
        "rest": [{**own_fields(seg), "falling": seg.cmgr is not None and seg.cmgr < 0} for seg in segments[1:]],
    }


def goals_view(plan: Plan) -> dict[str, Any]:
    """Horizons, growth paths, the goal table, the trajectory table and the scenario bands."""
    goals = plan.goals
    cases = plan.funnel.horizons
    case = cases[0] if cases else None
    ordered = all(b.conservative <= b.base <= b.aggressive for b in plan.scenarios.targets)
    bands = [b for b in plan.scenarios.gmv if b.conservative <= b.base <= b.aggressive]
    return {
        "horizons": [
            {**own_fields(h), "position": i, "has_focus": bool(h.focus)} for i, h in enumerate(goals.horizons)
        ],
        "metrics": goals.metrics,
        "paths": [{"metric": g.metric, **_path(g, i)} for i, g in enumerate(goals.metrics)],
        "case": case,
        "entry": case.stages[0] if case and case.stages and case.stages[0].volume is not None else None,
        "table": goals.table,
        "trajectory_parts": trajectory_parts(goals.table.rows),
        "first_months": goals.horizons[0].months if goals.horizons else 0,
        "scenarios": plan.scenarios,
        "scenarios_ordered": ordered,
        "gmv_band": bands[-1] if bands else None,
        "sections": {
            "paths": bool(goals.metrics),
            "table": bool(goals.table.rows),
            "scenarios": bool(plan.scenarios.targets),
        },
    }


def _best(rows: list[OutcomeRow], directions: dict[str, str]) -> OutcomeRow | None:
    """Return the row that moves most in the direction its metric should move (relative change), if any."""
    moving = [r for r in rows if r.relative is not None and (r.relative < 0) == (directions.get(r.metric) == "down")]
    return max(moving, key=lambda r: abs(r.relative or 0.0), default=None)


def outcomes_view(plan: Plan) -> dict[str, Any]:
    """Each horizon's results against the baseline, the scenario range and the closing summary."""
    directions = {g.metric: g.direction.value for g in plan.goals.metrics}
    dates = {h.name: h.date for h in plan.goals.horizons}
    horizons = [
        {
            "horizon": ho.horizon,
            "months": ho.months,
            "date": dates.get(ho.horizon),
            "rows": ho.rows,
            "best": _best(ho.rows, directions),
            "variant": i % 2,
        }
        for i, ho in enumerate(plan.outcomes)
    ]
    gmv = next((g for g in plan.goals.metrics if g.metric == "monthly_gmv"), None)
    last = plan.goals.horizons[-1] if plan.goals.horizons else None
    return {
        "horizons": horizons,
        "funnel_gmv": plan.scenarios.funnel_gmv,
        "multipliers": plan.scenarios.multipliers,
        "first_months": plan.outcomes[0].months if plan.outcomes else None,
        "last_horizon": last,
        "gmv": {"baseline": gmv.baseline, "target": gmv.targets.get(last.name)}
        if gmv and last and last.name in gmv.targets
        else None,
        "budget_total": plan.budget.total,
        "budget_months": plan.budget.months,
        "headcount": plan.team.headcount,
        "milestones": len(plan.timeline.milestones),
        "end": plan.timeline.end_with_buffer,
        "sections": {"results": bool(horizons)},
    }
