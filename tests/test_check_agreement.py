"""OPS620: a value given in two places (a KPI or milestone target and the goal it restates) must agree."""

from __future__ import annotations

from tests._check_helpers import CLEAN_PROFILE, findings_of, line_of

KPI = "kpis:\n  - {metric: monthly_gmv, target: 250000, cadence: monthly}\nbaseline: {monthly_gmv"


def test_a_kpi_target_that_disagrees_with_its_goal_names_both_lines(write):
    # goals.short.targets.monthly_gmv is 300,000 (CLEAN_PROFILE); the KPI says 250,000
    text = CLEAN_PROFILE.replace("baseline: {monthly_gmv", KPI, 1)
    [finding] = [f for f in findings_of(write("shop.yaml", text)) if f.rule == "OPS620"]
    goal_line = line_of(text, "short: {months: 6")
    assert finding.line == line_of(text, "- {metric: monthly_gmv, target: 250000")
    assert finding.field == "kpis[0].target"
    assert finding.message == (
        f"kpis[0].target says monthly gmv is CNY 250,000 but goals.short.targets.monthly_gmv (line {goal_line}) "
        "says CNY 300,000; one value is stated in two places and they disagree"
    )
    assert finding.category.value == "goal" and finding.hint


def test_a_kpi_that_restates_its_goal_or_leaves_the_target_out_is_clean(write):
    for kpi in ("{metric: monthly_gmv, target: 300000}", "{metric: monthly_gmv}"):
        text = CLEAN_PROFILE.replace("baseline: {monthly_gmv", f"kpis:\n  - {kpi}\nbaseline: {{monthly_gmv", 1)
        assert "OPS620" not in [f.rule for f in findings_of(write("shop.yaml", text))]


def _milestone(targets: str, months: int) -> str:
    # the schedule runs 2 + 1 weeks, then 3 weeks: launch ends on day 42 (2027-04-11 from 2027-03-01),
    # which is month 1 (1 + 10/30) rounded; a 1-month short horizon puts the milestone in it
    text = CLEAN_PROFILE.replace("short: {months: 6,", f"short: {{months: {months},", 1)
    return text.replace(
        "criteria: 首月GMV达到15万}", f"criteria: 首月GMV达到目标, kpis: [monthly_gmv], targets: {targets}}}"
    )


def test_a_milestone_in_a_horizon_month_that_disagrees_with_the_horizon_target(write):
    text = _milestone("{monthly_gmv: 200000}", 1)
    [finding] = [f for f in findings_of(write("shop.yaml", text)) if f.rule == "OPS620"]
    assert finding.field == "timeline.milestones[0].targets.monthly_gmv"
    assert "goals.short.targets.monthly_gmv" in finding.message and "CNY 300,000" in finding.message


def test_a_milestone_before_the_horizon_may_set_its_own_value(write):
    text = _milestone("{monthly_gmv: 200000}", 6)
    assert "OPS620" not in [f.rule for f in findings_of(write("shop.yaml", text))]
