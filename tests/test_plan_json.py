"""The public JSON view and its schema; the terminal summary; the presets compute cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.plan.jsonview import PlanView, plan_json_schema, plan_to_json
from opsplan.plan.model import Plan
from opsplan.presets import LOCALES, preset_names, preset_path
from opsplan.render.summary import print_summary
from tests._plan_helpers import goals, plan, task, timeline


def sample() -> Plan:
    return plan(
        baseline={"monthly_gmv": 150_000, "aov": 200, "followers": 20_000},
        goals=goals({"monthly_gmv": 2_000_000, "followers": 500_000}),
        traffic={"funnel": [{"stage": "exposure"}, {"stage": "payment", "rate": 0.01}]},
        team=[{"role": "ops", "count": 2, "monthly_cost": 10_000}],
        risks=[{"id": "R1", "category": "compliance", "title": "ad law", "likelihood": 3, "impact": 5}],
        timeline=timeline(
            ("prep", [task("hire", 2)]),
            ("build", [task("groups", 3)]),
            milestones=[{"id": "M1", "name": "done", "after": ["groups"], "criteria": "ok"}],
        ),
    )


def test_json_view_keys_and_types() -> None:
    data = plan_to_json(sample())
    assert "profile" not in data
    assert {"goals", "funnel", "budget", "team", "risks", "timeline", "milestones", "scenarios", "campaigns"} <= set(
        data
    )
    assert data["goals"]["trajectory"][0] == {"metric": "monthly_gmv", "month": 0, "value": 150000.0}
    assert data["goals"]["cmgr"]["monthly_gmv"] == pytest.approx(0.5398903, rel=1e-6)
    stages = data["funnel"]["horizons"][0]["stages"]
    # 2000000 / 200 = 10000 orders; exposure = 10000 / 0.01 = 1000000
    assert stages == [
        {"stage": "exposure", "rate": None, "volume": 1_000_000.0},
        {"stage": "payment", "rate": 0.01, "volume": 10_000.0},
    ]
    assert data["budget"]["items"][0] == {"name": "content", "share": 1.0, "amount": 1_200_000.0, "monthly": 200_000.0}
    assert (data["team"]["headcount"], data["team"]["monthly_payroll"]) == (2, 20_000.0)
    assert {k: data["risks"][0][k] for k in ("id", "score", "level")} == {"id": "R1", "score": 15, "level": "high"}
    tl = data["timeline"]
    assert tl["tasks"][1]["id"] == "build.groups"
    # groups: days 14–35, 2027-03-15 … 2027-04-04
    assert {k: tl["tasks"][1][k] for k in ("start", "finish", "es", "ef", "ls", "lf", "float_days", "critical")} == {
        "start": "2027-03-15",
        "finish": "2027-04-04",
        "es": 14,
        "ef": 35,
        "ls": 14,
        "lf": 35,
        "float_days": 0,
        "critical": True,
    }
    # buffer ceil(0.1 × 35) = 4: end 2027-04-04, with buffer 2027-04-08
    assert (tl["critical_path"], tl["buffer_days"], tl["end"], tl["end_with_buffer"]) == (
        ["prep.hire", "build.groups"],
        4,
        "2027-04-04",
        "2027-04-08",
    )
    assert data["milestones"][0]["id"] == "M1" and data["milestones"][0]["date"] == "2027-04-04"
    assert data["meta"]["start"] == "2027-03-01" and data["meta"]["format"] == 1
    json.dumps(data)  # plain data all the way down


def test_json_view_round_trips_through_its_model() -> None:
    data = plan_to_json(sample())
    assert PlanView.model_validate(data).model_dump(mode="json") == data


def test_schema_describes_the_view() -> None:
    schema = plan_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(plan_to_json(sample())) == set(schema["properties"])
    assert "TaskRow" in schema["$defs"] and "profile" not in schema["properties"]


def test_summary_prints_the_four_tables() -> None:
    console = Console(record=True, width=140)
    print_summary(sample(), console)
    text = console.export_text()
    for expected in ("Targets", "Funnel", "Budget", "Critical path", "1,000,000", "2027-04-08", "prep.hire"):
        assert expected in text


PRESETS = [(name, locale) for name in preset_names() for locale in LOCALES if preset_path(name, locale)]


@pytest.mark.parametrize(("name", "locale"), PRESETS)
def test_every_preset_computes_without_errors(name: str, locale: str) -> None:
    path = preset_path(name, locale)
    assert path is not None
    p = build_plan(load_profile(path))
    assert [f for f in p.findings if f.severity == "error"] == []
    assert p.timeline.tasks and p.goals.metrics


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_computes_without_errors(path: Path) -> None:
    p = build_plan(load_profile(path))
    assert [f for f in p.findings if f.severity == "error"] == []
    assert plan_to_json(p)["timeline"]["critical_path"]
