"""Side-by-side performance figures for opsplan (issue 7), using only the standard library and pandoc.

    python bench/bench_perf.py            # all four targets
    python bench/bench_perf.py --quick    # fewer runs, for a first look

Each comparison runs the two commands alternately (A B A B …) and reports medians, min–max and the
median of the pair-by-pair ratios A/B, so drift in the machine's speed cancels out. Nothing here is
asserted: the figures are printed for the README and the issue notes.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
BIN = Path(sys.executable).parent
OPSPLAN = str(BIN / "opsplan")


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    """Run ``cmd`` once and return its wall time in seconds (output discarded; failure is fatal)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr.decode()[-2000:]}")
    return elapsed


def pair(a: list[str], b: list[str], runs: int, cwd: Path | None = None) -> dict[str, float]:
    """Time ``a`` and ``b`` alternately after a warm-up; return medians, ranges and the median ratio."""
    timed(a, cwd), timed(b, cwd)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a, cwd))
        tb.append(timed(b, cwd))
    ratios = [x / y for x, y in zip(ta, tb, strict=True)]
    return {
        "a": statistics.median(ta), "a_min": min(ta), "a_max": max(ta),
        "b": statistics.median(tb), "b_min": min(tb), "b_max": max(tb),
        "ratio": statistics.median(ratios),
    }  # fmt: skip


def row(label: str, r: dict[str, float], b_label: str, target: str) -> str:
    """Format one comparison as a Markdown table row."""
    return (
        f"| {label} | {r['a'] * 1000:.0f} ms ({r['a_min'] * 1000:.0f}–{r['a_max'] * 1000:.0f}) "
        f"| {b_label}: {r['b'] * 1000:.0f} ms ({r['b_min'] * 1000:.0f}–{r['b_max'] * 1000:.0f}) "
        f"| {r['ratio']:.2f}× | {target} |"
    )


def scaled_profile(source: Path, factor: int) -> dict:
    """Return the profile at ``source`` with its tasks, risks, KPIs, problems and pillars repeated ``factor``×."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if factor == 1:
        return data
    phases = data["timeline"]["phases"]
    new_phases = []
    for copy_no in range(factor):
        for phase in phases:
            clone = copy.deepcopy(phase)
            clone["id"] = f"{phase['id']}{copy_no}"
            for task in clone["tasks"]:
                task["after"] = [_rename(ref, copy_no, phases) for ref in task.get("after", [])]
            new_phases.append(clone)
    data["timeline"]["phases"] = new_phases
    for milestone in data["timeline"]["milestones"]:
        milestone["after"] = [_rename(ref, factor - 1, phases) for ref in milestone.get("after", [])]
    data["risks"] = [
        {**risk, "id": f"{risk['id']}x{n}"} for n in range(factor) for risk in data["risks"]
    ]  # fmt: skip
    data["kpis"] = [dict(k) for _ in range(factor) for k in data["kpis"]]
    data["problems"] = [dict(p, title=f"{p['title']} ({n + 1})") for n in range(factor) for p in data["problems"]]
    return data


def _rename(ref: str, copy_no: int, phases: list[dict]) -> str:
    if "." in ref:
        phase_id, task_id = ref.split(".", 1)
        return f"{phase_id}{copy_no}.{task_id}"
    for phase in phases:
        if any(t["id"] == ref for t in phase["tasks"]):
            return f"{phase['id']}{copy_no}.{ref}"
    return ref


def write_profile(data: dict, path: Path) -> Path:
    """Write ``data`` as YAML to ``path``."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    """Run the four comparisons of issue 7 and print them as Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--runs", type=int, default=0, help="runs per command (default 10, quick 3)")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 10)
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is needed for the comparisons (apt-get install pandoc)")
    work = Path(tempfile.mkdtemp(prefix="opsplan-bench-"))
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {runs} runs per command"
    print(f"# opsplan performance ({env_note})\n")
    print("| what | opsplan | against | ratio (median of pairs) | target |\n|---|---|---|---|---|")

    py = [sys.executable, "-c", "pass"]
    print(row("`opsplan --version`", pair([OPSPLAN, "--version"], py, runs), "`python -c pass`", "≤ 3×, < 100 ms"))
    print(row("`opsplan --help`", pair([OPSPLAN, "--help"], py, runs), "`python -c pass`", "< 100 ms"))

    examples = sorted(EXAMPLES.glob("*.yaml"))
    for example in examples:
        md = work / f"{example.stem}.md"
        subprocess.run([OPSPLAN, "render", str(example), "-f", "md", "-o", str(work), "--force"], check=True)
        ours = [OPSPLAN, "render", str(example), "-f", "docx", "-o", str(work), "--force"]
        theirs = ["pandoc", str(md), "-o", str(work / f"{example.stem}.pandoc.docx")]
        print(row(f"render {example.stem} -f docx", pair(ours, theirs, runs), "pandoc md→docx", "≤ 1.0×"))

    base = next((e for e in examples if e.stem.startswith("douyin-flowers.zh")), examples[0])
    per_unit = {}
    for factor in (1, 16):
        profile = write_profile(scaled_profile(base, factor), work / f"scaled{factor}.yaml")
        subprocess.run([OPSPLAN, "render", str(profile), "-f", "md", "-o", str(work), "--force"], check=True)
        md = work / f"scaled{factor}.md"
        ours = [OPSPLAN, "render", str(profile), "-f", "md,docx", "-o", str(work), "--force"]
        theirs = ["pandoc", str(md), "-o", str(work / f"scaled{factor}.pandoc.docx")]
        result = pair(ours, theirs, max(3, runs // 2))
        per_unit[factor] = result["a"] / md.stat().st_size
        target = "≤ 0.3×" if factor == 16 else "(reference)"
        print(row(f"{factor}× profile md+docx ({md.stat().st_size // 1024} KiB md)", result, "pandoc", target))
    flat = per_unit[16] / per_unit[1]
    print(f"\nCost per KiB of Markdown, 16× against 1×: {flat:.2f} (1.0 = linear; below 1 = fixed costs amortised)")

    batch = work / "batch"
    batch.mkdir()
    data = scaled_profile(base, 1)
    for n in range(200):
        data["shop"]["name"] = f"{data['shop']['name'][:20]}{n}"
        write_profile(data, batch / f"shop{n:03d}.yaml")
    files = sorted(str(p) for p in batch.glob("*.yaml"))
    out1, out2 = work / "out1", work / "out2"
    one = [OPSPLAN, "render", *files, "-f", "md,docx", "-o", str(out1), "--force", "--jobs", "1"]
    two = [OPSPLAN, "render", *files, "-f", "md,docx", "-o", str(out2), "--force", "--jobs", "2"]
    result = pair(one, two, max(2, runs // 4))
    single = [OPSPLAN, "render", files[0], "-f", "md,docx", "-o", str(work / "out0"), "--force"]
    t_single = statistics.median(timed(single) for _ in range(max(3, runs // 2)))
    per_plan = (result["a"] - t_single) / (len(files) - 1)
    print("\n| batch of 200 | --jobs 1 | --jobs 2 | speed-up | per plan, one process |\n|---|---|---|---|---|")
    print(
        f"| md+docx | {result['a']:.2f} s | {result['b']:.2f} s | {1 / result['ratio']:.2f}× (target ≥ 1.7×) "
        f"| {per_plan * 1000:.0f} ms (target ≤ 60 ms) |"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
