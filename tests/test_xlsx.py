"""``opsplan render -f xlsx``: a workbook whose formulas, recalculated, give the plan's own numbers."""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

import openpyxl
import pytest

from opsplan.cli import app
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.plan.jsonview import plan_to_json
from opsplan.render.xlsx import build_xlsx
from tests._xlsx_helpers import formula_cells, libreoffice_resave, same, values

REPO = Path(__file__).resolve().parents[1]

SMALL = """\
version: 1
plan: {title: Small shop plan, locale: en, start: 2027-03-01, kind: custom, currency: CNY}
shop: {name: Small shop, platform: douyin}
baseline: {followers: 20000, monthly_gmv: 100000, aov: 200, conversion_rate: 0.02}
goals:
  short: {months: 6, targets: {followers: 80000, monthly_gmv: 400000, aov: 250, conversion_rate: 0.05}}
traffic:
  channels: [{name: Ads, type: paid, share: 1, roi: 2, monthly_spend: 50000}]
  funnel: [{stage: Exposure}, {stage: Click, rate: 0.1}, {stage: Pay, rate: 0.04}]
budget: {total: 600000, months: 6, items: [{name: Content, share: 0.25}, {name: Ads, share: 0.75}]}
team: [{role: Editor, count: 2, monthly_cost: 10000}]
kpis: [{metric: followers, target: 80000, cadence: weekly, owner: Lead}]
"""


def _book(write, text: str = SMALL, name: str = "small.yaml") -> tuple[Path, openpyxl.Workbook, openpyxl.Workbook]:
    path = write(name, text)
    data = build_xlsx(build_plan(load_profile(path)))
    out = path.with_suffix(".xlsx")
    out.write_bytes(data)
    return out, openpyxl.load_workbook(io.BytesIO(data)), openpyxl.load_workbook(io.BytesIO(data), data_only=True)


def _row(ws, label: str, col: int = 1) -> int:
    """The row whose column ``col`` holds ``label``."""
    for row in ws.iter_rows(min_col=col, max_col=col):
        if row[0].value == label:
            return cast(int, row[0].row)  # openpyxl is read untyped
    raise AssertionError(f"no row labelled {label!r} in {ws.title}")


def test_small_plan_worked_by_hand(write) -> None:
    _, formulas, cached = _book(write)
    traj_f, traj = formulas["Trajectory"], cached["Trajectory"]
    followers = _row(traj, "followers")
    # header row 4 holds M0 … M6 from column D; month 3 is column G
    assert traj.cell(4, 7).value == "M3"
    # followers compound: 20,000 × (80,000 / 20,000)^(3/6) = 20,000 × 2 = 40,000
    assert traj.cell(followers, 7).value == pytest.approx(40_000)
    assert traj_f.cell(followers, 7).value == "='Inputs'!$D$6*('Inputs'!$E$6/'Inputs'!$D$6)^((3-0)/6)"
    # CMGR: 4^(1/6) − 1 = 0.259921
    assert traj.cell(followers, 3).value == pytest.approx(4 ** (1 / 6) - 1)
    # conversion rate moves in equal steps: 0.02 + (0.05 − 0.02) × 3/6 = 0.035
    assert traj.cell(_row(traj, "conversion_rate"), 7).value == pytest.approx(0.035)

    funnel_f, funnel = formulas["Funnel"], cached["Funnel"]
    # orders = 400,000 / 250 = 1,600; click volume = 1,600 / 0.04 = 40,000; exposure = 40,000 / 0.1 = 400,000
    orders = _row(funnel, "Orders per month")
    assert funnel.cell(orders, 3).value == pytest.approx(1_600)
    assert funnel_f.cell(orders, 3).value == f"=$C${orders - 2}/$C${orders - 1}"
    assert funnel.cell(_row(funnel, "Click"), 3).value == pytest.approx(40_000)
    assert funnel.cell(_row(funnel, "Exposure"), 3).value == pytest.approx(400_000)

    budget_f, budget = formulas["Budget and team"], cached["Budget and team"]
    content = _row(budget, "Content")
    # 600,000 × 0.25 = 150,000, a month 150,000 / 6 = 25,000
    assert (budget.cell(content, 4).value, budget.cell(content, 5).value) == (150_000, 25_000)
    assert budget_f.cell(content, 4).value.startswith("='Inputs'!$D$")
    assert budget_f.cell(content, 4).value.endswith(f"*$C${content}")
    # channel: 50,000 × 6 = 300,000 spent, × ROI 2 = 600,000 of GMV
    ads = _row(budget, "Ads", 1)
    assert budget.cell(ads, 4).value == 450_000
    channel = next(r for r in range(1, budget.max_row + 1) if budget.cell(r, 2).value == "Paid")
    assert (budget.cell(channel, 6).value, budget.cell(channel, 7).value) == (300_000, 600_000)
    # payroll: 2 × 10,000 = 20,000 a month, 120,000 over 6 months, 120,000 / 600,000 = 20% of the budget
    editor = _row(budget, "Editor")
    assert (budget.cell(editor, 5).value, budget.cell(editor, 6).value) == (20_000, 120_000)
    assert budget.cell(_row(budget, "Payroll as a share of the budget"), 4).value == pytest.approx(0.2)


