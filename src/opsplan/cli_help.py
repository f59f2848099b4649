"""The help pages of opsplan and its commands, written in the language of messages.

The words come from ``cli_help_texts``; the layout is click's (usage line, description, then arguments, options
and commands as two columns), measured in terminal cells so that Chinese text lines up and wraps between
characters, never inside a Latin word or an option (``terminal_text``). The width is the terminal's, at most 80
columns.

A page is laid out from plain data (``Page``, ``Param``: names, value names, defaults …) that ``page_data`` reads
from the typer app's click objects. The console script answers ``--help`` without typer from the same data, which
the wheel ships as read from the app at build time (``cli_help_data``): one layout, one source, either way.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from opsplan.cli_help_texts import HELP, WORDS
from opsplan.i18n import say
from opsplan.terminal_text import cells, wrap

if TYPE_CHECKING:
    from typer._click import Context

ROOT = "opsplan"
INDENT = 2
FIRST_COLUMN = 30  # names wider than this put their help on the next line
GAP = 2
EXIT_CODES = (("0", "exit.0"), ("1", "exit.1"), ("2", "exit.2"), ("70", "exit.70"), ("72", "exit.72"))

# One parameter of a command as its help describes it, and as the console script parses it (``cli_fast_help``):
# kind (``argument``/``option``), name, opts, secondary (``--no-…``), metavar, nargs, required, flag, count,
# envvar, default (as shown, ``""`` for none), hidden. Plain values only: the wheel ships them marshalled.
Param = dict[str, Any]
# One help page: path (``opsplan render``), key (the name ``HELP`` files it under), params, commands (a group's).
Page = dict[str, Any]


def command_key(ctx: Context) -> str:
    """Return the name ``HELP`` files a command under: its own, or ``opsplan`` for the root."""
    return ctx.command.name if ctx.parent is not None and ctx.command.name else ROOT


def help_of(command: str, parameter: str | None = None) -> str:
    """Return the help of ``command``, or of its ``parameter`` (a shared ``*.parameter`` when it has none)."""
    if parameter is None:
        return say(HELP, command)
    key = f"{command}.{parameter}"
    return say(HELP, key if key in HELP else f"*.{parameter}")


def _value_name(metavar: str | None, nargs: int, repeated: bool = True) -> str:
    name = say(WORDS, f"meta.{metavar}")
    return f"{name}..." if repeated and nargs == -1 else name


def value_name(param: Any, repeated: bool = True) -> str:
    """Return what the help calls a click option's value or argument: ``FOLDER``, ``档案...``.

    The dots of an argument that takes several values are left out unless ``repeated``.
    """
    return _value_name(param.metavar, param.nargs, repeated)


def width() -> int:
    """Return the width help is wrapped to: the terminal's (``COLUMNS`` first), at most 80 columns, less 2.

    The terminal's width as ``shutil.get_terminal_size()`` reads it (``COLUMNS``, else standard output's terminal,
    else 80), without importing ``shutil`` (and the compression modules it imports).
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(min(columns, 80) - 2, 40)


def _shown_default(param: Any) -> str:
    if not param.show_default or param.default is None:  # a flag pair with no default: neither is assumed
        return ""
    if getattr(param, "is_flag", False):  # a flag shows its default only when it has an opposite
        return str((param.opts if param.default else param.secondary_opts or [""])[0])
    if param.default in ("", [], ()):
        return ""
    return str(param.default)


def parameter_data(param: Any) -> Param:
    """Return what the help and the console script need of a click parameter, as plain values."""
    option = param.param_type_name == "option"
    return {
        "kind": str(param.param_type_name),
        "name": str(param.name),
        "opts": [str(opt) for opt in param.opts],
        "secondary": [str(opt) for opt in param.secondary_opts],
        "metavar": param.metavar if param.metavar is None else str(param.metavar),
        "nargs": int(param.nargs),
        "required": bool(param.required),
        "flag": bool(getattr(param, "is_flag", False)),
        "count": bool(getattr(param, "count", False)),
        "envvar": str(param.envvar) if option and param.envvar else None,
        "default": _shown_default(param),
        "hidden": bool(getattr(param, "hidden", False)),
    }


def page_data(ctx: Context) -> Page:
    """Return what the help page of the command of ``ctx`` is laid out from, as plain values."""
    group = hasattr(ctx.command, "list_commands")
    return {
        "path": str(ctx.command_path),
        "key": command_key(ctx),
        "params": [parameter_data(param) for param in ctx.command.get_params(ctx)],
        "commands": [str(name) for name in ctx.command.list_commands(ctx)] if group else None,  # type: ignore[attr-defined]
    }


