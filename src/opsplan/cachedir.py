"""Where opsplan keeps its caches: ``$XDG_CACHE_HOME/opsplan``, else ``~/.cache/opsplan``."""

from __future__ import annotations

import os


def cache_folder() -> str | None:
    """Return the cache folder's path, or ``None`` when there is no usable home for it.

    A relative ``XDG_CACHE_HOME`` is ignored (as the XDG specification says), and an unresolvable ``~``
    means no cache rather than a folder named ``~`` in the current directory.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "opsplan")
