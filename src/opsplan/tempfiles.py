"""opsplan's temporary files in an output folder: made and locked, moved into place, and cleaned up after dead runs.

Temporary files are named ``.opsplan-<random>.<name>.tmp`` and locked (``flock``) by the process writing
them. Before writing into a folder, opsplan removes the temporary files there whose lock nobody holds:
they belong to a run that died (even by SIGKILL). A run killed while moving its set into place leaves a
``.opsplan-<random>.commit`` list of the moves; the next run completes them first, so the set is whole.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no locks, so temporary files of dead runs are left alone
    fcntl = None  # type: ignore[assignment]

TEMP_PREFIX = ".opsplan-"
TEMP_SUFFIX = ".tmp"
COMMIT_SUFFIX = ".commit"


def place(tmp: Path, path: Path, *, force: bool) -> None:
    """Move ``tmp`` to ``path``: replacing it with ``force``, else only if ``path`` does not exist."""
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
        # no hard links on this file system: reserve the name exclusively, then rename over the reservation
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(tmp, path)


def locked_temp(folder: Path, suffix: str) -> tuple[int, str]:
    """Create a temporary file of ours in ``folder`` and lock it; return its descriptor and name.

    Between creating a file and locking it, another run's ``clean_folder`` may take it for a dead run's and
    remove it (it locks and unlinks it, then lets go). A file that has lost its name once we hold the lock is
    given up and another made; once we hold the lock no cleaner can take it.
    """
    for _ in range(100):
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=suffix, dir=folder)
        if fcntl is None:
            return fd, name
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_nlink > 0:
                return fd, name
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise OSError(errno.EAGAIN, "other runs kept removing this run's temporary files")


def clean_folder(folder: Path) -> None:
    """Finish or remove what dead opsplan runs left in ``folder``: their move lists, then their temporary files.

    Only regular files of this user named like opsplan's own and locked by nobody are touched.
    """
    if fcntl is None:
        return
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.startswith(TEMP_PREFIX))
    except OSError:
        return
    for name in names:
        if name.endswith(COMMIT_SUFFIX):
            with _abandoned(folder / name) as fd:
                if fd is not None:
                    _complete(folder, fd)
                    discard(folder / name)
    for name in names:
        if name.endswith(TEMP_SUFFIX):
            with _abandoned(folder / name) as fd:
                if fd is not None:
                    discard(folder / name)


@contextlib.contextmanager
def _abandoned(path: Path) -> Iterator[int | None]:
    """Yield a locked descriptor of ``path`` if it is our own regular file that no live process holds."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        yield None
        return
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            yield None
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: its run is alive
            yield None
            return
        yield fd
    finally:
        os.close(fd)


def _complete(folder: Path, fd: int) -> None:
    """Carry out the moves a dead run had committed to and not finished."""
    try:
        with os.fdopen(os.dup(fd), "rb") as stream:
            journal = json.loads(stream.read(256 * 1024))
        force, moves = bool(journal["force"]), [(str(a), str(b)) for a, b in journal["moves"]]
    except (OSError, ValueError, KeyError, TypeError):
        return
    for tmp_name, target in moves:
        if not (tmp_name.startswith(TEMP_PREFIX) and tmp_name.endswith(TEMP_SUFFIX)) or "/" in tmp_name + target:
            continue
        tmp, path = folder / tmp_name, folder / target
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(tmp).st_mode) and not path.is_symlink():
                place(tmp, path, force=force)


def discard(tmp: Path) -> None:
    """Remove ``tmp`` if it is still there."""
    with contextlib.suppress(OSError):
        tmp.unlink()
