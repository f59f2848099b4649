"""``opsplan track``: a worked example, checked against figures worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from opsplan.cli import app
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.track.actuals import read_actuals
from opsplan.track.compare import Review, build_review
from opsplan.track.report import review_tables
from tests._plan_helpers import approx_float
from tests._track_helpers import WORKED_ACTUALS, WORKED_PROFILE


@pytest.fixture
def review(write) -> Review:
    profile = write("shop.yaml", WORKED_PROFILE)
    plan = build_plan(load_profile(profile))
    return build_review(plan, read_actuals(write("actuals.csv", WORKED_ACTUALS), plan), dt.date(2027, 3, 31))


def _metric(review: Review, key: str):
    return next(m for m in review.metrics if m.metric == key)


def test_followers_behind_but_plausible_is_at_risk(review: Review) -> None:
    m = _metric(review, "followers")
    # March closes at month 3 (2027-04-01); plan 10,000 × (20,736 / 10,000)^(3/4) = 10,000 × 1.2³ = 17,280
    assert [p.month for p in m.points] == [1, 2, 3]
    assert [p.plan for p in m.points] == pytest.approx([12_000, 14_400, 17_280])
    last = m.points[-1]
    assert last.variance == pytest.approx(-1_280)  # 16,000 − 17,280
    assert last.variance_pct == pytest.approx(-1_280 / 17_280)  # −7.4%, beyond the 5% tolerance
    # one month left: 20,736 / 16,000 − 1 = 29.6% a month, within the 30% ceiling for followers
    assert m.needed == pytest.approx(0.296)
    assert (m.limit, m.status, m.reason) == (0.30, "at_risk", "behind_plausible")
    # growth so far 10,000 → 16,000 in 3 months: 1.6^(1/3) − 1 = 16.96% a month; at month 4: 16,000 × 1.6^(1/3)
    g = 1.6 ** (1 / 3) - 1
    assert m.growth == pytest.approx(g)
    (f,) = m.forecasts
    assert f.forecast == pytest.approx(18_713.7, abs=0.1)  # 1.6^(1/3) = 1.169607
    assert (f.low, f.high) == pytest.approx((16_000 * (1 + 0.8 * g), 16_000 * (1 + 1.2 * g)))  # 18,171 – 19,256
    assert not f.reaches


def test_gmv_needing_more_than_the_ceiling_is_off_track(review: Review) -> None:
    m = _metric(review, "monthly_gmv")
    (last,) = m.points
    # plan 100,000 × 1.6^(3/4) = 142,262; actual 120,000: −22,262, −15.6%
    assert last.plan == pytest.approx(142_262.4, abs=0.1)  # 1.6^0.75 = 1.422624
    assert last.variance_pct == pytest.approx(120_000 / 142_262.35 - 1, abs=1e-6)
    # 160,000 / 120,000 − 1 = 33.3% a month, over the 25% GMV ceiling
    assert m.needed == pytest.approx(1 / 3)
    assert (m.limit, m.status, m.reason) == (0.25, "off_track", "needs_implausible_growth")
    # growth so far (120,000 / 100,000)^(1/3) − 1; forecast 120,000 × 1.2^(1/3) = 127,519
    assert m.forecasts[0].forecast == pytest.approx(127_519.0, abs=0.1)  # 1.2^(1/3) = 1.062659


def test_a_rate_within_tolerance_is_on_track_and_moves_in_steps(review: Review) -> None:
    m = _metric(review, "conversion_rate")
    (last,) = m.points
    # plan 0.02 + (0.04 − 0.02) × 3/4 = 0.035; actual 3.4% → −0.001, −2.9%: within 5%
    assert (last.plan, last.actual) == pytest.approx((0.035, 0.034))
    assert last.variance_pct == pytest.approx(-0.001 / 0.035)
    assert (m.status, m.reason) == ("on_track", "within_tolerance")
    # step so far (0.034 − 0.02) / 3 = 0.004667 a month; month 4: 0.038667, band 0.037733 – 0.0396
    assert m.growth == pytest.approx(0.014 / 3)
    (f,) = m.forecasts
    assert (f.forecast, f.low, f.high) == pytest.approx((0.038667, 0.037733, 0.0396), abs=1e-6)
    assert not f.reaches


def test_a_falling_metric_judged_by_its_direction(review: Review) -> None:
    cac = _metric(review, "cac")
    # CAC should fall: plan 50 × 0.8^(3/4) = 42.29, actual 48 is worse (+13.5%)
    assert cac.points[-1].plan == pytest.approx(50 * 0.8**0.75)
    # needed step (48 − 40) / 1 = 8 a month; the plan's own step (50 − 40) / 4 = 2.5, twice that is 5 → off track
    assert (cac.needed, cac.limit, cac.status) == (pytest.approx(8), pytest.approx(5), "off_track")
    refund = _metric(review, "refund_rate")
    # a KPI without a goal: plan from the baseline 0.08 to the KPI target 0.05 at the short horizon (month 4);
    # month 3: 0.08 − 0.03 × 3/4 = 0.0575; actual 0.055 is lower, which is better for a refund rate
    assert refund.points[-1].plan == pytest.approx(0.0575)
    assert (refund.status, refund.reason) == ("on_track", "ahead")


def test_funnel_gap_milestones_and_budget(review: Review) -> None:
    gap = review.funnel
    assert gap is not None and gap.period == "2027-03"
    # Click 10% as planned (0), Pay 3% against 5% planned: −40%, the largest shortfall
    assert [(s.stage, s.shortfall) for s in gap.stages] == [("Click", approx_float(0)), ("Pay", approx_float(-0.4))]
    assert gap.culprit == "Pay"
    m1, m2 = review.milestones
    # M1 closes task a (2 weeks from 2027-01-01: finishes 2027-01-14); done on the 20th: 6 days late, and
    # the critical task after it (Grow) waited for it
    assert (m1.due, m1.done, m1.status, m1.days_late, m1.holds_up) == (
        dt.date(2027, 1, 14),
        dt.date(2027, 1, 20),
        "done_late",
        6,
        ["Grow"],
    )
    # M2 closes Grow (4 weeks after: 2027-02-11) and is not done by 2027-03-31: 48 days late
    assert (m2.due, m2.done, m2.status, m2.days_late) == (dt.date(2027, 2, 11), None, "late", 48)
    # budget 400,000 over 4 months = 100,000 a month; two months reported: 200,000 planned, 90,000 + 110,000 spent
    b = review.budget
    assert b is not None and b.total is not None
    assert (b.total.planned, b.total.spent, b.total.variance) == (200_000, 200_000, 0)
    # the Ads channel plans 50,000 a month; March reports 60,000: +10,000, +20%
    (ads,) = b.channels
    assert (ads.name, ads.planned, ads.spent, ads.variance_pct) == ("Ads", 50_000, 60_000, approx_float(0.2))
    assert review.counts == {"on_track": 2, "at_risk": 1, "off_track": 2, "no_data": 0}


def test_as_of_leaves_later_actuals_out(write) -> None:
    profile = write("shop.yaml", WORKED_PROFILE)
    plan = build_plan(load_profile(profile))
    review = build_review(plan, read_actuals(write("a.csv", WORKED_ACTUALS), plan), dt.date(2027, 2, 28))
    followers = _metric(review, "followers")
    # February closes at month 2: plan 14,400, actual 14,000: −2.8%, within tolerance
    assert [p.period for p in followers.points] == ["2027-01", "2027-02"]
    assert followers.status == "on_track"
    assert _metric(review, "monthly_gmv").status == "no_data"


def test_cli_exit_codes_and_outputs(write, runner, tmp_path: Path) -> None:
    profile = write("shop.yaml", WORKED_PROFILE)
    actuals = write("actuals.csv", WORKED_ACTUALS)
    result = runner.invoke(app, ["track", str(profile), str(actuals), "--as-of", "2027-03-31"])
    assert result.exit_code == 1, result.output  # GMV and CAC are off track
    assert "off track" in result.output and "Pay" in result.output
    github = runner.invoke(app, ["track", str(profile), str(actuals), "--format", "github"])
    lines = github.output.splitlines()
    assert f"::error file={actuals},line=5,col=3,title=monthly_gmv off_track::" in lines[1]
    assert lines[0].startswith(f"::warning file={actuals},line=4,col=3,title=followers at_risk::")
    as_json = runner.invoke(app, ["track", str(profile), str(actuals), "--format", "json"])
    data = json.loads(as_json.output)
    assert data["counts"]["off_track"] == 2 and data["as_of"] == "2027-03-31"
    # in February nothing is off track yet: exit 0
    early = runner.invoke(app, ["track", str(profile), str(actuals), "--as-of", "2027-02-28"])
    assert early.exit_code == 0, early.output
    out = tmp_path / "review"
    written = runner.invoke(app, ["track", str(profile), str(actuals), "-f", "md,json,xlsx,docx", "-o", str(out)])
    assert written.exit_code == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == ["shop.review.docx", "shop.review.json", "shop.review.md", "shop.review.png", "shop.review.xlsx"]
    markdown = (out / "shop.review.md").read_text(encoding="utf-8")
    assert "| Monthly GMV | 2027-03 | CNY 142,262 | CNY 120,000 |" in markdown
    assert "![Plan, actuals and forecast](shop.review.png)" in markdown
    with zipfile.ZipFile(out / "shop.review.docx") as docx:
        assert any(n.startswith("word/media/") and n.endswith(".png") for n in docx.namelist())  # the chart
    with zipfile.ZipFile(out / "shop.review.xlsx") as xlsx:
        assert any(n.startswith("xl/charts/chart") for n in xlsx.namelist())  # a native chart per metric
    again = runner.invoke(app, ["track", str(profile), str(actuals), "-f", "md", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "31/03/2027"], "--as-of: '31/03/2027' is not a date"),
        (["--format", "xml"], "--format: unknown output 'xml'"),
        (["-f", "pdf"], "-f: unknown report format 'pdf'"),
        (["--tolerance", "5"], "--tolerance: give a fraction"),
    ],
)
def test_bad_options_exit_2(write, runner, args: list[str], message: str) -> None:
    profile = write("shop.yaml", WORKED_PROFILE)
    actuals = write("actuals.csv", WORKED_ACTUALS)
    result = runner.invoke(app, ["track", str(profile), str(actuals), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_a_forecast_is_held_to_the_profiles_plausibility_ceilings(write) -> None:
    ceilings = "plausibility: {count_growth: 0.10, conversion_rate: 0.036}\n"
    plan = build_plan(load_profile(write("shop.yaml", WORKED_PROFILE + ceilings)))
    review = build_review(plan, read_actuals(write("actuals.csv", WORKED_ACTUALS), plan), dt.date(2027, 3, 31))
    followers = _metric(review, "followers")
    # growth so far 1.6^(1/3) − 1 = 16.96% a month, over the 10% ceiling: month 4 = 16,000 × 1.10 = 17,600;
    # the band's low 16,000 × (1 + 0.8 × 0.10) = 17,280, its high (1.2 × 10% = 12%) held at 10%: 17,600
    (f,) = followers.forecasts
    assert (f.forecast, f.low, f.high) == pytest.approx((17_600, 17_280, 17_600))
    assert f.capped == "plausibility.count_growth"
    # the growth still needed (29.6%) is judged against the same ceiling as the check uses
    assert (followers.limit, followers.status) == (0.10, "off_track")
    # conversion steps 0.004667 a month to 0.038667 at month 4, above the 3.6% ceiling: lands at 3.6%
    (c,) = _metric(review, "conversion_rate").forecasts
    assert (c.forecast, c.capped) == (pytest.approx(0.036), "plausibility.conversion_rate")
    tables = review_tables(review)
    assert [row[3] for row in tables.forecasts if row[0] == "Followers"] == ["17,600 *"]  # en counts below 100k in full
    assert tables.forecast_text == (
        "Forecasts marked * are held down by the profile's plausibility ceilings: Followers at most 10% a month "
        "(plausibility.count_growth); Conversion rate at most 3.6% (plausibility.conversion_rate)."
    )


def test_a_forecast_within_the_ceilings_is_not_marked(review: Review) -> None:
    # followers 16.96% a month and the band's top 1.2 × 16.96% = 20.4%, both under the default 30%
    assert [f.capped for m in review.metrics for f in m.forecasts] == [None] * sum(
        len(m.forecasts) for m in review.metrics
    )
    assert review_tables(review).forecast_text == ""