def usage_line(ctx: Context) -> str:
    """Return ``Usage: opsplan render [OPTIONS] PROFILE...`` in the language of messages, wrapped."""
    return usage_text(page_data(ctx))


def usage_text(page: Page) -> str:
    """Return the usage line of ``page`` in the language of messages, wrapped."""
    pieces = [say(WORDS, "options")]
    for param in page["params"]:
        if param["kind"] == "argument":
            name = _value_name(param["metavar"], param["nargs"])
            pieces.append(name if param["required"] else f"[{name}]")
    if page["commands"] is not None:
        pieces.append(say(WORDS, "command_args"))
    prefix = f"{say(WORDS, 'usage')}{page['path']} "
    lines = wrap(" ".join(pieces), width() - cells(prefix))
    return "\n".join([prefix + lines[0], *(" " * cells(prefix) + line for line in lines[1:])])


def _described(command: str, param: Param) -> tuple[str, str]:
    """Return a parameter's help, and its env var, default and whether it is required (``default: 1``)."""
    extra = []
    if param["envvar"]:
        extra.append(say(WORDS, "envvar", name=param["envvar"]))
    if param["default"]:
        extra.append(say(WORDS, "default", value=param["default"]))
    if param["required"]:
        extra.append(say(WORDS, "required"))
    return help_of(command, param["name"]), say(WORDS, "extra.join").join(extra)


def _wrapped(text: str, extra: str, text_width: int) -> list[str]:
    """Wrap a help text; its ``[default: …]`` goes after it when it fits there, else whole on the next line."""
    lines = wrap(text, text_width) if text else [""]
    if extra:
        after = say(WORDS, "described", text=lines[-1], extra=extra)
        if cells(after) <= text_width:
            lines[-1] = after
        else:
            lines += wrap(say(WORDS, "described", text="", extra=extra).strip(), text_width)
    return lines


def _names(param: Param) -> str:
    """Return an option's names and value (``-o, --out FOLDER``), or an argument's name."""
    if param["kind"] == "argument":
        return _value_name(param["metavar"], param["nargs"])
    names = ", ".join(sorted(param["opts"], key=lambda opt: len(opt) - len(opt.lstrip("-"))))
    if not param["flag"]:
        names += f" {_value_name(param['metavar'], param['nargs'])}"
    if param["secondary"]:
        names += " / " + ", ".join(param["secondary"])
    return names


def _columns(rows: list[tuple[str, str, str]], total: int) -> list[str]:
    """Lay out ``(name, help, extra)`` rows in two columns, the help wrapped in its column."""
    column = max((cells(name) for name, _, _ in rows if cells(name) <= FIRST_COLUMN), default=FIRST_COLUMN)
    text_width = max(total - INDENT - column - GAP, 20)
    pad = " " * (INDENT + column + GAP)
    lines = []
    for name, text, extra in rows:
        wrapped = _wrapped(text, extra, text_width)
        if cells(name) > column:
            lines.append(" " * INDENT + name)
            lines.extend(pad + line for line in wrapped)
        else:
            lines.append(" " * INDENT + name + " " * (column - cells(name) + GAP) + wrapped[0])
            lines.extend(pad + line for line in wrapped[1:])
    return [line.rstrip() for line in lines]


def help_page(ctx: Context) -> str:
    """Return the help page of the command of ``ctx`` in the language of messages."""
    return page_text(page_data(ctx))


def page_text(page: Page) -> str:
    """Return the help page laid out from ``page`` in the language of messages."""
    total = width()
    key = page["key"]
    lines = [usage_text(page), "", *(" " * INDENT + line for line in wrap(help_of(key), total - INDENT))]
    params = [param for param in page["params"] if not param["hidden"]]
    sections = [
        ("heading.arguments", [(_names(p), *_described(key, p)) for p in params if p["kind"] == "argument"]),
        ("heading.options", [(_names(p), *_described(key, p)) for p in params if p["kind"] == "option"]),
    ]
    if page["commands"] is not None:
        sections.append(("heading.commands", [(name, help_of(name), "") for name in page["commands"]]))
        codes = [(code, say(WORDS, word), "") for code, word in EXIT_CODES]
        sections.append(("heading.exit", [*codes, ("130/143/129", say(WORDS, "exit.signal"), "")]))
    for heading, rows in sections:
        if rows:
            lines += ["", say(WORDS, heading), *_columns(rows, total)]
    return "\n".join(lines)
