"""``opsplan serve`` as a process: how it stops (Ctrl-C, SIGTERM, SIGHUP), its exit status and its port."""

from __future__ import annotations

import http.client
import signal
from pathlib import Path

import pytest

from opsplan.serve.page import PreviewState
from opsplan.serve.server import listen, make_handler
from tests._child_processes import eventually, start_serve, stop_serve
from tests._hardening_helpers import HANG_LIMIT

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
    server, port = start_serve(shop)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_LIMIT)
        connection.request("GET", "/version", headers={"Host": f"127.0.0.1:{port}"})
        assert connection.getresponse().status == 200  # serving when the signal comes
        connection.close()
    finally:
        out, err = stop_serve(server, stop)
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
    server, port = start_serve(shop, "--templates", str(tmp_path / "tpl"))

    def page() -> str:  # as the browser asks for it
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_LIMIT)
        connection.request("GET", "/", headers={"Host": f"127.0.0.1:{port}"})
        text = connection.getresponse().read().decode("utf-8")
        connection.close()
        return text

    def shows(text: str) -> None:  # the page is asked for again until it shows ``text``
        eventually(lambda: text in page(), f"the page shows {text!r}", every=0.2)

    try:
        shows("Results by horizon</h3>")
        loop = "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
        override.write_text(packaged.replace("### Results by horizon", "### Looping" + loop), encoding="utf-8")
        shows(f"{override}:3: template error (RenderTimeout): rendering used more than 4 seconds of CPU time")
        override.write_text(packaged.replace("### Results by horizon", "### Fixed override"), encoding="utf-8")
        shows("Fixed override</h3>")
    finally:
        out, err = stop_serve(server)
    assert server.returncode == 0, err
    assert "Traceback" not in out + err
