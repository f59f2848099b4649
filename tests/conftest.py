"""Shared test helpers: profiles written inline, the CLI runner."""

from __future__ import annotations

import functools
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
import typer.main
import typer.testing
import yaml
from typer.testing import CliRunner

from tests._wheel_install import venv_bin, wheel  # noqa: F401  (session fixtures: one wheel and venv a run)

REPO = Path(__file__).resolve().parents[1]

# The suite's own checks need Pydantic itself (JSON Schemas computed, test models on Pydantic's BaseModel), so it
# runs opsplan's models on Pydantic even where the install ships the light mode's files (CI installs the package,
# not a checkout); tests/test_modelkit_light.py and the wheel test run the light mode in child processes of their own.
os.environ["OPSPLAN_NO_LIGHT"] = "1"

# Test modules that start a child process for most cases (limits and output sets through the CLI, terminal and
# signal handling): slow as a whole, so the README's default run stays short. .ci/run runs them with -m slow.
CHILD_PROCESS_MODULES = frozenset({"test_limits.py", "test_output_sets.py", "test_terminal.py"})


# CliRunner.invoke builds the click command from the Typer app on every call (typer.main.get_command, 20-50 ms;
# over 400 invocations a run, about 10 s of its CPU). The app is fixed once imported, so each app's command is
# built once and reused; every invocation still parses its arguments and runs the command afresh.
# (``_get_command`` is typer.testing's private name for typer.main.get_command, hence set through its namespace)
vars(typer.testing)["_get_command"] = functools.cache(typer.main.get_command)


@pytest.hookimpl(tryfirst=True)  # before -m selects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of ``CHILD_PROCESS_MODULES`` slow."""
    for item in items:
        if item.path.name in CHILD_PROCESS_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English unless a test chooses otherwise (the machine's LANG or a profile's locale would pick)."""
    monkeypatch.setenv("OPSPLAN_LANG", "en")


@pytest.fixture(autouse=True, scope="session")
def no_exit_at_once() -> Iterator[None]:
    """An in-process ``opsplan._entry.main()`` ends with ``SystemExit``, as typer's commands do, never ``os._exit``.

    The console script ends a finished command without the interpreter's teardown (``_entry._exit_at_once``); run
    in the test process, that ended pytest itself, quietly and with exit code 0, the rest of the run never run.
    """
    from opsplan import _entry

    def exit_as_usual(code: object) -> NoReturn:
        raise SystemExit(code)

    at_once = _entry._exit_at_once
    _entry._exit_at_once = exit_as_usual
    yield
    _entry._exit_at_once = at_once


@pytest.fixture(autouse=True, scope="session")
def private_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep opsplan's caches (compiled templates) and matplotlib's (--charts) in the test run's folders.

    Nothing is read from or written to the user's home: matplotlib would otherwise make ``~/.config/matplotlib``.
    """
    folder = tmp_path_factory.mktemp("xdg-cache")
    private = {"XDG_CACHE_HOME": str(folder), "MPLCONFIGDIR": str(tmp_path_factory.mktemp("matplotlib"))}
    previous = {name: os.environ.get(name) for name in private}
    os.environ.update(private)
    yield folder
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True, scope="session")
def default_page_numbers() -> Iterator[None]:
    """Render DOCX as ``opsplan render`` does by default, whatever the machine's OPSPLAN_PAGE_NUMBERS says.

    The contents get the estimated page numbers, in Python (a few ms a small plan); a test of LibreOffice's layout
    passes ``--page-numbers`` (or ``RenderOptions(page_numbers="confirmed")``), one of no numbers
    ``--no-page-numbers``.
    """
    previous = os.environ.pop("OPSPLAN_PAGE_NUMBERS", None)
    yield
    if previous is not None:
        os.environ["OPSPLAN_PAGE_NUMBERS"] = previous


# The one base profile of the tests: a douyin-flowers plan with a baseline, one goal horizon, a one-line budget and
# a short schedule. Tests vary it with varied() (RENDERABLE_PROFILE below, CLEAN_PROFILE in _check_helpers) or,
# as data, with base_data() (BASE in _plan_helpers); a hand-worked value in a test starts from these numbers.
MINIMAL_PROFILE = """\
version: 1
plan:
  title: 测试方案
  locale: zh-CN
  start: 2027-03-01
  kind: douyin-flowers
shop:
  name: 花间
  platform: douyin
baseline: {monthly_gmv: 150000, followers: 20000}
goals:
  short: {months: 6, targets: {followers: 500000, monthly_gmv: 2000000}}
budget: {total: 1200000, months: 6, items: [{name: 内容, share: 1}]}
timeline:
  phases:
    - id: prep
      name: 准备
      tasks:
        - {id: hire, name: 招聘, weeks: 2}
        - {id: setup, name: 搭建, weeks: 1, after: [hire]}
    - id: build
      name: 建设
      tasks:
        - {id: groups, name: 建群, weeks: 3}
  milestones:
    - {id: M1, name: 完成, after: [groups], criteria: 群数达到10个, kpis: [followers]}
"""


def varied(base: str, *edits: tuple[str, str]) -> str:
    """Return ``base`` with each ``(old, new)`` edit made at the first ``old``; fail if an ``old`` is not there."""
    for old, new in edits:
        if old not in base:
            raise AssertionError(f"{old!r} is not in the base profile: edit the variation with the base")
        base = base.replace(old, new, 1)
    return base


def base_data() -> dict[str, Any]:
    """Return the base profile as data (a fresh copy: YAML types, as a profile dict written by hand has them)."""
    data: dict[str, Any] = yaml.safe_load(MINIMAL_PROFILE)
    return data


# MINIMAL_PROFILE as a custom plan of the three chapters it has data for, so `opsplan render` (which refuses
# a profile with check errors, such as a plan kind's chapter without data) writes it
RENDERABLE_PROFILE = varied(
    MINIMAL_PROFILE, ("  kind: douyin-flowers", "  kind: custom\n  chapters: [goals, timeline, outcomes]")
)


@pytest.fixture
def write(tmp_path: Path):
    """Write ``text`` (dedented) to ``tmp_path/name`` and return the path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
