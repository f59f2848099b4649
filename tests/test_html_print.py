"""The HTML plan printed from Chromium, on A4 and on US Letter: every chart at the page's width, inside its margins,
and a chart longer than a page with its time axis at the top of each page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from opsplan.render.html import build_html
from opsplan.render.html_assets import STYLE
from opsplan.render.html_gantt import gantt_html
from opsplan.render.markdown import render_markdown
from opsplan.render.outputs import load_plan
from tests import _plan_helpers as helpers
from tests._chromium import PrintedPage, Word, pdf_words, print_pdf

REPO = Path(__file__).resolve().parents[1]
PAPERS = ["A4", "letter"]
MARGIN_PT = 45 * 0.75  # the page's 12 mm margin (45.35 px) as Chromium lays it out, in whole px: 45 px

pytestmark = pytest.mark.slow


def _long_chart_page() -> str:
    """Return a page holding one Gantt chart of 70 rows, taller than an A4 or a Letter page."""
    info = {**helpers.BASE["plan"], "chapters": ["timeline"]}
    # one phase of 70 tasks side by side from 2027-03-01 (R00 … R69, one to three weeks long, so the phase
    # runs three weeks, W1 to W3, all in March 2027): more than 40 tasks, so the plan has a summary and the
    # phase's own chart of 70 rows of at least 24 px, 1,680 px, over the 1,032 px of an A4 page's height
    tasks = [helpers.task(f"r{i:02d}", 1 + i % 3) for i in range(70)]
    plan = helpers.plan(plan=info, timeline=helpers.timeline(("p1", tasks)))
    chart = gantt_html(plan, zh=False, chart="phase", phase="p1")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{STYLE}</style></head>'
        f"<body><main>{chart}</main></body></html>"
    )


@pytest.mark.parametrize("paper", PAPERS)
def test_a_chart_longer_than_a_page_repeats_its_axis_on_every_page(tmp_path: Path, paper: str) -> None:
    pages = pdf_words(print_pdf(tmp_path, _long_chart_page(), paper))
    with_rows = [(page, [w for w in page.words if re.fullmatch(r"R\d\d", w.text)]) for page in pages]
    with_rows = [(page, rows) for page, rows in with_rows if rows]
    assert len(with_rows) >= 2  # the chart does run over a page
    # every row is printed once, in order
    assert [w.text for _, rows in with_rows for w in rows] == [f"R{i:02d}" for i in range(70)]
    for page, rows in with_rows:
        first = min(w.top for w in rows)
        # a reader of each page sees the names' heading, the month and the weeks above the first row
        above = [w.text for w in page.words if w.bottom <= first]
        assert {"Task", "Mar", "2027", "W1", "W2", "W3"} <= set(above), (page.text[:200], above)


def _axis_years(page: PrintedPage) -> dict[str, Word]:
    """Return the year labels of the printed summary chart's axis ("2027", "2028" on one line), by text."""
    lines: dict[int, dict[str, Word]] = {}
    for word in page.words:
        lines.setdefault(round(word.top), {})[word.text] = word
    years = [line for line in lines.values() if {"2027", "2028"} <= set(line)]
    assert len(years) == 1, [sorted(line) for line in years]
    return years[0]


# px a day of the 24-month summary chart (731 days), and the x of its labels in points (0.75 pt a px). Chromium
# lays a page out in whole px: A4 (210 mm, 793.7 px) is 794 px wide and its 12 mm margins (45.35 px) 45 px, so
# the chart is 794 − 90 = 704 px wide, less 170 px of names and 28 px of room for a milestone's id: the track is
# 506 px, 506 / 731 = 0.692 px a day. Letter (8.5 in) is 816 px: 816 − 90 − 198 = 528 px, 528 / 731 = 0.722.
PX_A_DAY = {"A4": 506 / 731, "letter": 528 / 731}


@pytest.mark.parametrize("paper", PAPERS)
def test_the_plan_prints_inside_the_page_with_its_charts_at_the_pages_width(tmp_path: Path, paper: str) -> None:
    plan = load_plan(REPO / "examples" / "livestream-store.zh-CN.yaml")
    pdf = print_pdf(tmp_path, build_html(plan, render_markdown(plan)).decode("utf-8"), paper)
    pages = pdf_words(pdf)
    size = {"A4": (595, 842), "letter": (612, 792)}[paper]
    assert {(round(p.width), round(p.height)) for p in pages} == {size}
    # no word outside the page's margins on any page (1 pt of slack for a full-width comma's box)
    outside = [
        (number, w.text)
        for number, page in enumerate(pages, start=1)
        for w in page.words
        if w.left < MARGIN_PT - 1 or w.right > page.width - MARGIN_PT + 1
    ]
    assert outside == []
    summary = next(page for page in pages if "阶段概览" in page.text)
    years = _axis_years(summary)
    # 2027 opens the chart: the margin, the 170 px names and its label's border and padding (3 px), 173 px
    assert years["2027"].left == pytest.approx(MARGIN_PT + 173 * 0.75, abs=0.75)
    # 2028 starts 306 days later (2027-03-01 to 2028-01-01): A4 306 × 0.692 = 211.8 px = 158.9 pt, Letter
    # 306 × 0.722 = 221.0 px = 165.8 pt
    gap = years["2028"].left - years["2027"].left
    assert gap == pytest.approx(306 * PX_A_DAY[paper] * 0.75, abs=0.75)
    assert gap == pytest.approx({"A4": 158.9, "letter": 165.8}[paper], abs=0.75)
    # and nothing is drawn in the right margin of any page (the chart ran 1,600 px wide off the page once)
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "pg")], check=True)
    for png in sorted(tmp_path.glob("pg-*.png")):
        with Image.open(png) as image:
            grey = image.convert("L")
            strip = grey.crop((grey.width - int(grey.width * 10 / 216), 0, grey.width, grey.height))
            darkest = strip.getextrema()[0]
            assert isinstance(darkest, int) and darkest > 240, f"{png.name}: something is drawn in the right margin"


@pytest.mark.parametrize("name", ["douyin-flowers.en", "douyin-flowers.zh-CN"])
def test_no_printed_page_but_the_title_and_the_last_is_nearly_empty(tmp_path: Path, name: str) -> None:
    plan = load_plan(REPO / "examples" / f"{name}.yaml")
    pages = pdf_words(print_pdf(tmp_path, build_html(plan, render_markdown(plan)).decode("utf-8"), "A4"))
    lines = [len({round(w.top) for w in page.words}) for page in pages]
    # chapters follow on from the one before (the title page stands alone): a page break before every chapter
    # left the end of a chapter alone on a page (en: 'Session scores are published weekly …', two lines; the
    # last risk of the register, three), and a paragraph that introduces a list or table goes with it
    sparse = [number for number, count in enumerate(lines[1:-1], start=2) if count < 5]
    assert sparse == [], (sparse, lines)
    assert len(pages) > 20  # the whole plan was printed
