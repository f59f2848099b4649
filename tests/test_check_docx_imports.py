"""What ``opsplan check`` of a DOCX imports (issue 14): not the modules it no longer needs, read from ``sys.modules``.

The check runs as the console script runs it, in a process of its own; at its end (``atexit``, which the console
script runs before it leaves without the interpreter's teardown) the process writes the names of the modules it
imported. No time is measured.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests._examples import EXAMPLES

# zipfile and what it imports (zipread reads the package); dataclasses and copy (named tuples and slotted classes)
NOT_IMPORTED = ("zipfile", "shutil", "bz2", "lzma", "dataclasses", "copy")

SCRIPT = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["opsplan", "check", sys.argv[2]]
from opsplan._entry import main
main()
"""


def test_a_docx_check_imports_neither_zipfile_nor_dataclasses(tmp_path: Path) -> None:
    out = tmp_path / "modules.json"
    docx = EXAMPLES / "douyin-flowers.zh-CN.docx"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(out), str(docx)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr  # 1: findings, still a finished check
    modules = set(json.loads(out.read_text(encoding="utf-8")))
    assert "opsplan.check.docxread" in modules  # the DOCX was read
    assert sorted(modules.intersection(NOT_IMPORTED)) == []
