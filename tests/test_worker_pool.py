"""The render workers (``render.pool.Workers``): results in order, whatever order they are computed in, and an end.

The workers are ``multiprocessing`` processes driven through its public API only (a pipe to each, the processes'
sentinels). Each worker holds the item it computes and the next, so a slow item must not hold back the order of
the results, nor a large result stall the batch; a worker killed from outside must end ``results`` naming its item.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from opsplan.render.pool import WorkerDied, Workers
from opsplan.render.workers import start_worker
from tests._hardening_helpers import HANG_LIMIT

MIB = 1 << 20


def _sized(size: int) -> bytes:
    """Return ``size`` random bytes, slowly for the first item (which another worker then overtakes)."""
    if size == MIB:
        time.sleep(0.3)
    return os.urandom(size)


def _killed_at(item: int) -> int:
    if item == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return item


def _raising_at(item: int) -> int:
    if item == 2:
        raise ValueError(f"no {item}")
    return item


@pytest.fixture(params=["fork", "spawn"])
def context(request: pytest.FixtureRequest) -> Iterator[multiprocessing.context.BaseContext]:
    if request.param not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {request.param} here")
    if request.param == "spawn":
        request.applymarker(pytest.mark.slow)  # a spawned worker imports the renderers
    yield multiprocessing.get_context(request.param)


def _ended(workers: Workers[Any, Any]) -> bool:
    """Return whether every worker process ended (and was waited for) within ``HANG_LIMIT``."""
    deadline = time.monotonic() + HANG_LIMIT
    while time.monotonic() < deadline and any(p.exitcode is None for p in workers.processes):
        time.sleep(0.05)
    return all(p.exitcode is not None for p in workers.processes)


def test_large_results_come_in_the_order_of_their_items(context: multiprocessing.context.BaseContext) -> None:
    workers: Workers[int, bytes] = Workers(2, _sized, start_worker, (None,), context)
    try:
        sizes = [MIB, 4 * MIB, 3, 2 * MIB, 5, 4 * MIB]  # the first is slow: the others are done before it
        assert [len(result) for result in workers.results(sizes)] == sizes
    except BaseException:
        workers.stop()
        raise
    closing = threading.Thread(target=workers.close, daemon=True)
    closing.start()
    closing.join(HANG_LIMIT)
    assert not closing.is_alive() and _ended(workers)  # ``close`` lets every worker end


def test_a_worker_killed_ends_the_results_after_those_before_its_item() -> None:
    workers: Workers[int, int] = Workers(2, _killed_at, start_worker, (None,), multiprocessing.get_context("fork"))
    taken: list[int] = []
    try:
        with pytest.raises(WorkerDied) as died:
            taken.extend(workers.results(list(range(8))))
    finally:
        workers.stop(grace=1.0)
    assert taken == [0, 1, 2]
    assert (died.value.item, died.value.signum, died.value.crashed) == (3, signal.SIGKILL, False)
    assert _ended(workers)


def test_an_exception_in_a_worker_is_raised_after_the_results_before_it() -> None:
    workers: Workers[int, int] = Workers(2, _raising_at, start_worker, (None,), multiprocessing.get_context("fork"))
    taken: list[int] = []
    try:
        with pytest.raises(ValueError, match="no 2") as raised:
            taken.extend(workers.results(list(range(6))))
    finally:
        workers.stop(grace=1.0)
    assert taken == [0, 1]
    assert "_raising_at" in str(raised.value.__cause__)  # the worker's traceback
