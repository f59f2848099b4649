"""The help pages of opsplan and its commands, written in the language of messages.

The words come from ``cli_help_texts``; the layout is click's (usage line, description, then arguments, options
and commands as two columns), measured in terminal cells so that Chinese text lines up and wraps between
characters, never inside a Latin word or an option (``terminal_text``). The width is the terminal's, at most 80
columns.
"""

from __future__ import annotations

import shutil
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


def command_key(ctx: Context) -> str:
    """Return the name ``HELP`` files a command under: its own, or ``opsplan`` for the root."""
    return ctx.command.name if ctx.parent is not None and ctx.command.name else ROOT


def help_of(command: str, parameter: str | None = None) -> str:
    """Return the help of ``command``, or of its ``parameter`` (a shared ``*.parameter`` when it has none)."""
    if parameter is None:
        return say(HELP, command)
    key = f"{command}.{parameter}"
    return say(HELP, key if key in HELP else f"*.{parameter}")


def value_name(param: Any, repeated: bool = True) -> str:
    """Return what the help calls an option's value or an argument: ``FOLDER``, ``档案...``.

    The dots of an argument that takes several values are left out unless ``repeated``.
    """
    name = say(WORDS, f"meta.{param.metavar}")
    return f"{name}..." if repeated and param.nargs == -1 else name


def width() -> int:
    """Return the width help is wrapped to: the terminal's (``COLUMNS`` first), at most 80 columns, less 2."""
    return max(min(shutil.get_terminal_size().columns, 80) - 2, 40)


def _is_group(ctx: Context) -> bool:
    return hasattr(ctx.command, "list_commands")


def usage_line(ctx: Context) -> str:
    """Return ``Usage: opsplan render [OPTIONS] PROFILE...`` in the language of messages, wrapped."""
    pieces = [say(WORDS, "options")]
    for param in ctx.command.get_params(ctx):
        if param.param_type_name == "argument":
            name = value_name(param)
            pieces.append(name if param.required else f"[{name}]")
    if _is_group(ctx):
        pieces.append(say(WORDS, "command_args"))
    prefix = f"{say(WORDS, 'usage')}{ctx.command_path} "
    lines = wrap(" ".join(pieces), width() - cells(prefix))
    return "\n".join([prefix + lines[0], *(" " * cells(prefix) + line for line in lines[1:])])


def _shown_default(param: Any) -> str:
    if not param.show_default or param.default is None:  # a flag pair with no default: neither is assumed
        return ""
    if getattr(param, "is_flag", False):  # a flag shows its default only when it has an opposite
        return str((param.opts if param.default else param.secondary_opts or [""])[0])
    if param.default in ("", [], ()):
        return ""
    return str(param.default)


def _described(command: str, param: Any) -> tuple[str, str]:
    """Return a parameter's help, and its env var, default and whether it is required (``default: 1``)."""
    extra = []
    if getattr(param, "envvar", None) and param.param_type_name == "option":
        extra.append(say(WORDS, "envvar", name=param.envvar))
    default = _shown_default(param)
    if default:
        extra.append(say(WORDS, "default", value=default))
    if param.required:
        extra.append(say(WORDS, "required"))
    return help_of(command, param.name), say(WORDS, "extra.join").join(extra)


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


def _names(param: Any) -> str:
    """Return an option's names and value (``-o, --out FOLDER``), or an argument's name."""
    if param.param_type_name == "argument":
        return value_name(param)
    names = ", ".join(sorted(param.opts, key=lambda opt: len(opt) - len(opt.lstrip("-"))))
    if not param.is_flag:
        names += f" {value_name(param)}"
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
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
    total = width()
    key = command_key(ctx)
    page = [usage_line(ctx), "", *(" " * INDENT + line for line in wrap(help_of(key), total - INDENT))]
    params = [param for param in ctx.command.get_params(ctx) if not getattr(param, "hidden", False)]
    sections = [
        ("heading.arguments", [(_names(p), *_described(key, p)) for p in params if p.param_type_name == "argument"]),
        ("heading.options", [(_names(p), *_described(key, p)) for p in params if p.param_type_name == "option"]),
    ]
    if _is_group(ctx):
        names = ctx.command.list_commands(ctx)  # type: ignore[attr-defined]
        sections.append(("heading.commands", [(name, help_of(name), "") for name in names]))
        codes = [("0", "exit.0"), ("1", "exit.1"), ("2", "exit.2"), ("70", "exit.70"), ("72", "exit.72")]
        codes.append(("130/143/129", "exit.signal"))
        sections.append(("heading.exit", [(code, say(WORDS, key), "") for code, key in codes]))
    for heading, rows in sections:
        if rows:
            page += ["", say(WORDS, heading), *_columns(rows, total)]
    return "\n".join(page)
