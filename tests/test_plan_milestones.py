"""Milestones that contradict the plan (BRIEF §9): goal acceptance dated at its horizon, work after it refused
with its cause, a milestone asking less than an earlier one, criteria quoting a target due on another date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.plan.milestones import milestone_findings
from opsplan.plan.model import Plan, TaskRow
from tests._plan_helpers import codes, goals, plan, task, timeline

BASELINE = {"monthly_gmv": 100_000, "cac": 80}


def _milestone(ident: str, after: str, **more: Any) -> dict[str, Any]:
    return {"id": ident, "name": f"m {ident}", "after": [after], "criteria": "done", **more}


def _found(p: Plan, code: str) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in p.findings if f.code == code]


def test_goal_acceptance_falls_on_its_horizon_with_its_targets() -> None:
    # start 2027-03-01, short horizon 6 months: 2027-09-01; the task (2 weeks) finishes on 03-14
    p = plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 640_000}),
        timeline=timeline(
            ("prep", [task("a", 2)]),
            milestones=[_milestone("M1", "prep.a", horizon="short", kpis=["monthly_gmv"])],
        ),
    )
    (row,) = p.timeline.milestones
    assert (row.date, row.work_finish, row.horizon) == (dt.date(2027, 9, 1), dt.date(2027, 3, 14), "short")
    # day 185 = (09-01 − 03-01) 184 days + 1, the day the dates count from
    assert row.day == 185
    # its target is the horizon's (the trajectory reaches 640000 at month 6), not 03-14's
    assert p.profile.timeline.milestones[0].targets == {"monthly_gmv": 640_000}
    assert _found(p, "acceptance-after-horizon") == []


def _late(more: list[dict[str, Any]] | None = None, **sections: Any) -> Plan:
    """A short horizon of 2 months (2027-05-01) accepted by M9, which closes work finishing on 2027-05-27."""
    return plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 200_000}, {"monthly_gmv": 400_000}, months=(2, 12, 24)),
        campaigns=[{"name": "520", "start": "2027-05-13", "end": "2027-05-20"}],
        timeline=timeline(
            ("prep", [task("a", 1)]),
            ("run", [{**task("peak", 1), "on": "520"}, task("review", 1, "run.peak")]),
            milestones=[_milestone("M9", "run.review", horizon="short"), *(more or [])],
        ),
        **sections,
    )


def test_acceptance_before_its_work_is_warned_naming_what_holds_the_work_up() -> None:
    # short horizon 2 months: 2027-05-01. prep.a 1 week (03-01 – 03-07); run.peak 1 week on 520 (05-13 – 05-20):
    # 05-14 – 05-20; run.review 1 week after it: 05-21 – 05-27
    p = _late()
    (row,) = p.timeline.milestones
    assert (row.date, row.work_finish) == (dt.date(2027, 5, 1), dt.date(2027, 5, 27))
    [(path, message)] = _found(p, "acceptance-after-horizon")
    assert path == "timeline.milestones[0].horizon"
    assert message == (
        "milestone M9 (m M9) accepts the short-term goals on their date, 2027-05-01, but task run.review (REVIEW), "
        "which it closes, finishes on 2027-05-27 (the work waits for task run.peak (PEAK), anchored to 520, "
        "2027-05-13 – 2027-05-20); shorten or reorder that work, or move the horizon"
    )
    assert ("acceptance-after-horizon", "warning", "timeline.milestones[0].horizon") in codes(p)


@pytest.mark.parametrize(
    ("metric", "first", "second", "said"),
    [
        # GMV should rise: 300000 on 03-14, then 200000 on 03-21
        ("monthly_gmv", 300_000, 200_000, "monthly gmv (monthly_gmv) (200,000) than milestone M1 (m M1) asked"),
        # CAC should fall: 50 on 03-14, then 60 on 03-21
        ("cac", 50, 60, "customer acquisition cost (cac) (60) than milestone M1 (m M1) asked on 2027-03-14 (50)"),
    ],
)
def test_a_milestone_asking_less_than_an_earlier_one_is_warned(
    metric: str, first: float, second: float, said: str
) -> None:
    p = plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 640_000, "cac": 40}),
        timeline=timeline(
            ("prep", [task("a", 2), task("b", 1, "prep.a")]),
            milestones=[
                _milestone("M2", "prep.b", kpis=[metric], targets={metric: second}),
                _milestone("M1", "prep.a", kpis=[metric], targets={metric: first}),
            ],
        ),
    )
    [(path, message)] = _found(p, "milestone-falls-back")
    # M2 is listed first but falls later (03-21): the finding is on it
    assert path == "timeline.milestones[0]"
    assert message.startswith(f"milestone M2 (m M2) on 2027-03-21 asks less of {said}")


def test_milestones_that_keep_rising_are_fine() -> None:
    p = plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 640_000}),
        timeline=timeline(
            ("prep", [task("a", 2), task("b", 1, "prep.a")]),
            milestones=[
                _milestone("M1", "prep.a", kpis=["monthly_gmv"]),
                _milestone("M2", "prep.b", kpis=["monthly_gmv"]),
            ],
        ),
    )
    assert _found(p, "milestone-falls-back") == []


@pytest.mark.parametrize(
    ("extra", "kpis", "warned"),
    [
        ({}, ["monthly_gmv"], True),  # falls on 03-14, quotes the target due 09-01
        ({"horizon": "short"}, ["monthly_gmv"], False),  # dated 09-01: the quote is its own target
        ({}, ["cac"], False),  # quotes a target it does not gate: context, not a contradiction
    ],
)
def test_criteria_quoting_a_horizon_target_away_from_it(extra: dict[str, Any], kpis: list[str], warned: bool) -> None:
    criteria = "GMV at ${goals.short.monthly_gmv}"
    p = plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 640_000, "cac": 40}),
        timeline=timeline(
            ("prep", [task("a", 2)]),
            milestones=[{**_milestone("M1", "prep.a", kpis=kpis, **extra), "criteria": criteria}],
        ),
    )
    found = _found(p, "milestone-falls-back")
    assert bool(found) == warned
    if warned:
        assert found == [
            (
                "timeline.milestones[0].criteria",
                "milestone M1 (m M1) asks for ${goals.short.monthly_gmv}, the short-term target due on 2027-09-01, but "
                "falls on 2027-03-14; give it 'horizon: short' to accept the goals on their date, or ask for "
                "${milestones.M1.monthly_gmv}, its own value on 2027-03-14",
            )
        ]


def test_check_names_the_cause_when_the_flower_plan_moves_to_september(tmp_path: Path) -> None:
    # plan start 2027-09-01: the short horizon is 2028-03-01; 618 of 2028 runs 05-31 – 06-18, scale.peak618 ends
    # on it and scale.review (1 week) follows: 06-19 – 06-25
    profile = tmp_path / "shop.yaml"
    profile.write_text("extends: douyin-flowers\nplan:\n  start: 2027-09-01\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(profile), "--format", "json", "--strict"])
    assert result.exit_code == 1  # a warning, as OPS705 (which it stands for here) is
    [found] = [f for f in json.loads(result.output) if f["rule"] == "OPS712"]
    assert "2028-03-01" in found["message"] and "scale.review" in found["message"]
    assert (
        "finishes on 2028-06-25" in found["message"] and "anchored to 618, 2028-05-31 – 2028-06-18" in found["message"]
    )


def test_the_findings_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPSPLAN_LANG")  # messages in the profile's language
    # the same schedule as above: acceptance on 2027-05-01, the review finishing on 2027-05-27
    p = _late(
        [
            _milestone("M1", "prep.a", kpis=["monthly_gmv"], targets={"monthly_gmv": 300_000}),
            _milestone("M2", "run.peak", kpis=["monthly_gmv"], targets={"monthly_gmv": 250_000}),
        ],
        plan={"title": "t", "start": "2027-03-01", "locale": "zh-CN", "kind": "custom", "chapters": ["outcomes"]},
    )
    [(_, late)] = _found(p, "acceptance-after-horizon")
    assert late == (
        "里程碑 M9（m M9）在短期目标的日期 2027-05-01 验收，但它收尾的任务 run.review（REVIEW）要到 2027-05-27 才完成"
        "（这些工作要等任务 run.peak（PEAK），它锚定在520，2027-05-13 – 2027-05-20）；请缩短或调整这些工作，或者把这一阶段往后放"
    )
    # M1 (03-07) asks 30万, M2 (05-20) 25万
    [(_, less)] = _found(p, "milestone-falls-back")
    assert less.startswith(
        "里程碑 M2（m M2）（2027-05-20）对月GMV（monthly_gmv）的要求（25万）低于更早的里程碑 M1（m M1）（2027-03-07）的要求（30万）"
    )


def test_the_cause_of_late_acceptance_is_found_in_reads_linear_in_the_tasks() -> None:
    # a chain of phases of one task each, every task following the phase before (no ``after``), the last one closed
    # by an acceptance due a month in: the walk back from it steps through every phase, and each step must look up
    # the phase it follows, not read every task's phase (tasks × phases: 4 times the reads for twice the phases)
    def phase_reads(phases: int) -> int:
        p = plan(
            baseline=BASELINE,
            goals=goals({"monthly_gmv": 200_000}, months=(1, 12, 24)),
            timeline=timeline(
                *((f"p{n}", [task("a", 1)]) for n in range(phases)),
                milestones=[_milestone("M1", f"p{phases - 1}.a", horizon="short")],
            ),
        )
        reads = [0]

        class Counted(TaskRow):
            def __getattribute__(self, name: str) -> Any:
                if name == "phase":
                    reads[0] += 1
                return super().__getattribute__(name)

        rows = [Counted.model_construct(**dict(t)) for t in p.timeline.tasks]
        found = milestone_findings(p.profile, p.timeline.model_copy(update={"tasks": rows}))
        assert [f.code for f in found] == ["acceptance-after-horizon"]
        return reads[0]

    assert phase_reads(80) <= 2 * phase_reads(40) + 10
