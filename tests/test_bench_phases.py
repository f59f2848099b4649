"""bench/bench_phases.py beside an older install: the steps it has no function for are measured together and said.

The scripts find each step by name (``FIND``); an opsplan without one (before ``render.loaded``, say) is measured
through the whole render or check in one row marked "not split by this install", with a note under the table.
Here an older opsplan is this one with a function taken away. No time is asserted: only which rows there are.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "douyin-flowers.en.yaml"


@pytest.fixture(scope="module")
def phases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_phases", REPO / "bench" / "bench_phases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_phases"] = module
    spec.loader.exec_module(module)
    return module


def test_a_row_only_the_older_install_has_keeps_its_place_among_the_steps(phases: ModuleType) -> None:
    older = {"start": 1.0, "import": 2.0, "work (not split by this install)": 5.0, "report": 1.0}
    newer = {"start": 1.0, "import": 2.0, "load": 1.0, "check": 1.0, "report": 1.0}
    assert phases.row_order([older, newer]) == [
        "start", "import", "work (not split by this install)", "load", "check", "report",
    ]  # fmt: skip
    assert phases.row_order([newer]) == list(newer)


def test_the_table_shows_what_an_install_did_not_measure_and_says_why(phases: ModuleType) -> None:
    older = phases.Measured({"start": 1.0, "work (not split by this install)": 3.0}, "Pydantic", ("it has no load",))
    newer = phases.Measured({"start": 1.0, "load": 1.0, "check": 1.0}, "light mode")
    text = phases.table("render", [older, newer], ["old", "new"])
    assert "| work (not split by this install) | 3.0 | 75% | — |" in text
    assert "| load | — | | 1.0 | 33% |" in text  # no figure, no share
    assert text.endswith("| whole (sum) | 4.0 | 100% | 3.0 | 100% |\n\nold: it has no load")


def _run(phases: ModuleType, script: str, before: str, *args: str) -> dict[str, object]:
    """Run ``script`` with this Python, ``before`` first (what an older opsplan lacked, taken away)."""
    done = subprocess.run(
        [sys.executable, "-c", before + "\n" + script, *args], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    said: dict[str, object] = json.loads(done.stdout)
    return said


@pytest.mark.slow  # renders twice in processes of their own
def test_a_render_without_the_loader_of_render_loaded_is_measured_whole(phases: ModuleType, tmp_path: Path) -> None:
    split = _run(phases, phases.RENDER, "", str(EXAMPLE), str(tmp_path / "split.docx"))
    split_parts = split["parts"]
    assert isinstance(split_parts, dict) and "work: DOCX" in split_parts and split["notes"] == []
    before = "import opsplan.render.outputs, opsplan.render.loaded as loaded\ndel loaded.load_profile_plan"
    whole = _run(phases, phases.RENDER, before, str(EXAMPLE), str(tmp_path / "whole.docx"))
    parts = whole["parts"]
    assert isinstance(parts, dict)
    assert "work: load, check, Markdown, DOCX (not split by this install)" in parts and "work: DOCX" not in parts
    assert whole["notes"] == ["work not split: it has no load step of its own"]
    assert (tmp_path / "whole.docx").read_bytes() == (tmp_path / "split.docx").read_bytes()


@pytest.mark.slow  # renders three plans in a process of its own
def test_a_batch_plan_without_the_loader_is_measured_whole(phases: ModuleType) -> None:
    before = "import opsplan.render.outputs, opsplan.render.loaded as loaded\ndel loaded.load_profile_plan"
    whole = _run(phases, phases.BATCH, before, str(EXAMPLE), "2")
    parts = whole["parts"]
    assert isinstance(parts, dict)
    assert list(parts) == [
        "load, check, Markdown, DOCX (not split by this install)",
        "collect between plans (workers.collected)",
        "write the set (the main process)",
    ]
    assert whole["notes"] == ["plan not split: it has no load step of its own"]
