"""Problems the engine sees in the numbers, as ``EngineFinding`` objects for ``opsplan check``.

Codes (severity): ``goal-direction`` (error), ``goal-regression`` (error), ``goal-unchanged`` (warning),
``goal-no-baseline`` (warning), ``rate-range`` (error), ``funnel-gmv-gap`` (warning),
``payroll-over-budget`` (error), ``timeline-over-horizon`` (warning). Anchored work is reported by
``opsplan.plan.anchors``: ``anchor-missed``, ``anchor-outside-window``, ``milestone-after-campaign`` (errors).
"""

from __future__ import annotations

import math

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.plan.dates import add_months
from opsplan.plan.model import Budget, EngineFinding, Funnel, Severity, Team, Timeline
from opsplan.profile import Profile

FUNNEL_GMV_TOLERANCE = 0.20


def _num(value: float) -> str:
    """Write a number for a message: thousands separated, at most two decimals."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _label(key: str) -> str:
    return f"{CATALOGUE[key].en.lower()} ({key})"


def goal_findings(profile: Profile) -> list[EngineFinding]:
    """Report goals that move the wrong way, fall back, stand still, lack a baseline, or leave 0–1."""
    out: list[EngineFinding] = []

    def add(code: str, severity: Severity, path: str, message: str) -> None:
        out.append(EngineFinding(code=code, severity=severity, path=path, message=message))

    for key, value in profile.baseline.items():
        if CATALOGUE[key].kind == MetricKind.RATE and not 0 <= value <= 1:
            add(
                "rate-range",
                "error",
                f"baseline.{key}",
                f"The baseline {_label(key)} is {_num(value)}, but a rate is a fraction between 0 and 1; "
                f"write 35% as 0.35.",
            )
    no_baseline_reported: set[str] = set()
    previous: dict[str, tuple[str, float]] = {}
    for name, horizon in profile.goals.horizons():
        for key, target in horizon.targets.items():
            metric = CATALOGUE[key]
            path = f"goals.{name}.targets.{key}"
            if metric.kind == MetricKind.RATE and not 0 <= target <= 1:
                add(
                    "rate-range",
                    "error",
                    path,
                    f"The {name}-term target for {_label(key)} is {_num(target)}, but a rate is a fraction "
                    f"between 0 and 1; write 35% as 0.35.",
                )
            up = metric.direction == Direction.UP
            baseline = profile.baseline.get(key)
            if baseline is None:
                if key not in no_baseline_reported:
                    no_baseline_reported.add(key)
                    add(
                        "goal-no-baseline",
                        "warning",
                        path,
                        f"{_upper_first(_label(key))} has a target but no baseline; add baseline.{key} with "
                        f"today's value so the plan can show the change and the monthly path to it.",
                    )
            elif math.isclose(target, baseline, rel_tol=1e-9, abs_tol=1e-12):
                add(
                    "goal-unchanged",
                    "warning",
                    path,
                    f"The {name}-term target for {_label(key)} equals the baseline ({_num(baseline)}); set a "
                    f"target that moves it, or drop it from goals.{name}.targets.",
                )
            elif (target < baseline) == up:
                way = "falls below" if up else "rises above"
                should = "rise" if up else "fall"
                add(
                    "goal-direction",
                    "error",
                    path,
                    f"The {name}-term target for {_label(key)} ({_num(target)}) {way} the baseline "
                    f"({_num(baseline)}); this metric should {should}, so check the target or the baseline.",
                )
            if key in previous:
                before_name, before = previous[key]
                if (target < before if up else target > before) and not math.isclose(target, before):
                    should = "at least" if up else "at most"
                    add(
                        "goal-regression",
                        "error",
                        path,
                        f"The {name}-term target for {_label(key)} ({_num(target)}) falls back from the "
                        f"{before_name}-term target ({_num(before)}); a later horizon should reach {should} "
                        f"the earlier one.",
                    )
            previous[key] = (name, target)
    for i, kpi in enumerate(profile.kpis):
        if kpi.target is not None and CATALOGUE[kpi.metric].kind == MetricKind.RATE and not 0 <= kpi.target <= 1:
            add(
                "rate-range",
                "error",
                f"kpis[{i}].target",
                f"The KPI target for {_label(kpi.metric)} is {_num(kpi.target)}, but a rate is a fraction "
                f"between 0 and 1; write 35% as 0.35.",
            )
    return out


def funnel_findings(profile: Profile, funnel: Funnel) -> list[EngineFinding]:
    """Report the forward funnel's GMV when it is more than 20% away from the short-term GMV goal."""
    goal = profile.goals.short.targets.get("monthly_gmv")
    if funnel.forward is None or goal is None or goal <= 0:
        return []
    implied = funnel.forward.gmv
    gap = (implied - goal) / goal
    if abs(gap) <= FUNNEL_GMV_TOLERANCE:
        return []
    side = "below" if gap < 0 else "above"
    return [
        EngineFinding(
            code="funnel-gmv-gap",
            severity="warning",
            path="traffic.monthly_entry_volume",
            message=(
                f"The funnel turns {_num(round(funnel.forward.entry_volume))} entries a month into about "
                f"{_num(round(implied))} of monthly GMV, {abs(gap):.0%} {side} the short-term goal of "
                f"{_num(goal)}; adjust traffic.monthly_entry_volume, the funnel rates or the goal so they agree "
                f"within {FUNNEL_GMV_TOLERANCE:.0%}."
            ),
        )
    ]


def money_findings(budget: Budget, team: Team) -> list[EngineFinding]:
    """Report payroll for the budget period above the whole budget."""
    if team.period_payroll <= budget.total:
        return []
    return [
        EngineFinding(
            code="payroll-over-budget",
            severity="error",
            path="team",
            message=(
                f"The team costs {_num(team.monthly_payroll)} a month, {_num(team.period_payroll)} over the "
                f"{budget.months}-month budget period, more than the whole budget of {_num(budget.total)}; "
                f"raise budget.total or trim the team."
            ),
        )
    ]


def timeline_findings(profile: Profile, timeline: Timeline) -> list[EngineFinding]:
    """Report a schedule that, with its project buffer, runs past the short horizon."""
    if not timeline.tasks:
        return []
    months = profile.goals.short.months
    horizon_days = (add_months(profile.plan.start, months) - profile.plan.start).days
    total = timeline.length_days + timeline.buffer_days
    if total <= horizon_days:
        return []
    return [
        EngineFinding(
            code="timeline-over-horizon",
            severity="warning",
            path="timeline",
            message=(
                f"The critical path takes {timeline.length_days} days and the project buffer "
                f"{timeline.buffer_days} more, ending on {timeline.end_with_buffer.isoformat()}, after the "
                f"{months}-month short horizon ({horizon_days} days); shorten or overlap tasks, or move the "
                f"short horizon."
            ),
        )
    ]


def _upper_first(text: str) -> str:
    """Upper-case the first letter only, so "KOC count" stays "KOC count"."""
    return text[:1].upper() + text[1:]
