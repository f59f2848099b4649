"""``opsplan render``: profiles → Markdown, DOCX, PDF and JSON files (or a summary on the terminal).

For each profile: load → build the plan → check it → render the Markdown → build the DOCX from that
Markdown, its contents' page numbers estimated (``page_numbers``: or confirmed by LibreOffice, which a PDF always
is, ``render.pdf``, or left out) →
write ``<out_dir>/<profile file stem>.<format>`` as one set through ``opsplan.fileio.write_set``: all
of a profile's files or none of them. Every target is checked before anything is rendered, so a run
that refuses to overwrite a file writes nothing. A new format is one more entry in ``render_bytes``.
With several profiles a progress bar runs and ``jobs`` worker processes share the work (``render.batch``); a profile
that fails is reported by its file name, the others are still rendered, and the run then fails as a whole (exit 2).
A profile whose check finds errors is not rendered: its findings are printed as ``opsplan check`` prints
them and the run exits 1, unless ``draft`` is set, which renders it with every page marked 草稿 / DRAFT.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from opsplan.errors import InputError, OpsplanError, OutputError, RefusedError, RenderError, in_language_of
from opsplan.gcpace import few_collections
from opsplan.i18n import Said, about_profile
from opsplan.io_messages import iomsg
from opsplan.render.loaded import load_profile_plan

if TYPE_CHECKING:
    from opsplan.plan.model import Plan
    from opsplan.render.docx import DocumentInfo

FORMATS = ("md", "docx", "pdf", "json", "xlsx", "pptx", "html")
# the page numbers in a DOCX's contents: from the layout estimate (no LibreOffice), from LibreOffice's layout, none
PageNumbers = Literal["estimated", "confirmed", "none"]


@dataclass(frozen=True)
class RenderOptions:
    """What ``opsplan render`` was asked to do."""

    formats: Sequence[str] = ("md", "docx")
    out_dir: Path = field(default_factory=lambda: Path("."))
    jobs: int = 1
    templates: Path | None = None
    reference_docx: Path | None = None
    reference_pptx: Path | None = None
    charts: bool = False
    force: bool = False
    summary: bool = False
    extends_anywhere: bool = False
    toc_depth: int = 2
    draft: bool = False
    page_numbers: PageNumbers = "estimated"  # and the chapter breaks that go with them (``docx_toc``)


def validate_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Return the requested formats in canonical order; raise ``InputError`` naming an unknown one."""
    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        shown = ", ".join(repr(f) for f in unknown)
        raise InputError(iomsg("render.unknown_format", unknown=shown, choices=", ".join(FORMATS)))
    if not wanted:
        raise InputError(iomsg("render.no_format", choices=", ".join(FORMATS)))
    return tuple(f for f in FORMATS if f in wanted)


