"""The installed wheel ships its regular expressions compiled: a check of a DOCX compiles none (opsplan.retable)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from opsplan import retable
from tests._wheel_install import run_installed

REPO = Path(__file__).resolve().parents[1]
DOCX = REPO / "examples" / "douyin-flowers.en.docx"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not retable.supported(), reason="opsplan.retable is used on CPython 3.11 only"),
]

# installs the table as the console script does (``opsplan._entry.main``), then checks the DOCX the way the console
# script does, counting what re compiles; writes the count to the file named by its second argument
CHECK = """\
import json, sys
from re import _compiler

from opsplan.retable import install

installed = install()
compiled = []
compile_now = _compiler.compile
_compiler.compile = lambda pattern, flags=0: compiled.append(str(pattern)) or compile_now(pattern, flags)
from opsplan.cli_fast import read_line, run_line

code = None
try:
    run_line(read_line(["check", sys.argv[1]]))
except SystemExit as stop:
    code = stop.code
with open(sys.argv[2], "w", encoding="utf-8") as stream:
    json.dump({"installed": installed, "exit": code, "compiled": compiled}, stream)
"""


def test_the_wheel_ships_the_compiled_table(wheel: Path) -> None:
    assert "opsplan/_prepared/retable.bin" in zipfile.ZipFile(wheel).namelist()


def test_a_check_of_a_docx_compiles_no_pattern(venv_bin: Path, tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    run_installed([venv_bin / "python", "-c", CHECK, DOCX, result], cwd=tmp_path)
    done = json.loads(result.read_text(encoding="utf-8"))
    assert done["installed"] is True, "the wheel's table was not installed"
    assert done["exit"] in (0, None)
    listed = {str(pattern) for pattern, _ in retable.listed_patterns()}
    assert sorted(listed.intersection(done["compiled"])) == []  # a newer library's own new pattern is compiled


def test_the_console_script_checks_as_before_and_a_library_user_keeps_re(venv_bin: Path, tmp_path: Path) -> None:
    opsplan = venv_bin / "opsplan"
    checked = run_installed([opsplan, "check", DOCX, "--format", "json"], cwd=tmp_path).stdout
    assert json.loads(checked) == [], checked  # no findings, as before
    script = "import re, opsplan.cli, opsplan.check.textutil; print(type(re._cache).__name__)"
    assert run_installed([venv_bin / "python", "-c", script], cwd=tmp_path).stdout.strip() == "dict"
