"""The re-forecast past the next horizon: the growth so far to the next horizon, then the plan's own growth.

The worked example (``_track_helpers``) with a mid horizon at month 12. At the end of March (month 3) followers are
16,000 against a plan of 17,280: growth so far 10,000 → 16,000 in 3 months, 1.6^(1/3) − 1 = 16.96% a month. The
plan grows followers 20% a month to month 4 and then doubles them in 8 months (9.05% a month): a planner does not
carry a launch's 17% a month for nine more months (16,000 × 1.6³ = 65,536 at month 12, above the plan), but the
shortfall at month 4 through the plan's slower growth after it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.track.actuals import read_actuals
from opsplan.track.compare import MetricReview, Review, build_review
from tests._track_helpers import WORKED_ACTUALS, WORKED_PROFILE
from tests.conftest import varied

SHORT = "  short: {months: 4, targets: {followers: 20736, monthly_gmv: 160000, conversion_rate: 0.04, cac: 40}}\n"


def _review(write, mid: str) -> Review:
    profile = varied(WORKED_PROFILE, (SHORT, SHORT + mid))
    plan = build_plan(load_profile(write("shop.yaml", profile)))
    return build_review(plan, read_actuals(write("actuals.csv", WORKED_ACTUALS), plan), dt.date(2027, 3, 31))


def _metric(review: Review, key: str) -> MetricReview:
    return next(m for m in review.metrics if m.metric == key)


MID = "  mid: {months: 12, targets: {followers: 41472, conversion_rate: 0.05, cac: 30}}\n"


def test_followers_follow_the_plan_s_slower_growth_after_the_next_horizon(write) -> None:
    m = _metric(_review(write, MID), "followers")
    g = 1.6 ** (1 / 3) - 1  # 16.96% a month so far
    short, mid = m.forecasts
    # month 4: 16,000 × 1.6^(1/3) = 16,000 × 1.169607 = 18,713.7, as before
    assert short.forecast == pytest.approx(18_713.7, abs=0.1)
    # month 12: the plan's own 8 months, 41,472 / 20,736 = ×2: 18,713.7 × 2 = 37,427.4 (not 16,000 × 1.6³ = 65,536)
    assert mid.forecast == pytest.approx(37_427.4, abs=0.1)
    assert not mid.reaches  # 37,427 < 41,472: the 9.75% short at month 4 carries through
    # the band scales the growth so far, not the plan's: 16,000 × (1 + 0.8 g) × 2 = 36,341.9 and
    # 16,000 × (1 + 1.2 g) × 2 = 38,512.9
    assert (mid.low, mid.high) == pytest.approx((16_000 * (1 + 0.8 * g) * 2, 16_000 * (1 + 1.2 * g) * 2))
    assert (mid.low, mid.high) == pytest.approx((36_341.9, 38_512.9), abs=0.1)
    assert mid.capped is None


def test_a_rate_takes_the_plan_s_steps_after_the_next_horizon(write) -> None:
    c = _metric(_review(write, MID), "conversion_rate")
    short, mid = c.forecasts
    # 2% → 3.4% in 3 months: 0.4667 points a month; month 4: 3.8667%
    assert short.forecast == pytest.approx(0.038667, abs=1e-6)
    # then the plan's step from 4% to 5% over months 4–12: + 1 point = 4.8667% (not 3.4% + 9 × 0.4667 = 7.6%)
    assert mid.forecast == pytest.approx(0.048667, abs=1e-6)
    assert not mid.reaches


def test_a_falling_cost_follows_the_plan_s_fall_after_the_next_horizon(write) -> None:
    cac = _metric(_review(write, MID), "cac")
    short, mid = cac.forecasts
    # 50 → 48 in 3 months: (48 / 50)^(1/3) = 0.986484; month 4: 48 × 0.986484 = 47.35
    assert short.forecast == pytest.approx(47.351, abs=1e-3)
    # then the plan's fall from 40 to 30 over 8 months, ×0.75: 47.351 × 0.75 = 35.51 (above the target 30)
    assert mid.forecast == pytest.approx(35.513, abs=1e-3)
    assert not mid.reaches


def test_the_plan_s_own_growth_is_held_to_the_ceiling_too(write) -> None:
    # a mid target 40% a month after month 4: 20,736 × 1.4^8 = 20,736 × 14.757891 = 306,023.6 (OPS607 warns)
    m = _metric(_review(write, "  mid: {months: 12, targets: {followers: 306023.6}}\n"), "followers")
    _, mid = m.forecasts
    # carried at 30% a month at most: 18,713.7 × 1.3^8 = 18,713.7 × 8.157307 = 152,653.6, marked
    assert mid.forecast == pytest.approx(152_653.6, abs=0.5)
    assert mid.capped == "plausibility.count_growth"
