"""Class 6: fuzzing: mutated profiles always end in a plan or a clean OpsplanError, never a crash.

The longer run is ``python bench/fuzz.py`` (10,000 examples).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests._hardening_helpers import fuzz_bases, mutated_profiles, run_one

BASES = fuzz_bases()
TALLY: Counter[str] = Counter()


@pytest.mark.slow  # 200 examples, several seconds
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=mutated_profiles(BASES))
def test_mutated_profiles_end_in_a_plan_or_a_clean_error(tmp_path: Path, text: str) -> None:
    run_one(text, tmp_path, TALLY)
    assert TALLY["crash"] == 0


def test_the_fuzzer_reaches_both_outcomes(tmp_path: Path) -> None:
    # A few mutations of a valid profile are sometimes harmless and mostly not: over 40 examples both
    # outcomes show up, so the property above is not vacuous.
    tally: Counter[str] = Counter()

    @settings(max_examples=40, deadline=None, database=None)
    @given(text=mutated_profiles(BASES))
    def run(text: str) -> None:
        run_one(text, tmp_path, tally)

    run()
    assert tally["plan"] > 0 and tally["clean error"] > 0, tally
    assert tally["crash"] == 0
