"""Side-by-side performance figures for opsplan (issue 7), using only the standard library and pandoc.

    python bench/bench_perf.py                 # all targets (about 10 minutes on 2 cores)
    python bench/bench_perf.py --quick         # fewer runs, a batch of 40, for a first look
    python bench/bench_perf.py --only startup,examples

Each comparison runs the two commands alternately (A B A B …) and reports medians, min–max and the
median of the pair-by-pair ratios A/B, so drift in the machine's speed cancels out. Nothing here is
asserted: the figures are printed for the README and the issue notes.

The commands run with byte-compiled modules, as an installed opsplan does (pip compiles them at install
time): ``PYTHONDONTWRITEBYTECODE`` is dropped for them and ``PYTHONPYCACHEPREFIX`` points into the bench's
temporary folder, so the warm-up run compiles once and the repository gets no ``__pycache__`` folders.
The warm-up run also fills opsplan's compiled-template cache, as any earlier run of opsplan would have.
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
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
BIN = Path(sys.executable).parent
OPSPLAN = str(BIN / "opsplan")
SECTIONS = ("startup", "examples", "scale", "engine", "batch")
ENV = dict(os.environ)


def use_pycache(folder: Path) -> None:
    """Let the timed commands write and read byte-compiled modules under ``folder`` (see the docstring)."""
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    """Run ``cmd`` once and return its wall time in seconds (output discarded; failure is fatal)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
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


def scaled_profile(source: Path, factor: int) -> dict[str, Any]:
    """Return the profile at ``source`` with its tasks, risks, KPIs, problems and pillars repeated ``factor``×."""
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
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
    ids = [risk["id"] for risk in data["risks"]]
    data["risks"] = [
        _retarget({**risk, "id": f"{risk['id']}x{n}"}, ids, f"x{n}") for n in range(factor) for risk in data["risks"]
    ]  # fmt: skip
    data = _retarget(data, ids, "x0")  # references to a risk from elsewhere name its first copy
    data["kpis"] = [dict(k) for _ in range(factor) for k in data["kpis"]]
    data["problems"] = [dict(p, title=f"{p['title']} ({n + 1})") for n in range(factor) for p in data["problems"]]
    return data


def _retarget(value: object, ids: list[str], suffix: str) -> Any:
    """Point ``${risks.<id>.…}`` references in ``value``'s strings at the risk's copy named ``<id><suffix>``."""
    if isinstance(value, str):
        for ident in ids:
            value = value.replace(f"${{risks.{ident}.", f"${{risks.{ident}{suffix}.")
        return value
    if isinstance(value, dict):
        return {key: _retarget(item, ids, suffix) for key, item in value.items()}
    if isinstance(value, list):
        return [_retarget(item, ids, suffix) for item in value]
    return value


def _rename(ref: str, copy_no: int, phases: list[dict[str, Any]]) -> str:
    if "." in ref:
        phase_id, task_id = ref.split(".", 1)
        return f"{phase_id}{copy_no}.{task_id}"
    for phase in phases:
        if any(t["id"] == ref for t in phase["tasks"]):
            return f"{phase['id']}{copy_no}.{ref}"
    return ref


