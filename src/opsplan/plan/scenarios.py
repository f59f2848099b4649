"""The scenario band: conservative / base / aggressive (BRIEF §8 ``scenarios``).

A target moves from its baseline by a multiple of the planned change:
``target' = baseline + (target − baseline) × multiplier`` (a missing baseline counts as 0); rates stay
within 0–1 and no value goes below 0. Of the two scaled values, the conservative case is the less
favourable one for the metric's direction and the aggressive case the more favourable one, so the band
always reads conservative ≤ base ≤ aggressive for a metric that should rise (and the reverse for one that
should fall), even when a target moves the wrong way from its baseline. The forward funnel is rerun
with every rate × multiplier, capped at 1, for the GMV the planned traffic yields in each case.
"""

from __future__ import annotations

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.plan.funnel import forward_gmv
from opsplan.plan.model import FunnelScenario, Goals, ScenarioBand, Scenarios, horizon_name
from opsplan.profile import Profile

GMV_METRICS = ("monthly_gmv", "annual_gmv")


def scaled(baseline: float | None, target: float, multiplier: float, kind: MetricKind) -> float:
    """Return ``baseline + (target − baseline) × multiplier``, kept at 0 or above (and at most 1 for rates)."""
    base = baseline or 0.0
    value = max(0.0, base + (target - base) * multiplier)
    return min(1.0, value) if kind == MetricKind.RATE else value


def ordered(first: float, second: float, direction: Direction) -> tuple[float, float]:
    """Return ``(less favourable, more favourable)`` of two values for a metric moving in ``direction``."""
    low, high = min(first, second), max(first, second)
    return (low, high) if direction == Direction.UP else (high, low)


def build_scenarios(profile: Profile, goals: Goals) -> Scenarios:
    """Compute the band for every target at every horizon, and the forward funnel's GMV band."""
    low, high = profile.scenarios.conservative, profile.scenarios.aggressive
    bands: list[ScenarioBand] = []
    for name, horizon in profile.goals.horizons():
        hname = horizon_name(name)
        for key, target in horizon.targets.items():
            metric = CATALOGUE[key]
            baseline = profile.baseline.get(key)
            worse, better = ordered(
                scaled(baseline, target, low, metric.kind),
                scaled(baseline, target, high, metric.kind),
                metric.direction,
            )
            bands.append(
                ScenarioBand(
                    horizon=hname,
                    metric=key,
                    baseline=baseline,
                    conservative=worse,
                    base=float(target),
                    aggressive=better,
                )
            )
    funnel = None
    base_gmv = forward_gmv(profile, goals)
    if base_gmv is not None:
        funnel = FunnelScenario(
            conservative=forward_gmv(profile, goals, low) or 0.0,
            base=base_gmv,
            aggressive=forward_gmv(profile, goals, high) or 0.0,
        )
    return Scenarios(
        multipliers={"conservative": low, "base": 1.0, "aggressive": high},
        targets=bands,
        gmv=[b for b in bands if b.metric in GMV_METRICS],
        funnel_gmv=funnel,
    )
