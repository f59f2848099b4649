"""Problems the engine sees in the numbers, as ``EngineFinding`` objects for ``opsplan check``.

Codes (severity): ``goal-direction`` (error), ``goal-regression`` (error), ``goal-unchanged`` (warning),
``goal-no-baseline`` (warning), ``rate-range`` (error), ``funnel-gmv-gap`` (warning),
``payroll-over-budget`` (error), ``timeline-over-horizon`` (warning). Anchored work is reported by
``opsplan.plan.anchors``: ``anchor-missed``, ``anchor-outside-window``, ``milestone-after-campaign`` (errors).
"""

from __future__ import annotations

import math

from opsplan.formatting import said_number
from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.plan.dates import add_months
from opsplan.plan.messages import emsg, horizon_term, metric_label
from opsplan.plan.model import Budget, EngineFinding, Funnel, Severity, Team, Timeline
from opsplan.profile import Profile

FUNNEL_GMV_TOLERANCE = 0.20


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
                emsg("rate-range.baseline", label=metric_label(key), value=said_number(value)),
            )
    no_baseline_reported: set[str] = set()
    previous: dict[str, tuple[str, float]] = {}
    for name, horizon in profile.goals.horizons():
        for key, target in horizon.targets.items():
            metric = CATALOGUE[key]
            path = f"goals.{name}.targets.{key}"
            said = {"term": horizon_term(name), "label": metric_label(key)}
            if metric.kind == MetricKind.RATE and not 0 <= target <= 1:
                add(
                    "rate-range",
                    "error",
                    path,
                    emsg("rate-range.target", **said, value=said_number(target)),
                )
                continue  # refused as it is (35 meant as 35%): nothing is compared with it
            up = metric.direction == Direction.UP
            baseline = profile.baseline.get(key)
            if baseline is not None and metric.kind == MetricKind.RATE and not 0 <= baseline <= 1:
                pass  # the baseline is refused above: no direction is judged from it
            elif baseline is None:
                if key not in no_baseline_reported:
                    no_baseline_reported.add(key)
                    add(
                        "goal-no-baseline",
                        "warning",
                        path,
                        emsg("goal-no-baseline", label=_upper_first(metric_label(key)), key=key),
                    )
            elif math.isclose(target, baseline, rel_tol=1e-9, abs_tol=1e-12):
                add(
                    "goal-unchanged",
                    "warning",
                    path,
                    emsg("goal-unchanged", **said, baseline=said_number(baseline), name=name),
                )
            elif (target < baseline) == up:
                add(
                    "goal-direction",
                    "error",
                    path,
                    emsg(
                        "goal-direction.up" if up else "goal-direction.down",
                        **said,
                        target=said_number(target),
                        baseline=said_number(baseline),
                    ),
                )
            if key in previous:
                before_name, before = previous[key]
                if (target < before if up else target > before) and not math.isclose(target, before):
                    add(
                        "goal-regression",
                        "error",
                        path,
                        emsg(
                            "goal-regression.up" if up else "goal-regression.down",
                            **said,
                            target=said_number(target),
                            before_term=horizon_term(before_name),
                            before=said_number(before),
                        ),
                    )
            previous[key] = (name, target)
    for i, kpi in enumerate(profile.kpis):
        if kpi.target is not None and CATALOGUE[kpi.metric].kind == MetricKind.RATE and not 0 <= kpi.target <= 1:
            add(
                "rate-range",
                "error",
                f"kpis[{i}].target",
                emsg("rate-range.kpi", label=metric_label(kpi.metric), value=said_number(kpi.target)),
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
    return [
        EngineFinding(
            code="funnel-gmv-gap",
            severity="warning",
            path="traffic.monthly_entry_volume",
            message=emsg(
                "funnel-gmv-gap.below" if gap < 0 else "funnel-gmv-gap.above",
                entries=said_number(round(funnel.forward.entry_volume)),
                gmv=said_number(round(implied)),
                gap=f"{abs(gap):.0%}",
                goal=said_number(goal),
                tolerance=f"{FUNNEL_GMV_TOLERANCE:.0%}",
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
            message=emsg(
                "payroll-over-budget",
                monthly=said_number(team.monthly_payroll),
                period=said_number(team.period_payroll),
                months=budget.months,
                total=said_number(budget.total),
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
            message=emsg(
                "timeline-over-horizon",
                days=said_number(timeline.length_days),
                buffer=said_number(timeline.buffer_days),
                end=timeline.end_with_buffer.isoformat(),
                months=said_number(months),
                horizon=said_number(horizon_days),
            ),
        )
    ]


def _upper_first(text: str) -> str:
    """Upper-case the first letter only, so "KOC count" stays "KOC count"."""
    return text[:1].upper() + text[1:]
