"""References in profile text (``${budget.total}``) and the values the plan fills in (KPI, milestone, campaign).

Every expected value is worked out by hand in a comment next to it. The profile: start 2027-03-01, a
monthly GMV of 100,000 doubling every month to 6,400,000 at month 6 (CMGR = 64^(1/6) − 1 = 100%), so the
trajectory is 200,000 at month 1, 400,000 at month 2 and 800,000 at month 3 (May).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.formatting import age_band
from opsplan.plan import build_plan
from opsplan.plan.defaults import campaign_gmv, months_between
from opsplan.plan.model import Plan
from opsplan.profile import Profile
from tests._plan_helpers import BASE, goals

TIMELINE: dict[str, list[dict[str, Any]]] = {
    "phases": [{"id": "prep", "name": "Prep", "tasks": [{"id": "setup", "name": "Set up", "weeks": 2}]}],
    "milestones": [{"id": "M1", "name": "Ready", "after": ["setup"], "criteria": "done", "kpis": ["monthly_gmv"]}],
}
CAMPAIGN = {"name": "520", "start": "2027-05-13", "end": "2027-05-20"}


def _profile(locale: str = "en", **changes: Any) -> Profile:
    data: dict[str, Any] = {
        **BASE,
        "baseline": {"monthly_gmv": 100_000, "followers": 20_000},
        "goals": goals({"monthly_gmv": 6_400_000, "followers": 500_000}),
        "timeline": TIMELINE,
        "campaigns": [CAMPAIGN],
        "kpis": [{"metric": "monthly_gmv"}],
    }
    data["plan"] = {**BASE["plan"], "locale": locale, "date": "2027-02-20"}
    data.update(changes)
    return Profile.model_validate(data)


def _resolved(text: str, locale: str = "en") -> str:
    plan = build_plan(_profile(locale, shop={"name": "Shop", "platform": "douyin", "positioning": text}))
    assert not [f for f in plan.findings if f.code == "unknown-reference"]
    return plan.profile.shop.positioning


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("${shop.name}", "en", "Shop"),
        ("${budget.total}", "zh-CN", "120万元"),  # BASE budget 1,200,000
        ("${budget.total}", "en", "CNY 1.2M"),
        ("${budget.total:full}", "zh-CN", "1,200,000元"),
        ("${budget.monthly}", "en", "CNY 200,000"),  # 1,200,000 / 6 months
        ("${goals.short.monthly_gmv}", "zh-CN", "640万元"),
        ("${goals.short.followers:full}", "en", "500,000"),
        ("${baseline.followers}", "zh-CN", "2万"),
        ("${growth.monthly_gmv}", "en", "100%"),  # 64^(1/6) − 1
        ("${trajectory.monthly_gmv.3}", "en", "CNY 800,000"),  # 100,000 × 2³
        ("${plan.start}", "zh-CN", "2027年3月1日"),
        ("${plan.start}", "en", "1 March 2027"),
        ("${plan.date:iso}", "en", "2027-02-20"),
        ("${plan.years}", "zh-CN", "2027"),  # 6-month plan inside 2027
        ("${campaigns.520.start:short}", "zh-CN", "5月13日"),
        ("${campaigns.520.days}", "en", "8"),
        ("${milestones.M1.date}", "en", "14 March 2027"),  # a 14-day task from 1 March ends on the 14th
        ("${team.headcount}", "en", "0"),
        ("${count.phases} phase, ${ budget.items.content.share }", "en", "1 phase, 100%"),
        ("cost $${budget.total} stays", "en", "cost ${budget.total} stays"),
        ("no reference, $5 {x}", "en", "no reference, $5 {x}"),
    ],
)
def test_references_are_formatted_as_the_tables_format_them(text: str, locale: str, expected: str) -> None:
    assert _resolved(text, locale) == expected


AUDIENCE = {"age": "25-35", "gender": "女性为主", "income": "月收入1-2万元", "regions": ["上海", "杭州", "苏州"]}


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("${shop.audience.age}的女性", "zh-CN", "25–35岁的女性"),  # the band as written, 25-35, with 岁
        ("women ${shop.audience.age}", "en", "women aged 25–35"),
        ("${shop.audience.gender}，${shop.audience.income}", "zh-CN", "女性为主，月收入1-2万元"),  # text as written
        ("${shop.audience.regions}", "zh-CN", "上海、杭州和苏州"),
        ("${shop.audience.regions}", "en", "上海, 杭州 and 苏州"),
    ],
)
def test_the_audience_can_be_referred_to(text: str, locale: str, expected: str) -> None:
    shop = {"name": "Shop", "platform": "douyin", "positioning": text, "audience": AUDIENCE}
    plan = build_plan(_profile(locale, shop=shop))
    assert _unknown(plan) == []
    assert plan.profile.shop.positioning == expected


@pytest.mark.parametrize(
    ("written", "zh", "en"),
    [
        ("25-35", "25–35岁", "aged 25–35"),
        ("18 ~ 24岁", "18–24岁", "aged 18–24"),
        ("25至35岁", "25–35岁", "aged 25–35"),
        ("40+", "40岁以上", "aged 40+"),
        ("大学生", "大学生", "大学生"),  # not a band of years: as written
    ],
)
def test_an_age_band_is_written_in_the_plan_language(written: str, zh: str, en: str) -> None:
    assert (age_band("zh-CN", written), age_band("en", written)) == (zh, en)


def test_a_mistyped_audience_reference_suggests_the_field() -> None:
    shop = {"name": "Shop", "platform": "douyin", "positioning": "${shop.audience.aeg}", "audience": AUDIENCE}
    [(path, said)] = _unknown(build_plan(_profile(shop=shop)))
    assert path == "shop.positioning"
    assert said == "unknown reference ${shop.audience.aeg}; did you mean ${shop.audience.age}?"


def test_an_audience_field_left_empty_cannot_be_referred_to() -> None:
    shop = {"name": "Shop", "platform": "douyin", "positioning": "${shop.audience.income}"}
    [(path, said)] = _unknown(build_plan(_profile(shop=shop)))
    assert (path, said.split(";")[0]) == ("shop.positioning", "unknown reference ${shop.audience.income}")


def test_years_span_the_plan_window() -> None:
    # short 6, long 24 months from 2027-03-01: the window ends 2029-02-28
    long_goals = goals({"monthly_gmv": 6_400_000}, {"monthly_gmv": 7_000_000}, {"monthly_gmv": 8_000_000})
    profile = _profile("zh-CN", goals=long_goals)
    data = profile.model_dump(mode="json")
    data["plan"]["title"] = "${shop.name}方案（${plan.years}）"
    assert build_plan(Profile.model_validate(data)).profile.plan.title == "Shop方案（2027—2029）"


def _unknown(plan: Plan) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in plan.findings if f.code == "unknown-reference"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "${goals.short.monthly_gvm}",
            "unknown reference ${goals.short.monthly_gvm}; did you mean ${goals.short.monthly_gmv}?",
        ),
        (
            "${__import__('os').system('true')}",
            "unknown reference ${__import__('os').system('true')}; references name values such as",
        ),
        ("${shop.name.__class__}", "unknown reference ${shop.name.__class__}"),
        ("${budget.total", "a reference '${' is not closed with '}'"),
        ("${plan.start:full}", "${plan.start:full}: ':full' applies to money and count values only"),
    ],
)
def test_a_bad_reference_is_a_finding_on_its_field_and_stays_as_written(text: str, message: str) -> None:
    plan = build_plan(_profile(sections={"goals": {"intro": "ok", "notes": ["fine", text]}}))
    [(path, said)] = _unknown(plan)
    assert path == "sections.goals.notes[1]"
    assert said.startswith(message)
    assert plan.profile.sections["goals"].notes[1] == text


def test_resolved_text_reaches_every_plan_part_that_copies_profile_text() -> None:
    risk = {
        "id": "R1",
        "category": "finance",
        "title": "spend over ${budget.total}",
        "likelihood": 1,
        "impact": 1,
        "owner": "${shop.name} lead",
        "mitigation": "cap at ${budget.monthly}",
        "response": "r",
    }
    timeline = {
        **TIMELINE,
        "milestones": [{**TIMELINE["milestones"][0], "criteria": "GMV ${milestones.M1.monthly_gmv}"}],
    }
    plan = build_plan(
        _profile(
            risks=[risk],
            timeline=timeline,
            campaigns=[{**CAMPAIGN, "goal": "bring ${campaigns.520.gmv}"}],
            goals={
                "short": {
                    "months": 6,
                    "focus": "reach ${goals.short.monthly_gmv}",
                    "targets": {"monthly_gmv": 6_400_000, "followers": 500_000},
                }
            },
        )
    )
    assert _unknown(plan) == []
    row = plan.risks.rows[0]
    assert (row.title, row.owner, row.mitigation) == ("spend over CNY 1.2M", "Shop lead", "cap at CNY 200,000")
    # M1 closes on 14 March: 13/31 of month 1, 100,000 × 2^(13/31) = 133,733, stated as 134,000 (3 figures below 200k)
    assert plan.timeline.milestones[0].criteria == "GMV CNY 134,000"
    # 520 runs 8 days of May (plan month 3, 800,000): 800,000 × 8 / 31 = 206,452, stated as 210,000 (2 figures)
    assert [c.goal for c in plan.campaigns] == ["bring CNY 210,000"]
    assert plan.goals.horizons[0].focus == "reach CNY 6.4M"
    text = str(plan.model_dump())
    assert "${" not in text


def test_the_plan_fills_kpi_milestone_and_campaign_values() -> None:
    plan = build_plan(_profile())
    assert plan.profile.kpis[0].target == 6_400_000  # the short goal it measures
    # the trajectory's 133,733 and 206,452 (see above), rounded as a planner states them
    assert plan.profile.timeline.milestones[0].targets["monthly_gmv"] == 134_000
    assert plan.profile.campaigns[0].gmv == 210_000
    assert plan.profile.plan.date == dt.date(2027, 2, 20)


def test_values_given_in_the_profile_are_kept() -> None:
    timeline = {**TIMELINE, "milestones": [{**TIMELINE["milestones"][0], "targets": {"monthly_gmv": 150_000}}]}
    plan = build_plan(
        _profile(
            kpis=[{"metric": "monthly_gmv", "target": 6_000_000}],
            timeline=timeline,
            campaigns=[{**CAMPAIGN, "gmv": 300_000}],
        )
    )
    assert plan.profile.kpis[0].target == 6_000_000
    assert plan.profile.timeline.milestones[0].targets == {"monthly_gmv": 150_000}
    assert plan.profile.campaigns[0].gmv == 300_000


def test_the_date_written_defaults_to_today(monkeypatch: pytest.MonkeyPatch) -> None:
    import opsplan.plan.defaults

    class Clock(dt.date):  # today is fixed, so the test cannot straddle midnight
        @classmethod
        def today(cls) -> Clock:
            return cls(2027, 2, 21)

    monkeypatch.setattr(opsplan.plan.defaults, "dt", SimpleNamespace(date=Clock, timedelta=dt.timedelta))
    data = _profile().model_dump(mode="json")
    data["plan"]["date"] = None
    assert build_plan(Profile.model_validate(data)).profile.plan.date == dt.date(2027, 2, 21)


def test_a_kpi_without_target_needs_a_goal() -> None:
    with pytest.raises(ValueError, match=r"kpis\[0\].target: no goal sets 'refund_rate'"):
        _profile(kpis=[{"metric": "refund_rate"}])


@pytest.mark.parametrize(
    ("day", "months"),
    [
        (dt.date(2027, 3, 1), 0.0),
        (dt.date(2027, 3, 14), 13 / 31),
        (dt.date(2027, 5, 1), 2.0),
        (dt.date(2027, 5, 16), 2 + 15 / 31),
        (dt.date(2028, 3, 1), 12.0),
    ],
)
def test_months_between(day: dt.date, months: float) -> None:
    assert months_between(dt.date(2027, 3, 1), day) == pytest.approx(months)


def test_campaign_gmv_spans_two_months() -> None:
    plan = build_plan(_profile())
    # 30 April (month 2: 400,000 / 30) + 1 May (month 3: 800,000 / 31)
    expected = 400_000 / 30 + 800_000 / 31
    gmv = campaign_gmv(plan.goals, dt.date(2027, 3, 1), dt.date(2027, 4, 30), dt.date(2027, 5, 1))
    assert gmv == pytest.approx(expected)


def test_render_refuses_an_unknown_reference_with_its_place(tmp_path: Path, runner: CliRunner) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text("extends: douyin-flowers\nshop:\n  positioning: 预算${budget.totl}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(profile), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{profile}:3:16: shop.positioning: unknown reference ${{budget.totl}}; did you mean ${{budget.total}}?" in (
        result.output
    )
    assert not list(tmp_path.glob("shop.md"))
    checked = runner.invoke(app, ["check", str(profile), "--format", "json"])
    assert checked.exit_code == 1
    assert '"rule": "OPS210"' in checked.output and '"line": 3' in checked.output
