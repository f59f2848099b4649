"""``opsplan serve`` end to end: the command on a free port, the page in headless Chromium, edits seen live.

Chromium is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``: JSON messages ending
in NUL on file descriptors 3 and 4), so the page stays open while the profile changes under it.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests._child_processes import eventually, start_serve, stop_serve
from tests._hardening_helpers import HANG_LIMIT

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "douyin-flowers.en.yaml"

pytestmark = pytest.mark.slow


class ProtocolError(Exception):
    """Chromium answered a command with an error (an evaluation in a page that reloaded meanwhile, say)."""


class Browser:
    """A headless Chromium with one page, spoken to over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome, self._write = os.pipe()
        self._read, from_chrome = os.pipe()

        def descriptors() -> None:
            os.dup2(to_chrome, 3)
            os.dup2(from_chrome, 4)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe"]
        args += [f"--user-data-dir={profile}", "--no-first-run", "about:blank"]
        self.process = subprocess.Popen(
            args, preexec_fn=descriptors, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._id = 0
        self.session = ""

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = True, tab: str = ""
    ) -> dict[str, Any]:
        """Send one command (to ``tab``, else the page opened last) and return its result (events are skipped)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session and (tab or self.session):
            message["sessionId"] = tab or self.session
        os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + HANG_LIMIT
        while True:
            while b"\0" not in self._buffer:
                ready, _, _ = select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))
                assert ready, f"no answer from chromium to {method}"
                chunk = os.read(self._read, 1 << 20)
                assert chunk, "chromium closed the pipe"
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise ProtocolError(answer)
                return dict(answer["result"])

    def open(self, url: str) -> str:
        """Open ``url`` in a new page (a tab), attach to it and return its session."""
        target = self.call("Target.createTarget", {"url": url}, session=False)["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)
        self.session = str(attached["sessionId"])
        return self.session

    def evaluate(self, expression: str, tab: str = "") -> Any:
        """Return the value of ``expression`` in the page (None while the page is between loads).

        A page reloads whenever the preview changes: an evaluation it meets is refused ("Inspected target navigated
        or closed"), and counts as between loads too.
        """
        try:
            result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, tab=tab)
        except ProtocolError:
            return None
        return result.get("result", {}).get("value")

    def close(self) -> None:
        """Stop Chromium."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)


def until(condition: Callable[[], Any], what: str) -> Any:
    """Return ``condition()`` once it is truthy (asked again every 0.2 s); fail naming ``what`` if it never is."""
    return eventually(condition, what, every=0.2)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    started = Browser(binary, tmp_path / "chromium")
    yield started
    started.close()


def test_the_preview_follows_edits_shows_findings_and_survives_a_broken_profile(
    tmp_path: Path, browser: Browser
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    shop = work / "shop.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    shop.write_text(text, encoding="utf-8")
    server, port = start_serve(shop, cwd=work)
    try:
        url = f"http://127.0.0.1:{port}/"
        first_tab = browser.open(url)
        browser.open(url)  # a second tab (evaluate's default from here) follows the edits too
        title = "document.querySelector('h1.title') && document.querySelector('h1.title').textContent"
        until(lambda: "Shiguang Florals" in (browser.evaluate(title, first_tab) or ""), "the plan shown")
        assert browser.evaluate("document.querySelectorAll('aside.pv-chapter').length") == 0
        # the shop's name (as markup, which stays text) and content.pillars[0].share 0.3 → 0.5 (shares sum to 1.2)
        edited = text.replace("name: Shiguang Florals", "name: <b>Bloom</b> Florals", 1)
        edited = edited.replace("      share: 0.3\n", "      share: 0.5\n", 1)
        assert edited.count("<b>Bloom</b>") == 1
        shop.write_text(edited, encoding="utf-8")
        until(lambda: "<b>Bloom</b> Florals" in (browser.evaluate(title) or ""), "the new shop name")
        until(lambda: "<b>Bloom</b> Florals" in (browser.evaluate(title, first_tab) or ""), "the first tab updated")
        assert browser.evaluate("document.querySelectorAll('h1.title b').length") == 0  # text, not markup
        content = "(document.querySelector('aside.pv-chapter[data-chapter=content]') || {}).textContent || ''"
        assert "OPS501" in browser.evaluate(content)
        assert "DRAFT" in browser.evaluate("document.getElementById('pv-findings').textContent")
        # break the YAML: the banner names the file and line, and the last plan that loaded stays under it (a save
        # seen half-way, the file still empty, shows a banner without a line first: the one awaited is the last)
        shop.write_text(edited.replace("\nshop:\n", "\nshop:\n  name: [unclosed\n", 1), encoding="utf-8")
        banner = "(document.getElementById('pv-banner') || {}).textContent || ''"
        at_line = re.compile(rf"{re.escape(str(shop))}:\d+")
        until(lambda: at_line.search(browser.evaluate(banner) or ""), "the banner naming the file and its line")
        assert "<b>Bloom</b> Florals" in browser.evaluate(title)
        shop.write_text(edited, encoding="utf-8")  # fixed: the banner goes
        until(lambda: browser.evaluate("document.getElementById('pv-banner') === null"), "the banner gone")
        gone = "document.getElementById('pv-banner') === null && document.querySelector('h1.title') !== null"
        until(lambda: browser.evaluate(gone, first_tab), "the banner gone in the first tab")
    finally:
        out, err = stop_serve(server)
    assert server.returncode == 0, err
    assert "Traceback" not in out + err
    assert err.strip().splitlines()[-1] == "stopped"
    assert sorted(p.name for p in work.iterdir()) == ["shop.yaml"]  # nothing left behind
