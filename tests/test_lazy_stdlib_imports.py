"""Standard-library modules that a clean render or check does not need are not imported (issue 14).

``difflib`` is for the "did you mean" of a name that is not known, ``calendar`` was for a month's length: both were
imported at the top of modules on every render and profile check (with ``locale``, which ``calendar`` imports
and which compiles a pattern as it loads). The commands run light, from the prepared files the wheel ships, as an
installed opsplan runs them; the process then names what it imported. No time is measured.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path

import pytest

import opsplan.prepared as prepared
from opsplan.plan.dates import add_months, month_days
from tests.test_modelkit_light import _run
from tests.test_prepared_models import EXAMPLES

UNNEEDED = ["difflib", "calendar", "locale"]

RUN_AND_NAME_IMPORTS = """\
import json, sys
from pathlib import Path

import opsplan.prepared

opsplan.prepared.prepared_folder = lambda: Path(sys.argv[1])
import opsplan.modelkit
from opsplan.cli_fast import read_line, run_line

try:
    run_line(read_line(json.loads(sys.argv[2])))
except SystemExit as stop:
    print("exit", stop.code)
imported = [name for name in json.loads(sys.argv[3]) if name in sys.modules]
print(json.dumps({"light": opsplan.modelkit.LIGHT, "imported": imported}))
"""


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every prepared artefact, as the wheel's build hook writes them."""
    target = tmp_path_factory.mktemp("shipped") / prepared.FOLDER_NAME
    prepared.write_prepared(target)
    return target


@pytest.mark.parametrize("command", ["render", "check"])
def test_a_clean_render_or_check_imports_neither_difflib_nor_calendar(
    command: str, shipped: Path, tmp_path: Path
) -> None:
    profile = next(path for path in EXAMPLES if path.name == "douyin-flowers.zh-CN.yaml")
    line = [command, str(profile)] + (["-f", "md,docx", "-o", str(tmp_path / "out")] if command == "render" else [])
    done = _run(RUN_AND_NAME_IMPORTS, shipped, json.dumps(line), json.dumps(UNNEEDED), cwd=tmp_path)
    *said, last = done.stdout.splitlines()
    assert [line for line in said if line.startswith("exit")] == ["exit 0"], done.stdout
    assert json.loads(last) == {"light": True, "imported": []}
    if command == "render":
        assert (tmp_path / "out" / "douyin-flowers.zh-CN.docx").stat().st_size > 0


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [
        (2027, 1, 31),
        (2027, 2, 28),
        (2028, 2, 29),
        (1900, 2, 28),
        (2000, 2, 29),
        (2100, 2, 28),
        (2027, 4, 30),
        (2027, 6, 30),
        (2027, 9, 30),
        (2027, 11, 30),
        (2027, 12, 31),
        (1, 2, 28),
        (9999, 12, 31),
    ],
)
def test_a_months_length_is_worked_out_by_hand(year: int, month: int, days: int) -> None:
    assert month_days(year, month) == days


def test_every_months_length_is_the_calendars() -> None:
    differ = [(y, m) for y in range(1, 10000) for m in range(1, 13) if month_days(y, m) != calendar.monthrange(y, m)[1]]
    assert differ == []


def test_a_month_added_to_a_months_last_day_lands_on_the_shorter_months_last_day() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 8, 31), 1) == dt.date(2027, 9, 30)
    assert add_months(dt.date(2027, 12, 31), 2) == dt.date(2028, 2, 29)
