"""``opsplan render -f html``: one self-contained file with navigation, an interactive Gantt and the risk matrix."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from opsplan.cli import app
from opsplan.plan import Plan
from opsplan.render.html import build_html
from opsplan.render.markdown import render_markdown
from opsplan.render.outputs import load_plan
from tests import _plan_helpers as helpers

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = ["douyin-flowers.en", "douyin-flowers.zh-CN", "livestream-store.en"]
HOSTILE = "<script>alert(1)</script> & \"Co\" 'x'"


class _Collect(HTMLParser):
    """Tags with their attributes, the text of each element class we look at, and every script's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.h2: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "h2"):
            self._in = tag
            (self.scripts if tag == "script" else self.h2).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "h2":
            self.h2[-1] += data

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def _html(path: Path) -> tuple[str, Plan]:
    plan = load_plan(path)
    return build_html(plan, render_markdown(plan)).decode("utf-8"), plan


def _parse(text: str) -> _Collect:
    parser = _Collect()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("name", EXAMPLES)
def test_html_holds_the_whole_plan_and_its_gantt(name: str) -> None:
    text, plan = _html(REPO / "examples" / f"{name}.yaml")
    page = _parse(text)
    chapters = [c.title for c in plan.chapters]
    for title in chapters:
        assert any(title in h for h in page.h2), title
    nav = [a.get("href") for t, a in page.tags if t == "a"]
    assert len([h for h in nav if h and h.startswith("#h")]) > len(chapters)  # chapters and their sections
    tasks = plan.timeline.tasks
    bars = page.with_class("g-bar")
    summary = plan.gantt.summary
    if summary is not None:  # a bar a phase on the summary chart first, then the phases' charts
        assert [b["data-task"] for b in bars[: len(summary.rows)]] == [r.task for r in summary.rows]
        bars = bars[len(summary.rows) :]
    assert len(bars) == len(tasks) > 0
    critical = {b["data-task"] for b in bars if "critical" in (b.get("class") or "").split()}
    assert critical == {t.id for t in tasks if t.critical} and critical
    for bar, task in zip(bars, tasks, strict=True):
        assert task.start.isoformat() in (bar["title"] or "") and task.finish.isoformat() in (bar["title"] or "")
        assert bar["data-float"] == str(task.float_days)
    dated = [m for m in plan.timeline.milestones if m.date is not None]
    # every dated milestone once on the whole plan's chart, or on the summary and again on its phase's chart
    assert len(page.with_class("g-milestone")) == len(dated) * (2 if summary is not None else 1)
    assert len(page.with_class("g-month")) >= 2
    # the first chart covers the plan window: a band for every campaign occurrence of the plan (520 in both
    # years of a 24-month plan), and the legend names them
    first_chart = text.split('<figure class="gantt', 2)[1]
    assert first_chart.count('class="g-campaign"') == len(plan.campaigns) > 0
    assert 'class="cmp-key"' in first_chart
    cells = page.with_class("hm-cell")
    assert len(cells) == 25
    assert {c["data-level"] for c in cells} == {"high", "medium", "low"}
    assert sum(int(c["data-count"] or 0) for c in cells) == len(plan.risks.rows)
    assert "opsplan:gantt" not in text and "```mermaid" not in text


def test_html_is_self_contained() -> None:
    text, _ = _html(REPO / "examples" / "douyin-flowers.zh-CN.yaml")
    page = _parse(text)
    assert not [a for t, a in page.tags if t in ("link", "img", "iframe") or (t == "script" and a.get("src"))]
    assert not re.search(r"(?i)(src|href)\s*=\s*[\"']?(https?:)?//", text)
    assert "@import" not in text and "url(" not in text
    assert '<html lang="zh-CN">' in text and "@media print" in text


def test_numeric_columns_are_right_aligned_and_long_tables_sortable() -> None:
    text, _ = _html(REPO / "examples" / "douyin-flowers.en.yaml")
    page = _parse(text)
    assert page.with_class("num") and page.with_class("sortable")
    assert page.with_class("nowrap")  # date columns (tasks, campaigns) never break inside a date
    assert all(a.get("data-sort") in ("num", "text") for t, a in page.tags if t == "th" and "data-sort" in a)


def test_profile_text_is_escaped(tmp_path: Path) -> None:
    source = (REPO / "examples" / "douyin-flowers.en.yaml").read_text(encoding="utf-8")
    source = source.replace("  name: Shiguang Florals\n", f"  name: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n", 1)
    source = source.replace(
        "name: Market, competitor and audience research", "name: '<img src=x onerror=alert(2)> research'", 1
    )
    profile = tmp_path / "shop.yaml"
    profile.write_text(source, encoding="utf-8")
    text, _ = _html(profile)
    assert "<script>alert(1)</script>" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x onerror=alert(2)&gt;" in text
    page = _parse(text)
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]  # the only script is ours
    assert not [a for t, a in page.tags if t == "img"]


