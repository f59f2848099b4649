"""Writing output files safely: atomically, never over an existing file without ``force``.

Every file opsplan writes goes through ``write_bytes``/``write_text``: the content is written to a
temporary file in the target folder, flushed to disk and renamed over the target, so a reader sees
either the old file or the new one, never half of one, and a failure leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from opsplan.errors import OutputError


def check_target(path: Path, *, force: bool) -> None:
    """Raise ``OutputError`` if ``path`` cannot be (over)written as asked."""
    if path.is_symlink():
        raise OutputError(f"{path}: is a symbolic link; opsplan does not write through links")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; pass --force to overwrite it")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{parent}: is a file, not a folder")


def write_bytes(path: Path, data: bytes, *, force: bool = False, make_parents: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``."""
    path = Path(path)
    check_target(path, force=force)
    parent = path.parent
    try:
        if make_parents:
            parent.mkdir(parents=True, exist_ok=True)
        elif not parent.is_dir():
            raise OutputError(f"{parent}: no such folder")
    except FileExistsError:
        raise OutputError(f"{parent}: a file is in the way of the output folder") from None
    except OSError as exc:
        raise OutputError(f"{parent}: cannot create the folder ({exc.strerror or exc})") from None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {parent} ({exc.strerror or exc})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not os.access(path, os.W_OK):
            raise OutputError(f"{path}: the file is read-only; it was left as it was")
        os.replace(tmp, path)
    except OutputError:
        _discard(tmp)
        raise
    except OSError as exc:
        _discard(tmp)
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise OutputError(f"{path}: not written, {reason}; any previous file is intact") from None
    except BaseException:
        _discard(tmp)
        raise
    return path


def write_text(path: Path, text: str, *, force: bool = False, make_parents: bool = True) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (see ``write_bytes``)."""
    return write_bytes(path, text.encode("utf-8"), force=force, make_parents=make_parents)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()
