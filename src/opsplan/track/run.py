"""``opsplan track PROFILE ACTUALS``: read both, compare, print the review, write the report files.

Exit code, as ``check`` (README: exit status of opsplan track): 0 when no metric is off track (at risk does not
fail), 1 when one is, after the whole review is printed and every report written (so a scheduled CI job fails and
the report is there), 2 for bad input or usage, with nothing written.
Report files are ``<out>/<profile stem>.review.<md|docx|xlsx|json>`` (and ``.review.png``, the chart the
Markdown shows), written all together or not at all; an existing file is replaced only with ``force``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from opsplan.errors import InputError
from opsplan.i18n import about_profile
from opsplan.io_messages import iomsg
from opsplan.track.messages import tmsg

if TYPE_CHECKING:
    from opsplan.plan.model import Plan
    from opsplan.track.compare import Review
    from opsplan.track.report import Tables

REPORT_FORMATS = ("md", "docx", "xlsx", "json")
OUTPUT_FORMATS = ("text", "github", "json")


@dataclass(frozen=True)
class TrackOptions:
    """What ``opsplan track`` was asked to do."""

    as_of: str | None = None
    formats: Sequence[str] = ()
    out_dir: Path = field(default_factory=lambda: Path("."))
    output_format: str = "text"
    tolerance: float = 0.05
    force: bool = False


def _as_of(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(tmsg("option.as_of", text=text)) from None


def _formats(formats: Sequence[str]) -> list[str]:
    wanted = [f.strip().lower() for item in formats for f in item.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in REPORT_FORMATS]
    if unknown:
        raise InputError(
            tmsg("option.report", unknown=", ".join(map(repr, unknown)), choices=", ".join(REPORT_FORMATS))
        )
    return [f for f in REPORT_FORMATS if f in wanted]


def track(profile: Path, actuals: Path, options: TrackOptions) -> int:
    """Review ``actuals`` against the plan of ``profile``; print, write reports; return the exit code."""
    from opsplan.render.outputs import load_plan
    from opsplan.track.actuals import read_actuals
    from opsplan.track.compare import build_review
    from opsplan.track.report import review_tables

    if options.output_format not in OUTPUT_FORMATS:
        raise InputError(tmsg("option.format", value=options.output_format, choices=", ".join(OUTPUT_FORMATS)))
    if not 0 <= options.tolerance < 1:
        raise InputError(tmsg("option.tolerance"))
    as_of = _as_of(options.as_of)
    formats = _formats(options.formats)
    plan = load_plan(Path(profile))
    with about_profile(plan.locale):  # problems in the actuals said in the plan's language
        observed = read_actuals(Path(actuals), plan)
    review = build_review(plan, observed, as_of, options.tolerance)
    tables = review_tables(review, options.tolerance)
    if formats:
        _write_reports(plan, review, tables, (Path(profile), Path(actuals)), formats, options)
    _print(review, tables, options.output_format)
    return 1 if review.counts["off_track"] else 0


def _print(review: Review, tables: Tables, output_format: str) -> None:
    from opsplan.track.report import github_lines, print_review

    if output_format == "json":
        print(json.dumps(review.model_dump(mode="json"), ensure_ascii=False, indent=2))
    elif output_format == "github":
        for line in github_lines(review, tables):
            print(line)
    else:
        from rich.console import Console

        print_review(review, tables, Console(highlight=False))


def report_files(
    plan: Plan, review: Review, tables: Tables, stem: str, formats: Sequence[str], tolerance: float
) -> list[tuple[str, bytes]]:
    """Return the report files as (file name, content) pairs, in the order of ``formats``."""
    from opsplan.track.chart import review_chart
    from opsplan.track.report import review_markdown

    png = review_chart(plan, review) if {"md", "docx"} & set(formats) else None
    files: list[tuple[str, bytes]] = []
    for fmt in formats:
        if fmt == "md":
            chart_name = f"{stem}.review.png" if png else None
            files.append((f"{stem}.review.md", review_markdown(review, tables, chart_name, tolerance).encode()))
            if png:
                files.append((f"{stem}.review.png", png))
        elif fmt == "docx":
            from opsplan.render.docx import DocumentInfo, build_docx

            text = review_markdown(review, tables, None, tolerance)
            info = DocumentInfo(title=tables.title, shop=review.shop, date=review.as_of, locale=review.locale)
            # two chapters, metrics then outlook; the chart goes at the end of the first
            docx = build_docx(text, info, chapters=["metrics", "outlook"], charts={"metrics": [png]} if png else None)
            files.append((f"{stem}.review.docx", docx))
        elif fmt == "xlsx":
            from opsplan.track.report_xlsx import review_xlsx

            files.append((f"{stem}.review.xlsx", review_xlsx(plan, review, tables)))
        else:
            text = json.dumps(review.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
            files.append((f"{stem}.review.json", text.encode()))
    return files


def _write_reports(
    plan: Plan, review: Review, tables: Tables, reads: tuple[Path, Path], formats: Sequence[str], options: TrackOptions
) -> None:
    import sys

    from opsplan.fileio import write_set

    stem = reads[0].stem
    files = report_files(plan, review, tables, stem, formats, options.tolerance)
    targets = [(options.out_dir / name, data) for name, data in files]
    written = write_set(targets, force=options.force, reads=reads)
    for path in written:
        print(iomsg("said.wrote", path=path), file=sys.stderr)
