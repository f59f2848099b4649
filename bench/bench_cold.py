"""Cold and warm performance of opsplan, side by side (issue 14), with the standard library, pandoc and opsplan.

    python bench/bench_cold.py                  # every goal (about 15 minutes on 2 cores)
    python bench/bench_cold.py --quick          # fewer runs, smaller scales, a batch of 40
    python bench/bench_cold.py --only startup,examples

The opsplan measured is installed from this repository into a new virtual environment with the locked versions
(``pip install -c constraints.txt .``: a wheel, with what its build hook prepares), as a user and CI install it;
``--current`` measures the opsplan of the Python running the bench instead (an editable install compiles the
templates on every first run, so it is slower cold than what users get).

*Cold* is what a new user and CI see: every run gets a new, empty HOME, XDG_CACHE_HOME and TMPDIR, so no cache
of any tool (opsplan's, matplotlib's, LibreOffice's) survives from one run to the next. *Warm* runs share one
set of folders that an untimed run filled first. Byte-compiled modules are as an installed package has them
(pip compiles them when it installs), so cold means "first run after installing", not "first run ever".

Each comparison runs the two commands alternately (A B A B …) and reports the medians, their min–max and the
median of the pair-by-pair ratios A/B, so drift in the machine's speed cancels out. Peak memory is the child's
own maximum resident set (``wait4``). Nothing is asserted: the figures are printed as Markdown for the README.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import math
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
OPSPLAN = str(Path(sys.executable).parent / "opsplan")  # replaced by the bench's own install unless --current
TABLE_HEAD = (
    "| what | opsplan, cold | against, cold | ratio, cold | opsplan warm, ratio | goal |\n|---|---|---|---|---|---|"
)
SECTIONS = ("startup", "examples", "check", "scale", "batch")
HELP_COMMANDS = (
    ["--version"], ["--help"], ["render", "--help"], ["check", "--help"], ["new", "--help"],
    ["presets"], ["metrics"], ["schema"],
)  # fmt: skip


@dataclass
class Run:
    """One finished process: wall seconds, peak resident memory in MiB and CPU seconds (user and system)."""

    seconds: float
    peak_mib: float
    cpu: float = 0.0


class Folders:
    """Fresh HOME, XDG_CACHE_HOME and TMPDIR for every run (cold), or one shared set (warm)."""

    def __init__(self, root: Path, cold: bool) -> None:
        self.root, self.cold = root, cold
        root.mkdir(parents=True, exist_ok=True)
        self.shared = None if cold else self._new()

    def _new(self) -> dict[str, str]:
        home = Path(tempfile.mkdtemp(prefix="home", dir=self.root))
        for sub in ("cache", "tmp"):
            (home / sub).mkdir(parents=True)
        return {"HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"), "TMPDIR": str(home / "tmp")}

    def env(self) -> dict[str, str]:
        """Return the environment for the next run."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
        env.update(self._new() if self.cold else self.shared or {})
        return env


def run(cmd: list[str], folders: Folders, cwd: Path | None = None, terminal: bool = False) -> Run:
    """Run ``cmd`` once; return its wall time, peak memory and CPU time (a failure is fatal: a bench of an error
    is no bench). ``terminal``: its stderr is a pseudo-terminal, so a batch shows its progress bar there."""
    env = folders.env()
    start = time.perf_counter()
    if terminal:
        leader, follower = pty.openpty()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        err = _read_to_end(leader)
    else:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: check found something, which is still a finished check
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')[-2000:]}")
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def _read_to_end(leader: int) -> bytes:
    """Read a pseudo-terminal's leader until every process writing to it has closed it; then close it."""
    shown = bytearray()
    with contextlib.suppress(OSError):  # EIO: the last writer closed the terminal
        while chunk := os.read(leader, 65536):
            shown += chunk
    os.close(leader)
    return bytes(shown)


