"""The console script's own answer to a help line and to ``presets``, ``metrics``, ``schema`` and ``rules``.

Without typer: importing it (and the click it carries) was most of the ~80 ms of ``opsplan render --help`` or
``opsplan presets``, cold. ``answer`` reads the command line with the options of the help pages the wheel ships
(``cli_help_data``, read from the typer app when the wheel was built) as click would (``cli_fast.parse``):
``--help`` given as an option, before or after the command's other options and arguments, prints the page laid out
by ``cli_help.page_text``, the layout typer's path uses (``cli_help.help_page``); a listing command calls the body
its typer command calls (``cli_listing``). The output, streams, language and exit code are typer's.

A line it is not certain of goes to typer unchanged: no shipped pages (a checkout, another typer), an option it
does not know or given a value it takes none, a missing value, a bad ``--lang`` where typer would read it,
``--version`` with other arguments, no command (help on stderr, exit 2), an unknown command, arguments a listing
takes none of, ``OPSPLAN_NO_FAST_CLI``, shell completion, and standard output in ASCII (click writes UTF-8 there)
or on Windows (click's console streams).
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from opsplan.cli_fast import COMPLETION, NO_FAST, Option, Unsure, parse, read_lang, run_body

if TYPE_CHECKING:
    from opsplan.cli_help import Page

ROOT = "opsplan"
HELP = "help"
# each listing command's options: how typer reads a value (``cli_run.read_lang``; None: a flag) and the default
LISTS: dict[str, dict[str, tuple[Callable[[str], Any] | None, Any]]] = {
    "presets": {"locale": (read_lang, None), "lang": (read_lang, None)},
    "metrics": {"locale": (read_lang, None), "lang": (read_lang, None)},
    "schema": {"plan": (None, False), "lang": (read_lang, None)},
    "rules": {"lang": (read_lang, None)},
}


def answer(args: Sequence[str]) -> None:
    """Answer ``args`` (the command line after the program) and end with ``SystemExit``, or return to leave it."""
    if os.environ.get(NO_FAST) or os.environ.get(COMPLETION) or sys.platform == "win32" or _ascii_stdout():
        return
    from opsplan.cli_help_data import shipped_pages

    pages = shipped_pages()
    if pages is None:
        return
    try:
        read = _read(pages, args)
    except Unsure:
        return
    if read is not None:
        from opsplan.cli_run import state

        state.nothing_to_finish = True  # a page or a list printed: the console script ends at once
        run_body(args, *read)


def _ascii_stdout() -> bool:
    """Whether standard output is in ASCII: click then writes UTF-8 to its buffer, where Python would escape."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"  # what ``streams.guarded_streams`` keeps
    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return True


def _options(page: Page, lists: bool = False) -> list[Option]:
    """Return the options of ``page`` to parse a command line with; a value is read as the text given."""
    options = []
    for param in page["params"]:
        if param["kind"] != "option":
            continue
        if param["count"] or (not param["flag"] and param["nargs"] != 1) or (lists and param["envvar"]):
            raise Unsure(param["name"])  # none of ours: typer reads it
        read = None if param["flag"] else _text
        options.append(Option(param["name"], tuple(param["opts"]), read, off=tuple(param["secondary"])))
    return options


def _text(value: str) -> str:
    return value


def _read(pages: dict[str, Page], args: Sequence[str]) -> tuple[bool, str | None, Callable[[], None]] | None:
    """Return the root's ``--debug`` and ``--lang`` and what to do for ``args``, or None to leave it to typer."""
    root = pages[ROOT]
    given, rest = parse(_options(root), args, interspersed=False)
    if "version" in given:  # typer answers --version or --help, whichever comes first
        raise Unsure("--version")
    if given.get(HELP):  # eager: before the root's other options are read
        return False, None, _help(root)
    lang = None if given.get("lang") is None else read_lang(given["lang"])
    debug = bool(given.get("debug", False))
    if not rest or rest[0] not in root["commands"] or rest[0] not in pages:
        return None  # the root's help on stderr, or no such command: typer says it
    name = rest[0]
    page = pages[name]
    lists = LISTS.get(name)
    given, positional = parse(_options(page, lists is not None), rest[1:], interspersed=True)
    if given.get(HELP):
        return debug, lang, _help(page)
    if lists is None or positional:
        return None
    values = _values(page, lists, given)
    return debug, lang, lambda: _print_list(name, values)


def _values(page: Page, lists: dict[str, tuple[Callable[[str], Any] | None, Any]], given: dict[str, Any]) -> Any:
    """Return a listing command's parameters as its typer command receives them."""
    names = [param["name"] for param in page["params"] if param["name"] != HELP]
    if sorted(names) != sorted(lists) or any(param["kind"] != "option" for param in page["params"]):
        raise Unsure(page["key"])  # the pages and this table disagree: typer reads it
    values = {}
    for name, (read, default) in lists.items():
        value = given.get(name)
        values[name] = default if value is None else value if read is None else read(value)
    return values


def _help(page: Page) -> Callable[[], None]:
    def write() -> None:
        from opsplan.cli_help import page_text

        _echo(page_text(page).rstrip("\n"))  # as click's ``get_help``

    return write


def _print_list(name: str, values: dict[str, Any]) -> None:
    """Print what the listing command ``name`` prints, as its typer command prints it."""
    from opsplan import cli_listing

    said = getattr(cli_listing, name)(**values)
    if name == "rules":
        _echo(said, nl=False)
    elif isinstance(said, str):
        _echo(said)
    else:
        for line in said:
            _echo(line)


def _echo(text: str, nl: bool = True) -> None:
    """Write ``text`` (and a newline) to standard output and flush it, as ``typer.echo`` does here.

    As click's echo, ANSI escape sequences are dropped unless standard output is a terminal.
    """
    text = text + "\n" if nl else text
    if not text:
        sys.stdout.flush()
        return
    if "\x1b" in text and not sys.stdout.isatty():
        import re

        text = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", text)  # click's ``strip_ansi``
    sys.stdout.write(text)
    sys.stdout.flush()
