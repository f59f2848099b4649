"""The Gantt model and the campaign calendar (BRIEF §5.7, issue 3 §8)."""

from __future__ import annotations

import datetime as dt

import pytest

from opsplan.festivals import QIXI, SPRING_FESTIVAL
from opsplan.plan.gantt import MAX_COLUMNS, Axis
from opsplan.plan.model import Plan
from tests._plan_helpers import goals, plan, task, timeline

NO_BUFFER = {"critical": 0, "feeding": 0}


START = dt.date(2027, 3, 1)


@pytest.mark.parametrize(
    ("last", "unit", "step", "count"),
    [
        # 1 day: one week column
        (dt.date(2027, 3, 1), "week", 1, 1),
        # 224 days = 32 weeks: the most week columns
        (START + dt.timedelta(days=223), "week", 1, 32),
        # 225 days need 33 weeks: months 2027-03 … 2027-10 (the last day is 2027-10-11) = 8 columns
        (START + dt.timedelta(days=224), "month", 1, 8),
        # 2027-03 … 2029-10 = 10 + 12 + 10 = 32 months
        (dt.date(2029, 10, 31), "month", 1, 32),
        # one day more is 33 months: quarters 2027-Q1 … 2029-Q4 = 12
        (dt.date(2029, 11, 1), "quarter", 1, 12),
        # 2027-Q1 … 2034-Q4 = 8 years × 4 = 32 quarters
        (dt.date(2034, 12, 31), "quarter", 1, 32),
        # 2035-Q1 is the 33rd: years 2027 … 2035 = 9
        (dt.date(2035, 1, 1), "year", 1, 9),
        # 2027 … 2058 = 32 years
        (dt.date(2058, 12, 31), "year", 1, 32),
        # 2027 … 2059 = 33 years: two a column, ceil(33 / 2) = 17
        (dt.date(2059, 1, 1), "year", 2, 17),
        # the longest timeline, 18,262 days (limits.MAX_TIMELINE_DAYS), plus a 10% buffer of 1,827 days ends on
        # 2082-02-28: 2027 … 2082 = 56 years, two a column = 28
        (START + dt.timedelta(days=18_262 + 1_827 - 1), "year", 2, 28),
    ],
)
def test_the_unit_is_the_finest_that_fits_32_columns(last: dt.date, unit: str, step: int, count: int) -> None:
    axis = Axis(START, last)
    assert (axis.unit, axis.step, len(axis.columns)) == (unit, step, count)
    assert axis.columns[0].start == START and axis.columns[-1].start <= last <= axis.columns[-1].end


def test_no_chart_has_more_than_32_columns_from_one_week_to_fifty_years() -> None:
    lengths = sorted({7 * w for w in range(1, 60)} | {round(1.13**k) for k in range(1, 82)} | {20_089})
    assert lengths[-1] == 20_089 and len(lengths) > 100
    for days in lengths:
        axis = Axis(START, START + dt.timedelta(days=days - 1))
        assert 1 <= len(axis.columns) <= MAX_COLUMNS, days
        # the columns tile the span: each starts the day after the previous one ends
        assert all(
            b.start == a.end + dt.timedelta(days=1) for a, b in zip(axis.columns, axis.columns[1:], strict=False)
        )


def test_quarter_and_year_columns_are_calendar_periods() -> None:
    quarters = Axis(START, dt.date(2029, 11, 1)).columns
    # the first quarter starts on the plan's start, the next on 1 April
    assert [(c.label, c.start, c.end) for c in quarters[:2]] == [
        ("2027-Q1", START, dt.date(2027, 3, 31)),
        ("2027-Q2", dt.date(2027, 4, 1), dt.date(2027, 6, 30)),
    ]
    years = Axis(START, dt.date(2059, 1, 1)).columns
    assert [(c.label, c.start, c.end) for c in (years[0], years[-1])] == [
        ("2027–2028", START, dt.date(2028, 12, 31)),
        ("2059–2060", dt.date(2059, 1, 1), dt.date(2060, 12, 31)),
    ]
    assert Axis(START, dt.date(2059, 1, 1)).column(dt.date(2030, 6, 1)) == 1  # 2029–2030


def test_52_week_plan_has_month_columns() -> None:
    g = plan(timeline=timeline(("p", [task("a", 52)]), buffers=NO_BUFFER)).gantt
    # 364 days from 2027-03-01 end 2028-02-28: 52 weeks > 32, months 2027-03 … 2028-02 = 12
    assert g.unit == "month" and len(g.columns) == 12 and not g.split
    assert [g.columns[0].label, g.columns[-1].label] == ["2027-03", "2028-02"]
    assert g.rows[0].active == list(range(12)) and g.rows[0].critical


