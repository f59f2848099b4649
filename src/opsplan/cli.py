"""The ``opsplan`` command line: the root options, the commands by name, and ``main``.

Each command is a function in ``cli_commands`` or ``cli_lists`` that parses its options and calls one library
function; ``cli_group.OpsplanGroup`` imports and builds a command only when the command line names it, and says
the help and usage errors in the language of messages (``cli_help``, ``cli_usage``). Heavy modules (pydantic
models, Jinja, python-docx, Babel) are imported inside the commands, so ``opsplan --help`` stays instant. Every
``OpsplanError`` is caught in ``cli_run.run`` and printed as one message with exit code 2; findings from ``check``
exit 1.
"""

from typing import Annotated, ClassVar

import typer

from opsplan import __version__
from opsplan.cli_group import OpsplanGroup
from opsplan.cli_run import read_lang, state
from opsplan.errors import stop_on_signals

COMMANDS = {  # each command, in the order the help lists them, and the module that defines it
    "presets": "opsplan.cli_lists",
    "metrics": "opsplan.cli_lists",
    "new": "opsplan.cli_commands",
    "schema": "opsplan.cli_lists",
    "render": "opsplan.cli_commands",
    "check": "opsplan.cli_commands",
    "rules": "opsplan.cli_lists",
    "serve": "opsplan.cli_commands",
    "track": "opsplan.cli_commands",
}


class _Commands(OpsplanGroup):
    modules: ClassVar[dict[str, str]] = COMMANDS


app = typer.Typer(
    name="opsplan",
    cls=_Commands,
    no_args_is_help=True,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"opsplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Operating plans (运营方案) for shops on Chinese content-commerce platforms."""
    state.debug = debug
    state.lang = lang
    if ctx.invoked_subcommand is None:  # root options only (``opsplan --lang zh-CN``): the help, as with none
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(2)


def main() -> None:
    """Run the ``opsplan`` command line: stop signals unwind cleanly, stdout and stderr never raise."""
    from opsplan.streams import guarded_streams

    stop_on_signals()
    with guarded_streams():
        app(prog_name="opsplan")
