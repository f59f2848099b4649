"""What do ``opsplan render -f pdf``, ``-f docx`` and ``-f html`` cost against LibreOffice's own conversion of the DOCX?

For each profile, run by run and alternating: ``opsplan render PROFILE -f pdf`` (the DOCX laid out by LibreOffice:
converted until the chapter breaks and the contents' page numbers settle, usually three to five times), ``-f docx``
(the same layout; the DOCX is what is kept), ``-f html`` (no LibreOffice) and ``soffice --convert-to pdf
plan.docx`` on the DOCX opsplan writes for it without the layout (``--no-page-numbers``: one conversion), each
LibreOffice run with a fresh profile as opsplan uses. Whole-process wall times; medians with the range, and the
medians of the run-by-run ratios to the soffice conversion.

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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OPSPLAN = [sys.executable, "-m", "opsplan"]
DEFAULT = [REPO / "examples" / "douyin-flowers.zh-CN.yaml", REPO / "examples" / "douyin-flowers.en.yaml"]


def timed(command: list[str]) -> float:
    """Run ``command``; return its wall time in milliseconds."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def opsplan_render(profile: Path, work: Path, fmt: str) -> float:
    """Time ``opsplan render PROFILE -f FMT`` into a fresh folder."""
    out = Path(tempfile.mkdtemp(dir=work))
    laid_out = ["--page-numbers"] if fmt == "docx" else []  # the DOCX column is the laid-out DOCX
    return timed([*OPSPLAN, "render", str(profile), "-f", fmt, *laid_out, "-o", str(out)])


def cell(times: list[float]) -> str:
    """Return the median and range of ``times`` (ms) as a table cell."""
    return f"{statistics.median(times):.0f} ms ({min(times):.0f}–{max(times):.0f})"


def soffice_pdf(soffice: str, docx: Path, work: Path) -> float:
    """Time LibreOffice's own conversion of ``docx``, with a fresh private profile."""
    folder = Path(tempfile.mkdtemp(dir=work))
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    return timed([*command, "--outdir", str(folder), str(docx)])


def main() -> None:
    """Print a table: profile, opsplan -f pdf, -f docx and -f html, soffice --convert-to pdf, the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("profiles", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("bench_pdf: LibreOffice (soffice) is not installed")
    formats = ("pdf", "docx", "html")
    print("| profile | " + " | ".join(f"`render -f {f}`" for f in formats) + " | `soffice --convert-to pdf` | ratios |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as scratch:
        work = Path(scratch)
        for profile in args.profiles:
            docx_dir = Path(tempfile.mkdtemp(dir=work))
            command = [*OPSPLAN, "render", str(profile), "-f", "docx", "--no-page-numbers", "-o", str(docx_dir)]
            subprocess.run(command, check=True, capture_output=True)
            docx = docx_dir / f"{profile.stem}.docx"
            ours: dict[str, list[float]] = {f: [] for f in formats}
            theirs: list[float] = []
            for _ in range(args.runs):
                for fmt in formats:
                    ours[fmt].append(opsplan_render(profile, work, fmt))
                theirs.append(soffice_pdf(soffice, docx, work))
            ratios = ", ".join(
                f"{fmt} {statistics.median(a / b for a, b in zip(ours[fmt], theirs, strict=True)):.2f}×"
                for fmt in formats
            )
            cells = " | ".join(cell(ours[f]) for f in formats)
            print(f"| {profile.name} | {cells} | {cell(theirs)} | {ratios} |", flush=True)


if __name__ == "__main__":
    main()
