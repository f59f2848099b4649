"""The ``opsplan`` command line: each command parses its options and calls one library function.

Heavy modules (pydantic models, Jinja, python-docx, Babel) are imported inside the commands, so
``opsplan --help`` and ``--version`` stay instant. Every ``OpsplanError`` is caught in ``_run`` and
printed as one message with exit code 2; findings from ``check`` exit 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from opsplan import __version__
from opsplan.errors import OpsplanError, Stopped, stop_on_signals
from opsplan.i18n import parse_lang, say, use
from opsplan.io_messages import iomsg

app = typer.Typer(
    name="opsplan",
    help="Operating plans (运营方案) for shops on Chinese content-commerce platforms.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _State:
    """The root options of this invocation: --debug and --lang."""

    debug = False
    lang: str | None = None


_state = _State()
T = TypeVar("T")
_SAID = {
    "error": ("error: {error}", "错误：{error}"),
    "stopped": ("stopped", "已停止"),
    "interrupted": ("interrupted", "已中断"),
}
_LANG_HELP = (
    "Language of messages: zh-CN or en (default: OPSPLAN_LANG, then a profile's plan.locale, then "
    "LC_ALL/LC_MESSAGES/LANG)."
)


def _lang(value: str | None) -> str | None:
    """Check a ``--lang`` value: zh-CN or en (zh and en-US are read too)."""
    if value is None:
        return None
    try:
        return parse_lang(value)
    except ValueError:
        raise typer.BadParameter(iomsg("lang.bad", value=value)) from None


def _run(action: Callable[[], T], lang: str | None = None) -> T:
    """Call ``action`` in the chosen language; turn an ``OpsplanError`` into one message and its exit code."""
    with use(lang or _state.lang):
        try:
            return action()
        except OpsplanError as error:
            if _state.debug:
                raise
            typer.echo(say(_SAID, "error", error=error), err=True)
            raise typer.Exit(error.exit_code) from None
        except OSError as error:  # a path the system refuses (a name too long …) that no reader caught first
            if _state.debug:
                raise
            where = f"{error.filename}: " if error.filename is not None else ""
            typer.echo(say(_SAID, "error", error=where + (error.strerror or str(error))), err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM/SIGHUP (``Stopped``): files were left whole
            typer.echo(say(_SAID, "stopped" if isinstance(stop, Stopped) else "interrupted"), err=True)
            raise typer.Exit(getattr(stop, "exit_code", 130)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"opsplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=_lang, help=_LANG_HELP)] = None,
) -> None:
    """Operating plans (运营方案) for shops on Chinese content-commerce platforms."""
    _state.debug = debug
    _state.lang = lang


@app.command()
def presets(
    locale: Annotated[str, typer.Option("--locale", help="Language of the descriptions: zh-CN or en.")] = "en",
) -> None:
    """List the plan kinds (presets), one line each."""
    from opsplan.kinds import KIND_DESCRIPTIONS, PlanKind

    for kind, (zh, en) in KIND_DESCRIPTIONS.items():
        if kind is not PlanKind.CUSTOM:
            typer.echo(f"{kind.value:<24} {zh if locale.startswith('zh') else en}")


@app.command()
def metrics(
    locale: Annotated[str, typer.Option("--locale", help="Language of the labels: zh-CN or en.")] = "en",
) -> None:
    """List the metric catalogue: key, kind, direction and label."""
    from opsplan.metrics import CATALOGUE

    for metric in CATALOGUE.values():
        typer.echo(f"{metric.key:<26} {metric.kind.value:<9} {metric.direction.value:<5} {metric.label(locale)}")


def _in_terminal() -> bool:
    """Return whether questions can be asked: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="Where to write the new profile.", show_default=False)],
    preset: Annotated[str | None, typer.Option("--preset", "-p", help="Plan kind to start from.")] = None,
    locale: Annotated[str | None, typer.Option("--locale", "-l", help="zh-CN or en.")] = None,
    shop_name: Annotated[str | None, typer.Option("--shop-name", help="The shop's name.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="Plan start date, YYYY-MM-DD.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Ask nothing; use options and defaults.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    example: Annotated[
        bool, typer.Option("--example", help="Write the kind's full worked example instead of a skeleton.")
    ] = False,
) -> None:
    """Write a new shop profile: the kind's skeleton with your answers (or --example, its worked example)."""
    from opsplan.scaffold import new_profile

    interactive = not no_input and _in_terminal()
    written = _run(
        lambda: new_profile(
            path,
            preset=preset,
            locale=locale,
            shop_name=shop_name,
            start=start,
            interactive=interactive,
            force=force,
            example=example,
        )
    )
    _run(lambda: typer.echo(iomsg("said.wrote", path=written)))


@app.command()
def schema(
    plan: Annotated[bool, typer.Option("--plan", help="The schema of the computed plan's JSON instead.")] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", callback=_lang, help="Language of the descriptions: en (default) or zh-CN.")
    ] = None,
) -> None:
    """Print the JSON Schema of the profile (or of the computed plan's JSON view)."""
    from opsplan.prepared import schema_text

    typer.echo(schema_text("plan" if plan else "profile", lang or _state.lang or "en"))


