"""Output size grows linearly with the plan (issue 14): 1× to 64× longer and wider plans, sizes in bytes.

A plan ``k``× longer repeats its phases ``k`` times one after another (each copy waits for the one before it),
so it runs ``k`` times as long; a plan ``k``× wider has ``k`` times the tasks in each phase side by side, so it
runs as long as the 1× plan. Both have ``k`` times the risks. The exponent of size against ``k`` is fitted by
least squares on the logarithms of 1×, 4×, 16× and 64×: 1.0 is linear, 2.0 what a Gantt with a column per
week and a row per task costs a longer plan (checked below with the column bound lifted).
"""

from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from opsplan.plan import gantt
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import render_bytes

FACTORS = (1, 4, 16, 64)
PHASES, TASKS, RISKS = 3, 3, 3


def profile(longer: int, wider: int) -> dict[str, Any]:
    """Return a compact plan: ``PHASES × longer`` phases in a row, ``TASKS × wider`` 4-week tasks in each."""
    phases = [
        {
            "id": f"p{i}",
            "name": f"Phase {i}",
            "tasks": [
                {"id": f"t{j}", "name": f"Task {i}.{j}", "weeks": 4, "owner": "Lead"} for j in range(TASKS * wider)
            ],
        }
        for i in range(PHASES * longer)
    ]
    risks = [
        {
            "id": f"R{i}",
            "category": "operations",
            "title": f"Risk {i}",
            "likelihood": 1 + i % 5,
            "impact": 1 + i * 3 % 5,
            "owner": "Lead",
            "mitigation": "Watch it weekly.",
            "response": "Act within a day.",
            "response_hours": 24,
        }
        for i in range(RISKS * max(longer, wider))
    ]
    return {
        "version": 1,
        "plan": {
            "title": "Linear",
            "locale": "en",
            "start": "2027-03-01",
            "kind": "custom",
            "chapters": ["risks", "timeline"],
        },
        "shop": {"name": "Shop", "platform": "douyin"},
        "goals": {"short": {"months": 6, "targets": {}}},
        "budget": {"total": 1_200_000, "months": 6, "items": [{"name": "content", "share": 1}]},
        "risks": risks,
        "timeline": {
            "phases": phases,
            "milestones": [
                {"id": "M1", "name": "Done", "after": [f"p{PHASES * longer - 1}.t0"], "criteria": "Signed off."}
            ],
        },
    }


def sizes(tmp_path: Path, data: dict[str, Any], formats: tuple[str, ...]) -> dict[str, int]:
    """Return the byte size of each format's output (the DOCX by its ``document.xml``)."""
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = render_bytes(path, RenderOptions(draft=True), formats)
    made = dict(zip(formats, out, strict=True))
    if "docx" in made:
        made["docx"] = zipfile.ZipFile(io.BytesIO(made["docx"])).read("word/document.xml")
    return {fmt: len(content) for fmt, content in made.items()}


def exponent(points: dict[int, int]) -> float:
    """Return the least-squares slope of log(size) against log(factor)."""
    xs = [math.log(k) for k in points]
    ys = [math.log(v) for v in points.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


@pytest.mark.parametrize("direction", ["longer", "wider"])
def test_output_grows_linearly_from_1x_to_64x(direction: str, tmp_path: Path) -> None:
    formats = ("md", "docx", "html")
    runs = {k: sizes(tmp_path, profile(k, 1) if direction == "longer" else profile(1, k), formats) for k in FACTORS}
    for fmt in formats:
        points = {k: runs[k][fmt] for k in FACTORS}
        assert points[64] > 8 * points[1], (fmt, points)  # the plan did grow
        assert exponent(points) <= 1.1, (fmt, points, exponent(points))
        # and from 16× to 64×, where the fixed part of the document weighs least
        assert exponent({16: points[16], 64: points[64]}) <= 1.1, (fmt, points)


def test_the_test_sees_a_quadratic_gantt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # with the bound lifted, every chart is one of weeks holding every task: 64× the rows times 64× the columns
    monkeypatch.setattr(gantt, "MAX_COLUMNS", 10**6)
    monkeypatch.setattr(gantt, "MAX_ROWS", 10**6)
    points = {k: sizes(tmp_path, profile(k, 1), ("md",))["md"] for k in (1, 16, 64)}
    assert exponent(points) > 1.1, points  # what the bound keeps the real test under
