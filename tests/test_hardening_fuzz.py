"""Class 6: fuzzing: mutated profiles always end in a plan or a clean OpsplanError, never a crash.

The longer run is ``python bench/fuzz.py`` (10,000 examples).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings

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


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # find() shows the found profile (60 kB)
def test_the_fuzzer_reaches_both_outcomes(tmp_path: Path) -> None:
    # Mutations of a valid profile are sometimes harmless and mostly not (about 1 in 4 plans, 3 in 4 clean
    # errors), so the property above is not vacuous. Asserting both within a fixed 40 examples failed once
    # (40 of 40 clean errors); here each outcome is searched for from a fixed seed, with a limit far above
    # need (at 1 in 4, 500 tries all missing is 0.75**500, about 1e-63), and is still not found if the
    # fuzzer stops reaching it.
    tally: Counter[str] = Counter()

    def ends_in(outcome: str) -> Callable[[str], bool]:
        def condition(text: str) -> bool:
            before = tally[outcome]
            run_one(text, tmp_path, tally)  # a crash is raised through find and fails the test
            return tally[outcome] > before

        return condition

    search = settings(max_examples=500, deadline=None, database=None, phases=[Phase.generate])
    for outcome in ("plan", "clean error"):
        find(mutated_profiles(BASES), ends_in(outcome), settings=search, random=random.Random(2026))
    assert tally["plan"] > 0 and tally["clean error"] > 0, tally
    assert tally["crash"] == 0
