"""The Gantt model and the campaign calendar (BRIEF §5.7, issue 3 §8)."""

from __future__ import annotations

import datetime as dt

from _plan_helpers import goals, plan, task, timeline
from opsplan.plan.calendar import QIXI, SPRING_FESTIVAL
from opsplan.plan.model import Plan

NO_BUFFER = {"critical": 0, "feeding": 0}


def test_52_week_plan_has_week_columns() -> None:
    g = plan(timeline=timeline(("p", [task("a", 52)]), buffers=NO_BUFFER)).gantt
    # 52 × 7 = 364 days ≤ 364: one column per week
    assert g.unit == "week" and len(g.columns) == 52
    assert (g.columns[0].label, g.columns[0].start, g.columns[0].end) == (
        "W1",
        dt.date(2027, 3, 1),
        dt.date(2027, 3, 7),
    )
    # W52 starts 2027-03-01 + 51 × 7 = 357 days = 2028-02-21
    assert (g.columns[-1].label, g.columns[-1].start) == ("W52", dt.date(2028, 2, 21))
    assert g.rows[0].active == list(range(52)) and g.rows[0].critical


def test_60_week_plan_has_month_columns() -> None:
    g = plan(timeline=timeline(("p", [task("a", 60)]), buffers=NO_BUFFER)).gantt
    # 420 days from 2027-03-01 ends 2028-04-23 (2028 is a leap year): months 2027-03 … 2028-04 = 14
    assert g.unit == "month" and len(g.columns) == 14
    assert [g.columns[0].label, g.columns[-1].label] == ["2027-03", "2028-04"]
    assert g.columns[-1].end == dt.date(2028, 4, 30)
    assert g.rows[0].active == list(range(14))


def test_buffer_counts_towards_the_week_limit() -> None:
    # 47 weeks = 329 days + ceil(32.9) = 33 buffer = 362 ≤ 364: weeks (ceil(362 / 7) = 52 columns)
    g47 = plan(timeline=timeline(("p", [task("a", 47)]))).gantt
    assert (g47.unit, len(g47.columns)) == ("week", 52)
    # 48 weeks = 336 + ceil(33.6) = 34 = 370 > 364: months
    assert plan(timeline=timeline(("p", [task("a", 48)]))).gantt.unit == "month"


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
            {"name": "far away", "start": "2027-09-01", "end": "2027-09-02"},
        ],
    )
    g = p.gantt
    # a 0–7 (W1), b 7–21 (W2–W3), c 0–7 (W1, not critical); 21 days + 3 buffer = 24 → 4 weeks
    assert len(g.columns) == 4
    assert [(r.task, r.active, r.critical) for r in g.rows] == [
        ("p.a", [0], True),
        ("p.b", [1, 2], True),
        ("p.c", [0], False),
    ]
    # M1 on day 20 = 2027-03-21, in W3
    assert [(m.id, m.columns) for m in g.milestones] == [("M1", [2])]
    # 03-10 … 03-12 is in W2; 03-20 … 05-01 is clipped to W3–W4; 09-01 is off the axis
    assert [(c.id, c.columns) for c in g.campaigns] == [("spring sale", [1]), ("long run", [2, 3])]
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
