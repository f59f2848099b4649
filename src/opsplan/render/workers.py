"""How ``opsplan render`` runs many profiles: worker processes, the garbage collector's pace, the progress bar."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from opsplan.render.pool import Workers

T = TypeVar("T")
R = TypeVar("R")


def start_workers(workers: int, work: Callable[[T], R], context: BaseContext | None = None) -> Workers[T, R]:
    """Start ``workers`` worker processes (``render.pool``) computing ``work(item)``, each set up by ``start_worker``.

    The renderers are imported here first, so workers forked from this process start with them (each worker
    imported them again: about 250 ms of CPU a worker, the time of 4 plans).
    The language ``--lang`` chose is handed to each worker, so its messages follow it whatever the start method
    (``context``, ``worker_context()`` when None: a spawned worker, as on macOS and Windows, inherits only the
    environment).
    """
    from opsplan.i18n import chosen
    from opsplan.render.pool import Workers

    import_renderers()
    return Workers(workers, work, start_worker, (chosen(),), context or worker_context())


def worker_context() -> BaseContext:
    """Return how workers start: forked where that is safe, else the platform's default start method.

    A forked worker starts with what this process imported (``import_renderers``) and shares its memory pages; a
    worker of the fork server or a spawned one imports the renderers itself, 150–250 ms of CPU each (2 to 4 plans).
    Python 3.14 made the fork server Linux's default, because a fork copies the locks other threads hold, held for
    good in the child. Here no other thread runs yet: ``render_batch`` starts the workers before the progress bar's
    thread, the feeder and the writers. So fork when this is the only thread, on a system that has fork and whose
    own libraries allow it after start-up (not macOS, where Python spawns by default for that reason).
    """
    import multiprocessing
    import sys
    import threading

    alone = threading.active_count() == 1
    if alone and sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def start_worker(lang: str | None = None) -> None:
    """Prepare a worker process: speak ``lang``, stop cleanly on SIGTERM, leave Ctrl-C to the parent, import.

    ``lang`` is the language ``--lang`` chose in the parent (None: the environment and each profile decide, as
    there). On SIGTERM (what ``Workers.stop`` sends) the worker unwinds with ``SystemExit``, which a worker
    process ends on quietly, so a file it was writing is removed rather than left half-written; Ctrl-C
    reaches the parent, which stops the workers.
    """
    import gc
    import signal

    from opsplan.i18n import choose

    choose(lang)

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    # the handlers first: a SIGTERM held since the fork (``Workers.stop`` while this worker started) must meet
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
    automatic collection (20,000 allocations apart when this was measured) traversed them again for nothing (7–8 ms of
    CPU a plan, found 0 cyclic garbage in a batch of the flower example).
    What survives a plan and its collection is reachable, so it is frozen: the next plan's collection skips it.
    With automatic collection off and all before the plan frozen, what the plan left is all in the youngest
    generation, so collecting that one alone finds all its cyclic garbage; a full collection also emptied the
    interpreter's free lists (0.19 ms a plan, against 0.01).
    """
    import gc

    try:
        return function(*args, **kwargs)
    finally:
        gc.collect(0)
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


def import_renderers() -> None:
    """Import what checking a profile and rendering it to Markdown and DOCX need (else imported on first use)."""
    import opsplan.check.findings
    import opsplan.check.reporters
    import opsplan.check.run
    import opsplan.load
    import opsplan.plan
    import opsplan.render.docx
    import opsplan.render.markdown  # noqa: F401


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
