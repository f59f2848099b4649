"""How render workers start and how their end is read.

Workers are forked where that is safe (the only thread, a system whose libraries allow it), whatever the platform's
default start method (the fork server from Python 3.14 on Linux): a forked worker starts with the renderers the
batch imported. How a worker ended is read in one place, ``render.pool.ending_signal`` and ``signal_name``.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from collections.abc import Iterator

import pytest

from opsplan.render import workers
from opsplan.render.pool import WorkerDied, ending_signal, signal_name

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is chosen on Linux")


@pytest.fixture
def forkserver_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the platform's default start method the fork server's, as Python 3.14 has it on Linux."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server here")
    real = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: real(method or "forkserver"))


@pytest.fixture
def another_thread() -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _double(item: int) -> int:
    return 2 * item


@linux_only
@pytest.mark.usefixtures("forkserver_by_default")
def test_workers_are_forked_whatever_the_default_start_method() -> None:
    assert workers.worker_context().get_start_method() == "fork"
    started = workers.start_workers(2, _double)
    try:
        assert list(started.results([1, 2, 3])) == [2, 4, 6]
        assert all(isinstance(p, multiprocessing.context.ForkProcess) for p in started.processes)
    finally:
        started.close()


@linux_only
@pytest.mark.usefixtures("forkserver_by_default", "another_thread")
def test_with_another_thread_running_the_default_start_method_is_kept() -> None:
    assert workers.worker_context().get_start_method() == "forkserver"


@pytest.mark.parametrize(
    "exitcode, signum, name",
    [
        (-signal.SIGKILL, signal.SIGKILL, "SIGKILL"),  # killed by the signal
        (128 + signal.SIGTERM, signal.SIGTERM, "SIGTERM"),  # its own SIGTERM handler exits 128 + 15
        (-32, 32, "32"),  # a signal this platform has no name for (below SIGRTMIN on Linux)
        (3, None, "exit status 3"),
        (128, None, "exit status 128"),
        (128 + signal.NSIG, None, f"exit status {128 + signal.NSIG}"),
    ],
)
def test_a_workers_end_is_read_once_as_a_signal_or_an_exit_status(exitcode: int, signum: int | None, name: str) -> None:
    assert ending_signal(exitcode) == signum
    died = WorkerDied("shop.yaml", exitcode)
    assert died.signum == signum
    assert str(died) == f"the worker computing 'shop.yaml' ended ({name})"
    if signum is not None:
        assert signal_name(signum) == name


class _Node:
    """An object in a reference cycle, seen through a weak reference."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def test_a_plan_s_cyclic_garbage_is_collected_after_it_and_what_it_keeps_is_kept() -> None:
    import gc
    import weakref

    kept: list[_Node] = []

    def plan() -> weakref.ref[_Node]:
        """Leave a cycle that nothing refers to, and keep one node of another that stays reachable."""
        garbage, alive = _Node(), _Node()
        garbage.other, alive.other = _Node(), _Node()
        garbage.other.other, alive.other.other = garbage, alive
        kept.append(alive)
        return weakref.ref(garbage)

    with workers.plans_collected():  # collections off and what is there frozen, as in a worker (start_worker)
        assert not gc.isenabled()
        for _ in range(3):
            gone = workers.collected(plan)
            assert gone() is None  # the cycle left was collected once the plan ended
        assert all(node.other is not None and node.other.other is node for node in kept)
    assert len(kept) == 3