def write_profile(data: dict[str, Any], path: Path) -> Path:
    """Write ``data`` as YAML to ``path``."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


SCALE_SNIPPET = """
import io, sys, time, zipfile
from pathlib import Path
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import render_bytes
options = RenderOptions()
sizes, times = {}, {}
for name in sys.argv[1:]:
    md, docx = render_bytes(Path(name), options, ("md", "docx"))  # warm: imports, templates
    sizes[name] = len(md) + len(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
for _ in range(5):  # rounds over every size, so a slow spell of the machine touches them all alike
    for name in sys.argv[1:]:
        times.setdefault(name, []).append(_timed(render_bytes, Path(name), options))
for name in sys.argv[1:]:
    print(name, min(times[name]), sizes[name])
"""
SCALE_HELPER = """
def _timed(render_bytes, path, options):
    start = time.process_time()
    render_bytes(path, options, ("md", "docx"))
    return time.process_time() - start
"""


def quiet(cmd: list[str]) -> None:
    """Run ``cmd`` once, untimed (preparing inputs); failure is fatal."""
    done = subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr.decode()[-2000:]}")


def bench_startup(runs: int) -> None:
    """Target 1: ``--version`` and ``--help`` against ``python -c pass``."""
    py = [sys.executable, "-c", "pass"]
    print(row("`opsplan --version`", pair([OPSPLAN, "--version"], py, runs), "`python -c pass`", "≤ 3×, < 100 ms"))
    print(row("`opsplan --help`", pair([OPSPLAN, "--help"], py, runs), "`python -c pass`", "< 100 ms"))


def bench_examples(examples: list[Path], work: Path, runs: int) -> None:
    """Target 2: each example to DOCX against pandoc converting the example's own Markdown."""
    for example in examples:
        md = work / f"{example.stem}.md"
        quiet([OPSPLAN, "render", str(example), "-f", "md", "-o", str(work), "--force"])
        ours = [OPSPLAN, "render", str(example), "-f", "docx", "-o", str(work), "--force"]
        theirs = ["pandoc", str(md), "-o", str(work / f"{example.stem}.pandoc.docx")]
        print(row(f"render {example.stem} -f docx", pair(ours, theirs, runs), "pandoc md→docx", "≤ 1.0×"))


def bench_scale(base: Path, work: Path, runs: int) -> None:
    """Target 3: the 16× profile against pandoc, and the in-process cost per KiB from 1× to 16×."""
    factors = (1, 2, 4, 8, 16)
    profiles = {f: write_profile(scaled_profile(base, f), work / f"scaled{f}.yaml") for f in factors}
    for factor in (1, 16):
        profile = profiles[factor]
        quiet([OPSPLAN, "render", str(profile), "-f", "md", "-o", str(work), "--force"])
        md = work / f"scaled{factor}.md"
        ours = [OPSPLAN, "render", str(profile), "-f", "md,docx", "-o", str(work), "--force"]
        theirs = ["pandoc", str(md), "-o", str(work / f"scaled{factor}.pandoc.docx")]
        target = "≤ 0.3×" if factor == 16 else "(reference)"
        label = f"{factor}× profile md+docx ({md.stat().st_size // 1024} KiB md)"
        print(row(label, pair(ours, theirs, max(3, runs // 2)), "pandoc", target))
    for factor in factors[1:-1]:
        quiet([OPSPLAN, "render", str(profiles[factor]), "-f", "md", "-o", str(work), "--force"])
    code = SCALE_HELPER + SCALE_SNIPPET
    done = subprocess.run([sys.executable, "-c", code, *(str(profiles[f]) for f in factors)], env=ENV,
                          capture_output=True, text=True, check=True)  # fmt: skip
    rows = [line.split() for line in done.stdout.splitlines()]
    cpu = {Path(name).stem: float(seconds) for name, seconds, _ in rows}
    made = {Path(name).stem: int(size) / 1024 for name, _, size in rows}
    print("\nIn one process, md+docx, best of 5 (CPU time; 1.0 = as linear as 1×). Output is the Markdown plus")
    print("the DOCX body (document.xml), which grows faster than the Markdown: a Gantt row is a line of")
    print("Markdown but a row of table cells in the DOCX.\n")
    print("| profile | Markdown | output | ms | µs per KiB of output | against 1× |\n|---|---|---|---|---|---|")
    first = None
    for factor in factors:
        kib = (work / f"scaled{factor}.md").stat().st_size / 1024
        per_kib = cpu[f"scaled{factor}"] / made[f"scaled{factor}"]
        first = first or per_kib
        print(
            f"| {factor}× | {kib:.0f} KiB | {made[f'scaled{factor}']:.0f} KiB | {cpu[f'scaled{factor}'] * 1000:.0f} "
            f"| {per_kib * 1e6:.0f} | {per_kib / first:.2f} |"
        )


def bench_engine() -> None:
    """Target 3: a 10,000-task timeline through ``build_plan`` (CPU time, best of 3)."""
    code = (
        "import sys, timeit, time; sys.path.insert(0, sys.argv[1]); from bench_engine import generated_profile;"
        "from opsplan.plan import build_plan; p = generated_profile(10_000);"
        "print(min(timeit.repeat(lambda: build_plan(p), number=1, repeat=3, timer=time.process_time)))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)], env=ENV, capture_output=True,
                          text=True, check=True)  # fmt: skip
    seconds = float(done.stdout.split()[-1])
    print(f"\n10,000-task timeline: build_plan takes {seconds * 1000:.0f} ms (target < 1 s)")


def bench_batch(base: Path, work: Path, runs: int, count: int) -> None:
    """Target 4: ``count`` profiles with ``--jobs 1`` and ``--jobs 2``, and the per-plan cost."""
    batch = work / "batch"
    batch.mkdir()
    data = scaled_profile(base, 1)
    name = data["shop"]["name"][:20]
    for n in range(count):
        data["shop"]["name"] = f"{name}{n}"
        write_profile(data, batch / f"shop{n:03d}.yaml")
    files = sorted(str(p) for p in batch.glob("*.yaml"))
    out1, out2 = work / "out1", work / "out2"
    one = [OPSPLAN, "render", *files, "-f", "md,docx", "-o", str(out1), "--force", "--jobs", "1"]
    two = [OPSPLAN, "render", *files, "-f", "md,docx", "-o", str(out2), "--force", "--jobs", "2"]
    result = pair(one, two, max(2, runs // 4))
    single = [OPSPLAN, "render", files[0], "-f", "md,docx", "-o", str(work / "out0"), "--force"]
    t_single = statistics.median(timed(single) for _ in range(max(3, runs // 2)))
    per_plan = (result["a"] - t_single) / (len(files) - 1)
    print(f"\n| batch of {count} | --jobs 1 | --jobs 2 | speed-up | per plan, one process |\n|---|---|---|---|---|")
    print(
        f"| md+docx | {result['a']:.2f} s | {result['b']:.2f} s | {result['ratio']:.2f}× (target ≥ 1.7×) "
        f"| {per_plan * 1000:.0f} ms (target ≤ 60 ms) |"
    )


def main() -> None:
    """Run the comparisons of issue 7 and print them as Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a batch of 40")
    parser.add_argument("--runs", type=int, default=0, help="runs per command (default 10, quick 3)")
    parser.add_argument("--batch", type=int, default=0, help="profiles in the batch (default 200, quick 40)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 10)
    count = args.batch or (40 if args.quick else 200)
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := sections - set(SECTIONS):
        raise SystemExit(f"--only: unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is needed for the comparisons (apt-get install pandoc)")
    work = Path(tempfile.mkdtemp(prefix="opsplan-bench-"))
    use_pycache(work / "pycache")
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    env_note = f"{os.cpu_count()} cores{load}, Python {sys.version.split()[0]}, {runs} runs per command"
    print(f"# opsplan performance ({env_note})\n")
    print("| what | opsplan | against | ratio (median of pairs) | target |\n|---|---|---|---|---|")
    examples = sorted(EXAMPLES.glob("*.yaml"))
    base = next((e for e in examples if e.stem.startswith("douyin-flowers.zh")), examples[0])
    try:
        if "startup" in sections:
            bench_startup(runs)
        if "examples" in sections:
            bench_examples(examples, work, runs)
        if "scale" in sections:
            bench_scale(base, work, runs)
        if "engine" in sections:
            bench_engine()
        if "batch" in sections:
            bench_batch(base, work, runs, count)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
