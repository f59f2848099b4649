"""The HTML Gantt's axis: no label cut at any zoom, and a printed chart that fits the page at any plan length."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from opsplan.render.html import build_html
from opsplan.render.html_gantt_axis import axis_html, milestone_ids_shown, print_day
from opsplan.render.markdown import render_markdown
from opsplan.render.outputs import load_plan

REPO = Path(__file__).resolve().parents[1]
# the livestream examples run 24 months from 2027-03-01: their first quarter (Q1 2027) is March alone
TWO_YEARS = ["livestream-store.zh-CN", "livestream-store.en"]
EXAMPLES = sorted(path.name.removesuffix(".yaml") for path in (REPO / "examples").glob("*.yaml"))


def _labels(axis: str, kind: str) -> list[tuple[str, str]]:
    """Return (long label, data-show) of each ``kind`` label of an axis, in order."""
    return re.findall(rf'<div class="g-{kind}[^"]*" [^>]*title="([^"]+)" data-show="([^"]*)"', axis)


def test_a_one_month_first_quarter_is_named_short_where_its_full_name_would_be_cut() -> None:
    origin, last = dt.date(2027, 3, 1), dt.date(2029, 2, 28)
    axis, printed = axis_html(origin, last, origin, zh=True, pday=print_day(731))
    quarters = _labels(axis, "quarter")
    # quarter zoom, 0.9 px a day, bold 11.5 px labels with 3 px of padding and air:
    # Q1 2027 is March alone, 31 × 0.9 = 27.9 px; "2027年Q1" is 4 × 0.696 + 1 + 0.850 + 0.696 = 5.330 em = 61.3 px
    # (+3), too wide; "Q1" is 0.850 + 0.696 = 1.546 em = 17.8 px (+3 = 20.8), which fits. Q2 (91 days, 81.9 px)
    # takes its full name (64.3 px)
    assert quarters[0][0] == "2027年Q1" and "quarter:short" in quarters[0][1].split()
    assert quarters[1][0] == "2027年Q2" and "quarter:long" in quarters[1][1].split()
    # year zoom, 0.3 px a day, quarters in the second row (regular 10.5 px): Q1 2027 has 9.3 px, less than "Q1"
    # (0.787 + 0.636 = 1.423 em = 14.9 px + 3), so it shows no text; Q2 (27.3 px) shows "Q2"
    assert not [t for t in quarters[0][1].split() if t.startswith("year:")]
    assert "year:short" in quarters[1][1].split()
    # a period never shows a text wider than itself: every token names a form that is one of the label's texts
    assert all(re.fullmatch(r"((week|month|quarter|year|print):(long|short|tiny) ?)*", show) for _, show in quarters)
    assert printed == "year"


def test_a_row_of_months_reads_alike() -> None:
    origin = dt.date(2027, 3, 1)
    # quarter zoom, 0.9 px a day: the widest month names ("10月", regular 10.5 px: 2 × 0.636 + 1 = 2.272 em =
    # 23.9 px + 3 = 26.9) fit a month of 30 days (27.0 px) and "2月" (1.636 em, 20.2 px) a February (25.2 px)
    axis, _ = axis_html(origin, dt.date(2029, 2, 28), origin, zh=True, pday=0.8)
    months = _labels(axis, "month")
    assert {re.search(r"quarter:(\w+)", show)[1] for _, show in months} == {"short"}  # type: ignore[index]
    # printed at 0.8 px a day, by quarter ("2027年Q2", 64.3 px, fits 91 × 0.8 = 72.8 px): "3月" fits March
    # (24.8 px) but "10月" does not fit October, so the whole row gives the month's number alone ("3", "10")
    assert {re.search(r"print:(\w+)", show)[1] for _, show in months} == {"tiny"}  # type: ignore[index]
    assert '<span class="g-tiny">10</span>' in axis


def test_a_two_year_chart_prints_at_the_page_width_with_years_over_quarters() -> None:
    plan = load_plan(REPO / "examples" / "livestream-store.zh-CN.yaml")
    html = build_html(plan, render_markdown(plan)).decode("utf-8")
    summary = re.search(r'<figure class="gantt ([^"]+)" data-chart="summary" style="([^"]+)"', html)
    assert summary is not None and "--span:731;" in summary[2]
    # printed labels are chosen for the narrower of A4 and Letter: A4 less 12 mm margins is 186 mm = 703.0 px;
    # less the 170 px name column and 28 px for a milestone's id past the last day, the track has 505.0 px for
    # 731 days: 0.691 px a day
    assert round(print_day(731), 3) == 0.691
    # quarter labels do not fit whole at that scale ("2027年Q2", 64.3 px, in 91 × 0.691 = 62.9 px), years do
    # ("2028年", 4 × 0.696 + 1 = 3.784 em = 43.5 px + 3, in 366 × 0.691 = 252.8 px): printed by year
    assert summary[1].split() == ["zoom-month", "print-year"]
    # a phase of 18 days prints at 505.0 / 18 = 28.06 px a day, by week
    prep = re.search(r'<figure class="gantt ([^"]+)" data-chart="prep"', html)
    assert prep is not None and "print-week" in prep[1]
    # the page takes the printer's paper: no size is set, only the margins
    assert "@page { margin:12mm; }" in html and "size:" not in html.split("@page", 1)[1].split("}", 1)[0]


def test_a_milestone_id_is_left_out_where_the_next_diamond_comes_first() -> None:
    # two milestones a week apart; "M1" ends 7 + 14.99 + 3 = 25.0 px right of its day, the next diamond starts
    # 7 px before its own: at week zoom 7 × 6 − 7 = 35 px (room), at month zoom 7 × 2.2 − 7 = 8.4 px (none), at
    # quarter and year zoom less, printed at 1 px a day 0 px; the last id always shows
    assert milestone_ids_shown([0, 7], ["M1", "M2"], 1.0) == [
        "week:long",
        "week:long month:long quarter:long year:long print:long",
    ]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


# clicks each zoom of every chart and lists every visible label text that is cut by its period, runs into
# the label beside it, or (a milestone's id) runs into the next diamond; and the first quarter's text at
# quarter zoom
_FIT_PROBE = """<script>
var bad = [], first = [], seen = 0, texts = 0;
function visible(e) { var s = getComputedStyle(e); return s.display !== "none" && s.visibility !== "hidden"; }
function lines(el) {  // the lines a text takes: its boxes that do not share a line with the box before them
  var range = document.createRange(), n = 0, bottom = -Infinity;
  range.selectNodeContents(el);
  Array.prototype.filter.call(range.getClientRects(), function (b) { return b.width > 0; })
    .sort(function (a, b) { return a.top - b.top; }).forEach(function (b) {
      if (b.top >= bottom - 1) { n += 1; bottom = b.bottom; } else { bottom = Math.max(bottom, b.bottom); }
    });
  return n;
}
document.querySelectorAll("figure.gantt").forEach(function (fig, n) {
  fig.querySelectorAll("button[data-zoom]").forEach(function (b) {
    b.click();
    var zoom = b.getAttribute("data-zoom"), rows = {};
    fig.querySelectorAll(".g-axis .g-track > div").forEach(function (cell) {
      if (!visible(cell)) { return; }
      var box = cell.getBoundingClientRect();
      cell.querySelectorAll("span").forEach(function (span) {
        if (!visible(span)) { return; }
        var r = span.getBoundingClientRect();
        seen += 1;
        if (r.right > box.right + 0.5) { bad.push(n + ":" + zoom + ":cut:" + span.textContent); }
        var row = Math.round(box.top);
        (rows[row] = rows[row] || []).push([r.left, r.right, span.textContent]);
      });
      if (zoom === "quarter" && cell.classList.contains("g-quarter") && !first[n]) {
        first[n] = Array.prototype.filter.call(cell.children, visible).map(function (s) { return s.textContent; }).join("");
      }
    });
    Object.keys(rows).forEach(function (row) {
      var spans = rows[row].sort(function (a, b) { return a[0] - b[0]; });
      for (var i = 1; i < spans.length; i++) {
        if (spans[i][0] < spans[i - 1][1] - 0.5) { bad.push(n + ":" + zoom + ":overlap:" + spans[i - 1][2] + "/" + spans[i][2]); }
      }
    });
    fig.querySelectorAll(".g-axis span, .g-milestone span, .g-label, .g-key, .g-tools button").forEach(function (el) {
      if (!el.getClientRects().length || !visible(el) || !el.textContent.trim()) { return; }
      texts += 1;
      if (lines(el) > 1) { bad.push(n + ":" + zoom + ":wrapped:" + el.textContent); }
    });
    var marks = Array.prototype.slice.call(fig.querySelectorAll(".g-milestone"));
    marks.forEach(function (m, i) {
      var span = m.querySelector("span");
      if (!visible(span)) { return; }
      var r = span.getBoundingClientRect();
      marks.slice(i + 1).forEach(function (next) {
        var d = next.getBoundingClientRect();
        if (d.left < r.right - 0.5 && d.right > r.left + 0.5) { bad.push(n + ":" + zoom + ":milestone:" + span.textContent); }
      });
    });
  });
});
var pre = document.createElement("pre"); pre.id = "fit-probe";
pre.textContent = JSON.stringify({bad: bad, first: first, seen: seen, texts: texts});
document.body.appendChild(pre);
</script></body>"""


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_chromium_shows_every_gantt_label_whole_at_every_zoom(tmp_path: Path, name: str) -> None:
    import json

    plan = load_plan(REPO / "examples" / f"{name}.yaml")
    page = tmp_path / "plan.html"
    page.write_text(
        build_html(plan, render_markdown(plan)).decode().replace("</body>", _FIT_PROBE, 1), encoding="utf-8"
    )
    command = [_chromium(), "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'p'}"]
    dump = subprocess.run(
        [*command, "--window-size=1366,900", "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    )
    found = re.search(r'<pre id="fit-probe">(.*?)</pre>', dump.stdout)
    assert found is not None, dump.stderr[-2000:]
    result = json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))
    # no label cut by its period, over another or over the next diamond, and no text of a chart (an axis
    # label, a milestone's id, a task's name, a legend key, a button) on two lines
    assert result["bad"] == []
    assert result["texts"] > 300  # every chart, every zoom: names, keys and buttons at least
    if name in TWO_YEARS:
        assert result["seen"] > 200  # the summary alone shows 105 weeks and 24 months at week zoom
        # the summary's one-month first quarter reads "Q1" at quarter zoom (it read "202", the rest cut)
        assert result["first"][0] == "Q1"


@pytest.mark.parametrize("origin", [dt.date(2027, 5, 31), dt.date(2027, 8, 31), dt.date(2027, 12, 31)])
def test_a_chart_that_starts_late_in_a_month_names_its_quarters(origin: dt.date) -> None:
    # a phase's chart starts where the phase does: 31 May lies in Q2, whose first month (April) has no 31st
    last = dt.date(2028, 6, 30)
    axis, _ = axis_html(origin, last, dt.date(2027, 3, 1), zh=False, pday=print_day((last - origin).days + 1))
    quarters = [title for title, _ in _labels(axis, "quarter")]
    first = (origin.month - 1) // 3 + 1
    # from the origin's quarter to Q2 2028, one label each: 2027 Q2 → 2028 Q2 is 5, Q3 → 4, Q4 → 3
    assert len(quarters) == 4 * (2028 - origin.year) + 2 - first + 1
    assert f"Q{first}" in quarters[0] and "2027" in quarters[0]
    assert "Q2" in quarters[-1] and "2028" in quarters[-1]
