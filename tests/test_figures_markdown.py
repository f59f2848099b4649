"""The Markdown of the plan's two figures: the Gantt chart's axis rows and marker, the lettered risk matrix."""

from __future__ import annotations

import datetime as dt

from opsplan.render.figures_markdown import axis_rows, gantt_table
from opsplan.render.markdown import render_markdown
from tests._plan_helpers import BASE, plan, task, timeline


def _columns(*starts: dt.date) -> list[dict[str, object]]:
    return [{"index": i, "label": f"W{i + 1}", "start": d} for i, d in enumerate(starts)]


def test_weeks_have_their_months_above() -> None:
    # weeks from 2027-12-20: W1, W2 in December (the year at the first column), W3 from 2028-01-03 (January
    # shows its year), W4 from 2028-01-10 (same month: blank, the label above spans it)
    chart = {"unit": "week", "columns": _columns(*(dt.date(2027, 12, 20) + dt.timedelta(days=7 * i) for i in range(4)))}
    assert axis_rows("zh-CN", chart) == (["2027年12月", "", "2028年1月", ""], ["W1", "W2", "W3", "W4"])
    assert axis_rows("en", chart)[0] == ["Dec 2027", "", "Jan 2028", ""]


def test_months_and_quarters_have_their_years_above() -> None:
    months = {"unit": "month", "columns": _columns(dt.date(2027, 11, 15), dt.date(2027, 12, 1), dt.date(2028, 1, 1))}
    assert axis_rows("en", months) == (["2027", "", "2028"], ["Nov", "Dec", "Jan"])
    quarters = {"unit": "quarter", "columns": _columns(dt.date(2027, 11, 15), dt.date(2028, 1, 1))}
    assert axis_rows("zh-CN", quarters) == (["2027年", "2028年"], ["Q4", "Q1"])
    years = {"unit": "year", "columns": [{"index": 0, "label": "2027–2028", "start": dt.date(2027, 3, 1)}]}
    assert axis_rows("en", years) == (None, ["2027–2028"])


def test_a_chart_names_its_rows_phases_for_the_renderers() -> None:
    chart = {
        "kind": "phase",
        "key": "p1",
        "unit": "week",
        "columns": _columns(dt.date(2027, 3, 1), dt.date(2027, 3, 8)),
        "rows": [
            {"name": "Hire", "phase_index": 2, "critical": True, "active": [0]},
            {"name": "Build | test", "phase_index": 2, "critical": False, "active": [0, 1]},
        ],
        "milestones": [{"name": "Live", "columns": [1]}],
    }
    assert str(gantt_table("en", chart, "Task", "Week")).splitlines() == [
        '<!-- opsplan:gantt chart="phase" phase="p1" axis="2" phases="2 2 m" -->',
        "| Task | Mar 2027 |  |",
        "|---|---|---|",
        "| Week | W1 | W2 |",
        "| Hire | █ |  |",
        "| Build \\| test | ▒ | ▒ |",
        "| ◆ Live |  | ◆ |",
    ]


def test_the_risk_matrix_letters_every_cell_by_level() -> None:
    info = {**BASE["plan"], "chapters": ["risks"]}
    risk = {"id": "R1", "category": "operations", "title": "t", "likelihood": 3, "impact": 5, "owner": "o"}
    risk |= {"mitigation": "m", "response": "r", "response_hours": 4}
    md = render_markdown(plan(plan=info, risks=[risk]), None)
    # likelihood 3 against impact 1 … 5: scores 3, 6, 9, 12, 15 → low, low, medium, medium, high (R1 at 15)
    assert "| 3 | L | L | M | M | H R1 |" in md
    # likelihood 5: 5, 10, 15, 20, 25 → low, medium, high, high, high
    assert "| 5 | L | M | H | H | H |" in md
    assert "Key: H = high (15 and over" in md


def test_a_split_plan_shows_a_summary_then_each_phase() -> None:
    info = {**BASE["plan"], "chapters": ["timeline"]}
    md = render_markdown(plan(plan=info, timeline=timeline(("p", [task(f"t{i}", 1) for i in range(41)]))), None)
    # 41 tasks > 40: a summary chart of the one phase, then the phase's own chart with its 41 rows
    markers = [line for line in md.splitlines() if line.startswith("<!-- opsplan:gantt")]
    assert [m.split(" axis=")[0] for m in markers] == [
        '<!-- opsplan:gantt chart="summary"',
        '<!-- opsplan:gantt chart="phase" phase="p"',
    ]
    # the overview covers the 6-month plan window, 2027-03-01 … 2027-08-31 (27 weeks, the last cut at the window)
    assert "**Phase overview** (1 March 2027 to 31 August 2027, one column per week;" in md
    assert "**P** (1 March 2027 to 7 March 2027, 41 tasks, one column per week)" in md
