"""How ``opsplan render`` runs many profiles: worker processes, the garbage collector's pace, the progress bar."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from opsplan.i18n import Catalogue, say

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext
    from multiprocessing.pool import Pool

T = TypeVar("T")
R = TypeVar("R")

SAID: Catalogue = {
    "died": (
        "a worker process ended while rendering (exit status {status}); no plan it was rendering was written",
        "一个工作进程在渲染时意外结束（退出状态 {status}）；它正在渲染的方案没有写出",
    ),
}


class WorkerDied(RuntimeError):
    """A worker process ended in the middle of a batch: killed, out of memory, or a crash below Python."""


def start_pool(workers: int, context: BaseContext | None = None) -> Pool:
    """Start ``workers`` worker processes (``start_worker``) and the pool's own threads in this process.

    The threads start with stop signals held, and keep them so: a stop signal then reaches this process's main
    thread only, where ``fileio.write_set`` holds it back until the set it is writing is whole (with a pool thread
    free to take it, the main thread was interrupted wherever it was). The workers release the signals.
    The renderers are imported here first, so workers forked from this process start with them (each worker
    imported them again: about 250 ms of CPU a worker, the time of 4 plans).
    The language ``--lang`` chose is handed to each worker, so its messages follow it whatever the start method
    (``context``, the platform's default when None: a spawned worker, as on macOS and Windows, inherits only the
    environment, and a worker the pool starts again later is forked from one of its threads).
    The pool is ``_pool_class()``'s: close it only once every result it owes has been taken (``results``).
    """
    import multiprocessing  # only here: 4 ms of every single render otherwise

    from opsplan.fileio import signals_held
    from opsplan.i18n import chosen

    import_renderers()
    with signals_held():
        return _pool_class()(workers, start_worker, (chosen(),), context=context or multiprocessing.get_context())


@functools.cache
def _pool_class() -> type[Pool]:
    """Return a ``multiprocessing.pool.Pool`` whose worker-keeping thread does not wake on every piece of a result.

    That thread (``Pool._handle_workers``) waits on the workers' exits, on the pool's own notices (closed,
    terminated) and on the pipe the results come through. While a result sits in the pipe (a plan's 170 KB come
    in pieces of 64 KB) the pipe stays readable and the thread goes round without waiting: 2,958 rounds for 60
    plans, each taking the GIL from the thread that reads the results. Without the pipe it wakes when a worker
    ends (to replace it) or the pool is closed or terminated. The pipe told it when the last result of a closed
    pool came in; ``render.batch`` closes the pool only after taking every result, so it needs no such notice.
    Main-process CPU of a 100-plan batch (--jobs 2, no terminal): 889 and 1101 ms -> 831 and 603 ms.
    """
    from multiprocessing.pool import Pool

    class ResultsUnwatched(Pool):
        def _get_sentinels(self) -> list[Any]:
            return [self._change_notifier._reader]  # type: ignore[attr-defined]

    return ResultsUnwatched


def stop_pool(pool: Pool, grace: float = 5.0) -> None:
    """Stop ``pool`` at once: its workers get SIGTERM, and SIGKILL if any is still there after ``grace`` seconds.

    ``Pool.terminate`` alone can wait for ever on a worker the signal did not end (seen in a test run: a
    worker waiting for the task queue's lock, which the stopping pool holds, lived on after SIGTERM, and
    ``terminate`` waited on it for 15 minutes; 3 of 6 runs of 30 pools stopped at once hung so).
    """
    import threading

    stopping = threading.Thread(target=pool.terminate, daemon=True)
    stopping.start()
    stopping.join(grace)
    while stopping.is_alive():
        for process in list(getattr(pool, "_pool", ())):  # the Pool gives no public handle on its processes
            if process.exitcode is None:
                process.kill()
        stopping.join(0.5)
    pool.join()


def start_worker(lang: str | None = None) -> None:
    """Prepare a worker process: speak ``lang``, stop cleanly on SIGTERM, leave Ctrl-C to the parent, import.

    ``lang`` is the language ``--lang`` chose in the parent (None: the environment and each profile decide, as
    there). On SIGTERM (what ``Pool.terminate`` sends) the worker unwinds with ``SystemExit``, which a worker
    process ends on quietly, so a file it was writing is removed rather than left half-written; Ctrl-C
    reaches the parent, which stops the workers.
    """
    import gc
    import signal

    from opsplan.i18n import choose

    choose(lang)

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    # the handlers first: a SIGTERM held since the fork (Pool.terminate while this worker started) must meet
    # ``stop``, not the handler inherited from the parent, which may not end this process
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, [])  # held by the thread that started the process
    import_renderers()  # imported already in a forked worker; a spawned one (macOS, Windows) imports them here
    # what the worker starts with lives as long as it does: never traversed by a collection (nor copied from the
    # parent's memory page by page, as a collection's marks would copy it); ``collected`` collects between plans
    gc.freeze()
    gc.disable()


def collected(function: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Call ``function`` in a worker, then collect its cyclic garbage and freeze what is left (caches, templates).

    A worker collects only here, between plans: during a plan the objects it builds all stay alive, and every
    automatic collection (20,000 allocations apart, ``RELAXED_GC``) traversed them again for nothing (7–8 ms of
    CPU a plan, found 0 cyclic garbage in a batch of the flower example; this collection costs under 1 ms).
    What survives a plan and its collection is reachable, so it is frozen: the next plan's collection skips it.
    """
    import gc

    try:
        return function(*args, **kwargs)
    finally:
        gc.collect()
        gc.freeze()