def test_32_week_plan_has_week_columns() -> None:
    g = plan(timeline=timeline(("p", [task("a", 32)]), buffers=NO_BUFFER)).gantt
    # 224 days: 32 week columns, W32 from 2027-03-01 + 31 × 7 = 217 days = 2027-10-04
    assert g.unit == "week" and len(g.columns) == 32
    assert (g.columns[-1].label, g.columns[-1].start) == ("W32", dt.date(2027, 10, 4))


def test_buffer_counts_towards_the_week_limit() -> None:
    # 29 weeks = 203 days + ceil(20.3) = 21 buffer = 224: 32 weeks
    assert (lambda g: (g.unit, len(g.columns)))(plan(timeline=timeline(("p", [task("a", 29)]))).gantt) == ("week", 32)
    # 30 weeks = 210 + 21 = 231 days > 224: months
    assert plan(timeline=timeline(("p", [task("a", 30)]))).gantt.unit == "month"


def test_a_long_plan_is_split_into_a_summary_and_a_chart_per_phase() -> None:
    p = plan(
        timeline=timeline(
            ("p1", [task("a", 10)]),
            ("p2", [task("b", 100), task("c", 20)]),
            ("p3", [task("d", 50)]),
            milestones=[{"id": "M1", "name": "m", "after": ["p2.b"], "criteria": "x"}],
        )
    )
    g = p.gantt
    # 160 critical weeks = 1,120 days + ceil(112.0) = 112 buffer: 2027-03-01 … 2030-07-14, 41 months > 32,
    # so quarters 2027-Q1 … 2030-Q3 = 15, and split
    assert (g.unit, len(g.columns), g.split) == ("quarter", 15, True)
    assert g.summary is not None
    # one bar a phase: p1 days 0-69 (2027-Q1, Q2), p2 70-769 (2027-05-10 … 2029-04-08: Q2 2027 … Q2 2029),
    # p3 770-1119 (2029-04-09 … 2030-03-24: Q2 2029 … Q1 2030); every phase holds a critical task
    assert [(r.task, r.active, r.critical, r.phase_index) for r in g.summary.rows] == [
        ("p1", [0, 1], True, 0),
        ("p2", list(range(1, 10)), True, 1),
        ("p3", list(range(9, 13)), True, 2),
    ]
    # each phase on its own axis: p1 70 days = 10 weeks; p2 700 days = 100 weeks > 32, months
    # 2027-05 … 2029-04 = 24; p3 350 days = 50 weeks, months 2029-04 … 2030-03 = 12
    assert [(c.key, c.unit, len(c.columns)) for c in g.phases] == [
        ("p1", "week", 10),
        ("p2", "month", 24),
        ("p3", "month", 12),
    ]
    p2 = g.phases[1]
    assert [(r.task, r.critical) for r in p2.rows] == [("p2.b", True), ("p2.c", False)]
    # M1 closes p2.b (day 769, 2029-04-08): drawn on p2's chart only, in its last month
    assert [(m.id, m.columns) for m in p2.milestones] == [("M1", [23])]
    assert [m.id for c in g.phases for m in c.milestones] == ["M1"]


def test_more_than_40_tasks_are_split_even_when_short() -> None:
    tasks = [task(f"t{i}", 1) for i in range(41)]
    g = plan(timeline=timeline(("p", tasks))).gantt
    # 41 one-week tasks side by side: 7 days + 1 buffer day, on the axis of the 6-month plan window
    # (2027-03-01 … 2027-08-31, 184 days = 26 weeks and 2 days: 27 weeks); 41 rows > 40, so split
    assert (g.unit, len(g.columns), g.split) == ("week", 27, True)
    # the phase's chart covers the phase only: 2027-03-01 … 03-07, W1
    assert [(len(c.rows), [col.label for col in c.columns]) for c in g.phases] == [(41, ["W1"])]
    assert not plan(timeline=timeline(("p", tasks[:40]))).gantt.split


def test_month_columns_from_a_mid_month_start() -> None:
    base = {"title": "t", "locale": "en", "start": "2027-03-15", "kind": "custom"}
    g = plan(plan=base, timeline=timeline(("p", [task("a", 60)]), buffers=NO_BUFFER)).gantt
    # first column starts on the plan start, not on the 1st
    assert g.columns[0].start == dt.date(2027, 3, 15) and g.columns[1].start == dt.date(2027, 4, 1)


