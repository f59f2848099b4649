"""The render workers' pool: its worker-keeping thread sleeps while results come in (``workers._pool_class``).

``multiprocessing.pool.Pool``'s thread that keeps the workers watched the results' pipe too, and while a large
result was in it went round without waiting (more than 800 rounds for ten results of 4 MiB), taking the GIL from
the thread reading the results each time. The pool ``start_pool`` makes wakes for its workers and its own notices
only, and a closed pool whose results were all taken still ends.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.pool import Pool

import pytest
from tests._hardening_helpers import HANG_LIMIT

from opsplan.render.workers import start_pool, stop_pool

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="counts the rounds of a thread in this process"
)

MIB = 1 << 20


def _bytes(size: int) -> bytes:
    return os.urandom(size)


def test_the_worker_keeping_thread_sleeps_while_large_results_come_in(monkeypatch: pytest.MonkeyPatch) -> None:
    rounds: list[int] = []
    real = Pool._maintain_pool  # type: ignore[attr-defined]

    def counted(*args: object, **kwargs: object) -> None:
        rounds.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(Pool, "_maintain_pool", staticmethod(counted))
    pool = start_pool(1, multiprocessing.get_context("fork"))
    try:
        before = len(rounds)
        for _ in range(10):
            assert len(pool.apply(_bytes, (4 * MIB,))) == 4 * MIB
        assert len(rounds) - before < 50  # about 10 (one for each result at most); more than 800 before
    finally:
        stop_pool(pool)


def test_a_pool_closed_after_its_results_were_taken_ends() -> None:
    pool = start_pool(2, multiprocessing.get_context("fork"))
    try:
        assert [len(b) for b in pool.imap(_bytes, [MIB, 2 * MIB, 3], chunksize=1)] == [MIB, 2 * MIB, 3]
        pool.close()
    except BaseException:
        stop_pool(pool)
        raise
    joining = threading.Thread(target=pool.join, daemon=True)
    joining.start()
    joining.join(HANG_LIMIT)
    assert not joining.is_alive()  # the worker-keeping thread noticed the close: join would wait for ever otherwise
    assert all(process.exitcode is not None for process in pool._pool)  # type: ignore[attr-defined]
