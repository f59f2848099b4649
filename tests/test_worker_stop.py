"""Stopping the render workers cannot wait for ever, whatever state a worker is in."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from opsplan.render.workers import start_workers

pytestmark = pytest.mark.slow  # starts worker processes


def deaf_to_sigterm(_: object) -> int:
    """Make this worker ignore SIGTERM, as a worker the signal did not end behaves; return its pid."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return os.getpid()


def test_a_worker_that_outlives_sigterm_is_killed_after_the_grace() -> None:
    workers = start_workers(1, deaf_to_sigterm, multiprocessing.get_context("fork"))
    [pid] = list(workers.results([None]))
    workers.stop(grace=0.5)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_stopped_at_once_all_stop(method: str) -> None:
    for _ in range(8):  # stopped while its workers still start
        workers = start_workers(2, deaf_to_sigterm, multiprocessing.get_context(method))
        workers.stop(grace=2.0)
        assert all(process.exitcode is not None for process in workers.processes)
