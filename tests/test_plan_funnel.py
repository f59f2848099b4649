"""Funnel volumes backwards from GMV targets, the forward case, scenarios (BRIEF §5.2)."""

from __future__ import annotations

from typing import Any

import pytest

from _plan_helpers import codes, goals, plan

FUNNEL = [
    {"stage": "exposure"},
    {"stage": "click", "rate": 0.05},
    {"stage": "cart", "rate": 0.2},
    {"stage": "payment", "rate": 0.5},
]


def traffic(entry: float | None = None, funnel: list[Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"funnel": FUNNEL if funnel is None else funnel}
    if entry is not None:
        out["monthly_entry_volume"] = entry
    return out


def test_backwards_from_gmv_target() -> None:
    p = plan(baseline={"aov": 200, "monthly_gmv": 500_000}, goals=goals({"monthly_gmv": 1_000_000}), traffic=traffic())
    (case,) = p.funnel.horizons
    # orders = 1000000 / 200 = 5000; cart = 5000 / 0.5 = 10000; click = 10000 / 0.2 = 50000;
    # exposure = 50000 / 0.05 = 1000000
    assert case.orders == pytest.approx(5_000)
    assert [s.volume for s in case.stages] == pytest.approx([1_000_000, 50_000, 10_000, 5_000])
    assert [s.rate for s in case.stages] == [None, 0.05, 0.2, 0.5]
    assert case.gmv_basis == "monthly_gmv"


def test_aov_target_and_annual_gmv_with_aov_held_after_its_last_target() -> None:
    p = plan(
        baseline={"aov": 200, "monthly_gmv": 500_000},
        goals=goals({"monthly_gmv": 1_000_000, "aov": 250}, {"annual_gmv": 12_000_000}),
        traffic=traffic(),
    )
    short, mid = p.funnel.horizons
    # short: 1000000 / 250 = 4000 orders
    assert short.aov == 250 and short.orders == pytest.approx(4_000)
    # mid: 12000000 / 12 = 1000000 a month; AOV held at its last target 250 → 4000 orders
    assert mid.gmv == pytest.approx(1_000_000) and mid.gmv_basis == "annual_gmv"
    assert mid.aov == 250 and mid.orders == pytest.approx(4_000)
    # exposure = 4000 / (0.05 × 0.2 × 0.5) = 4000 / 0.005 = 800000
    assert mid.stages[0].volume == pytest.approx(800_000)


def test_aov_between_anchors_compounds() -> None:
    p = plan(
        baseline={"aov": 100, "monthly_gmv": 1},
        goals=goals({"aov": 100}, {"aov": 400, "monthly_gmv": 4_000}),
        traffic=traffic(),
    )
    mid = p.funnel.horizons[-1]
    assert mid.aov == 400 and mid.orders == pytest.approx(10)  # 4000 / 400


def test_zero_rate_leaves_upper_volumes_unknown() -> None:
    funnel = [{"stage": "exposure"}, {"stage": "click", "rate": 0.0}, {"stage": "payment", "rate": 0.5}]
    p = plan(baseline={"aov": 100}, goals=goals({"monthly_gmv": 10_000}), traffic=traffic(funnel=funnel))
    # orders 100; click = 100 / 0.5 = 200; exposure = 200 / 0 → unknown
    assert [s.volume for s in p.funnel.horizons[0].stages] == [None, 200, 100]


def test_no_funnel_without_aov() -> None:
    p = plan(goals=goals({"monthly_gmv": 10_000}), traffic=traffic(entry=1000))
    assert p.funnel.horizons == [] and p.funnel.forward is None


def test_forward_case_and_scenario_band() -> None:
    p = plan(
        baseline={"aov": 250, "monthly_gmv": 1_000_000},
        goals=goals({"monthly_gmv": 1_250_000}),
        traffic=traffic(entry=1_000_000),
    )
    fwd = p.funnel.forward
    assert fwd is not None
    # 1000000 × 0.05 × 0.2 × 0.5 = 5000 orders × 250 = 1250000
    assert [s.volume for s in fwd.stages] == pytest.approx([1_000_000, 50_000, 10_000, 5_000])
    assert fwd.gmv == pytest.approx(1_250_000)
    band = p.scenarios.funnel_gmv
    assert band is not None
    # × 0.8: 0.04 × 0.16 × 0.4 = 0.00256 → 2560 orders × 250 = 640000
    assert band.conservative == pytest.approx(640_000)
    # × 1.2: 0.06 × 0.24 × 0.6 = 0.00864 → 8640 × 250 = 2160000
    assert band.aggressive == pytest.approx(2_160_000)
    assert "funnel-gmv-gap" not in [c for c, _, _ in codes(p)]


def test_scenario_rates_capped_at_one() -> None:
    funnel = [{"stage": "visit"}, {"stage": "pay", "rate": 0.9}]
    p = plan(
        baseline={"aov": 10},
        goals=goals({"monthly_gmv": 900}),
        traffic=traffic(entry=100, funnel=funnel),
        scenarios={"conservative": 0.5, "aggressive": 1.5},
    )
    band = p.scenarios.funnel_gmv
    assert band is not None
    # 0.9 × 1.5 = 1.35 → capped at 1: 100 × 1 × 10 = 1000; 0.9 × 0.5 = 0.45: 45 × 10 = 450
    assert band.aggressive == pytest.approx(1_000)
    assert band.conservative == pytest.approx(450)


def test_funnel_gmv_gap_is_a_warning() -> None:
    p = plan(
        baseline={"aov": 100, "monthly_gmv": 100_000},
        goals=goals({"monthly_gmv": 300_000}),
        traffic=traffic(
            entry=1_000_000, funnel=[{"stage": "e"}, {"stage": "c", "rate": 0.1}, {"stage": "p", "rate": 0.02}]
        ),
    )
    # 1000000 × 0.1 × 0.02 = 2000 orders × 100 = 200000, 33% below 300000 (> 20%)
    assert ("funnel-gmv-gap", "warning", "traffic.monthly_entry_volume") in codes(p)
    message = next(f.message for f in p.findings if f.code == "funnel-gmv-gap")
    assert "200,000" in message and "33% below" in message


def test_funnel_gmv_within_twenty_percent_is_fine() -> None:
    p = plan(
        baseline={"aov": 100, "monthly_gmv": 100_000},
        goals=goals({"monthly_gmv": 240_000}),
        traffic=traffic(
            entry=1_000_000, funnel=[{"stage": "e"}, {"stage": "c", "rate": 0.1}, {"stage": "p", "rate": 0.02}]
        ),
    )
    # 200000 vs 240000: 16.7% below, within 20%
    assert "funnel-gmv-gap" not in [c for c, _, _ in codes(p)]


def test_target_scenario_band() -> None:
    p = plan(
        baseline={"followers": 10_000, "conversion_rate": 0.5},
        goals=goals({"followers": 50_000, "conversion_rate": 0.95}, {"monthly_gmv": 1_000}),
    )
    bands = {(b.horizon, b.metric): b for b in p.scenarios.targets}
    f = bands[("short", "followers")]
    # 10000 + 40000 × 0.8 = 42000; 10000 + 40000 × 1.2 = 58000
    assert (f.conservative, f.base, f.aggressive) == pytest.approx((42_000, 50_000, 58_000))
    c = bands[("short", "conversion_rate")]
    # 0.5 + 0.45 × 0.8 = 0.86; 0.5 + 0.45 × 1.2 = 1.04 → capped at 1
    assert (c.conservative, c.aggressive) == pytest.approx((0.86, 1.0))
    # no baseline counts as 0: 1000 × 0.8 = 800, × 1.2 = 1200; the GMV band lists it
    (g,) = p.scenarios.gmv
    assert g.horizon == "mid"
    assert (g.conservative, g.aggressive) == pytest.approx((800, 1_200))
