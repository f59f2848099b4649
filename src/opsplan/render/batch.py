"""``opsplan render`` of several profiles: rendered in this process or by ``--jobs`` worker processes, in order.

Each plan is rendered (here, or in a worker: ``render.workers``), then written by this process
(``fileio.write_set``: every file flushed to disk, then moved into place) and reported, in the order of the
profiles. With workers, this process writes while they render the next plans, so a plan's wait for the disk
(12–35 ms on this project's machine, 1–2 ms of CPU) is off the batch's critical path but for the last plan.
A stop signal or Ctrl-C reaches the main thread only, between two sets or after the one being written; the
workers are then stopped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from opsplan.render.run import Outcome, RenderOptions, render_one, render_unwritten, write_rendered
from opsplan.render.workers import ProgressBar, collected, plans_collected, results, start_pool, stop_pool


def render_batch(
    paths: Sequence[Path], options: RenderOptions, formats: tuple[str, ...], report: Callable[[Outcome], list[str]]
) -> None:
    """Render and write every profile of ``paths``, in ``options.jobs`` worker processes if more than one.

    ``report`` is given each profile's outcome, in order, and returns the lines to print for it.
    """
    if options.jobs <= 1:
        with plans_collected(), ProgressBar(len(paths)) as advance:
            for path in paths:
                advance(path, report(collected(render_one, path, options, formats)))
        return
    work = functools.partial(collected, render_unwritten, options=options, formats=formats)
    pool = start_pool(min(options.jobs, len(paths)))  # before the progress bar's thread starts
    try:
        with ProgressBar(len(paths)) as advance:
            for path, rendered in zip(paths, results(pool, work, paths), strict=True):
                advance(path, report(write_rendered(path, options, formats, rendered)))
        pool.close()
    except BaseException:  # a stop signal, Ctrl-C or a crash: workers get SIGTERM and remove their temporary files
        stop_pool(pool)
        raise
    pool.join()
