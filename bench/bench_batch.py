"""Where a batch's time goes: ``opsplan render`` of many plans with ``--jobs 2``, one or more opsplans side by side.

    python bench/bench_batch.py                                   # this Python's opsplan, 200 plans, 3 runs
    python bench/bench_batch.py --opsplan /tmp/main/bin/opsplan --opsplan .venv/bin/opsplan --count 200

Each run renders the same ``count`` profiles (the flower example, its shop renamed) to md+docx with its progress
bar on a pseudo-terminal, in new HOME, XDG_CACHE_HOME and TMPDIR folders (cold, as ``bench_cold.py``); the
opsplans take turns (A B A B …) so the machine's drift touches each alike. Printed per opsplan, medians of the
runs (Linux: the main process's CPU is read from /proc while it runs):

- wall a plan, and CPU a plan of every process (the main one and its workers, from ``wait4``);
- the main process's CPU a plan: writing the sets, the progress bar, taking the results from the workers;
- the first set written: the time from the start to the first file in the output folder (Python's start, the
  imports, the workers' start and their first plan);
- cores busy: CPU / wall (2.0 is both cores busy for the whole run);
- bytes a plan: what the plan's files hold, which is what a worker sends the main process for it.

Nothing is asserted: the figures are printed as Markdown.
"""

from __future__ import annotations

import argparse
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
BASE = REPO / "examples" / "douyin-flowers.zh-CN.yaml"
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class BatchRun:
    """One batch: seconds of wall time, CPU seconds of all its processes and of the main one, the first set's time,
    and the bytes written."""

    wall: float
    cpu: float
    main_cpu: float
    first: float
    written: int


def make_batch(folder: Path, count: int) -> list[str]:
    """Write ``count`` profiles into ``folder``, the example with its shop renamed; return their paths."""
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    name = data["shop"]["name"][:20]
    for n in range(count):
        data["shop"]["name"] = f"{name}{n}"
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"shop{n:03d}.yaml").write_text(text, encoding="utf-8")
    return sorted(str(p) for p in folder.glob("*.yaml"))


def _main_cpu(pid: int) -> float | None:
    """The CPU seconds process ``pid`` has used so far (Linux /proc), or None once it has ended."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] == "Z" else (int(fields[11]) + int(fields[12])) / TICKS


def run_batch(opsplan: str, files: list[str], work: Path) -> BatchRun:
    """Render ``files`` with ``opsplan`` and ``--jobs 2``, its stderr on a pseudo-terminal; return the figures."""
    home = Path(tempfile.mkdtemp(prefix="home", dir=work))
    out = home / "out"
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"), "TMPDIR": str(home)}
    command = [opsplan, "render", *files, "-f", "md,docx", "-o", str(out), "--force", "--jobs", "2"]
    leader, follower = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    os.set_blocking(leader, False)
    main_cpu, first = 0.0, 0.0
    while True:
        main_cpu = _main_cpu(process.pid) or main_cpu
        if not first and out.is_dir() and any(out.iterdir()):
            first = time.perf_counter() - start
        try:
            while os.read(leader, 65536):  # the progress bar, read as a terminal would
                pass
        except OSError:  # nothing more for now, or the terminal closed
            pass
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.005)
    wall = time.perf_counter() - start
    os.close(leader)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{opsplan} render failed ({os.waitstatus_to_exitcode(status)})")
    written = sum(path.stat().st_size for path in out.iterdir())
    shutil.rmtree(home)
    return BatchRun(wall, usage.ru_utime + usage.ru_stime, main_cpu, first, written)


def main() -> None:
    """Time the batch of each ``--opsplan`` in turns and print a Markdown table of the medians."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--opsplan", action="append", help="an opsplan to measure (default: this Python's)")
    parser.add_argument("--count", type=int, default=200, help="plans in the batch (default 200)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each opsplan (default 3)")
    args = parser.parse_args()
    opsplans = args.opsplan or [str(Path(sys.executable).parent / "opsplan")]
    work = Path(tempfile.mkdtemp(prefix="opsplan-batch-"))
    try:
        batch = work / "batch"
        batch.mkdir()
        files = make_batch(batch, args.count)
        runs: dict[str, list[BatchRun]] = {opsplan: [] for opsplan in opsplans}
        for _ in range(args.runs):
            for opsplan in opsplans:
                runs[opsplan].append(run_batch(opsplan, files, work))
        load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
        print(f"batch of {args.count} md+docx, --jobs 2, {args.runs} runs each ({os.cpu_count()} cores{load})\n")
        print("| opsplan | wall a plan | CPU a plan, all | main process's CPU a plan | first set written "
              "| cores busy | bytes a plan |\n|---|---|---|---|---|---|---|")  # fmt: skip
        for opsplan, done in runs.items():

            def median(field: str, done: list[BatchRun] = done) -> float:
                return float(statistics.median(getattr(r, field) for r in done))

            per = 1000 / args.count
            print(f"| {opsplan} | {median('wall') * per:.1f} ms | {median('cpu') * per:.1f} ms "
                  f"| {median('main_cpu') * per:.2f} ms | {median('first') * 1000:.0f} ms "
                  f"| {median('cpu') / median('wall'):.2f} | {median('written') / args.count:,.0f} |")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
