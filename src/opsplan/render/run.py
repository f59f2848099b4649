"""``opsplan render``: profiles → Markdown, DOCX, PDF and JSON files (or a summary on the terminal).

For each profile: its files' content made in memory (``render.outputs``: load → build the plan → check it →
render the Markdown → build the DOCX from that Markdown …) → written as ``<out_dir>/<profile file stem>.<format>``
(``render.options``) in one set through ``opsplan.fileio.write_set``: all of a profile's files or none of them.
Every target is checked before anything is rendered, so a run that refuses to overwrite a file writes nothing.
With several profiles a progress bar runs and ``jobs`` worker processes share the work (``render.batch``); a profile
that fails is reported by its file name, the others are still rendered, and the run then fails as a whole (exit 2).
A profile whose check finds errors is not rendered: its findings are printed as ``opsplan check`` prints
them and the run exits 1, unless ``draft`` is set, which renders it with every page marked 草稿 / DRAFT.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from opsplan.errors import InputError, OpsplanError, OutputError, RefusedError, RenderError, in_language_of
from opsplan.gcpace import few_collections, one_plan
from opsplan.i18n import Said
from opsplan.io_messages import iomsg
from opsplan.render.options import RenderOptions, output_paths, validate_formats
from opsplan.render.outputs import load_plan, render_bytes


def render_paths(paths: Sequence[Path], options: RenderOptions) -> None:
    """Render every profile in ``paths`` as ``options`` say; raise ``OpsplanError`` on any failure."""
    from opsplan.fileio import ReadFiles, check_target
    from opsplan.filekind import output_folder_message

    formats = validate_formats(options.formats)
    _check_inputs(options, formats)
    options = _with_layout_tools(options, formats)
    if options.summary:
        _print_summaries(paths, options)
        return
    folder = output_folder_message(options.out_dir, [p.name for p in output_paths(paths[0], Path(), formats)])
    if paths and folder:
        raise InputError(folder)
    targets: dict[Path, Path] = {}
    refused: list[str] = []
    read = ReadFiles([Path(p) for p in (*paths, options.reference_docx, options.reference_pptx) if p is not None])
    for path in paths:
        for target in output_paths(path, options.out_dir, formats):
            if target in targets:
                raise OutputError(iomsg("render.both_write", path=path, other=targets[target], target=target))
            targets[target] = path
            try:
                check_target(target, force=options.force, reads=read)
            except OutputError as error:
                refused.append(str(error))
    if refused:  # a reason every format shares (-o names a file) is said once
        raise OutputError(iomsg("render.nothing_written", refused="\n".join(dict.fromkeys(refused))))
    failures: list[str] = []
    reports: dict[str, str] = {}  # each refusal's line: the findings report printed for it
    try:
        with few_collections():
            _run_all([Path(p) for p in paths], options, formats, failures, reports)
    except BaseException:  # a worker killed, a crash, a stop: what the profiles before it were due is said first
        _say_due(failures, reports)
        raise
    for report in reports.values():
        print(report, end="")
    _raise_outcome(failures, list(reports), len(paths))


def _say_due(failures: list[str], reports: dict[str, str]) -> None:
    """Print the refusals' reports and say the failures and refusals of a batch that ends early, before its end."""
    print("".join(reports.values()), end="", flush=True)
    print("".join(f"{line}\n" for line in (*failures, *reports)), end="", file=sys.stderr)


def _raise_outcome(failures: list[str], refusals: list[str], total: int) -> None:
    """Raise what a run with these failures and refusals (each said in its profile's language) ends with, if any.

    One profile: its message, said in its language. Several: a count in the language of messages, then each
    profile's line in its own (a mixed batch says ``error: 2 of 3 …`` over a Chinese and an English line).
    Refusals alone end as ``RefusedError`` (exit 1), any failure as ``RenderError`` (exit 2).
    """
    said = failures + refusals
    if not said:
        return
    kind = RenderError if failures else RefusedError
    if total == 1:
        raise in_language_of(kind(said[0]), said)
    key = "render.failed" if failures else "render.not_rendered"
    raise kind(iomsg(key, failed=len(said), total=total, failures="\n".join(said)))


def _check_inputs(options: RenderOptions, formats: Sequence[str] = ()) -> None:
    from opsplan.render.docx_toc import check_depth

    check_depth(options.toc_depth)
    if "pdf" in formats and not options.summary:  # LibreOffice missing: said once, before anything is rendered
        from opsplan.render.pdf import check_tools

        check_tools()
    if options.reference_docx is not None and not Path(options.reference_docx).is_file():
        raise InputError(iomsg("option.no_file", path=options.reference_docx, option="--reference-docx"))
    if options.reference_docx is not None:  # a damaged one is refused before any plan is written
        from opsplan.safeio import read_reference_docx

        read_reference_docx(Path(options.reference_docx))
    if options.reference_pptx is not None:  # a damaged one is refused before any plan is written
        from opsplan.render.pptx_deck import check_reference

        check_reference(Path(options.reference_pptx))
    if options.templates is not None and not Path(options.templates).is_dir():
        raise InputError(iomsg("option.no_folder", path=options.templates, option="--templates"))


