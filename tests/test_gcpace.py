"""The one pace of garbage collection (``opsplan.gcpace``): set by the console script, kept by every command.

The console script collects the youngest generation every 100,000 allocations from its first line, before its
imports; ``check`` and ``render`` keep that pace in their block and give back the one before it; ``serve``, which
lives long, goes back to the interpreter's own pace. The counts are of collections, never of time.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from opsplan import gcpace
from opsplan.errors import InputError
from tests._check_helpers import CLEAN_PROFILE

# the console script, then what its process collected: the pace it ends at, and the young collections it made
CONSOLE = """\
import atexit, gc, json, sys

young = [0]
gc.callbacks.append(lambda phase, info: phase == "start" and info["generation"] == 0 and young.__setitem__(0, young[0] + 1))
atexit.register(lambda: print(json.dumps([gc.get_threshold(), young[0]]), file=sys.stderr))
sys.argv = ["opsplan", *sys.argv[1:]]
from opsplan._entry import main

main()
"""


@pytest.fixture
def pace() -> Iterator[None]:
    """Give back this process's thresholds and the pace ``set_pace`` found after a test."""
    before, started = gc.get_threshold(), list(gcpace._STARTED)
    yield
    gc.set_threshold(*before)
    gcpace._STARTED[:] = started


@pytest.mark.slow  # two processes
def test_the_console_script_collects_few_times_from_its_first_line(tmp_path: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text(CLEAN_PROFILE, encoding="utf-8")
    runs = {}
    for pace in ("script", "python"):
        script = (
            CONSOLE if pace == "script" else CONSOLE.replace("main()", "gc.set_threshold = lambda *t: None\nmain()")
        )
        command = [sys.executable, "-c", script, "--lang", "en", "check", str(profile)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        runs[pace] = json.loads(done.stderr.splitlines()[-1])
    threshold, young = runs["script"]
    assert tuple(threshold) == gcpace.FEW_COLLECTIONS  # set once, kept to the end
    python_threshold, python_young = runs["python"]
    assert tuple(python_threshold) == (700, 10, 10)
    assert young * 10 < python_young  # the imports and the check: a handful of collections, not dozens


def test_few_collections_keeps_the_pace_and_gives_back_the_one_before(pace: None) -> None:
    gc.set_threshold(700, 10, 10)
    with gcpace.few_collections():
        assert gc.get_threshold() == gcpace.FEW_COLLECTIONS
        kept: list[list[object]] = [[] for _ in range(1000)]
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_count()[0] < 700 and len(kept) == 1000  # what it kept was handed on: none of it collected at once
    assert gc.get_freeze_count() == 0


def test_set_pace_then_the_interpreters_own_pace_again(pace: None) -> None:
    gcpace._STARTED.clear()
    gc.set_threshold(700, 10, 10)
    gcpace.set_pace()
    gcpace.set_pace()  # a second call keeps the pace the interpreter started with
    assert gc.get_threshold() == gcpace.FEW_COLLECTIONS
    gcpace.interpreter_pace()
    assert gc.get_threshold() == (700, 10, 10)


def test_serve_goes_back_to_the_interpreters_pace_for_its_life(pace: None, tmp_path: Path) -> None:
    from opsplan.serve.plan_page import ServeOptions
    from opsplan.serve.server import serve

    gcpace._STARTED[:] = [(700, 10, 10)]
    gc.set_threshold(*gcpace.FEW_COLLECTIONS)
    with pytest.raises(InputError):
        serve(tmp_path / "none.yaml", ServeOptions())  # refused after the pace is set, before it listens
    assert gc.get_threshold() == (700, 10, 10)