def test_rows_milestones_and_campaigns_on_one_axis() -> None:
    p = plan(
        timeline=timeline(
            ("p", [task("a", 1), task("b", 2, "a"), task("c", 1)]),
            milestones=[{"id": "M1", "name": "m", "after": ["b"], "criteria": "x"}],
        ),
        campaigns=[
            {"name": "spring sale", "start": "2027-03-10", "end": "2027-03-12"},
            {"name": "long run", "start": "2027-03-20", "end": "2027-05-01"},
            {"name": "far away", "start": "2027-08-30", "end": "2027-08-31"},
        ],
    )
    g = p.gantt
    # a 0–7 (W1), b 7–21 (W2–W3), c 0–7 (W1, not critical); 21 days + 3 buffer = 24 days, but the axis covers
    # the 6-month plan window, 2027-03-01 … 2027-08-31: 184 days, 27 weeks, W27 from 03-01 + 26 × 7 = 08-30
    assert (len(g.columns), g.columns[-1].label, g.columns[-1].start) == (27, "W27", dt.date(2027, 8, 30))
    assert [(r.task, r.active, r.critical) for r in g.rows] == [
        ("p.a", [0], True),
        ("p.b", [1, 2], True),
        ("p.c", [0], False),
    ]
    # M1 on day 20 = 2027-03-21, in W3
    assert [(m.id, m.columns) for m in g.milestones] == [("M1", [2])]
    # 03-10 … 03-12 is in W2 (03-08 … 03-14); 03-20 … 05-01 is W3 (day 19) … W9 (day 61 = 05-01, 61 // 7 = 8);
    # 08-30 … 08-31 is in the window, on the last week, W27: every campaign of the window is on the chart
    assert [(c.id, c.columns) for c in g.campaigns] == [
        ("spring sale", [1]),
        ("long run", list(range(2, 9))),
        ("far away", [26]),
    ]
    assert [c.name for c in p.campaigns] == ["spring sale", "long run", "far away"]


def test_lunar_dates() -> None:
    # 七夕 (7th of the 7th lunar month) and the Spring Festival, 2026–2030, from the almanac tables
    assert [QIXI[y] for y in range(2026, 2031)] == [
        dt.date(2026, 8, 19),
        dt.date(2027, 8, 8),
        dt.date(2028, 8, 26),
        dt.date(2029, 8, 16),
        dt.date(2030, 8, 5),
    ]
    assert [SPRING_FESTIVAL[y] for y in range(2026, 2031)] == [
        dt.date(2026, 2, 17),
        dt.date(2027, 2, 6),
        dt.date(2028, 1, 26),
        dt.date(2029, 2, 13),
        dt.date(2030, 2, 3),
    ]


def retail_plan(start: str, months: int, locale: str = "zh-CN", campaigns: list[dict[str, str]] | None = None) -> Plan:
    info = {"title": "t", "locale": locale, "start": start, "kind": "custom", "retail_calendar": True}
    return plan(plan=info, goals=goals({}, months=(months, 12, 24)), campaigns=campaigns or [])


def test_retail_calendar_inside_the_window() -> None:
    p = retail_plan("2027-03-01", 6)
    # window 2027-03-01 … 2027-08-31: 38节 (03-01…03-08), 520, 618, 七夕 (peak 2027-08-08)
    assert [(c.name, c.start, c.end) for c in p.campaigns] == [
        ("38节", dt.date(2027, 3, 1), dt.date(2027, 3, 8)),
        ("520", dt.date(2027, 5, 15), dt.date(2027, 5, 20)),
        ("618", dt.date(2027, 6, 1), dt.date(2027, 6, 18)),
        ("七夕", dt.date(2027, 8, 2), dt.date(2027, 8, 8)),
    ]
    assert {c.source for c in p.campaigns} == {"retail"}
    en = retail_plan("2027-03-01", 6, locale="en")
    assert [c.key for c in en.campaigns] == ["womens_day", "520", "618", "qixi"]
    assert en.campaigns[3].name == "Qixi (Chinese Valentine's Day)"


def test_retail_calendar_around_the_spring_festival() -> None:
    p = retail_plan("2027-12-01", 3)
    # window 2027-12-01 … 2028-02-29; Spring Festival 2028-01-26, 年货节 35 to 8 days before it
    assert [(c.name, c.start, c.end) for c in p.campaigns] == [
        ("双12", dt.date(2027, 12, 1), dt.date(2027, 12, 12)),
        ("年货节", dt.date(2027, 12, 22), dt.date(2028, 1, 18)),
        ("情人节", dt.date(2028, 2, 10), dt.date(2028, 2, 14)),
    ]


