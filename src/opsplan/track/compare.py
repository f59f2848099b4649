"""Plan against actual: variance, status and re-forecast per metric, the funnel gap, milestones, budget.

Status of a metric, at its latest actual (``a``) against the plan at that moment (``p``), with the
metric's direction (up or down):

* **on track**: ``a`` is at or better than ``p``, or within ``tolerance`` (5%) of it;
* **off track**: behind, and the horizon it is heading for has passed, or the growth still needed to
  reach that horizon's target is implausible: for counts and money that rise, a monthly growth above the
  ceiling (followers and other counts 30%, GMV 25%; BRIEF §9); for everything else (rates, ratios,
  durations, falling metrics), a monthly step more than twice the plan's own step;
* **at risk**: behind, but the growth still needed is within those limits.

Re-forecast: from the growth so far (baseline to latest actual, else first to latest actual), counts and
money at the same monthly rate, the rest in the same monthly step, to the next horizon; past it, each
later stretch of the plan grows as the plan grows it (its own monthly rate or step), so a launch's
burst is not compounded for years and a shortfall at the next horizon carries through (followers 17% a
month so far against a plan that slows to 9% a month after month 4 land at the plan's ×2 from month 4
to 12, not at 17% a month for nine months: ``tests/test_track_forecast.py``). The band multiplies the
growth so far by the profile's conservative and aggressive scenario multipliers. The ceilings are the
profile's ``plausibility`` (as ``opsplan check`` uses them): the growth carried forward, the band's top
and the plan's own later growth are at most ``count_growth`` (counts) or ``money_growth`` (money) a
month; a conversion rate lands at most at ``conversion_rate``, an ROI at most at ``roi``. A forecast held
down by a ceiling names it in ``capped``. Rates stay within 0–1 and nothing falls below 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.modelkit import Field
from opsplan.plan.base import Frozen, change
from opsplan.plan.model import Plan
from opsplan.prepared_models import install as install_prepared
from opsplan.profile_sections import Plausibility
from opsplan.track.actuals import Actuals, Observation
from opsplan.track.levers import BudgetReview, FunnelGap, MilestoneReview, budget_review, funnel_gap, milestone_reviews
from opsplan.track.periods import plan_month
from opsplan.track.tracked import anchors, direction_sign, horizon_targets, planned, segments, tracked_metrics

__all__ = ["Review", "build_review", "tracked_metrics"]

TOLERANCE = 0.05
CATCH_UP = 2.0
Status = Literal["on_track", "at_risk", "off_track", "no_data"]


class Point(Frozen):
    """One period of a metric: plan, actual and the gap."""

    period: str
    month: float = Field(description="Where the period's end falls on the plan's month axis.")
    plan: float | None
    actual: float
    variance: float | None = Field(description="actual − plan.")
    variance_pct: float | None = Field(description="variance / plan; None when the plan is 0.")


class Forecast(Frozen):
    """Where the metric lands at a horizon at the growth so far, with a band."""

    horizon: str
    month: int
    target: float
    forecast: float
    low: float
    high: float
    reaches: bool = Field(description="The forecast meets the target, in the metric's direction.")
    capped: str | None = Field(
        None,
        description="The plausibility field that held the forecast down (plausibility.money_growth …), if one did.",
    )


class MetricReview(Frozen):
    """A tracked metric's review."""

    metric: str
    label: str
    kind: MetricKind
    direction: Direction
    points: list[Point]
    status: Status
    reason: Literal[
        "ahead", "within_tolerance", "behind_plausible", "needs_implausible_growth", "horizon_passed", "no_data"
    ]
    horizon: str | None = Field(description="The horizon the status is judged against.")
    needed: float | None = Field(description="Monthly growth rate (counts, money) or step still needed.")
    limit: float | None = Field(description="The ceiling (rate) or the largest plausible step.")
    growth: float | None = Field(description="Actual monthly growth rate (counts, money) or step so far.")
    forecasts: list[Forecast]
    source: str = Field(description="file:row:column of the latest actual.")


class Review(Frozen):
    """The whole review (复盘) of a plan as of a date."""

    title: str
    shop: str
    locale: str
    currency: str
    as_of: dt.date
    actuals: str
    metrics: list[MetricReview]
    funnel: FunnelGap | None
    milestones: list[MilestoneReview]
    budget: BudgetReview | None
    counts: dict[str, int] = Field(description="Status → number of metrics.")
    plausibility: Plausibility = Field(description="The profile's ceilings the forecasts are held to.")


