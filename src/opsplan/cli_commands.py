"""The commands that read profiles and write plans: ``new``, ``render``, ``check``, ``serve``, ``track``.

Each parses its options and calls one library function through ``cli_run.run``; ``render`` and ``check`` hand
theirs to ``cli_actions``, whose bodies the console script's fast path (``cli_fast``) calls as well. The help of
every option is in ``cli_help_texts`` and the name of its value is its ``metavar``. Numbers are read by
``cli_usage`` so that a bad one is said in the language of messages. The annotations are evaluated when the module
is imported (no ``from __future__ import annotations``), so typer reads them without compiling them again.
"""

from pathlib import Path
from typing import Annotated

import typer

from opsplan import cli_actions, cli_run
from opsplan.cli_run import read_lang, run
from opsplan.cli_usage import decimal, whole_number


def new(
    path: Annotated[Path, typer.Argument(metavar="file", show_default=False)],
    preset: Annotated[str | None, typer.Option("--preset", "-p", metavar="kind")] = None,
    locale: Annotated[str | None, typer.Option("--locale", "-l", metavar="lang")] = None,
    shop_name: Annotated[str | None, typer.Option("--shop-name", metavar="name")] = None,
    start: Annotated[str | None, typer.Option("--start", metavar="date")] = None,
    no_input: Annotated[bool, typer.Option("--no-input")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
    example: Annotated[bool, typer.Option("--example")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Write a new shop profile: the kind's skeleton with your answers (or --example, its worked example)."""
    from opsplan.scaffold import new_and_say

    interactive = not no_input and cli_run.in_terminal()
    said = run(
        lambda: new_and_say(
            path,
            preset=preset,
            locale=locale,
            shop_name=shop_name,
            start=start,
            interactive=interactive,
            force=force,
            example=example,
        ),
        lang,
    )
    run(lambda: typer.echo(said), lang)


def render(
    paths: Annotated[list[Path], typer.Argument(metavar="profile", show_default=False)],
    formats: Annotated[str, typer.Option("--format", "-f", metavar="formats")] = "md,docx",
    out: Annotated[Path, typer.Option("--out", "-o", metavar="folder")] = Path("."),
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="count", parser=whole_number(1, 64))] = 1,
    templates: Annotated[Path | None, typer.Option("--templates", metavar="folder")] = None,
    reference_docx: Annotated[Path | None, typer.Option("--reference-docx", metavar="docx")] = None,
    reference_pptx: Annotated[Path | None, typer.Option("--reference-pptx", metavar="pptx")] = None,
    charts: Annotated[bool, typer.Option("--charts")] = False,
    toc_depth: Annotated[int, typer.Option("--toc-depth", metavar="levels", parser=whole_number())] = 2,
    force: Annotated[bool, typer.Option("--force")] = False,
    summary: Annotated[bool, typer.Option("--summary")] = False,
    allow_extends_outside: Annotated[bool, typer.Option("--allow-extends-outside")] = False,
    draft: Annotated[bool, typer.Option("--draft")] = False,
    page_numbers: Annotated[
        bool | None, typer.Option("--page-numbers/--no-page-numbers", envvar="OPSPLAN_PAGE_NUMBERS")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Render profiles to plans and decks (refused while check finds errors)."""
    cli_actions.render(**locals())  # the parameters by name, as the fast path passes them (``cli_fast``)


def check(
    paths: Annotated[list[Path], typer.Argument(metavar="file", show_default=False)],
    strict: Annotated[bool, typer.Option("--strict")] = False,
    output_format: Annotated[str, typer.Option("--format", metavar="format")] = "text",
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="rules")] = None,
    allow_extends_outside: Annotated[bool, typer.Option("--allow-extends-outside")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Check profiles and plan documents for completeness and consistency."""
    cli_actions.check(**locals())  # the parameters by name, as the fast path passes them (``cli_fast``)


def serve(
    path: Annotated[Path, typer.Argument(metavar="profile", show_default=False)],
    host: Annotated[str, typer.Option("--host", metavar="host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="port", parser=whole_number(0, 65535))] = 8765,
    templates: Annotated[Path | None, typer.Option("--templates", metavar="folder")] = None,
    open_browser: Annotated[bool, typer.Option("--open")] = False,
    allow_extends_outside: Annotated[bool, typer.Option("--allow-extends-outside")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Preview the plan in a browser; it reloads when the profile, a file it extends or a template changes."""
    from opsplan.serve.server import ServeOptions
    from opsplan.serve.server import serve as run_serve

    options = ServeOptions(host, port, templates, allow_extends_outside, open_browser)
    run(lambda: run_serve(path, options), lang)


def track(
    profile: Annotated[Path, typer.Argument(metavar="profile", show_default=False)],
    actuals: Annotated[Path, typer.Argument(metavar="actuals", show_default=False)],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="date")] = None,
    formats: Annotated[list[str] | None, typer.Option("--report", "-f", metavar="formats")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="folder")] = Path("."),
    output_format: Annotated[str, typer.Option("--format", metavar="format")] = "text",
    tolerance: Annotated[float, typer.Option("--tolerance", metavar="share", parser=decimal)] = 0.05,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=read_lang, metavar="lang")] = None,
) -> None:
    """Compare actuals with the plan: status, re-forecast, funnel gap, milestones, budget (exit 1: off track)."""
    from opsplan.track.run import TrackOptions
    from opsplan.track.run import track as run_track

    options = TrackOptions(
        as_of=as_of,
        formats=formats or [],
        out_dir=out,
        output_format=output_format,
        tolerance=tolerance,
        force=force,
    )
    code = run(lambda: run_track(profile, actuals, options), lang)
    raise typer.Exit(code)
