"""``opsplan render`` of many profiles with ``--jobs``: a progress bar on a terminal, plain lines otherwise, and
one bad profile reported by file and line while the others are still rendered (exit 2 at the end)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from tests._hardening_helpers import HANG_LIMIT
from tests.conftest import RENDERABLE_PROFILE


def _batch(tmp_path: Path, count: int = 4, bad: int | None = None) -> list[Path]:
    paths = []
    for n in range(count):
        path = tmp_path / f"shop{n}.yaml"
        text = RENDERABLE_PROFILE
        if n == bad:
            text = text.replace("  platform: douyin", "  platfrom: douyin")
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _command(paths: list[Path], out: Path, jobs: int = 2) -> list[str]:
    return [
        sys.executable,
        "-m",
        "opsplan",
        "render",
        *map(str, paths),
        "-f",
        "md",
        "-o",
        str(out),
        "--jobs",
        str(jobs),
    ]


def _on_a_terminal(command: list[str], stdout: IO[bytes] | None = None) -> tuple[int, str]:
    """Run ``command`` with stderr (and stdout, unless ``stdout`` is given) on a pseudo-terminal; return its exit
    code and everything it showed there."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    out = follower if stdout is None else stdout
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=follower, env=env)
    os.close(follower)
    shown = bytearray()
    deadline = time.monotonic() + HANG_LIMIT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: every writer has ended
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=HANG_LIMIT), shown.decode("utf-8", "replace")


def test_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    code, shown = _on_a_terminal(_command(paths, tmp_path / "out"))
    assert code == 0, shown
    assert "rendering" in shown and "\x1b[" in shown  # the bar, drawn with terminal control sequences
    assert "4/4" in shown  # plans done of all
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"shop{n}.md" for n in range(4)]
    assert all(f"shop{n}.md" in shown for n in range(4))  # the lines saying so, above the bar


@pytest.mark.parametrize("jobs", [1, 2])
def test_with_the_bar_on_a_terminal_stdout_sent_to_a_file_gets_every_line(tmp_path: Path, jobs: int) -> None:
    paths = _batch(tmp_path)
    out = tmp_path / "out"
    with (tmp_path / "log.txt").open("wb") as log:
        code, shown = _on_a_terminal(_command(paths, out, jobs), stdout=log)
    assert code == 0, shown
    assert "rendering" in shown and "wrote" not in shown
    lines = (tmp_path / "log.txt").read_text(encoding="utf-8").splitlines()
    assert lines == [f"wrote {out / f'shop{n}.md'}" for n in range(4)]  # in the profiles' order


def test_without_a_terminal_only_plain_lines(tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    out = tmp_path / "out"
    done = subprocess.run(_command(paths, out), capture_output=True, text=True, timeout=HANG_LIMIT, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert sorted(done.stdout.splitlines()) == [f"wrote {out / f'shop{n}.md'}" for n in range(4)]


def test_one_bad_profile_is_reported_by_line_and_the_others_are_rendered(tmp_path: Path) -> None:
    paths = _batch(tmp_path, count=5, bad=2)
    line = RENDERABLE_PROFILE.splitlines().index("  platform: douyin") + 1
    out = tmp_path / "out"
    done = subprocess.run(_command(paths, out), capture_output=True, text=True, timeout=HANG_LIMIT, check=False)
    assert done.returncode == 2
    assert "1 of 5 profiles failed" in done.stderr
    assert f"{paths[2]}:{line}:3: shop.platfrom: unknown key 'platfrom'" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"shop{n}.md" for n in (0, 1, 3, 4)]
