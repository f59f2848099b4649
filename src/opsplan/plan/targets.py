"""Goal trajectories: anchors at the baseline and each horizon, filled in month by month (BRIEF §5.1).

Between two anchors, ``count`` and ``money`` metrics grow at a constant monthly rate,
``value × (next / value) ** (1 / months)``; ``rate``, ``ratio`` and ``duration`` metrics move in equal
steps. A count or money segment that starts (or ends) at zero cannot compound, so it is linear: a
metric with a zero or missing baseline climbs in equal steps from 0 to its first target, then compounds.
A ``rate`` with no baseline also starts from 0; a ``ratio`` or ``duration`` with no baseline has no
month-0 value and its trajectory starts at its first target.
"""

from __future__ import annotations

import itertools
import math

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.plan.dates import add_months
from opsplan.plan.model import (
    GoalMetric,
    Goals,
    GoalTable,
    GoalTableRow,
    GrowthSegment,
    HorizonInfo,
    TrajectoryRow,
    horizon_name,
)
from opsplan.profile import Profile

_COMPOUNDING = (MetricKind.COUNT, MetricKind.MONEY)
_FROM_ZERO = (MetricKind.COUNT, MetricKind.MONEY, MetricKind.RATE)


def target_metrics(profile: Profile) -> list[str]:
    """Return every metric with a target, in order of first appearance (short, mid, long)."""
    seen: dict[str, None] = {}
    for _, horizon in profile.goals.horizons():
        for key in horizon.targets:
            seen.setdefault(key, None)
    return list(seen)


def anchors_for(profile: Profile, metric: str) -> list[tuple[int, float]]:
    """Return the (month, value) anchors of ``metric``: month 0 (see the module rules) and each horizon."""
    kind = CATALOGUE[metric].kind
    anchors: list[tuple[int, float]] = []
    baseline = profile.baseline.get(metric)
    if baseline is not None:
        anchors.append((0, float(baseline)))
    elif kind in _FROM_ZERO:
        anchors.append((0, 0.0))
    for _, horizon in profile.goals.horizons():
        if metric in horizon.targets:
            anchors.append((horizon.months, float(horizon.targets[metric])))
    return anchors


def segment(metric: str, a: tuple[int, float], b: tuple[int, float]) -> GrowthSegment:
    """Describe the stretch between anchors ``a`` and ``b``: compound when both ends are positive counts."""
    (m0, v0), (m1, v1) = a, b
    compound = CATALOGUE[metric].kind in _COMPOUNDING and v0 > 0 and v1 > 0
    cmgr = float((v1 / v0) ** (1 / (m1 - m0)) - 1) if compound else None
    return GrowthSegment(
        metric=metric,
        from_month=m0,
        to_month=m1,
        from_value=v0,
        to_value=v1,
        method="compound" if compound else "linear",
        cmgr=cmgr,
    )


def value_in(seg: GrowthSegment, month: float) -> float:
    """Return the planned value at ``month`` inside ``seg``."""
    if month == seg.from_month:
        return seg.from_value
    if month == seg.to_month:
        return seg.to_value
    step = (month - seg.from_month) / (seg.to_month - seg.from_month)
    if seg.method == "compound":
        return float(seg.from_value * (seg.to_value / seg.from_value) ** step)
    return seg.from_value + (seg.to_value - seg.from_value) * step


def overall_cmgr(metric: str, anchors: list[tuple[int, float]]) -> float | None:
    """Monthly compound growth from the first positive anchor to the last one (count/money only)."""
    if CATALOGUE[metric].kind not in _COMPOUNDING:
        return None
    positive = [(m, v) for m, v in anchors if v > 0]
    if len(positive) < 2 or positive[-1][0] == positive[0][0]:
        return None
    (m0, v0), (m1, v1) = positive[0], positive[-1]
    return float((v1 / v0) ** (1 / (m1 - m0)) - 1)


