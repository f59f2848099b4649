"""Writing output files safely: a set of files lands whole or not at all, never over a file without ``force``.

``write_set`` is the one write path: every file of a set (a plan's ``.md``, ``.docx`` and ``.json``) is
first written in full to a temporary file in its target folder and flushed to disk; only when all are
ready are they moved into place. SIGTERM, SIGINT and SIGHUP are held back while a set is written and
moved (milliseconds for a plan), so a stop takes effect before or after it, never half way. Without
``force`` a file is placed with a hard link, which fails if the name exists, so of two runs writing into
the same folder at once only one succeeds; the other removes what it placed and writes nothing. Sets are
moved into a folder one at a time (a lock on the folder), so with ``force`` the last set wins whole. A
failure before that point (a full disk, a file-size limit) leaves the previous files as they were.

Before writing into a folder, opsplan finishes or removes what dead runs left there (``opsplan.tempfiles``).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from opsplan.errors import OutputError
from opsplan.io_messages import iomsg, write_failure
from opsplan.tempfiles import COMMIT_SUFFIX, TEMP_SUFFIX, clean_folder, discard, locked_temp, place

try:
    import fcntl
except ImportError:  # not POSIX: no folder lock
    fcntl = None  # type: ignore[assignment]

MAX_OUTPUT_BYTES = 256 * 1024 * 1024  # one output file; a 64× plan's DOCX is a fraction of this
_HELD_SIGNALS = {signal.SIGTERM, signal.SIGINT, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


def check_target(path: Path, *, force: bool, reads: Sequence[Path] | ReadFiles = ()) -> None:
    """Raise ``OutputError`` if ``path`` cannot be (over)written as asked, or is one of the files in ``reads``.

    ``reads``: the files the command reads, or (checking many targets against many files) their ``ReadFiles``.
    """
    if "\x00" in str(path):
        raise OutputError(iomsg("out.nul_name", path=str(path)))
    try:
        if path.is_symlink():
            raise OutputError(iomsg("out.symlink", path=path))
        if path.is_dir():
            raise OutputError(iomsg("out.folder", path=path))
        if path.exists():
            if not path.is_file():
                raise OutputError(iomsg("out.special", path=path))
            if not force:
                raise OutputError(iomsg("out.exists", path=path))
            if _read_only(path):
                raise OutputError(iomsg("out.read_only", path=path))
            if path_reads(path, reads):
                raise OutputError(iomsg("out.read_by_command", path=path))
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise OutputError(iomsg("out.parent_file", path=parent))
    except (OSError, ValueError, RecursionError) as exc:
        raise OutputError(iomsg("out.cannot_write", path=_short(path), reason=_reason(exc))) from None


class ReadFiles:
    """The files a command reads, known by device and inode: a target is looked up, not compared with each of them.

    ``render`` of n profiles checks 2n or more targets against the n profiles it reads; comparing each pair took
    two ``stat`` calls a pair (160 ms of a render of 200 profiles into a folder that held their plans, before any
    was rendered, and growing as the square of the count). A file that does not exist is none of them.
    """

    def __init__(self, paths: Sequence[Path]) -> None:
        self.identities = {identity for path in paths if (identity := _identity(path)) is not None}

    def __contains__(self, path: object) -> bool:
        return isinstance(path, Path) and _identity(path) in self.identities


def path_reads(path: Path, reads: Sequence[Path] | ReadFiles) -> bool:
    """Return whether ``path`` is one of the files ``reads`` names (the same file through any link)."""
    if isinstance(reads, ReadFiles):
        return path in reads
    return any(same_file(path, source) for source in reads)


def _identity(path: Path) -> tuple[int, int] | None:
    """Return the device and inode of the file ``path`` names (through any link), or None when there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def same_file(a: Path, b: Path) -> bool:
    """Return whether ``a`` and ``b`` both exist and are one file (by device and inode, through any link)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


@dataclass
class _Staged:
    """A file of the set, written in full to its locked temporary file."""

    path: Path
    tmp: Path
    fd: int
    identity: tuple[int, int] = (0, 0)  # device and inode, to recognise the file once it is in place


def write_set(
    files: Sequence[tuple[Path, bytes]],
    *,
    force: bool = False,
    make_parents: bool = True,
    reads: Sequence[Path] = (),
    clean: bool = True,
) -> list[Path]:
    """Write every ``(path, data)`` of ``files`` (all in one folder), or none of them.

    Raise ``OutputError`` (nothing written, previous files intact) when a target cannot be written, is one of
    the files the command reads (``reads``, even with ``force``), is taken by another run meanwhile (without
    ``force``), or the disk fails. ``clean``: first finish or remove what dead runs left in the folder
    (``tempfiles.clean_folder``); False when the caller did, once for many sets.
    """
    paths = [Path(path) for path, _ in files]
    folders = {path.parent for path in paths}
    if len(folders) > 1:
        raise ValueError("write_set writes into one folder")
    for path, data in zip(paths, (data for _, data in files), strict=True):
        check_target(path, force=force, reads=reads)
        if len(data) > MAX_OUTPUT_BYTES:
            raise OutputError(iomsg("out.too_big", path=path, size=f"{len(data):,}", limit=f"{MAX_OUTPUT_BYTES:,}"))
    with signals_held():  # a stop signal waits until the set is in place or removed: never half a file
        for folder in folders:
            _make_folder(folder, make_parents)
            if clean:
                clean_folder(folder)
        _write_staged(paths, [data for _, data in files], force=force)
    for folder in folders:
        _sync_folder(folder)
    return paths


def _write_staged(paths: list[Path], contents: list[bytes], *, force: bool) -> None:
    """Stage every file, then move them all into place; on any failure remove every temporary file."""
    staged: list[_Staged] = []
    where = paths[0]  # the file being written, for the message
    try:
        for path, data in zip(paths, contents, strict=True):
            where = path
            staged.append(_stage(path, data))
        with _folder_locked(paths[0].parent):  # one set at a time into a folder: two sets never interleave
            _commit(staged, force=force)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(iomsg("out.not_written", path=where, reason=write_failure(exc))) from None
    finally:
        for item in staged:
            discard(item.tmp)
            with contextlib.suppress(OSError):
                os.close(item.fd)


def write_bytes(path: Path, data: bytes, *, force: bool = False, make_parents: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``."""
    return write_set([(Path(path), data)], force=force, make_parents=make_parents)[0]


