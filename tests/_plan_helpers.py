"""Helpers for the plan engine tests: small profiles built inline as dicts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, cast

import pytest

from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.plan.model import Plan
from opsplan.profile import Profile
from tests.conftest import base_data

# The tests' base profile (conftest.MINIMAL_PROFILE) as the plan tests start from it: its start, platform, goal
# horizon (6 months) and budget (1,200,000 over 6 months, one line), in English, as a custom plan of the outcomes
# chapter with no targets, baseline or schedule, so that each test adds just what it tests.
_BASE = base_data()
BASE: dict[str, Any] = {
    "version": _BASE["version"],
    "plan": {**_BASE["plan"], "title": "Test plan", "locale": "en", "kind": "custom", "chapters": ["outcomes"]},
    "shop": {**_BASE["shop"], "name": "Shop"},
    "goals": {"short": {**_BASE["goals"]["short"], "targets": {}}},
    "budget": {**_BASE["budget"], "items": [{**_BASE["budget"]["items"][0], "name": "content"}]},
}


def profile(**sections: Any) -> Profile:
    """Return a valid profile: BASE with each keyword replacing a top-level section."""
    data = copy.deepcopy(BASE)
    data.update(sections)
    return Profile.model_validate(data)


def plan(**sections: Any) -> Plan:
    """Return the plan computed from ``profile(**sections)``."""
    return build_plan(profile(**sections))


def goals(
    short: dict[str, float],
    mid: dict[str, float] | None = None,
    long: dict[str, float] | None = None,
    months: tuple[int, int, int] = (6, 12, 24),
) -> dict[str, Any]:
    """Return a goals section with the given targets per horizon."""
    out: dict[str, Any] = {"short": {"months": months[0], "targets": short}}
    if mid is not None:
        out["mid"] = {"months": months[1], "targets": mid}
    if long is not None:
        out["long"] = {"months": months[2], "targets": long}
    return out


def timeline(
    *phases: tuple[str, list[dict[str, Any]]],
    milestones: list[dict[str, Any]] | None = None,
    buffers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return a timeline section from ``(phase id, tasks)`` pairs."""
    out: dict[str, Any] = {
        "phases": [{"id": pid, "name": pid.title(), "tasks": tasks} for pid, tasks in phases],
        "milestones": milestones or [],
    }
    if buffers is not None:
        out["buffers"] = buffers
    return out


def task(ident: str, weeks: float, *after: str) -> dict[str, Any]:
    """Return a task dict."""
    return {"id": ident, "name": ident.upper(), "weeks": weeks, "after": list(after)}


def codes(p: Plan) -> list[tuple[str, str, str]]:
    """Return the plan's findings as (code, severity, path)."""
    return [(f.code, f.severity, f.path) for f in p.findings]


def load_campaign(tmp_path: Path, campaign: str) -> None:
    """Load a small profile whose one campaign (line 7) is ``campaign``, a YAML flow mapping."""
    text = (
        "version: 1\nplan: {title: t, start: 2027-03-01, kind: custom}\nshop: {name: s, platform: douyin}\n"
        "goals: {short: {months: 6, targets: {followers: 10}}}\nbudget: {total: 100, months: 6}\n"
        f"campaigns:\n  - {campaign}\n"
    )
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    load_profile(path)


def approx_float(expected: float) -> float:
    """Return ``pytest.approx(expected)`` typed as the float it equals, for a tuple or list compared with ``==``.

    pytest types it ``Approx[float]``, which mypy's strict equality takes for never equal to a float.
    """
    return cast(float, pytest.approx(expected))