@contextlib.contextmanager
def plans_collected() -> Iterator[None]:
    """Collect garbage in this process as a worker does (``start_worker``, ``collected``) in the block."""
    import gc

    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def results(pool: Pool, work: Callable[[T], R], items: Iterable[T], check_every: float = 0.25) -> Iterator[R]:
    """Yield ``work(item)`` for each of ``items`` in order, each computed by one of ``pool``'s workers.

    One item a task, so neither worker waits at the end for the other's last few (a chunk of 4 plans left a
    core idle for up to 3 plans). A worker that dies (SIGKILL, out of memory, a crash in C code) takes its task
    with it and the pool never says so (it starts another worker and the batch waits for ever): the workers are
    checked every ``check_every`` seconds while a result is awaited, and a dead one raises ``WorkerDied``.
    """
    from multiprocessing import TimeoutError as Waited

    seen = set(getattr(pool, "_pool", ()))  # the Pool gives no public handle on its processes
    pending = pool.imap(work, items, chunksize=1)
    while True:
        try:
            yield pending.next(timeout=check_every)
        except StopIteration:
            return
        except Waited:
            seen.update(getattr(pool, "_pool", ()))
            dead = sorted({_status(p.exitcode) for p in seen if p.exitcode is not None})
            if dead:
                raise WorkerDied(say(SAID, "died", status=", ".join(dead))) from None


def _status(exitcode: int) -> str:
    """Return a process's exit status as a person reads it: ``SIGKILL`` for a signal, else the number."""
    import signal

    if exitcode < 0:
        with contextlib.suppress(ValueError):
            return signal.Signals(-exitcode).name
    return str(exitcode)


def import_renderers() -> None:
    """Import what checking a profile and rendering it to Markdown and DOCX need (else imported on first use)."""
    import opsplan.check.findings
    import opsplan.check.reporters
    import opsplan.check.run
    import opsplan.load
    import opsplan.plan
    import opsplan.render.docx
    import opsplan.render.markdown  # noqa: F401


RELAXED_GC = (20_000, 50, 100)  # the main process's pace (a worker collects between plans: ``collected``)


@contextlib.contextmanager
def relaxed_gc() -> Iterator[None]:
    """Collect cyclic garbage less often while rendering (at Python's default it cost about 8% of a plan).

    The youngest generation is collected every 20,000 allocations instead of 700: a plan makes little
    cyclic garbage, and the memory this lets wait is a few megabytes at most. The old setting returns after.
    """
    import gc

    previous = gc.get_threshold()
    gc.set_threshold(*RELAXED_GC)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


class ProgressBar:
    """A rich progress bar on stderr for ``total`` profiles; nothing at all when stderr is not a terminal.

    (rich's own hidden bar still wrote an empty line to a log or a pipe, and importing it cost time.) While it
    runs, the lines a plan prints (``wrote …``) show above it if stdout is that terminal too; stdout sent to a file
    or a pipe gets every line (rich sent them to the terminal). Every print redraws the bar, about 1 ms of the main
    process's CPU, so the lines are printed together at most every ``PRINT_EVERY`` seconds and the bar redraws 4
    times a second, not 10: 1.1 ms of CPU a plan instead of 3.2 at 25 plans a second.
    """

    def __init__(self, total: int | None = None) -> None:
        import sys

        self.bar: Any = None
        self.total = total
        self.lines: list[str] = []  # to print with the next redraw
        self.printed = 0.0  # when lines were last printed (time.monotonic)
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("rendering"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", markup=False),
            console=Console(stderr=True),
            transient=True,
            refresh_per_second=4,
            redirect_stdout=sys.stdout is not None and sys.stdout.isatty(),
        )

    def __enter__(self) -> Callable[[Path, Sequence[str]], None]:
        """Start the bar; return ``advance(path, lines)``: print ``lines``, then count ``path`` as done."""
        if self.bar is None:
            return lambda path, lines: _print_lines(lines)
        from opsplan.fileio import signals_held

        with signals_held():  # its refresh thread never takes a stop signal (as ``start_pool``)
            self.bar.__enter__()
        task = self.bar.add_task("", total=self.total)

        def advance(path: Path, lines: Sequence[str]) -> None:
            import time

            self.lines.extend(lines)
            if time.monotonic() - self.printed >= PRINT_EVERY:
                self._print()
            self.bar.update(task, advance=1, description=path.name)

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self._print()  # the last lines, whatever ended the run
            self.bar.__exit__(None, None, None)

    def _print(self) -> None:
        import time

        _print_lines(self.lines)
        self.lines.clear()
        self.printed = time.monotonic()


PRINT_EVERY = 0.25  # seconds: above a progress bar, lines are printed together at most this often


def _print_lines(lines: Sequence[str]) -> None:
    """Print ``lines`` to stdout in one write (above a progress bar: one redraw)."""
    import sys

    if lines:
        sys.stdout.write("".join(f"{line}\n" for line in lines))
