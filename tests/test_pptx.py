"""The 汇报 deck (``-f pptx``): its slides, its figures read back against the plan's JSON, fonts, and options."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from opsplan.cli import app
from opsplan.formatting import metric_value, money
from opsplan.kinds import Chapter
from opsplan.metrics import MetricKind
from opsplan.plan.jsonview import plan_to_json
from opsplan.render.outputs import load_plan
from opsplan.render.palette import CAMPAIGN_FILL, CRITICAL_LINE, phase_colour
from opsplan.render.pptx import build_pptx
from opsplan.render.pptx_charts import value_axis
from opsplan.render.pptx_text import EAST_ASIA_FONT
from tests._examples import PROFILES, fresh_render
from tests._plan_helpers import BASE, goals, plan, task, timeline
from tests._pptx_helpers import (
    A,
    all_text,
    categories,
    charts,
    notes_text,
    open_pptx,
    run_properties,
    series_values,
    slide_title,
)


@pytest.fixture(scope="module", params=PROFILES, ids=[p.name for p in PROFILES])
def deck(request: pytest.FixtureRequest) -> tuple[Any, dict[str, Any], bytes, Any]:
    """(the plan, its JSON, the deck's bytes, the deck read back) for one example profile."""
    computed = load_plan(request.param)
    data = fresh_render(request.param).pptx  # build_pptx(computed), as `opsplan render -f pptx` writes it
    return computed, plan_to_json(computed), data, open_pptx(data)


def _all_charts(prs: Any) -> list[Any]:
    return [c for slide in prs.slides for c in charts(slide)]


def _chart_with(prs: Any, names: list[str]) -> Any:
    found = [c for c in _all_charts(prs) if categories(c) == names]
    assert found, f"no chart with the categories {names}"
    return found[0]


def test_a_deck_has_10_to_15_slides_each_with_a_title_and_notes(deck: Any) -> None:
    _, _, _, prs = deck
    slides = list(prs.slides)
    assert 10 <= len(slides) <= 15  # a split timeline too: its phases' charts are in the document, not the deck
    for number, slide in enumerate(slides, 1):
        assert slide_title(slide).strip(), f"slide {number} has no title"
        assert notes_text(slide).strip(), f"slide {number} has no speaker notes"


def test_the_ask_comes_first(deck: Any) -> None:
    computed, _, _, prs = deck
    zh = computed.locale.startswith("zh")
    titles = [slide_title(s) for s in prs.slides]
    assert titles[1] == ("一页看懂：目标、预算、团队与节奏" if zh else "The plan on one page")
    assert titles[2] == ("需要今天拍板的事项" if zh else "Decisions we ask for today")


def test_chart_data_equals_the_plan_json(deck: Any) -> None:
    computed, data, _, prs = deck
    budget = data["budget"]
    chart = _chart_with(prs, [i["name"] for i in budget["items"]])
    assert series_values(chart) == [i["share"] for i in budget["items"]]
    chart = _chart_with(prs, [c["name"] for c in budget["channels"]])
    assert series_values(chart) == [c["share"] for c in budget["channels"]]
    chart = _chart_with(prs, [r["role"] for r in data["team"]["roles"]])
    assert series_values(chart) == [r["count"] for r in data["team"]["roles"]]
    case = data["funnel"]["horizons"][0]
    chart = _chart_with(prs, [s["stage"] for s in case["stages"]])
    assert series_values(chart) == [s["volume"] for s in case["stages"]]
    # the goal chart: one point a month from the baseline, the trajectory's own values in the unit the series names
    lines = [c for c in _all_charts(prs) if len(categories(c)) > 12]
    assert len(lines) == 1
    name = lines[0].plots[0].series[0].name
    unit = name.rpartition("（")[2] if "（" in name else name.rpartition("(")[2]  # 万元）/ CNY M) / none
    words = unit.rstrip("）)").split() or [""]
    divisor = {"万": 1e4, "亿": 1e8, "k": 1e3, "M": 1e6, "B": 1e9}.get(words[-1][:1] if "（" in name else words[-1], 1)
    values = [v * divisor for v in series_values(lines[0])]
    rows = [r for r in data["goals"]["trajectory"] if r["value"] == pytest.approx(values[0]) and r["month"] == 0]
    metric = rows[0]["metric"]
    assert values == pytest.approx([r["value"] for r in data["goals"]["trajectory"] if r["metric"] == metric])
    pillars = computed.profile.content.pillars
    assert series_values(_chart_with(prs, [p.name for p in pillars])) == [p.share for p in pillars]


def test_every_chart_has_data(deck: Any) -> None:
    _, _, _, prs = deck
    found = _all_charts(prs)
    assert len(found) >= 6
    for chart in found:
        values = series_values(chart)
        assert values and all(v is not None for v in values) and any(v for v in values)


def test_summary_figures_equal_the_plan_json(deck: Any) -> None:
    computed, data, _, prs = deck
    loc, cur = computed.locale, data["meta"]["currency"]
    summary = all_text(prs.slides[1])
    assert money(loc, data["budget"]["total"], cur) in summary
    assert money(loc, data["budget"]["monthly_total"], cur) in summary
    assert money(loc, data["team"]["monthly_payroll"], cur) in summary
    headcount = data["team"]["headcount"]
    assert (f"{headcount}人" if loc.startswith("zh") else f"{headcount} people") in summary
    # every headline card's figure is the last horizon target of that metric in the JSON
    last = data["outcomes"][-1]["rows"]
    gmv = next(r for r in last if r["metric"] == "monthly_gmv")
    assert metric_value(loc, gmv["target"], "monthly_gmv", cur) in summary
    asks = all_text(prs.slides[2])
    assert money(loc, data["budget"]["total"], cur) in asks
    assert money(loc, data["team"]["period_payroll"], cur) in asks
    high = [r["id"] for r in data["risks"] if r["level"] == "high"]
    assert all(i in asks for i in high)


def test_risk_matrix_cells_hold_the_heat_map_ids(deck: Any) -> None:
    _, data, _, prs = deck
    slide = next(
        s
        for s in prs.slides
        if any(len(t.text_frame.text) <= 3 and t.text_frame.text == "25" for t in s.shapes if t.has_text_frame)
    )
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    for row in data["risk_heat"]:
        for cell in row:
            expected = " ".join(cell["ids"]) if cell["ids"] else str(cell["score"])
            assert expected in texts or any(t.endswith("…") and expected.startswith(t[:-1]) for t in texts)


def _fills(slide: Any) -> list[str]:
    """The fill colours of the text-free shapes (bars, swatches, diamonds)."""
    out = []
    for shape in slide.shapes:
        fill = shape._element.find(f".//{A}solidFill/{A}srgbClr")
        if fill is not None and not (shape.has_text_frame and shape.text_frame.text):
            out.append(fill.get("val"))
    return out


def _outlined(slide: Any) -> int:
    """How many shapes carry the critical outline (2.25 pt in CRITICAL_LINE)."""
    lines = [shape._element.find(f".//{A}ln") for shape in slide.shapes]
    return sum(
        1
        for ln in lines
        if ln is not None
        and ln.get("w") == str(28575)
        and ln.find(f"{A}solidFill/{A}srgbClr").get("val") == CRITICAL_LINE
    )


def _diamonds(slide: Any) -> int:
    return sum(1 for s in slide.shapes if s._element.find(f".//{A}prstGeom[@prst='diamond']") is not None)


def test_gantt_bars_and_milestones(deck: Any) -> None:
    computed, data, _, prs = deck
    tl = data["timeline"]
    slides = list(prs.slides)
    at = next(i for i, s in enumerate(slides) if str(tl["length_days"]) in slide_title(s))
    gantt = computed.gantt
    # every example is split (24 months of window, a few of work): the deck shows the summary chart only, the
    # phases' own charts are in the document; the slide after it is the expected results
    assert gantt.split and gantt.summary is not None
    summary = slides[at]
    assert all(chart.name not in slide_title(s) for chart in gantt.phases for s in slides[at + 1 :])
    phase_of = {p["id"]: i for i, p in enumerate(tl["phases"])}
    critical_phases = {t["phase"] for t in tl["tasks"] if t["critical"]}
    fills = _fills(summary)
    # the summary: a bar a phase in its colour (phase 0's colour twice more in the legend), outlined when it holds
    # a critical task (+ the legend's swatch), a diamond a milestone day (+ the legend's), an amber band a campaign
    # occurrence in the 24-month window (+ the legend's)
    assert [fills.count(phase_colour(i)) for i in phase_of.values()] == [3] + [1] * (len(phase_of) - 1)
    assert _outlined(summary) == len(critical_phases) + 1
    assert _diamonds(summary) == len({m["day"] for m in data["milestones"] if m["day"] is not None}) + 1
    assert fills.count(CAMPAIGN_FILL) == len(computed.campaigns) + 1
    # its notes hold what the phase slides did: each phase by name, then each of its tasks with dates and owner
    notes = notes_text(summary).splitlines()
    colon = "：" if computed.locale.startswith("zh") else ": "  # the language's own
    for phase in tl["phases"]:
        heading = next(i for i, line in enumerate(notes) if line.startswith(f"{phase['name']}{colon}"))
        own = [t for t in tl["tasks"] if t["phase"] == phase["id"]]
        for line, t in zip(notes[heading + 1 : heading + 1 + len(own)], own, strict=True):
            assert line.startswith(f"{t['name']}{colon}") and line.endswith(t["owner"]), line
            assert t["start"][:4] in line and t["finish"][:4] in line


def test_every_run_has_an_east_asian_font(deck: Any) -> None:
    _, _, data, _ = deck
    runs = run_properties(data)
    assert runs
    for rpr in runs:
        assert rpr is not None
        ea = rpr.find(f"{A}ea")
        assert ea is not None and ea.get("typeface") == EAST_ASIA_FONT


def test_at_most_six_bullets_a_box(deck: Any) -> None:
    _, _, _, prs = deck
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                bullets = shape._element.findall(f".//{A}buChar")
                assert len(bullets) <= 6, slide_title(slide)


def _small(**sections: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(sections)
    return data


def test_chapters_the_plan_leaves_out_leave_their_slides_out() -> None:
    computed = plan(
        plan={**BASE["plan"], "chapters": ["goals", "risks", "timeline"]},
        baseline={"followers": 1_000},
        goals=goals({"followers": 5_000}),
        risks=[
            {
                "id": "R1",
                "category": "team",
                "title": "a hire is late",
                "likelihood": 2,
                "impact": 3,
                "owner": "lead",
                "mitigation": "start early",
            }
        ],
        timeline=timeline(
            ("prep", [task("a", 2)]), milestones=[{"id": "M1", "name": "go", "after": ["prep.a"], "criteria": "done"}]
        ),
    )
    titles = [slide_title(s) for s in open_pptx(build_pptx(computed)).slides]
    assert titles == [
        "Test plan",
        "The plan on one page",
        "Decisions we ask for today",
        "Agenda",
        "The path to target: Followers month by month",
        "Risk matrix: no high risks",
        "Timeline: a 14-day critical path",
    ]


def test_render_writes_a_deck(tmp_path: Path, runner: Any) -> None:
    profile = PROFILES[0]
    result = runner.invoke(app, ["render", str(profile), "-f", "pptx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = tmp_path / (profile.stem + ".pptx")
    assert len(open_pptx(written.read_bytes()).slides) >= 10


def test_the_deck_is_dated_by_the_plan_so_the_same_plan_gives_the_same_bytes(deck: Any) -> None:
    import io
    import zipfile

    computed, _, data, _ = deck
    stamp = f"{computed.profile.plan.date.isoformat()}T00:00:00Z".encode()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {m.date_time for m in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        cores = [package.read("docProps/core.xml")]
        for name in package.namelist():
            if name.endswith(".xlsx"):  # the workbook of each chart's data
                with zipfile.ZipFile(io.BytesIO(package.read(name))) as workbook:
                    cores.append(workbook.read("docProps/core.xml"))
    assert len(cores) > 1
    for core in cores:
        assert core.count(stamp) == 2  # created and modified


def test_a_chapter_with_nothing_to_show_leaves_its_slide_out() -> None:
    # kind custom has every chapter, but this plan gives only its team something to show (the plan engine
    # leaves the chapters without data out)
    every = [c.value for c in Chapter]
    computed = plan(plan={**BASE["plan"], "chapters": every}, team=[{"role": "ops", "count": 1, "monthly_cost": 10}])
    titles = [slide_title(s) for s in open_pptx(build_pptx(computed)).slides]
    assert titles == [
        "Test plan",
        "The plan on one page",
        "Decisions we ask for today",
        "Agenda",
        "Budget split and team",
    ]


def test_a_chart_of_more_than_20_rows_goes_on_over_a_second_slide() -> None:
    # 25 one-week tasks, 12 in phase a and 13 in b, none waiting for another in its phase: 14 days and a 2-day
    # buffer, in the 6-month window's 27 weeks; 25 tasks are not more than 40, so one chart, not split. Its 25
    # rows go on two slides of 20 and 5, each with the chart's axis
    tasks = [task(f"t{i}", 1) for i in range(25)]
    computed = plan(
        plan={**BASE["plan"], "chapters": ["goals", "timeline"]},
        baseline={"followers": 1_000},
        goals=goals({"followers": 5_000}),
        timeline=timeline(("a", tasks[:12]), ("b", tasks[12:])),
    )
    assert not computed.gantt.split
    prs = open_pptx(build_pptx(computed))
    titles = [slide_title(s) for s in prs.slides]
    first, second = (
        next(s for s in prs.slides if slide_title(s) == f"Timeline: a 14-day critical path ({k}/2)") for k in (1, 2)
    )
    assert "Timeline: a 14-day critical path (2/2)" in titles
    # all 25 tasks are critical (each phase's tasks run side by side): 12 of a and 8 of b, then b's other 5
    assert (_fills(first).count(phase_colour(1)), _fills(second).count(phase_colour(1))) == (8, 5)
    assert (_outlined(first), _outlined(second)) == (20 + 1, 5 + 1)
    labels = {s.text_frame.text for s in second.shapes if s.has_text_frame}
    # 27 week columns labelled from W1 on, each where it does not run into the one before (every second one on
    # a 16:9 slide); W27 starts 2 days before the chart's last day (2027-08-31), too near the edge for its label
    assert {"T20", "T24", "W1"} <= labels and not {"T0", "W27"} & labels


def _long_plan(**sections: Any) -> Any:
    """A goal and the model's split plan of test_plan_gantt: p1 150 weeks and half a week, p2 2 weeks (quarters)."""
    return plan(
        plan={**BASE["plan"], "chapters": ["goals", "timeline"]},
        baseline={"followers": 1_000},
        goals=goals({"followers": 5_000}),
        timeline=timeline(("p1", [task("a", 150), task("a2", 0.5, "a")]), ("p2", [{**task("b", 2), "owner": "Li"}])),
        **sections,
    )


def test_a_long_plan_ends_its_deck_with_the_summary_slide_whose_notes_hold_each_phase() -> None:
    computed = _long_plan()
    assert computed.gantt.split and len(computed.gantt.phases) == 2
    slides = list(open_pptx(build_pptx(computed)).slides)
    # the summary chart only (the phases' charts are in the document): the deck ends with it, as it did before
    # the split, at 6 slides: title, one page, decisions, agenda, goals, timeline
    assert [slide_title(s) for s in slides[-2:]] == [
        "The path to target: Followers month by month",
        "Timeline: a 1068-day critical path",
    ]
    # p1 runs 2027-03-01 … 2030-01-17 (days 0–1053): a 150 weeks = 1050 days to 2030-01-13, a2 half a week
    # (4 days) to 01-17; p2 2030-01-18 … 01-31 (days 1054–1067), its b 2 weeks, owned by Li. No owner, no "owner:"
    notes = notes_text(slides[-1]).splitlines()
    at = notes.index("107-day buffer") + 1
    assert notes[at : at + 5] == [
        "P1: 1 March 2027 – 17 January 2030",
        "A: 1 March 2027 – 13 January 2030",
        "A2: 14 January 2030 – 17 January 2030",
        "P2: 18 Jan – 31 January 2030",
        "B: 18 January 2030 – 31 January 2030; owner: Li",
    ]


def _funnel_deck(locale: str) -> Any:
    # 1,200,000 a month at an AOV of 100 is 12,000 paid orders; at 1% of clicks that is 1,200,000 clicks,
    # at 10% of exposures 12,000,000 exposures
    funnel = [{"stage": "exposure"}, {"stage": "click", "rate": 0.1}, {"stage": "pay", "rate": 0.01}]
    computed = plan(
        plan={**BASE["plan"], "locale": locale, "chapters": ["goals", "traffic"]},
        baseline={"monthly_gmv": 300_000, "aov": 100},
        goals=goals({"monthly_gmv": 1_200_000}),
        traffic={"funnel": funnel},
    )
    return open_pptx(build_pptx(computed))


@pytest.mark.parametrize(
    ("locale", "labels", "axis", "series", "top"),
    [
        # the goal: 300,000 → 1,200,000 a month = 30 → 120 万元: ticks of 50 (120 / 5 = 24 → 50) up to 150
        ("zh-CN", ["1,200万", "120万", "1.2万"], '#,##0"万元";-#,##0"万元";"0"', "月GMV（万元）", 150),
        # 0.3 → 1.2 CNY M: 1.2 / 5 = 0.24 → ticks of 0.5 up to 1.5, written 0.5 and 1, not 1.0
        ("en", ["12M", "1.2M", "12,000"], '"CNY "General"M";-"CNY "General"M";"0"', "Monthly GMV (CNY M)", 1.5),
    ],
)
def test_the_funnel_and_the_goal_axis_show_the_plans_units(
    locale: str, labels: list[str], axis: str, series: str, top: float
) -> None:
    prs = _funnel_deck(locale)
    funnel = _chart_with(prs, ["exposure", "click", "pay"])
    assert series_values(funnel) == [12_000_000, 1_200_000, 12_000]  # the data stays the plan's numbers
    shown = [p.data_label.text_frame.text for p in funnel.plots[0].series[0].points]
    assert shown == labels
    [line] = [c for c in _all_charts(prs) if c.chart_type is not None and "LINE" in str(c.chart_type)]
    assert line.plots[0].series[0].name == series  # the data in the unit its name gives
    assert max(series_values(line)) == pytest.approx(top / 1.25)  # 1,200,000 = 120万元 = CNY 1.2M
    assert line.value_axis.tick_labels.number_format == axis
    assert (line.value_axis.minimum_scale, line.value_axis.maximum_scale) == (0, pytest.approx(top))


@pytest.mark.parametrize(
    ("locale", "values", "kind", "currency", "axis"),
    [
        # 5,000,000 = 500万 → 500 / 5 = 100: ticks 0, 100万元 … 500万元
        ("zh-CN", [400_000, 5_000_000], MetricKind.MONEY, "CNY", (1e4, "万元", 0, 500, 100, '#,##0"万元"')),
        # 450,000,000 = 4.5亿 → 0.9 → ticks of 1: 0 … 5亿元
        ("zh-CN", [2e7, 4.5e8], MetricKind.MONEY, "CNY", (1e8, "亿元", 0, 5, 1, '#,##0"亿元"')),
        ("zh-CN", [5_000, 8_000], MetricKind.MONEY, "USD", (1, "美元", 0, 8_000, 2_000, '#,##0"美元"')),
        # 1,500,000 followers = 1.5M → 0.3 → ticks of 0.5: 0.5M, 1M, 1.5M
        ("en", [300_000, 1_500_000], MetricKind.COUNT, "CNY", (1e6, "M", 0, 1.5, 0.5, 'General"M"')),
        ("en", [5_000, 8_000], MetricKind.COUNT, "CNY", (1, "", 0, 8_000, 2_000, "#,##0")),  # below 100k: in full
        # 2.1% → 3.5%: 3.5 / 5 = 0.7 → ticks of 1 point up to 4%
        ("zh-CN", [0.021, 0.035], MetricKind.RATE, "CNY", (1, "", 0, 0.04, 0.01, "0%")),
        # 0.2% → 1.2%: 1.2 / 5 = 0.24 → ticks of half a point up to 1.5%, one decimal each
        ("en", [0.002, 0.012], MetricKind.RATE, "CNY", (1, "", 0, 0.015, 0.005, "0.0%")),
    ],
)
def test_a_value_axis_reads_as_the_plan_writes_its_figures(
    locale: str, values: list[float], kind: MetricKind, currency: str, axis: tuple[float, str, float, float, float, str]
) -> None:
    divisor, unit, bottom, top, step, shown = axis
    got = value_axis(locale, values, kind, currency)
    assert (got.divisor, got.unit) == (divisor, unit)
    assert (got.bottom, got.top, got.step) == pytest.approx((bottom, top, step))
    assert got.number_format.split(";")[0] == shown


def test_a_title_longer_than_a_file_property_holds_is_shortened_there_only() -> None:
    # PPTX properties hold 255 characters; a 300-character title, shop or author failed the whole render
    long = "Shop " * 60
    computed = plan(plan={**BASE["plan"], "title": long.strip(), "author": long}, shop={**BASE["shop"], "name": long})
    deck = open_pptx(build_pptx(computed))
    props = deck.core_properties
    for value in (props.title, props.author, props.subject):
        assert len(value) == 255 and value.endswith("…") and long.startswith(value[:-1])
    assert slide_title(deck.slides[0]) == long.strip()  # the title slide keeps all of it


def test_a_renamed_timeline_chapter_renames_each_of_its_slides() -> None:
    computed = _long_plan(sections={"timeline": {"title": "Roadmap"}})
    titles = [slide_title(s) for s in open_pptx(build_pptx(computed)).slides]
    # the summary slide, the timeline's one slide, carries the chapter's own title in place of the kind's
    assert titles[-2:] == ["The path to target: Followers month by month", "Roadmap: a 1068-day critical path"]
