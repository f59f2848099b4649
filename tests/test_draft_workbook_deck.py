"""A draft's deck and workbook mark the figures standing in for numbers left to fill, and list them (issue 15).

As the document does (tests/test_draft_number_gaps.py): a skeleton's empty number computes under ``--draft`` with
the kind's example figure. The deck says it is a draft (its title, the title slide's notes), lists the numbers to
fill on the slide after the title, and writes the gap mark after each such figure where a slide, a chart label
or the notes show it. The workbook keeps the figures as numbers, so its formulas still work, and marks their
input cells (a fill of their own, a note, a legend), the cells that show them as they are, and lists them on its
first sheet, Draft, with their value and a link to each.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.formatting import count, metric_value, money
from opsplan.plan.model import Plan
from opsplan.render.outputs import checked_plan
from opsplan.render.xlsx_draft import GAP_FILL
from tests._pptx_helpers import all_text, charts, notes_text, open_pptx, slide_title
from tests._xlsx_helpers import libreoffice_resave
from tests.test_draft_number_gaps import MARK, _draft
from tests.test_skeleton import fill_guided


def _deck(path: Path) -> tuple[list[tuple[str, str, str]], str]:
    """Return each slide's (title, text with its charts' data labels, notes), and all of it as one text."""
    slides = []
    for slide in open_pptx(path.read_bytes()).slides:
        labels = [
            point.data_label.text_frame.text
            for chart in charts(slide)
            for point in chart.plots[0].series[0].points
            if point.data_label.has_text_frame
        ]
        slides.append((slide_title(slide), "\n".join([all_text(slide), *labels]), notes_text(slide)))
    return slides, "\n".join(part for slide in slides for part in slide)


def _gap_figures(plan: Plan) -> list[str]:
    """Return each stand-in figure as the plan shows it, followed by its mark (a metric, the budget, a headcount)."""
    loc, mark = plan.locale, ("" if plan.locale.startswith("zh") else " ") + MARK[plan.locale]
    profile = plan.profile
    shown = []
    for path in plan.number_gaps:
        if path[0] == "baseline":
            shown.append(metric_value(loc, profile.baseline[str(path[1])], str(path[1]), plan.currency) + mark)
        elif path[0] == "goals":
            value = getattr(profile.goals, str(path[1])).targets[str(path[3])]
            shown.append(metric_value(loc, value, str(path[3]), plan.currency) + mark)
        elif path[0] == "budget":
            shown.append(money(loc, profile.budget.total, plan.currency) + mark)
        else:
            shown.append(f"{count(loc, profile.team[int(path[1])].count)}{mark}")
    return shown


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Plan]]:
    """The flowers skeleton in zh-CN and the clothing one in en, rendered under --draft as pptx and xlsx."""
    out = {}
    for kind, locale in (("douyin-flowers", "zh-CN"), ("wechat-clothing-group", "en")):
        folder = tmp_path_factory.mktemp(locale)
        path = _draft(CliRunner(), folder, kind, locale, "pptx,xlsx")
        out[locale] = (folder, checked_plan(path, draft=True))
    return out


def test_the_deck_says_it_is_a_draft_and_lists_the_numbers_to_fill(drafts: dict[str, tuple[Path, Plan]]) -> None:
    folder, _ = drafts["zh-CN"]
    slides, _ = _deck(folder / "shop.pptx")
    (title, _, notes), (second, text, _) = slides[0], slides[1]
    assert title.endswith("（草稿）") and notes.startswith("草稿：本方案仍有未解决的检查问题")
    assert second == "草稿：待填写的数字"
    for item in ("月GMV：基线，短期、中期、长期目标", "总预算", "岗位人数：运营总监、内容编导、拍摄剪辑、主播"):
        assert item in text and item in notes
    en_slides, _ = _deck(drafts["en"][0] / "shop.pptx")
    assert en_slides[0][0].endswith(" (DRAFT)") and en_slides[1][0] == "Draft: numbers to fill in"
    assert "Monthly GMV: baseline; short-term, mid-term, long-term targets" in en_slides[1][1]
    assert "Average order value: baseline" in en_slides[1][1]  # a baseline-only metric of the clothing kind


def test_the_deck_marks_each_figure_where_a_slide_shows_it(drafts: dict[str, tuple[Path, Plan]]) -> None:
    folder, _ = drafts["zh-CN"]
    slides, _ = _deck(folder / "shop.pptx")
    by_title = {title: (text, notes) for title, text, notes in slides}
    # the preset's monthly GMV: baseline 400,000 = 40万元, long-term 5,000,000 = 500万元; budget 4,000,000 = 400万元;
    # the team: 1 + 2 + 3 + 3 + 2 + 2 + 3 + 3 + 1 + 1 + 1 = 22 (主播 3); 6 months of budget
    summary = by_title["一页看懂：目标、预算、团队与节奏"][0]
    assert all(
        figure in summary
        for figure in ("500万元【待填写】", "现状 40万元【待填写】", "400万元【待填写】", "22人【待填写】")
    )
    asks = by_title["需要今天拍板的事项"][0]
    assert "批准6个月预算400万元【待填写】" in asks and "批准22人【待填写】团队编制" in asks
    goals = by_title["目标路径：月GMV逐月推进"][0]  # the short-term GMV target 1,200,000 = 120万元
    assert "短期（6个月）：月GMV 120万元【待填写】" in goals
    money_text = by_title["预算分配与团队配置"][0]
    assert "预算分配 · 400万元【待填写】" in money_text and "3【待填写】" in money_text.splitlines()  # 主播's bar
    outcomes = by_title["预期效果：24个月后对比现状"][0]
    assert "500万元【待填写】" in outcomes and "现状 40万元【待填写】" in outcomes
    # payroll is worked out from the headcounts: an example too, but not itself a number to fill
    assert "月人力成本28.5万元" in summary and "28.5万元【待填写】" not in summary


def _goal_chart_labels(path: Path) -> tuple[int, dict[str, str]]:
    """Return the goals slide's trajectory chart: how many points, and each labelled point's label by month."""
    deck = open_pptx(path.read_bytes())
    slide = next(slide for slide in deck.slides if slide_title(slide).startswith(("目标路径", "The path to target")))
    (chart,) = charts(slide)
    plot = chart.plots[0]
    months = list(plot.categories)
    labelled = {
        month: point.data_label.text_frame.text
        for month, point in zip(months, plot.series[0].points, strict=True)
        if point.data_label.has_text_frame
    }
    return len(months), labelled


# flowers zh-CN, monthly GMV from 2027-03: baseline 400,000 = 40万元 at month 0, targets 1,200,000 = 120万元 at 6
# (2027-09), 2,500,000 = 250万元 at 12 (2028-03), 5,000,000 = 500万元 at 24 (2029-03), all four to fill; clothing en:
# 480,000 today, 1,400,000 / 2,000,000 / 3,000,000 at 6 / 12 / 24 months. The 21 months between are worked out
# from them and carry no label.
ANCHOR_LABELS = {
    "zh-CN": ["40万元【待填写】", "120万元【待填写】", "250万元【待填写】", "500万元【待填写】"],
    "en": ["CNY 480,000 [fill in]", "CNY 1.4M [fill in]", "CNY 2.0M [fill in]", "CNY 3.0M [fill in]"],
}


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_the_goals_chart_marks_the_anchors_standing_in_for_numbers_to_fill(
    drafts: dict[str, tuple[Path, Plan]], locale: str
) -> None:
    points, labelled = _goal_chart_labels(drafts[locale][0] / "shop.pptx")
    assert points == 25
    assert labelled == dict(zip(["2027-03", "2027-09", "2028-03", "2029-03"], ANCHOR_LABELS[locale], strict=True))


def test_a_goals_chart_with_given_numbers_labels_no_point(tmp_path: Path, runner: CliRunner) -> None:
    path = _draft(runner, tmp_path, "douyin-flowers", "zh-CN", "md")
    text = path.read_text(encoding="utf-8")
    # the monthly GMV given today (400,000, the kind's own figure); its three targets still to fill
    text = re.sub(r"(\n  monthly_gmv:)\n", r"\1 400000\n", text, count=1)
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "pptx", "-o", str(tmp_path), "--draft", "--force"])
    assert result.exit_code == 0, result.output
    _, labelled = _goal_chart_labels(tmp_path / "shop.pptx")
    assert "2027-03" not in labelled and labelled["2027-09"] == "120万元【待填写】"


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_every_gap_figure_is_marked_somewhere_in_the_deck(drafts: dict[str, tuple[Path, Plan]], locale: str) -> None:
    folder, plan = drafts[locale]
    _, everything = _deck(folder / "shop.pptx")
    figures = _gap_figures(plan)
    assert len(figures) == {"zh-CN": 4 * 4 + 1 + 11, "en": 5 * 4 + 1 + 1 + 6}[locale]
    assert [figure for figure in figures if figure not in everything] == []


def _sheet_rows(ws: Any) -> dict[str, list[Any]]:
    return {str(row[0].value): row for row in ws.iter_rows() if row[0].value is not None}


def _fill(cell: Any) -> str:
    return str(cell.fill.fgColor.rgb)[-6:].upper() if cell.fill and cell.fill.fill_type == "solid" else ""


def test_the_workbook_lists_and_marks_the_numbers_to_fill(drafts: dict[str, tuple[Path, Plan]]) -> None:
    folder, plan = drafts["zh-CN"]
    book = openpyxl.load_workbook(folder / "shop.xlsx")
    values = openpyxl.load_workbook(folder / "shop.xlsx", data_only=True)  # the cached values
    assert book.sheetnames[:2] == ["草稿", "输入"]
    draft, cached = book["草稿"], _sheet_rows(values["草稿"])
    assert draft["A1"].value == "草稿：待填写的数字"
    listed = {label: row for label, row in _sheet_rows(draft).items() if row[2].hyperlink is not None}
    assert len(listed) == len(plan.number_gaps) == 28
    # the preset's figures: monthly GMV 400,000 today and 5,000,000 at 24 months; budget 4,000,000; 主播 3
    for label, figure in (
        ("月GMV：基线", 400_000),
        ("月GMV：长期目标（24个月）", 5_000_000),
        ("总预算", 4_000_000),
        ("岗位人数：主播", 3),
    ):
        assert cached[label][1].value == figure
        target = listed[label][2].hyperlink.location  # '输入'!$D$7: the input cell, which holds the figure
        sheet, address = re.fullmatch(r"'?([^'!]+)'?!(\S+)", target).groups()  # type: ignore[union-attr]
        cell = book[sheet][address.replace("$", "")]
        assert cell.value == figure and cell.data_type == "n"  # a number, so formulas still work on it
        assert _fill(cell) == GAP_FILL[1:] and cell.comment.text.startswith("【待填写】")
        assert listed[label][1].value == f"={target}"
    inputs = _sheet_rows(book["输入"])
    assert _fill(inputs["【待填写】"][0]) == GAP_FILL[1:]  # the legend, in the row under the title
    assert inputs["月数"][3].value == 6 and _fill(inputs["月数"][3]) == "FFF2CC" and inputs["月数"][3].comment is None
    budget = book["预算与人员"]
    totals = [row for row in budget.iter_rows() if row[0].value == "合计"]
    assert _fill(totals[0][3]) == GAP_FILL[1:]  # the budget's total, =SUM of its lines
    assert _fill(_sheet_rows(budget)["主播"][1]) == GAP_FILL[1:]  # = the input's headcount


def test_a_filled_profile_gives_no_draft_sheet_or_slide(tmp_path: Path, runner: CliRunner) -> None:
    path = _draft(runner, tmp_path, "douyin-flowers", "zh-CN", "md")
    path.write_text(fill_guided(path.read_text(encoding="utf-8"), "已填写"), encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "pptx,xlsx", "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(tmp_path / "shop.xlsx").sheetnames[0] == "输入"
    slides, everything = _deck(tmp_path / "shop.pptx")
    assert "【待填写】" not in everything and "草稿" not in slides[0][0] and "草稿" not in slides[1][0]


@pytest.mark.slow  # LibreOffice
def test_the_draft_workbooks_formulas_follow_a_number_typed_in(
    drafts: dict[str, tuple[Path, Plan]], tmp_path: Path
) -> None:
    folder, _ = drafts["zh-CN"]
    book = openpyxl.load_workbook(folder / "shop.xlsx")
    total = next(row[3] for row in book["输入"].iter_rows() if row[0].value == "合计")
    assert total.value == 4_000_000
    total.value = 5_000_000  # the user fills the budget in
    path = tmp_path / "filled.xlsx"
    book.save(path)
    after = openpyxl.load_workbook(libreoffice_resave(path, tmp_path), data_only=True)
    # 人力成本 is 45% of the budget: 5,000,000 × 0.45 = 2,250,000; the Draft sheet shows the new total
    people = next(row for row in after["预算与人员"].iter_rows() if row[0].value == "人力成本")  # the budget line
    assert people[3].value == pytest.approx(2_250_000)
    assert _sheet_rows(after["草稿"])["总预算"][1].value == pytest.approx(5_000_000)


def test_a_draft_with_every_number_given_says_draft_and_lists_nothing(tmp_path: Path, runner: CliRunner) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.yaml"
    result = runner.invoke(app, ["render", str(example), "-f", "pptx,xlsx", "-o", str(tmp_path), "--draft"])
    assert result.exit_code == 0, result.output
    slides, everything = _deck(tmp_path / "douyin-flowers.zh-CN.pptx")
    assert slides[0][0].endswith("（草稿）") and slides[0][2].startswith("草稿：")
    assert slides[1][0] == "一页看懂：目标、预算、团队与节奏" and "【待填写】" not in everything
    draft = openpyxl.load_workbook(tmp_path / "douyin-flowers.zh-CN.xlsx")["草稿"]
    assert [row[0].value for row in draft.iter_rows()] == [
        "草稿",
        "本方案仍有未解决的检查问题，仅供内部讨论，不作为正式交付。",
    ]
