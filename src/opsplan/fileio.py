"""Writing output files safely: a set of files lands whole or not at all, never over a file without ``force``.

``write_set`` is the one write path: every file of a set (a plan's ``.md``, ``.docx`` and ``.json``) is
first written in full to a temporary file in its target folder and flushed to disk; only when all are
ready are they moved into place. SIGTERM, SIGINT and SIGHUP are held back while a set is written and
moved (milliseconds for a plan), so a stop takes effect before or after it, never half way. Without
``force`` a file is placed with a hard link, which fails if the name exists, so of two runs writing into
the same folder at once only one succeeds; the other removes what it placed and writes nothing. Sets are
moved into a folder one at a time (a lock on the folder), so with ``force`` the last set wins whole. A
failure before that point (a full disk, a file-size limit) leaves the previous files as they were.

Temporary files are named ``.opsplan-<random>.<name>.tmp`` and locked (``flock``) by the process writing
them. Before writing into a folder, opsplan removes the temporary files there whose lock nobody holds:
they belong to a run that died (even by SIGKILL). A run killed while moving its set into place leaves a
``.opsplan-<random>.commit`` list of the moves; the next run completes them first, so the set is whole.
``check_unpacked_size`` bounds what a ZIP input (a DOCX to check, a ``--reference-docx``) unpacks to.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import stat
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from opsplan.errors import InputError, OutputError

try:
    import fcntl
except ImportError:  # not POSIX: no locks, so temporary files of dead runs are left alone
    fcntl = None  # type: ignore[assignment]

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_OUTPUT_BYTES = 256 * 1024 * 1024  # one output file; a 64× plan's DOCX is a fraction of this
TEMP_PREFIX = ".opsplan-"
TEMP_SUFFIX = ".tmp"
COMMIT_SUFFIX = ".commit"
_HELD_SIGNALS = {signal.SIGTERM, signal.SIGINT, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


def check_target(path: Path, *, force: bool) -> None:
    """Raise ``OutputError`` if ``path`` cannot be (over)written as asked."""
    if "\x00" in str(path):
        raise OutputError(f"{str(path)!r}: a file name cannot hold a NUL character")
    try:
        if path.is_symlink():
            raise OutputError(f"{path}: is a symbolic link; opsplan does not write through links")
        if path.is_dir():
            raise OutputError(f"{path}: is a folder; give a file name")
        if path.exists():
            if not path.is_file():
                raise OutputError(f"{path}: is not a regular file (a device or pipe?); give a file name")
            if not force:
                raise OutputError(f"{path}: already exists; pass --force to overwrite it")
            if _read_only(path):
                raise OutputError(f"{path}: the file is read-only; it was left as it was")
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"{parent}: is a file, not a folder")
    except (OSError, ValueError, RecursionError) as exc:
        raise OutputError(f"{_short(path)}: cannot be written ({_reason(exc)})") from None


@dataclass
class _Staged:
    """A file of the set, written in full to its locked temporary file."""

    path: Path
    tmp: Path
    fd: int
    identity: tuple[int, int] = (0, 0)  # device and inode, to recognise the file once it is in place


def write_set(files: Sequence[tuple[Path, bytes]], *, force: bool = False, make_parents: bool = True) -> list[Path]:
    """Write every ``(path, data)`` of ``files`` (all in one folder), or none of them.

    Raise ``OutputError`` (nothing written, previous files intact) when a target cannot be written, is
    taken by another run meanwhile (without ``force``), or the disk fails.
    """
    paths = [Path(path) for path, _ in files]
    folders = {path.parent for path in paths}
    if len(folders) > 1:
        raise ValueError("write_set writes into one folder")
    for path, data in zip(paths, (data for _, data in files), strict=True):
        check_target(path, force=force)
        if len(data) > MAX_OUTPUT_BYTES:
            raise OutputError(
                f"{path}: not written, {len(data):,} bytes is over the {MAX_OUTPUT_BYTES:,} an output may have"
            )
    with _signals_held():  # a stop signal waits until the set is in place or removed: never half a file
        for folder in folders:
            _make_folder(folder, make_parents)
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
        reason = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else _reason(exc)
        if exc.errno == errno.EFBIG:
            reason = "the file-size limit was reached"
        raise OutputError(f"{where}: not written, {reason}; any previous file is intact") from None
    finally:
        for item in staged:
            _discard(item.tmp)
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
        raise OutputError(
            f"{path}: not written, the text holds an unpaired surrogate (U+{ord(text[exc.start]):04X}) "
            f"at character {exc.start}"
        ) from None
    return write_bytes(path, data, force=force, make_parents=make_parents)


def _make_folder(folder: Path, make_parents: bool) -> None:
    try:
        if make_parents:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise OutputError(f"{folder}: no such folder")
    except FileExistsError:
        raise OutputError(f"{folder}: a file is in the way of the output folder") from None
    except (OSError, ValueError, RecursionError) as exc:
        raise OutputError(f"{_short(folder)}: cannot create the folder ({_reason(exc)})") from None


def _stage(path: Path, data: bytes) -> _Staged:
    """Write ``data`` to a new locked temporary file next to ``path`` and flush it to disk."""
    try:
        fd, name = _locked_temp(path.parent, f".{path.name[:40]}{TEMP_SUFFIX}")
    except (OSError, ValueError) as exc:
        raise OutputError(f"{path}: cannot write in {path.parent} ({_reason(exc)})") from None
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
        _discard(item.tmp)
        os.close(fd)
        raise
    return item


def _commit(staged: list[_Staged], *, force: bool) -> None:
    """Move every staged file into place (``write_set`` holds stop signals back meanwhile)."""
    if force:
        for item in staged:
            if item.path.exists() and _read_only(item.path):
                raise OutputError(f"{item.path}: the file is read-only; it was left as it was")
    journal = _write_journal(staged, force=force) if len(staged) > 1 else None
    placed: list[_Staged] = []
    try:
        for item in staged:
            _place(item.tmp, item.path, force=force)
            placed.append(item)
    except FileExistsError as exc:
        for item in placed:  # undo our own links: the other run keeps the folder
            _unlink_if_ours(item)
        raise OutputError(
            f"{exc.filename or staged[len(placed)].path}: was created by another run while this one wrote; "
            "nothing was written (pass --force to overwrite)"
        ) from None
    finally:
        if journal is not None:
            _discard(journal[0])
            os.close(journal[1])


def _place(tmp: Path, path: Path, *, force: bool) -> None:
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


def _unlink_if_ours(item: _Staged) -> None:
    with contextlib.suppress(OSError):
        info = os.stat(item.path, follow_symlinks=False)
        if (info.st_dev, info.st_ino) == item.identity:
            os.unlink(item.path)


def _locked_temp(folder: Path, suffix: str) -> tuple[int, str]:
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


def _write_journal(staged: list[_Staged], *, force: bool) -> tuple[Path, int]:
    """Write and lock the list of moves, so a run killed half way through them can be completed."""
    folder = staged[0].path.parent
    fd, name = _locked_temp(folder, COMMIT_SUFFIX)
    try:
        moves = [[item.tmp.name, item.path.name] for item in staged]
        # not flushed to disk: it guards against a killed process, whose writes the system still completes
        os.write(fd, json.dumps({"force": force, "moves": moves}).encode("ascii"))
    except BaseException:
        _discard(Path(name))
        os.close(fd)
        raise
    return Path(name), fd


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
                    _discard(folder / name)
    for name in names:
        if name.endswith(TEMP_SUFFIX):
            with _abandoned(folder / name) as fd:
                if fd is not None:
                    _discard(folder / name)


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
                _place(tmp, path, force=force)


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
def _signals_held() -> Iterator[None]:
    """Hold back stop signals (delivered when the block ends) where the platform allows it."""
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
        return "the path is nested too deeply"
    return getattr(exc, "strerror", None) or str(exc)


def _short(path: Path) -> str:
    """Return ``path`` for a message, its middle cut when it is very long (a path 2,000 folders deep)."""
    text = str(path)
    return text if len(text) <= 300 else f"{text[:120]}…{text[-120:]}"


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def check_unpacked_size(path: Path, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Raise ``InputError`` if the ZIP (DOCX) at ``path`` unpacks to more than ``limit`` bytes.

    Python's ``zipfile`` never reads a member past its declared size, so the sum of the declared sizes
    bounds what opening the file can cost. A file that is not a ZIP is left for its reader to report.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if unpacked > limit:
        raise InputError(
            f"{path}: unpacks to {unpacked:,} bytes, over the {limit:,} a DOCX may hold; is it damaged or a zip bomb?"
        )
