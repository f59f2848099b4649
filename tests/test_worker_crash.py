"""A ``render --jobs`` worker that fails ends the batch, never a hang, and says which profile it was rendering.

An exception a worker does not turn into a message comes back to the main process and is reported as any crash
is (exit 70, a bug in opsplan); so is a worker that ends by itself (a crash below Python: SIGSEGV, SIGABRT). A
worker killed from outside (SIGKILL, as the out-of-memory killer sends; SIGTERM sent to it alone) is not a bug: the
batch ends with the shell's code for a process killed by that signal (128 + N) and names the profile and the
signal. Every way, the plans before it are written whole and the plan being rendered is not written. The workers
are forked from this test's process, so they run the monkeypatched ``render_bytes``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from opsplan.cli import app
from opsplan.cli_run import CRASHED
from opsplan.render import run
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import render_bytes
from tests._hardening_helpers import HANG_LIMIT
from tests.conftest import MINIMAL_PROFILE, RENDERABLE_PROFILE

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the workers must inherit the monkeypatch"
)

REAL_RENDER = render_bytes  # what run calls in a worker; the tests patch it there


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


def _raising(path: Path, options: RenderOptions, formats: tuple[str, ...]) -> list[bytes]:
    if Path(path).name == "shop2.yaml":
        raise RuntimeError("boom in a worker")
    return REAL_RENDER(path, options, formats)


def _segfaulting(path: Path, options: RenderOptions, formats: tuple[str, ...]) -> list[bytes]:
    if Path(path).name == "shop2.yaml":
        signal.signal(signal.SIGSEGV, signal.SIG_DFL)  # pytest's faulthandler would print the stack first
        os.kill(os.getpid(), signal.SIGSEGV)
    return REAL_RENDER(path, options, formats)


def _exiting(path: Path, options: RenderOptions, formats: tuple[str, ...]) -> list[bytes]:
    if Path(path).name == "shop2.yaml":
        os._exit(3)
    return REAL_RENDER(path, options, formats)


def _killed_by(signum: int) -> Callable[[Path, RenderOptions, tuple[str, ...]], list[bytes]]:
    """Return a render whose worker is sent ``signum`` while it renders shop2.yaml, as from another process."""

    def render(path: Path, options: RenderOptions, formats: tuple[str, ...]) -> list[bytes]:
        if Path(path).name == "shop2.yaml":
            os.kill(os.getpid(), signum)
            time.sleep(HANG_LIMIT)  # SIGTERM is taken between two steps of Python; the sleep is one
        return REAL_RENDER(path, options, formats)

    return render


def _assert_only_whole_sets_before_shop2(tmp_path: Path, out: Path) -> None:
    written = sorted(p.name for p in out.iterdir())
    assert "shop2.md" not in written and not [name for name in written if name.startswith(".opsplan-")]
    assert {"shop0.md", "shop1.md"} <= set(written)  # in order: the plans before the failure were written
    whole = REAL_RENDER(tmp_path / "shop0.yaml", RenderOptions(), ("md",))[0]
    assert all((out / name).read_bytes() == whole for name in written)  # every profile is the same


@pytest.mark.parametrize(
    "render, said",
    [
        (_raising, "internal error: RuntimeError: boom in a worker"),
        (_segfaulting, "internal error: WorkerCrashed: {shop2}: the worker process rendering it ended by itself "
                       "(SIGSEGV)"),
        (_exiting, "internal error: WorkerCrashed: {shop2}: the worker process rendering it ended by itself "
                   "(exit status 3)"),
    ],
    ids=["raises", "segfaults", "exits"],
)  # fmt: skip
@pytest.mark.usefixtures("hang_limit")
def test_a_crash_in_a_worker_exits_70_and_leaves_only_whole_files(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, render, said: str
) -> None:
    monkeypatch.setattr(run, "render_bytes", render)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", *_batch(tmp_path), "-f", "md", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == CRASHED == 70, result.output
    assert result.stderr.startswith(said.format(shop2=tmp_path / "shop2.yaml")), result.stderr
    assert "This is a bug in opsplan" in result.stderr and "Traceback" not in result.stderr
    _assert_only_whole_sets_before_shop2(tmp_path, out)


@pytest.mark.parametrize(
    "signum, code, lang, said",
    [
        (signal.SIGKILL, 137, "en", "error: {shop2}: the worker process rendering it was killed by signal 9 (SIGKILL), "
                                    "perhaps by the system for want of memory"),
        (signal.SIGKILL, 137, "zh-CN", "错误：{shop2}：渲染它的工作进程被信号 9（SIGKILL）终止，可能是系统内存不足"),
        (signal.SIGTERM, 143, "en", "error: {shop2}: the worker process rendering it was killed by signal 15 (SIGTERM); "
                                    "nothing of it or of the profiles after it was written"),
    ],
    ids=["kill-en", "kill-zh", "term-en"],
)  # fmt: skip
@pytest.mark.usefixtures("hang_limit")
def test_a_worker_killed_from_outside_names_its_profile_and_signal_and_exits_128_plus_n(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int, code: int, lang: str, said: str
) -> None:
    monkeypatch.setattr(run, "render_bytes", _killed_by(signum))
    out = tmp_path / "out"
    command = ["--lang", lang, "render", *_batch(tmp_path), "-f", "md", "-o", str(out), "--jobs", "2"]
    result = runner.invoke(app, command)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(said.format(shop2=tmp_path / "shop2.yaml")), result.stderr
    assert "bug" not in result.stderr and "缺陷" not in result.stderr and "Traceback" not in result.stderr
    _assert_only_whole_sets_before_shop2(tmp_path, out)


@pytest.mark.parametrize(
    "render, code, said",
    [
        (_killed_by(signal.SIGKILL), 137, "error: {shop2}: the worker process rendering it was killed by signal 9"),
        (_exiting, CRASHED, "internal error: WorkerCrashed: {shop2}: the worker process rendering it ended by itself"),
    ],
    ids=["killed", "crashed"],
)
@pytest.mark.usefixtures("hang_limit")
def test_a_batch_that_ends_early_prints_the_reports_due_before_its_end(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, render, code: int, said: str
) -> None:
    monkeypatch.setattr(run, "render_bytes", render)
    paths = _batch(tmp_path)
    Path(paths[0]).write_text(MINIMAL_PROFILE, encoding="utf-8")  # refused: OPS101 at plan.kind, line 6, column 9
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", *paths, "-f", "md", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == code, result.output
    assert "OPS101" in result.stdout and "shop0.yaml:6:9" in result.stdout  # its findings, as check prints them
    refused, ended = result.stderr.splitlines()[:2]
    assert refused.startswith(f"{paths[0]}: not rendered: the check found errors (listed above)"), result.stderr
    assert ended.startswith(said.format(shop2=tmp_path / "shop2.yaml")), result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["shop1.md"]
