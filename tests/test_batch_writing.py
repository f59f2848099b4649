"""``render --jobs`` writes several plans' sets at once (``render.batch.SetsWriting``) and reports them in order."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from opsplan.render.batch import WRITERS, SetsWriting
from opsplan.render.run import Outcome, Rendered


def _slow_first(path: Path, rendered: Rendered) -> Outcome:
    """Write nothing; take longer the earlier the path, so later sets are done first."""
    time.sleep(0.2 if path.name == "0" else 0.0)
    return [path.name], None, None


def test_sets_are_reported_in_the_order_they_were_added_though_written_out_of_it() -> None:
    reported: list[str] = []
    writing = SetsWriting(_slow_first, lambda path, outcome: reported.append(outcome[0][0]))
    for n in range(WRITERS * 3):
        writing.add(Path(str(n)), (None, None, None))
    writing.finish()
    assert reported == [str(n) for n in range(WRITERS * 3)]


def test_finish_waits_for_the_sets_being_written_when_the_batch_is_stopped() -> None:
    started, reported = threading.Event(), []

    def write(path: Path, rendered: Rendered) -> Outcome:
        started.set()
        time.sleep(0.2)
        return [path.name], None, None

    writing = SetsWriting(write, lambda path, outcome: reported.append(outcome[0][0]))
    with pytest.raises(KeyboardInterrupt):
        try:
            writing.add(Path("a"), (None, None, None))
            started.wait()
            raise KeyboardInterrupt  # Ctrl-C while a set is being written
        finally:
            writing.finish()
    assert reported == ["a"]  # written whole, and said
