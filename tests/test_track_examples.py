"""The committed review example (examples/review/) matches what ``opsplan track`` writes today.

Regenerate it with:  opsplan track examples/douyin-flowers.zh-CN.yaml examples/douyin-flowers.zh-CN.actuals.csv
                     -f md,docx,xlsx,json -o examples/review --force
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from opsplan.render.outputs import load_plan
from opsplan.track.actuals import read_actuals
from opsplan.track.compare import build_review
from opsplan.track.report import review_tables
from opsplan.track.run import report_files

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = "douyin-flowers.zh-CN"
REGENERATE = (
    f"opsplan track examples/{EXAMPLE}.yaml examples/{EXAMPLE}.actuals.csv -f md,docx,xlsx,json "
    "-o examples/review --force"
)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    previous = Path.cwd()
    os.chdir(REPO)  # the report names the actuals file as given on the command line, relative to the repository
    try:
        plan = load_plan(Path("examples") / f"{EXAMPLE}.yaml")
        review = build_review(plan, read_actuals(Path("examples") / f"{EXAMPLE}.actuals.csv", plan))
    finally:
        os.chdir(previous)
    return dict(report_files(plan, review, review_tables(review), EXAMPLE, ["md", "json", "xlsx", "docx"], 0.05))


@pytest.mark.parametrize("suffix", ["review.md", "review.json"])
def test_committed_review_is_current(files: dict[str, bytes], suffix: str) -> None:
    committed = (REPO / "examples" / "review" / f"{EXAMPLE}.{suffix}").read_text(encoding="utf-8")
    expected = files[f"{EXAMPLE}.{suffix}"].decode("utf-8")
    assert committed == expected, f"examples/review/ is out of date; regenerate it with:\n  {REGENERATE}"


def test_every_report_file_is_committed(files: dict[str, bytes]) -> None:
    committed = sorted(p.name for p in (REPO / "examples" / "review").iterdir())
    assert committed == sorted(files), f"regenerate with:\n  {REGENERATE}"
