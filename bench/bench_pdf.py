"""What does ``opsplan render -f pdf`` cost, starting from the layout estimate and starting from a LibreOffice layout?

For each profile, run by run and alternating, in one process: the plan's DOCX and PDF made as ``render -f pdf``
makes them (``render.pdf.render_pdf``), once starting from the layout estimate (``render.layout``: LibreOffice
confirms it in one conversion where it is right) and once starting, as before the estimate, from a LibreOffice
layout of the DOCX with no chapter breaks; the LibreOffice conversions each made are counted. For scale, ``soffice
--convert-to pdf`` of the plan's DOCX (one conversion, no layout), with a fresh profile as opsplan uses. Wall times
of the render (the plan already computed, its Markdown written), medians with the range; the estimate's own CPU
time (``time.process_time`` over ten runs after one to warm up).

    python bench/bench_pdf.py [--runs 3] [PROFILE ...]     # default: the zh-CN and en flowers examples
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from opsplan.render import pdf
from opsplan.render.docx import chapter_bookmarks
from opsplan.render.layout import estimate
from opsplan.render.markdown import render_markdown
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import checked_plan, plan_docx

REPO = Path(__file__).resolve().parents[1]
DEFAULT = [REPO / "examples" / "douyin-flowers.zh-CN.yaml", REPO / "examples" / "douyin-flowers.en.yaml"]


def cell(times: list[float]) -> str:
    """Return the median and range of ``times`` (ms) as a table cell."""
    return f"{statistics.median(times):.0f} ms ({min(times):.0f}–{max(times):.0f})"


def counted_render(build: pdf.Build, chapters: list[str], estimated: bool) -> tuple[float, int]:
    """Render the PDF; return its wall time (ms) and how many LibreOffice conversions it made."""
    convert = pdf.docx_to_pdf
    made = 0

    def counting(docx: bytes, *, soffice: str | None = None, timeout: float | None = None) -> bytes:
        nonlocal made
        made += 1
        return convert(docx, soffice=soffice, timeout=timeout)

    pdf.docx_to_pdf = counting
    try:
        start = time.perf_counter()
        pdf.render_pdf(build, chapters, estimated=estimated)
        return (time.perf_counter() - start) * 1000, made
    finally:
        pdf.docx_to_pdf = convert


def soffice_pdf(soffice: str, docx: Path, work: Path) -> float:
    """Time LibreOffice's own conversion of ``docx``, with a fresh private profile."""
    folder = Path(tempfile.mkdtemp(dir=work))
    command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf"]
    start = time.perf_counter()
    subprocess.run([*command, "--outdir", str(folder), str(docx)], check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def estimate_cpu(docx: bytes, chapters: list[str]) -> float:
    """Return the CPU time of one estimate in ms (the median-free mean of ten, after one to warm up)."""
    estimate(docx, chapters)
    start = time.process_time()
    for _ in range(10):
        estimate(docx, chapters)
    return (time.process_time() - start) * 100


def main() -> None:
    """Print a table: profile, -f pdf from the estimate and from a LibreOffice layout, soffice, the estimate's CPU."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("profiles", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("bench_pdf: LibreOffice (soffice) is not installed")
    print(
        "| profile | `-f pdf` from the estimate | conversions | `-f pdf` from a LibreOffice layout | conversions "
        "| `soffice --convert-to pdf` | estimate CPU |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as scratch:
        work = Path(scratch)
        for profile in args.profiles:
            plan = checked_plan(profile, draft=False)
            markdown = render_markdown(plan, None, draft=False)
            chapters = chapter_bookmarks(markdown)
            options = RenderOptions()

            def build(pages: Mapping[str, int], breaks: frozenset[str]) -> bytes:
                return plan_docx(plan, markdown, options, pages=pages, breaks=breaks)  # noqa: B023

            first = build(pdf.placeholder_pages(), frozenset())
            docx = work / f"{profile.stem}.docx"
            docx.write_bytes(first)
            after: list[float] = []
            before: list[float] = []
            theirs: list[float] = []
            counts: dict[bool, set[int]] = {True: set(), False: set()}
            for _ in range(args.runs):
                for estimated, times in ((True, after), (False, before)):
                    spent, made = counted_render(build, chapters, estimated)
                    times.append(spent)
                    counts[estimated].add(made)
                theirs.append(soffice_pdf(soffice, docx, work))
            cpu = estimate_cpu(first, chapters)
            made_after = "/".join(map(str, sorted(counts[True])))
            made_before = "/".join(map(str, sorted(counts[False])))
            print(
                f"| {profile.name} | {cell(after)} | {made_after} | {cell(before)} | {made_before} | {cell(theirs)} "
                f"| {cpu:.0f} ms |",
                flush=True,
            )


if __name__ == "__main__":
    main()
