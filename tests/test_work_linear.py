"""The work of render and check grows linearly with the plan's length and width (issue 14), counted in calls.

The plans are the bench's own longer and wider profiles (bench/bench_cold.py: the flower example with every phase
repeated ``k`` times one after another, or every task ``k`` times side by side in its phase, and its risks, KPIs
and problems ``k`` times). Work is counted as the number of calls of each function that cProfile sees (Python
and built-in), which does not depend on the machine's speed or load. If the work is linear, each added copy of
the plan costs every function the same number of calls whatever the plan's length; a step that scans every task
for each task (tasks × tasks) makes each later copy cost that step's functions about twice as many calls from 4×
to 8× as from 2× to 4×. A scan that makes no call per item (a comprehension's test) is not seen here: such scans
have their own counts (``_cause`` in tests/test_plan_milestones.py).

Measured when written (calls of the whole command per added copy, from 2× to 4×, then from 4× to 8×), longer:
render md+docx 116,158 then 95,721; check of the profile 58,184 then 53,540; check of its DOCX 17,984 then 11,858.
Wider: render 43,887 then 42,583; check of the profile 22,231 then 22,231; check of its DOCX 6,005 then 5,906.
From 1× to 2× a copy costs less (82,000 calls for the longer render): the 1× plan's Gantt has fewer columns and no
per-phase charts, so the comparison starts at 2×. A scan of every task inside the per-task loop of
``plan.timeline.build_graph`` fails the check of the profile here (``len``: 3,176 calls per copy, then 4,866).
"""

from __future__ import annotations

import cProfile
import importlib.util
import pstats
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from opsplan.check.run import check_file
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import render_bytes

REPO = Path(__file__).resolve().parents[1]
BASE = REPO / "examples" / "douyin-flowers.zh-CN.yaml"
FACTORS = (2, 4, 8)
MIN_CALLS = 500  # functions called less often than this at 8× are too few to tell a trend from a step


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cold", REPO / "bench" / "bench_cold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_cold"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def calls(work: Callable[[], object]) -> dict[str, int]:
    """Return how many times ``work`` calls each function, by file, line and name."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        work()
    finally:
        profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return {f"{file}:{line}({name})": counts[1] for (file, line, name), counts in stats.items()}


@pytest.fixture(scope="module", params=["longer", "wider"])
def scaled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, Path]]:
    """Return the ``k``× longer (or wider) profile and its rendered DOCX for each factor."""
    bench = _bench()
    shape = request.param
    folder = tmp_path_factory.mktemp(shape)
    made = {}
    for factor in FACTORS:
        profile = folder / f"{shape}{factor}.yaml"
        data = getattr(bench, f"{shape}_profile")(BASE, factor)
        profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        docx = folder / f"{shape}{factor}.docx"
        docx.write_bytes(render_bytes(profile, RenderOptions(draft=True), ["docx"])[0])
        made[factor] = (profile, docx)
    return made


@pytest.mark.parametrize("what", ["render md+docx", "check profile", "check docx"])
def test_each_added_copy_of_the_plan_costs_no_more_than_the_one_before(
    scaled: dict[int, tuple[Path, Path]], what: str
) -> None:
    def work(factor: int) -> Callable[[], object]:
        profile, docx = scaled[factor]
        if what == "render md+docx":
            return lambda: render_bytes(profile, RenderOptions(draft=True), ["md", "docx"])
        return lambda: check_file(profile if what == "check profile" else docx)

    work(FACTORS[0])()  # caches filled once (templates, patterns), as in any process after its first plan
    counted = {factor: calls(work(factor)) for factor in FACTORS}
    small, middle, large = FACTORS
    growing = {}
    for function, at_large in counted[large].items():
        at_small, at_middle = counted[small].get(function, 0), counted[middle].get(function, 0)
        per_copy_before = (at_middle - at_small) / (middle - small)
        per_copy_after = (at_large - at_middle) / (large - middle)
        # linear: about the same calls per copy; tasks × tasks makes the later copies cost about twice as many (the
        # build_graph scan above: 1.5 times). A generator that any() stops at the first match is resumed as often
        # as the data makes it: the layout estimate's test of a table row for a kept paragraph costs 445 calls a
        # copy from 2× to 4×, then 524 as longer tables stop being kept whole (rows and cells grow linearly)
        if at_large >= MIN_CALLS and per_copy_after > 1.1 * per_copy_before + 20:
            growing[function] = (at_small, at_middle, at_large)
    assert sum(counted[large].values()) > sum(counted[middle].values()) > sum(counted[small].values())
    assert not growing, (what, growing)
