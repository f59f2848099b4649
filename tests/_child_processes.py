"""Child processes in the tests: wait for a condition (never for a time), start and stop ``opsplan serve``.

Every wait lasts until its condition holds, up to ``HANG_LIMIT``: a loaded machine is slow, never wrong, and an
idle one goes on as soon as the condition holds. Only a condition that never comes fails the test.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from tests._hardening_helpers import HANG_LIMIT

T = TypeVar("T")


def eventually(condition: Callable[[], T], what: str, *, every: float = 0.05) -> T:
    """Return ``condition()`` once it is truthy, asking every ``every`` seconds; fail naming ``what`` if it never is."""
    deadline = time.monotonic() + HANG_LIMIT
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"never happened in {HANG_LIMIT:g} s: {what}")
        time.sleep(every)
    return value


def processes_in_group(group: int) -> list[int]:
    """Return the processes of process group ``group`` that have not ended (zombies, which have, left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # it ended while the folder was read
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def start_serve(shop: Path, *options: str, cwd: Path | None = None) -> tuple[subprocess.Popen[str], int]:
    """Start ``opsplan serve SHOP --port 0 OPTIONS``; return the process and its port once it has printed its address."""
    command = [sys.executable, "-m", "opsplan", "serve", str(shop), "--port", "0", *options]
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    assert server.stdout is not None
    ready, _, _ = select.select([server.stdout], [], [], HANG_LIMIT)
    first = server.stdout.readline() if ready else ""
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    if found is None:
        _, err = stop_serve(server, signal.SIGKILL)
        pytest.fail(f"opsplan serve printed no address: {first!r}; stderr:\n{err}")
    return server, int(found.group(1))


def stop_serve(server: subprocess.Popen[str], stop: signal.Signals = signal.SIGINT) -> tuple[str, str]:
    """Send ``stop`` to the server; return its (stdout, stderr) once it has ended (fail if it never does)."""
    server.send_signal(stop)
    try:
        return server.communicate(timeout=HANG_LIMIT)
    except subprocess.TimeoutExpired:
        server.kill()
        _, err = server.communicate()
        pytest.fail(f"opsplan serve did not end on {stop.name}; stderr:\n{err}")