def test_a_zh_cn_workbook_words_every_label_in_chinese(write) -> None:
    risk = "risks: [{id: R1, category: public-opinion, title: 差评, likelihood: 2, impact: 3, owner: 店长}]\n"
    zh = SMALL.replace("locale: en", "locale: zh-CN") + risk
    _, book, _ = _book(write, zh, "zh.yaml")
    budget = book["预算与人员"]
    # the one channel, type paid, on the budget sheet and on the inputs sheet
    assert [c.value for row in budget.iter_rows() for c in row if c.value == "付费投放"] == ["付费投放"]
    inputs = book["输入"]
    assert inputs.cell(_row(inputs, "Ads"), 3).value == "付费投放"
    # the metric kinds on the inputs sheet: followers a count, monthly_gmv money, conversion_rate a rate
    kinds = {key: inputs.cell(_row(inputs, key), 3).value for key in ("followers", "monthly_gmv", "conversion_rate")}
    assert kinds == {"followers": "数量", "monthly_gmv": "金额", "conversion_rate": "比率"}
    assert book["风险"].cell(_row(book["风险"], "R1"), 2).value == "舆情"
    english = {"paid", "natural", "influencer", "private", "count", "money", "rate", "ratio", "public-opinion"}
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert texts & english == set()


def test_layout_locale_formats_and_print_setup(write) -> None:
    zh = SMALL.replace("locale: en", "locale: zh-CN")
    _, book, _ = _book(write, zh, "zh.yaml")
    assert book.sheetnames == [
        "输入",
        "目标轨迹",
        "转化漏斗",
        "预算与人员",
        "风险",
        "时间与甘特",
        "里程碑",
        "KPI",
        "实际值",
    ]
    inputs = book["输入"]
    assert inputs.freeze_panes == "C6"
    assert inputs.print_area
    baseline = inputs.cell(_row(inputs, "followers"), 4)
    assert baseline.font.name == "Microsoft YaHei"
    assert "万" in baseline.number_format
    assert inputs.cell(_row(inputs, "conversion_rate"), 4).number_format == "0.0%"
    _, en, _ = _book(write, SMALL, "en.yaml")
    assert en["Inputs"].cell(_row(en["Inputs"], "monthly_gmv"), 4).number_format == '"CNY "#,##0'
    assert en["Inputs"].cell(_row(en["Inputs"], "followers"), 4).font.name == "Calibri"


def test_actuals_sheet_is_laid_out_for_the_team(write) -> None:
    _, book, _ = _book(write)
    ws = book["Actuals"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Key", "Metric", "Unit", "2027-03"]
    assert header[-1] == "2027-08"  # six plan months: March to August
    keys = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]
    assert keys[:9] == [
        "followers",
        "monthly_gmv",
        "aov",
        "conversion_rate",
        "spend",
        "Exposure",
        "Click",
        "Pay",
        "Ads",
    ]
    assert all(ws.cell(r, c).value is None for r in range(5, 9) for c in range(4, 10))


@pytest.mark.slow
@pytest.mark.parametrize("example", ["douyin-flowers.zh-CN", "wechat-clothing-group.en", "douyin-groupbuy.zh-CN"])
def test_libreoffice_recalculation_gives_the_plans_numbers(tmp_path: Path, example: str) -> None:
    plan = build_plan(load_profile(REPO / "examples" / f"{example}.yaml"))
    path = tmp_path / f"{example}.xlsx"
    path.write_bytes(build_xlsx(plan))
    recalculated = values(libreoffice_resave(path, tmp_path))
    cached = values(path)
    formulas = formula_cells(path)
    assert len(formulas) > 100
    wrong = {
        k: (f, cached[k], recalculated.get(k)) for k, f in formulas.items() if not same(cached[k], recalculated.get(k))
    }
    assert not wrong
    # and the cached values are the plan's JSON numbers: every trajectory month, budget line and payroll role
    data = plan_to_json(plan)
    traj_sheet = "目标轨迹" if plan.locale == "zh-CN" else "Trajectory"
    book = openpyxl.load_workbook(path, data_only=True)
    ws = book[traj_sheet]
    rows = {ws.cell(r, 1).value: r for r in range(6, ws.max_row + 1)}
    for point in data["goals"]["trajectory"]:
        got = recalculated[(traj_sheet, ws.cell(rows[point["metric"]], 4 + point["month"]).coordinate)]
        assert same(got, point["value"]), point
    budget_sheet = book.sheetnames[3]
    ws = book[budget_sheet]
    by_label: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        by_label.setdefault(ws.cell(r, 1).value, r)  # the first: a budget line may share a channel's name
    for item in data["budget"]["items"]:
        r = by_label[item["name"]]
        assert same(recalculated[(budget_sheet, f"D{r}")], item["amount"])
        assert same(recalculated[(budget_sheet, f"E{r}")], item["monthly"])
    funnel_sheet = book.sheetnames[2]
    ws = book[funnel_sheet]
    volumes = [recalculated[(funnel_sheet, f"C{r}")] for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value]
    for case in data["funnel"]["horizons"]:
        # each horizon's orders and every stage volume appear, recalculated, on the funnel sheet
        assert any(same(v, case["orders"]) for v in volumes), case["horizon"]
        for stage in case["stages"]:
            assert stage["volume"] is None or any(same(v, stage["volume"]) for v in volumes), stage
    for role in data["team"]["roles"]:
        r = by_label[role["role"]]
        assert same(recalculated[(budget_sheet, f"E{r}")], role["monthly_payroll"])
        assert same(recalculated[(budget_sheet, f"F{r}")], role["period_payroll"])


