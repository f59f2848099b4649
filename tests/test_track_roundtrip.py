"""Round trip: render -f xlsx → the team fills the Actuals sheet → track reads the same workbook.

The worked profile is a skeleton (most chapters have no data), so it is rendered with --draft.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from opsplan.cli import app
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.track.actuals import read_actuals
from opsplan.track.compare import build_review
from tests._track_helpers import WORKED_PROFILE
from tests._xlsx_helpers import libreoffice_resave


def _filled_workbook(write, runner, tmp_path: Path) -> tuple[Path, Path]:
    profile = write("shop.yaml", WORKED_PROFILE)
    result = runner.invoke(app, ["render", str(profile), "-f", "xlsx", "-o", str(tmp_path), "--draft"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "shop.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Actuals"]
    assert [c.value for c in ws[4]][3:7] == ["2027-01", "2027-02", "2027-03", "2027-04"]
    rows = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}
    for col, value in zip("DEF", (12_500, 14_000, 16_000), strict=True):
        ws[f"{col}{rows['followers']}"] = value
    ws[f"F{rows['monthly_gmv']}"] = 120_000
    ws[f"F{rows['conversion_rate']}"] = 0.034
    ws[f"F{rows['Pay']}"] = 0.03
    ws[f"D{rows['spend']}"] = 90_000
    ws[f"F{rows['Ads']}"] = 60_000
    ws[f"D{rows['M1']}"] = dt.datetime(2027, 1, 20)
    book.save(path)
    return profile, path


def test_actuals_typed_into_the_workbook_are_tracked(write, runner, tmp_path: Path) -> None:
    profile, path = _filled_workbook(write, runner, tmp_path)
    plan = build_plan(load_profile(profile))
    actuals = read_actuals(path, plan)
    assert len(actuals.observations) == 8
    assert actuals.done["M1"][0] == dt.date(2027, 1, 20)
    review = build_review(plan, actuals, dt.date(2027, 3, 31))
    status = {m.metric: m.status for m in review.metrics}
    # the same figures as the CSV worked example: followers 16,000 against 17,280 (at risk), GMV off track
    assert status["followers"] == "at_risk" and status["monthly_gmv"] == "off_track"
    assert status["conversion_rate"] == "on_track" and status["cac"] == "no_data"
    assert review.funnel is not None and review.funnel.culprit == "Pay"
    assert review.budget is not None and review.budget.channels[0].spent == 60_000
    where = next(o for o in actuals.observations if o.name == "monthly_gmv").where
    assert str(where) == f"{path}:{where.line}:6"  # column F
    result = runner.invoke(app, ["track", str(profile), str(path)])
    assert result.exit_code == 1 and "off track" in result.output


@pytest.mark.slow
def test_a_workbook_saved_by_libreoffice_still_reads(write, runner, tmp_path: Path) -> None:
    profile, path = _filled_workbook(write, runner, tmp_path)
    resaved = libreoffice_resave(path, tmp_path, recalculate=False)
    plan = build_plan(load_profile(profile))
    before = [(o.name, o.period.label, o.value) for o in read_actuals(path, plan).observations]
    after = read_actuals(resaved, plan)
    assert [(o.name, o.period.label, o.value) for o in after.observations] == before
    assert after.done["M1"][0] == dt.date(2027, 1, 20)


def test_an_untouched_workbook_has_nothing_to_track(write, runner, tmp_path: Path) -> None:
    profile = write("shop.yaml", WORKED_PROFILE)
    runner.invoke(app, ["render", str(profile), "-f", "xlsx", "-o", str(tmp_path), "--draft"])
    result = runner.invoke(app, ["track", str(profile), str(tmp_path / "shop.xlsx")])
    assert result.exit_code == 2
    assert "holds no actual values yet" in result.output


def test_text_typed_into_a_workbook_value_is_named_by_cell(write, runner, tmp_path: Path) -> None:
    profile, path = _filled_workbook(write, runner, tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book["Actuals"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "followers")
    ws.cell(row, 5).value = "about 14k"
    book.save(path)
    result = runner.invoke(app, ["track", str(profile), str(path)])
    assert result.exit_code == 2
    assert f"{path}:{row}:5: 'about 14k' is not a number" in result.output