def _compounds(metric: str) -> bool:
    return CATALOGUE[metric].kind in (MetricKind.COUNT, MetricKind.MONEY)


def build_review(plan: Plan, actuals: Actuals, as_of: dt.date | None = None, tolerance: float = TOLERANCE) -> Review:
    """Compare ``actuals`` with ``plan`` as of ``as_of`` (default: the end of the latest period)."""
    if as_of is None:
        ends = [o.period.end - dt.timedelta(days=1) for o in actuals.observations]
        ends += [day for day, _ in actuals.done.values()]
        as_of = max(ends)
    seen = [o for o in actuals.observations if o.period.end - dt.timedelta(days=1) <= as_of]
    kept = Actuals(actuals.source, seen, {k: v for k, v in actuals.done.items() if v[0] <= as_of})
    start = plan.profile.plan.start
    reviews = [_metric(plan, key, kept.of(key), start, tolerance) for key in tracked_metrics(plan)]
    counts = {s: sum(1 for r in reviews if r.status == s) for s in ("on_track", "at_risk", "off_track", "no_data")}
    return Review(
        title=plan.profile.plan.title,
        shop=plan.profile.shop.name,
        locale=plan.locale,
        currency=plan.currency,
        as_of=as_of,
        actuals=actuals.source,
        metrics=reviews,
        funnel=funnel_gap(plan, kept, reviews),
        milestones=milestone_reviews(plan, kept, as_of),
        budget=budget_review(plan, kept),
        counts=counts,
        plausibility=plan.profile.plausibility,
    )


def _metric(plan: Plan, key: str, seen: list[Observation], start: dt.date, tolerance: float) -> MetricReview:
    points = []
    for o in seen:
        month = plan_month(start, o.period.end)
        p = planned(plan, key, month)
        variance, pct = change(o.value, p)
        points.append(
            Point(period=o.period.label, month=month, plan=p, actual=o.value, variance=variance, variance_pct=pct)
        )
    base = {
        "metric": key,
        "label": CATALOGUE[key].label(plan.locale),
        "kind": CATALOGUE[key].kind,
        "direction": CATALOGUE[key].direction,
        "points": points,
    }
    if not points:
        return MetricReview(
            **base,
            status="no_data",
            reason="no_data",
            horizon=None,
            needed=None,
            limit=None,
            growth=None,
            forecasts=[],
            source="",
        )
    last = points[-1]
    growth, forecasts = _forecasts(plan, key, points)
    targets = horizon_targets(plan, key)
    ahead = [t for t in targets if t[1] > last.month]
    horizon = ahead[0] if ahead else targets[-1]
    status: Status
    needed = limit = None
    sign = direction_sign(key)
    if last.plan is None or sign * (last.actual - last.plan) >= 0:
        status, reason = "on_track", "ahead"
    elif abs(last.actual - last.plan) <= tolerance * abs(last.plan):
        status, reason = "on_track", "within_tolerance"
    elif not ahead:
        status, reason = "off_track", "horizon_passed"
    else:
        needed, limit = _needed(plan, key, last, horizon)
        implausible = needed > limit
        status = "off_track" if implausible else "at_risk"
        reason = "needs_implausible_growth" if implausible else "behind_plausible"
    return MetricReview(
        **base,
        status=status,
        reason=reason,
        horizon=horizon[0],
        needed=needed,
        limit=limit,
        growth=growth,
        forecasts=forecasts,
        source=str(seen[-1].where),
    )


def _needed(plan: Plan, key: str, last: Point, horizon: tuple[str, int, float]) -> tuple[float, float]:
    """Return the growth still needed to reach ``horizon``'s target and the most that is plausible."""
    _, month, target = horizon
    left = month - last.month
    if _compounds(key) and direction_sign(key) > 0 and last.actual > 0 and target > 0:
        return (target / last.actual) ** (1 / left) - 1, growth_ceiling(plan, key)[0]
    step = abs(target - last.actual) / left
    seg = next((s for s in segments(plan, key) if s.from_month < month <= s.to_month), None)
    planned_step = abs(seg.to_value - seg.from_value) / (seg.to_month - seg.from_month) if seg else 0.0
    return step, CATCH_UP * planned_step


