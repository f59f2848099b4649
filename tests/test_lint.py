"""The tree is as ruff wants it, so a change that lands through the test command cannot break CI's lint step."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _ruff() -> str:
    found = Path(sys.executable).parent / "ruff"
    if found.is_file():
        return str(found)
    which = shutil.which("ruff")
    if which is None:
        pytest.fail("ruff is not installed: it is part of the test extra (pip install '.[test]')")
    return which


@pytest.mark.parametrize("args", [["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]])
def test_ruff_is_clean(args: list[str]) -> None:
    done = subprocess.run([_ruff(), *args], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
