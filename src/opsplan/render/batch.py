"""``opsplan render`` of several profiles: rendered in this process or by ``--jobs`` worker processes, in order.

Each plan is rendered (here, or in a worker: ``render.workers``, ``render.pool``), then written by this process
(``fileio.write_set``: every file flushed to disk, then moved into place) and reported, in the order of the
profiles. With workers, this process writes while they render the next plans, several sets at once
(``SetsWriting``), so a plan's wait for the disk (8–35 ms on this project's machine, 1–2 ms of CPU) is off the
batch's critical path but for the last plan.
A stop signal or Ctrl-C reaches the main thread only, between two sets or after the one being written; the
workers are then stopped.

A worker killed from outside (SIGKILL, which is what the system's out-of-memory killer sends, or SIGTERM sent to
it alone) ends the batch with ``WorkerKilled``: the profile it was rendering and the signal are named, and the
exit code is the shell's for a process killed by that signal (128 + N: 137 for SIGKILL), as a single render
killed so would end. It is not a bug in opsplan, so it is not reported as one. A worker that ends by itself
(an exit status, or a signal such as SIGSEGV that a crash below Python raises) is: ``WorkerCrashed``, exit 70.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from opsplan.errors import OpsplanError
from opsplan.i18n import Catalogue, say
from opsplan.render.options import RenderOptions
from opsplan.render.run import Outcome, Rendered, render_one, render_unwritten, write_rendered
from opsplan.render.workers import ProgressBar, collected, plans_collected, start_workers

if TYPE_CHECKING:
    from concurrent.futures import Future

    from opsplan.render.pool import WorkerDied

SAID: Catalogue = {
    "killed": (
        "{path}: the worker process rendering it was killed by signal {signum} ({name}){why}; "
        "nothing of it or of the profiles after it was written",
        "{path}：渲染它的工作进程被信号 {signum}（{name}）终止{why}；它和它之后的档案都没有写出",
    ),
    "memory": (
        ", perhaps by the system for want of memory (its out-of-memory killer sends SIGKILL): try fewer --jobs",
        "，可能是系统内存不足（内存不足时系统用 SIGKILL 结束进程）：可减少 --jobs 再试",
    ),
    "status": ("exit status {code}", "退出状态 {code}"),
    "crashed": (
        "{path}: the worker process rendering it ended by itself ({status}); "
        "nothing of it or of the profiles after it was written",
        "{path}：渲染它的工作进程自行结束（{status}）；它和它之后的档案都没有写出",
    ),
}


class WorkerKilled(OpsplanError):
    """A worker was killed by a signal from outside while it rendered a profile; exit 128 + the signal number."""

    def __init__(self, message: str, signum: int) -> None:
        super().__init__(message)
        self.exit_code = 128 + signum


class WorkerCrashed(RuntimeError):
    """A worker ended by itself while it rendered a profile (an exit status, or a crash signal): a bug."""


def render_batch(
    paths: Sequence[Path], options: RenderOptions, formats: tuple[str, ...], report: Callable[[Outcome], list[str]]
) -> None:
    """Render and write every profile of ``paths``, in ``options.jobs`` worker processes if more than one.

    ``report`` is given each profile's outcome, in order, and returns the lines to print for it. What dead runs
    left in the output folder is removed once, here (``tempfiles.clean_folder``), not before each set: each
    cleaning reads the whole folder, so a batch of n plans read n²/2 names in all (and opened the files being
    written by the other writers). A run that dies meanwhile leaves its files to the next run.
    """
    from opsplan.tempfiles import clean_folder

    clean_folder(options.out_dir)
    if options.jobs <= 1:
        with plans_collected(), ProgressBar(len(paths)) as advance:
            for path in paths:
                advance(path, report(collected(render_one, path, options, formats, clean=False)))
        return
    from opsplan.render.pool import WorkerDied

    work = functools.partial(collected, render_unwritten, options=options, formats=formats)
    workers = start_workers(min(options.jobs, len(paths)), work)  # before the progress bar's thread starts
    try:
        with ProgressBar(len(paths)) as advance:
            writing = SetsWriting(
                lambda path, rendered: write_rendered(path, options, formats, rendered, clean=False),
                lambda path, outcome: advance(path, report(outcome)),
            )
            try:
                for path, rendered in zip(paths, workers.results(paths), strict=True):
                    writing.add(path, rendered)
            finally:  # the sets being written are finished and reported whatever ended the batch
                writing.finish()
    except WorkerDied as died:
        workers.stop()
        raise _said(died) from None
    except BaseException:  # a stop signal, Ctrl-C or a crash: workers get SIGTERM
        workers.stop()
        raise
    workers.close()


WRITERS = 4  # sets written at once: their waits for the disk overlap (2 files of 85 KB: 8.6 -> 1.5 ms a set here)


class SetsWriting:
    """Write plans' sets in ``WRITERS`` threads at once; report each, in the order they were added, once written.

    A set's files are flushed to disk before they are moved into place (``fileio.write_set``): 8–35 ms of waiting
    for the disk on this project's machine, which one thread after the other made the batch's floor (at 30 ms a plan
    the main process would have spent most of its time waiting). The threads start with stop signals held, so a
    stop signal reaches the main thread, which finishes the sets being written (``finish``) before it ends.
    """

    def __init__(self, write: Callable[[Path, Rendered], Outcome], done: Callable[[Path, Outcome], None]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.threads = ThreadPoolExecutor(WRITERS, thread_name_prefix="opsplan-writer")
        self.pending: deque[tuple[Path, Future[Outcome]]] = deque()
        self.write, self.done = write, done

    def add(self, path: Path, rendered: Rendered) -> None:
        """Start writing ``path``'s set; report the sets before it that are written (wait while too many are)."""
        from opsplan.fileio import signals_held

        with signals_held():  # a thread the executor starts here keeps them held
            self.pending.append((path, self.threads.submit(self.write, path, rendered)))
        while self.pending and (self.pending[0][1].done() or len(self.pending) > WRITERS):
            path, writing = self.pending.popleft()
            self.done(path, writing.result())

    def finish(self) -> None:
        """Wait for every set being written, a stop signal held meanwhile (each takes milliseconds); report them."""
        from concurrent.futures import wait

        from opsplan.fileio import signals_held

        with signals_held():
            wait([writing for _, writing in self.pending])
        self.threads.shutdown()
        while self.pending:
            path, writing = self.pending.popleft()
            self.done(path, writing.result())


def _said(died: WorkerDied) -> Exception:
    """Return what a batch whose worker ``died`` ends with: ``WorkerKilled``, or ``WorkerCrashed`` for a bug."""
    import signal

    from opsplan.render.pool import signal_name

    if died.crashed or died.signum is None:
        status = signal_name(died.signum) if died.signum else say(SAID, "status", code=died.exitcode)
        return WorkerCrashed(say(SAID, "crashed", path=died.item, status=status))
    why = say(SAID, "memory") if died.signum == getattr(signal, "SIGKILL", None) else ""
    message = say(SAID, "killed", path=died.item, signum=died.signum, name=signal_name(died.signum), why=why)
    return WorkerKilled(message, died.signum)
