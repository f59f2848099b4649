"""Outcomes against the baseline, and the goal findings (BRIEF §5.8, §6)."""

from __future__ import annotations

import pytest

from tests._plan_helpers import codes, goals, plan


def test_uplift_absolute_and_relative() -> None:
    p = plan(
        baseline={"followers": 20_000, "new_customers": 0},
        goals=goals({"followers": 500_000, "new_customers": 300, "koc_count": 5}, {"followers": 600_000}),
    )
    short, mid = p.outcomes
    rows = {r.metric: r for r in short.rows}
    # 500000 − 20000 = 480000; 480000 / 20000 = 24.0 (+2400%)
    assert rows["followers"].uplift == 480_000
    assert rows["followers"].relative == pytest.approx(24.0)
    # baseline 0: uplift 300, relative undefined
    assert (rows["new_customers"].uplift, rows["new_customers"].relative) == (300, None)
    # no baseline: neither
    assert (rows["koc_count"].baseline, rows["koc_count"].uplift, rows["koc_count"].relative) == (None, None, None)
    # mid: 600000 − 20000 = 580000, / 20000 = 29
    assert (mid.horizon, mid.months) == ("mid", 12)
    assert mid.rows[0].relative == pytest.approx(29.0)


def test_wrong_direction_is_an_error() -> None:
    p = plan(baseline={"followers": 1_000, "churn_rate": 0.08}, goals=goals({"followers": 500, "churn_rate": 0.10}))
    assert codes(p) == [
        ("goal-direction", "error", "goals.short.targets.followers"),
        ("goal-direction", "error", "goals.short.targets.churn_rate"),
    ]
    assert "should rise" in p.findings[0].message and "should fall" in p.findings[1].message


def test_falling_back_between_horizons_is_an_error() -> None:
    p = plan(
        baseline={"followers": 1_000, "cac": 50},
        goals=goals({"followers": 5_000, "cac": 30}, {"followers": 4_000, "cac": 40}),
    )
    # followers 5000 → 4000 falls back; CAC (should fall) 30 → 40 climbs back
    assert codes(p) == [
        ("goal-regression", "error", "goals.mid.targets.followers"),
        ("goal-regression", "error", "goals.mid.targets.cac"),
    ]


def test_target_equal_to_baseline_and_missing_baseline_are_warnings() -> None:
    p = plan(baseline={"followers": 1_000}, goals=goals({"followers": 1_000, "koc_count": 5}, {"koc_count": 50}))
    assert codes(p) == [
        ("goal-unchanged", "warning", "goals.short.targets.followers"),
        ("goal-no-baseline", "warning", "goals.short.targets.koc_count"),  # reported once
    ]
    assert "baseline.koc_count" in p.findings[1].message


def test_rate_outside_zero_one_is_an_error() -> None:
    p = plan(
        baseline={"conversion_rate": 3.5},
        goals=goals({"conversion_rate": 35}),
        kpis=[{"metric": "repurchase_rate", "target": 1.2}],
    )
    assert [c for c in codes(p) if c[0] == "rate-range"] == [
        ("rate-range", "error", "baseline.conversion_rate"),
        ("rate-range", "error", "goals.short.targets.conversion_rate"),
        ("rate-range", "error", "kpis[0].target"),
    ]
    assert "0.35" in p.findings[0].message


def test_good_goals_have_no_findings() -> None:
    p = plan(
        baseline={"followers": 1_000, "churn_rate": 0.1},
        goals=goals({"followers": 2_000, "churn_rate": 0.08}, {"followers": 2_000, "churn_rate": 0.05}),
    )
    assert p.findings == []
