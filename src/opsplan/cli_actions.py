"""What ``render`` and ``check`` do once their options are read: one body each, for typer's command and the fast path.

``cli_commands.render`` and ``cli_commands.check`` (typer) and ``cli_fast`` (the console script's own reading of an
ordinary command line) call these with the same parameters, named as the typer command names them. Imports no
typer; an exit is ``SystemExit``, which typer passes through as it is.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from opsplan import cli_run
from opsplan.cli_run import run

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from pathlib import Path
    from typing import NoReturn


def render(
    paths: list[Path],
    formats: str,
    out: Path,
    jobs: int,
    templates: Path | None,
    reference_docx: Path | None,
    reference_pptx: Path | None,
    charts: bool,
    toc_depth: int,
    force: bool,
    summary: bool,
    allow_extends_outside: bool,
    draft: bool,
    page_numbers: bool | None,
    lang: str | None,
) -> None:
    """Render ``paths`` to plans (and decks) as ``opsplan render`` does with these options."""
    from opsplan.render.options import RenderOptions
    from opsplan.render.run import render_paths

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
        page_numbers="estimated" if page_numbers is None else "confirmed" if page_numbers else "none",
    )
    try:
        run(lambda: render_paths(paths, options), lang)
    finally:
        # every file is written (or left as it was) and the workers and the progress bar have stopped
        cli_run.state.nothing_to_finish = True


def check(
    paths: Sequence[str | os.PathLike[str]],
    strict: bool,
    output_format: str,
    ignore: list[str] | None,
    allow_extends_outside: bool,
    lang: str | None,
) -> NoReturn:
    """Check ``paths`` as ``opsplan check`` does with these options; exit with its code (0, 1 or 2).

    ``paths`` are typer's ``Path`` objects or, from the fast path, the text typed (``check.run.check_file`` reads
    either as ``Path`` would, and imports ``pathlib`` only for a profile or a Markdown plan).
    """
    from opsplan.check.run import CheckOptions, check_paths

    cli_run.state.nothing_to_finish = True  # check writes only to stdout and stderr
    ignored = {rule.strip() for item in ignore or [] for rule in item.split(",") if rule.strip()}
    options = CheckOptions(
        strict=strict, output_format=output_format, ignore=ignored, extends_anywhere=allow_extends_outside
    )
    code = run(lambda: check_paths(paths, options), lang)
    raise SystemExit(code)
