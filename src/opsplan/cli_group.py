"""The click classes behind opsplan's typer app: help and usage errors said in our words, commands built lazily.

``OpsplanGroup`` (the root) reads ``--lang`` from the whole command line before parsing, so the help and the
usage errors follow ``--lang`` even after ``--help``, then ``OPSPLAN_LANG``, then the locale (``i18n``). It knows
its commands by name and the module each is defined in (``modules``) and imports and builds one only when the
command line names it: ``opsplan --help`` builds none, ``opsplan render …`` builds ``render`` alone.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup

from opsplan.cli_usage import UsageError, extra_arguments, said, unknown_command
from opsplan.i18n import language_on_line, use

if TYPE_CHECKING:
    from typer._click import Command as ClickCommand
    from typer._click import Context, HelpFormatter


class _HelpInOurWords:
    """Help pages and usage lines from ``cli_help``, in the language of messages."""

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Write the usage line in the language of messages."""
        from opsplan.cli_help import usage_line

        formatter.write(usage_line(ctx) + "\n")

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Write the help page in the language of messages."""
        from opsplan.cli_help import help_page

        formatter.write(help_page(ctx) + "\n")


class OpsplanCommand(_HelpInOurWords, TyperCommand):
    """One opsplan command: its help and its usage errors in our words."""

    allow_extra_args = True  # said by ``parse_args`` in our words instead of click's

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Parse the command line; a usage error is said again in the language of messages."""
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as error:
            raise said(error, ctx) from None
        if rest and not ctx.resilient_parsing:
            raise extra_arguments(ctx, rest)
        return rest


class OpsplanGroup(_HelpInOurWords, TyperGroup):
    """The root: chooses the language from the command line and builds each command when it is named."""

    modules: ClassVar[dict[str, str]] = {}  # command name: the module that defines it as a function of that name

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line in the language it names with ``--lang`` (wherever it stands), if any."""
        line = list(sys.argv[1:] if args is None else args)
        with use(language_on_line(line)):
            try:
                return super().main(line, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
            except Exception as error:  # click's own exits are SystemExit and pass: 2 usage, 1 findings …
                from opsplan.cli_run import crashed

                crashed(error)

    def list_commands(self, ctx: Context) -> list[str]:
        """Return the names of the commands, in the order the help lists them."""
        return list(self.modules)

    def get_command(self, ctx: Context, cmd_name: str) -> ClickCommand | None:
        """Return the command ``cmd_name``, built from its function the first time it is asked for."""
        if cmd_name not in self.modules:
            return None
        if cmd_name not in self.commands:
            function = getattr(importlib.import_module(self.modules[cmd_name]), cmd_name)
            one = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
            one.command(cmd_name, cls=OpsplanCommand)(function)
            self.commands[cmd_name] = typer.main.get_command(one)
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, ClickCommand | None, list[str]]:
        """Return the command the line names; an unknown name is a usage error in our words."""
        command = self.get_command(ctx, args[0])
        if command is None and not ctx.resilient_parsing:
            raise unknown_command(ctx, args[0], self.list_commands(ctx))
        return (args[0] if command else None), command, args[1:]

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Parse the root options; a usage error is said again in the language of messages."""
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise said(error, ctx) from None
