"""Where the CPU time of a cold render, of a check of its DOCX or its profile and of a plan in a batch goes (issue 14).

    python bench/bench_phases.py --python VENV/bin/python [--against OLD/bin/python] [--runs 5]
                                 [--profile examples/douyin-flowers.en.yaml]

Each run is a new process with a new, empty HOME, XDG_CACHE_HOME and TMPDIR (cold), which imports what
``opsplan render`` (md+docx) or ``opsplan check`` of the DOCX or of the profile imports, in the order they import it,
then does the same steps in process (the end of the process, which ``check`` makes without the interpreter's
teardown, is not measured); the table shows the median CPU time of each part. Python's own start is the CPU time the
process used before its first line ran. Cyclic garbage is collected as the console script of that opsplan does:
at ``gcpace.FEW_COLLECTIONS``' pace from its first line; an opsplan from before that collected at Python's pace
until the command ran, then at ``render.workers.RELAXED_GC``'s in a render and ``check.run.FEW_COLLECTIONS``' in
a check. The batch table is a worker's view of ``render --jobs``: imports done and
one plan rendered, the median CPU time of each step of the next ``--plans`` plans (copies of the profile), with the
writing of each plan's files as the main process does it.
``--against`` runs another opsplan's Python (an older install) alternately with the first, run by run, and shows
both side by side. Measure the opsplan of a wheel install (``bench/bench_cold.py`` makes one; ``pip install .``
into a venv does too): a checkout compiles its templates and Pydantic builds its models. Each column's heading
says which models its runs used: ``light mode`` (``opsplan.modelkit``'s, a wheel install, Pydantic not imported),
``Pydantic`` (a checkout, ``OPSPLAN_NO_LIGHT=1``, an opsplan from before the light mode) or ``no models imported``
(the check of a DOCX).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]

# What the console script does before the command runs: reads the line itself (cli_fast); an opsplan from before
# that (or a line it leaves to typer) imports typer, which builds the command and parses the line
COMMAND_LINE = """
line = LINE
try:
    from opsplan.cli_fast import read_line
except ImportError:
    import opsplan.cli, typer
    read_line = lambda args: None
part("import the CLI (cli_fast, or typer)")
if read_line(line) is None:
    import opsplan.cli, typer
    group = typer.main.get_command(opsplan.cli.app)
    root = group.make_context("opsplan", line[:2])
    group.get_command(root, line[0]).make_context(line[0], line[1:], parent=root)
part("the command line: read, or built and parsed by typer")
"""


# The console script's first step: collect cyclic garbage at its pace (an opsplan from before that kept Python's
# until the command ran: RENDER_PACE, CHECK_PACE)
SCRIPT_PACE = """
try:
    from opsplan.gcpace import set_pace
    set_pace()
except ImportError:
    pass
"""
# What ``check.run.check_paths`` did before it read a file in an opsplan from before ``gcpace``
CHECK_PACE = """
import gc
if hasattr(opsplan.check.run, "FEW_COLLECTIONS"):
    gc.set_threshold(*opsplan.check.run.FEW_COLLECTIONS)
"""
# What ``render.run.render_paths`` did before it imported the loader in an opsplan from before ``gcpace``
RENDER_PACE = """
import gc
try:
    from opsplan.render.workers import RELAXED_GC
    gc.set_threshold(*RELAXED_GC)
except ImportError:
    pass
"""

# Which models the run used, read at its end: the light mode's (``opsplan.modelkit.LIGHT``, a wheel install) or
# Pydantic's (a checkout, ``OPSPLAN_NO_LIGHT=1``, an opsplan from before the light mode); and whether anything
# imported Pydantic anyway
KIT = """
if getattr(sys.modules.get("opsplan.modelkit"), "LIGHT", False):
    kit = "light mode" + (", Pydantic imported" if "pydantic" in sys.modules else "")
else:
    kit = "Pydantic" if "pydantic" in sys.modules else "no models imported"
"""


def _reading(script: str, line: str) -> str:
    """Return ``script`` with the console script's reading of ``line`` (a list expression) where it says so."""
    script = script.replace("SCRIPT_PACE\n", SCRIPT_PACE.lstrip()).replace("CHECK_PACE\n", CHECK_PACE.lstrip())
    script = script.replace("RENDER_PACE\n", RENDER_PACE.lstrip()).replace("KIT\n", KIT.lstrip())
    return script.replace("COMMAND_LINE\n", COMMAND_LINE.lstrip().replace("LINE", line))


