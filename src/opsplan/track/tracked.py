"""What a review follows in a plan: the tracked metrics, their plan trajectories and the plan's months.

A goal metric's plan is its goal trajectory. A KPI without a goal is planned from its baseline (or its
target, when it has no baseline) to its target at the short horizon, by the goal trajectory's own rules.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from opsplan.metrics import CATALOGUE, Direction
from opsplan.plan.dates import add_months
from opsplan.plan.model import GrowthSegment
from opsplan.plan.targets import segment

if TYPE_CHECKING:
    from opsplan.plan.model import Plan


def kpi_rows(plan: Plan) -> list[tuple[str, float, str, str]]:
    """Return the KPI dashboard as (metric, target, cadence, owner) rows; a KPI with no target is left out.

    The plan's profile has the KPI targets filled in (a left-out target is the goal's), so this reads them there.
    """
    return [(k.metric, k.target, k.cadence.value, k.owner) for k in plan.profile.kpis if k.target is not None]


def tracked_metrics(plan: Plan) -> list[str]:
    """Return the metrics a review follows: every goal metric, then the KPIs' other metrics."""
    keys = [m.metric for m in plan.goals.metrics]
    keys += [k for k, *_ in kpi_rows(plan) if k not in keys]
    return keys


def plan_months(plan: Plan) -> int:
    """Return the number of months the plan's goals run (the last horizon)."""
    return max(h.months for h in plan.goals.horizons)


def period_label(plan: Plan, month: int) -> str:
    """Return the ``YYYY-MM`` label of plan month ``month`` (1 = the month the plan starts in)."""
    day = add_months(plan.profile.plan.start, month - 1)
    return f"{day.year:04d}-{day.month:02d}"


def anchors(plan: Plan, metric: str) -> list[tuple[int, float]]:
    """Return the (month, value) anchors of a tracked metric's plan."""
    goal = next((m for m in plan.goals.metrics if m.metric == metric), None)
    if goal is not None:
        return list(goal.anchors)
    target = next(t for k, t, *_ in kpi_rows(plan) if k == metric)
    short = plan.goals.horizons[0].months
    baseline = plan.profile.baseline.get(metric)
    return [(0, float(baseline)), (short, target)] if baseline is not None else [(short, target)]


def horizon_targets(plan: Plan, metric: str) -> list[tuple[str, int, float]]:
    """Return (horizon, month, target) for each horizon that sets a target for ``metric``."""
    goal = next((m for m in plan.goals.metrics if m.metric == metric), None)
    if goal is None:
        short = plan.goals.horizons[0]
        return [(short.name, short.months, anchors(plan, metric)[-1][1])]
    return [(h.name, h.months, goal.targets[h.name]) for h in plan.goals.horizons if h.name in goal.targets]


def segments(plan: Plan, metric: str) -> list[GrowthSegment]:
    """Return the growth segments of ``metric``'s plan."""
    return [segment(metric, a, b) for a, b in itertools.pairwise(anchors(plan, metric))]


def planned(plan: Plan, metric: str, month: float) -> float | None:
    """Return ``metric``'s planned value at ``month`` (fractions allowed); None before its first anchor."""
    points = anchors(plan, metric)
    for seg in segments(plan, metric):
        if seg.from_month <= month <= seg.to_month:
            step = (month - seg.from_month) / (seg.to_month - seg.from_month)
            if seg.method == "compound":
                return float(seg.from_value * (seg.to_value / seg.from_value) ** step)
            return seg.from_value + (seg.to_value - seg.from_value) * step
    if points and month >= points[-1][0]:
        return points[-1][1]
    return None


def direction_sign(metric: str) -> int:
    """Return 1 for a metric a good plan raises, -1 for one it lowers (CAC, churn, refund rate …)."""
    return -1 if CATALOGUE[metric].direction is Direction.DOWN else 1
