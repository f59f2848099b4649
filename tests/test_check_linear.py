"""Every regular expression applied to a document's text is linear: 1 MB of its worst case ends at once.

Each case runs in a subprocess with a generous timeout. A pattern that backtracks (quadratic or worse)
needs hours on 1 MB, so the timeout separates the two on any machine, loaded or not; the times of the
100 KB and 1 MB steps are compared in ``bench/fuzz_check.py --linear``, not here.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import textwrap

import pytest

from tests import _linear_cases as linear_cases
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # a process per case

# seconds: a pattern's linear pass over 1 MB takes well under one, and the slowest whole check of 1 MB here (a
# contents list of 73,000 different plain lines) about 4 s on a busy 2-core machine; a backtracking pattern or a
# quadratic reader needs minutes to hours, so the timeout tells the two apart with a wide margin on any machine
TIMEOUT = 20


def _module_patterns() -> set[str]:
    """Every pattern defined at module level, each under the module that compiles it (an import is not a second one)."""
    names = set()
    seen: set[int] = set()
    for module_name in linear_cases.MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and id(value) not in seen:
                seen.add(id(value))
                names.add(f"{module_name}:{name}")
    return names


def test_every_pattern_on_document_text_has_a_worst_case():
    assert _module_patterns() == set(linear_cases.PATTERN_CASES)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        cwd=REPO,
    )


CASES = [("run_pattern_case", key) for key in sorted(linear_cases.PATTERN_CASES)] + [
    ("run_function_case", key) for key in linear_cases.FUNCTION_CASES
]


@pytest.mark.parametrize(("runner", "key"), CASES, ids=[key for _, key in CASES])
def test_pattern_or_text_function_is_linear_on_1_mb_of_its_worst_cases(runner, key):
    result = _run(
        f"""
        from tests._linear_cases import {runner}
        {runner}({key!r}, 1_000_000)
        """
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("key", sorted(linear_cases.DOCUMENT_CASES))
def test_check_reads_1_mb_documents_of_worst_cases(tmp_path, key):
    path = tmp_path / "plan.md"
    path.write_text(linear_cases.DOCUMENT_CASES[key](1_000_000), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "opsplan", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
