"""Worker processes that compute ``work(item)`` for a list of items and hand the results back in order.

Built on ``multiprocessing``'s public parts only: a ``Process`` per worker with a duplex ``Pipe`` to it, and
``multiprocessing.connection.wait`` on the pipes and the processes' sentinels. One thread in this process (the
feeder) sends the items, receives the results and puts them, in the order of the items, in a queue that ``results``
reads; so a worker never waits for this process to finish writing a plan before it gets its next item or can hand
its result over. Each worker holds up to ``AHEAD`` items, so it starts the next as soon as it has sent a result,
except at the end, where items are handed out one at a time so both workers finish together.

A worker that ends without being asked (killed by a signal, out of memory, a crash in C code) is seen by its
sentinel: ``results`` raises ``WorkerDied`` naming the item it was computing, once every item before that one has
been yielded. An exception ``work`` raised in a worker is raised again here, with the worker's traceback as its cause.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 2  # items a worker holds: the one it computes and the next
# signals a process raises on itself when its own code fails (a crash below Python), as opposed to one sent to it
CRASH_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGSYS", "SIGTRAP")
    if hasattr(signal, name)
)  # fmt: skip


class WorkerDied(RuntimeError):
    """A worker process ended while it computed ``item``; ``signum``: the signal that ended it (None: exit status)."""

    def __init__(self, item: object, exitcode: int) -> None:
        self.item = item
        self.exitcode = exitcode
        self.signum = ending_signal(exitcode)
        status = f"exit status {exitcode}" if self.signum is None else signal_name(self.signum)
        super().__init__(f"the worker computing {item!r} ended ({status})")

    @property
    def crashed(self) -> bool:
        """Whether the worker failed by itself (an exit status, or a signal like SIGSEGV it raised on itself)."""
        return self.signum is None or self.signum in CRASH_SIGNALS


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker (the cause of the exception raised again here)."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    holds: deque[int] = field(default_factory=deque)  # indices of the items sent and not yet answered, in order


class Workers(Generic[T, R]):
    """``count`` worker processes, each set up by ``setup(*setup_args)``, computing ``work(item)``.

    ``context``: the multiprocessing start method's context (the platform's default when None). The processes
    start with stop signals held, as the feeder thread does: a stop signal reaches this process's main thread only
    (the workers' ``setup`` sets their own handlers and lets the signals through).
    """

    def __init__(
        self,
        count: int,
        work: Callable[[T], R],
        setup: Callable[..., None],
        setup_args: tuple[Any, ...] = (),
        context: BaseContext | None = None,
    ) -> None:
        import multiprocessing

        from opsplan.fileio import signals_held

        context = context or multiprocessing.get_context()
        self.workers: list[_Worker] = []
        self.feeder: threading.Thread | None = None
        make: Any = context.Process  # type: ignore[attr-defined]  # every context has one; the stubs miss it
        with signals_held():
            try:
                for _ in range(count):
                    here, there = context.Pipe(duplex=True)
                    process = make(target=_serve, args=(there, work, setup, setup_args), daemon=True)
                    self.workers.append(_Worker(process, here))
                    process.start()
                    there.close()  # only the worker holds its end now
            except BaseException:  # no fork or no pipe left: the workers started are stopped
                self.workers = [worker for worker in self.workers if worker.process.pid is not None]
                self.stop()
                raise

    @property
    def processes(self) -> list[BaseProcess]:
        """The worker processes."""
        return [worker.process for worker in self.workers]

    def results(self, items: Sequence[T]) -> Iterator[R]:
        """Yield ``work(item)`` for each of ``items``, in order, computed by the workers.

        Raise ``WorkerDied`` when a worker ends while computing an item, and any exception ``work`` raised in a
        worker, each once the results before that item have been yielded.
        """
        import queue

        from opsplan.fileio import signals_held

        ready: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
        feeder = _Feeder(self.workers, items, ready)
        self.feeder = threading.Thread(target=feeder.run, name="opsplan-feeder", daemon=True)
        with signals_held():
            self.feeder.start()
        for _ in range(len(items)):
            ok, value = ready.get()
            if not ok:
                raise value
            yield value

    def close(self) -> None:
        """Tell the workers there is nothing more to do and wait for them to end (every result taken)."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        for worker in self.workers:
            worker.process.join()
            worker.connection.close()

    def stop(self, grace: float = 5.0) -> None:
        """Stop the workers at once: SIGTERM, then SIGKILL to any still there after ``grace`` seconds."""
        import time

        deadline = time.monotonic() + grace
        for worker in self.workers:
            if worker.process.exitcode is None:
                worker.process.terminate()
        if self.feeder is not None:  # it notices them end (and waits for them) first
            self.feeder.join(grace)
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.exitcode is None:
                worker.process.kill()
        if self.feeder is not None:
            self.feeder.join()
        for worker in self.workers:
            worker.process.join()
            worker.connection.close()


class _Feeder:
    """The thread that sends the items to the workers and puts each result in ``ready``, in order.

    It ends once it has put every result, or what ended them: the first failed item's exception, or ``WorkerDied``
    for the first item whose worker ended, after the results before it; or when every worker has ended.
    """

    def __init__(self, workers: list[_Worker], items: Sequence[Any], ready: Any) -> None:
        self.alive = list(workers)
        self.items = items
        self.ready = ready
        self.sent = 0  # items sent
        self.put = 0  # results put in ``ready``
        self.done: dict[int, tuple[bool, Any]] = {}  # results received, not yet put
        self.failed_at = len(items)  # the first item that failed: nothing from it on is sent or put
        self.failure: BaseException | None = None
        self.raised = False  # an exception ``work`` raised was put in ``ready``

    def run(self) -> None:
        from multiprocessing.connection import wait

        try:
            for worker in self.alive:
                self._send(worker)
            while self.put < self.failed_at and not self.raised and self.alive:
                waiting: dict[Any, _Worker] = {w.connection: w for w in self.alive}
                waiting.update({w.process.sentinel: w for w in self.alive})
                for handle in wait(list(waiting)):
                    worker = waiting[handle]
                    if worker not in self.alive:
                        continue
                    if handle is worker.connection or worker.connection.poll():
                        self._receive(worker)
                    else:  # ended, with nothing left to read
                        self._ended(worker)
                self._put_in_order()
        except BaseException as error:  # handed to the main thread, which raises it
            self.failure = error
        if self.put < len(self.items) and not self.raised:  # what ended them, for the main thread to raise
            self.ready.put((False, self.failure or RuntimeError("the workers ended before every item was done")))

    def _send(self, worker: _Worker) -> None:
        """Send ``worker`` items until it holds ``AHEAD`` (one at the end, so the workers finish together)."""
        while self.sent < self.failed_at:
            holding = AHEAD if len(self.items) - self.sent > len(self.alive) else 1
            if len(worker.holds) >= holding:
                return
            worker.connection.send((self.sent, self.items[self.sent]))
            worker.holds.append(self.sent)
            self.sent += 1

    def _receive(self, worker: _Worker) -> None:
        try:
            index, ok, value = worker.connection.recv()
        except (EOFError, OSError):  # it ended half way through a result
            self._ended(worker)
            return
        worker.holds.popleft()
        if not ok:
            value, text = value
            value.__cause__ = RemoteTraceback(text)
            self.failed_at = min(self.failed_at, index)
        self.done[index] = (ok, value)
        self._send(worker)

    def _ended(self, worker: _Worker) -> None:
        self.alive.remove(worker)
        worker.process.join()
        if worker.holds and worker.holds[0] < self.failed_at:
            self.failed_at = worker.holds[0]
            self.failure = WorkerDied(self.items[self.failed_at], worker.process.exitcode or 0)

    def _put_in_order(self) -> None:
        """Put the results received that come next, up to the first failure (an exception ``work`` raised: put)."""
        while self.put in self.done and not self.raised:
            ok, value = self.done.pop(self.put)
            self.ready.put((ok, value))
            self.put += 1
            self.raised = not ok


def _serve(
    connection: Connection, work: Callable[[Any], Any], setup: Callable[..., None], args: tuple[Any, ...]
) -> None:
    """Live as a worker: set up, then answer each ``(index, item)`` sent.

    The answer is ``(index, True, work(item))``, or ``(index, False, (exception, its traceback))``.
    """
    setup(*args)
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        index, item = task
        try:
            answer = (index, True, work(item))
        except Exception as error:  # raised again in the main process, its traceback as its cause
            answer = (index, False, (error, "".join(traceback.format_exception(error))))
        try:
            connection.send(answer)
        except Exception as error:  # a result or an exception that does not pickle
            connection.send((index, False, (RuntimeError(f"{type(error).__name__}: {error}"), "")))


def ending_signal(exitcode: int) -> int | None:
    """Return the signal that ended a worker whose ``Process.exitcode`` is ``exitcode``, or None for an exit status.

    A worker dies of a signal (exit code -N), or its own handler ends it with 128 + N (``render.workers.start_worker``
    on SIGTERM), as a shell reports a process killed by signal N.
    """
    if exitcode < 0:
        return -exitcode
    return exitcode - 128 if 128 < exitcode < 128 + signal.NSIG else None


def signal_name(signum: int) -> str:
    """Return a signal's name as a person reads it: ``SIGKILL`` for 9, the number for one without a name here."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return str(signum)
