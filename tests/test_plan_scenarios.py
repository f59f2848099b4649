"""The scenario band keeps conservative ≤ base ≤ aggressive in the metric's own direction (issue 12.5)."""

from __future__ import annotations

import pytest

from tests._plan_helpers import goals, plan


def test_target_below_baseline_keeps_the_band_in_order() -> None:
    # monthly GMV should rise; baseline 150000, target 100000 (the wrong way, OPS602 reports it):
    # 150000 − 50000 × 0.8 = 110000 and 150000 − 50000 × 1.2 = 90000; the conservative case is the lower one
    p = plan(baseline={"monthly_gmv": 150_000}, goals=goals({"monthly_gmv": 100_000}))
    (band,) = p.scenarios.gmv
    assert (band.conservative, band.base, band.aggressive) == pytest.approx((90_000, 100_000, 110_000))


def test_falling_metric_band_reads_worse_to_better() -> None:
    # CAC should fall: 120 → 100; 120 − 20 × 0.8 = 104 (less favourable), 120 − 20 × 1.2 = 96 (more favourable)
    p = plan(baseline={"cac": 120}, goals=goals({"cac": 100}))
    (band,) = p.scenarios.targets
    assert (band.conservative, band.base, band.aggressive) == pytest.approx((104, 100, 96))
