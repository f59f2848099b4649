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
both side by side. The steps are found by name in each install (``FIND``): where an older opsplan has no function
for a step (before ``render.loaded``, ``check.docxread``, ``fileio.write_set`` …), the steps it cannot take one by
one are measured together in a row that says "not split by this install", and the note under the table names what
that install lacks; a module an older one does not have is left out of its imports. Measure the opsplan of a wheel
install (``bench/bench_cold.py`` makes one; ``pip install .`` into a venv does too): a checkout compiles its
templates and Pydantic builds its models. Each column's heading says which models its runs used: ``light mode``
(``opsplan.modelkit``'s, a wheel install, Pydantic not imported), ``Pydantic`` (a checkout, ``OPSPLAN_NO_LIGHT=1``,
an opsplan from before the light mode) or ``no models imported`` (the check of a DOCX).
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


# What each script uses of the opsplan it measures, found by name: an older install (before render.loaded, before
# check.docxread, …) has other names or none, and then the steps it cannot take one by one are measured together,
# each such row ending in NOT_SPLIT, and said under the table (``notes``)
FIND = """
notes = []
def have(*modules):
    # import each module this opsplan has (an older one lacks some); say those it has not
    for module in modules:
        try:
            __import__(module)
        except ImportError:
            notes.append("no module " + module)
def found(module, *names):
    # the first of names that module has (imported now if this opsplan has it), or None
    try:
        mod = __import__(module, fromlist=["_"])
    except ImportError:
        return None
    return next((getattr(mod, name) for name in names if hasattr(mod, name)), None)
def arguments(function):
    code = getattr(function, "__code__", None)
    return code.co_varnames[:code.co_argcount + code.co_kwonlyargcount] if code else ()
def missing(**functions):
    return [name for name, function in functions.items() if function is None]
def render_steps():
    # (load, check, markdown, docx) as this opsplan's render takes them, or None where it has no such step
    RenderOptions = found("opsplan.render.options", "RenderOptions") or found("opsplan.render.run", "RenderOptions")
    plan_docx = found("opsplan.render.outputs", "plan_docx") or found("opsplan.render.run", "plan_docx")
    load = found("opsplan.render.loaded", "load_profile_plan")
    if load is not None:
        def load(path, load=load):
            loaded = load(path)
            return loaded.plan, loaded.document, loaded.profile
    elif found("opsplan.render.run", "_load") is not None:  # before render.loaded (4a1a6e7)
        load = lambda path, _load=found("opsplan.render.run", "_load"): _load(path, False)
    report = found("opsplan.check.run", "profile_report")
    if report is not None and "plan" not in arguments(report):  # it computed the plan itself
        report = lambda path, document, profile, plan, report=report: report(path, document, profile)
    markdown = found("opsplan.render.markdown", "render_markdown")
    if markdown is not None:
        markdown = (lambda plan, md=markdown: md(plan, None, draft=False)) if "draft" in arguments(markdown) else (
            lambda plan, md=markdown: md(plan, None))
    docx = None if plan_docx is None or RenderOptions is None else (
        lambda plan, text, options=None: plan_docx(plan, text, options or RenderOptions()))
    return load, report, markdown, docx, RenderOptions
def render_whole(path, options=None):
    # md and docx as this opsplan's render makes them, in one step: for an opsplan whose steps are not all found
    RenderOptions = found("opsplan.render.options", "RenderOptions") or found("opsplan.render.run", "RenderOptions")
    render_bytes = found("opsplan.render.outputs", "render_bytes") or found("opsplan.render.run", "render_bytes")
    return render_bytes(path, options or RenderOptions(), ("md", "docx"))
NOT_SPLIT = " (not split by this install)"
"""


