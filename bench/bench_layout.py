"""What does the layout estimate cost? CPU time of ``layout.estimate`` on a plan's DOCX, and of a render's estimate.

Every default render pays for one estimate in a fresh process, so the figure that counts is the cold one: the
estimate's caches (widths, pieces, styles, lines) cleared before each run. The warm figure (caches kept from the
run before) is given beside it. Medians of ``time.process_time`` over ``--runs`` runs, with the range; the DOCX
is built once per profile, as ``-f pdf`` builds its first (placeholder page numbers, no chapter breaks).

The render's own estimate (``docx.build_docx``) lays out what the body writer recorded as it wrote: its cost is the
writer's time with the record less its time without, and the laying out of the recorded blocks; the "read back"
column is what it cost before (the first DOCX packaged, read back, laid out), with the body written first in both
(as a render writes it before it estimates: the widths' caches are then warm).

    python bench/bench_layout.py [--runs 20] [PROFILE ...]     # default: the zh-CN and en flowers examples
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

from opsplan.render import docx, fontmetrics, layout, layout_docx, layout_lines, layout_mixed, layout_text
from opsplan.render.docx import chapter_bookmarks
from opsplan.render.docx_package import write_package
from opsplan.render.docx_toc import Contents
from opsplan.render.layout import estimate, estimate_document
from opsplan.render.markdown import render_markdown
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import checked_plan, document_info, plan_docx
from opsplan.render.pdf import placeholder_pages

if TYPE_CHECKING:
    from opsplan.plan import Plan

REPO = Path(__file__).resolve().parents[1]
DEFAULT = [REPO / "examples" / "douyin-flowers.zh-CN.yaml", REPO / "examples" / "douyin-flowers.en.yaml"]


def clear_caches() -> None:
    """Empty every cache of the estimate's modules (as in a new process)."""
    for module in (fontmetrics, layout, layout_docx, layout_lines, layout_mixed, layout_text):
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()
    layout_lines._MOST.clear()  # the widest advances it has learnt
    layout_lines._WIDE.clear()
    layout_mixed._FLAGS.clear()  # the characters' flags, advances and wideness it has learnt
    layout_mixed._WIDE_INK.clear()
    for advances in layout_mixed._ADVANCES.values():
        advances.clear()
    for widths in fontmetrics._WIDTHS.values():  # the characters measured
        widths.clear()
    fontmetrics._IS_WIDE.clear()
    for known in layout_text._KNOWN.values():  # the characters' flags, but for printable ASCII (known from the start)
        for character in [c for c in known if not " " <= c <= "~"]:
            del known[character]


def cpu_ms(docx: bytes, chapters: list[str], *, cold: bool) -> float:
    """Return the CPU time of one estimate of ``docx`` in ms."""
    if cold:
        clear_caches()
    start = time.process_time()
    estimate(docx, chapters)
    return (time.process_time() - start) * 1000


def render_ms(plan: Plan, markdown: str, chapters: list[str], *, recorded: bool) -> float:
    """Return the CPU time in ms of a render's estimate: from the record, or from the first DOCX read back.

    The caches are cleared and the body written once first, as a render writes it before it estimates.
    """
    clear_caches()
    info, keys = document_info(plan), [str(chapter.key) for chapter in plan.chapters]
    docx._write(markdown, info, keys, None, None, record=False)
    start = time.process_time()
    docx._write(markdown, info, keys, None, None, record=False)
    plain = time.process_time() - start
    start = time.process_time()
    written = docx._write(markdown, info, keys, None, None, record=recorded)
    recording = time.process_time() - start - plain if recorded else 0.0  # what the record adds to the writing
    start = time.process_time()
    contents = Contents(pages=placeholder_pages())
    if recorded:
        estimate_document(written.laid_out(contents), chapters)
    else:  # the first DOCX as build_docx packaged it (stored, not deflated), read back
        pieces, images = written.pieces(contents)
        frame = written.frame
        xml, landscape = docx._place_sections(pieces, frame.sections, frame.renames)
        first = write_package(
            frame, xml, landscape=landscape, properties=docx._properties(info), images=images, stored=True
        )
        estimate(first, chapters)
    return (time.process_time() - start + recording) * 1000


def cell(times: list[float]) -> str:
    """Return the median and range of ``times`` (ms) as a table cell."""
    return f"{statistics.median(times):.1f} ms ({min(times):.1f}–{max(times):.1f})"


def main() -> None:
    """Print a table: profile, the estimate's cold and warm CPU time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("profiles", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args()
    print("| profile | estimate CPU, cold | estimate CPU, warm | render: read back, cold | render: recorded, cold |")
    print("|---|---|---|---|---|")
    for profile in args.profiles:
        plan = checked_plan(profile, draft=False)
        markdown = render_markdown(plan, None, draft=False)
        chapters = chapter_bookmarks(markdown)
        docx = plan_docx(plan, markdown, RenderOptions(), pages=placeholder_pages())
        cold = [cpu_ms(docx, chapters, cold=True) for _ in range(args.runs)]
        warm = [cpu_ms(docx, chapters, cold=False) for _ in range(args.runs)]
        read = [render_ms(plan, markdown, chapters, recorded=False) for _ in range(args.runs)]
        recorded = [render_ms(plan, markdown, chapters, recorded=True) for _ in range(args.runs)]
        print(f"| {profile.name} | {cell(cold)} | {cell(warm)} | {cell(read)} | {cell(recorded)} |", flush=True)


if __name__ == "__main__":
    main()
