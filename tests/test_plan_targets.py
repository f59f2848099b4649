"""Goal trajectories, growth rates and the goal table (BRIEF §5.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from opsplan.metrics import Direction, MetricKind
from opsplan.plan.defaults import planned_target, stated_campaign_gmv
from opsplan.plan.model import Plan
from opsplan.plan.targets import round_target
from tests._plan_helpers import goals, plan

UP, DOWN = Direction.UP, Direction.DOWN


def values(p: Plan, metric: str) -> dict[int, float]:
    return {r.month: r.value for r in p.goals.trajectory if r.metric == metric}


def test_money_compounds_at_constant_monthly_rate() -> None:
    p = plan(baseline={"monthly_gmv": 150_000}, goals=goals({"monthly_gmv": 2_000_000}))
    # CMGR = (2000000 / 150000) ** (1/6) − 1 = 13.333… ** (1/6) − 1 = 0.539890…
    assert p.goals.cmgr["monthly_gmv"] == pytest.approx(0.5398903, rel=1e-6)
    v = values(p, "monthly_gmv")
    assert sorted(v) == [0, 1, 2, 3, 4, 5, 6]
    assert v[0] == 150_000 and v[6] == 2_000_000
    # month 3 is half way in log terms: 150000 × sqrt(13.333…) = 150000 × 3.6514837 = 547722.56
    assert v[3] == pytest.approx(547_722.56, rel=1e-7)
    # month 1: 150000 × 1.539890 = 230983.5
    assert v[1] == pytest.approx(230_983.55, rel=1e-6)


def test_count_with_perfect_square_ratio() -> None:
    p = plan(baseline={"followers": 20_000}, goals=goals({"followers": 500_000}))
    # ratio 25 over 6 months: month 3 = 20000 × 25 ** 0.5 = 100000 exactly
    assert values(p, "followers")[3] == pytest.approx(100_000)


def test_segments_between_horizons_and_overall_cmgr() -> None:
    p = plan(baseline={"followers": 10_000}, goals=goals({"followers": 40_000}, {"followers": 160_000}))
    v = values(p, "followers")
    # 10000 → 40000 in 6 months: ×4, month 3 = 10000 × 2 = 20000; 40000 → 160000: month 9 = 80000
    assert v[3] == pytest.approx(20_000)
    assert v[9] == pytest.approx(80_000)
    (metric,) = p.goals.metrics
    # each segment ×4 in 6 months: 4 ** (1/6) − 1 = 2 ** (1/3) − 1 = 0.259921
    assert [s.cmgr for s in metric.segments] == pytest.approx([0.2599210, 0.2599210], rel=1e-6)
    # overall ×16 in 12 months: 16 ** (1/12) − 1 = 0.259921
    assert metric.cmgr == pytest.approx(0.2599210, rel=1e-6)
    assert [s.method for s in metric.segments] == ["compound", "compound"]


def test_zero_baseline_is_linear_from_zero_then_compounds() -> None:
    p = plan(baseline={"followers": 0}, goals=goals({"followers": 60_000}, {"followers": 240_000}))
    v = values(p, "followers")
    # 0 → 60000 cannot compound: equal steps of 60000 / 6 = 10000 a month
    assert [v[m] for m in range(7)] == pytest.approx([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000])
    # 60000 → 240000 (×4) compounds: month 9 = 60000 × 2 = 120000
    assert v[9] == pytest.approx(120_000)
    metric = p.goals.metrics[0]
    assert metric.segments[0].method == "linear" and metric.segments[0].cmgr is None
    # overall CMGR counts from the first positive anchor: 4 ** (1/6) − 1 = 0.259921
    assert metric.cmgr == pytest.approx(0.2599210, rel=1e-6)


def test_zero_baseline_single_target_has_no_cmgr() -> None:
    p = plan(baseline={"followers": 0}, goals=goals({"followers": 60_000}))
    assert p.goals.cmgr["followers"] is None
    assert values(p, "followers")[3] == pytest.approx(30_000)  # 60000 × 3/6


def test_missing_baseline_count_starts_from_zero() -> None:
    p = plan(goals=goals({"followers": 6_000}))
    assert values(p, "followers")[1] == pytest.approx(1_000)  # 6000 / 6
    assert p.goals.metrics[0].baseline is None


def test_rate_moves_in_equal_steps_never_compounds() -> None:
    p = plan(baseline={"repurchase_rate": 0.20}, goals=goals({"repurchase_rate": 0.35}, {"repurchase_rate": 0.50}))
    v = values(p, "repurchase_rate")
    # 0.20 → 0.35 in 6 months: +0.025 a month; month 1 = 0.225, month 3 = 0.275
    assert v[1] == pytest.approx(0.225)
    assert v[3] == pytest.approx(0.275)
    # 0.35 → 0.50 in 6 more months: month 9 = 0.35 + 3 × 0.025 = 0.425
    assert v[9] == pytest.approx(0.425)
    assert p.goals.cmgr["repurchase_rate"] is None
    assert {s.method for s in p.goals.metrics[0].segments} == {"linear"}


def test_duration_falls_in_equal_steps() -> None:
    p = plan(baseline={"response_hours": 24}, goals=goals({"response_hours": 2}))
    # 24 → 2 in 6 months: −22/6 a month; month 3 = 24 − 11 = 13
    assert values(p, "response_hours")[3] == pytest.approx(13)
    assert p.goals.cmgr["response_hours"] is None


def test_ratio_without_baseline_starts_at_its_first_target() -> None:
    p = plan(goals=goals({"roi": 2.0}, {"roi": 3.0}))
    v = values(p, "roi")
    assert min(v) == 6  # no month-0 value to invent
    assert v[9] == pytest.approx(2.5)  # 2.0 → 3.0 in equal steps over 6 months
    row = p.goals.table.rows[0]
    assert row.values[0] is None


def test_table_monthly_to_short_then_quarterly() -> None:
    p = plan(
        baseline={"followers": 1_000},
        goals=goals({"followers": 2_000}, {"followers": 4_000}, {"followers": 8_000}, months=(4, 10, 24)),
    )
    # months 0–4, then multiples of 3 (6, 9, 12 …) plus the horizon month 10
    assert p.goals.table.months == [0, 1, 2, 3, 4, 6, 9, 10, 12, 15, 18, 21, 24]
    assert [h.months for h in p.goals.horizons] == [4, 10, 24]
    assert str(p.goals.horizons[1].date) == "2028-01-01"  # 2027-03-01 + 10 months


def test_metric_only_at_short_has_no_value_later() -> None:
    p = plan(
        baseline={"followers": 1_000, "monthly_gmv": 100},
        goals=goals({"followers": 2_000, "monthly_gmv": 200}, {"monthly_gmv": 400}),
    )
    rows = {r.metric: r.values for r in p.goals.table.rows}
    assert p.goals.table.months == [0, 1, 2, 3, 4, 5, 6, 9, 12]
    assert rows["followers"][-1] is None
    # 200 → 400 over 6 months, month 9 = 200 × sqrt(2) = 282.84
    assert rows["monthly_gmv"][-2] == pytest.approx(282.8427, rel=1e-6)


@pytest.mark.parametrize(
    ("kind", "value", "direction", "stated"),
    [
        # a floor (a metric that should rise) rounds up, never to less than the trajectory asks
        (MetricKind.MONEY, 862_100, UP, 870_000),  # 86.21万 → 87万: two figures, the next 1万 up
        (MetricKind.MONEY, 35.69, UP, 36),  # an order value: 36元
        (MetricKind.MONEY, 133_733, UP, 134_000),  # first digit 1: three figures, 13.4万
        (MetricKind.COUNT, 19_950, UP, 20_000),  # three figures: 19,950 → 20,000
        (MetricKind.COUNT, 7, UP, 7),  # already a whole figure: unchanged
        (MetricKind.COUNT, 20_001, UP, 21_000),  # two figures: a single follower over 20,000 is 21,000
        (MetricKind.RATE, 0.2341, UP, 0.235),  # 23.41% → 23.5%: the next 0.1 percentage point up
        (MetricKind.RATE, 0.235, UP, 0.235),  # 0.235 is 234.99999… thousandths in binary: still 23.5%
        (MetricKind.RATIO, 4.41, UP, 4.5),  # a store rating of 4.41 → 4.5
        (MetricKind.DURATION, 47.21, UP, 47.3),
        # a ceiling (a metric that should fall: a cost, a refund rate) rounds down, never looser
        (MetricKind.MONEY, 35.69, DOWN, 35),  # a customer acquisition cost of 35.69元 → at most 35元
        (MetricKind.MONEY, 138.2, DOWN, 138),  # first digit 1: three figures
        (MetricKind.RATE, 0.0388, DOWN, 0.038),  # a refund rate of 3.88% → at most 3.8%
        (MetricKind.RATE, 0.038, DOWN, 0.038),  # 3.8% exactly stays 3.8%
        (MetricKind.MONEY, 0, UP, 0),
        (MetricKind.MONEY, 0, DOWN, 0),
    ],
)
def test_a_derived_target_is_stated_toward_the_stricter_side(
    kind: MetricKind, value: float, direction: Direction, stated: float
) -> None:
    assert round_target(kind, value, direction) == pytest.approx(stated, abs=1e-9)


def test_a_milestone_defaults_to_the_rounded_trajectory_and_a_goal_target_stays_exact() -> None:
    p = plan(baseline={"monthly_gmv": 150_000}, goals=goals({"monthly_gmv": 2_350_000}))
    # month 3: 150,000 × (2,350,000 / 150,000) ** 0.5 = 150,000 × 3.958114 = 593,717 → 600,000 (up: a floor)
    assert planned_target(p.goals, "monthly_gmv", 3) == 600_000
    # month 6 is the goal itself: 2,350,000 is kept, not rounded to 2,400,000
    assert planned_target(p.goals, "monthly_gmv", 6) == 2_350_000


def test_a_falling_metric_s_milestone_rounds_down() -> None:
    p = plan(baseline={"cac": 50}, goals=goals({"cac": 30}))
    # month 3: 50 × (30 / 50) ** 0.5 = 50 × 0.7745967 = 38.73元; a cost is a ceiling: at most 38元, not 39元
    assert planned_target(p.goals, "cac", 3) == 38


def test_rounding_up_stops_at_the_goal_it_heads_for() -> None:
    p = plan(baseline={"monthly_gmv": 150_000}, goals=goals({"monthly_gmv": 2_010_000}))
    # month 5.99: 2,010,000 × (150,000 / 2,010,000) ** (0.01 / 6) = 2,010,000 × exp(−ln 13.4 × 0.01 / 6)
    #   = 2,010,000 × exp(−2.595255 × 0.0016667) = 2,010,000 × 0.995684 = 2,001,325;
    # up to two figures is 2,100,000, past the goal of 2,010,000, so the goal itself is stated
    assert planned_target(p.goals, "monthly_gmv", 5.99) == 2_010_000


def test_a_campaign_over_a_whole_month_is_not_stated_above_its_month() -> None:
    p = plan(baseline={"monthly_gmv": 30_500}, goals=goals({"monthly_gmv": 30_500}))
    # the trajectory is flat at 30,500; plan month 1 is March 2027 (the plan starts on 2027-03-01): 31 days of
    # 30,500 / 31 = 30,500, which rounds up to 31,000, above the month's whole GMV; so it is stated 30,000
    start = dt.date(2027, 3, 1)
    assert stated_campaign_gmv(p.goals, start, start, dt.date(2027, 3, 31)) == 30_000
    # ten days: 30,500 × 10 / 31 = 9,838.7 → 9,900 (two figures, up)
    assert stated_campaign_gmv(p.goals, start, start, dt.date(2027, 3, 10)) == 9_900