@dataclass
class Pair:
    """Medians and ranges of two commands timed alternately, and the median of their ratios."""

    a: list[Run]
    b: list[Run]

    @property
    def ratio(self) -> float:
        """The median of the pair-by-pair ratios A/B."""
        return statistics.median(x.seconds / y.seconds for x, y in zip(self.a, self.b, strict=True))

    @staticmethod
    def text(runs: list[Run]) -> str:
        """``123 ms (110–140)`` for a list of runs."""
        ms = [r.seconds * 1000 for r in runs]
        return f"{statistics.median(ms):.0f} ms ({min(ms):.0f}–{max(ms):.0f})"


def pair(
    a: list[str], b: list[str], runs: int, folders: Folders, cwd: Path | None = None, terminal: bool = False
) -> Pair:
    """Time ``a`` and ``b`` alternately after one untimed run of each (which fills the warm folders)."""
    run(a, folders, cwd, terminal), run(b, folders, cwd, terminal)
    ra, rb = [], []
    for _ in range(runs):
        ra.append(run(a, folders, cwd, terminal))
        rb.append(run(b, folders, cwd, terminal))
    return Pair(ra, rb)


def both(label: str, a: list[str], b: list[str], b_label: str, runs: int, work: Path, target: str) -> tuple[Pair, Pair]:
    """Print one Markdown row with the cold figures and the warm ones beside them; return the cold and warm pairs."""
    cold = pair(a, b, runs, Folders(work / "cold", cold=True))
    warm = pair(a, b, runs, Folders(work / "warm", cold=False))
    print(
        f"| {label} | {Pair.text(cold.a)} | {b_label}: {Pair.text(cold.b)} | **{cold.ratio:.2f}×** "
        f"| {Pair.text(warm.a)}, {warm.ratio:.2f}× | {target} |",
        flush=True,
    )
    return cold, warm


@dataclass
class Goal:
    """One goal of issue 14 with its cold and warm figures, for the summary printed at the end."""

    what: str
    cold: str
    warm: str
    target: str
    met: bool


GOALS: list[Goal] = []


def goal(what: str, cold: float, warm: float | None, limit: float, unit: str = "×") -> None:
    """Record a goal whose figure must be at most ``limit`` (a ratio, or milliseconds / MiB by ``unit``)."""

    def fmt(value: float) -> str:
        return f"{value:.2f}{unit}" if unit in ("×", "") else f"{value:.0f} {unit}"

    warm_text = fmt(warm) if warm is not None else "—"
    GOALS.append(Goal(what, fmt(cold), warm_text, f"≤ {fmt(limit)}", cold <= limit))


def median_ms(runs: list[Run]) -> float:
    """The median wall time of ``runs`` in milliseconds."""
    return statistics.median(r.seconds for r in runs) * 1000


def print_goals() -> None:
    """Print every goal recorded, cold beside warm, and whether the cold figure meets it."""
    print("\n| goal (issue 14) | cold | warm | target | met, cold |\n|---|---|---|---|---|")
    for g in GOALS:
        print(f"| {g.what} | {g.cold} | {g.warm} | {g.target} | {'yes' if g.met else '**no**'} |")


def draft_flag() -> list[str]:
    """``--draft`` when this opsplan has it: the bench's scaled plans exceed their horizons on purpose."""
    done = subprocess.run([OPSPLAN, "render", "--help"], capture_output=True, text=True, check=False)
    return ["--draft"] if "--draft" in done.stdout else []


def bench_startup(runs: int, work: Path) -> None:
    """Goal: every ``--help``, ``presets``, ``metrics``, ``schema``, ``--version`` ≤ 100 ms cold."""
    py = [sys.executable, "-c", "pass"]
    for args in HELP_COMMANDS:
        name = f"`opsplan {' '.join(args)}`"
        cold, warm = both(name, [OPSPLAN, *args], py, "`python -c pass`", runs, work, "≤ 100 ms cold")
        goal(f"{name}, whole process", median_ms(cold.a), median_ms(warm.a), 100, "ms")


def bench_examples(examples: list[Path], work: Path, runs: int) -> None:
    """Goal: render md+docx of each example ≤ 0.6× pandoc converting the same Markdown, cold."""
    cold_ratios, warm_ratios = [], []
    for example in examples:
        out = work / "out"
        subprocess.run([OPSPLAN, "render", str(example), "-f", "md", "-o", str(out), "--force", *draft_flag()],
                       check=True, capture_output=True)  # fmt: skip
        md = out / f"{example.stem}.md"
        ours = [OPSPLAN, "render", str(example), "-f", "md,docx", "-o", str(out), "--force", *draft_flag()]
        theirs = ["pandoc", str(md), "-o", str(work / f"{example.stem}.pandoc.docx")]
        cold, warm = both(f"render {example.stem} md+docx", ours, theirs, "pandoc", runs, work, "≤ 0.6× cold")
        cold_ratios.append(cold.ratio)
        warm_ratios.append(warm.ratio)
    goal(f"render md+docx / pandoc, worst of {len(examples)} examples", max(cold_ratios), max(warm_ratios), 0.6)
    goal(f"render md+docx / pandoc, median of {len(examples)} examples", statistics.median(cold_ratios),
         statistics.median(warm_ratios), 0.6)  # fmt: skip


def bench_check(examples: list[Path], work: Path, runs: int) -> None:
    """Goals: check of a profile ≤ 0.5× its render; check of a DOCX ≤ 0.3× the render."""
    for example in examples[:2]:
        out = work / "out"
        render = [OPSPLAN, "render", str(example), "-f", "md,docx", "-o", str(out), "--force", *draft_flag()]
        subprocess.run(render, check=True, capture_output=True)
        docx = out / f"{example.stem}.docx"
        cold, warm = both(f"check {example.name}", [OPSPLAN, "check", str(example)], render, "render", runs, work,
                          "≤ 0.5×")  # fmt: skip
        goal(f"check {example.name} / its render", cold.ratio, warm.ratio, 0.5)
        cold, warm = both(f"check {docx.name}", [OPSPLAN, "check", str(docx)], render, "render", runs, work, "≤ 0.3×")
        goal(f"check {docx.name} / the render", cold.ratio, warm.ratio, 0.3)


def longer_profile(source: Path, factor: int) -> dict[str, Any]:
    """``factor`` copies of every phase, one after the other, and every risk, KPI and problem ``factor`` times."""
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    phases = data["timeline"]["phases"]
    task_phase = {t["id"]: p["id"] for p in phases for t in p["tasks"]}

    def renamed(ref: str, n: int) -> str:
        phase, _, task = ref.rpartition(".")
        return f"{phase or task_phase.get(task, '')}{n}.{task}" if (phase or task in task_phase) else ref

    new_phases = []
    for n in range(factor):
        for phase in phases:
            clone = copy.deepcopy(phase)
            clone["id"] = f"{phase['id']}{n}"
            for task in clone["tasks"]:
                task["after"] = [renamed(ref, n) for ref in task.get("after", [])]
            new_phases.append(clone)
    data["timeline"]["phases"] = new_phases
    for milestone in data["timeline"].get("milestones", []):
        milestone["after"] = [renamed(ref, factor - 1) for ref in milestone.get("after", [])]
    _widen_lists(data, factor)
    return data


def wider_profile(source: Path, factor: int) -> dict[str, Any]:
    """Every task ``factor`` times side by side in its phase (same span of time), lists ``factor`` times."""
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    for phase in data["timeline"]["phases"]:
        local = {t["id"] for t in phase["tasks"]}
        clones = []
        for n in range(factor):
            for task in phase["tasks"]:
                clone = dict(task, id=f"{task['id']}w{n}" if n else task["id"], name=f"{task['name']} {n + 1}")
                clone["after"] = [f"{r}w{n}" if n and r in local else r for r in task.get("after", [])]
                clones.append(clone)
        phase["tasks"] = clones
    _widen_lists(data, factor)
    return data


def _widen_lists(data: dict[str, Any], factor: int) -> None:
    # the first copy keeps its id, so text that names a risk (${risks.R02.response_hours}) still finds it
    data["risks"] = [
        {**r, "id": f"{r['id']}x{n}" if n else r["id"]} for n in range(factor) for r in data.get("risks", [])
    ]
    data["kpis"] = [dict(k) for _ in range(factor) for k in data.get("kpis", [])]
    data["problems"] = [dict(p, title=f"{p['title']} ({n + 1})") for n in range(factor) for p in data["problems"]]


FIT_OF = {"time": ", fastest run a size", "CPU time": ", fastest run a size", "instructions": ", callgrind"}


def fastest(runs: Sequence[Run], cpu: bool = False) -> float:
    """The least wall (or CPU) time of ``runs`` in ms: the one a busy machine disturbed least, for the growth fits.

    A render is deterministic, so another process on the machine can only make a run slower: the median of three
    runs a size on the shared 2-core machine read the wider plan as 1.33 (07:37 run: 1× 392 ms and 4× 440 ms slowed
    by a busy spell that spared 16× at 556 ms) while its instructions grow with an exponent of 1.02.
    """
    return min(r.cpu if cpu else r.seconds for r in runs) * 1000


def instructions(cmd: list[str], folders: Folders) -> int | None:
    """Count the instructions ``cmd`` (an opsplan command) executes under callgrind: load-proof; None without valgrind.

    Under valgrind a 64× plan's templates take longer than the CPU limit that stops a runaway template
    (``environment.RENDER_SECONDS``), so the command runs with that limit lifted, from its own Python.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    lifted = (
        "import sys; import opsplan.render.environment as e; e.RENDER_SECONDS = 1e9; "
        "from opsplan._entry import main; sys.argv[0] = 'opsplan'; main()"
    )
    python = str(Path(cmd[0]).with_name("python"))
    done = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", lifted,
                           *cmd[1:]], env=folders.env(), capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"command failed under valgrind ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return collected(done.stderr)


def collected(report: str) -> int:
    """The instruction count in callgrind's closing report (``==123== Collected : 1098660882``)."""
    for line in report.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise ValueError("no 'Collected :' line in callgrind's report")


def exponent(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) on log(x): 1.0 is linear growth."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def growth_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """The exponent p of the best fit of y = a + b·kᵖ (b > 0) to ``points`` (k, y), by least squares in y itself.

    a is the cost paid whatever the plan's length (Python, imports, the 1× content); p says how the rest grows:
    1.0 is linear. Errors are measured in milliseconds (or KiB), not in logarithms, so the sizes whose added cost
    stands well above the machine's noise decide the fit, and a 4× run within a few ms of the 1× run cannot bend
    it. p is searched from 0.25 to 3 in steps of 0.005; None when y does not grow with k.
    """
    best: tuple[float, float] | None = None
    for step in range(50, 601):
        p = step / 200
        xs = [k**p for k, _ in points]
        ys = [y for _, y in points]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        spread = sum((x - mx) ** 2 for x in xs)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread
        if slope <= 0:
            continue
        error = sum((my + slope * (x - mx) - y) ** 2 for x, y in zip(xs, ys, strict=True))
        if best is None or error < best[0]:
            best = (error, p)
    return None if best is None else best[1]


def bench_scale(base: Path, work: Path, runs: int, factors: tuple[int, ...], count: bool = True) -> None:
    """Goals: output size and time linear (exponent ≤ 1.1) 1×→64×; peak memory ≤ 150 MiB at 64×.

    Each size is rendered and its DOCX checked ``max(3, runs)`` times, in rounds that take every size once in turn
    (1× 4× 16× 64×, 1× 4× …), so a slow spell of the machine falls on every size alike instead of on one, whose
    lone outlier bent the fit (a 1× run slower than the 4× one read as an exponent of 1.3). The table gives each
    size's median; the time exponents are fitted to each size's fastest run (``fastest``). ``count``: also count
    each size's instructions once under callgrind, when valgrind is installed, and fit their exponent: the figure
    no load can bend.
    """
    flag = draft_flag()
    rounds = max(3, runs)
    for shape, build in (("longer", longer_profile), ("wider", wider_profile)):
        print(f"\n| {shape} plan | tasks | render md+docx, cold | its CPU time | peak MiB | output KiB (md+docx) "
              f"| check docx, cold | check peak MiB | instructions |\n" + "|---" * 9 + "|")  # fmt: skip
        renders, tasks = {}, {}
        for factor in factors:
            data = build(base, factor)
            profile = work / f"{shape}{factor}.yaml"
            profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            out = work / f"{shape}-out-{factor}"
            renders[factor] = [OPSPLAN, "render", str(profile), "-f", "md,docx", "-o", str(out), "--force", *flag]
            tasks[factor] = sum(len(p["tasks"]) for p in data["timeline"]["phases"])
        folders = Folders(work / "cold", cold=True)
        for factor in factors:  # untimed: writes each DOCX that check reads
            run(renders[factor], folders)
        rendered: dict[int, list[Run]] = {factor: [] for factor in factors}
        checked: dict[int, list[Run]] = {factor: [] for factor in factors}
        for _ in range(rounds):
            for factor in factors:
                rendered[factor].append(run(renders[factor], folders))
                checked[factor].append(run([OPSPLAN, "check", _docx_of(renders[factor])], folders))
        times, cpus, sizes, peaks, counts = [], [], [], [], []
        for factor in factors:
            docx = Path(_docx_of(renders[factor]))
            size = (docx.stat().st_size + docx.with_suffix(".md").stat().st_size) / 1024
            peaks.append((max(r.peak_mib for r in rendered[factor]), max(r.peak_mib for r in checked[factor])))
            times.append((factor, fastest(rendered[factor])))
            cpus.append((factor, fastest(rendered[factor], cpu=True)))
            sizes.append((factor, size))
            counted = instructions(renders[factor], folders) if count else None
            if counted is not None:
                counts.append((factor, counted / 1e6))
            print(
                f"| {factor}× | {tasks[factor]} | {Pair.text(rendered[factor])} "
                f"| {statistics.median(r.cpu for r in rendered[factor]) * 1000:.0f} ms | {peaks[-1][0]:.0f} "
                f"| {size:.0f} | {Pair.text(checked[factor])} | {peaks[-1][1]:.0f} "
                f"| {f'{counted / 1e6:.0f}M' if counted is not None else '—'} |"
            )
        last = factors[-1]
        measured = {"output size": sizes, "time": times, "CPU time": cpus}
        if len(counts) == len(factors):
            measured["instructions"] = counts
        fits = {what: growth_exponent(points) for what, points in measured.items()}
        for what, fitted in fits.items():
            if fitted is not None:
                how = FIT_OF.get(what, "")
                goal(f"{shape} plan: {what} exponent 1×→{last}× (fit of a + b·kᵖ{how})", fitted, None, 1.1, "")
        goal(f"{shape} plan {last}×: peak memory of the render", peaks[-1][0], None, 150, "MiB")
        goal(f"{shape} plan {last}×: peak memory of check of its DOCX", peaks[-1][1], None, 150, "MiB")
        said = "; ".join(f"{what} {'n/a' if fitted is None else f'{fitted:.2f}'}" for what, fitted in fits.items())
        of_medians = growth_exponent(
            [(factor, statistics.median(r.seconds for r in rendered[factor]) * 1000) for factor in factors]
        )
        said += f"; time fitted to the medians of the table {'n/a' if of_medians is None else f'{of_medians:.2f}'}"
        print(f"\nfitted exponent p of a + b·kᵖ, {shape}: {said}; of the whole size against k (log-log, the fixed "
              f"part included) {exponent(sizes):.2f}; last step {factors[-2]}×→{factors[-1]}×: time "
              f"×{times[-1][1] / times[-2][1]:.2f}, size ×{sizes[-1][1] / sizes[-2][1]:.2f} "
              f"(×{factors[-1] / factors[-2]:.0f} would be linear in the content)")  # fmt: skip
    longer16 = work / "longer16.yaml"
    if longer16.exists():  # goal: ≤ 0.3× pandoc at 16×, on the Markdown of the same plan
        out = work / "longer-out-16"
        render = [OPSPLAN, "render", str(longer16), "-f", "md,docx", "-o", str(out), "--force", *flag]
        theirs = ["pandoc", str(out / "longer16.md"), "-o", str(work / "longer16.pandoc.docx")]
        print("\n" + TABLE_HEAD)
        cold, warm = both("render longer 16× md+docx", render, theirs, "pandoc", max(1, runs // 2), work, "≤ 0.3× cold")
        goal("render md+docx / pandoc at 16× (longer)", cold.ratio, warm.ratio, 0.3)


def _docx_of(render: list[str]) -> str:
    """The DOCX that the render command ``render`` writes: its profile's stem in its ``-o`` folder."""
    out = Path(render[render.index("-o") + 1])
    return str(out / f"{Path(render[2]).stem}.docx")