def value_at(metric: GoalMetric, month: float) -> float | None:
    """Return ``metric``'s planned value at ``month``, or None outside its anchors."""
    for seg in metric.segments:
        if seg.from_month <= month <= seg.to_month:
            return value_in(seg, month)
    for anchor_month, value in metric.anchors:
        if anchor_month == month:
            return value
    return None


def round_target(kind: MetricKind, value: float, direction: Direction = Direction.UP) -> float:
    """Round a derived target to the figure a planner would state (one rule for tables, prose and check).

    Counts and money keep two significant figures, three when the first digit is 1; rates go to 0.1
    percentage point, ratios, scores and durations to 0.1. A target is a floor for a metric that should
    rise and a ceiling for one that should fall, so it rounds toward the stricter side, never looser: up
    for a floor (86.21万 → 87万, 13.37万 → 13.4万, 0.2341 → 23.5%, 4.41 → 4.5), down for a ceiling (a cost
    of 35.69元 → 35元, a refund rate of 0.0388 → 3.8%). At most one step of the last figure kept: under
    5% off the trajectory for counts and money, 1% from a first digit of 1.
    """
    if value == 0 or not math.isfinite(value):
        return value
    if kind in _COMPOUNDING:
        exponent = math.floor(math.log10(abs(value)))
        digits = 3 if abs(value) / 10**exponent < 2 else 2
        places = digits - 1 - exponent
    else:
        places = 3 if kind is MetricKind.RATE else 1
    # 0.235 / 0.001 is 234.99999999999997 in binary: settle the representation error before choosing a side
    steps = round(value * 10**places, 6)
    whole = math.ceil(steps) if direction is Direction.UP else math.floor(steps)
    return float(round(whole / 10**places, max(places, 0)))


def table_months(profile: Profile) -> list[int]:
    """Months of the goal table: every month to the short horizon, then each quarter, plus every horizon."""
    horizons = [h.months for _, h in profile.goals.horizons()]
    short, last = horizons[0], horizons[-1]
    months = set(range(short + 1)) | set(horizons)
    months |= {m for m in range(short + 1, last + 1) if m % 3 == 0}
    return sorted(months)


def build_goals(profile: Profile) -> Goals:
    """Compute the goal horizons, trajectories, growth rates and the goal table."""
    horizons = [
        HorizonInfo(
            name=horizon_name(name), months=h.months, date=add_months(profile.plan.start, h.months), focus=h.focus
        )
        for name, h in profile.goals.horizons()
    ]
    metrics: list[GoalMetric] = []
    trajectory: list[TrajectoryRow] = []
    for key in target_metrics(profile):
        info = CATALOGUE[key]
        anchors = anchors_for(profile, key)
        segments = [segment(key, a, b) for a, b in itertools.pairwise(anchors)]
        baseline = profile.baseline.get(key)
        metrics.append(
            GoalMetric(
                metric=key,
                kind=info.kind,
                direction=info.direction,
                baseline=None if baseline is None else float(baseline),
                targets={name: float(h.targets[key]) for name, h in profile.goals.horizons() if key in h.targets},
                anchors=anchors,
                cmgr=overall_cmgr(key, anchors),
                segments=segments,
            )
        )
        if not segments:
            trajectory.append(TrajectoryRow(metric=key, month=anchors[0][0], value=anchors[0][1]))
            continue
        for seg in segments:
            first = seg.from_month if seg is segments[0] else seg.from_month + 1
            for month in range(first, seg.to_month + 1):
                trajectory.append(TrajectoryRow(metric=key, month=month, value=value_in(seg, month)))
    months = table_months(profile)
    rows = [GoalTableRow(metric=m.metric, values=[value_at(m, month) for month in months]) for m in metrics]
    return Goals(
        horizons=horizons,
        metrics=metrics,
        trajectory=trajectory,
        cmgr={m.metric: m.cmgr for m in metrics},
        table=GoalTable(months=months, rows=rows),
    )
