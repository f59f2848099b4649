"""The consistency rules' finer points: how text figures are read, what counts as a budget line, overrides."""

from __future__ import annotations

import pytest

from opsplan.check.text_rules import figures
from opsplan.plan.budget import line_purpose
from tests._check_helpers import CLEAN_PROFILE, findings_of


@pytest.mark.parametrize(
    ("text", "value", "slack"),
    [
        ("200万元", 2_000_000, 5_000),  # 万 = 10,000; half of the last written unit (1万) is 5,000
        ("CNY 2.0M", 2_000_000, 50_000),  # one decimal of a million: ±0.05M
        ("28%", 0.28, 0.005),
        ("1.5亿", 150_000_000, 5_000_000),
        ("2,500,000", 2_500_000, 0.5),
    ],
)
def test_figures_are_read_with_their_precision(text: str, value: float, slack: float) -> None:
    (figure,) = figures(text)
    assert figure.value == pytest.approx(value)
    assert figure.slack == pytest.approx(slack)


@pytest.mark.parametrize(
    ("name", "purpose"),
    [
        ("人力成本", "people"),
        ("People (payroll)", "people"),
        ("达人合作", "influencer"),
        ("Creator visits", "influencer"),
        ("付费投放（巨量千川与DOU+）", "paid"),
        ("Local promotion ad spend", "paid"),
        ("内容制作", None),
        ("Tools and systems", None),
        ("Promotions and member benefits", None),
    ],
)
def test_budget_lines_are_told_apart_by_name(name: str, purpose: str | None) -> None:
    assert line_purpose(name) == purpose


def test_english_text_with_a_figure_the_plan_lacks(write):
    # monthly GMV targets are 300,000 (short) and 500,000 (mid); "CNY 2.0M" is neither
    text = CLEAN_PROFILE.replace("positioning: 高端花束", "positioning: monthly GMV of CNY 2.0M by spring", 1)
    (finding,) = findings_of(write("shop.yaml", text))
    assert finding.rule == "OPS612" and "CNY 2.0M" in finding.message


def test_text_that_states_the_plan_value_passes(write):
    # 30万元 is the short-term monthly GMV target; ${goals.mid.monthly_gmv} resolves to the mid one
    text = CLEAN_PROFILE.replace(
        "positioning: 高端花束", "positioning: 月GMV做到30万元，一年内月GMV达到${goals.mid.monthly_gmv}", 1
    )
    assert findings_of(write("shop.yaml", text)) == []


def test_a_figure_after_a_word_that_states_no_value_is_not_read(write):
    # "低于15万元" is a threshold, not the metric's value
    text = CLEAN_PROFILE.replace("positioning: 高端花束", "positioning: 月GMV低于15万元时启动预案", 1)
    assert findings_of(write("shop.yaml", text)) == []


def test_a_small_sum_next_to_budget_is_not_the_plan_budget(write):
    text = CLEAN_PROFILE.replace("positioning: 高端花束", "positioning: 适合预算300元的送礼人群", 1)
    assert findings_of(write("shop.yaml", text)) == []


def test_a_competitor_may_share_a_preset_shop_name(write):
    text = CLEAN_PROFILE.replace("positioning: 高端花束", "positioning: 对标拾光花事", 1)
    text += "market:\n  competitors:\n    - {name: 拾光花事, followers: 100000}\n"
    assert [f.rule for f in findings_of(write("shop.yaml", text))] == []


def test_a_ceiling_can_be_raised_in_the_profile(write):
    # followers 20,000 → 150,000 in 6 months is 40% a month: a warning at the 30% ceiling, none at 45%
    text = CLEAN_PROFILE.replace("followers: 90000, monthly_gmv: 300000", "followers: 150000, monthly_gmv: 300000", 1)
    assert [f.rule for f in findings_of(write("shop.yaml", text))] == ["OPS607"]
    raised = text + "plausibility: {count_growth: 0.45}\n"
    assert findings_of(write("shop.yaml", raised)) == []


# the campaign's own GMV is 200,000; 80万元 and CNY 0.8M are 800,000, which no value of the plan is
CAMPAIGN = "campaigns:\n  - {name: 520, start: 2027-05-13, end: 2027-05-20, gmv: 200000, goal: 'GOAL'}\n"


@pytest.mark.parametrize(
    ("goal", "figure"),
    [
        ("活动期间GMV达到80万元", "80万元"),  # 达到 right after the Latin name, no space
        ("门店GMV要达到80万元", "80万元"),  # a Chinese word on both sides of it
        ("GMV reaches CNY 0.8M during the week", "CNY 0.8M"),
        ("GMV to reach CNY 0.8M during the week", "CNY 0.8M"),
    ],
)
def test_a_campaign_goal_with_another_gmv_is_flagged(write, goal: str, figure: str) -> None:
    text = CLEAN_PROFILE + CAMPAIGN.replace("GOAL", goal)
    (finding,) = findings_of(write("shop.yaml", text))
    assert (finding.rule, finding.field, finding.line) == ("OPS612", "campaigns[0].goal", text.count("\n"))
    assert figure in finding.message


@pytest.mark.parametrize(
    "goal",
    [
        "活动期间GMV达到20万元",  # the campaign's own 200,000
        "GMV reaches CNY 0.2M during the week",
        "GMV低于10万元时加投",  # a threshold, not the GMV the campaign plans
        "GMV to stay above CNY 0.1M",
        "eGMV达到80万元",  # part of a longer Latin word: not the metric's name
    ],
)
def test_a_campaign_goal_that_states_its_own_gmv_or_none_passes(write, goal: str) -> None:
    assert findings_of(write("shop.yaml", CLEAN_PROFILE + CAMPAIGN.replace("GOAL", goal))) == []
