"""The scenario band: conservative / base / aggressive (BRIEF §8 ``scenarios``).

A target moves from its baseline by a multiple of the planned change:
``target' = baseline + (target − baseline) × multiplier`` (a missing baseline counts as 0); rates stay
within 0–1 and no value goes below 0. Of the two scaled values, the conservative case is the less
favourable one for the metric's direction and the aggressive case the more favourable one, so the band
always reads conservative ≤ base ≤ aggressive for a metric that should rise (and the reverse for one that
should fall), even when a target moves the wrong way from its baseline.

This is the one definition of the scenarios: every chapter that names a conservative or an aggressive figure
takes it from here. The forward case (the GMV the planned traffic yields) is not scaled again (a multiplier on
each of four funnel rates would compound to 0.8⁴ ≈ 0.41 of the base, another scenario under the same name): it
is placed in its horizon's monthly GMV band (``FunnelScenario.position``), on the base case when within
``opsplan.plan.funnel.ON_TARGET`` of it (``Funnel.balance``).
"""

from __future__ import annotations

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.plan.model import (
    Funnel,
    FunnelScenario,
    ScenarioBand,
    Scenarios,
    horizon_name,
)
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


def build_scenarios(profile: Profile, funnel: Funnel) -> Scenarios:
    """Compute the band for every target at every horizon, and place the forward case in its GMV band."""
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
    return Scenarios(
        multipliers={"conservative": low, "base": 1.0, "aggressive": high},
        targets=bands,
        gmv=[b for b in bands if b.metric in GMV_METRICS],
        funnel_gmv=forward_scenario(bands, funnel),
    )


def forward_scenario(bands: list[ScenarioBand], funnel: Funnel) -> FunnelScenario | None:
    """Place the forward GMV in the monthly GMV band of the horizon it is set against (``Funnel.balance``)."""
    balance = funnel.balance
    case = next((c for c in funnel.horizons if balance is not None and c.horizon == balance.horizon), None)
    if balance is None or case is None:
        return None
    band = next((b for b in bands if b.horizon == case.horizon and b.metric == case.gmv_basis), None)
    if band is None:
        return None
    per_month = 12.0 if case.gmv_basis == "annual_gmv" else 1.0
    low, base, high = band.conservative / per_month, band.base / per_month, band.aggressive / per_month
    gmv = balance.gmv
    if balance.kind == "on_target":
        position = "on_base"
    elif gmv < low:
        position = "below"
    elif gmv > high:
        position = "above"
    else:
        position = "between_conservative_and_base" if gmv < base else "between_base_and_aggressive"
    return FunnelScenario(
        horizon=case.horizon, gmv=gmv, conservative=low, base=base, aggressive=high, position=position
    )
