"""What every command shares: the root options, reading ``--lang``, and the one handler of ``OpsplanError``.

The handler turns an error into one message and its exit code.
An error is said with the ``error:`` of the language its message is in (a Chinese profile's errors are Chinese
whatever the shell's language).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from opsplan.errors import OpsplanError, Stopped
from opsplan.i18n import Catalogue, parse_lang, say, say_in, use

T = TypeVar("T")

SAID: Catalogue = {
    "error": ("error: {error}", "错误：{error}"),
    "stopped": ("stopped", "已停止"),
    "interrupted": ("interrupted", "已中断"),
}


class State:
    """The root options of this invocation: --debug and --lang."""

    debug = False
    lang: str | None = None


state = State()


def read_lang(value: str | None) -> str | None:
    """Check a ``--lang`` value: zh-CN or en (zh and en-US are read too)."""
    if value is None:
        return None
    try:
        return parse_lang(value)
    except ValueError:
        from opsplan.io_messages import iomsg

        raise typer.BadParameter(iomsg("lang.bad", value=value)) from None


def in_terminal() -> bool:
    """Return whether questions can be asked: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def run(action: Callable[[], T], lang: str | None = None) -> T:
    """Call ``action`` in the chosen language; turn an ``OpsplanError`` into one message and its exit code."""
    with use(lang or state.lang):
        try:
            return action()
        except OpsplanError as error:
            if state.debug:
                raise
            typer.echo(say_in(error.language, SAID, "error", error=error), err=True)
            raise typer.Exit(error.exit_code) from None
        except OSError as error:  # a path the system refuses (a name too long …) that no reader caught first
            if state.debug:
                raise
            where = f"{error.filename}: " if error.filename is not None else ""
            typer.echo(say(SAID, "error", error=where + (error.strerror or str(error))), err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM/SIGHUP (``Stopped``): files were left whole
            typer.echo(say(SAID, "stopped" if isinstance(stop, Stopped) else "interrupted"), err=True)
            raise typer.Exit(getattr(stop, "exit_code", 130)) from None
