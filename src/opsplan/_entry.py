"""The ``opsplan`` console script (and ``python -m opsplan``): ``render`` and ``check`` without typer, the end at once.

Importing typer (and the click inside it) costs several times Python's own start-up: the whole cost of printing
the version, and 20–24 ms of CPU of a cold ``render`` or ``check``. ``main`` prints the version itself when it
is the only argument, and reads an ordinary ``render`` or ``check`` command line itself (``cli_fast``: it calls
the body the typer command calls, with the same parameters, streams, signals and exit codes), and a help line or
``presets``, ``metrics``, ``schema`` and ``rules`` in a wheel install (``cli_fast_help``, from the help pages read
from the typer app when the wheel was built). Every other command line, a usage error and anything these are not
certain of included, goes to ``opsplan.cli.main`` unchanged. The output and exit code are the same either way.

When a command that leaves nothing to finish has ended (``cli_run.State.nothing_to_finish``: ``check``, and
``render`` once its files are written or refused), the process exits without the interpreter's teardown, which
frees every object of every module one by one: about 37 ms of CPU after a check of a profile (of 337), 18 ms
after a check of a DOCX, with ~330 modules loaded, and 60–70 ms of wall time after a render of md+docx (whose
garbage ``gcpace``'s few collections left for the end). The ``atexit`` functions are run and the output flushed
first, as the interpreter does; a stop signal meanwhile ends the process at once, with the command's exit code.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # not ``signal``: its enums cost more than what it is used for
import atexit
import contextlib
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from typing import NoReturn


def main() -> None:
    """Run the ``opsplan`` command line, with fast paths for a lone ``--version`` and for ``render`` and ``check``."""
    try:
        from opsplan.gcpace import set_pace

        set_pace()  # before the imports: they allocate most of what lives to the end
        _shipped_patterns()
        _stop_while_starting()
        _main()
    except KeyboardInterrupt as stop:  # Ctrl-C or a stop signal while it starts, before a command's handler
        # exits as guarded_streams ends a start-up interrupt: 130, or 128 + the stop signal, no traceback
        raise SystemExit(getattr(stop, "exit_code", 130)) from None


def _shipped_patterns() -> None:
    """Let ``re`` build the patterns the wheel ships compiled instead of compiling them (``opsplan.retable``).

    Here, before the imports that compile most of them, and only here: a library user's ``re`` stays untouched.
    """
    from opsplan.retable import install

    install()


class _StoppedWhileStarting(KeyboardInterrupt):
    """SIGTERM or SIGHUP before the command set its handler (``errors.stop_on_signals``): exit 128 + N quietly."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


def _stop_while_starting() -> None:
    """Make SIGTERM and SIGHUP unwind as Ctrl-C does until the command sets its own handler for them.

    Their default action killed the process on the spot, silently and with no exit code (-15 to a caller), in the
    30 ms or so of imports before ``errors.stop_on_signals`` (which would cost importing ``errors`` here, and its
    ``dataclasses``, for ``--version`` too). No file is open for writing then, so ending at once is safe.
    """

    def stopped(signum: int, frame: object) -> None:
        raise _StoppedWhileStarting(signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(_signal, name, None)
        if number is not None and _is_default(_signal.getsignal(number)):  # one ignored (nohup) stays so
            _signal.signal(number, stopped)


def _is_default(handler: object) -> bool:
    """Whether ``handler`` (a function, or ``SIG_DFL``/``SIG_IGN`` as ``_signal`` gives them: ints) is the default."""
    return isinstance(handler, int) and handler == _signal.SIG_DFL


def _main() -> None:
    if sys.argv[1:] == ["--version"]:
        from opsplan import __version__
        from opsplan.streams import guarded_streams

        with guarded_streams():
            sys.stdout.write(f"opsplan {__version__}\n")
    # pydantic looks for plugins (an entry-point scan) when it builds the first model; opsplan uses none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from opsplan.cli_fast import read_line, run_line
    from opsplan.cli_run import state

    line = read_line(sys.argv[1:])
    try:
        if line is None:
            from opsplan.cli_fast_help import answer

            answer(sys.argv[1:])  # a help line, presets, metrics, schema, rules: ends here when it answers
            from opsplan.cli import main as cli_main

            cli_main()
        else:
            run_line(line)
    except SystemExit as stop:
        if state.nothing_to_finish:
            _exit_at_once(stop.code)
        raise


def _exit_at_once(code: object) -> NoReturn:
    """Exit with ``code`` as ``SystemExit`` would, without tearing the interpreter down."""
    status = code if isinstance(code, int) else 0 if code is None else 1
    _end_on_stop_signals(status)
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


def _end_on_stop_signals(status: int) -> None:
    """Make Ctrl-C, SIGTERM and SIGHUP end the process at once with ``status``: the command has ended.

    Their handler raised ``Stopped`` or ``KeyboardInterrupt`` wherever the process was, which in an ``atexit``
    function printed a traceback after a command that had succeeded, and between two flushes ended with one.
    """

    def end(signum: int, frame: object) -> None:
        os._exit(status)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(_signal, name):
            _signal.signal(getattr(_signal, name), end)
