"""The commands that list or print what opsplan knows: ``presets``, ``metrics``, ``schema``, ``rules``.

Each parses its options and prints what one function of ``cli_listing`` returns (the console script's fast path,
``cli_fast_help``, prints the same without typer); its help is in ``cli_help_texts``. The annotations are
evaluated when the module is imported (no ``from __future__ import annotations``), so typer reads them
without compiling them again.
"""

from typing import Annotated

import typer

from opsplan import cli_listing
from opsplan.cli_run import read_lang


def presets(
    locale: Annotated[str | None, typer.Option("--locale", callback=read_lang, metavar="lang")] = None,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """List the plan kinds (presets), one line each."""
    for line in cli_listing.presets(locale, lang):
        typer.echo(line)


def metrics(
    locale: Annotated[str | None, typer.Option("--locale", callback=read_lang, metavar="lang")] = None,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """List the metric catalogue: key, kind, direction and label."""
    for line in cli_listing.metrics(locale, lang):
        typer.echo(line)


def schema(
    plan: Annotated[bool, typer.Option("--plan")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Print the JSON Schema of the profile (or of the computed plan's JSON view)."""
    typer.echo(cli_listing.schema(plan, lang))


def rules(lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None) -> None:
    """List the check rules: id, category, default severity and what each finds."""
    typer.echo(cli_listing.rules(lang), nl=False)
