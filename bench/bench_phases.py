"""Where the CPU time of a cold render and of a check of its DOCX goes: each import and each step (issue 14).

    python bench/bench_phases.py --python VENV/bin/python [--runs 5] [--profile examples/douyin-flowers.en.yaml]

Each run is a new process with a new, empty HOME, XDG_CACHE_HOME and TMPDIR (cold), which imports what
``opsplan render`` (md+docx) or ``opsplan check`` of the DOCX imports, in the order they import it, then does the
same steps in process; the table shows the median CPU time of each part. Python's own start is the CPU time the
process used before its first line ran. Measure the opsplan of a wheel install (``bench/bench_cold.py`` makes one;
``pip install .`` into a venv does too): a checkout compiles its templates and Pydantic builds its models.
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

REPO = Path(__file__).resolve().parents[1]

RENDER = """
import json, os, sys, time
from pathlib import Path
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the opsplan script does
T = time.process_time
parts, last = {"Python's own start": T()}, T()
def part(name):
    global last
    now = T(); parts[name] = now - last; last = now
import opsplan.cli
part("import the CLI (typer)")
import opsplan.load
part("import the loader and the profile models (Pydantic)")
import opsplan.plan
part("import the plan engine and its models")
import opsplan.check.reporters, opsplan.check.run, opsplan.check.findings
part("import the check")
import opsplan.render.markdown
part("import the Markdown renderer (Jinja)")
import opsplan.render.docx, opsplan.render.docx_toc, opsplan.fileio
part("import the DOCX writer")
from opsplan.check.run import profile_report
from opsplan.render import run
path = Path(sys.argv[1])
loaded = run.load_profile_plan(path)
part("work: read the YAML, validate, compute the plan")
profile_report(path, loaded.document, loaded.profile, loaded.plan)
part("work: check the profile")
markdown = opsplan.render.markdown.render_markdown(loaded.plan, None, draft=False)
part("work: Markdown")
docx = run.plan_docx(loaded.plan, markdown, run.RenderOptions())
part("work: DOCX")
Path(sys.argv[2]).write_bytes(docx)
print(json.dumps(parts))
"""

CHECK = """
import json, sys, time
from pathlib import Path
T = time.process_time
parts, last = {"Python's own start": T()}, T()
def part(name):
    global last
    now = T(); parts[name] = now - last; last = now
import opsplan.cli
part("import the CLI (typer)")
import opsplan.check.run
from opsplan.check.docxread import read_docx
part("import the check and the DOCX reader")
document = read_docx(Path(sys.argv[1]))
part("work: read the DOCX")
report = opsplan.check.run.document_report(document, "docx")
part("work: the document rules")
from opsplan.check.reporters import render
render([report], "text", strict=False)
part("import and work: the text report (rich)")
print(json.dumps(parts))
"""


def cold_runs(python: str, script: str, args: list[str], runs: int) -> dict[str, float]:
    """Run ``script`` ``runs`` times, each cold; return the median milliseconds of each part."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="opsplan-phases-") as home:
            for sub in ("cache", "tmp"):
                Path(home, sub).mkdir()
            env = dict(os.environ, HOME=home, XDG_CACHE_HOME=f"{home}/cache", TMPDIR=f"{home}/tmp")
            done = subprocess.run([python, "-c", script, *args], env=env, capture_output=True, text=True, check=True)
        for name, seconds in json.loads(done.stdout).items():
            samples.setdefault(name, []).append(seconds * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def table(title: str, parts: dict[str, float]) -> str:
    """Return ``parts`` as a Markdown table with each part's share of the whole."""
    whole = sum(parts.values())
    rows = [f"| {title} | CPU ms | share |", "|---|---|---|"]
    rows += [f"| {name} | {ms:.0f} | {ms / whole:.0%} |" for name, ms in parts.items()]
    rows.append(f"| whole process (sum) | {whole:.0f} | 100% |")
    return "\n".join(rows)


def main() -> None:
    """Print where the CPU time of a cold render and of a check of its DOCX goes."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the Python of the opsplan to measure")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, default=REPO / "examples" / "douyin-flowers.en.yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opsplan-phases-out-") as out:
        docx = str(Path(out) / "plan.docx")
        render = cold_runs(args.python, RENDER, [str(args.profile.resolve()), docx], args.runs)
        check = cold_runs(args.python, CHECK, [docx], args.runs)
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"medians of {args.runs} cold runs, {args.profile.name}{load}\n")
    print(table(f"render md+docx of {args.profile.name}", render) + "\n")
    print(table("check of its DOCX", check))


if __name__ == "__main__":
    main()
