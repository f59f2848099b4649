"""Where opsplan keeps its caches: ``$XDG_CACHE_HOME/opsplan``, else ``~/.cache/opsplan``."""

from __future__ import annotations

import os
import stat
from pathlib import Path


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


def private_folder(name: str) -> Path | None:
    """Return ``<cache folder>/<name>``, made if missing, if only this user can use it; else ``None``.

    The folder must be a real folder (not a link) owned by the user with no access for group or others
    (mode 0700). One that is not is left as it is and no cache is used.
    """
    base = cache_folder()
    if base is None:
        return None
    folder = Path(base) / name
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder
