"""The HTML plan as a client opens it: tooltips in the plan's language, the contents on a phone, sorting, print."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape, unescape
from pathlib import Path

import pytest

from opsplan.render.html import build_html
from opsplan.render.markdown import render_markdown
from opsplan.render.outputs import load_plan
from tests import _plan_helpers as helpers

REPO = Path(__file__).resolve().parents[1]
TWO = ["douyin-flowers.en", "douyin-flowers.zh-CN"]


def _small(locale: str) -> str:
    info = {**helpers.BASE["plan"], "locale": locale, "chapters": ["timeline"]}
    # a: 2 weeks from the plan's start, 2027-03-01 … 2027-03-14 (14 days); b: 1 week after it, 03-15 … 03-21
    phase = ("p1", [helpers.task("a", 2), helpers.task("b", 1, "a")])
    plan = helpers.plan(plan=info, timeline=helpers.timeline(phase))
    return build_html(plan, render_markdown(plan)).decode("utf-8")


def _tip(html: str, task: str) -> list[str]:
    found = re.search(rf'<div class="g-bar[^"]*" [^>]*data-task="{task}"[^>]*title="([^"]*)"', html)
    assert found is not None
    return unescape(found[1]).split("\n")


def test_a_bars_tooltip_is_written_in_the_plans_language() -> None:
    # b follows a (2 weeks from 2027-03-01): 2027-03-15 … 03-21, 7 days, both on the critical path, no owner
    assert _tip(_small("zh-CN"), "p1.b") == [
        "B",
        "阶段：P1",
        "开始：2027-03-15",
        "结束：2027-03-21（7 天）",
        "浮动时间：0 天（关键路径）",
        "前置任务：A",
    ]
    assert _tip(_small("en"), "p1.a") == [
        "A",
        "Phase: P1",
        "Start: 2027-03-01",
        "Finish: 2027-03-14 (14 days)",
        "Float: 0 days (critical path)",
        "Depends on: none",
    ]


def test_the_contents_fold_into_a_summary() -> None:
    html = _small("en")
    nav = re.search(r'<nav class="sidebar"[^>]*>\s*<details open><summary class="nav-title">Contents</summary>', html)
    assert nav is not None and "</details></nav>" in html


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def _probe(tmp_path: Path, html: str, script: str, width: int) -> dict[str, object]:
    """Open ``html`` in a frame ``width`` px wide, run ``script`` (which sets ``window.probe``), return the probe.

    A frame, because headless Chromium's window is at least 500 px wide.
    """
    tail = f"<script>{script}\nparent.document.getElementById('probe').textContent = JSON.stringify(window.probe);"
    framed = html.replace("</body>", tail + "</script></body>", 1)
    page = tmp_path / "frame.html"
    page.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><pre id="probe"></pre><iframe style="width:{width}px;'
        f'height:844px;border:0" srcdoc="{escape(framed, quote=True)}"></iframe></body></html>',
        encoding="utf-8",
    )
    command = [_chromium(), "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'p'}"]
    command += ["--window-size=1400,900", "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()]
    dump = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "Uncaught" not in dump.stderr
    found = re.search(r'<pre id="probe">(.*?)</pre>', dump.stdout, re.DOTALL)
    assert found is not None and found[1], dump.stderr[-2000:]
    result: dict[str, object] = json.loads(unescape(found[1]))
    return result


_PHONE = """
var doc = document.documentElement, title = document.querySelector("h1.title");
window.probe = {
  scroll: doc.scrollWidth - doc.clientWidth, open: document.querySelector(".sidebar details").open,
  title: Math.round(title.getBoundingClientRect().top),
  label: Math.round(document.querySelector(".g-label").getBoundingClientRect().width),
  heat: document.querySelectorAll(".hm-cell[data-tip]").length
};
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", TWO)
def test_chromium_on_a_phone_shows_the_plan_first_and_nothing_wider_than_the_screen(tmp_path: Path, name: str) -> None:
    plan = load_plan(REPO / "examples" / f"{name}.yaml")
    probe = _probe(tmp_path, build_html(plan, render_markdown(plan)).decode("utf-8"), _PHONE, 390)
    # a 390 px phone: the page does not scroll sideways (the risk grid was 500 px wide), the contents are folded
    # under their summary so the plan's title is on the first screen (it came after 60 links), and a Gantt's
    # task names leave the chart most of the width (they took 300 px); the risk cells have tooltips for touch
    assert probe["scroll"] == 0
    assert probe["open"] is False and isinstance(probe["title"], int) and 0 < probe["title"] < 150
    assert probe["label"] == 120
    assert probe["heat"] == 25


_SORT = """
var table = Array.prototype.find.call(document.querySelectorAll("table.sortable"), function (t) {
  return t.tHead.rows[0].cells[0].textContent === "Month";
});
function column() { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[0].textContent; }); }
var before = column(), th = table.tHead.rows[0].cells[0];
th.click(); var up = column(); th.click();
window.probe = {before: before, up: up, down: column()};
"""


@pytest.mark.slow
def test_chromium_sorts_months_in_their_order(tmp_path: Path) -> None:
    plan = load_plan(REPO / "examples" / "douyin-flowers.en.yaml")
    probe = _probe(tmp_path, build_html(plan, render_markdown(plan)).decode("utf-8"), _SORT, 1366)
    before = probe["before"]
    # the goal trajectory lists Baseline, M1 … M6, then quarters to M24: in month order already, so sorting it
    # up keeps it and down reverses it (it gave Baseline, M1, M12, M15, M18, M2 … compared as text)
    assert isinstance(before, list) and before[:3] == ["Baseline", "M1", "M2"] and before[-1] == "M24"
    assert probe["up"] == before and probe["down"] == before[::-1]


@pytest.mark.slow
def test_chromium_prints_every_table_column(tmp_path: Path) -> None:
    plan = load_plan(REPO / "examples" / "douyin-flowers.en.yaml")
    html = build_html(plan, render_markdown(plan)).decode("utf-8")
    page = tmp_path / "plan.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / "plan.pdf"
    command = [_chromium(), "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'p'}"]
    subprocess.run(
        [*command, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()], timeout=180, check=True
    )
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    printed = re.sub(r"\s+", "", text)
    headers = {re.sub(r"<[^>]+>|\s+", "", unescape(h)) for h in re.findall(r"<th[^>]*>(.*?)</th>", html)}
    # every column header of every table is on paper: the team table's Duties column was cut off by its
    # scrolling frame, and its rows ran over three pages
    missing = sorted(h for h in headers if h not in printed)
    assert missing == [], missing
    assert "↕" not in text  # the sort arrows are for the screen