def test_a_plan_without_tasks_or_risks_renders(write, runner, tmp_path: Path) -> None:
    profile = write(
        "small.yaml",
        """\
        version: 1
        plan: {title: Small shop plan, locale: en, start: 2027-03-01, kind: custom, currency: CNY}
        shop: {name: Small shop, platform: douyin}
        baseline: {followers: 20000, monthly_gmv: 100000, aov: 200, conversion_rate: 0.02}
        goals:
          short: {months: 6, targets: {followers: 80000, monthly_gmv: 400000}}
        budget: {total: 600000, months: 6, items: [{name: Content, share: 1}]}
        """,
    )
    result = runner.invoke(app, ["render", str(profile), "-f", "html,md", "--draft", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "small.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Small shop plan" in text


@pytest.mark.slow
@pytest.mark.parametrize("name", ["douyin-flowers.en", "douyin-flowers.zh-CN"])
def test_chromium_runs_the_page_without_errors(tmp_path: Path, name: str) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    text, plan = _html(REPO / "examples" / f"{name}.yaml")
    page = tmp_path / "plan.html"
    page.write_text(text, encoding="utf-8")
    base = [chromium, "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'profile'}"]
    base += ["--enable-logging=stderr", "--v=0", "--window-size=1400,1000"]
    dump = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dump.returncode == 0, dump.stderr[-2000:]
    assert "Uncaught" not in dump.stderr and ":CONSOLE(" not in dump.stderr  # the page logs nothing
    dom = _parse(dump.stdout)
    bars = dom.with_class("g-bar")
    summary = plan.gantt.summary
    # a bar a task, and a bar a phase on the summary when the plan is split
    assert len(bars) == len(plan.timeline.tasks) + (len(summary.rows) if summary else 0)
    assert all(b.get("data-tip") for b in bars)  # the script turned every title into its own tooltip
    assert [b for b in bars if b.get("data-critical") == "true"]
    assert dom.with_class("g-tip")  # the tooltip element the script adds
    shot = tmp_path / "plan.png"
    made = subprocess.run([*base, f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0 and shot.stat().st_size > 10_000
    assert "Uncaught" not in made.stderr


# clicks each zoom button of the first chart (the summary) and writes its track's width for each zoom to the page
_ZOOM_PROBE = """<script>
var fig = document.querySelector("figure.gantt"), out = [];
fig.querySelectorAll("button[data-zoom]").forEach(function (b) {
  b.click();
  var shown = Array.prototype.filter.call(fig.querySelectorAll(".g-axis .g-year, .g-axis .g-quarter, .g-axis .g-month"),
    function (e) { return getComputedStyle(e).display !== "none"; }).map(function (e) { return e.className.replace(" ", "+"); });
  out.push(b.getAttribute("data-zoom") + "=" + Math.round(fig.querySelector(".g-track").getBoundingClientRect().width)
    + ":" + b.getAttribute("aria-pressed") + ":" + Array.from(new Set(shown)).sort().join(","));
});
var pre = document.createElement("pre"); pre.id = "zoom-probe"; pre.textContent = out.join(" ");
document.body.appendChild(pre);
</script></body>"""


@pytest.mark.slow
def test_chromium_zooms_the_summary_by_week_month_quarter_and_year(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    text, _ = _html(REPO / "examples" / "livestream-store.zh-CN.yaml")
    page = tmp_path / "plan.html"
    page.write_text(text.replace("</body>", _ZOOM_PROBE, 1), encoding="utf-8")
    base = [chromium, "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'profile'}"]
    base += ["--enable-logging=stderr", "--v=0", "--window-size=1400,1000"]
    dump = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dump.returncode == 0, dump.stderr[-2000:]
    assert "Uncaught" not in dump.stderr and ":CONSOLE(" not in dump.stderr
    found = re.search(r'<pre id="zoom-probe">(.*?)</pre>', dump.stdout)
    assert found is not None
    # the summary covers the plan window, 2027-03-01 … 2029-02-28: 365 + 366 (to 2029-02-28, over 2028-02-29)
    # = 731 days at 6, 2.2, 0.9 and 0.3 px a day (4,386, 1,608.2, 657.9, 219.3 px); each zoom shows its labels:
    # months (over the weeks), quarters over months, years over quarters; the month that opens the chart and
    # each January keep their year at month zoom (g-open)
    assert found.group(1).split() == [
        "week=4386:true:g-month,g-month+g-open",
        "month=1608:true:g-month,g-month+g-open",
        "quarter=658:true:g-month,g-month+g-open,g-quarter",
        "year=219:true:g-quarter,g-year",
    ]


def test_a_split_plan_has_a_summary_and_a_chart_per_phase() -> None:
    info = {**helpers.BASE["plan"], "chapters": ["timeline"]}
    # a phase with 41 one-week tasks side by side (more than 40, so split), whose id is "summary" like the
    # summary chart's name, then p2: one 60-week task after them
    phases = ("summary", [helpers.task(f"t{i}", 1) for i in range(41)]), ("p2", [helpers.task("long", 60)])
    p = helpers.plan(plan=info, timeline=helpers.timeline(*phases))
    page = _parse(build_html(p, render_markdown(p)).decode("utf-8"))
    figures = [f for f in page.with_class("gantt") if f.get("data-chart")]
    assert [f["data-chart"] for f in figures] == ["summary", "summary", "p2"]
    # the summary spans 7 + 420 days and a 43-day buffer (470 days > 366): it opens at month zoom; the first
    # phase (7 days) and p2 (420 days) open at week and month zoom
    assert [(f["class"] or "").split()[:2] for f in figures] == [
        ["gantt", "zoom-month"],
        ["gantt", "zoom-week"],
        ["gantt", "zoom-month"],
    ]
    bars = page.with_class("g-bar")
    # a bar a phase on the summary (both hold critical tasks), then the 41 and 1 tasks of the phase charts
    assert [b["data-task"] for b in bars[:2]] == ["summary", "p2"] and len(bars) == 2 + 41 + 1
    assert all("critical" in (b.get("class") or "") for b in bars[:2])
    # p2's chart starts on day 7 (2027-03-08), the plan's second week: its week ticks read W2, W3 … like the
    # summary's, the grid shifted by 0 days (p2 starts on a plan week); the "summary" phase's chart reads W1
    html = build_html(p, render_markdown(p)).decode("utf-8")
    p2 = html.split('data-chart="p2"', 1)[1]
    ticks = re.findall(
        r'<div class="g-week" style="--x:(\d+);--w:\d+" title="([\d-]+)" data-show="[^"]*"><span class="g-long">(W\d+)</span>',
        p2,
    )
    assert ticks[:2] == [("0", "2027-03-08", "W2"), ("7", "2027-03-15", "W3")]
    assert "--woff:0" in p2.split(">", 1)[0]
    # only charts longer than a year offer the year zoom: the summary (470 days) and p2 (420), not the first phase
    zooms = [re.findall(r'data-zoom="(\w+)"', part.split("</figure>", 1)[0]) for part in html.split("<figure")[1:]]
    assert zooms == [
        ["week", "month", "quarter", "year"],
        ["week", "month", "quarter"],
        ["week", "month", "quarter", "year"],
    ]


def test_a_phase_chart_starting_mid_week_keeps_the_plans_week_grid() -> None:
    info = {**helpers.BASE["plan"], "chapters": ["timeline"]}
    # p1: one 10-day task (1.43 weeks → round(10.01) = 10 days), so p2 starts on day 10, 2027-03-11, in week 2
    # (days 7–13); week 3 starts on day 14, 4 days into p2's chart, so the grid is shifted by 4 days
    phases = ("p1", [helpers.task("a", 10 / 7)]), ("p2", [helpers.task(f"t{i}", 2) for i in range(41)])
    p = helpers.plan(plan=info, timeline=helpers.timeline(*phases))
    html = build_html(p, render_markdown(p)).decode("utf-8")
    p2 = html.split('data-chart="p2"', 1)[1]
    assert "--woff:4" in p2.split(">", 1)[0]
    ticks = re.findall(
        r'<div class="g-week" style="--x:(\d+);--w:\d+" title="([\d-]+)" data-show="[^"]*"><span class="g-long">(W\d+)</span>',
        p2,
    )
    assert ticks[:3] == [("0", "2027-03-11", "W2"), ("4", "2027-03-15", "W3"), ("11", "2027-03-22", "W4")]


def test_short_columns_never_wrap_and_a_lead_in_keeps_with_what_it_introduces() -> None:
    zh, _ = _html(REPO / "examples" / "douyin-flowers.zh-CN.yaml")
    en, _ = _html(REPO / "examples" / "douyin-flowers.en.yaml")
    # every cell of the market facts' unit column is at most 2 em (亿元, 亿枝, 亿人: two 1 em characters; %),
    # under the 6.5 em a column may be to stay on one line: printed, 亿元 broke into 亿 | 元
    assert '<td class="nowrap">亿元</td>' in zh
    # "Long term" is 5.148 em in the sans-serif's widths (the goals' Horizon column): it broke into Long | term
    assert '<td class="nowrap">Long term</td>' in en
    # a long text column still wraps: the market facts' source column (over 20 em)
    assert "<td>中国花卉协会行业统计" in zh
    # a paragraph that ends with a colon before a list or table is marked as leading in to it, so that printed
    # it is never left at the foot of a page without what it introduces; one ending with a full stop is not
    assert '<p class="lead-in"><strong>进度</strong>：方案自2027年3月1日开始' in zh
    assert "<p>表中5项数据里" in zh
