"""The lock (constraints.txt) covers everything pyproject.toml asks for, and .ci/lockcheck.py says when it does not."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO


def _lockcheck() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lockcheck", REPO / ".ci" / "lockcheck.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_package_pyproject_names_is_pinned() -> None:
    lockcheck = _lockcheck()
    pinned = lockcheck.pins()
    missing = [name for name in lockcheck.requested() if name not in pinned]
    assert missing == [], f"constraints.txt does not pin {missing}: run .ci/lock"


def test_every_pin_is_exact() -> None:
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert line.count("==") == 1, line


def test_names_are_read_as_pip_compares_them(tmp_path: Path) -> None:
    lockcheck = _lockcheck()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["Jinja2>=3", "python_pptx >= 1.0 ; python_version >= \'3.11\'"]\n'
        '[project.optional-dependencies]\nsheets = ["XlsxWriter[extra]~=3.2"]\n',
        encoding="utf-8",
    )
    lock = tmp_path / "constraints.txt"
    lock.write_text("# header\njinja2==3.1.6\nxlsxwriter==3.2.0  # a comment\n", encoding="utf-8")
    assert lockcheck.requested(pyproject) == ["jinja2", "python-pptx", "xlsxwriter"]
    assert lockcheck.pins(lock) == {"jinja2": "3.1.6", "xlsxwriter": "3.2.0"}


def test_lockcheck_passes_on_the_repository() -> None:
    result = subprocess.run([sys.executable, str(REPO / ".ci" / "lockcheck.py")], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