def output_paths(path: Path, out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """Return the files rendering ``path`` writes: ``examples/a.zh-CN.yaml`` → ``<out_dir>/a.zh-CN.md``."""
    return [out_dir / f"{Path(path).stem}.{fmt}" for fmt in formats]


def render_paths(paths: Sequence[Path], options: RenderOptions) -> None:
    """Render every profile in ``paths`` as ``options`` say; raise ``OpsplanError`` on any failure."""
    from opsplan.fileio import check_target
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
    read = [Path(p) for p in (*paths, options.reference_docx, options.reference_pptx) if p is not None]
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
        for line in report(render_one(paths[0], options, formats)):
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


def render_bytes(path: Path, options: RenderOptions, formats: Sequence[str]) -> list[bytes]:
    """Return the content of each requested format for the profile at ``path``, in the order of ``formats``.

    Raises ``RefusedError`` when the profile's check finds errors and ``options.draft`` is not set.
    """
    plan = checked_plan(path, draft=options.draft, extends_anywhere=options.extends_anywhere)
    markdown: str | None = None
    if "md" in formats or "docx" in formats or "pdf" in formats or "html" in formats:
        from opsplan.render.markdown import render_markdown

        markdown = render_markdown(plan, options.templates, draft=options.draft)
    made: dict[str, bytes] = {}
    if "pdf" in formats or ("docx" in formats and options.page_numbers == "confirmed"):
        from opsplan.render.docx import chapter_bookmarks
        from opsplan.render.pdf import render_pdf

        assert markdown is not None
        text = markdown
        made["docx"], made["pdf"] = render_pdf(
            lambda pages, breaks: plan_docx(plan, text, options, pages=pages, breaks=breaks), chapter_bookmarks(text)
        )
    out: list[bytes] = []
    for fmt in formats:
        if fmt in made:
            out.append(made[fmt])
            continue
        if fmt == "md":
            assert markdown is not None
            out.append(markdown.encode("utf-8"))
        elif fmt == "docx":
            assert markdown is not None
            out.append(plan_docx(plan, markdown, options))
        elif fmt == "html":
            from opsplan.render.html import build_html

            assert markdown is not None
            out.append(build_html(plan, markdown))
        elif fmt == "xlsx":
            from opsplan.render.xlsx import build_xlsx

            out.append(build_xlsx(plan, draft=options.draft))
        elif fmt == "pptx":
            from opsplan.render.pptx import build_pptx

            out.append(build_pptx(plan, reference_pptx=options.reference_pptx, draft=options.draft))
        else:
            from opsplan.plan.jsonview import plan_to_json

            text = json.dumps(plan_to_json(plan), ensure_ascii=False, indent=2, sort_keys=False)
            out.append((text + "\n").encode("utf-8"))
    return out


def load_plan(path: Path, *, extends_anywhere: bool = False) -> Plan:
    """Load the profile at ``path`` and compute its plan; refuse text with a reference that names no value."""
    return load_profile_plan(path, extends_anywhere=extends_anywhere).plan


def checked_plan(path: Path, *, draft: bool, extends_anywhere: bool = False) -> Plan:
    """Load and compute as ``load_plan`` does, then check; raise ``RefusedError`` on check errors.

    With ``draft`` the plan is returned whatever the check finds.
    """
    from opsplan.check.findings import fails
    from opsplan.check.reporters import render_text
    from opsplan.check.run import profile_report

    loaded = load_profile_plan(path, extends_anywhere=extends_anywhere)
    if draft:
        return loaded.plan
    report = profile_report(Path(path), loaded.document, loaded.profile, loaded.plan)
    if any(fails(f, strict=False) for f in report.findings):
        with about_profile(report.locale):  # said, as the report is, in the profile's language
            raise RefusedError(iomsg("render.refused", path=path), render_text([report], strict=False))
    return loaded.plan


def plan_docx(
    plan: Plan,
    markdown: str,
    options: RenderOptions,
    *,
    pages: Mapping[str, int] | None = None,
    breaks: frozenset[str] = frozenset(),
) -> bytes:
    """Return the DOCX of ``plan`` from its Markdown, with the plan's metadata and, with --charts, its charts.

    ``pages``: each heading's page by bookmark, for the contents, and ``breaks``: the chapters that start a new
    page (both known once the DOCX went through LibreOffice, ``render.pdf``). Without ``pages``, the contents
    get the estimated pages and the chapter breaks that go with them, or none under ``page_numbers="none"``.
    """
    from opsplan.render.docx import build_docx
    from opsplan.render.docx_toc import Contents

    charts: dict[str, list[bytes]] = {}
    if options.charts:
        from opsplan.render.charts import draw_charts

        for chapter, png in draw_charts(plan):
            charts.setdefault(str(chapter), []).append(png)
    estimate = pages is None and options.page_numbers != "none"
    return build_docx(
        markdown,
        document_info(plan, draft=options.draft),
        chapters=[str(chapter.key) for chapter in plan.chapters],
        charts=charts,
        reference_docx=options.reference_docx,
        contents=Contents(depth=options.toc_depth, pages=pages, estimate=estimate),
        page_breaks=breaks,
    )


def document_info(plan: Plan, *, draft: bool = False) -> DocumentInfo:
    """Return what the DOCX title page, headers and properties show, from the plan (``draft``: 草稿 / DRAFT)."""
    from opsplan.render.docx import DocumentInfo

    settings, shop = plan.profile.plan, plan.profile.shop
    keywords = [shop.name, shop.platform.value, settings.kind.value, shop.category]
    return DocumentInfo(
        title=settings.title.replace("\n", " "),
        shop=shop.name,
        author=settings.author or "",
        date=settings.date,
        locale=plan.locale,
        draft=draft,
        client=settings.client or "",
        version=settings.version or "",
        confidentiality=settings.confidentiality or "",
        keywords=", ".join(word.replace(" ", "\u00a0") for word in keywords if word),  # LibreOffice splits at " "
    )


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
