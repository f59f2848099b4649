"""The console script in a real process: a line the fast path reads ends as it ends through typer (exit code, stdout,
stderr, files), and imports neither typer nor click."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests._hardening_helpers import HANG_LIMIT
from tests.conftest import MINIMAL_PROFILE, RENDERABLE_PROFILE

# the console script's function, as the installed ``opsplan`` runs it; the list of modules loaded, written at exit
CONSOLE = "import sys; sys.argv = ['opsplan', *sys.argv[1:]]; from opsplan._entry import main; main()"
MODULES = (
    "import atexit, os, sys; atexit.register(lambda: open(os.environ['MODULES_TO'], 'w').write(' '.join(sys.modules)));"
    + CONSOLE
)
# a bug in the render: the crash report (exit 70), either way
CRASH = "import opsplan.render.run as r; r.render_paths = lambda *a, **k: 1 / 0;" + CONSOLE


def _console(
    program: str, args: list[str], typer: bool, stdout: str | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "OPSPLAN_NO_FAST_CLI": "1" if typer else "", "COLUMNS": "100", **env}
    with open(stdout or os.devnull, "wb") as into:  # stdout captured unless it goes to the file ``stdout``
        return subprocess.run(
            [sys.executable, "-c", program, *args],
            stdout=into if stdout else subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environ,
            timeout=HANG_LIMIT,
            check=False,
        )


def _both(
    args: list[str], program: str = CONSOLE, stdout: str | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """Run ``args`` through the fast path and through typer; assert the same exit code, stdout and stderr bytes."""
    fast = _console(program, args, typer=False, stdout=stdout, **env)
    slow = _console(program, args, typer=True, stdout=stdout, **env)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    return fast


@pytest.fixture
def profiles(tmp_path: Path) -> tuple[Path, Path]:
    """A profile that renders (zh-CN) and one that check refuses (its kind needs chapters it lacks)."""
    good, bad = tmp_path / "shop.yaml", tmp_path / "bad.yaml"
    good.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    bad.write_text(MINIMAL_PROFILE, encoding="utf-8")
    return good, bad


def test_a_check_reads_the_same_either_way_and_imports_no_typer(profiles: tuple[Path, Path], tmp_path: Path) -> None:
    _, bad = profiles
    done = _both(["--lang", "en", "check", str(bad), "--ignore", "OPS201", "--format", "json"])
    assert done.returncode == 1 and done.stdout.startswith(b"[")
    listed = tmp_path / "modules.txt"
    assert _console(MODULES, ["check", str(bad)], typer=False, MODULES_TO=str(listed)).returncode == 1
    modules = set(listed.read_text(encoding="utf-8").split())
    assert "opsplan.check.run" in modules and "opsplan.cli_fast" in modules
    assert not {name for name in modules if name.split(".")[0] in ("typer", "click")}
    assert _console(MODULES, ["check", str(bad)], typer=True, MODULES_TO=str(listed)).returncode == 1
    assert "typer" in listed.read_text(encoding="utf-8").split()  # and the switch sends it to typer


@pytest.mark.slow  # a dozen processes
def test_render_ends_the_same_either_way(profiles: tuple[Path, Path], tmp_path: Path) -> None:
    good, bad = profiles
    out = tmp_path / "out"
    written = []
    for _ in range(2):  # into the same folder, so that both say the same paths
        done = _both(["render", str(good), "-fmd,docx", "--out", str(out), "--force", "--no-page-numbers"])
        assert done.returncode == 0 and done.stderr == b""
        written.append((out / "shop.md").read_bytes())
        shutil.rmtree(out)
    assert written[0] == written[1]
    refused = _both(["--debug", "render", str(bad), "-o", str(out)], OPSPLAN_PAGE_NUMBERS="yes")
    assert refused.returncode == 1 and not out.exists()
    missing = _both(["render", "--", str(tmp_path / "-none.yaml")], OPSPLAN_DEBUG="1")
    assert missing.returncode == 2 and b"Traceback" in missing.stderr  # --debug: the same traceback either way
    crash = _both(["--lang", "zh-CN", "render", str(good), "-o", str(out)], program=CRASH)
    assert crash.returncode == 70 and "内部错误".encode() in crash.stderr
    full = _both(["render", str(good), "--summary"], stdout="/dev/full")  # output lost: said, exit 2
    assert full.returncode == 2 and b"standard output" in full.stderr


@pytest.mark.slow  # a dozen processes
@pytest.mark.parametrize(
    "args",
    [
        ["check", "{bad}", "--lang", "zh-CN", "--strict"],
        ["check", "{missing}"],
        ["render", "{bad}", "--formt", "md"],  # a usage error: typer's, either way
        ["render", "{bad}", "-j", "0"],
        ["check", "--help"],
    ],
)
def test_check_and_refused_lines_end_the_same_either_way(
    args: list[str], profiles: tuple[Path, Path], tmp_path: Path
) -> None:
    _, bad = profiles
    line = [a.format(bad=bad, missing=tmp_path / "none.docx") for a in args]
    done = _both(line)
    assert done.returncode in (0, 1, 2) and b"Traceback" not in done.stderr


@pytest.mark.slow
def test_the_installed_console_script_checks_as_typer_does(profiles: tuple[Path, Path], tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("opsplan")
    if not script.exists():
        pytest.skip("no opsplan script beside this Python")
    _, bad = profiles
    environ = {**os.environ, "COLUMNS": "100"}
    fast = subprocess.run([script, "check", str(bad)], capture_output=True, env=environ, timeout=HANG_LIMIT)
    slow = subprocess.run(
        [script, "check", str(bad)],
        capture_output=True,
        env={**environ, "OPSPLAN_NO_FAST_CLI": "1"},
        timeout=HANG_LIMIT,
    )
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.returncode == 1 and b"OPS" in fast.stdout
