"""How often an opsplan command collects cyclic garbage: the one pace every command runs at, and its block.

An opsplan command allocates tens of thousands of objects that live to its end (the modules it imports, their
classes, the plan) and makes little cyclic garbage, so at Python's pace (a young collection every 700 allocations)
the collector traversed them again and again for nothing: a cold render of the flowers example spent about 12 ms
of CPU in 31 collections, a check of it about 6 ms in 54, the console script about 2 ms in 19 while it imported.
``FEW_COLLECTIONS`` collects the youngest generation every 100,000 allocations, the older ones at Python's pace
after it: the console script sets it before it imports anything (``opsplan._entry``).

Memory stays bounded: the thresholds bound how much garbage waits (at most 100,000 young objects between
collections, the older generations collected as Python collects them, after 10 of the younger ones), so it is a
larger constant, never growth. A long-running preview server goes back to the interpreter's own pace for its life
(``interpreter_pace``), so a request's garbage goes as soon as Python would let it go; a batch's workers collect
between plans (``render.workers.collected``). A command that renders one plan also hands what it built to the
collector's permanent generation once its Markdown is made (``one_plan``, ``settle``), for the DOCX step, and gives
it back as it ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

FEW_COLLECTIONS = (100_000, 10, 10)
_STARTED: list[tuple[int, int, int]] = []  # the interpreter's own thresholds, before ``set_pace`` changed them
_SETTLING: list[bool] = []  # inside ``one_plan``: whether its ``settle`` has frozen what was built


def set_pace() -> None:
    """Collect at ``FEW_COLLECTIONS``' pace from now on in this process (the console script's first step)."""
    if not _STARTED:
        _STARTED.append(gc.get_threshold())
    gc.set_threshold(*FEW_COLLECTIONS)


def interpreter_pace() -> None:
    """Go back to the pace the interpreter started with (a process that lives long: ``opsplan serve``)."""
    if _STARTED:
        gc.set_threshold(*_STARTED[0])


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Collect at ``FEW_COLLECTIONS``' pace inside the block; the pace before it returns after.

    What the block allocated and kept is handed to the oldest generation as it ends (``gc.freeze`` and
    ``gc.unfreeze``, when nothing else is frozen), as the young collections would have done over time: at a faster
    pace after it, the next allocation would collect all of it at once (5-9 ms after a check of a profile).
    """
    previous = gc.get_threshold()
    gc.set_threshold(*FEW_COLLECTIONS)
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.set_threshold(*previous)


@contextlib.contextmanager
def one_plan() -> Iterator[None]:
    """Let ``settle`` freeze what is built so far, once, in the block; unfreeze it as the block ends.

    ``opsplan render`` of one profile: by the time its Markdown is made, the modules, the plan and the Markdown
    (nearly all it allocated) live to the end, and the DOCX step that follows allocates enough for the older
    generations' collections to come round, each traversing all of them again for nothing (one of 18–20 ms of CPU
    at 16× the flowers example). Frozen, they are skipped. What was frozen before the block (a batch worker's,
    ``render.workers``) is left as it is, and nothing is frozen then: the freeze count after the block is the one
    before it, so a process that goes on (a test, a library caller) collects all of it again afterwards.
    """
    if gc.get_freeze_count():  # another's freeze: unfreezing ours would unfreeze theirs too
        yield
        return
    _SETTLING.append(False)
    try:
        yield
    finally:
        if _SETTLING.pop():
            gc.unfreeze()


def settle() -> None:
    """Freeze what is built so far, inside ``one_plan`` only and once (elsewhere: nothing, collections go on)."""
    if _SETTLING and not _SETTLING[-1] and not gc.get_freeze_count():
        _SETTLING[-1] = True  # first: a signal between the two still leaves one_plan to unfreeze
        gc.freeze()