RENDER = """
import json, os, sys, time
from pathlib import Path
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the opsplan script does
T = time.process_time
parts, last = {"Python's own start": T()}, T()
def part(name):
    global last
    now = T(); parts[name] = now - last; last = now
SCRIPT_PACE
COMMAND_LINE
RENDER_PACE
import opsplan.load
part("import the loader and the profile models")
import opsplan.plan
part("import the plan engine and its models")
import opsplan.check.reporters, opsplan.check.run, opsplan.check.findings
part("import the check")
import opsplan.render.markdown
part("import the Markdown renderer (Jinja)")
import opsplan.render.docx, opsplan.render.docx_toc, opsplan.fileio
part("import the DOCX writer")
from opsplan.check.run import profile_report
try:  # render.run before it was split into options, outputs and run
    from opsplan.render.options import RenderOptions
    from opsplan.render.outputs import plan_docx
except ImportError:
    from opsplan.render.run import RenderOptions, plan_docx
from opsplan.render.loaded import load_profile_plan
path = Path(sys.argv[1])
loaded = load_profile_plan(path)
part("work: read the YAML, validate, compute the plan")
profile_report(path, loaded.document, loaded.profile, loaded.plan)
part("work: check the profile")
markdown = opsplan.render.markdown.render_markdown(loaded.plan, None, draft=False)
part("work: Markdown")
docx = plan_docx(loaded.plan, markdown, RenderOptions())
part("work: DOCX")
Path(sys.argv[2]).write_bytes(docx)
KIT
print(json.dumps({"parts": parts, "kit": kit}))
"""
RENDER = _reading(RENDER, '["render", sys.argv[1], "-f", "md,docx"]')

CHECK = """
import json, sys, time
from pathlib import Path
T = time.process_time
parts, last = {"Python's own start": T()}, T()
def part(name):
    global last
    now = T(); parts[name] = now - last; last = now
SCRIPT_PACE
COMMAND_LINE
import opsplan.check.run
CHECK_PACE
from opsplan.check.docxread import read_docx
part("import the check and the DOCX reader")
document = read_docx(Path(sys.argv[1]))
part("work: read the DOCX")
report = opsplan.check.run.document_report(document, "docx")
part("work: the document rules")
from opsplan.check.reporters import render
render([report], "text", strict=False)
part("import and work: the text report (rich)")
KIT
print(json.dumps({"parts": parts, "kit": kit}))
"""
CHECK = _reading(CHECK, '["check", sys.argv[1]]')

CHECK_PROFILE = """
import json, os, sys, time
from pathlib import Path
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the opsplan script does
T = time.process_time
parts, last = {"Python's own start": T()}, T()
def part(name):
    global last
    now = T(); parts[name] = now - last; last = now
SCRIPT_PACE
COMMAND_LINE
import opsplan.check.run
CHECK_PACE
import opsplan.load
part("import the loader and the profile models")
import opsplan.plan
part("import the plan engine and its models")
import opsplan.check.profile_rules, opsplan.check.engine_rules, opsplan.check.agreement_rules
import opsplan.check.consistency_rules, opsplan.check.cross_rules, opsplan.check.text_rules, opsplan.check.text_sums
part("import the profile rules")
path = Path(sys.argv[1])
document = opsplan.load.load_document(path)
profile = opsplan.load.validate_document(document, lenient_references=True)
part("work: read the YAML, validate")
report = opsplan.check.run.profile_report(path, document, profile)
part("work: compute the plan, the profile rules")
from opsplan.check.reporters import render
render([report], "text", strict=False)
part("import and work: the text report")
KIT
print(json.dumps({"parts": parts, "kit": kit}))
"""
CHECK_PROFILE = _reading(CHECK_PROFILE, '["check", sys.argv[1]]')

BATCH = """
import gc, json, os, statistics, sys, tempfile, time
from pathlib import Path
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from opsplan.check.run import profile_report
from opsplan.fileio import write_set
try:  # render.run before it was split into options, outputs and run
    from opsplan.render.options import RenderOptions
    from opsplan.render.outputs import plan_docx
except ImportError:
    from opsplan.render.run import RenderOptions, plan_docx
from opsplan.render.loaded import load_profile_plan
from opsplan.render import workers
from opsplan.render.markdown import render_markdown
import opsplan.render.docx
gc.freeze(); gc.disable()  # as a worker (workers.start_worker), which collects between plans
T = time.process_time
source, count = Path(sys.argv[1]), int(sys.argv[2])
folder = Path(tempfile.mkdtemp())
paths = [folder / f"shop{n:03d}.yaml" for n in range(count + 1)]  # the first warms up: what a process does once
for path in paths:
    path.write_text(source.read_text("utf-8"), "utf-8")
options = RenderOptions(out_dir=folder, force=True)
samples = {}
for n, path in enumerate(paths):
    parts, last = {}, T()
    def part(name):
        global last
        now = T(); parts[name] = now - last; last = now
    loaded = load_profile_plan(path)
    part("read the YAML, validate, compute the plan")
    profile_report(path, loaded.document, loaded.profile, loaded.plan)
    part("check the profile (not under --draft)")
    markdown = render_markdown(loaded.plan, None, draft=False)
    part("Markdown")
    docx = plan_docx(loaded.plan, markdown, options)
    part("DOCX")
    gc.collect(); gc.freeze()
    part("collect between plans (workers.collected)")
    write_set([(folder / f"{path.stem}.md", markdown.encode()), (folder / f"{path.stem}.docx", docx)], force=True)
    part("write the set (the main process)")
    if n:
        for name, seconds in parts.items():
            samples.setdefault(name, []).append(seconds)
KIT
print(json.dumps({"parts": {name: statistics.median(values) for name, values in samples.items()}, "kit": kit}))
"""
BATCH = BATCH.replace("KIT\n", KIT.lstrip())


