"""What does ``opsplan render -f pdf`` cost against LibreOffice's own conversion of the same DOCX?

For each profile, run by run and alternating: ``opsplan render PROFILE -f pdf`` (the DOCX built, converted two or
three times to settle the contents' page numbers) against ``soffice --convert-to pdf plan.docx`` on the DOCX
opsplan writes for it (one conversion, contents without page numbers), each with a fresh LibreOffice profile as
opsplan uses. Whole-process wall times; medians with the range, and the median of the run-by-run ratios.

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


def opsplan_pdf(profile: Path, work: Path) -> float:
    """Time ``opsplan render PROFILE -f pdf`` into a fresh folder."""
    out = Path(tempfile.mkdtemp(dir=work))
    return timed([*OPSPLAN, "render", str(profile), "-f", "pdf", "-o", str(out)])


def soffice_pdf(soffice: str, docx: Path, work: Path) -> float:
    """Time LibreOffice's own conversion of ``docx``, with a fresh private profile."""
    folder = Path(tempfile.mkdtemp(dir=work))
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    return timed([*command, "--outdir", str(folder), str(docx)])


def main() -> None:
    """Print a table: profile, opsplan -f pdf, soffice --convert-to pdf, ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("profiles", nargs="*", type=Path, default=DEFAULT)
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("bench_pdf: LibreOffice (soffice) is not installed")
    print("| profile | `opsplan render -f pdf` | `soffice --convert-to pdf` of its DOCX | ratio |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as scratch:
        work = Path(scratch)
        for profile in args.profiles:
            docx_dir = Path(tempfile.mkdtemp(dir=work))
            command = [*OPSPLAN, "render", str(profile), "-f", "docx", "-o", str(docx_dir)]
            subprocess.run(command, check=True, capture_output=True)
            docx = docx_dir / f"{profile.stem}.docx"
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(args.runs):
                ours.append(opsplan_pdf(profile, work))
                theirs.append(soffice_pdf(soffice, docx, work))
            ratio = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
            print(
                f"| {profile.name} | {statistics.median(ours):.0f} ms ({min(ours):.0f}–{max(ours):.0f}) "
                f"| {statistics.median(theirs):.0f} ms ({min(theirs):.0f}–{max(theirs):.0f}) | {ratio:.2f}× |",
                flush=True,
            )


if __name__ == "__main__":
    main()
