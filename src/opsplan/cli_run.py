"""What every command shares: root options, ``--lang``, the one handler of ``OpsplanError``, the report of a crash.

The handler turns an error into one message and its exit code. An error is said with the ``error:`` of the
language its message is in (a Chinese profile's errors are Chinese whatever the shell's language). Any other
exception is a bug in opsplan: ``crashed`` says so, and where to report it, with its own exit code (``CRASHED``),
so a script tells a bug from findings (1) and bad input (2). ``--debug`` (or ``OPSPLAN_DEBUG=1``) prints the
traceback above the message; the exit code is the same with it or without it.

Imports no typer: the fast path of the console script (``cli_fast``) runs ``render`` and ``check`` without it. A
message goes to stderr as ``typer.echo(err=True)`` wrote it (``say_error``) and an exit is ``SystemExit``, which
typer passes through unchanged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from opsplan.errors import OpsplanError, Stopped
from opsplan.i18n import Catalogue, parse_lang, say, say_in, use

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import NoReturn, TextIO, TypeVar

    T = TypeVar("T")

SAID: Catalogue = {
    "error": ("error: {error}", "错误：{error}"),
    "stopped": ("stopped", "已停止"),
    "interrupted": ("interrupted", "已中断"),
    "crashed": (
        "internal error: {kind}: {error}\n"
        "This is a bug in opsplan {version}, not a problem with your input. Please report it at {url} with the "
        "command you ran; run it again with --debug (or OPSPLAN_DEBUG=1) for the traceback to attach.",
        "内部错误：{kind}: {error}\n"
        "这是 opsplan {version} 的缺陷，不是您输入的问题。请到 {url} 报告，并附上运行的命令；"
        "加 --debug（或设置 OPSPLAN_DEBUG=1）再运行一次，可得到要附上的调用栈（traceback）。",
    ),
}
CRASHED = 70  # EX_SOFTWARE of sysexits.h: an internal error, a bug in opsplan
ISSUES = "https://github.com/opsplan/opsplan/issues"


class State:
    """The root options of this invocation: --debug (or ``OPSPLAN_DEBUG``) and --lang."""

    debug = False
    lang: str | None = None
    # the command leaves nothing the interpreter's teardown must finish (no file being written, no thread, no
    # worker): the console script exits at once when it ends (``opsplan._entry``)
    nothing_to_finish = False


state = State()


def read_lang(value: str | None) -> str | None:
    """Check a ``--lang`` value: zh-CN or en (zh and en-US are read too)."""
    if value is None:
        return None
    try:
        return parse_lang(value)
    except ValueError:
        import typer

        from opsplan.io_messages import iomsg

        raise typer.BadParameter(iomsg("lang.bad", value=value)) from None


class OutOfRange(ValueError):
    """A whole number outside an option's bounds (``read_whole``)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def read_whole(value: object, low: int | None = None, high: int | None = None) -> int:
    """Return an option's value as a whole number, at least ``low`` and at most ``high`` when given.

    Raises ``ValueError`` when it is not a whole number and ``OutOfRange`` (a ``ValueError``) when it is one out of
    bounds: ``cli_usage.whole_number`` says which for typer, ``cli_fast`` hands either line to typer.
    """
    number = value if isinstance(value, int) else int(str(value).strip())
    if (low is not None and number < low) or (high is not None and number > high):
        raise OutOfRange(number)
    return number


def in_terminal() -> bool:
    """Return whether questions can be asked: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def run(action: Callable[[], T], lang: str | None = None) -> T:
    """Call ``action`` in the chosen language; turn an ``OpsplanError`` into one message and its exit code."""
    with use(lang or state.lang):
        try:
            return action()
        except OpsplanError as error:
            _traceback(error)
            say_error(say_in(error.language, SAID, "error", error=error))
            raise SystemExit(error.exit_code) from None
        except OSError as error:  # a path the system refuses (a name too long …) that no reader caught first
            _traceback(error)
            where = f"{error.filename}: " if error.filename is not None else ""
            say_error(say(SAID, "error", error=where + (error.strerror or str(error))))
            raise SystemExit(2) from None
        except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM/SIGHUP (``Stopped``): files were left whole
            say_error(say(SAID, "stopped" if isinstance(stop, Stopped) else "interrupted"))
            raise SystemExit(getattr(stop, "exit_code", 130)) from None


def crashed(error: Exception) -> NoReturn:
    """Report an exception no command turned into a message: exit ``CRASHED``, saying it is a bug in opsplan.

    An ``OpsplanError`` raised where no ``run`` caught it is still the user's error, said as ``run`` says it.
    """
    if isinstance(error, OpsplanError):
        _traceback(error)
        say_error(say_in(error.language, SAID, "error", error=error))
        raise SystemExit(error.exit_code)
    from opsplan import __version__

    _traceback(error)
    said = " ".join(str(error).split())
    said = said if len(said) <= 200 else said[:199] + "…"
    kind = type(error).__qualname__
    say_error(say(SAID, "crashed", kind=kind, error=said, version=__version__, url=ISSUES))
    raise SystemExit(CRASHED)


def say_error(text: str) -> None:
    """Write ``text`` and a newline to stderr and flush it, as ``typer.echo(text, err=True)`` does.

    As typer's echo, it drops ANSI escape sequences (``ESC[…m``) unless stderr is a terminal.
    """
    stream = sys.stderr
    if stream is None:  # no stderr at all (pythonw): nothing to write to
        return
    text += "\n"
    if "\x1b" in text and not _is_terminal(stream):
        import re

        text = re.sub(r"\x1b\[[;?0-9]*[a-zA-Z]", "", text)
    stream.write(text)
    stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except Exception:  # a stream that cannot say is not a terminal
        return False


def debugging() -> bool:
    """Return whether tracebacks are asked for: ``--debug``, or ``OPSPLAN_DEBUG`` set to anything but 0/false/no/off."""
    flag = os.environ.get("OPSPLAN_DEBUG", "").strip().lower()
    return state.debug or flag not in ("", "0", "false", "no", "off")


def _traceback(error: BaseException) -> None:
    """Print ``error``'s traceback to stderr when --debug asked for it."""
    if debugging():
        import traceback

        sys.stderr.write("".join(traceback.format_exception(error)))
