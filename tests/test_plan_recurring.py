"""Campaigns that recur every year (``start: 05-13``): placed in each year of the plan window, dates by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from opsplan.errors import OpsplanError
from opsplan.monthday import MonthDay
from opsplan.plan.model import Plan
from tests._plan_helpers import BASE, codes, goals, load_campaign, plan, task, timeline

D = dt.date


def _plan_from(
    start: str,
    campaigns: list[dict[str, Any]],
    *tasks: dict[str, Any],
    months: int = 24,
    milestones: list[dict[str, Any]] | None = None,
) -> Plan:
    """Plan from ``start`` with a goals window of ``months`` (6, 12 or 24)."""
    horizons = {6: goals({}), 12: goals({}, {}), 24: goals({}, {}, {})}
    return plan(
        plan={**BASE["plan"], "start": start},
        goals=horizons[months],
        timeline=timeline(("p", list(tasks) or [task("t", 1)]), milestones=milestones),
        campaigns=campaigns,
    )


def _listed(p: Plan) -> list[tuple[str, dt.date, dt.date]]:
    return [(c.name, c.start, c.end) for c in p.campaigns]


@pytest.mark.parametrize("written", ["05-13", "5-13", "5/13", "5月13日", "5月13号", "０５－１３"])
def test_a_month_day_is_read_in_the_forms_people_write(written: str) -> None:
    p = _plan_from("2027-03-01", [{"name": "520", "start": written, "end": "05-20"}], months=12)
    # window 2027-03-01 – 2028-02-29: one May, 2027's
    assert _listed(p) == [("520", D(2027, 5, 13), D(2027, 5, 20))]


def test_a_recurring_campaign_is_placed_once_in_each_year_of_the_window() -> None:
    # start 2026-09-01, 24 months: the window is 2026-09-01 – 2028-08-31, which holds the Mays of 2027 and 2028
    # a 92-week task (644 days, to 2028-06-06) stretches the Gantt over both
    p = _plan_from("2026-09-01", [{"name": "520", "start": "05-13", "end": "05-20"}], task("long", 92))
    assert _listed(p) == [("520", D(2027, 5, 13), D(2027, 5, 20)), ("520", D(2028, 5, 13), D(2028, 5, 20))]
    # both show on the Gantt
    assert [(m.id, m.start) for m in p.gantt.campaigns] == [("520", D(2027, 5, 13)), ("520", D(2028, 5, 13))]


def test_a_window_across_new_year_takes_each_campaign_in_the_year_it_falls() -> None:
    # start 2026-11-01, 6 months: the window is 2026-11-01 – 2027-04-30.
    # 双12 falls in 2026, 年货节 and 38节 in 2027; 双11 starts on 10-20, before the window opens in 2026, and
    # in 2027 after it closes, so it is left out and reported.
    campaigns = [
        {"name": "双11", "start": "10-20", "end": "11-11"},
        {"name": "双12", "start": "12-01", "end": "12-12"},
        {"name": "年货节", "start": "01-05", "end": "01-22"},
        {"name": "38节", "start": "03-01", "end": "03-08"},
    ]
    p = _plan_from("2026-11-01", campaigns, months=6)
    assert _listed(p) == [
        ("双12", D(2026, 12, 1), D(2026, 12, 12)),
        ("年货节", D(2027, 1, 5), D(2027, 1, 22)),
        ("38节", D(2027, 3, 1), D(2027, 3, 8)),
    ]
    assert ("campaign-outside-window", "warning", "campaigns[0].start") in codes(p)


def test_a_campaign_across_the_year_end_runs_into_the_next_year() -> None:
    # 12-28 to 01-03: the end month-day comes before the start's, so the campaign ends in the next year.
    # Window 2027-03-01 – 2029-02-28: two runs, 2027-12-28 – 2028-01-03 and 2028-12-28 – 2029-01-03.
    # A 1-week task `on` it finishes on the first run's last day, 2028-01-03, and starts 6 days before.
    p = _plan_from("2027-03-01", [{"name": "跨年", "start": "12-28", "end": "01-03"}], {**task("eve", 1), "on": "跨年"})
    assert _listed(p) == [("跨年", D(2027, 12, 28), D(2028, 1, 3)), ("跨年", D(2028, 12, 28), D(2029, 1, 3))]
    (row,) = p.timeline.tasks
    assert (row.start, row.finish) == (D(2027, 12, 28), D(2028, 1, 3))


def test_anchored_work_takes_the_first_occurrence_it_fits() -> None:
    # start 2027-05-10: a 2-week task due before 520 (due 05-12) cannot start 14 days earlier, on 04-29,
    # before the plan; it takes 2028's run: due 2028-05-12, so 2028-04-29 – 2028-05-12 (2028 is a leap year,
    # which does not matter in May)
    p = _plan_from(
        "2027-05-10",
        [{"name": "520", "start": "05-13", "end": "05-20"}],
        {**task("prep", 2), "before": "520"},
    )
    (row,) = p.timeline.tasks
    assert (row.start, row.finish) == (D(2028, 4, 29), D(2028, 5, 12))
    assert row.anchor is not None and row.anchor.start == D(2028, 5, 13) and row.anchor.met


def test_a_recurring_campaign_the_window_does_not_contain_is_left_out_with_its_work_reported() -> None:
    # start 2027-06-01, 6 months: window 2027-06-01 – 2027-11-30 holds no May
    milestones = [{"id": "M1", "name": "peak", "after": ["peak"], "criteria": "done", "on": "520"}]
    p = _plan_from(
        "2027-06-01",
        [{"name": "520", "start": "05-13", "end": "05-20"}],
        task("a", 2),
        {**task("peak", 1, "a"), "on": "520"},
        months=6,
        milestones=milestones,
    )
    assert _listed(p) == []
    found = codes(p)
    assert ("campaign-outside-window", "warning", "campaigns[0].start") in found
    # the task is due on 2028-05-20, after the window: not applied, it follows its phase (after a, day 14)
    assert ("anchor-outside-window", "error", "timeline.phases[0].tasks[1].on") in found
    assert ("anchor-outside-window", "error", "timeline.milestones[0].on") in found
    peak = p.timeline.tasks[1]
    assert peak.start == D(2027, 6, 15)
    assert p.gantt.campaigns == []


def test_a_festival_campaign_follows_the_lunar_calendar() -> None:
    # 七夕 is 2027-08-08 and 2028-08-26 (the festival table); 七夕-9 to 七夕 is the 9 days before and the day.
    # Window 2027-03-01 – 2029-02-28: 2027-07-30 – 08-08 and 2028-08-17 – 08-26, not 2028-07-30 – 08-08.
    p = _plan_from("2027-03-01", [{"name": "七夕", "start": "七夕-9", "end": "七夕"}])
    assert _listed(p) == [("七夕", D(2027, 7, 30), D(2027, 8, 8)), ("七夕", D(2028, 8, 17), D(2028, 8, 26))]


def test_a_spring_festival_campaign_can_start_the_year_before() -> None:
    # 春节 2028 is 01-26: 春节-21 … 春节-4 is 2028-01-05 – 01-22; 春节 2027 is 02-06: 2027-01-16 – 02-02, before
    # the plan's start 2027-03-01. With a start of 2027-11-01 and 6 months, 2028's run is the one in the window.
    # English names count the same days: Spring Festival-21.
    for written in ("春节", "Spring Festival"):
        campaign = {"name": "年货节", "start": f"{written}-21", "end": f"{written}-4"}
        p = _plan_from("2027-11-01", [campaign], months=6)
        assert _listed(p) == [("年货节", D(2028, 1, 5), D(2028, 1, 22))]


def test_a_festival_outside_its_table_has_no_run_and_is_reported() -> None:
    # the festival tables end in 2050: a plan from 2051-01-01 for 6 months holds no 端午; it is reported as
    # beyond the table, not as outside the window (端午 falls between May 27 and June 24 in 2024–2050)
    p = _plan_from("2051-01-01", [{"name": "端午", "start": "端午-6", "end": "端午"}], months=6)
    assert _listed(p) == []
    found = codes(p)
    assert ("festival-beyond-table", "warning", "campaigns[0].start") in found
    assert ("campaign-outside-window", "warning", "campaigns[0].start") not in found


def test_a_retail_date_the_window_does_not_contain_behaves_the_same() -> None:
    # no profile campaign: `on: 520` takes the retail calendar's 520 (05-15 – 05-20), next in 2028, after the
    # window 2027-06-01 – 2027-11-30: not applied (the task starts with the plan), not listed, reported
    p = _plan_from("2027-06-01", [], {**task("peak", 1), "on": "520"}, months=6)
    (row,) = p.timeline.tasks
    assert row.start == D(2027, 6, 1)
    assert row.anchor is not None and (row.anchor.start, row.anchor.in_window) == (D(2028, 5, 15), False)
    assert _listed(p) == []
    assert ("anchor-outside-window", "error", "timeline.phases[0].tasks[0].on") in codes(p)


def test_full_dates_still_mean_one_campaign() -> None:
    p = _plan_from("2026-09-01", [{"name": "周年庆", "start": "2027-04-01", "end": "2027-04-03"}])
    assert _listed(p) == [("周年庆", D(2027, 4, 1), D(2027, 4, 3))]


def test_a_stated_gmv_is_held_to_each_year() -> None:
    # the campaign's default GMV is its first run's share of the trajectory; a stated one is checked elsewhere
    p = _plan_from("2026-09-01", [{"name": "520", "start": "05-13", "end": "05-20", "gmv": 1000}])
    assert [c.gmv for c in p.profile.campaigns] == [1000]
    assert p.profile.campaigns[0].start == MonthDay(5, 13)


@pytest.mark.parametrize(
    ("campaign", "said"),
    [
        # February 29 comes one year in four: a rule, not a guess
        ("{name: 闰日, start: 02-29, end: 03-01}", "February 29 does not come every year"),
        ("{name: x, start: 02-30, end: 03-01}", "'02-30' is not a day of the year"),
        ("{name: x, start: 13-01, end: 13-02}", "'13-01' is not a day of the year"),
        ("{name: x, start: 2027-05-13, end: 05-20}", "mixes two kinds of day"),
        ("{name: x, start: 七夕-2, end: 08-08}", "mixes two kinds of day"),
        ("{name: x, start: 七夕-2, end: 中秋}", "starts from 七夕 and ends from 中秋; count both days from one"),
        ("{name: x, start: 七夕, end: 七夕-2}", "ends on 七夕-2, before it starts on 七夕"),
        ("{name: x, start: 元宵-3, end: 元宵}", "or a festival or a weekday of a month and days (七夕-9, 春节-21"),
        ("{name: x, start: spring, end: 05-20}", "write YYYY-MM-DD for one date, MM-DD"),
        ("{name: x, start: 513, end: 05-20}", "write YYYY-MM-DD for one date, MM-DD"),
    ],
)
def test_a_bad_campaign_day_names_its_line_and_the_forms(tmp_path: Path, campaign: str, said: str) -> None:
    with pytest.raises(OpsplanError) as error:
        load_campaign(tmp_path, campaign)
    assert "shop.yaml:7" in str(error.value) and said in str(error.value)
    assert "campaigns[0]" in str(error.value)


def test_a_leap_day_as_a_full_date_is_one_campaign(tmp_path: Path) -> None:
    load_campaign(tmp_path, "{name: 闰日, start: 2028-02-29, end: 2028-02-29}")
