"""The executive summary's figures: headline targets, budget, team, critical milestones, top risks, asks.

``build_headline(plan)`` picks and derives them from the computed plan, so the deck's summary slide and
the document's executive-summary chapter show the same numbers. Selection rules:

* targets: the GMV metrics first (``monthly_gmv``, then ``annual_gmv``), then the other goal metrics in
  profile order, at most ``TARGET_LIMIT``; each with its baseline, its first and its last horizon target,
  and its target at the plan's first and last horizon (None where it has none: a table whose columns are
  the plan's horizons shows ``—`` there, never another horizon's target);
* critical milestones: those that close at least one task on the critical path, by date then id;
* top risks: the register's first ``RISK_LIMIT`` rows (it is sorted by score, highest first);
* asks: what the meeting must approve: the budget, the team, the schedule, and the owners of the high risks.
"""

import datetime as dt
from typing import Literal

from opsplan.modelkit import Field
from opsplan.plan.base import Frozen, HorizonName, RiskLevel, change, copied
from opsplan.plan.model import GoalMetric, Plan
from opsplan.prepared_models import install as install_prepared
from opsplan.profile import Profile

TARGET_LIMIT = 4
RISK_LIMIT = 3
_GMV_FIRST = ("monthly_gmv", "annual_gmv")


class HeadlineTarget(Frozen):
    """A headline metric: baseline, its first horizon's target and its last horizon's target."""

    metric: str
    baseline: float | None
    first_horizon: HorizonName
    first_months: int
    first_target: float
    last_horizon: HorizonName
    last_months: int
    last_target: float
    at_first: float | None = Field(description="Its target at the plan's first horizon; None if it has none there.")
    at_last: float | None = Field(description="Its target at the plan's last horizon; None if it has none there.")
    uplift: float | None = Field(description="last_target − baseline; None without a baseline.")
    relative: float | None = Field(description="uplift / baseline; None when the baseline is 0 or missing.")


class HeadlineMilestone(Frozen):
    """A milestone on the critical path."""

    id: str
    name: str
    date: dt.date
    criteria: str


class HeadlineRisk(Frozen):
    """One of the top risks."""

    id: str
    title: str
    score: int
    level: RiskLevel
    owner: str
    response: str
    response_hours: float | None


class Ask(Frozen):
    """A decision the meeting is asked to take; the renderer words it from these values."""

    kind: Literal["budget", "team", "schedule", "risks"]
    amount: float | None = Field(default=None, description="budget: the total; team: the period payroll.")
    count: int | None = Field(default=None, description="team: the headcount; risks: how many high risks.")
    months: int | None = Field(default=None, description="budget and team: the budget period.")
    start: dt.date | None = None
    end: dt.date | None = Field(default=None, description="schedule: the end with the project buffer.")
    ids: list[str] = Field(default_factory=list, description="risks: the ids of the high risks.")


class Headline(Frozen):
    """The executive summary's figures, all taken or derived from the plan."""

    targets: list[HeadlineTarget]
    first_horizon: HorizonName | None = Field(description="The plan's first horizon (None without goals).")
    first_months: int
    last_horizon: HorizonName | None = Field(description="The plan's last horizon (None without goals).")
    last_months: int
    budget_total: float
    budget_months: int
    budget_monthly: float
    largest_item: str | None = Field(description="The budget line with the largest share (first on a tie).")
    largest_share: float | None
    headcount: int
    monthly_payroll: float
    period_payroll: float
    payroll_share: float = Field(description="period payroll / budget total.")
    start: dt.date
    end: dt.date = Field(description="End of the schedule with the project buffer.")
    schedule_days: int = Field(description="Critical path length + project buffer, in days.")
    critical_tasks: int
    milestones: list[HeadlineMilestone]
    risks: list[HeadlineRisk]
    high_risks: int
    asks: list[Ask]


