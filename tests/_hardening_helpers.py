"""Helpers for the hardening tests: run opsplan in a child process under memory and time limits."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for the child
# Wall-clock seconds after which a child counts as hung: a bound for a real hang, far above any normal run on a
# busy machine, never a speed check (speed is measured in bench/).
HANG_LIMIT = 300.0

# Loads one profile through the CLI's own error handler (cli_run.run), as every command does.
_LOAD_DRIVER = """
import sys, typer
from opsplan.cli_run import run
from opsplan.load import load_profile
try:
    run(lambda: load_profile(sys.argv[1]))
except typer.Exit as stop:
    sys.exit(stop.exit_code)
print("loaded")
"""


def template_case(tmp_path: Path, template: str, profile_text: str) -> tuple[Path, Path, Path]:
    """Write a user templates folder whose plan.md.j2 is ``template`` and a profile; return (folder, profile, out)."""
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "plan.md.j2").write_text(template, encoding="utf-8")
    profile = tmp_path / "shop.yaml"
    profile.write_text(profile_text, encoding="utf-8")
    return folder, profile, tmp_path / "out"


@dataclass
class Outcome:
    """What a child process did: exit code and output."""

    code: int
    stdout: str
    stderr: str


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_python(args: list[str], *, cwd: Path | None = None, timeout: float = HANG_LIMIT) -> Outcome:
    """Run ``python <args>`` under the memory limit; a hang fails the test through ``timeout``."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    done = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def run_load(path: Path) -> Outcome:
    """Load the profile at ``path`` in a limited child process, through the CLI's error handler."""
    return run_python(["-c", _LOAD_DRIVER, str(path)])


def run_cli(*args: str, cwd: Path | None = None, timeout: float = HANG_LIMIT) -> Outcome:
    """Run ``python -m opsplan <args>`` in a limited child process."""
    return run_python(["-m", "opsplan", *args], cwd=cwd, timeout=timeout)


def assert_clean_failure(outcome: Outcome, message: str) -> None:
    """Assert exit 2, ``message`` in stderr after ``error: ``, and no traceback."""
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.code == 2, (outcome.code, outcome.stderr[-2000:])
    assert message in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.stderr.startswith("error: "), outcome.stderr[:500]


# ---- fuzzing: mutations of valid profiles (shared by tests/test_hardening_fuzz.py and bench/fuzz.py)

import copy  # noqa: E402
import random  # noqa: E402
from collections import Counter  # noqa: E402
from typing import Any  # noqa: E402

import yaml  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ODD_SCALARS = [
    "",
    "~",
    "null",
    ".nan",
    ".inf",
    "-.inf",
    "nan",
    "NO",
    "yes",
    "on",
    "010",
    "0o17",
    "0x1F",
    "1:30",
    "3.10",
    "1e308",
    "1e309",
    "-1e309",
    "-0",
    "1_000",
    "2027-03-01",
    "2027-02-30",
    "0000-00-00",
    "9999-12-31",
    "[]",
    "{}",
    "*x",
    "&a",
    "!!python/none",
    "|",
    "# h",
    "a\nb",
    "\u202e",
    "𝔘𝔫𝔦",
    "😀",
    "\u200b",
    "\\",
    "-1",
    "0",
    "1",
    "0.5",
    "2",
    "100",
    "-100",
    str(10**30),
    "1" * 400,
]
_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)  # a YAML file cannot hold surrogates
LEAVES = st.one_of(
    st.sampled_from(ODD_SCALARS),
    _TEXT,
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUES = st.one_of(
    LEAVES,
    st.lists(LEAVES, max_size=4),
    st.dictionaries(st.sampled_from(["id", "name", "x", "weeks", "share", "after", "months"]), LEAVES, max_size=3),
)
OPERATIONS = ["drop", "replace", "shuffle", "duplicate", "number", "rename", "swap_types", "empty"]

PathKey = tuple[Any, ...]


def node_paths(data: Any, path: PathKey = ()) -> list[PathKey]:
    """Every path into ``data`` (dict keys and list indexes), the root included."""
    paths = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            paths.extend(node_paths(value, (*path, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            paths.extend(node_paths(value, (*path, i)))
    return paths


def _parent(data: Any, path: PathKey) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _get(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate(data: Any, draw: Any) -> None:
    """Apply one drawn mutation to ``data`` in place."""
    paths = node_paths(data)
    path = draw(st.sampled_from(paths[1:] or paths))
    operation = draw(st.sampled_from(OPERATIONS))
    if not path:
        return
    parent, last, value = _parent(data, path), path[-1], _get(data, path)
    if operation == "drop":
        del parent[last]
    elif operation == "replace":
        parent[last] = draw(VALUES)
    elif operation == "shuffle" and isinstance(value, list):
        random.Random(draw(st.integers(0, 2**32))).shuffle(value)
    elif operation == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(value))  # duplicate ids, repeated tasks …
    elif operation == "number":
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = 1.0
        factor = draw(st.sampled_from([0, -1, 0.5, 1.5, 7, 1e6, 1e300, -1e-9]))
        parent[last] = number * factor
    elif operation == "rename" and isinstance(parent, dict):
        parent[str(last)[:-1] + draw(st.sampled_from(["", "s", "_", "x"]))] = parent.pop(last)
    elif operation == "swap_types":
        parent[last] = [value] if not isinstance(value, list) else {"x": value}
    elif operation == "empty":
        parent[last] = type(value)() if isinstance(value, (list, dict, str)) else None


@st.composite
def mutated_profiles(draw: Any, bases: list[Any]) -> str:
    """A profile from ``bases`` with 1–4 mutations, as YAML text."""
    data = copy.deepcopy(draw(st.sampled_from(bases)))
    for _ in range(draw(st.integers(1, 4))):
        mutate(data, draw)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)


def fuzz_bases() -> list[Any]:
    """The plain data of MINIMAL_PROFILE and of every packaged preset."""
    from opsplan.yamlread import parse
    from tests.conftest import MINIMAL_PROFILE

    bases = [parse(MINIMAL_PROFILE, "minimal").data]
    preset_dir = Path(__file__).resolve().parents[1] / "src" / "opsplan" / "presets"
    for preset in sorted(preset_dir.glob("*.yaml")):
        bases.append(parse(preset.read_text(encoding="utf-8"), preset.name).data)
    return bases


class RenderRefused(Exception):
    """A profile that loads and plans but does not render (counted as ``render error``)."""


def run_one(text: str, folder: Path, tally: Counter[str], *, render: bool = False) -> None:
    """Load (and plan, and optionally render) one fuzzed profile; count how it ended.

    Outcomes: ``plan`` (or ``rendered``), ``clean error`` (an OpsplanError from load or plan), ``render
    error`` (an OpsplanError from rendering a valid plan, re-raised as ``RenderRefused``) and ``crash``
    (anything else, re-raised so hypothesis reports it).
    """
    from opsplan.errors import OpsplanError
    from opsplan.load import load_profile

    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        profile = load_profile(path)
        from opsplan.plan import build_plan

        plan = build_plan(profile)
        if render:
            from opsplan.render.docx import build_docx
            from opsplan.render.markdown import render_markdown

            try:
                build_docx(render_markdown(plan))
            except OpsplanError as error:  # a valid plan the renderer refuses: worth a look
                tally["render error"] += 1
                raise RenderRefused(str(error)) from None
            tally["rendered"] += 1
            return
        tally["plan"] += 1
    except RenderRefused:
        raise
    except OpsplanError:
        tally["clean error"] += 1
    except BaseException:
        tally["crash"] += 1
        raise
