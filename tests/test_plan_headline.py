"""The executive summary's figures (plan.headline), each checked against a value worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from opsplan.plan.headline import build_headline
from tests._plan_helpers import BASE, approx_float, goals, plan, task, timeline


def _risk(ident: str, likelihood: int, impact: int) -> dict[str, object]:
    return {
        "id": ident,
        "category": "operations",
        "title": f"risk {ident}",
        "likelihood": likelihood,
        "impact": impact,
        "owner": "ops",
        "mitigation": "m",
        "response": "r",
        "response_hours": 24,
    }


SECTIONS = {
    "baseline": {"followers": 10_000, "monthly_gmv": 100_000, "conversion_rate": 0.02, "aov": 200},
    "goals": goals(
        {"followers": 40_000, "conversion_rate": 0.03, "aov": 220, "koc_count": 10},
        {"monthly_gmv": 400_000, "followers": 90_000},
        months=(3, 12, 24),
    ),
    "budget": {
        "total": 1_200_000,
        "months": 6,
        "items": [{"name": "content", "share": 0.3}, {"name": "ads", "share": 0.5}, {"name": "tools", "share": 0.2}],
    },
    "team": [
        {"role": "lead", "count": 1, "monthly_cost": 30_000},
        {"role": "editor", "count": 3, "monthly_cost": 15_000},
    ],
    "risks": [_risk("R1", 2, 3), _risk("R2", 5, 4), _risk("R3", 3, 5), _risk("R4", 4, 4)],
    # a (2 weeks) → b (3 weeks) is the critical chain; c (1 week) runs beside b
    "timeline": timeline(
        ("prep", [task("a", 2)]),
        ("run", [task("b", 3, "prep.a"), task("c", 1, "prep.a")]),
        milestones=[
            {"id": "M2", "name": "done", "after": ["run.b"], "criteria": "b accepted"},
            {"id": "M1", "name": "side", "after": ["run.c"], "criteria": "c accepted"},
            {"id": "M0", "name": "ready", "after": ["prep.a"], "criteria": "a accepted"},
        ],
    ),
}


def test_targets_lead_with_gmv_then_profile_order_up_to_four() -> None:
    head = build_headline(plan(**SECTIONS))
    # monthly_gmv first, then followers, conversion_rate, aov (koc_count is the fifth and is left out)
    assert [t.metric for t in head.targets] == ["monthly_gmv", "followers", "conversion_rate", "aov"]
    gmv, followers, conversion, _ = head.targets
    # monthly_gmv has only a mid target: first and last horizon are both mid (12 months)
    assert (gmv.first_horizon, gmv.first_months, gmv.last_horizon, gmv.last_target) == ("mid", 12, "mid", 400_000)
    # 400000 − 100000 = 300000; / 100000 = 3.0
    assert (gmv.uplift, gmv.relative) == (300_000, approx_float(3.0))
    # followers: short 40000 (3 months), last mid 90000; 90000 − 10000 = 80000, / 10000 = 8.0
    assert (followers.first_target, followers.first_months, followers.last_target) == (40_000, 3, 90_000)
    assert followers.relative == pytest.approx(8.0)
    # conversion: 0.03 − 0.02 = 0.01, / 0.02 = 0.5
    assert conversion.uplift == pytest.approx(0.01) and conversion.relative == pytest.approx(0.5)


def test_the_plan_horizon_columns_hold_that_horizons_target_or_none() -> None:
    head = build_headline(plan(**SECTIONS))
    # the plan's horizons are short (3 months) and mid (12): those are the summary's two columns
    assert (head.first_horizon, head.first_months, head.last_horizon, head.last_months) == ("short", 3, "mid", 12)
    gmv, followers, conversion, aov = head.targets
    # monthly_gmv is targeted at mid only: no short value (not its mid 400000 under "month 3")
    assert (gmv.at_first, gmv.at_last) == (None, 400_000)
    assert (followers.at_first, followers.at_last) == (40_000, 90_000)
    # conversion and aov are targeted at short only: nothing under "month 12"
    assert (conversion.at_first, conversion.at_last) == (0.03, None)
    assert (aov.at_first, aov.at_last) == (220, None)


@pytest.mark.parametrize(
    ("locale", "head_row", "gmv_row"),
    [
        (
            "zh-CN",
            "| 核心指标 | 现状 | 首个阶段目标（第3个月） | 最终目标（第12个月） |",
            "| 月GMV | 10万元 | — | 40万元 |",
        ),
        ("en", "| Headline metric | Today | First target (month 3) | Final target (month 12) |", None),
    ],
)
def test_the_summary_table_shows_a_dash_where_a_metric_has_no_target_at_the_column_horizon(
    locale: str, head_row: str, gmv_row: str | None
) -> None:
    from opsplan.render.markdown import render_markdown

    sections = {**SECTIONS, "plan": {**BASE["plan"], "locale": locale, "chapters": ["summary"]}}
    text = render_markdown(plan(**sections))
    assert head_row in text
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| ")}
    gmv = rows["月GMV" if locale == "zh-CN" else "Monthly GMV"]
    # today 100000, month 3 none (the mid target 400000 is not shown under month 3), month 12 400000
    assert gmv.split("|")[3].strip() == "—" and gmv.split("|")[4].strip() != "—"
    if gmv_row is not None:
        assert gmv == gmv_row


def test_budget_and_team_figures() -> None:
    head = build_headline(plan(**SECTIONS))
    # 1,200,000 over 6 months = 200,000 a month; the largest line is ads at 50%
    assert (head.budget_total, head.budget_months, head.budget_monthly) == (1_200_000, 6, 200_000)
    assert (head.largest_item, head.largest_share) == ("ads", 0.5)
    # 1 × 30000 + 3 × 15000 = 75000 a month; × 6 = 450000; / 1200000 = 0.375
    assert (head.headcount, head.monthly_payroll, head.period_payroll) == (4, 75_000, 450_000)
    assert head.payroll_share == pytest.approx(0.375)


def test_schedule_milestones_risks_and_asks() -> None:
    head = build_headline(plan(**SECTIONS))
    # critical path a (14 days) + b (21 days) = 35 days; buffer ceil(0.10 × 35) = 4 days
    assert (head.critical_tasks, head.schedule_days) == (2, 39)
    # day 35 is 2027-04-05, the inclusive last day of b is 04-04; with 4 buffer days: 04-08
    assert head.start == dt.date(2027, 3, 1) and head.end == dt.date(2027, 4, 8)
    # M1 closes only c, which has float: left out; M0 (a ends 03-14) before M2 (b ends 04-04)
    assert [(m.id, m.date) for m in head.milestones] == [("M0", dt.date(2027, 3, 14)), ("M2", dt.date(2027, 4, 4))]
    # scores: R2 5×4 = 20, R4 4×4 = 16, R3 3×5 = 15, R1 2×3 = 6; top three, three of them high (≥ 15)
    assert [(r.id, r.score, r.level) for r in head.risks] == [
        ("R2", 20, "high"),
        ("R4", 16, "high"),
        ("R3", 15, "high"),
    ]
    assert head.high_risks == 3
    assert [a.kind for a in head.asks] == ["budget", "team", "schedule", "risks"]
    assert head.asks[1].amount == 450_000 and head.asks[1].count == 4
    assert head.asks[3].ids == ["R2", "R4", "R3"]


def test_a_plan_without_tasks_or_high_risks_asks_for_budget_and_team_only() -> None:
    head = build_headline(plan(goals=goals({"followers": 5_000}), risks=[_risk("R1", 1, 1)]))
    assert [a.kind for a in head.asks] == ["budget", "team"]
    assert (head.schedule_days, head.milestones, head.high_risks) == (0, [], 0)
    # no baseline: no uplift
    assert (head.targets[0].uplift, head.targets[0].relative) == (None, None)