@app.command()
def render(
    paths: Annotated[list[Path], typer.Argument(help="Profiles to render.", show_default=False)],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: md, docx, pdf, json, xlsx, pptx, html.")
    ] = "md,docx",
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing).")] = Path("."),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, help="Worker processes.")] = 1,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Folder of templates overriding the packaged ones.")
    ] = None,
    reference_docx: Annotated[
        Path | None, typer.Option("--reference-docx", help="DOCX whose styles the output uses.")
    ] = None,
    reference_pptx: Annotated[
        Path | None, typer.Option("--reference-pptx", help="PPTX whose master and layouts the deck uses.")
    ] = None,
    charts: Annotated[bool, typer.Option("--charts", help="Add charts as images (needs matplotlib).")] = False,
    toc_depth: Annotated[
        int, typer.Option("--toc-depth", help="Heading levels in the contents (1-3); pdf fills in page numbers.")
    ] = 2,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
    summary: Annotated[bool, typer.Option("--summary", help="Print a summary table instead of files.")] = False,
    allow_extends_outside: Annotated[
        bool, typer.Option("--allow-extends-outside", help="Let extends name files outside the profile's folder.")
    ] = False,
    draft: Annotated[
        bool, typer.Option("--draft", help="Render even with check errors; every page is marked 草稿 / DRAFT.")
    ] = False,
    page_numbers: Annotated[
        bool,
        typer.Option(
            "--page-numbers/--no-page-numbers",
            envvar="OPSPLAN_PAGE_NUMBERS",
            help="Lay the DOCX out with LibreOffice (a few seconds a plan): page numbers in its contents, chapter "
            "breaks. Always done with -f pdf.",
        ),
    ] = False,
) -> None:
    """Render profiles to Markdown, DOCX, PDF and JSON plans and PPTX decks (refused while check finds errors)."""
    from opsplan.render.run import RenderOptions, render_paths

    options = RenderOptions(
        formats=[f.strip() for f in formats.split(",") if f.strip()],
        out_dir=out,
        jobs=jobs,
        templates=templates,
        reference_docx=reference_docx,
        reference_pptx=reference_pptx,
        charts=charts,
        force=force,
        summary=summary,
        extends_anywhere=allow_extends_outside,
        toc_depth=toc_depth,
        draft=draft,
        paginate=page_numbers,
    )
    _run(lambda: render_paths(paths, options))


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Profiles (.yaml) or plans (.md, .docx).", show_default=False)],
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    output_format: Annotated[str, typer.Option("--format", help="text, json, github or sarif.")] = "text",
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Rule ids to skip (repeat or comma-separate).")
    ] = None,
    allow_extends_outside: Annotated[
        bool, typer.Option("--allow-extends-outside", help="Let extends name files outside the profile's folder.")
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", callback=_lang, help=_LANG_HELP)] = None,
) -> None:
    """Check profiles and plan documents for completeness and consistency."""
    from opsplan.check.run import CheckOptions, check_paths

    ignored = {rule.strip() for item in ignore or [] for rule in item.split(",") if rule.strip()}
    options = CheckOptions(
        strict=strict, output_format=output_format, ignore=ignored, extends_anywhere=allow_extends_outside
    )
    code = _run(lambda: check_paths(paths, options), lang)
    raise typer.Exit(code)


@app.command()
def rules(lang: Annotated[str | None, typer.Option("--lang", callback=_lang, help=_LANG_HELP)] = None) -> None:
    """List the check rules: id, category, default severity and what each finds."""
    from opsplan.check.rule_titles import rules_text

    typer.echo(_run(rules_text, lang), nl=False)


@app.command()
def serve(
    path: Annotated[Path, typer.Argument(help="The profile to preview (.yaml).", show_default=False)],
    host: Annotated[str, typer.Option("--host", help="Address to listen on (warned when not loopback).")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on; 0 picks a free one.")
    ] = 8765,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Folder of templates overriding the packaged ones.")
    ] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the preview in a browser.")] = False,
    allow_extends_outside: Annotated[
        bool, typer.Option("--allow-extends-outside", help="Let extends name files outside the profile's folder.")
    ] = False,
) -> None:
    """Preview the plan in a browser; it reloads when the profile, a file it extends or a template changes."""
    from opsplan.serve.server import ServeOptions
    from opsplan.serve.server import serve as run_serve

    options = ServeOptions(host, port, templates, allow_extends_outside, open_browser)
    _run(lambda: run_serve(path, options))


@app.command()
def track(
    profile: Annotated[Path, typer.Argument(help="The plan's profile (.yaml).", show_default=False)],
    actuals: Annotated[Path, typer.Argument(help="Actuals: a .csv, or the plan workbook (.xlsx).", show_default=False)],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Review date, YYYY-MM-DD (default: latest period).")
    ] = None,
    formats: Annotated[
        list[str] | None, typer.Option("--report", "-f", help="Report files: md, docx, xlsx, json (comma-separated).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report files.")] = Path("."),
    output_format: Annotated[str, typer.Option("--format", help="Terminal output: text, github or json.")] = "text",
    tolerance: Annotated[float, typer.Option("--tolerance", help="Shortfall still on track, 0.05 = 5%.")] = 0.05,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing report files.")] = False,
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
    code = _run(lambda: run_track(profile, actuals, options))
    raise typer.Exit(code)


def main() -> None:
    """Run the ``opsplan`` command line: stop signals unwind cleanly, stdout and stderr never raise."""
    from opsplan.streams import guarded_streams

    stop_on_signals()
    with guarded_streams():
        app(prog_name="opsplan")
