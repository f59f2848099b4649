"""A reference to a campaign the plan leaves out says so, instead of suggesting another campaign's name.

The profile extends the flower preset (start 2027-03-01, last horizon 24 months, so the goals' window is
2027-03-01 – 2029-02-28) and lists two campaigns: "Spring launch" (2027-03-20, inside the window) and
"Spring sale" (2031-03-20, outside it). ``${campaigns.Spring sale.start}`` has no value; the nearest known name,
``${campaigns.Spring launch.start}``, is another campaign and must not be offered.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.plan import build_plan
from opsplan.profile import Profile
from tests._plan_helpers import BASE, goals

PROFILE = """\
extends: douyin-flowers
plan:
  locale: {locale}
campaigns:
  - name: Spring launch
    start: 2027-03-20
    end: 2027-03-27
  - name: Spring sale
    start: {sale_start}
    end: {sale_end}
shop:
  positioning: "Our sale starts ${{campaigns.Spring sale.start}}"
"""

SAID = {
    "en": (
        "${campaigns.Spring sale.start}: campaign 'Spring sale' ({when}) does not start inside the plan window "
        "2027-03-01 – 2029-02-28, so the plan leaves it out and this reference has no value"
    ),
    "zh-CN": (
        "${campaigns.Spring sale.start}：活动「Spring sale」（{when}）不在方案周期 2027-03-01 – 2029-02-28 内开始，"
        "方案不会排进它，这个引用也就没有值"
    ),
}


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("start", "end", "when"),
    [
        ("2031-03-20", "2031-03-27", {"en": "2031-03-20 – 2031-03-27", "zh-CN": "2031-03-20 – 2031-03-27"}),
        ("2026-12-01", "2026-12-08", {"en": "2026-12-01 – 2026-12-08", "zh-CN": "2026-12-01 – 2026-12-08"}),
    ],
)
def test_a_reference_to_a_campaign_outside_the_window_says_so_at_its_line(
    tmp_path: Path, runner: CliRunner, locale: str, start: str, end: str, when: dict[str, str]
) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text(PROFILE.format(locale=locale, sale_start=start, sale_end=end), encoding="utf-8")
    result = runner.invoke(app, ["check", str(profile), "--lang", locale])
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())  # the text report wraps long lines
    assert f"{profile}:12:16 (shop.positioning)" in text
    assert SAID[locale].replace("{when}", when[locale]) in text
    assert "Spring launch.start" not in text  # no other campaign offered in its place


def test_a_missing_gmv_of_a_retail_calendar_campaign_is_not_offered_another_field(
    tmp_path: Path, runner: CliRunner
) -> None:
    # the preset's milestone M3 refers to ${campaigns.520.gmv}; with the profile's campaigns replaced, 520 comes
    # from the retail calendar (2027-05-15 – 05-20), which plans no GMV for it
    profile = tmp_path / "shop.yaml"
    profile.write_text(PROFILE.format(locale="en", sale_start="2027-04-01", sale_end="2027-04-03"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(profile), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "did you mean ${campaigns.520.end}" not in result.output
    assert (
        "${campaigns.520.gmv}: campaign '520' comes from the retail calendar, which plans no GMV for it; "
        "add a campaign named 520 to campaigns to plan one"
    ) in result.output


def test_a_campaigns_gmv_the_goals_cannot_estimate_is_said_so() -> None:
    # the goals plan followers only: no monthly or annual GMV to estimate the campaign's share from
    data = {
        **BASE,
        "baseline": {"followers": 20_000},
        "goals": goals({"followers": 500_000}),
        "campaigns": [{"name": "Launch", "start": "2027-05-13", "end": "2027-05-20"}],
        "shop": {"name": "Shop", "platform": "douyin", "positioning": "${campaigns.Launch.gmv}"},
    }
    plan = build_plan(Profile.model_validate(data))
    said = [f.message for f in plan.findings if f.code == "unknown-reference"]
    assert said == [
        "${campaigns.Launch.gmv}: campaign 'Launch' has no GMV: the goals plan no monthly or annual GMV to estimate "
        "it from; give it one with gmv in its campaigns entry"
    ]


RETAIL = """\
extends: douyin-flowers
plan:
  locale: en
  retail_calendar: {retail}
goals:
  mid: null
  long: null
campaigns:
  - name: {name}
    start: 2027-06-05
    end: 2027-06-18
shop:
  positioning: "${{campaigns.{ref}.start}} and ${{goals.mid.months}}"
"""


@pytest.mark.parametrize(
    ("retail", "name", "ref", "said"),
    [
        # a 6-month plan from 2027-03-01 with the retail calendar on: Double 11 (10-20 – 11-11) falls after it
        (
            "true",
            "Launch",
            "double11",
            "${campaigns.double11.start}: the retail calendar's Double 11 (Singles' Day) has no day in the plan "
            "window 2027-03-01 – 2027-08-31, so the plan leaves it out and this reference has no value",
        ),
        # the calendar off: Qixi (2027-08-08) is in the window, but only the dates the timeline's anchors name
        # (520 and 618 in the flower preset) come in
        (
            "false",
            "Launch",
            "qixi",
            "${campaigns.qixi.start}: Qixi (Chinese Valentine's Day) is a date of the retail calendar, which this "
            "plan does not use (plan.retail_calendar is false); turn it on or add the campaign to campaigns",
        ),
        # the profile's own 618 campaign takes the retail one's place, under its own name
        (
            "true",
            "618 sale",
            "618",
            "${campaigns.618.start}: the profile's campaign '618 sale' takes the place of the retail calendar's "
            "618 mid-year sale; refer to it by its name: ${campaigns.618 sale.start}",
        ),
    ],
)
def test_a_reference_to_a_retail_date_the_plan_has_not_got_says_why(
    tmp_path: Path, runner: CliRunner, retail: str, name: str, ref: str, said: str
) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text(RETAIL.format(retail=retail, name=name, ref=ref), encoding="utf-8")
    result = runner.invoke(app, ["check", str(profile), "--format", "json"])
    assert result.exit_code == 1, result.output
    messages = [f["message"] for f in json.loads(result.output) if f["file"] == str(profile) and f["line"] == 13]
    assert said in messages
    # a horizon the profile does not set is said so, not swapped for another (did you mean ${goals.short.months}?)
    assert (
        "${goals.mid.months}: the profile sets no mid-term horizon (goals.mid), so this reference has no value"
        in messages
    )
