"""Usage errors (an unknown option, a missing argument, a bad value) said in our words, in the language of messages.

Click raises its usage errors with English text built in place. ``said`` reads what went wrong from the
error's own fields (the option, the parameter, the values offered) and says it again from ``USAGE``; the
numbers an option takes are read by ``whole_number`` and ``decimal``, which say what is wrong themselves.
A ``SaidUsageError`` prints the usage line, where to find help and the message, and exits with code 2.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

import typer

from opsplan.cli_run import SAID, OutOfRange, read_whole
from opsplan.i18n import Catalogue, listing, say

if TYPE_CHECKING:
    from typer._click import Context

# click's UsageError (the base of every usage error), whichever click this typer carries
UsageError: type[Exception] = typer.BadParameter.__mro__[1]

USAGE: Catalogue = {
    "try": ("Try '{command} --help' for help.", "用 '{command} --help' 查看帮助。"),
    "no_option": ("no such option: {option}", "没有这个选项：{option}"),
    "no_option.like": (
        "no such option: {option} (did you mean {options}?)",
        "没有这个选项：{option}（是不是想写 {options}？）",
    ),
    "needs_value": ("option {option} needs a value", "选项 {option} 后面要跟一个值"),
    "takes_no_value": ("option {option} takes no value", "选项 {option} 不带值"),
    "missing_argument": ("missing argument {name}", "缺少参数：{name}"),
    "missing_option": ("missing option {option}", "缺少选项：{option}"),
    "bad_value": ("invalid value for {name}: {problem}", "{name} 的值无效：{problem}"),
    "extra_arguments": ("unexpected extra argument(s): {args}", "多出了参数：{args}"),
    "no_command": (
        "no such command {name!r}; the commands are {names}",
        "没有 {name!r} 这个命令；可用的命令有：{names}",
    ),
    "no_command.like": (
        "no such command {name!r} (did you mean {names}?)",
        "没有 {name!r} 这个命令（是不是想写 {names}？）",
    ),
    "whole_number": ("{value!r} is not a whole number", "{value!r} 不是整数"),
    "out_of_range": ("{value} is not in {low}-{high}", "{value} 不在 {low}–{high} 之间"),
    "number": ("{value!r} is not a number", "{value!r} 不是数字"),
    "flag_value": (
        "{name}={value!r}: write 1 or 0 (true/false, yes/no, on/off)",
        "{name}={value!r}：请写 1 或 0（true/false、yes/no、on/off 也行）",
    ),
}


class SaidUsageError(typer.BadParameter):
    """A usage error in our words: shown as the usage line, where to find help and the message (exit code 2)."""

    def __init__(self, message: str, ctx: Context | None) -> None:
        super().__init__(message, ctx)

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the usage line, the hint and the message to standard error."""
        from opsplan.cli_help import usage_line

        lines = []
        if self.ctx is not None:
            lines = [usage_line(self.ctx), say(USAGE, "try", command=self.ctx.command_path), ""]
        lines.append(say(SAID, "error", error=self.message))
        typer.echo("\n".join(lines), err=True)


def _option_named(ctx: Context | None, option: str) -> Any:
    for param in ctx.command.get_params(ctx) if ctx is not None else []:
        if option in (*param.opts, *param.secondary_opts):
            return param
    return None


def _called(param: Any) -> str:
    """Return how a message names a parameter: its longest option, or an argument's name."""
    from opsplan.cli_help import value_name

    if param.param_type_name == "argument":
        return value_name(param, repeated=False)
    return str(max(param.opts, key=len))


def _message(error: Any, ctx: Context | None) -> str:
    """Say ``error`` again from its fields; a message of our own (a bad ``--lang``) is kept as it is."""
    param = getattr(error, "param", None)
    if hasattr(error, "possibilities"):  # no such option
        like = sorted(error.possibilities or [])
        if like:
            return say(USAGE, "no_option.like", option=error.option_name, options=listing(like))
        return say(USAGE, "no_option", option=error.option_name)
    if hasattr(error, "option_name"):  # an option given without its value, or a flag given one
        option = _option_named(ctx, error.option_name)
        flag = option is not None and option.is_flag
        return say(USAGE, "takes_no_value" if flag else "needs_value", option=error.option_name)
    if hasattr(error, "param_type") and param is not None:  # a required parameter not given
        if param.param_type_name == "argument":
            return say(USAGE, "missing_argument", name=_called(param))
        return say(USAGE, "missing_option", option=_called(param))
    if param is not None:
        problem = error.message
        if getattr(param, "is_flag", False) and param.envvar:  # a flag read from its env var
            value = os.environ.get(param.envvar, "")
            problem = say(USAGE, "flag_value", name=param.envvar, value=value)
        return say(USAGE, "bad_value", name=_called(param), problem=problem)
    return str(error.message)


def said(error: Exception, ctx: Context | None) -> Exception:
    """Return ``error`` (a click usage error) as a ``SaidUsageError``; help asked for by no arguments stays."""
    if isinstance(error, SaidUsageError) or type(error).__name__ == "NoArgsIsHelpError":
        return error
    where = getattr(error, "ctx", None) or ctx
    return SaidUsageError(_message(error, where), where)


def extra_arguments(ctx: Context, args: Sequence[str]) -> SaidUsageError:
    """Return the error for arguments a command does not take."""
    return SaidUsageError(say(USAGE, "extra_arguments", args=" ".join(args)), ctx)


def unknown_command(ctx: Context, name: str, names: Sequence[str]) -> SaidUsageError:
    """Return the error for a command that does not exist, with the ones its name is close to."""
    from difflib import get_close_matches

    like = get_close_matches(name, names)
    if like:
        return SaidUsageError(say(USAGE, "no_command.like", name=name, names=listing(like)), ctx)
    return SaidUsageError(say(USAGE, "no_command", name=name, names=listing(names)), ctx)


def whole_number(low: int | None = None, high: int | None = None) -> Callable[[Any], int]:
    """Return a reader of an option's whole number, at least ``low`` and at most ``high`` when given."""

    def read(value: Any) -> int:
        try:
            return read_whole(value, low, high)
        except OutOfRange as error:
            raise typer.BadParameter(say(USAGE, "out_of_range", value=error.number, low=low, high=high)) from None
        except ValueError:
            raise typer.BadParameter(say(USAGE, "whole_number", value=value)) from None

    return read


def decimal(value: Any) -> float:
    """Read an option's number (``0.05``)."""
    try:
        return value if isinstance(value, float) else float(str(value).strip())
    except ValueError:
        raise typer.BadParameter(say(USAGE, "number", value=value)) from None
