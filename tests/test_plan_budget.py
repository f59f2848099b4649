"""Budget lines, channels, CAC and payroll (BRIEF §5.3–5.4)."""

from __future__ import annotations

import pytest

from tests._plan_helpers import codes, goals, plan

BUDGET = {
    "total": 1_200_000,
    "months": 6,
    "items": [
        {"name": "content", "share": 0.4},
        {"name": "users", "share": 0.3},
        {"name": "tools", "share": 0.2},
        {"name": "campaigns", "share": 0.1},
    ],
}
CHANNELS = {
    "channels": [
        {"name": "ads", "type": "paid", "share": 0.5, "roi": 3, "monthly_spend": 50_000},
        {"name": "organic", "type": "natural", "share": 0.5},
    ]
}


def test_items_amounts_and_monthly() -> None:
    b = plan(budget=BUDGET).budget
    # 1200000 × 0.4 = 480000 (/6 = 80000); × 0.3 = 360000 (60000); × 0.2 = 240000 (40000); × 0.1 = 120000
    assert [i.amount for i in b.items] == pytest.approx([480_000, 360_000, 240_000, 120_000])
    assert [i.monthly for i in b.items] == pytest.approx([80_000, 60_000, 40_000, 20_000])
    assert b.monthly_total == pytest.approx(200_000) and b.share_sum == pytest.approx(1.0)


def test_channel_spend_and_return() -> None:
    b = plan(budget=BUDGET, traffic=CHANNELS).budget
    ads, organic = b.channels
    # 50000 a month × 6 = 300000, × ROI 3 = 900000
    assert ads.period_spend == pytest.approx(300_000) and ads.gmv_return == pytest.approx(900_000)
    assert organic.monthly_spend is None and organic.gmv_return is None
    assert b.channel_monthly_spend == 50_000 and b.channel_gmv_return == pytest.approx(900_000)


def test_cac_from_channel_spend() -> None:
    b = plan(
        budget=BUDGET, traffic=CHANNELS, baseline={"new_customers": 1_000}, goals=goals({"new_customers": 2_000})
    ).budget
    assert b.cac is not None
    # 50000 / 2000 = 25
    assert (b.cac.source, b.cac.spend_basis) == ("short", "channels")
    assert b.cac.value == pytest.approx(25)


def test_cac_from_budget_when_no_channel_spend() -> None:
    b = plan(budget=BUDGET, baseline={"new_customers": 4_000}).budget
    assert b.cac is not None
    # no target: baseline 4000; spend = 1200000 / 6 = 200000 a month; 200000 / 4000 = 50
    assert (b.cac.source, b.cac.spend_basis) == ("baseline", "budget")
    assert b.cac.value == pytest.approx(50)


def test_no_cac_without_new_customers() -> None:
    assert plan(budget=BUDGET).budget.cac is None


TEAM = [
    {"role": "operator", "count": 2, "monthly_cost": 15_000},
    {"role": "lead", "count": 1, "monthly_cost": 20_000},
]


def test_team_payroll() -> None:
    t = plan(budget=BUDGET, team=TEAM).team
    # 2 × 15000 + 1 × 20000 = 50000 a month; × 6 = 300000; / 1200000 = 0.25
    assert t.headcount == 3
    assert [r.monthly_payroll for r in t.roles] == [30_000, 20_000]
    assert [r.period_payroll for r in t.roles] == [180_000, 120_000]
    assert (t.monthly_payroll, t.period_payroll) == (50_000, 300_000)
    assert t.payroll_share_of_budget == pytest.approx(0.25)


def test_payroll_over_budget_is_an_error() -> None:
    p = plan(budget={**BUDGET, "total": 250_000}, team=TEAM)
    # 300000 of payroll over 6 months > 250000
    assert ("payroll-over-budget", "error", "team") in codes(p)
    assert "300,000" in p.findings[0].message and "250,000" in p.findings[0].message


def test_payroll_equal_to_budget_is_fine() -> None:
    assert codes(plan(budget={**BUDGET, "total": 300_000}, team=TEAM)) == []
