"""``opsplan serve`` as a process: how it stops (Ctrl-C, SIGTERM, SIGHUP), its exit status and its port."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opsplan.serve.page import PreviewState
from opsplan.serve.server import listen, make_handler

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "douyin-flowers.en.yaml"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("stop", "status"),
    [
        (signal.SIGINT, 0),  # Ctrl-C: the user ended the preview
        (signal.SIGTERM, 128 + 15),  # terminated from elsewhere: the shell's convention, 143
        (signal.SIGHUP, 128 + 1),  # the terminal went away: 129
    ],
)
def test_a_stop_signal_ends_the_preview_with_its_status_and_frees_the_port(
    tmp_path: Path, stop: signal.Signals, status: int
) -> None:
    shop = tmp_path / "shop.yaml"
    shop.write_bytes(EXAMPLE.read_bytes())
    command = [sys.executable, "-m", "opsplan", "serve", str(shop), "--port", "0"]
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert found, first
        port = int(found.group(1))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/version", headers={"Host": f"127.0.0.1:{port}"})
        assert connection.getresponse().status == 200  # serving when the signal comes
        connection.close()
    finally:
        server.send_signal(stop)
        out, err = server.communicate(timeout=60)
    assert server.returncode == status, err
    assert "Traceback" not in out + err
    assert err.strip().splitlines()[-1] == "stopped"
    again = listen("127.0.0.1", port, make_handler(PreviewState(zh=False), frozenset()))  # a restart gets the port
    again.server_close()


def test_a_template_looping_without_calls_is_stopped_on_the_page_and_a_fix_shows(tmp_path: Path) -> None:
    # a loop of 10**10 passes with no call in it: only the 4-second CPU timer stops it, and only in the main
    # thread, where serve builds; built in the watcher's thread it ran for hours and the page never changed
    shop = tmp_path / "shop.yaml"
    shop.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "tpl" / "en").mkdir(parents=True)
    override = tmp_path / "tpl" / "en" / "outcomes.md.j2"
    packaged = (REPO / "templates" / "en" / "outcomes.md.j2").read_text(encoding="utf-8")
    assert packaged.count("### Results by horizon") == 1
    command = [sys.executable, "-m", "opsplan", "serve", str(shop), "--port", "0", "--templates", str(tmp_path / "tpl")]
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline())
        assert found
        port = int(found.group(1))

        def shows(text: str) -> bool:  # polls the page as the browser does, for up to two minutes
            for _ in range(600):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/", headers={"Host": f"127.0.0.1:{port}"})
                page = connection.getresponse().read().decode("utf-8")
                connection.close()
                if text in page:
                    return True
                time.sleep(0.2)
            return False

        assert shows("Results by horizon</h3>")
        loop = "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
        override.write_text(packaged.replace("### Results by horizon", "### Looping" + loop), encoding="utf-8")
        assert shows(f"{override}:3: template error (RenderTimeout): rendering used more than 4 seconds of CPU time")
        override.write_text(packaged.replace("### Results by horizon", "### Fixed override"), encoding="utf-8")
        assert shows("Fixed override</h3>")
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    assert "Traceback" not in out + err