class Measured(NamedTuple):
    """One Python's median ms of each part, and the models its runs used (``KIT``)."""

    parts: dict[str, float]
    kit: str


def cold_runs(pythons: list[str], script: str, args: list[str], runs: int) -> list[Measured]:
    """Run ``script`` ``runs`` times with each Python, alternately, each cold; return each one's median ms a part."""
    samples: list[dict[str, list[float]]] = [{} for _ in pythons]
    kits: list[set[str]] = [set() for _ in pythons]
    for _ in range(runs):
        for python, taken, kit in zip(pythons, samples, kits, strict=True):
            with tempfile.TemporaryDirectory(prefix="opsplan-phases-") as home:
                for sub in ("cache", "tmp"):
                    Path(home, sub).mkdir()
                env = dict(os.environ, HOME=home, XDG_CACHE_HOME=f"{home}/cache", TMPDIR=f"{home}/tmp")
                command = [python, "-c", script, *args]
                done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            said = json.loads(done.stdout)
            kit.add(said["kit"])
            for name, seconds in said["parts"].items():
                taken.setdefault(name, []).append(seconds * 1000)
    medians = [{name: statistics.median(values) for name, values in taken.items()} for taken in samples]
    return [Measured(parts, " / ".join(sorted(kit))) for parts, kit in zip(medians, kits, strict=True)]


def table(title: str, measured: list[Measured], names: list[str], unit: str = "CPU ms") -> str:
    """Return ``measured`` (one per Python, named ``names``) as a Markdown table, with shares of the whole.

    Each column's heading says which models its runs used (the light mode's or Pydantic's).
    """
    parts = [m.parts for m in measured]
    names = [f"{name} ({m.kit})" for name, m in zip(names, measured, strict=True)]
    wholes = [sum(p.values()) for p in parts]
    heads = " | ".join(f"{name}: {unit} | share" for name in names)
    rows = [f"| {title} | {heads} |", "|---" * (1 + 2 * len(parts)) + "|"]
    for part in dict.fromkeys(name for p in parts for name in p):
        pairs = zip(parts, wholes, strict=True)
        cells = [f"{p[part]:.1f} | {p[part] / w:.0%}" if part in p else "— |" for p, w in pairs]
        rows.append(f"| {part} | " + " | ".join(cells) + " |")
    rows.append("| whole (sum) | " + " | ".join(f"{w:.1f} | 100%" for w in wholes) + " |")
    return "\n".join(rows)


def main() -> None:
    """Print where the CPU time of a cold render and of a check of its DOCX goes."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the Python of the opsplan to measure")
    parser.add_argument("--against", help="the Python of another opsplan, shown beside the first")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plans", type=int, default=20, help="plans a batch run measures")
    parser.add_argument("--profile", type=Path, default=REPO / "examples" / "douyin-flowers.en.yaml")
    args = parser.parse_args()
    pythons = [args.python] if args.against is None else [args.against, args.python]
    names = [Path(python).parents[1].name for python in pythons] if args.against else ["this"]
    load = f", load average {os.getloadavg()[0]:.1f} at the start" if hasattr(os, "getloadavg") else ""
    print(f"medians of {args.runs} cold runs, {args.profile.name}{load}\n")
    with tempfile.TemporaryDirectory(prefix="opsplan-phases-out-") as out:
        docx = str(Path(out) / "plan.docx")
        render = cold_runs(pythons, RENDER, [str(args.profile.resolve()), docx], args.runs)
        check = cold_runs(pythons, CHECK, [docx], args.runs)
        check_profile = cold_runs(pythons, CHECK_PROFILE, [str(args.profile.resolve())], args.runs)
    batch = cold_runs(pythons, BATCH, [str(args.profile.resolve()), str(args.plans)], args.runs)
    print(table(f"render md+docx of {args.profile.name}", render, names) + "\n")
    print(table("check of its DOCX", check, names) + "\n")
    print(table(f"check of {args.profile.name}", check_profile, names) + "\n")
    print(table(f"a batch plan ({args.plans} a run), imports done", batch, names, "CPU ms a plan"))


if __name__ == "__main__":
    main()
