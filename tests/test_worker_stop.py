"""Stopping the render workers cannot wait for ever, whatever state a worker is in."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from opsplan.render.workers import start_pool, stop_pool

pytestmark = pytest.mark.slow  # starts worker processes


def deaf_to_sigterm() -> int:
    """Make this worker ignore SIGTERM, as a worker the signal did not end behaves; return its pid."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return os.getpid()


def test_a_worker_that_outlives_sigterm_is_killed_after_the_grace() -> None:
    pool = start_pool(1, multiprocessing.get_context("fork"))
    pid = pool.apply(deaf_to_sigterm)
    stop_pool(pool, grace=0.5)  # Pool.terminate alone would wait on this worker for ever
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped by the pool


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pools_stopped_at_once_all_stop(method: str) -> None:
    for _ in range(8):  # stopped while its workers still start, or wait for the queue's lock
        pool = start_pool(2, multiprocessing.get_context(method))
        stop_pool(pool, grace=2.0)
        assert all(process.exitcode is not None for process in pool._pool)  # type: ignore[attr-defined]
