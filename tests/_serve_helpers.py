"""Waiting for ``opsplan serve``'s preview to follow a change, as its main loop builds: for a condition, never a time."""

from __future__ import annotations

import time
from collections.abc import Callable

from opsplan.serve.watch import Watcher
from tests._hardening_helpers import HANG_LIMIT


def page(watcher: Watcher) -> str:
    """Return the preview page as the server sends it."""
    return watcher.state.snapshot().page.decode("utf-8")


def until(watcher: Watcher, condition: Callable[[], bool]) -> bool:
    """Build as serve's main loop does until ``condition`` holds; tell whether it does.

    Waits up to ``HANG_LIMIT``: a loaded machine can take many seconds to notice a change and build; only a change
    that never shows fails the test.
    """
    deadline = time.monotonic() + HANG_LIMIT
    while not condition() and time.monotonic() < deadline:
        watcher.rebuild_when_asked(timeout=0.05)
    return condition()


def shows(watcher: Watcher, text: str, *, present: bool = True) -> bool:
    """Tell whether ``text`` comes to be on the page (or, ``present=False``, to be gone from it)."""
    return until(watcher, lambda: (text in page(watcher)) is present)
