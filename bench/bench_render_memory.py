"""Peak memory of a cold render of the 64× plan (issue 14: goal ≤ 150 MiB), and what it writes.

    python bench/bench_render_memory.py                      # the flower example, 1× and 64×, md+docx+html
    python bench/bench_render_memory.py --factor 16 --formats md,docx

Each render runs in a fresh process with an empty HOME, XDG_CACHE_HOME and TMPDIR (cold, as CI and a new user
see it); the peak resident set size is the child's ``ru_maxrss``. The 64× profile repeats the example's phases
64 times one after another (a plan 64 times as long), and its risks, KPIs and problems 64 times (see
``bench_perf.scaled_profile``). Nothing is asserted: the figures are printed for the README and the issue.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_perf import EXAMPLES, OPSPLAN, scaled_profile, write_profile


def peak_render(profile: Path, formats: str, work: Path) -> tuple[float, dict[str, int]]:
    """Render ``profile`` cold in a child process; return its peak RSS in MiB and the output sizes in bytes."""
    home = work / "home"
    for folder in ("home", "cache", "tmp", "out"):
        (work / folder).mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(work / "cache"), "TMPDIR": str(work / "tmp")}
    cmd = [OPSPLAN, "render", str(profile), "-f", formats, "-o", str(work / "out"), "--force", "--draft"]
    # a child of its own, so that RUSAGE_CHILDREN holds this render alone
    code = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "sys.stderr.write(done.stderr.decode()[-2000:]) if done.returncode else None\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(done.returncode)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *cmd], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"render failed: {' '.join(cmd)}\n{done.stderr}")
    sizes = {}
    for path in sorted((work / "out").iterdir()):
        if path.suffix == ".docx":
            sizes["docx document.xml"] = len(zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml"))
        sizes[path.suffix.lstrip(".")] = path.stat().st_size
    return int(done.stdout.strip()) / 1024, sizes


def main() -> None:
    """Print peak RSS and output sizes of the example at 1× and at ``--factor``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", default="douyin-flowers.zh-CN.yaml")
    parser.add_argument("--factor", type=int, default=64)
    parser.add_argument("--formats", default="md,docx,html")
    args = parser.parse_args()
    print("| profile | formats | peak RSS (cold) | output |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="opsplan-mem-") as tmp:
        for factor in (1, args.factor):
            work = Path(tmp) / f"x{factor}"
            work.mkdir()
            profile = write_profile(scaled_profile(EXAMPLES / args.example, factor), work / f"scaled{factor}.yaml")
            mib, sizes = peak_render(profile, args.formats, work)
            made = ", ".join(f"{name} {size / 1024:,.0f} KiB" for name, size in sizes.items())
            print(f"| {factor}× {args.example} | {args.formats} | {mib:.0f} MiB | {made} |")
    print("\nGoal (issue 14): peak RSS ≤ 150 MiB for the 64× render.")


if __name__ == "__main__":
    main()