@pytest.mark.slow
def test_an_input_changed_in_the_workbook_recomputes_the_plan(tmp_path: Path, write) -> None:
    path, _, _ = _book(write)
    book = openpyxl.load_workbook(path)
    inputs = book["Inputs"]
    total = next(r for r in range(1, inputs.max_row + 1) if inputs.cell(r, 1).value == "Total")
    inputs.cell(total, 4).value = 1_200_000  # double the budget
    inputs.cell(_row(inputs, "monthly_gmv"), 5).value = 800_000  # double the GMV target
    book.save(path)
    after = openpyxl.load_workbook(libreoffice_resave(path, tmp_path), data_only=True)
    budget, funnel = after["Budget and team"], after["Funnel"]
    assert budget.cell(_row(budget, "Content"), 4).value == pytest.approx(300_000)  # 1,200,000 × 0.25
    assert funnel.cell(_row(funnel, "Orders per month"), 3).value == pytest.approx(3_200)  # 800,000 / 250
    assert funnel.cell(_row(funnel, "Exposure"), 3).value == pytest.approx(800_000)  # 3,200 / 0.04 / 0.1


def test_render_cli_writes_the_workbook(tmp_path: Path, write, runner) -> None:
    profile = write("shop.yaml", SMALL)
    # SMALL is a skeleton whose chapters mostly have no data: a draft
    result = runner.invoke(app, ["render", str(profile), "-f", "xlsx", "-o", str(tmp_path / "out"), "--draft"])
    assert result.exit_code == 0, result.output
    # a draft's workbook opens on its Draft sheet (tests/test_draft_workbook_deck.py), then the Inputs
    assert openpyxl.load_workbook(tmp_path / "out" / "shop.xlsx").sheetnames[:2] == ["Draft", "Inputs"]
    again = runner.invoke(app, ["render", str(profile), "-f", "xlsx", "-o", str(tmp_path / "out"), "--draft"])
    assert again.exit_code == 2 and "--force" in again.output


@pytest.mark.slow
def test_zh_cn_number_formats_show_wan_in_libreoffice(tmp_path: Path, write) -> None:
    import subprocess

    from tests._docx_helpers import soffice_or_skip

    path, _, _ = _book(write, SMALL.replace("locale: en", "locale: zh-CN"), "zh.yaml")
    out = tmp_path / "shown"
    subprocess.run(
        [
            soffice_or_skip(),
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )  # the first sheet (输入) as LibreOffice shows it: the 9th filter token keeps the formatted text
    shown = (out / "zh.csv").read_text(encoding="utf-8")
    # followers 20,000 → 2.0万 and 80,000 → 8.0万; GMV 100,000 → 10.0万元; AOV 200 stays 200元; rates in %
    assert "followers,粉丝数,数量,2.0万,8.0万" in shown
    assert "monthly_gmv,月GMV,金额,10.0万元,40.0万元" in shown
    assert "aov,客单价,金额,200元,250元" in shown
    assert "conversion_rate,转化率,比率,2.0%,5.0%" in shown


def test_text_from_the_profile_is_text_never_a_formula_or_a_link(write) -> None:
    # a shop named '=HYPERLINK(…)' made the title cell a live formula; a text starting http:// became a link
    hostile = '=HYPERLINK("http://evil.example","open me")'
    text = (
        SMALL.replace("title: Small shop plan", "title: '${shop.name} plan'")
        .replace("name: Small shop", f"name: '{hostile}'")
        .replace("{name: Ads, type: paid", "{name: 'http://example.com/ads', type: paid")
        .replace("{role: Editor", "{role: '=1+1'")
    )
    _, formulas, _ = _book(write, text)
    cells = {(ws.title, c.coordinate): c for ws in formulas.worksheets for row in ws.iter_rows() for c in row}
    texts = {c.value for c in cells.values() if isinstance(c.value, str)}
    assert f"{hostile} plan" in texts and "=1+1" in texts and "http://example.com/ads" in texts
    for where, c in cells.items():
        if isinstance(c.value, str) and ("HYPERLINK" in c.value or c.value == "=1+1"):
            assert c.data_type == "s", where  # stored as text, not a formula
        assert c.hyperlink is None, where
