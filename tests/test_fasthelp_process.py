"""The console script in a real process: a help line, ``presets``, ``metrics``, ``schema`` and ``rules`` answered
without typer print the same bytes, on the same streams, with the same exit code as through typer.

The fast path reads the help pages from a prepared folder written here from the live app (a wheel ships its own,
read when it was built: tests/test_wheel.py runs the installed script).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TypedDict

import pytest

from opsplan.cli import COMMANDS
from opsplan.cli_help_data import write_pages
from tests._hardening_helpers import HANG_LIMIT

# the console script, reading the help pages from the folder given as its first argument; with MODULES_TO set, the
# modules it loaded are written there at exit
CONSOLE = (
    "import atexit, os, sys\n"
    "import opsplan.cli_help_data as data\n"
    "data.folder = sys.argv.pop(1)\n"
    "if os.environ.get('MODULES_TO'):\n"
    "    atexit.register(lambda: open(os.environ['MODULES_TO'], 'w').write(' '.join(sys.modules)))\n"
    "sys.argv = ['opsplan', *sys.argv[1:]]\n"
    "from opsplan._entry import main\n"
    "main()\n"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prepared")
    write_pages(folder)
    return folder


def _console(pages: Path, args: list[str], typer: bool, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k not in ("OPSPLAN_LANG", "COLUMNS", "MODULES_TO")}
    environ.update(OPSPLAN_NO_FAST_CLI="1" if typer else "", **env)
    return subprocess.run(
        [sys.executable, "-c", CONSOLE, str(pages), *args],
        capture_output=True,
        env=environ,
        timeout=HANG_LIMIT,
        check=False,
    )


def _both(pages: Path, tmp_path: Path, args: list[str], answered: bool = True, **env: str) -> bytes:
    """Run ``args`` through the fast path and through typer: the same exit code, stdout and stderr bytes.

    ``answered``: the fast path answers it without importing typer (else it hands it to typer).
    """
    modules = tmp_path / "modules"
    fast = _console(pages, args, typer=False, MODULES_TO=str(modules), **env)
    slow = _console(pages, args, typer=True, **env)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    loaded = set(modules.read_text().split())
    assert ("typer" not in loaded) == answered, args
    if answered:
        assert "signal" not in loaded, args  # ``_signal`` sets the handlers: no enums built
    return fast.stdout


SLOW = pytest.mark.slow  # the whole matrix with -m slow; the default run keeps one case of each kind


class _Language(TypedDict, total=False):  # the variables that choose the language of messages
    OPSPLAN_LANG: str
    LANG: str
    LC_ALL: str


@pytest.mark.parametrize(
    "env",
    [
        {"OPSPLAN_LANG": "zh-CN"},
        pytest.param({"OPSPLAN_LANG": "en"}, marks=SLOW),
        pytest.param({"LANG": "zh_CN.UTF-8", "LC_ALL": ""}, marks=SLOW),
    ],
)
@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_every_help_page_is_typers(pages: Path, tmp_path: Path, name: str | None, env: _Language) -> None:
    args = [name, "--help"] if name else ["--help"]
    assert _both(pages, tmp_path, args, COLUMNS="80", **env)


@pytest.mark.parametrize("columns", ["40", pytest.param("60", marks=SLOW), pytest.param("120", marks=SLOW)])
@pytest.mark.parametrize(
    "args",
    [
        ["render", "--help", "--lang", "zh-CN"],
        pytest.param(["--lang", "zh-CN", "--help"], marks=SLOW),
        pytest.param(["--lang=zh", "track", "--help"], marks=SLOW),
        ["--debug", "--lang", "en", "check", "x.yaml", "--help", "--lang", "zh"],
    ],
)
def test_help_in_the_language_of_lang_at_any_width_is_typers(
    pages: Path, tmp_path: Path, args: list[str], columns: str
) -> None:
    assert _both(pages, tmp_path, args, COLUMNS=columns, OPSPLAN_LANG="en")


@pytest.mark.parametrize(
    "args",
    [
        ["presets"],
        pytest.param(["presets", "--locale", "zh"], marks=SLOW),
        ["--lang", "zh-CN", "presets"],
        ["metrics"],
        pytest.param(["metrics", "--lang", "zh-CN", "--locale=en"], marks=SLOW),
        ["schema"],
        ["schema", "--plan", "--lang", "zh-CN"],
        pytest.param(["--lang", "zh", "schema"], marks=SLOW),
        pytest.param(["rules"], marks=SLOW),
        ["--debug", "rules", "--lang", "zh-CN"],
    ],
)
def test_the_listings_are_typers(pages: Path, tmp_path: Path, args: list[str]) -> None:
    assert _both(pages, tmp_path, args, OPSPLAN_LANG="en")


@pytest.mark.parametrize(
    "args",
    [
        [],  # the root's help on stderr, exit 2
        pytest.param(["--lang", "zh-CN"], marks=SLOW),
        ["--lang", "xx", "render", "--help"],
        pytest.param(["--version", "--help"], marks=SLOW),
        ["render", "--help", "--bogus"],
        pytest.param(["render", "--help", "--format"], marks=SLOW),
        pytest.param(["bogus", "--help"], marks=SLOW),
        ["presets", "--locale", "xx"],
        pytest.param(["schema", "extra"], marks=SLOW),
    ],
)
def test_what_the_fast_path_is_not_sure_of_is_typers_answer(pages: Path, tmp_path: Path, args: list[str]) -> None:
    _both(pages, tmp_path, args, answered=False, OPSPLAN_LANG="en")


def test_without_prepared_pages_every_help_line_goes_to_typer(tmp_path: Path) -> None:
    _both(tmp_path / "absent", tmp_path, ["render", "--help"], answered=False)


def test_an_ascii_standard_output_goes_to_typer(pages: Path, tmp_path: Path) -> None:
    _both(pages, tmp_path, ["--lang", "zh-CN", "--help"], answered=False, PYTHONIOENCODING="ascii")


@SLOW
def test_a_reader_that_goes_away_keeps_the_exit_code(pages: Path, tmp_path: Path) -> None:
    """``opsplan schema | head -1``: the same exit code and nothing on stderr, either way."""
    for typer in (False, True):
        environ = {**os.environ, "OPSPLAN_NO_FAST_CLI": "1" if typer else ""}
        reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        done = subprocess.run(
            [sys.executable, "-c", CONSOLE, str(pages), "schema"],
            stdout=reader.stdin,
            stderr=subprocess.PIPE,
            env=environ,
            timeout=HANG_LIMIT,
            check=False,
        )
        assert reader.stdin is not None
        reader.stdin.close()
        reader.wait(timeout=HANG_LIMIT)
        assert (done.returncode, done.stderr) == (0, b""), typer
