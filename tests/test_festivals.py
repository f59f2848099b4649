"""Festivals and weekday rules: 母亲节 is the second Sunday of May, the lunar table to 2050, a year beyond it.

Every date here is worked out by hand from the weekday of the month's first day (a calendar), or taken from the
``lunardate`` package for the lunar table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from lunardate import LunarDate

from opsplan.cli import app
from opsplan.errors import OpsplanError
from opsplan.festivals import FIRST_YEAR, LAST_YEAR, LUNAR, WeekdayRule
from opsplan.i18n import EN, ZH, use
from opsplan.monthday import FestivalDay, read_campaign_day
from opsplan.plan.model import Plan
from opsplan.profile import profile_json_schema
from tests._check_helpers import CLEAN_PROFILE, line_of
from tests._plan_helpers import BASE, codes, goals, load_campaign, plan, task, timeline

D = dt.date
SUNDAY, MONDAY = 6, 0


@pytest.mark.parametrize(
    ("key", "month", "day"),
    [("spring_festival", 1, 1), ("dragon_boat", 5, 5), ("qixi", 7, 7), ("mid_autumn", 8, 15)],
)
def test_the_lunar_table_agrees_with_lunardate_in_every_year(key: str, month: int, day: int) -> None:
    assert (FIRST_YEAR, LAST_YEAR) == (2024, 2050)
    table = LUNAR[key]
    assert sorted(table) == list(range(2024, 2051))
    for year, gregorian in table.items():
        assert gregorian == LunarDate(year, month, day).to_solar_date(), (key, year)


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        # 1 May 2027 is a Saturday: Sundays 2, 9 → Mother's Day 9 May
        (WeekdayRule(5, SUNDAY, 2), 2027, D(2027, 5, 9)),
        # 1 May 2028 is a Monday: Sundays 7, 14 → 14 May
        (WeekdayRule(5, SUNDAY, 2), 2028, D(2028, 5, 14)),
        # 1 June 2027 is a Tuesday: Sundays 6, 13, 20 → Father's Day 20 June
        (WeekdayRule(6, SUNDAY, 3), 2027, D(2027, 6, 20)),
        # 1 June 2028 is a Thursday: Sundays 4, 11, 18 → 18 June
        (WeekdayRule(6, SUNDAY, 3), 2028, D(2028, 6, 18)),
        # 1 May 2026 is a Friday: Sundays 3, 10 → 10 May (the month starts two days before a Sunday)
        (WeekdayRule(5, SUNDAY, 2), 2026, D(2026, 5, 10)),
        # 1 May 2033 is a Sunday: the first Sunday is the 1st, the second the 8th
        (WeekdayRule(5, SUNDAY, 2), 2033, D(2033, 5, 8)),
        # 31 May 2027 is a Monday (1 May Saturday + 30 days = Monday): the last Monday of May is the 31st
        (WeekdayRule(5, MONDAY, -1), 2027, D(2027, 5, 31)),
        # 31 December 2027 is a Friday: the last Sunday of December is the 26th (the year's end wraps)
        (WeekdayRule(12, SUNDAY, -1), 2027, D(2027, 12, 26)),
    ],
)
def test_a_weekday_rule_falls_on_the_day_a_calendar_shows(rule: WeekdayRule, year: int, day: dt.date) -> None:
    assert rule.on(year) == day


MOTHERS_DAY = WeekdayRule(5, SUNDAY, 2)


@pytest.mark.parametrize(
    ("written", "rule", "offset", "shown"),
    [
        ("母亲节", MOTHERS_DAY, 0, "母亲节"),
        ("Mother's Day", MOTHERS_DAY, 0, "Mother's Day"),
        ("mothers day-6", MOTHERS_DAY, -6, "Mother's Day-6"),
        ("5月第2个周日", MOTHERS_DAY, 0, "5月第2个周日"),
        ("五月第二个星期日", MOTHERS_DAY, 0, "5月第2个周日"),
        ("5 月 第 2 个 周日 - 6", MOTHERS_DAY, -6, "5月第2个周日-6"),
        ("５月第２个礼拜天", MOTHERS_DAY, 0, "5月第2个周日"),  # full-width digits
        ("second Sunday of May", MOTHERS_DAY, 0, "second Sunday of May"),
        ("2nd Sun in May+1", MOTHERS_DAY, 1, "second Sunday of May+1"),
        ("the Second sunday of may", MOTHERS_DAY, 0, "second Sunday of May"),
        ("父亲节", WeekdayRule(6, SUNDAY, 3), 0, "父亲节"),
        ("6月的第三个礼拜天", WeekdayRule(6, SUNDAY, 3), 0, "6月第3个周日"),
        ("5月最后一个周一", WeekdayRule(5, MONDAY, -1), 0, "5月最后一个周一"),
        ("last Monday of May", WeekdayRule(5, MONDAY, -1), 0, "last Monday of May"),
        ("十一月第四个周四", WeekdayRule(11, 3, 4), 0, "11月第4个周四"),
    ],
)
def test_a_weekday_rule_is_read_in_the_forms_people_write(
    written: str, rule: WeekdayRule, offset: int, shown: str
) -> None:
    day = read_campaign_day(written)
    assert isinstance(day, FestivalDay)
    assert (day.rule, day.offset, str(day)) == (rule, offset, shown)


def test_one_day_written_three_ways_is_one_day() -> None:
    assert read_campaign_day("母亲节") == read_campaign_day("5月第2个周日") == read_campaign_day("Mother's Day")
    assert read_campaign_day("母亲节-6") != read_campaign_day("母亲节")


def test_teachers_day_is_september_10_every_year() -> None:
    day = read_campaign_day("教师节-4")
    assert isinstance(day, FestivalDay)
    # 10 September less 4 days is 6 September, in any year
    assert [day.in_year(year) for year in (2027, 2028, 2060)] == [D(2027, 9, 6), D(2028, 9, 6), D(2060, 9, 6)]


def _plan_from(start: str, campaigns: list[dict[str, str]], months: int = 12) -> Plan:
    horizons = {6: goals({}), 12: goals({}, {})}
    return plan(
        plan={**BASE["plan"], "start": start},
        goals=horizons[months],
        timeline=timeline(("p", [task("t", 1)])),
        campaigns=campaigns,
    )


def test_mothers_day_moves_with_its_sunday_in_each_year_of_the_plan() -> None:
    # window 2027-03-01 – 2029-02-28 (24 months): Mother's Day 2027-05-09 and 2028-05-14 (above); 母亲节-6 to
    # 母亲节 is the Monday before to the Sunday: 2027-05-03 – 05-09 and 2028-05-08 – 05-14
    p = plan(
        plan={**BASE["plan"], "start": "2027-03-01"},
        goals=goals({}, {}, {}),
        timeline=timeline(("p", [task("t", 1)])),
        campaigns=[{"name": "母亲节", "start": "母亲节-6", "end": "5月第2个周日"}],
    )
    assert [(c.start, c.end) for c in p.campaigns] == [(D(2027, 5, 3), D(2027, 5, 9)), (D(2028, 5, 8), D(2028, 5, 14))]


def test_a_task_anchored_to_fathers_day_finishes_on_it() -> None:
    # Father's Day 2027 is 2027-06-20 (above); a 1-week task `on` it runs 2027-06-14 – 06-20
    p = plan(
        plan={**BASE["plan"], "start": "2027-03-01"},
        goals=goals({}, {}),
        timeline=timeline(("p", [{**task("gift", 1), "on": "父亲节"}])),
        campaigns=[{"name": "父亲节", "start": "父亲节-6", "end": "父亲节"}],
    )
    (row,) = p.timeline.tasks
    assert (row.start, row.finish) == (D(2027, 6, 14), D(2027, 6, 20))


def test_a_lunar_campaign_in_the_tables_last_years_is_placed() -> None:
    # 中秋 2049 is 09-11 and 2050 is 09-30 (the table); window 2049-03-01 – 2050-02-28 holds 2049's only
    p = _plan_from("2049-03-01", [{"name": "中秋", "start": "中秋-4", "end": "中秋"}])
    assert [(c.start, c.end) for c in p.campaigns] == [(D(2049, 9, 7), D(2049, 9, 11))]
    assert not [f for f in codes(p) if f[0] == "festival-beyond-table"]


def test_a_window_that_reaches_past_the_table_is_reported_for_the_campaign_and_the_retail_calendar() -> None:
    # window 2050-03-01 – 2051-02-28: 春节 2051 is not tabled, and 春节-21 could start from about 29 December 2050
    # to 1 February 2051 (春节 falls 22 January – 19 February in the table, give or take 3 days): in the window
    p = plan(
        plan={**BASE["plan"], "start": "2050-03-01", "retail_calendar": True},
        goals=goals({}, {}),
        timeline=timeline(("p", [task("t", 1)])),
        campaigns=[
            {"name": "年货节", "start": "春节-21", "end": "春节-4"},
            {"name": "七夕", "start": "七夕-9", "end": "七夕"},
        ],
    )
    found = [f for f in codes(p) if f[0] == "festival-beyond-table"]
    # 七夕 2050 (08-23) is tabled and 七夕 2051 (late July to August) falls after the window: not reported
    assert found == [
        ("festival-beyond-table", "warning", "campaigns[0].start"),
        ("festival-beyond-table", "warning", "plan.retail_calendar"),
    ]
    # 七夕 2050-08-14 – 08-23 is in the plan, 年货节 is not (its 2050 run, January, is before the window)
    assert [(c.name, c.start) for c in p.campaigns if c.source == "profile"] == [("七夕", D(2050, 8, 14))]


@pytest.mark.parametrize(
    ("lang", "message", "hint"),
    [
        (
            "en",
            "campaign '年货节' follows 春节, whose dates opsplan holds for 2024–2050; the plan window 2050-03-01 – "
            "2051-02-28 could hold it in 2051 too, where the plan leaves it out",
            "add that year's campaign with full dates (YYYY-MM-DD) from a lunar calendar",
        ),
        (
            "zh-CN",
            "活动「年货节」跟着春节走，而 opsplan 只收录了 2024–2050 年的日期；方案周期 2050-03-01 – 2051-02-28 内 "
            "2051 年可能也有这个活动，但方案排不进它",
            "按农历查出那一年的日期，用完整日期（YYYY-MM-DD）另加一条活动",
        ),
    ],
)
def test_check_names_the_campaign_s_line_for_a_year_beyond_the_table(
    runner, write, lang: str, message: str, hint: str
) -> None:
    text = CLEAN_PROFILE.replace("start: 2027-03-01", "start: 2050-03-01", 1)
    text += "campaigns:\n  - name: 年货节\n    start: 春节-21\n    end: 春节-4\n"
    result = runner.invoke(app, ["check", "--lang", lang, "--format", "json", str(write("shop.yaml", text))])
    assert result.exit_code == 0, result.output  # a warning: --strict fails on it
    found = [f for f in json.loads(result.output) if f["rule"] == "OPS711"]
    assert [(f["field"], f["line"], f["message"], f["hint"]) for f in found] == [
        ("campaigns[0].start", line_of(text, "start: 春节-21"), message, hint)
    ]
    assert runner.invoke(app, ["check", "--strict", str(write("shop.yaml", text))]).exit_code == 1


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        ("5月第5个周日", "5月第5个周日", "not every month has a fifth one of a weekday; write the last one"),
        ("fifth Sunday of May", "母亲节", "not every month has a fifth one of a weekday"),
        ("13月第2个周日", "母亲节", "there is no month 13"),
        ("母亲节", "父亲节", "starts from 母亲节 and ends from 父亲节; count both days from one festival"),
        ("母亲节", "05-13", "mixes two kinds of day"),
        ("母亲节", "母亲节-1", "ends on 母亲节-1, before it starts on 母亲节"),
        ("second Sundy of May", "母亲节", "(七夕-9, 春节-21, 母亲节, 5月第2个周日-6, second Sunday of May)"),
    ],
)
def test_a_bad_weekday_day_names_its_line(tmp_path: Path, start: str, end: str, said: str) -> None:
    with pytest.raises(OpsplanError) as error:
        load_campaign(tmp_path, f"{{name: x, start: '{start}', end: '{end}'}}")
    assert "shop.yaml:7" in str(error.value) and said in str(error.value)


def test_a_bad_weekday_day_in_chinese(runner, write) -> None:
    text = CLEAN_PROFILE + "campaigns:\n  - {name: x, start: 5月第5个周日, end: 5月第5个周日}\n"
    result = runner.invoke(app, ["check", "--lang", "zh-CN", str(write("shop.yaml", text))])
    assert result.exit_code == 2
    assert f"shop.yaml:{line_of(text, '5月第5个周日')}" in result.output
    assert "不是每个月都有第5个周几；请写最后一个（5月最后一个周日）或第4个" in result.output


def test_the_schema_takes_the_forms_and_says_so_in_both_languages(runner) -> None:
    (festival,) = [
        shape
        for shape in profile_json_schema()["$defs"]["Campaign"]["properties"]["start"]["anyOf"]
        if "母亲节" in shape.get("description", "")
    ]
    pattern = re.compile(festival["pattern"])
    for written in ("母亲节-6", "5月第2个周日", "五月第二个星期日", "second Sunday of May", "Mother's Day", "七夕-9"):
        assert pattern.match(written), written
    zh = runner.invoke(app, ["schema", "--lang", "zh-CN"]).output
    assert "5月第2个周日" in zh and "母亲节-6、父亲节、教师节" in zh


def test_two_years_beyond_the_table_are_listed_in_the_language_of_messages() -> None:
    # window 2050-06-01 – 2052-05-31: 春节 2051 and 2052 are not tabled; 春节-21 could start in either
    campaigns = [{"name": "年货节", "start": "春节-21", "end": "春节-4"}]
    sections = {"plan": {**BASE["plan"], "start": "2050-06-01"}, "goals": goals({}, {}, {}), "campaigns": campaigns}
    with use(EN):
        (english,) = [f.message for f in plan(**sections).findings if f.code == "festival-beyond-table"]
    with use(ZH):
        (chinese,) = [f.message for f in plan(**sections).findings if f.code == "festival-beyond-table"]
    assert "could hold it in 2051, 2052 too" in english
    assert "内 2051、2052 年可能也有这个活动" in chinese
