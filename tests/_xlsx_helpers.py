"""Helpers for the workbook tests: LibreOffice recalculation and reading formula cells with openpyxl."""

from __future__ import annotations

import math
import subprocess
import uuid
from pathlib import Path
from typing import Any

from tests._docx_helpers import soffice_or_skip

# LibreOffice keeps the cached values of an .xlsx unless told to recalculate on load (OOXMLRecalcMode 0)
RECALC_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def libreoffice_resave(path: Path, work: Path, *, recalculate: bool = True) -> Path:
    """Open ``path`` in LibreOffice headless and save it as .xlsx again (recalculating every formula)."""
    soffice = soffice_or_skip()
    profile = work / f"lo-profile-{uuid.uuid4().hex}"
    if recalculate:
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALC_SETTINGS, encoding="utf-8")
    out_dir = work / f"resaved-{uuid.uuid4().hex[:8]}"
    out_dir.mkdir()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    out = out_dir / path.name
    assert out.is_file(), f"LibreOffice wrote no workbook for {path.name}"
    return out


def formula_cells(path: Path) -> dict[tuple[str, str], str]:
    """Every formula cell of the workbook: (sheet, coordinate) → formula text."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    }


def values(path: Path) -> dict[tuple[str, str], Any]:
    """Every cell's value as stored (a formula cell's cached value)."""
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}


def same(a: Any, b: Any) -> bool:
    """Equal text, or numbers equal to 1e-9 relative."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)
