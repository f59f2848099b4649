"""Where the CPU time of importing the loader and the plan engine goes: Pydantic itself, the model classes, the rest.

    python bench/bench_model_imports.py --python VENV/bin/python [--against OLD/bin/python] [--runs 7] [--relaxed-gc]

Each run is a new process with a new, empty HOME, XDG_CACHE_HOME and TMPDIR (cold). It imports what comes before
the loader in ``opsplan render`` (the CLI, typer, PyYAML), then, each part timed in CPU ms: ``import pydantic``
(pydantic_core and its core_schema), ``from pydantic import BaseModel`` (pydantic.main, which imports
_model_construction, _generate_schema and json_schema itself), ``import pydantic.fields`` (which any ``Field()``
imports: pydantic.types, annotated_types, secrets → hmac → _hashlib), then ``opsplan.load`` and ``opsplan.plan``,
whose time is split into Pydantic's ``ModelMetaclass.__new__`` for every model class (of it, ``collect_model_fields``),
the class bodies (``Field()`` and the rest of each class statement), ``prepared_models.install`` (the wheel's core
schemas made into validators) and everything else those modules import and run; garbage collection is shown apart
(``gc.callbacks``), taken out of the part it happened in. ``--relaxed-gc`` collects at ``render.workers.RELAXED_GC``'s
pace, as ``opsplan render`` does before it imports the loader (``opsplan check`` does not). Measure a wheel install:
a checkout has no prepared core schemas, and Pydantic builds the models there.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_phases import cold_runs, table  # bench/ is not a package: its own folder, put on the path above

IMPORTS = """
import builtins, gc, json, os, sys, time
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the opsplan script does
T = time.process_time
import opsplan.cli, typer, yaml
if sys.argv[1] == "relaxed":
    from opsplan.render.workers import RELAXED_GC
    gc.set_threshold(*RELAXED_GC)
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
import pydantic
part("import pydantic (pydantic_core, core_schema)")
from pydantic import BaseModel
part("from pydantic import BaseModel (pydantic.main)")
import pydantic.fields
part("import pydantic.fields (types, annotated_types, secrets)")
from pydantic._internal import _model_construction
import opsplan.prepared_models as prepared_models
spent = {"metaclass": 0.0, "fields": 0.0, "classes": 0.0, "install": 0.0}
def timed(key, function):
    def call(*args, **kwargs):
        start, gc_start = T(), collected[0]
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += T() - start - (collected[0] - gc_start)
    return call
_model_construction.ModelMetaclass.__new__ = timed("metaclass", _model_construction.ModelMetaclass.__new__)
_model_construction.collect_model_fields = timed("fields", _model_construction.collect_model_fields)
prepared_models.install = timed("install", prepared_models.install)
build_class = builtins.__build_class__
def build(function, name, *bases, **kwargs):
    if not any(isinstance(base, type) and issubclass(base, BaseModel) for base in bases):
        return build_class(function, name, *bases, **kwargs)
    return timed("classes", build_class)(function, name, *bases, **kwargs)
builtins.__build_class__ = build
import opsplan.load, opsplan.plan
builtins.__build_class__ = build_class
part("rest")
rest = parts.pop("rest")
parts["model classes: ModelMetaclass.__new__, collect_model_fields"] = spent["fields"]
parts["model classes: ModelMetaclass.__new__, the rest of it"] = spent["metaclass"] - spent["fields"]
parts["model classes: the class bodies (Field() …)"] = spent["classes"] - spent["metaclass"]
parts["prepared_models.install (core schemas → validators)"] = spent["install"]
parts["the other code of opsplan.load and opsplan.plan"] = rest - spent["classes"] - spent["install"]
parts["garbage collection during all the above"] = collected[0]
assert set(prepared_models.completed_from.values()) == {"prepared"}, "measure a wheel install"
print(json.dumps(parts))
"""


def main() -> None:
    """Print the parts of importing the loader and the plan engine, cold, for one or two opsplan installs."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the Python of the opsplan to measure")
    parser.add_argument("--against", help="the Python of another opsplan, shown beside the first")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--relaxed-gc", action="store_true", help="collect garbage at RELAXED_GC's pace")
    args = parser.parse_args()
    pythons = [args.python] if args.against is None else [args.against, args.python]
    names = [Path(python).parents[1].name for python in pythons] if args.against else ["this"]
    load = f", load average {os.getloadavg()[0]:.1f} at the start" if hasattr(os, "getloadavg") else ""
    pace = "relaxed" if args.relaxed_gc else "default"
    print(f"medians of {args.runs} cold runs, garbage collected at the {pace} pace{load}\n")
    parts = cold_runs(pythons, IMPORTS, [pace], args.runs)
    print(table("import the loader and the plan engine", parts, names))


if __name__ == "__main__":
    main()