def growth_ceiling(plan: Plan, key: str) -> tuple[float, str]:
    """Return the highest plausible monthly growth of ``key`` and the profile field that sets it."""
    limits = plan.profile.plausibility
    if CATALOGUE[key].kind is MetricKind.COUNT:
        return limits.count_growth, "plausibility.count_growth"
    return limits.money_growth, "plausibility.money_growth"


def value_ceiling(plan: Plan, key: str) -> tuple[float | None, str]:
    """Return the highest plausible value of ``key`` (a conversion rate, an ROI) and its field; None if none."""
    limits = plan.profile.plausibility
    if "conversion" in key and CATALOGUE[key].kind is MetricKind.RATE:
        return limits.conversion_rate, "plausibility.conversion_rate"
    if key in ("roi", "roas"):
        return limits.roi, "plausibility.roi"
    return None, ""


def _forecasts(plan: Plan, key: str, points: list[Point]) -> tuple[float | None, list[Forecast]]:
    """Return the growth so far and the forecast at each horizon after the latest actual."""
    last = points[-1]
    start = anchors(plan, key)[0]
    origin = start if start[0] == 0 else (points[0].month, points[0].actual)
    if origin[0] >= last.month:
        origin = (points[0].month, points[0].actual)
    span = last.month - origin[0]
    if span <= 0:
        return None, []
    compound = _compounds(key) and origin[1] > 0 and last.actual > 0
    growth = (last.actual / origin[1]) ** (1 / span) - 1 if compound else (last.actual - origin[1]) / span
    ceiling, field = growth_ceiling(plan, key)
    # a burst of early growth is not projected past what is plausible for months on end
    capped = field if compound and growth > ceiling else None
    if compound:
        growth = min(growth, ceiling)
    multipliers = plan.scenarios.multipliers
    low_k, high_k = multipliers.get("conservative", 0.8), multipliers.get("aggressive", 1.2)
    course = _Course(plan, key, last, compound)

    out = []
    for name, month, target in horizon_targets(plan, key):
        if month <= last.month:
            continue
        value, held = course.land(growth, month)
        ends = sorted((course.land(growth * low_k, month)[0], course.land(growth * high_k, month)[0]))
        out.append(
            Forecast(
                horizon=name,
                month=month,
                target=target,
                forecast=value,
                low=ends[0],
                high=ends[1],
                reaches=direction_sign(key) * (value - target) >= 0,
                capped=capped or held,
            )
        )
    return growth, out


class _Course:
    """Where a metric goes from its latest actual: the growth so far to the next horizon, then the plan's own.

    The growth so far is carried to the end of the plan's stretch it is in (the next horizon); after that
    each later stretch grows as the plan grows it (its own monthly rate or step), as the plan's targets say
    how growth slows. A rate carried forward is at most the metric's ceiling; the value stays in its range.
    """

    def __init__(self, plan: Plan, key: str, last: Point, compound: bool) -> None:
        self.key, self.last, self.compound = key, last, compound
        self.ceiling, self.field = growth_ceiling(plan, key)
        self.top, self.top_field = value_ceiling(plan, key)
        self.rate = CATALOGUE[key].kind is MetricKind.RATE
        later = [m for m, _ in anchors(plan, key) if m > last.month]
        self.turn = later[0] if later else last.month
        self.later = [s for s in segments(plan, key) if s.from_month >= self.turn]

    def land(self, growth: float, month: float) -> tuple[float, str | None]:
        """Return the value at ``month`` at ``growth`` so far, and the ceiling field that held it, if one did."""
        last, held = self.last, None
        carried = min(month, self.turn) - last.month
        if self.compound:
            value = last.actual * (1 + min(growth, self.ceiling)) ** carried
        else:
            value = last.actual + growth * carried
        for seg in self.later:
            if seg.to_month > month:
                break
            if seg.method == "compound" and value > 0:
                planned_rate = (seg.to_value / seg.from_value) ** (1 / (seg.to_month - seg.from_month)) - 1
                if direction_sign(self.key) > 0 and planned_rate > self.ceiling:
                    planned_rate, held = self.ceiling, self.field
                value *= (1 + planned_rate) ** (seg.to_month - seg.from_month)
            else:
                value += seg.to_value - seg.from_value
        value = max(0.0, value)
        value = min(1.0, value) if self.rate else value
        if self.top is not None and value > self.top >= last.actual:
            return self.top, self.top_field
        return value, held


install_prepared("review")  # every class above exists: complete them (``opsplan.prepared_models``)
