"""The critical path method, buffers, dates and milestones (BRIEF §5.6)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsplan.errors import PlanError
from opsplan.plan import build_plan
from opsplan.plan.model import Plan, TaskRow
from opsplan.plan.timeline import buffer_days, duration_days
from opsplan.profile import Profile
from tests._plan_helpers import BASE, codes, goals, plan, task, timeline


def by_id(p: Plan) -> dict[str, TaskRow]:
    return {t.id: t for t in p.timeline.tasks}


def cpm(t: TaskRow) -> tuple[int, int, int, int, int, bool]:
    return (t.es, t.ef, t.ls, t.lf, t.float_days, t.critical)


def test_durations_and_buffer_rounding() -> None:
    assert [duration_days(w) for w in (1, 2.5, 0.1, 0.01, 1.07)] == [7, 18, 1, 1, 7]  # round(17.5) = 18
    # 0.1 × 70 is 7.000000000000001 in floating point; the buffer must still be 7
    assert buffer_days(0.1, 70) == 7
    assert buffer_days(0.1, 71) == 8
    assert buffer_days(0.05, 0) == 0


def test_single_task() -> None:
    p = plan(timeline=timeline(("only", [task("a", 2)])))
    (t,) = p.timeline.tasks
    # 2 weeks = 14 days: 2027-03-01 … 2027-03-14 inclusive
    assert cpm(t) == (0, 14, 0, 14, 0, True)
    assert (t.start, t.finish) == (dt.date(2027, 3, 1), dt.date(2027, 3, 14))
    tl = p.timeline
    assert tl.critical_path == ["only.a"] and tl.length_days == 14
    # project buffer ceil(0.1 × 14) = ceil(1.4) = 2; end with buffer 2027-03-16
    assert tl.buffer_days == 2
    assert (tl.end, tl.end_with_buffer) == (dt.date(2027, 3, 14), dt.date(2027, 3, 16))
    assert tl.feeding_buffers == []


def test_task_without_after_follows_previous_phase() -> None:
    p = plan(
        timeline=timeline(
            ("prep", [task("hire", 2), task("setup", 1, "hire")]),
            ("build", [task("groups", 3)]),
            milestones=[{"id": "M1", "name": "done", "after": ["groups"], "criteria": "10 groups"}],
        )
    )
    t = by_id(p)
    # hire 0–14, setup 14–21, groups waits for the whole prep phase: 21–42
    assert cpm(t["prep.hire"]) == (0, 14, 0, 14, 0, True)
    assert cpm(t["prep.setup"]) == (14, 21, 14, 21, 0, True)
    assert cpm(t["build.groups"]) == (21, 42, 21, 42, 0, True)
    assert t["build.groups"].follows_phase == "prep" and t["build.groups"].after == []
    assert t["prep.setup"].after == ["prep.hire"] and t["prep.setup"].follows_phase is None
    # 2027-03-01 + 21 days = 2027-03-22; finish 2027-03-22 + 21 − 1 = 2027-04-11
    assert (t["build.groups"].start, t["build.groups"].finish) == (dt.date(2027, 3, 22), dt.date(2027, 4, 11))
    tl = p.timeline
    assert tl.critical_path == ["prep.hire", "prep.setup", "build.groups"]
    assert tl.buffer_days == 5  # ceil(0.1 × 42) = ceil(4.2)
    assert tl.end_with_buffer == dt.date(2027, 4, 16)  # 2027-03-01 + 47 − 1
    (m,) = tl.milestones
    assert (m.day, m.date, m.after) == (42, dt.date(2027, 4, 11), ["build.groups"])
    prep, build = tl.phases
    assert (prep.es, prep.ef, build.es, build.ef) == (0, 21, 21, 42)


def test_parallel_chains_of_equal_length_are_both_critical() -> None:
    p = plan(timeline=timeline(("p", [task("a", 2), task("b", 1, "a"), task("c", 1), task("d", 2, "c")])))
    t = by_id(p)
    # a 0–14 → b 14–21; c 0–7 → d 7–21: both chains 21 days, no float anywhere
    assert cpm(t["p.a"]) == (0, 14, 0, 14, 0, True)
    assert cpm(t["p.b"]) == (14, 21, 14, 21, 0, True)
    assert cpm(t["p.c"]) == (0, 7, 0, 7, 0, True)
    assert cpm(t["p.d"]) == (7, 21, 7, 21, 0, True)
    # ordered by earliest start (then earliest finish)
    assert p.timeline.critical_path == ["p.c", "p.a", "p.d", "p.b"]
    assert p.timeline.length_days == 21 and p.timeline.feeding_buffers == []


def test_task_depending_on_two_phases_and_feeding_buffer() -> None:
    p = plan(
        timeline=timeline(
            ("A", [task("a1", 1), task("a2", 3)]),
            ("B", [task("b1", 1, "a1")]),
            ("C", [task("c1", 1, "a2", "B.b1")]),
        )
    )
    t = by_id(p)
    # a1 0–7, a2 0–21, b1 7–14 (after a1 only), c1 waits for a2 (A) and b1 (B): starts max(21, 14) = 21
    assert cpm(t["C.c1"]) == (21, 28, 21, 28, 0, True)
    assert t["C.c1"].after == ["A.a2", "B.b1"]
    # b1 must finish by 21: LS 14, float 7; a1 must finish by 14: float 7
    assert cpm(t["B.b1"]) == (7, 14, 14, 21, 7, False)
    assert cpm(t["A.a1"]) == (0, 7, 7, 14, 7, False)
    assert p.timeline.critical_path == ["A.a2", "C.c1"]
    # the non-critical chain a1 → b1 (14 days) joins c1: feeding buffer ceil(0.05 × 14) = 1
    (fb,) = p.timeline.feeding_buffers
    assert (fb.chain, fb.joins, fb.chain_days, fb.days) == (["A.a1", "B.b1"], "C.c1", 14, 1)


def test_feeding_buffer_through_a_phase_end() -> None:
    p = plan(
        timeline=timeline(
            ("p", [task("a", 4), task("c", 1), task("d", 1, "c")]),
            ("q", [task("e", 1)]),
            buffers={"critical": 0.1, "feeding": 0.2},
        )
    )
    t = by_id(p)
    # a 0–28 is critical; c 0–7 → d 7–14 has 14 days of float; e follows phase p: 28–35
    assert cpm(t["p.d"]) == (7, 14, 21, 28, 14, False)
    (fb,) = p.timeline.feeding_buffers
    # chain c → d (14 days) hands over to e through the end of phase p: ceil(0.2 × 14) = ceil(2.8) = 3
    assert (fb.chain, fb.joins, fb.chain_days, fb.days) == (["p.c", "p.d"], "q.e", 14, 3)


def test_empty_phase_is_passed_through() -> None:
    p = plan(timeline=timeline(("a", [task("x", 1)]), ("b", []), ("c", [task("y", 1)])))
    # y follows phase b, which is empty and so ends when phase a ends: y 7–14
    assert cpm(by_id(p)["c.y"]) == (7, 14, 7, 14, 0, True)


def test_cycle_is_an_error_naming_it() -> None:
    profile_timeline = timeline(
        ("prep", [task("hire", 2, "build.groups"), task("setup", 1, "hire")]),
        ("build", [task("groups", 3)]),
    )
    # groups follows phase prep (so waits for hire), and hire waits for groups
    with pytest.raises(PlanError, match="prep.hire → build.groups → prep.hire"):
        plan(timeline=profile_timeline)


def test_self_and_two_task_cycles() -> None:
    with pytest.raises(PlanError, match=r"p\.a → p\.a"):
        plan(timeline=timeline(("p", [task("a", 1, "a")])))
    with pytest.raises(PlanError, match=r"p\.a → p\.b → p\.a"):
        plan(timeline=timeline(("p", [task("a", 1, "b"), task("b", 1, "a")])))


def test_milestone_dated_at_latest_finish() -> None:
    p = plan(
        timeline=timeline(
            ("p", [task("a", 1), task("b", 2)]),
            milestones=[
                {"id": "M1", "name": "both", "after": ["a", "p.b"], "criteria": "x"},
                {"id": "M2", "name": "none", "after": [], "criteria": "x"},
            ],
        )
    )
    m1, m2 = p.timeline.milestones
    # a ends day 7, b day 14: M1 on 2027-03-01 + 14 − 1 = 2027-03-14
    assert (m1.day, m1.date) == (14, dt.date(2027, 3, 14))
    assert m2.date is None


def test_no_tasks() -> None:
    tl = plan().timeline
    assert (tl.length_days, tl.buffer_days, tl.critical_path) == (0, 0, [])
    assert tl.end == tl.end_with_buffer == dt.date(2027, 3, 1)


def test_kpi_links_follow_dependencies() -> None:
    p = plan(
        timeline=timeline(
            ("prep", [task("hire", 2), task("setup", 1, "hire")]),
            ("build", [task("groups", 3)]),
            milestones=[
                {"id": "M0", "name": "hired", "after": ["hire"], "kpis": ["monthly_gmv"]},
                {"id": "M1", "name": "done", "after": ["groups"], "kpis": ["followers"]},
            ],
        )
    )
    links = {link.task: link for link in p.kpi_links}
    # hire precedes both milestones; setup only M1 (through the end of phase prep); groups closes M1
    assert (links["prep.hire"].milestones, links["prep.hire"].kpis) == (["M0", "M1"], ["monthly_gmv", "followers"])
    assert (links["prep.setup"].milestones, links["prep.setup"].kpis) == (["M1"], ["followers"])
    assert links["build.groups"].milestones == ["M1"]


def test_timeline_over_short_horizon_is_a_warning() -> None:
    # short horizon 1 month: 2027-03-01 → 2027-04-01 = 31 days
    fits = plan(goals=goals({}, months=(1, 12, 24)), timeline=timeline(("p", [task("a", 4)])))
    # 28 days + ceil(2.8) = 3 days of buffer = 31: fits
    assert codes(fits) == []
    late = plan(goals=goals({}, months=(1, 12, 24)), timeline=timeline(("p", [task("a", 5)])))
    # 35 days + 4 > 31
    assert codes(late) == [("timeline-over-horizon", "warning", "timeline")]
    assert "35 days" in late.findings[0].message


def test_unknown_references_are_skipped_when_the_profile_is_lenient() -> None:
    data = {
        **BASE,
        "timeline": timeline(
            ("a", [task("x", 1)]),
            ("b", [task("y", 1, "nope")]),
            milestones=[{"id": "M1", "name": "m", "after": ["ghost"]}],
        ),
    }
    profile = Profile.model_validate(data, context={"lenient_references": True})
    p = build_plan(profile)
    # y names no known task, so it follows phase a like a task with no `after`: days 7–14
    y = by_id(p)["b.y"]
    assert (y.es, y.ef, y.after, y.follows_phase) == (7, 14, [], "a")
    assert p.timeline.milestones[0].date is None


@st.composite
def random_timelines(draw: st.DrawFn) -> dict[str, Any]:
    """Phases of tasks whose `after` names only earlier tasks, so the graph has no cycle."""
    phases: list[tuple[str, list[dict[str, Any]]]] = []
    earlier: list[str] = []
    for p in range(draw(st.integers(1, 5))):
        tasks = []
        for t in range(draw(st.integers(0, 5))):
            after = draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)) if earlier else []
            tasks.append(task(f"t{t}", draw(st.sampled_from([0.1, 0.5, 1, 1.5, 2, 4])), *after))
            earlier.append(f"p{p}.t{t}")
        phases.append((f"p{p}", tasks))
    return timeline(*phases)


@settings(max_examples=60, deadline=None)
@given(random_timelines())
def test_schedule_invariants(tl: dict[str, Any]) -> None:
    p = plan(timeline=tl)
    rows = by_id(p)
    length = p.timeline.length_days
    for t in rows.values():
        assert 0 <= t.es < t.ef <= length and t.float_days >= 0 and t.ls >= t.es
        assert t.critical == (t.float_days == 0)
        for before in t.after:  # explicit waits are respected
            assert t.es >= rows[before].ef
        if t.follows_phase is not None:  # and so is the wait for the previous phase
            assert t.es >= max((r.ef for r in rows.values() if r.phase == t.follows_phase), default=0)
    if rows:
        assert length == max(t.ef for t in rows.values())
        assert p.timeline.critical_path and rows[p.timeline.critical_path[-1]].ef == length
        assert p.timeline.buffer_days == math.ceil(round(0.1 * length, 9))
    chained = [i for fb in p.timeline.feeding_buffers for i in fb.chain]
    assert len(chained) == len(set(chained))  # every task is in one feeding chain at most
    assert all(not rows[i].critical for i in chained)
