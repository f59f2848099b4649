"""opsplan check on 300 mutated example plans (Markdown and DOCX): findings or a clean error, never a crash.

``bench/fuzz_check.py`` runs 10,000 of the same cases and reports their times.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests._fuzz_check import run_case

pytestmark = pytest.mark.slow  # about 30 s

SEED = 7  # another seed than the bench's, so the two runs try different cases


def test_mutated_documents_give_findings_or_a_clean_error(tmp_path):
    tally: Counter[str] = Counter()
    crashes = []
    for number in range(300):
        name, outcome = run_case(number, tmp_path, SEED)
        tally[outcome.kind] += 1
        if outcome.kind == "crash":
            crashes.append(f"{name} (seed {SEED}):\n{outcome.detail}")
    assert not crashes, crashes[0]
    assert tally["findings"] > tally["refused"]  # most cases reach the rules, not only the reader
