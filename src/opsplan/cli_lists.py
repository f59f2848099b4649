"""The commands that list or print what opsplan knows: ``presets``, ``metrics``, ``schema``, ``rules``.

Each parses its options and calls one function; its help is in ``cli_help_texts``. The annotations are
evaluated when the module is imported (no ``from __future__ import annotations``), so typer reads them
without compiling them again.
"""

from typing import Annotated

import typer

from opsplan.cli_run import read_lang, run, state
from opsplan.i18n import language


def presets(
    locale: Annotated[str | None, typer.Option("--locale", callback=read_lang, metavar="lang")] = None,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """List the plan kinds (presets), one line each."""
    from opsplan.kinds import KIND_DESCRIPTIONS, PlanKind

    locale = locale or lang or language()

    for kind, (zh, en) in KIND_DESCRIPTIONS.items():
        if kind is not PlanKind.CUSTOM:
            typer.echo(f"{kind.value:<24} {zh if locale.startswith('zh') else en}")


def metrics(
    locale: Annotated[str | None, typer.Option("--locale", callback=read_lang, metavar="lang")] = None,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """List the metric catalogue: key, kind, direction and label."""
    from opsplan.metrics import CATALOGUE

    locale = locale or lang or language()

    for metric in CATALOGUE.values():
        typer.echo(f"{metric.key:<26} {metric.kind.value:<9} {metric.direction.value:<5} {metric.label(locale)}")


def schema(
    plan: Annotated[bool, typer.Option("--plan")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Print the JSON Schema of the profile (or of the computed plan's JSON view)."""
    from opsplan.prepared import schema_text

    typer.echo(schema_text("plan" if plan else "profile", lang or state.lang or "en"))


def rules(lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None) -> None:
    """List the check rules: id, category, default severity and what each finds."""
    from opsplan.check.rule_titles import rules_text

    typer.echo(run(rules_text, lang), nl=False)