def _with_layout_tools(options: RenderOptions, formats: Sequence[str]) -> RenderOptions:
    """Return ``options``, with estimated page numbers (said once) when they are to be confirmed without LibreOffice."""
    if options.page_numbers != "confirmed" or "docx" not in formats or "pdf" in formats or options.summary:
        return options
    from opsplan.render.pdf import ToolMissing, check_tools

    try:
        check_tools()
    except ToolMissing as missing:
        print(iomsg("render.no_page_numbers", missing=missing), file=sys.stderr)
        return replace(options, page_numbers="estimated")
    return options


def _run_all(
    paths: list[Path], options: RenderOptions, formats: tuple[str, ...], failures: list[str], refused: dict[str, str]
) -> None:
    """Render each profile (several: ``render.batch``); keep the failures and the refusals' reports as they come."""

    def report(outcome: Outcome) -> list[str]:
        """Keep ``outcome``'s failure or refusal; return its lines to print (above the progress bar, if any)."""
        written, failure, findings = outcome
        if failure:
            failures.append(failure)
        if findings is not None:
            refused[findings[0]] = findings[1]
        return [iomsg("said.wrote", path=name) for name in written]

    if len(paths) == 1:
        with one_plan():  # its Markdown made, what it built is frozen for the DOCX step, and unfrozen after
            outcome = render_one(paths[0], options, formats)
        for line in report(outcome):
            print(line)
        return
    from opsplan.render.batch import render_batch

    render_batch(paths, options, formats, report)


# files written, the error message if any, (refusal, findings report) if refused for check errors
Outcome = tuple[list[str], str | None, tuple[str, str] | None]
# a profile's files in the order of its formats, or (as in Outcome) its error message or refusal
Rendered = tuple[list[bytes] | None, str | None, tuple[str, str] | None]


def render_one(path: Path, options: RenderOptions, formats: Sequence[str], *, clean: bool = True) -> Outcome:
    """Render and write one profile (``clean``: as ``write_rendered``); return the files written, or why not."""
    return write_rendered(path, options, formats, render_unwritten(path, options, formats), clean=clean)


def render_unwritten(path: Path, options: RenderOptions, formats: Sequence[str]) -> Rendered:
    """Render one profile without writing it; return its files' content, or the error message or the refusal.

    Runs in a worker process too, so it returns plain strings rather than raising.
    """
    try:
        return render_bytes(path, options, formats), None, None
    except RefusedError as error:
        return None, None, (Said(str(error), error.language), error.report)
    except OpsplanError as error:
        from opsplan.errors import DamagedInstall  # (the import above is at its line's length)

        if isinstance(error, DamagedInstall):  # not this profile's: the command stops as check does, exit 72
            raise
        return None, _about(path, error), None


def write_rendered(
    path: Path, options: RenderOptions, formats: Sequence[str], rendered: Rendered, *, clean: bool = True
) -> Outcome:
    """Write what ``render_unwritten`` returned for ``path`` as one set; return the files written (or why not).

    ``clean``: remove what dead runs left in the output folder first (False: a batch did, once, ``render.batch``).
    """
    from opsplan.fileio import write_set

    outputs, failure, refusal = rendered
    if outputs is None:
        return [], failure, refusal
    targets = output_paths(path, options.out_dir, formats)
    try:
        written = write_set(list(zip(targets, outputs, strict=True)), force=options.force, clean=clean)
    except OpsplanError as error:
        return [], _about(path, error), None
    return [str(target) for target in written], None, None


def _about(path: Path, error: OpsplanError) -> str:
    """Return ``error``'s message in its language, naming ``path`` if it does not already."""
    message = str(error)
    return Said(message if str(path) in message else f"{path}: {message}", error.language)


def _print_summaries(paths: Sequence[Path], options: RenderOptions) -> None:
    from rich.console import Console

    from opsplan.render.summary import print_summary

    console = Console(highlight=False, markup=False)  # profile text is shown as written
    failures: list[str] = []
    for path in paths:
        try:
            plan = load_plan(Path(path), extends_anywhere=options.extends_anywhere)
        except OpsplanError as error:
            message = str(error)
            failures.append(message if str(path) in message else f"{path}: {message}")
            continue
        print_summary(plan, console)
    if failures:
        raise RenderError("\n".join(failures))
