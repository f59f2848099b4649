"""The levers behind a review: the funnel stage that explains a GMV gap, milestones, and spend.

* funnel: when monthly GMV is behind, each funnel stage reported for that period against its planned rate
  (the entry stage against the volume the plan needs that month), and AOV against its plan; the largest
  shortfall is named;
* milestones: done, done late, late (due before the review date, no done date) or upcoming; a late one
  lists the critical tasks that wait for it, directly or through other tasks;
* spend: the total against the monthly budget over the periods that report it (weeks and days pro rata),
  and each channel's spend against its planned monthly spend.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from opsplan.modelkit import Field
from opsplan.plan.base import Frozen, relative
from opsplan.plan.model import Plan
from opsplan.prepared_models import install as install_prepared
from opsplan.track.actuals import SPEND, Actuals, Observation
from opsplan.track.tracked import direction_sign, planned, tracked_metrics

if TYPE_CHECKING:
    from opsplan.plan.schedule_model import TaskRow
    from opsplan.track.compare import MetricReview


class StageGap(Frozen):
    """A funnel stage's actual against the plan at the same period."""

    stage: str
    planned: float | None = Field(description="Planned rate (the entry stage: the volume needed).")
    actual: float
    shortfall: float | None = Field(description="actual / planned − 1.")


class FunnelGap(Frozen):
    """Which funnel lever explains a GMV gap."""

    period: str
    gmv_variance_pct: float
    stages: list[StageGap]
    culprit: str | None = Field(description="The stage (or 'aov') with the largest shortfall.")


class MilestoneReview(Frozen):
    """A milestone: due, done or late, and the critical tasks a late one holds up."""

    id: str
    name: str
    due: dt.date | None
    done: dt.date | None
    status: Literal["done", "done_late", "late", "upcoming"]
    days_late: int
    holds_up: list[str] = Field(description="Names of the critical tasks that wait for it.")


class SpendReview(Frozen):
    """Spend against plan over the periods that report it."""

    name: str = Field(description="The channel; empty for the whole budget.")
    periods: list[str]
    planned: float
    spent: float
    variance: float
    variance_pct: float | None


class BudgetReview(Frozen):
    """The whole budget's spend and each reported channel's."""

    total: SpendReview | None
    channels: list[SpendReview]


def funnel_gap(plan: Plan, actuals: Actuals, reviews: list[MetricReview]) -> FunnelGap | None:
    """Explain a GMV shortfall by the funnel stage (or AOV) that fell furthest below its plan."""
    from opsplan.plan.funnel import backward

    gmv = next((r for r in reviews if r.metric in ("monthly_gmv", "annual_gmv") and r.points), None)
    stages = plan.profile.traffic.funnel
    if gmv is None or not stages:
        return None
    last = gmv.points[-1]
    if last.variance_pct is None or direction_sign(gmv.metric) * last.variance_pct >= 0:
        return None
    by_stage = {o.name: o for o in actuals.observations if o.period.label == last.period}
    gaps: list[StageGap] = []
    planned_gmv = last.plan if gmv.metric == "monthly_gmv" else (last.plan or 0) / 12
    aov = planned(plan, "aov", last.month) if "aov" in tracked_metrics(plan) else plan.profile.baseline.get("aov")
    needed = backward(stages, planned_gmv / aov) if planned_gmv and aov else None
    for i, stage in enumerate(stages):
        seen = by_stage.get(f"stage:{i}")
        if seen is None:
            continue
        plan_value = (needed[0].volume if needed else None) if i == 0 else stage.rate
        short = None if not plan_value else seen.value / plan_value - 1
        gaps.append(StageGap(stage=stage.stage, planned=plan_value, actual=seen.value, shortfall=short))
    aov_seen = by_stage.get("aov")
    if aov_seen is not None and aov:
        gaps.append(StageGap(stage="aov", planned=aov, actual=aov_seen.value, shortfall=aov_seen.value / aov - 1))
    worst = min(
        (g for g in gaps if g.shortfall is not None and g.shortfall < 0), key=lambda g: g.shortfall or 0.0, default=None
    )
    return FunnelGap(
        period=last.period,
        gmv_variance_pct=last.variance_pct,
        stages=gaps,
        culprit=None if worst is None else worst.stage,
    )


def milestone_reviews(plan: Plan, actuals: Actuals, as_of: dt.date) -> list[MilestoneReview]:
    """Return each milestone's state as of ``as_of`` and, for a late one, the critical tasks it holds up."""
    tasks = plan.timeline.tasks
    followers = _followers(tasks)
    out = []
    for m in plan.timeline.milestones:
        done = actuals.done.get(m.id, (None, None))[0]
        due = m.date
        if done is not None:
            late = max(0, (done - due).days) if due else 0
            status: Literal["done", "done_late", "late", "upcoming"] = "done_late" if late else "done"
        elif due is not None and due < as_of:
            late, status = (as_of - due).days, "late"
        else:
            late, status = 0, "upcoming"
        held: list[str] = []
        if status in ("late", "done_late"):
            waiting = _downstream(set(m.after), followers)
            held = [t.name for t in tasks if t.critical and t.id in waiting - set(m.after)]
        out.append(
            MilestoneReview(id=m.id, name=m.name, due=due, done=done, status=status, days_late=late, holds_up=held)
        )
    return out


def _followers(tasks: list[TaskRow]) -> dict[str, list[str]]:
    """Return, by task id, the tasks that wait for it: by ``after``, or as the first of the phase after its own."""
    in_phase: dict[str, list[str]] = {}
    for t in tasks:
        in_phase.setdefault(t.phase, []).append(t.id)
    followers: dict[str, list[str]] = {}
    for t in tasks:
        waits_for = set(t.after)
        if t.follows_phase is not None:
            waits_for.update(in_phase.get(t.follows_phase, ()))
        for before in waits_for:
            followers.setdefault(before, []).append(t.id)
    return followers


def _downstream(start: set[str], followers: dict[str, list[str]]) -> set[str]:
    """Return ``start`` and every task that waits for one of them, directly or through others."""
    seen = set(start)
    stack = list(start)
    while stack:
        for t in followers.get(stack.pop(), ()):
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return seen


def _planned_spend(monthly: float, periods: list[Observation]) -> float:
    """Return the spend the plan allows over ``periods``: a month's budget a month, weeks and days pro rata."""
    total = 0.0
    for o in periods:
        days = (o.period.end - o.period.start).days
        total += monthly if o.period.kind == "month" else monthly * days * 12 / 365
    return total


def _spend_line(name: str, monthly: float, seen: list[Observation]) -> SpendReview:
    plan_total = _planned_spend(monthly, seen)
    spent = sum(o.value for o in seen)
    return SpendReview(
        name=name,
        periods=[o.period.label for o in seen],
        planned=plan_total,
        spent=spent,
        variance=spent - plan_total,
        variance_pct=relative(spent - plan_total, plan_total),
    )


def budget_review(plan: Plan, actuals: Actuals) -> BudgetReview | None:
    """Total spend against the monthly budget, and each channel's spend against its planned monthly spend."""
    total = actuals.of(SPEND)
    channels = [
        _spend_line(c.name, c.monthly_spend or 0.0, actuals.of(f"channel:{i}"))
        for i, c in enumerate(plan.budget.channels)
        if actuals.of(f"channel:{i}")
    ]
    if not total and not channels:
        return None
    return BudgetReview(total=_spend_line("", plan.budget.monthly_total, total) if total else None, channels=channels)


install_prepared("levers")  # every class above exists: complete them (``opsplan.prepared_models``)
