"""The conversion funnel, backwards from each GMV target and forwards from the planned entry volume (§5.2).

Each stage's ``rate`` is the conversion from the stage before it; the first stage is the entry and its
rate is ignored. Backwards: orders = GMV / AOV, and the volume needed at a stage is the orders divided by
the product of the rates of the stages below it. Forwards: the entry volume times the rates gives the
orders, and orders × AOV the GMV. The balance sets the forward GMV against the first horizon's GMV target:
within ``ON_TARGET`` of it (1%) it is on target, neither a margin to count on nor a gap to close.
"""

from __future__ import annotations

from opsplan.plan.model import FunnelBalance, FunnelCase, FunnelForward, FunnelStageRow, Goals, horizon_name
from opsplan.plan.targets import value_at
from opsplan.profile import FunnelStage, Profile

ON_TARGET = 0.01
"""A forward GMV within this fraction of the target is on target (the plan states no margin or gap)."""


def aov_at(profile: Profile, goals: Goals, month: int) -> float | None:
    """Return the average order value planned for ``month``.

    That is its trajectory value; after its last target, that target; with no target, the baseline.
    """
    for metric in goals.metrics:
        if metric.metric == "aov":
            value = value_at(metric, month)
            if value is not None:
                return value
            earlier = [v for m, v in metric.anchors if m <= month]
            if earlier:
                return earlier[-1]
    baseline = profile.baseline.get("aov")
    return None if baseline is None else float(baseline)


def gmv_target(targets: dict[str, float]) -> tuple[float, str] | None:
    """Return a horizon's monthly GMV target and its basis (monthly_gmv, else annual_gmv / 12)."""
    if "monthly_gmv" in targets:
        return float(targets["monthly_gmv"]), "monthly_gmv"
    if "annual_gmv" in targets:
        return float(targets["annual_gmv"]) / 12, "annual_gmv"
    return None


def backward(stages: list[FunnelStage], orders: float) -> list[FunnelStageRow]:
    """Return the volume each stage needs for ``orders`` at the last stage (None above a zero rate)."""
    volumes: list[float | None] = [None] * len(stages)
    volume: float | None = orders
    for i in range(len(stages) - 1, -1, -1):
        volumes[i] = volume
        if i > 0 and volume is not None:
            rate = stages[i].rate
            volume = volume / rate if rate > 0 else None
    return [
        FunnelStageRow(stage=s.stage, rate=None if i == 0 else s.rate, volume=volumes[i]) for i, s in enumerate(stages)
    ]


def forward_rows(stages: list[FunnelStage], entry: float) -> list[FunnelStageRow]:
    """Return the volumes the funnel yields from ``entry`` at the stated rates."""
    rows: list[FunnelStageRow] = []
    volume = entry
    for i, s in enumerate(stages):
        rate = None if i == 0 else s.rate
        if rate is not None:
            volume *= rate
        rows.append(FunnelStageRow(stage=s.stage, rate=rate, volume=volume))
    return rows


def build_forward(profile: Profile, goals: Goals) -> FunnelForward | None:
    """Work the funnel forwards from ``traffic.monthly_entry_volume`` at the short horizon's AOV."""
    stages = profile.traffic.funnel
    entry = profile.traffic.monthly_entry_volume
    aov = aov_at(profile, goals, profile.goals.short.months)
    if not stages or entry is None or aov is None:
        return None
    rows = forward_rows(stages, float(entry))
    orders = rows[-1].volume or 0.0
    return FunnelForward(entry_volume=float(entry), aov=aov, orders=orders, gmv=orders * aov, stages=rows)


def build_balance(cases: list[FunnelCase], forward: FunnelForward | None) -> FunnelBalance | None:
    """Set the forward GMV against the first horizon's GMV target (``None`` without either)."""
    target = next((c for c in cases if c.stages), None)
    if forward is None or target is None:
        return None
    difference = forward.gmv - target.gmv
    relative = difference / target.gmv if target.gmv else 0.0
    kind = "on_target" if abs(relative) < ON_TARGET else "surplus" if difference > 0 else "gap"
    return FunnelBalance(
        horizon=target.horizon,
        target=target.gmv,
        gmv=forward.gmv,
        difference=difference,
        relative=relative,
        kind=kind,
    )


def build_cases(profile: Profile, goals: Goals) -> list[FunnelCase]:
    """Work the funnel backwards from the GMV target of every horizon that has one and an AOV."""
    stages = profile.traffic.funnel
    cases: list[FunnelCase] = []
    if not stages:
        return cases
    for name, horizon in profile.goals.horizons():
        gmv = gmv_target(horizon.targets)
        aov = aov_at(profile, goals, horizon.months)
        if gmv is None or aov is None or aov <= 0:
            continue
        orders = gmv[0] / aov
        hname = horizon_name(name)
        cases.append(
            FunnelCase(
                horizon=hname,
                months=horizon.months,
                gmv=gmv[0],
                gmv_basis="monthly_gmv" if gmv[1] == "monthly_gmv" else "annual_gmv",
                aov=aov,
                orders=orders,
                stages=backward(stages, orders),
            )
        )
    return cases
