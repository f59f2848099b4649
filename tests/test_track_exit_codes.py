"""``opsplan track``'s exit status: the contract a CI job or a script relies on (README: 复盘, exit status).

As ``check`` fails on errors and not on warnings: 0 when the review is made and no metric is off track (at risk
is said, and does not fail); 1 when the review is made and a metric is off track, after the whole review is
printed and every report file written; 2 for bad input or usage, with nothing written. The worked example
(``_track_helpers``) at 2027-03-31: GMV and CAC off track, followers at risk; without the GMV and CAC rows,
followers at risk alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from tests._track_helpers import WORKED_ACTUALS, WORKED_PROFILE

AT_RISK_ONLY = "\n".join(line for line in WORKED_ACTUALS.splitlines() if not line.startswith(("monthly_gmv", "cac")))


def track(runner: CliRunner, tmp_path: Path, actuals: str, *options: str) -> tuple[int, str, Path]:
    """Run ``opsplan track`` on the worked profile and ``actuals`` as of 2027-03-31; return status, stdout, out."""
    profile = tmp_path / "shop.yaml"
    profile.write_text(WORKED_PROFILE, encoding="utf-8")
    (tmp_path / "actuals.csv").write_text(actuals, encoding="utf-8")
    out = tmp_path / "review"
    result = runner.invoke(
        app, ["track", str(profile), str(tmp_path / "actuals.csv"), "--as-of", "2027-03-31", "-o", str(out), *options]
    )
    return result.exit_code, result.stdout, out


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_off_track_exits_1_after_the_whole_review_and_every_report_file(
    runner: CliRunner, tmp_path: Path, output_format: str
) -> None:
    status, said, out = track(runner, tmp_path, WORKED_ACTUALS, "--format", output_format, "-f", "md,json")
    assert status == 1, said
    written = json.loads((out / "shop.review.json").read_text(encoding="utf-8"))
    assert written["counts"] == {"on_track": 2, "at_risk": 1, "off_track": 2, "no_data": 0}
    assert sorted(p.name for p in out.iterdir()) == ["shop.review.json", "shop.review.md", "shop.review.png"]
    if output_format == "json":
        assert json.loads(said) == written  # the whole review on stdout too
    elif output_format == "github":
        assert [line.split(" ")[0] for line in said.splitlines()][:3] == ["::warning", "::error", "::error"]
    else:
        assert "off track" in said and "at risk" in said


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_at_risk_alone_exits_0(runner: CliRunner, tmp_path: Path, output_format: str) -> None:
    status, said, _ = track(runner, tmp_path, AT_RISK_ONLY, "--format", output_format)
    assert status == 0, said
    assert "at risk" in said or "at_risk" in said  # said, as check says a warning, without failing


@pytest.mark.parametrize(
    ("actuals", "options"),
    [
        ("metric,period,value\nfollowers,2027-13,5\n", ()),  # a month that does not exist
        ("metric,period,value\nfolowers,2027-03,5\n", ()),  # a metric the plan does not have
        (WORKED_ACTUALS, ("--tolerance", "1.5")),
        (WORKED_ACTUALS, ("--format", "xml")),
        (WORKED_ACTUALS, ("-f", "pdf")),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, actuals: str, options: tuple[str, ...]
) -> None:
    status, said, out = track(runner, tmp_path, actuals, "-f", "md", *options)
    assert status == 2, said
    assert not out.exists()


def test_reports_there_already_without_force_exit_2_and_stay_as_they_were(runner: CliRunner, tmp_path: Path) -> None:
    status, _, out = track(runner, tmp_path, WORKED_ACTUALS, "-f", "md")
    assert status == 1
    (out / "shop.review.md").write_text("my notes\n", encoding="utf-8")
    status, said, _ = track(runner, tmp_path, AT_RISK_ONLY, "-f", "md")
    assert status == 2, said
    assert (out / "shop.review.md").read_text(encoding="utf-8") == "my notes\n"
