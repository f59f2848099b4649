"""The wheel built from this checkout and a fresh venv it is installed into, once for the whole test run.

``tests/test_wheel.py`` and ``tests/test_retable_wheel.py`` both test what a user installs; building the wheel and a
venv takes most of their time, so they share one of each (session fixtures, registered in ``conftest.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_installed(args: list[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run ``args`` as a user of the installed wheel would (no checkout on the path, the light mode on); fail the
    test unless it exits 0."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "OPSPLAN_NO_LIGHT")}
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel of this checkout, as ``pip install .`` would; return its path."""
    out = tmp_path_factory.mktemp("dist")
    run_installed([sys.executable, "-m", "build", "--wheel", "--outdir", out, REPO], cwd=out)
    wheels = list(out.glob("opsplan-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="session")
def venv_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install ``wheel`` into a fresh venv; return the venv's folder of scripts (``opsplan``, ``python``)."""
    venv = tmp_path_factory.mktemp("venv")
    run_installed([sys.executable, "-m", "venv", venv], cwd=venv)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    run_installed([bin_dir / "python", "-m", "pip", "install", "--quiet", wheel], cwd=venv)
    return bin_dir
