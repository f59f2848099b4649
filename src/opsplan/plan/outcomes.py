"""Outcomes: each horizon's targets against the baseline, absolute and relative uplift (BRIEF §5.8)."""

from __future__ import annotations

from opsplan.plan.base import change
from opsplan.plan.model import HorizonOutcome, OutcomeRow, horizon_name
from opsplan.profile import Profile


def build_outcomes(profile: Profile) -> list[HorizonOutcome]:
    """Return, per horizon, every target with its baseline, uplift and relative uplift.

    The uplift is None when the profile has no baseline for the metric; the relative uplift is None
    when the baseline is missing or 0.
    """
    out: list[HorizonOutcome] = []
    for name, horizon in profile.goals.horizons():
        hname = horizon_name(name)
        rows = []
        for key, target in horizon.targets.items():
            baseline = profile.baseline.get(key)
            uplift, relative = change(target, baseline)
            rows.append(OutcomeRow(metric=key, baseline=baseline, target=target, uplift=uplift, relative=relative))
        out.append(HorizonOutcome(horizon=hname, months=horizon.months, rows=rows))
    return out
