"""The console script's own reading of an ordinary ``render`` or ``check`` command line, without typer.

Importing typer (and the click inside it), building the command and parsing the line cost 44 ms of CPU, of which
this module and what it imports, needed by the command anyway, take 16: without typer a cold process uses 20–24 ms
less CPU (render md+docx 426 → 404 ms, check of a profile 264 → 244, of a DOCX 143 → 119). ``read_line`` reads the
command lines people type as click would (``--debug`` and ``--lang`` before the command; after it the command's
options and paths in any order, ``-f md``, ``-fmd``, ``--format=md``, a repeated ``--ignore``, ``--`` before paths
that start with a dash, ``OPSPLAN_PAGE_NUMBERS``) and returns the parameters the typer command would be called with;
``run_line`` calls the same body (``cli_actions``) the way ``opsplan.cli.main`` does, with the same streams,
signals, language and exit codes. A line it is not certain of (``--help``, an option it does not know or one given a
value it takes none, a missing or bad value, a bad ``--lang``, no path, typer's shell completion) gives ``None``:
the console script hands it to typer unchanged, so every help page and usage error stays typer's.

``COMMANDS`` and ``ROOT`` must say what the typer commands take; ``tests/test_cli_fast.py`` compares them with
the commands' click parameters and parses a corpus of lines both ways. ``OPSPLAN_NO_FAST_CLI=1`` (any value but
empty) sends every command line to typer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from opsplan.cli_run import read_whole
from opsplan.errors import Record
from opsplan.i18n import parse_lang

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

NO_FAST = "OPSPLAN_NO_FAST_CLI"
COMPLETION = "_OPSPLAN_COMPLETE"  # typer's shell completion for a program named opsplan
# how click reads a flag from its environment variable (``BoolParamType``), after strip() and lower()
FLAG_WORDS = {
    **dict.fromkeys(("1", "yes", "true", "on", "t", "y"), True),
    **dict.fromkeys(("0", "no", "false", "off", "f", "n", ""), False),
}


class Unsure(Exception):
    """A command line typer would refuse, or might read otherwise: it goes to typer."""


def _text(value: str) -> str:
    return value


def _path(value: str) -> Path:
    """Read a path as typer's path type does: one that exists must be readable."""
    from pathlib import Path  # render's paths, which it reads as Paths; check takes the text (``_path_text``)

    return Path(_path_text(value))


def _path_text(value: str) -> str:
    """Read a path as ``_path`` does and return it as typed: ``check`` reads it as ``Path`` would, with no pathlib."""
    try:
        os.stat(value)
    except OSError:
        return value
    if not os.access(value, os.R_OK):
        raise Unsure(value)
    return value


