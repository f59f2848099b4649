"""Where the CPU time of importing the loader and the plan engine goes in a wheel install: pydantic-core, the models.

    python bench/bench_model_imports.py --python VENV/bin/python [--against OLD/bin/python] [--runs 7] [--python-gc]

Each run is a new process with a new, empty HOME, XDG_CACHE_HOME and TMPDIR (cold). It imports what comes before
the loader in ``opsplan render`` (``cli_fast``, PyYAML), then, each part timed in CPU ms: pydantic-core as the light
mode loads it (``opsplan.corelib.core()``: its compiled extension alone; an opsplan from before that imports the
package, ``import pydantic_core``, with ``core_schema`` and ``typing_extensions``), ``opsplan.modelkit`` (which
decides the mode from the prepared files' names), then ``opsplan.load`` and ``opsplan.plan``, whose time is split
into the class statements of the model classes (``modelkit_light``'s: class bodies, ``Field()``, ``__init_subclass__``),
``prepared_models.install`` (the wheel's core schemas made into validators) and everything else those modules import
and run; garbage collection is shown apart (``gc.callbacks``), taken out of the part it happened in. The last lines
say which of Pydantic, pydantic-core's package and ``core_schema`` each install imported (none, in the light mode).

Garbage is collected as the console script does (``gcpace.set_pace`` first; Python's pace for an opsplan from before
it); ``--python-gc`` keeps Python's pace. Measure a wheel install (``python3 -m venv V && V/bin/pip install -c
constraints.txt .``): a checkout has no prepared core schemas, and Pydantic builds the models there.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_phases import KIT, cold_runs, table  # bench/ is not a package: its own folder, put on the path above

IMPORTS = """
import builtins, gc, json, os, sys, time
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the opsplan script does
T = time.process_time
if sys.argv[1] == "script":
    try:
        from opsplan.gcpace import set_pace
        set_pace()
    except ImportError:
        pass
import opsplan.cli_fast, yaml
collected, started = [0.0], [0.0]
def on_gc(phase, info):
    if phase == "start":
        started[0] = T()
    else:
        collected[0] += T() - started[0]
gc.callbacks.append(on_gc)
parts, last = {}, [T(), 0.0]
def part(name):
    now = T(); parts[name] = now - last[0] - (collected[0] - last[1]); last[0], last[1] = now, collected[0]
try:
    from opsplan.corelib import core
    core()
except ImportError:
    import pydantic_core
part("pydantic-core: its extension alone (corelib), or its package")
import opsplan.modelkit as modelkit
part("opsplan.modelkit: the mode decided")
assert modelkit.LIGHT, "measure a wheel install"
import opsplan.prepared_models as prepared_models
spent = {"classes": 0.0, "install": 0.0}
def timed(key, function):
    def call(*args, **kwargs):
        start, gc_start = T(), collected[0]
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += T() - start - (collected[0] - gc_start)
    return call
prepared_models.install = timed("install", prepared_models.install)
build_class = builtins.__build_class__
def build(function, name, *bases, **kwargs):
    if not any(isinstance(base, type) and issubclass(base, modelkit.BaseModel) for base in bases):
        return build_class(function, name, *bases, **kwargs)
    return timed("classes", build_class)(function, name, *bases, **kwargs)
builtins.__build_class__ = build
import opsplan.load, opsplan.plan
builtins.__build_class__ = build_class
part("rest")
rest = parts.pop("rest")
parts["model classes: the class statements (Field() …)"] = spent["classes"]
parts["prepared_models.install (core schemas → validators)"] = spent["install"]
parts["the other code of opsplan.load and opsplan.plan"] = rest - spent["classes"] - spent["install"]
parts["garbage collection during all the above"] = collected[0]
# imported (1) or not (0): shown below the table, not in it
for name in ("pydantic", "pydantic_core", "pydantic_core.core_schema"):
    parts["imported: " + name] = float(name in sys.modules)
KIT
print(json.dumps({"parts": parts, "kit": kit}))
"""
IMPORTS = IMPORTS.replace("KIT\n", KIT.lstrip())


NONE = "none of Pydantic, pydantic-core's package, core_schema"


def main() -> None:
    """Print the parts of importing the loader and the plan engine, cold, for one or two opsplan installs."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the Python of the opsplan to measure")
    parser.add_argument("--against", help="the Python of another opsplan, shown beside the first")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--python-gc", action="store_true", help="collect garbage at Python's pace")
    args = parser.parse_args()
    pythons = [args.python] if args.against is None else [args.against, args.python]
    names = [Path(python).parents[1].name for python in pythons] if args.against else ["this"]
    load = f", load average {os.getloadavg()[0]:.1f} at the start" if hasattr(os, "getloadavg") else ""
    pace = "python" if args.python_gc else "script"
    print(f"medians of {args.runs} cold runs, garbage collected at the {pace}'s pace{load}\n")
    measured = cold_runs(pythons, IMPORTS, [pace], args.runs)
    flagged = [[n for n in m.parts if n.startswith("imported: ")] for m in measured]
    imported = [{key: m.parts.pop(key) for key in keys} for m, keys in zip(measured, flagged, strict=True)]
    print(table("import the loader and the plan engine", measured, names))
    for name, flags in zip(names, imported, strict=True):
        said = [key.removeprefix("imported: ") for key, value in flags.items() if value]  # ms: 1000 when imported
        print(f"{name} imported: {', '.join(said) or NONE}")


if __name__ == "__main__":
    main()
