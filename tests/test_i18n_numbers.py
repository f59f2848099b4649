"""Numbers inside messages follow the language: zh-CN writes 万/亿 as the plan does (30万, 1.2亿), en in full (300,000).

Also the text rules' findings (OPS204, OPS612, OPS908) in both languages. The clean profile: budget 600,000 over
6 months; monthly GMV 150,000 today, 300,000 and 500,000 at the 6- and 12-month horizons; the team 2 × 15,000.
"""

from __future__ import annotations

import json

import pytest

from opsplan.cli import app
from opsplan.formatting import said_number
from opsplan.i18n import EN, ZH, use
from tests._check_helpers import CLEAN_PROFILE

# rule: (edit, field, {language: (message, hint)})
CASES: dict[str, tuple[tuple[str, str], str, dict[str, tuple[str, str]]]] = {
    # 2 × 150,000 = 300,000 a month; × 6 months = 1,800,000, over the 600,000 budget
    "OPS901": (
        ("{role: 运营, count: 2, monthly_cost: 15000}", "{role: 运营, count: 2, monthly_cost: 150000}"),
        "team",
        {
            EN: (
                "The team costs 300,000 a month, 1,800,000 over the 6-month budget period, more than the whole "
                "budget of 600,000",
                "raise budget.total or trim the team",
            ),
            ZH: ("团队每月成本 30万，6 个月预算期内共 180万，超过了全部预算 60万", "提高 budget.total，或者精简团队"),
        },
    ),
    "OPS612": (
        ("positioning: 高端花束", "positioning: 高端花束，月GMV做到200万元"),
        "shop.positioning",
        {
            EN: (
                "shop.positioning says 月GMV 200万元, but monthly gmv (monthly_gmv) is 150,000, 300,000, 500,000 in "
                "the plan",
                "write the value the plan holds, or a reference to it (${goals.short.monthly_gmv} …)",
            ),
            ZH: (
                "shop.positioning 写的是月GMV 200万元，但方案里月GMV（monthly_gmv）是 15万、30万、50万",
                "写方案里的数值，或者引用它（${goals.short.monthly_gmv} …）",
            ),
        },
    ),
    "OPS908": (
        ("positioning: 高端花束", "positioning: 高端花束，预算80万元"),
        "shop.positioning",
        {
            EN: (
                "shop.positioning says 80万元 next to 预算, but no budget figure is 800,000 (budget total 600,000)",
                "write the budget figure, or a reference to it (${budget.total} …)",
            ),
            ZH: (
                "shop.positioning 在“预算”旁边写的是 80万元，但预算里没有 80万 这个数（预算总额 60万）",
                "写预算里的数字，或者引用它（${budget.total} …）",
            ),
        },
    ),
    "OPS204": (
        ("positioning: 高端花束", "positioning: 像拾光花事那样"),
        "shop.positioning",
        {
            EN: (
                "shop.positioning names '拾光花事', the shop of the douyin-flowers preset, but this plan is for '花间'",
                "write this shop's name, or ${shop.name}",
            ),
            ZH: (
                "shop.positioning 写了 '拾光花事'，这是预设 douyin-flowers 的店铺，但这份方案是给 '花间' 的",
                "写这家店铺的名字，或者 ${shop.name}",
            ),
        },
    ),
}


@pytest.mark.parametrize("lang", [EN, ZH])
@pytest.mark.parametrize("rule", sorted(CASES))
def test_findings_with_numbers_in_both_languages(runner, write, rule, lang):
    (old, new), field, said = CASES[rule]
    assert old in CLEAN_PROFILE
    result = runner.invoke(
        app, ["--lang", lang, "check", "--format", "json", str(write("shop.yaml", CLEAN_PROFILE.replace(old, new, 1)))]
    )
    assert result.exit_code == 1
    (found,) = [f for f in json.loads(result.output) if f["rule"] == rule]
    assert found["field"] == field
    message, hint = said[lang]
    assert message in found["message"]
    assert found["hint"] == hint


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (6_000_000, "6,000,000", "600万"),
        (120_000_000, "120,000,000", "1.2亿"),
        (35_600, "35,600", "3.56万"),
        (9_999, "9,999", "9,999"),
        (2.5, "2.5", "2.5"),
        (0.125, "0.12", "0.12"),
    ],
)
def test_a_number_in_a_message_is_written_for_the_language(value, en, zh):
    with use(EN):
        assert said_number(value) == en
    with use(ZH):
        assert said_number(value) == zh