def _whole(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """Return a reader of a whole number, as ``cli_usage.whole_number(low, high)`` reads it (``read_whole``)."""

    def read(value: str) -> int:
        try:
            return read_whole(value, low, high)
        except ValueError:  # not a whole number, or out of bounds: typer says which
            raise Unsure(value) from None

    return read


def read_lang(value: str) -> str:
    """Read ``--lang`` as ``cli_run.read_lang`` does."""
    try:
        return parse_lang(value)
    except ValueError:
        raise Unsure(value) from None


class Option(Record):
    """One option of a command, as its typer parameter declares it.

    ``read`` reads a value (a flag has none); ``default`` is the value when it is not given, read by ``read`` as
    typer reads a default (so ``-o``'s ``.`` must be readable too); ``off`` names what sets a flag to False.
    """

    __slots__ = ()
    _fields = ("name", "opts", "read", "default", "off", "multiple", "envvar")
    name: str
    opts: tuple[str, ...]
    read: Callable[[str], Any] | None
    default: Any
    off: tuple[str, ...]
    multiple: bool
    envvar: str | None

    def __new__(
        cls,
        name: str,
        opts: tuple[str, ...],
        read: Callable[[str], Any] | None = None,
        default: Any = None,
        off: tuple[str, ...] = (),
        multiple: bool = False,
        envvar: str | None = None,
    ) -> Option:
        """Return the option ``name``, given as ``opts``."""
        return tuple.__new__(cls, (name, opts, read, default, off, multiple, envvar))


class Command(Record):
    """A command the fast path runs: its options and its one argument, the paths (one or more) ``read`` reads."""

    __slots__ = ()
    _fields = ("options", "argument", "read")
    options: tuple[Option, ...]
    argument: str
    read: Callable[[str], Any]

    def __new__(
        cls, options: tuple[Option, ...], argument: str = "paths", read: Callable[[str], Any] = _path
    ) -> Command:
        """Return the command of ``options`` and the argument named ``argument``."""
        return tuple.__new__(cls, (options, argument, read))


LANG = Option("lang", ("--lang",), read_lang)
ROOT = (Option("debug", ("--debug",), default=False), LANG)  # --version and --help go to typer
COMMANDS = {
    "render": Command(
        (
            Option("formats", ("--format", "-f"), _text, "md,docx"),
            Option("out", ("--out", "-o"), _path, "."),
            Option("jobs", ("--jobs", "-j"), _whole(1, 64), "1"),
            Option("templates", ("--templates",), _path),
            Option("reference_docx", ("--reference-docx",), _path),
            Option("reference_pptx", ("--reference-pptx",), _path),
            Option("charts", ("--charts",), default=False),
            Option("toc_depth", ("--toc-depth",), _whole(), "2"),
            Option("force", ("--force",), default=False),
            Option("summary", ("--summary",), default=False),
            Option("allow_extends_outside", ("--allow-extends-outside",), default=False),
            Option("draft", ("--draft",), default=False),
            Option("page_numbers", ("--page-numbers",), off=("--no-page-numbers",), envvar="OPSPLAN_PAGE_NUMBERS"),
            LANG,
        )
    ),
    "check": Command(
        (
            Option("strict", ("--strict",), default=False),
            Option("output_format", ("--format",), _text, "text"),
            Option("ignore", ("--ignore",), _text, multiple=True),
            Option("allow_extends_outside", ("--allow-extends-outside",), default=False),
            LANG,
        ),
        read=_path_text,  # the text typed: ``check.run.check_file`` reads it as typer's Path would
    ),
}


class Line(Record):
    """A command line read: the command, its parameters by name, and the root's ``--debug`` and ``--lang``."""

    __slots__ = ()
    _fields = ("command", "params", "debug", "lang", "args")
    command: str
    params: dict[str, Any]
    debug: bool
    lang: str | None
    args: Sequence[str]

    def __new__(cls, command: str, params: dict[str, Any], debug: bool, lang: str | None, args: Sequence[str]) -> Line:
        """Return the line of ``command`` with ``params`` and the root's options."""
        return tuple.__new__(cls, (command, params, debug, lang, args))


def read_line(args: Sequence[str]) -> Line | None:
    """Return ``args`` (the command line after the program) read as typer would, or None to leave it to typer."""
    if os.environ.get(NO_FAST) or os.environ.get(COMPLETION):
        return None
    try:
        given, rest = parse(ROOT, args, interspersed=False)
        root = _values(ROOT, given)
        command = COMMANDS.get(rest[0]) if rest else None
        if command is None:
            return None
        given, paths = parse(command.options, rest[1:], interspersed=True)
        if not paths:
            return None
        params = {command.argument: [command.read(path) for path in paths], **_values(command.options, given)}
    except Unsure:
        return None
    return Line(rest[0], params, root["debug"], root["lang"], args)


def _names(options: Sequence[Option], short: bool) -> dict[str, tuple[Option, bool]]:
    """Return each option's names (short ones: ``-f``, or long ones) and whether the name sets a flag on."""
    names = {}
    for option in options:
        for name, on in [(n, True) for n in option.opts] + [(n, False) for n in option.off]:
            if (len(name) == 2 and name[1] != "-") == short:
                names[name] = (option, on)
    return names


def parse(options: Sequence[Option], args: Sequence[str], interspersed: bool) -> tuple[dict[str, Any], list[str]]:
    """Return what ``args`` give each option (a flag's True or False, a value, or a list of them) and the rest.

    As click's parser: a long option takes ``=value`` or the next argument, whatever it is; ``-fmd`` is ``-f md``;
    ``--`` ends the options. Without ``interspersed`` (the root) the first argument that is no option ends them.
    """
    longs, shorts = _names(options, short=False), _names(options, short=True)
    given: dict[str, Any] = {}
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--":
            if not interspersed:  # click reads the command after it; rare enough to leave to typer
                raise Unsure(arg)
            rest += args[index:]
            break
        if arg[:1] != "-" or len(arg) == 1:
            if not interspersed:
                return given, list(args[index - 1 :])
            rest.append(arg)
            continue
        name, equals, attached = arg.partition("=")
        if name in longs:
            option, on = longs[name]
            if option.read is None and equals:
                raise Unsure(arg)  # a flag given a value
            if option.read is None or equals:
                _give(given, option, on if option.read is None else attached)
                continue
            index = _give_next(given, option, args, index)
            continue
        if arg[:2] == "--":
            raise Unsure(arg)
        for at in range(1, len(arg)):  # a cluster of short options: -j2, -fmd
            option, on = shorts.get("-" + arg[at]) or _unknown(arg)
            if option.read is None:
                _give(given, option, on)
            elif at + 1 < len(arg):
                _give(given, option, arg[at + 1 :])
                break
            else:
                index = _give_next(given, option, args, index)
    return given, rest


def _unknown(arg: str) -> tuple[Option, bool]:
    raise Unsure(arg)


def _give_next(given: dict[str, Any], option: Option, args: Sequence[str], index: int) -> int:
    """Give ``option`` the argument at ``index``; return the index after it."""
    if index >= len(args):
        raise Unsure(option.name)  # an option with no value after it
    _give(given, option, args[index])
    return index + 1


def _give(given: dict[str, Any], option: Option, value: Any) -> None:
    if option.multiple:
        given.setdefault(option.name, []).append(value)
    else:
        given[option.name] = value  # the last one counts, as in click


def _values(options: Sequence[Option], given: dict[str, Any]) -> dict[str, Any]:
    """Return each option's value as the typer command receives it: given, else from its env var, else default."""
    values = {}
    for option in options:
        value = given.get(option.name)
        from_env = os.environ.get(option.envvar) if option.envvar else None
        if value is None and from_env:
            if option.multiple:
                raise Unsure(from_env)  # split as click would: none of ours has one
            value = from_env if option.read else _flag_word(from_env)
        if option.read is None:
            values[option.name] = option.default if value is None else value
        elif option.multiple:
            values[option.name] = [option.read(item) for item in value] if value else option.default
        else:
            value = option.default if value is None else value
            values[option.name] = None if value is None else option.read(value)
    return values


def _flag_word(value: str) -> bool:
    """Read a flag's env var as click does: 1/0, true/false, yes/no, on/off, t/f, y/n."""
    flag = FLAG_WORDS.get(value.strip().lower())
    if flag is None:
        raise Unsure(value)
    return flag


def run_line(line: Line) -> None:
    """Run ``line`` as ``opsplan.cli.main`` runs it through typer; end with ``SystemExit`` and the command's code."""

    def body() -> None:
        from opsplan import cli_actions

        getattr(cli_actions, line.command)(**line.params)

    run_body(line.args, line.debug, line.lang, body)


def run_body(args: Sequence[str], debug: bool, lang: str | None, body: Callable[[], None]) -> None:
    """Run a command's ``body`` as ``opsplan.cli.main`` runs the command of ``args`` through typer.

    The same streams, signals, language (``--lang`` anywhere on ``args``), root options and exit codes; ends with
    ``SystemExit``.
    """
    from opsplan.errors import stop_on_signals
    from opsplan.streams import guarded_streams

    stop_on_signals()
    with guarded_streams():
        _invoke(args, debug, lang, body)


def _invoke(args: Sequence[str], debug: bool, lang: str | None, body: Callable[[], None]) -> None:
    """Call ``body`` in the language of the line; end as typer's ``main`` ends a command."""
    import errno

    from opsplan.cli_run import crashed, say_error, state
    from opsplan.i18n import language_on_line, use

    with use(language_on_line(args)):  # as cli_group.OpsplanGroup.main
        try:
            try:
                state.debug, state.lang = debug, lang  # as cli._root
                body()
            except EOFError:  # what typer's main does with each of these
                say_error("")
                say_error("Aborted!")
                raise SystemExit(1) from None
            except KeyboardInterrupt:
                raise SystemExit(130) from None
            except OSError as error:
                if error.errno == errno.EPIPE:
                    raise SystemExit(1) from None
                raise
        except Exception as error:
            crashed(error)
    raise SystemExit(0)
