"""No module in src/ grows over 400 lines (STYLE: modules of at most about 400 lines; issue 13's "done means").

A module that needs more is split by what its parts do, as ``check/findings.py`` was into ``rule.py``,
``rule_table.py`` and ``findings.py``.
"""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MOST_LINES = 400


def line_count(path: Path) -> int:
    """Count lines as ``wc -l`` does: the newline characters in the file."""
    return path.read_bytes().count(b"\n")


def test_line_count_counts_newlines_as_wc_does(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_bytes(b"a = 1\n\nb = 2\n")  # three lines, one blank
    assert line_count(sample) == 3


def test_no_module_in_src_is_over_400_lines() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 50  # the package is there (a moved src/ must not make this pass on nothing)
    too_long = {str(path.relative_to(SRC)): lines for path in modules if (lines := line_count(path)) > MOST_LINES}
    assert too_long == {}, f"split these by what their parts do (lines): {too_long}"