def bench_batch(base: Path, work: Path, runs: int, count: int) -> None:
    """Goal: ``count`` plans with ``--jobs 2`` at ≤ 30 ms a plan, cold."""
    batch = work / "batch"
    batch.mkdir()
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    name = data["shop"]["name"][:20]
    for n in range(count):
        data["shop"]["name"] = f"{name}{n}"
        (batch / f"shop{n:03d}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    files = sorted(str(p) for p in batch.glob("*.yaml"))
    flag = draft_flag()
    two = [OPSPLAN, "render", *files, "-f", "md,docx", "-o", str(work / "out2"), "--force", "--jobs", "2", *flag]
    one = [OPSPLAN, "render", *files, "-f", "md,docx", "-o", str(work / "out1"), "--force", "--jobs", "1", *flag]
    heads = "--jobs 2 | --jobs 1 | speed-up | per plan with --jobs 2 | CPU a plan, --jobs 2"
    print(f"\n| batch of {count}, md+docx, its progress bar on a terminal | {heads} |")
    print("|---|---|---|---|---|---|")
    per_plan = {}
    for kind in ("cold", "warm"):
        result = pair(two, one, max(1, runs // 4), Folders(work / kind, cold=kind == "cold"), terminal=True)
        per_plan[kind] = median_ms(result.a) / count
        cpu = statistics.median(r.cpu for r in result.a) * 1000 / count  # all processes: the main one and its workers
        print(f"| {kind} | {Pair.text(result.a)} | {Pair.text(result.b)} | {1 / result.ratio:.2f}× "
              f"| {per_plan[kind]:.1f} ms (goal ≤ 30 ms) | {cpu:.1f} ms |", flush=True)  # fmt: skip
    goal(f"batch of {count} md+docx, --jobs 2: per plan", per_plan["cold"], per_plan["warm"], 30, "ms")


def install(venv: Path) -> None:
    """Install opsplan from this repository into ``venv`` as a user would, and measure that one."""
    global OPSPLAN
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-c", str(REPO / "constraints.txt"), str(REPO)]
    subprocess.run(pip, check=True, cwd=venv)
    OPSPLAN = str(venv / "bin" / "opsplan")


def main() -> None:
    """Run the comparisons of issue 14 and print them as Markdown tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, scales up to 16×, a batch of 40")
    parser.add_argument("--runs", type=int, default=0, help="counted runs per command (default 7, quick 3)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}")
    parser.add_argument("--current", action="store_true", help="measure this Python's opsplan, not a fresh install")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := sections - set(SECTIONS):
        raise SystemExit(f"--only: unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is needed for the comparisons (apt-get install pandoc)")
    work = Path(tempfile.mkdtemp(prefix="opsplan-bench-"))
    if not args.current:
        install(work / "venv")
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"# opsplan performance, cold and warm ({os.cpu_count()} cores{load}, Python {sys.version.split()[0]}, "
          f"{runs} runs per command, {time.strftime('%Y-%m-%d')})\n")  # fmt: skip
    print(TABLE_HEAD)
    examples = sorted(EXAMPLES.glob("*.yaml"))
    examples = [e for e in examples if "actuals" not in e.name]
    base = next((e for e in examples if e.stem.startswith("douyin-flowers.zh")), examples[0])
    steps: dict[str, Callable[[], None]] = {
        "startup": lambda: bench_startup(runs, work),
        "examples": lambda: bench_examples(examples, work, runs),
        "check": lambda: bench_check(examples, work, runs),
        "scale": lambda: bench_scale(base, work, runs, (1, 4, 16) if args.quick else (1, 4, 16, 64), not args.quick),
        "batch": lambda: bench_batch(base, work, runs, 40 if args.quick else 200),
    }
    try:
        for name in SECTIONS:
            if name in sections:
                steps[name]()
        print_goals()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