def _reading(script: str, line: str) -> str:
    """Return ``script`` with the console script's reading of ``line`` (a list expression) where it says so."""
    script = script.replace("SCRIPT_PACE\n", SCRIPT_PACE.lstrip()).replace("CHECK_PACE\n", CHECK_PACE.lstrip())
    script = script.replace("RENDER_PACE\n", RENDER_PACE.lstrip()).replace("KIT\n", KIT.lstrip())
    script = script.replace("FIND\n", FIND.lstrip())
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
FIND
import opsplan.load
part("import the loader and the profile models")
import opsplan.plan
part("import the plan engine and its models")
have("opsplan.check.reporters", "opsplan.check.run", "opsplan.check.findings")
part("import the check")
import opsplan.render.markdown
part("import the Markdown renderer (Jinja)")
have("opsplan.render.docx", "opsplan.render.docx_toc", "opsplan.fileio")
part("import the DOCX writer")
path = Path(sys.argv[1])
load, report, markdown, docx, RenderOptions = render_steps()
lacks = missing(load=load, check=report, markdown=markdown, docx=docx)
if not lacks:
    plan, document, profile = load(path)
    part("work: read the YAML, validate, compute the plan")
    report(path, document, profile, plan)
    part("work: check the profile")
    text = markdown(plan)
    part("work: Markdown")
    made = docx(plan, text)
    part("work: DOCX")
else:  # the plan loaded, checked, its Markdown and DOCX made as its render_bytes makes them
    text, made = render_whole(path)
    part("work: load, check, Markdown, DOCX" + NOT_SPLIT)
    notes.append("work not split: it has no " + ", no ".join(lacks) + " step of its own")
Path(sys.argv[2]).write_bytes(made)
KIT
print(json.dumps({"parts": parts, "kit": kit, "notes": notes}))
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
FIND
read_docx = found("opsplan.check.docxread", "read_docx") or found("opsplan.check.docread", "read_docx")
part("import the check and the DOCX reader")
path = Path(sys.argv[1])
document_report = getattr(opsplan.check.run, "document_report", None)
if read_docx is not None and document_report is not None:
    document = read_docx(path)
    part("work: read the DOCX")
    report = document_report(document, "docx")
    part("work: the document rules")
else:
    report = opsplan.check.run.check_file(path)
    part("work: read the DOCX, the document rules" + NOT_SPLIT)
    lacks = missing(read_docx=read_docx, document_report=document_report)
    notes.append("work not split: it has no " + ", no ".join(lacks))
from opsplan.check.reporters import render
render([report], "text", strict=False)
part("import and work: the text report (rich)")
KIT
print(json.dumps({"parts": parts, "kit": kit, "notes": notes}))
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
FIND
import opsplan.load
part("import the loader and the profile models")
import opsplan.plan
part("import the plan engine and its models")
have("opsplan.check.profile_rules", "opsplan.check.engine_rules", "opsplan.check.agreement_rules")
have("opsplan.check.consistency_rules", "opsplan.check.cross_rules", "opsplan.check.text_rules")
have("opsplan.check.text_sums")
part("import the profile rules")
path = Path(sys.argv[1])
profile_report = getattr(opsplan.check.run, "profile_report", None)
if profile_report is not None:
    document = opsplan.load.load_document(path)
    profile = opsplan.load.validate_document(document, lenient_references=True)
    part("work: read the YAML, validate")
    report = profile_report(path, document, profile)
    part("work: compute the plan, the profile rules")
else:
    report = opsplan.check.run.check_file(path)
    part("work: read the YAML, validate, compute the plan, the profile rules" + NOT_SPLIT)
    notes.append("work not split: it has no profile_report")
from opsplan.check.reporters import render
render([report], "text", strict=False)
part("import and work: the text report")
KIT
print(json.dumps({"parts": parts, "kit": kit, "notes": notes}))
"""
CHECK_PROFILE = _reading(CHECK_PROFILE, '["check", sys.argv[1]]')

BATCH = """
import gc, json, os, statistics, sys, tempfile, time
from pathlib import Path
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
FIND
have("opsplan.check.run", "opsplan.render.workers", "opsplan.render.markdown", "opsplan.render.docx")
load, report, markdown, docx, RenderOptions = render_steps()
lacks = missing(load=load, check=report, markdown=markdown, docx=docx)
write_set = found("opsplan.fileio", "write_set")
if lacks:
    notes.append("plan not split: it has no " + ", no ".join(lacks) + " step of its own")
