"""Funnel volumes backwards from GMV targets, the forward case, scenarios (BRIEF §5.2)."""

from __future__ import annotations

from typing import Any

import pytest

from tests._plan_helpers import approx_float, codes, goals, plan

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


def test_forward_case_is_placed_in_the_goals_band_not_scaled_again() -> None:
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
    # the band is the goals chapter's: 1000000 + 250000 × 0.8 = 1200000, × 1.2 = 1300000 (not each of the
    # three rates × 0.8, which would give 0.8³ × 1250000 = 640000 under the same name)
    (gmv_band,) = p.scenarios.gmv
    assert (band.conservative, band.base, band.aggressive) == pytest.approx((1_200_000, 1_250_000, 1_300_000))
    assert (band.conservative, band.base, band.aggressive) == (
        gmv_band.conservative,
        gmv_band.base,
        gmv_band.aggressive,
    )
    assert (band.horizon, band.gmv, band.position) == ("short", approx_float(1_250_000), "on_base")
    assert "funnel-gmv-gap" not in [c for c, _, _ in codes(p)]


@pytest.mark.parametrize(
    ("entry", "gmv", "kind", "difference", "position"),
    [
        # entry × 0.005 orders × 250 = entry × 1.25; the target is 1250000, the band 1200000–1300000
        (1_000_000, 1_250_000, "on_target", 0, "on_base"),
        (1_009_000, 1_261_250, "on_target", 11_250, "on_base"),  # +0.9%: within 1%
        (995_000, 1_243_750, "on_target", -6_250, "on_base"),  # −0.5%
        (1_020_000, 1_275_000, "surplus", 25_000, "between_base_and_aggressive"),  # +2%
        (980_000, 1_225_000, "gap", -25_000, "between_conservative_and_base"),  # −2%
        (1_100_000, 1_375_000, "surplus", 125_000, "above"),  # above 1300000
        (900_000, 1_125_000, "gap", -125_000, "below"),  # below 1200000
    ],
)
def test_forward_balance_and_its_place_in_the_band(
    entry: float, gmv: float, kind: str, difference: float, position: str
) -> None:
    p = plan(
        baseline={"aov": 250, "monthly_gmv": 1_000_000},
        goals=goals({"monthly_gmv": 1_250_000}),
        traffic=traffic(entry=entry),
    )
    balance, band = p.funnel.balance, p.scenarios.funnel_gmv
    assert balance is not None and band is not None
    assert (balance.horizon, balance.target, balance.gmv) == ("short", 1_250_000, approx_float(gmv))
    assert (balance.kind, balance.difference) == (kind, approx_float(difference))
    assert balance.relative == pytest.approx(difference / 1_250_000)
    assert band.position == position


def test_forward_band_of_an_annual_target_is_a_month_of_it() -> None:
    p = plan(
        baseline={"aov": 250, "annual_gmv": 12_000_000},
        goals=goals({"annual_gmv": 15_000_000}),
        traffic=traffic(entry=1_000_000),
    )
    band = p.scenarios.funnel_gmv
    assert band is not None
    # annual band 12000000 + 3000000 × 0.8 = 14400000 and × 1.2 = 15600000; a month of each: 1200000 and
    # 1300000; base 15000000 / 12 = 1250000, which the forward 1250000 meets
    assert (band.conservative, band.base, band.aggressive) == pytest.approx((1_200_000, 1_250_000, 1_300_000))
    assert band.position == "on_base"


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
