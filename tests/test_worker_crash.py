"""A crash in a ``render --jobs`` worker ends the batch with exit 70 (a bug in opsplan), never a hang.

An exception a worker does not turn into a message comes back to the main process and is reported as any crash
is. A worker that dies (SIGKILL, out of memory, a crash below Python) takes its plan with it, and
``multiprocessing.Pool`` would wait for that plan for ever: the main process notices the dead worker instead.
Either way the plans written before are whole and the plan being rendered is not written. The workers are forked
from this test's process, so they run the monkeypatched ``render_bytes``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests._hardening_helpers import HANG_LIMIT
from tests.conftest import RENDERABLE_PROFILE

from opsplan.cli import app
from opsplan.cli_run import CRASHED
from opsplan.render import run

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the workers must inherit the monkeypatch"
)

REAL_RENDER = run.render_bytes


@pytest.fixture
def hang_limit() -> Iterator[None]:
    """Fail a batch that hangs (as it did on a dead worker) after ``HANG_LIMIT`` seconds instead of waiting for ever."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"the batch still runs after {HANG_LIMIT:.0f} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(int(HANG_LIMIT))
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _batch(tmp_path: Path, count: int = 4) -> list[str]:
    paths = []
    for n in range(count):
        path = tmp_path / f"shop{n}.yaml"
        path.write_text(RENDERABLE_PROFILE, encoding="utf-8")
        paths.append(str(path))
    return paths


def _raising(path: Path, options: run.RenderOptions, formats: tuple[str, ...]) -> list[bytes]:
    if Path(path).name == "shop2.yaml":
        raise RuntimeError("boom in a worker")
    return REAL_RENDER(path, options, formats)


def _dying(path: Path, options: run.RenderOptions, formats: tuple[str, ...]) -> list[bytes]:
    if Path(path).name == "shop2.yaml":
        os.kill(os.getpid(), signal.SIGKILL)
    return REAL_RENDER(path, options, formats)


@pytest.mark.parametrize(
    "render, said",
    [
        (_raising, "internal error: RuntimeError: boom in a worker"),
        (_dying, "internal error: WorkerDied: a worker process ended while rendering (exit status SIGKILL)"),
    ],
    ids=["raises", "dies"],
)
@pytest.mark.usefixtures("hang_limit")
def test_a_crash_in_a_worker_exits_70_and_leaves_only_whole_files(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, render, said: str
) -> None:
    monkeypatch.setattr(run, "render_bytes", render)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", *_batch(tmp_path), "-f", "md", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == CRASHED == 70, result.output
    assert result.stderr.startswith(said)
    assert "This is a bug in opsplan" in result.stderr and "Traceback" not in result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert "shop2.md" not in written and not [name for name in written if name.startswith(".opsplan-")]
    assert {"shop0.md", "shop1.md"} <= set(written)  # in order: the plans before the crash were written
    whole = REAL_RENDER(tmp_path / "shop0.yaml", run.RenderOptions(), ("md",))[0]
    assert all((out / name).read_bytes() == whole for name in written)  # every profile is the same