def headline_metrics(metrics: list[GoalMetric], limit: int = TARGET_LIMIT) -> list[GoalMetric]:
    """Return the metrics a summary leads with: GMV first, then the rest in profile order, at most ``limit``."""
    first = [m for key in _GMV_FIRST for m in metrics if m.metric == key]
    rest = [m for m in metrics if m.metric not in _GMV_FIRST]
    return (first + rest)[:limit]


def headline_keys(profile: Profile, limit: int = TARGET_LIMIT) -> list[str]:
    """Return the metric keys a summary of ``profile`` leads with, among those the first horizon targets.

    The same order as ``headline_metrics``: GMV first, then the rest in profile order, at most ``limit``.
    """
    keys = list(profile.goals.short.targets)
    first = [key for key in _GMV_FIRST if key in keys]
    return (first + [key for key in keys if key not in _GMV_FIRST])[:limit]


def _target(metric: GoalMetric, order: list[tuple[HorizonName, int]]) -> HeadlineTarget | None:
    horizons = [(name, months) for name, months in order if name in metric.targets]
    if not horizons:
        return None
    (first, first_months), (last, last_months) = horizons[0], horizons[-1]
    final = metric.targets[last]
    uplift, relative = change(final, metric.baseline)
    return HeadlineTarget(
        metric=metric.metric,
        baseline=metric.baseline,
        first_horizon=first,
        first_months=first_months,
        first_target=metric.targets[first],
        last_horizon=last,
        last_months=last_months,
        last_target=final,
        at_first=metric.targets.get(order[0][0]),
        at_last=metric.targets.get(order[-1][0]),
        uplift=uplift,
        relative=relative,
    )


def build_headline(plan: Plan) -> Headline:
    """Return the executive summary's figures for ``plan`` (see the module docstring for the rules)."""
    order = [(h.name, h.months) for h in plan.goals.horizons]
    targets = [t for m in headline_metrics(plan.goals.metrics) if (t := _target(m, order)) is not None]
    budget, team, timeline = plan.budget, plan.team, plan.timeline
    largest = max(budget.items, key=lambda item: item.share, default=None)
    critical = set(timeline.critical_path)
    milestones = sorted(
        (
            copied(HeadlineMilestone, m)
            for m in timeline.milestones
            if m.date is not None and critical.intersection(m.after)
        ),
        key=lambda m: (m.date, m.id),
    )
    risks = [copied(HeadlineRisk, r) for r in plan.risks.rows[:RISK_LIMIT]]
    high = [r.id for r in plan.risks.rows if r.level == "high"]
    asks = [
        Ask(kind="budget", amount=budget.total, months=budget.months),
        Ask(kind="team", amount=team.period_payroll, count=team.headcount, months=team.months),
    ]
    if timeline.tasks:
        asks.append(Ask(kind="schedule", start=timeline.start, end=timeline.end_with_buffer))
    if high:
        asks.append(Ask(kind="risks", count=len(high), ids=high))
    first, last = (order[0], order[-1]) if order else ((None, 0), (None, 0))
    return Headline(
        targets=targets,
        first_horizon=first[0],
        first_months=first[1],
        last_horizon=last[0],
        last_months=last[1],
        budget_total=budget.total,
        budget_months=budget.months,
        budget_monthly=budget.monthly_total,
        largest_item=largest.name if largest else None,
        largest_share=largest.share if largest else None,
        headcount=team.headcount,
        monthly_payroll=team.monthly_payroll,
        period_payroll=team.period_payroll,
        payroll_share=team.payroll_share_of_budget,
        start=timeline.start,
        end=timeline.end_with_buffer,
        schedule_days=timeline.length_days + timeline.buffer_days if timeline.tasks else 0,
        critical_tasks=len(timeline.critical_path),
        milestones=milestones,
        risks=risks,
        high_risks=len(high),
        asks=asks,
    )


install_prepared("headline")  # every class above exists: complete them (``opsplan.prepared_models``)
