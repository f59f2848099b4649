"""Writing output files safely: atomically, never over an existing file without ``force``.

Every file opsplan writes goes through ``write_bytes``/``write_text``: the content is written to a
temporary file in the target folder, flushed to disk and renamed over the target, so a reader sees
either the old file or the new one, never half of one, and a failure leaves no temporary file behind.
A replaced file keeps its permissions; a new one gets the usual ones (0666 less the umask).
``check_unpacked_size`` bounds what a ZIP input (a DOCX to check, a ``--reference-docx``) unpacks to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import zipfile
from pathlib import Path

from opsplan.errors import InputError, OutputError

MAX_UNPACKED_BYTES = 256 * 1024 * 1024


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
    except (OSError, ValueError) as exc:
        raise OutputError(f"{path}: cannot be written ({_reason(exc)})") from None


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
    except (OSError, ValueError) as exc:
        raise OutputError(f"{parent}: cannot create the folder ({_reason(exc)})") from None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=parent)
    except (OSError, ValueError) as exc:
        raise OutputError(f"{path}: cannot write in {parent} ({_reason(exc)})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        if path.exists() and _read_only(path):
            raise OutputError(f"{path}: the file is read-only; it was left as it was")
        os.replace(tmp, path)
    except OutputError:
        _discard(tmp)
        raise
    except OSError as exc:
        _discard(tmp)
        reason = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else _reason(exc)
        raise OutputError(f"{path}: not written, {reason}; any previous file is intact") from None
    except BaseException:
        _discard(tmp)
        raise
    _sync_folder(parent)
    return path


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
    """Flush the rename to disk where the platform allows it (best effort)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


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
            f"{path}: unpacks to {unpacked:,} bytes, over the {limit:,} a DOCX may hold; is it damaged "
            "or a zip bomb?"
        )