if write_set is None:  # before fileio.write_set: each file written as its render wrote it
    notes.append("files written one by one: it has no fileio.write_set")
    write_set = lambda files, force: [target.write_bytes(content) for target, content in files]
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
    if not lacks:
        plan, document, profile = load(path)
        part("read the YAML, validate, compute the plan")
        report(path, document, profile, plan)
        part("check the profile (not under --draft)")
        text = markdown(plan)
        part("Markdown")
        made = docx(plan, text, options)
        part("DOCX")
    else:
        text, made = render_whole(path, options)
        text = text.decode("utf-8")
        part("load, check, Markdown, DOCX" + NOT_SPLIT)
    gc.collect(); gc.freeze()
    part("collect between plans (workers.collected)")
    write_set([(folder / f"{path.stem}.md", text.encode()), (folder / f"{path.stem}.docx", made)], force=True)
    part("write the set (the main process)")
    if n:
        for name, seconds in parts.items():
            samples.setdefault(name, []).append(seconds)
KIT
print(json.dumps({"parts": {name: statistics.median(values) for name, values in samples.items()}, "kit": kit,
                  "notes": notes}))
"""
BATCH = BATCH.replace("KIT\n", KIT.lstrip()).replace("FIND\n", FIND.lstrip())


class Measured(NamedTuple):
    """One Python's median ms of each part, the models its runs used (``KIT``) and what its opsplan lacked."""

    parts: dict[str, float]
    kit: str
    notes: tuple[str, ...] = ()


def cold_runs(pythons: list[str], script: str, args: list[str], runs: int) -> list[Measured]:
    """Run ``script`` ``runs`` times with each Python, alternately, each cold; return each one's median ms a part."""
    samples: list[dict[str, list[float]]] = [{} for _ in pythons]
    kits: list[set[str]] = [set() for _ in pythons]
    notes: list[dict[str, None]] = [{} for _ in pythons]
    for _ in range(runs):
        for python, taken, kit, noted in zip(pythons, samples, kits, notes, strict=True):
            with tempfile.TemporaryDirectory(prefix="opsplan-phases-") as home:
                for sub in ("cache", "tmp"):
                    Path(home, sub).mkdir()
                env = dict(os.environ, HOME=home, XDG_CACHE_HOME=f"{home}/cache", TMPDIR=f"{home}/tmp")
                command = [python, "-c", script, *args]
                done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            if done.returncode:
                raise SystemExit(f"{python} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
            said = json.loads(done.stdout)
            kit.add(said["kit"])
            noted.update(dict.fromkeys(said.get("notes", [])))
            for name, seconds in said["parts"].items():
                taken.setdefault(name, []).append(seconds * 1000)
    medians = [{name: statistics.median(values) for name, values in taken.items()} for taken in samples]
    return [
        Measured(parts, " / ".join(sorted(kit)), tuple(noted))
        for parts, kit, noted in zip(medians, kits, notes, strict=True)
    ]


def row_order(parts: list[dict[str, float]]) -> list[str]:
    """Every part of every column once, in the order the last column (the newest) has them.

    A part only another column has (an older install's steps measured together) goes after the part that comes
    before it in that column, so the rows keep the order of the process's own steps.
    """
    order = list(parts[-1])
    for column in parts[:-1]:
        after = -1  # the row the last known part of this column is in
        for name in column:
            if name in order:
                after = order.index(name)
            else:
                after += 1
                order.insert(after, name)
    return order


def table(title: str, measured: list[Measured], names: list[str], unit: str = "CPU ms") -> str:
    """Return ``measured`` (one per Python, named ``names``) as a Markdown table, with shares of the whole.

    Each column's heading says which models its runs used (the light mode's or Pydantic's). What an install's
    opsplan lacks is said under the table: a row that says it is not split stands for the rows that install has
    no ``—`` in.
    """
    parts = [m.parts for m in measured]
    heads = " | ".join(f"{name} ({m.kit}): {unit} | share" for name, m in zip(names, measured, strict=True))
    wholes = [sum(p.values()) for p in parts]
    rows = [f"| {title} | {heads} |", "|---" * (1 + 2 * len(parts)) + "|"]
    for part in row_order(parts):
        pairs = zip(parts, wholes, strict=True)
        cells = [f"{p[part]:.1f} | {p[part] / w:.0%}" if part in p else "— |" for p, w in pairs]
        rows.append(f"| {part} | " + " | ".join(cells) + " |")
    rows.append("| whole (sum) | " + " | ".join(f"{w:.1f} | 100%" for w in wholes) + " |")
    said = [f"{name}: {'; '.join(m.notes)}" for name, m in zip(names, measured, strict=True) if m.notes]
    return "\n".join(rows) + "".join(f"\n\n{line}" for line in said)


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
