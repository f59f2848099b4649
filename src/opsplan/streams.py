r"""Standard output and error that never end a run in a traceback.

``guarded_streams`` wraps the command line: a closed descriptor 0, 1 or 2 is opened on the null device
(so no file opsplan opens can take its number; a closed stdin reads as empty), and stdout and stderr are
replaced by streams that stop writing, silently, at the first error (a reader that went away, a full
device) and turn characters the terminal's encoding cannot show into ``\u`` escapes. When the command
ends: a reader that stopped reading (a broken pipe, as with ``| head -1``) keeps the command's own exit
code; output lost to any other error is reported on stderr with exit code 2. A stop signal or Ctrl-C
that arrives outside a command's own handler ends the run with 128 + the signal number, without a
traceback (a stop signal that typer or ``cli_fast`` turned into Ctrl-C's 130 too).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import Any

_INTERRUPTED = 130


class _Sink(io.RawIOBase):
    """A file descriptor that keeps the first write error and drops everything after it."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        with contextlib.suppress(OSError):
            return os.isatty(self.fd)
        return False

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(data)
        if self.error is None:
            try:
                return os.write(self.fd, data)
            except OSError as exc:
                self.error = exc
        return size


def _guarded(stream: object, fd: int) -> tuple[io.TextIOWrapper, _Sink]:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    utf8 = encoding.lower().replace("-", "").replace("_", "") == "utf8"
    errors = (getattr(stream, "errors", None) or "strict") if utf8 else "backslashreplace"
    if fd == 2:
        errors = "backslashreplace"
    sink = _Sink(fd)
    line_buffering = bool(getattr(stream, "line_buffering", False)) or sink.isatty()
    raw: Any = sink
    wrapper = io.TextIOWrapper(io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=line_buffering)
    return wrapper, sink


def _open_missing_descriptors() -> None:
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """Run the body with guarded stdout and stderr; turn how it ended into ``SystemExit`` with the right code."""
    _open_missing_descriptors()
    if sys.stdin is None:  # Python leaves it unset when descriptor 0 was closed at start: read as empty
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (open for the rest of the process)
    sys.stdout, out = _guarded(sys.stdout, 1)
    sys.stderr, _ = _guarded(sys.stderr, 2)
    code: object = 0
    try:
        yield
    except SystemExit as stop:
        code = _own_code(stop)
    except KeyboardInterrupt as stop:  # outside a command's handler: during start-up, say
        code = getattr(stop, "exit_code", _INTERRUPTED)
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    if out.error is not None and out.error.errno != errno.EPIPE:
        with contextlib.suppress(Exception):
            sys.stderr.write(_lost_output(out.error) + "\n")
            sys.stderr.flush()
        code = 2
    raise SystemExit(code)


def _own_code(stop: SystemExit) -> object:
    """Return ``stop``'s exit code, or a stop signal's 128 + N where a handler made the signal Ctrl-C's 130.

    SIGTERM and SIGHUP unwind as ``KeyboardInterrupt`` (``errors.Stopped``, with its ``exit_code``), and code that
    catches an interrupt outside a command's own handler (typer's, while it reads the command line; ``cli_fast``'s)
    ends it with 130: the signal is in the chain of exceptions that led to ``stop``.
    """
    ending: BaseException | None = stop
    for _ in range(8):  # SystemExit ← click's Exit ← the interrupt, in typer's case
        if ending is None or stop.code != _INTERRUPTED:
            break
        if isinstance(ending, KeyboardInterrupt):
            return getattr(ending, "exit_code", _INTERRUPTED)
        ending = ending.__cause__ or ending.__context__
    return stop.code


def _lost_output(error: OSError) -> str:
    """Say that standard output was lost, in the language of messages (``--lang`` on the line counts)."""
    from opsplan.i18n import language_on_line, use
    from opsplan.io_messages import iomsg, write_failure

    with use(language_on_line(sys.argv[1:])):
        return iomsg("out.stdout", reason=write_failure(error))