def write_text(path: Path, text: str, *, force: bool = False, make_parents: bool = True) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (see ``write_bytes``).

    Text that cannot be encoded (an unpaired surrogate) raises ``OutputError`` and writes nothing.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = f"{ord(text[exc.start]):04X}"
        raise OutputError(iomsg("out.surrogate", path=path, code=code, at=exc.start)) from None
    return write_bytes(path, data, force=force, make_parents=make_parents)


def _make_folder(folder: Path, make_parents: bool) -> None:
    try:
        if make_parents:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise OutputError(iomsg("out.no_folder", path=folder))
    except FileExistsError:
        raise OutputError(iomsg("out.in_the_way", path=folder)) from None
    except (OSError, ValueError, RecursionError) as exc:
        raise OutputError(iomsg("out.cannot_create", path=_short(folder), reason=_reason(exc))) from None


def _stage(path: Path, data: bytes) -> _Staged:
    """Write ``data`` to a new locked temporary file next to ``path`` and flush it to disk."""
    try:
        fd, name = locked_temp(path.parent, f".{path.name[:40]}{TEMP_SUFFIX}")
    except (OSError, ValueError) as exc:
        raise OutputError(iomsg("out.cannot_stage", path=path, folder=path.parent, reason=_reason(exc))) from None
    item = _Staged(path, Path(name), fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.fchmod(fd, _mode_for(path))
        info = os.fstat(fd)
        item.identity = (info.st_dev, info.st_ino)
    except BaseException:
        discard(item.tmp)
        os.close(fd)
        raise
    return item


def _commit(staged: list[_Staged], *, force: bool) -> None:
    """Move every staged file into place (``write_set`` holds stop signals back meanwhile)."""
    if force:
        for item in staged:
            if item.path.exists() and _read_only(item.path):
                raise OutputError(iomsg("out.read_only", path=item.path))
    journal = _write_journal(staged, force=force) if len(staged) > 1 else None
    placed: list[_Staged] = []
    try:
        for item in staged:
            place(item.tmp, item.path, force=force)
            placed.append(item)
    except FileExistsError as exc:
        for item in placed:  # undo our own links: the other run keeps the folder
            _unlink_if_ours(item)
        raise OutputError(iomsg("out.raced", path=exc.filename or staged[len(placed)].path)) from None
    finally:
        if journal is not None:
            discard(journal[0])
            os.close(journal[1])


def _unlink_if_ours(item: _Staged) -> None:
    with contextlib.suppress(OSError):
        info = os.stat(item.path, follow_symlinks=False)
        if (info.st_dev, info.st_ino) == item.identity:
            os.unlink(item.path)


def _write_journal(staged: list[_Staged], *, force: bool) -> tuple[Path, int]:
    """Write and lock the list of moves, so a run killed half way through them can be completed."""
    folder = staged[0].path.parent
    fd, name = locked_temp(folder, COMMIT_SUFFIX)
    try:
        moves = [[item.tmp.name, item.path.name] for item in staged]
        # not flushed to disk: it guards against a killed process, whose writes the system still completes
        os.write(fd, json.dumps({"force": force, "moves": moves}).encode("ascii"))
    except BaseException:
        discard(Path(name))
        os.close(fd)
        raise
    return Path(name), fd


@contextlib.contextmanager
def _folder_locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``folder`` itself (no lock file is made) where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold back stop signals from this thread (delivered when the block ends) where the platform allows it.

    A thread started meanwhile keeps them held for good, so a stop signal reaches the main thread only.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _read_only(path: Path) -> bool:
    """Tell whether ``path`` is marked read-only (by its mode bits, which also bind root, or by access)."""
    return not (path.stat().st_mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


def _mode_for(path: Path) -> int:
    """Return the permission bits for the written file: the old file's, else 0666 less the umask."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Flush the renames to disk where the platform allows it (best effort)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return iomsg("out.nested")
    return getattr(exc, "strerror", None) or str(exc)


def _short(path: Path) -> str:
    """Return ``path`` for a message, its middle cut when it is very long (a path 2,000 folders deep)."""
    text = str(path)
    return text if len(text) <= 300 else f"{text[:120]}…{text[-120:]}"