def test_profile_campaign_replaces_the_retail_one() -> None:
    p = retail_plan("2027-03-01", 6, campaigns=[{"name": "618年中大促", "start": "2027-06-01", "end": "2027-06-20"}])
    assert [(c.name, c.source) for c in p.campaigns if "618" in c.name] == [("618年中大促", "profile")]


def test_no_retail_calendar_unless_asked() -> None:
    assert plan().campaigns == []


def test_a_phase_chart_counts_weeks_as_the_plan_does() -> None:
    p = plan(timeline=timeline(("p1", [task("a", 150), task("a2", 0.5, "a")]), ("p2", [task("b", 2)])))
    g = p.gantt
    # a: days 0–1049; a2: round(3.5) = 4 days, 1050–1053; b: 14 days, 1054–1067. Buffer ceil(106.8) = 107 days:
    # 2027-03-01 … 2030-05-18 is 39 months > 32, so quarters, and split
    assert (g.unit, g.split) == ("quarter", True)
    p2 = g.phases[1]
    # p2 starts on day 1054 = 2030-01-18, in plan week 1054 // 7 + 1 = 151 (days 1050–1056), and ends on day
    # 1067 = 2030-01-31, in week 1067 // 7 + 1 = 153; week 152 starts on day 151 × 7 = 1057 = 2030-01-21
    assert [(c.label, c.start, c.end) for c in p2.columns] == [
        ("W151", dt.date(2030, 1, 18), dt.date(2030, 1, 20)),
        ("W152", dt.date(2030, 1, 21), dt.date(2030, 1, 27)),
        ("W153", dt.date(2030, 1, 28), dt.date(2030, 2, 3)),
    ]
    assert p2.rows[0].active == [0, 1, 2]
    # p1's chart (days 0–1053) is in months: 2027-03 … 2030-01 = 35 > 32, so quarters 2027-Q1 … 2030-Q1 = 13
    assert (g.phases[0].unit, len(g.phases[0].columns)) == ("quarter", 13)


def test_the_chart_covers_the_plan_window_and_every_campaign_in_it() -> None:
    p = plan(
        plan={**plan().profile.plan.model_dump(mode="json", exclude_none=True), "start": "2027-01-01"},
        goals=goals({}, {}, {}),
        timeline=timeline(("p", [task("a", 4)])),
        campaigns=[{"name": "520", "start": "05-20", "end": "05-20"}],
    )
    g = p.gantt
    # a 4-week schedule, but the window runs 24 months, 2027-01-01 … 2028-12-31: 24 month columns
    assert (g.unit, len(g.columns)) == ("month", 24)
    assert [c.label for c in (g.columns[0], g.columns[-1])] == ["2027-01", "2028-12"]
    # 520 on 2027-05-20 and 2028-05-20: the fifth month (index 4) and the seventeenth (12 + 4 = 16)
    marks = [("520", dt.date(2027, 5, 20), [4]), ("520", dt.date(2028, 5, 20), [16])]
    assert [(c.id, c.start, c.columns) for c in g.campaigns] == marks
    # the task: 2027-01-01 … 01-28, January only
    assert g.rows[0].active == [0]
    # the schedule alone (28 days + a ceil(2.8) = 3-day buffer) reads in weeks, which months would hide: split,
    # the summary on the window's months with both 520s, the phase on its own weeks W1–W4 (01-01 … 01-28)
    assert g.split and g.summary is not None
    assert [(c.id, c.start, c.columns) for c in g.summary.campaigns] == marks
    assert [(c.unit, [col.label for col in c.columns]) for c in g.phases] == [("week", ["W1", "W2", "W3", "W4"])]


def test_a_phase_chart_shows_the_campaigns_in_its_span() -> None:
    tasks = [task(f"t{i}", 1) for i in range(41)]
    p = plan(
        timeline=timeline(("p1", tasks), ("p2", [task("b", 2)])),
        campaigns=[{"name": "sale", "start": "2027-03-10", "end": "2027-03-11"}],
    )
    g = p.gantt
    # 42 tasks > 40: split. p1 runs days 0–6 (2027-03-01 … 03-07, W1), p2 days 7–20 (03-08 … 03-21, W2–W3)
    assert g.split and [[c.label for c in chart.columns] for chart in g.phases] == [["W1"], ["W2", "W3"]]
    # the sale (03-10 … 03-11, days 9–10) is in W2: on p2's chart and the summary, not on p1's
    assert [[(m.id, m.columns) for m in chart.campaigns] for chart in g.phases] == [[], [("sale", [0])]]
    assert g.summary is not None and [(m.id, m.columns) for m in g.summary.campaigns] == [("sale", [1])]
