"""Dated work: tasks and milestones anchored to a date or campaign (issue 12.4), dates worked by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from opsplan.errors import OpsplanError
from opsplan.load import load_profile
from opsplan.plan import Plan, build_plan
from opsplan.presets import LOCALES, preset_names, preset_path
from tests._plan_helpers import BASE, codes, goals, plan, task, timeline

D = dt.date


def _plan_from(
    start: str,
    *tasks: dict[str, Any],
    milestones: list[dict[str, Any]] | None = None,
    campaigns: list[dict[str, str]] | None = None,
) -> Plan:
    return plan(
        plan={**BASE["plan"], "start": start},
        goals=goals({}, {}, months=(6, 12, 24)),
        timeline=timeline(("p", list(tasks)), milestones=milestones),
        campaigns=campaigns or [],
    )


def test_a_520_task_lands_in_the_may_inside_the_plan_window() -> None:
    # start 2026-09-01, no profile campaign: the retail 520 window of 2027 is 05-15 – 05-20.
    # `on` ends the task on the last day, 2027-05-20; 3 weeks = 21 days, so it starts 05-20 − 20 days = 04-30.
    p = _plan_from("2026-09-01", {**task("peak", 3), "on": "520"})
    (row,) = p.timeline.tasks
    assert (row.start, row.finish) == (D(2027, 4, 30), D(2027, 5, 20))
    assert row.anchor is not None and (row.anchor.start, row.anchor.end, row.anchor.met) == (
        D(2027, 5, 15),
        D(2027, 5, 20),
        True,
    )
    # 2026-09-01 → 2027-04-30 is 241 days (30 + 31 + 30 + 31 + 31 + 28 + 31 + 29)
    assert row.es == 241
    # the anchored retail date joins the campaign list, so the Gantt and the campaign table show it
    assert [(c.name, c.start) for c in p.campaigns] == [("520 (May 20)", D(2027, 5, 15))]


def test_a_recurring_campaign_is_taken_in_the_first_year_the_task_fits() -> None:
    # start 2027-06-01: 520 of 2027 has passed, so the task goes to 2028-05-20, inside the 24-month window
    p = _plan_from("2027-06-01", {**task("peak", 1), "on": "520"})
    (row,) = p.timeline.tasks
    assert (row.start, row.finish) == (D(2028, 5, 14), D(2028, 5, 20))
    assert "anchor-outside-window" not in [c for c, _, _ in codes(p)]


def test_before_ends_the_day_before_the_campaign_starts() -> None:
    # 618 runs 2027-06-01 – 06-18; `before` makes 2027-05-31 the last day; 1 week = 7 days from 05-25
    p = _plan_from("2027-03-01", {**task("stock", 1), "before": "618"})
    (row,) = p.timeline.tasks
    assert (row.start, row.finish) == (D(2027, 5, 25), D(2027, 5, 31))


def test_a_profile_campaign_of_the_same_event_wins_over_the_retail_calendar() -> None:
    campaigns = [{"name": "618年中大促", "start": "2027-06-10", "end": "2027-06-20"}]
    p = _plan_from("2027-03-01", {**task("run", 1), "on": "618"}, campaigns=campaigns)
    (row,) = p.timeline.tasks
    assert row.finish == D(2027, 6, 20)
    assert row.anchor is not None and row.anchor.campaign == "618年中大促"


def test_an_anchored_task_has_no_float_and_its_predecessor_waits() -> None:
    # a: days 0–13; b waits for a and is due 2027-04-30 (day 60): ES = 61 − 7 = 54, float 0.
    # a may finish as late as b's start, day 54: LF 54, LS 40, float 40.
    p = _plan_from("2027-03-01", task("a", 2), {**task("b", 1, "a"), "on": "2027-04-30"})
    a, b = p.timeline.tasks
    assert (b.es, b.ef, b.float_days, b.critical) == (54, 61, 0, True)
    assert (a.lf, a.float_days) == (54, 40)


def test_dependencies_win_and_the_missed_date_is_reported() -> None:
    # a: 4 weeks, days 0–27 (to 2027-03-28); b is due 2027-03-20 but cannot start before 03-29: it runs 03-29 – 04-04
    p = _plan_from("2027-03-01", task("a", 4), {**task("b", 1, "a"), "on": "2027-03-20"})
    b = p.timeline.tasks[1]
    assert (b.start, b.finish) == (D(2027, 3, 29), D(2027, 4, 4))
    assert b.anchor is not None and not b.anchor.met
    assert ("anchor-missed", "error", "timeline.phases[0].tasks[1].on") in codes(p)
    # the missed task keeps the schedule's rule: no float below zero
    assert b.float_days == 0


def test_a_campaign_the_window_does_not_contain_is_reported() -> None:
    campaigns = [{"name": "周年庆", "start": "2026-11-01", "end": "2026-11-03"}]
    p = _plan_from("2027-03-01", {**task("party", 1), "on": "周年庆"}, campaigns=campaigns)
    assert ("anchor-outside-window", "error", "timeline.phases[0].tasks[0].on") in codes(p)
    # not applied: the task keeps its place at the plan start
    assert p.timeline.tasks[0].start == D(2027, 3, 1)


def test_a_milestone_after_its_campaign_is_reported() -> None:
    # the task ends 2027-03-14; the milestone must be reached before 2027-03-10 (due 03-09)
    p = _plan_from(
        "2027-03-01",
        task("a", 2),
        milestones=[{"id": "M1", "name": "ready", "after": ["a"], "criteria": "ok", "before": "2027-03-10"}],
    )
    (m,) = p.timeline.milestones
    assert m.date == D(2027, 3, 14) and m.anchor is not None and m.anchor.due == D(2027, 3, 9)
    assert ("milestone-after-campaign", "error", "timeline.milestones[0].before") in codes(p)


def test_an_anchor_naming_nothing_is_a_load_error_with_its_line(tmp_path: Path) -> None:
    text = (
        "version: 1\nplan: {title: t, start: 2027-03-01, kind: custom}\nshop: {name: s, platform: douyin}\n"
        "goals: {short: {months: 6, targets: {followers: 10}}}\nbudget: {total: 100, months: 6}\n"
        "timeline:\n  phases:\n    - id: p\n      name: P\n      tasks:\n"
        "        - {id: a, name: A, weeks: 1, on: '521'}\n"
    )
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OpsplanError) as error:
        load_profile(path)
    assert "shop.yaml:11" in str(error.value) and "'521' names no campaign" in str(error.value)


def test_on_and_before_together_are_refused() -> None:
    with pytest.raises(ValueError, match="both `on` and `before`"):
        _plan_from("2027-03-01", {**task("a", 1), "on": "520", "before": "618"})


@pytest.mark.parametrize(("name", "locale"), [(n, loc) for n in preset_names() for loc in LOCALES])
def test_every_preset_keeps_its_campaign_work_inside_the_campaigns_with_an_earlier_start(
    name: str, locale: str
) -> None:
    # the edit a new user makes: the plan starts 2026-09-01 instead of the preset's date; campaign work follows
    # its campaign (the presets' campaigns are in 2027), and nothing about dated work is reported
    path = preset_path(name, locale)
    assert path is not None
    preset = load_profile(path)
    moved = preset.model_copy(update={"plan": preset.plan.model_copy(update={"start": D(2026, 9, 1)})})
    p = build_plan(moved)
    for row in p.timeline.tasks:
        if row.anchor is not None:
            assert row.anchor.met and row.anchor.in_window, row.id
            assert row.anchor.start <= row.finish <= row.anchor.end, row.id
    assert not [f for f in p.findings if f.code.startswith(("anchor-", "milestone-after"))]
