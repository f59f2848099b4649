"""Check on hand-written plans (issue 12.8): contents that match number and title, a plan cut off
mid-sentence, shares of one whole that miss 100% and totals their parts do not add up to.

Each rule has failing and clean documents in simplified Chinese, traditional Chinese and English.
"""

from __future__ import annotations

import docx
import pytest

from opsplan.check import document_sums as sums
from tests._check_helpers import findings_of, line_of


def _plan(chapters: list[tuple[str, str]], contents: list[str] | None = None) -> str:
    toc = "## 目录\n\n" + "".join(f"- {entry}\n" for entry in contents) + "\n" if contents else ""
    return "# 方案\n\n" + toc + "".join(f"## {title}\n\n{body}\n\n" for title, body in chapters)


# ---- OPS104: a contents entry needs a heading with the same number and the same title

SWAPPED = [
    (["一、行业背景", "二、问题定义", "三、风险管控"], ["一、行业背景", "二、风险管控", "三、问题定义"]),
    (["壹、行業背景", "貳、問題定義", "參、風險管控"], ["壹、行業背景", "貳、風險管控", "參、問題定義"]),
    (["1 Market", "2 Problems", "3 Risks"], ["1 Market", "2 Risks", "3 Problems"]),
]


@pytest.mark.parametrize(("contents", "headings"), SWAPPED, ids=["zh", "traditional", "en"])
def test_a_title_under_another_number_does_not_count_as_present(write, contents, headings):
    text = _plan([(h, "正文。") for h in headings], contents)
    findings = findings_of(write("plan.md", text))
    assert [(f.rule, f.line) for f in findings] == [
        ("OPS104", line_of(text, f"- {contents[1]}")),
        ("OPS104", line_of(text, f"- {contents[2]}")),
    ]
    assert findings[0].message == (
        f"the contents list {contents[1]!r} but the body has no such heading (it has {headings[2]!r}); "
        "the plan may be cut off"
    )
    # the same contents over headings numbered as listed: nothing to report
    assert findings_of(write("clean.md", _plan([(h, "正文。") for h in contents], contents))) == []


def test_an_unnumbered_heading_matches_a_numbered_entry_by_title(write):
    text = _plan([("行业背景", "正文。"), ("问题定义", "正文。")], ["一、行业背景", "二、问题定义"])
    assert findings_of(write("plan.md", text)) == []


# ---- OPS108: the last paragraph stops mid-sentence

CLOSED = {
    "zh": ["市场规模持续扩大，线上渗透率提高。", "团队分工明确，每周复盘一次。", "预算按月拨付，超支需审批。"],
    "traditional": ["市場規模持續擴大，線上滲透率提高。", "團隊分工明確，每週復盤一次。", "預算按月撥付，超支需審批。"],
    "en": ["The market keeps growing every year.", "The team reviews its numbers weekly.", "Budget is paid out month by month."],
}  # fmt: skip
CUT = {
    "zh": ("第三阶段完成后，团队将", "第三阶段完成后，团队将，"),
    "traditional": ("第三階段完成後，團隊將", "第三階段完成後，團隊將、"),
    "en": ("After the third phase the team will", "After the third phase the team will,"),
}


@pytest.mark.parametrize("locale", sorted(CUT))
def test_a_plan_that_stops_mid_sentence_is_cut_off(write, locale):
    unpunctuated, on_a_comma = CUT[locale]
    for last in (unpunctuated, on_a_comma):
        chapters = [(f"{i} Chapter {i}", body) for i, body in enumerate(CLOSED[locale], 1)]
        text = _plan([*chapters, ("4 Chapter 4", last)])
        (finding,) = findings_of(write("plan.md", text))
        assert finding.rule == "OPS108"
        assert finding.line == line_of(text, last)
        assert finding.message.startswith("the document ends mid-sentence under '4 Chapter 4'")
    done = _plan([(f"{i} Chapter {i}", body) for i, body in enumerate(CLOSED[locale], 1)])
    assert findings_of(write("done.md", done)) == []


def test_notes_without_full_stops_and_a_closing_table_are_not_cut_off(write):
    notes = _plan([(f"{i} Notes {i}", "短句没有句号") for i in range(1, 5)])
    assert findings_of(write("notes.md", notes)) == []
    table = (
        _plan([(f"{i} Chapter {i}", body) for i, body in enumerate(CLOSED["zh"], 1)])
        + "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert findings_of(write("table.md", table)) == []


def test_a_docx_cut_off_mid_sentence(tmp_path):
    document = docx.Document()
    for i, body in enumerate([*CLOSED["zh"], CUT["zh"][0]], 1):
        document.add_heading(f"{i}、第{i}章", level=1)
        document.add_paragraph(body)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    (finding,) = findings_of(path)
    assert finding.rule == "OPS108"
    assert finding.headings == ("4、第4章",)


# ---- OPS510: shares of one whole that do not sum to 100%

SHARES = {
    "zh": ("渠道占比：自然流量50%，千川30%，达人10%。", "渠道占比：自然流量50%，千川30%，达人20%。"),
    "traditional": ("渠道佔比：自然流量50%、千川30%、達人10%。", "渠道佔比：自然流量50%、千川30%、達人20%。"),
    "en": ("The budget split: content 40%, paid 30%, tools 20%.", "The budget split: content 40%, paid 30%, tools 30%."),
}  # fmt: skip


@pytest.mark.parametrize("locale", sorted(SHARES))
def test_shares_in_a_sentence_must_make_up_the_whole(write, locale):
    wrong, right = SHARES[locale]
    text = _plan([("1 Channels", wrong)])
    (finding,) = findings_of(write("plan.md", text))
    assert (finding.rule, finding.line) == ("OPS510", line_of(text, wrong))
    assert "sum to 90%, not 100%" in finding.message
    assert findings_of(write("clean.md", _plan([("1 Channels", right)]))) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "活跃用户占比从15%提升到35%，社群销售占比从8%提升到20%。",  # before and after, not parts
        "社群成交只占全品牌销售额的8%，且集中在换季清仓时段，新品首发期间的社群成交占比不到5%。",
        "渠道占比：自然流量50%，千川30%等。",  # a partial list
        "Conversion rose from 2% to 5% while the paid share stayed at 30%.",
    ],
)
def test_percentages_that_are_not_a_breakdown_are_left_alone(write, sentence):
    assert findings_of(write("plan.md", _plan([("1 Notes", sentence)]))) == []


@pytest.mark.parametrize(
    ("header", "rows", "found"),
    [
        ("占比", ["50%", "30%", "10%"], True),
        ("佔比", ["50%", "30%", "20%"], False),
        ("Traffic share", ["60%", "30%"], True),
        ("活跃用户占比", ["15%", "18%", "21%"], False),  # a metric that is a share, one value a row
    ],
)
def test_a_share_column_must_make_up_the_whole(write, header, rows, found):
    table = f"| 渠道 | {header} |\n|---|---|\n" + "".join(f"| 第{i}项 | {v} |\n" for i, v in enumerate(rows, 1))
    text = _plan([("1 Channels", "渠道结构如下。\n\n" + table)])
    findings = findings_of(write("plan.md", text))
    assert [(f.rule, f.line) for f in findings] == ([("OPS510", line_of(text, f"| 渠道 | {header}"))] if found else [])


# ---- OPS511: a stated total that its parts do not add up to

TOTALS = {
    "zh": ("总预算300万元，其中内容120万元、投放100万元、工具50万元。",
           "总预算300万元，其中内容120万元、投放100万元、工具80万元。"),
    "traditional": ("總預算300萬元，其中內容120萬元、投放100萬元、工具50萬元。",
                    "總預算300萬元，其中內容120萬元、投放100萬元、工具80萬元。"),
    "en": ("The total budget is CNY 3,000,000, of which content CNY 1,200,000, paid CNY 1,000,000 and tools "
           "CNY 500,000.", "The total budget is CNY 3.0M, of which content CNY 1.2M, paid CNY 1.0M and tools CNY 0.8M."),
}  # fmt: skip


@pytest.mark.parametrize("locale", sorted(TOTALS))
def test_a_stated_total_must_be_the_sum_of_its_parts(write, locale):
    wrong, right = TOTALS[locale]
    text = _plan([("1 Budget", wrong)])
    (finding,) = findings_of(write("plan.md", text))
    assert (finding.rule, finding.line) == ("OPS511", line_of(text, wrong))
    assert finding.message.startswith("the total ")
    assert "is not the sum of its parts" in finding.message
    assert findings_of(write("clean.md", _plan([("1 Budget", right)]))) == []


@pytest.mark.parametrize(("label", "total", "found"), [("合计", "300万元", True), ("總計", "270萬元", False),
                                                       ("Total", "CNY 3.0M", True)])  # fmt: skip
def test_a_total_row_must_be_the_sum_of_the_rows_above(write, label, total, found):
    table = "| 项目 | 金额 |\n|---|---|\n| 内容 | 120万元 |\n| 投放 | 100万元 |\n| 工具 | 50万元 |\n"
    table += f"| {label} | {total} |\n"
    text = _plan([("1 Budget", "预算如下。\n\n" + table)])
    findings = findings_of(write("plan.md", text))
    assert [(f.rule, f.line) for f in findings] == ([("OPS511", line_of(text, f"| {label} |"))] if found else [])
    if found:  # 120万 + 100万 + 50万 = 2,700,000
        assert findings[0].message == (
            f"the total row gives {total!r} in the column '金额', but the rows above it add up to 2,700,000"
        )


def test_amounts_and_percentages_are_read_with_their_scale_and_kind():
    assert [(a.value, a.kind) for a in sums.amounts("300万元、CNY 1,200,000、5人、2.5M")] == [
        (3_000_000, "money"), (1_200_000, "money"), (5, "people"), (2_500_000, "number"),
    ]  # fmt: skip
    assert sums.percentages("30%、12.5％ and 2027年") == [30, 12.5]
    assert list(sums.sentences("一句。二句！Three. 3.5% stays")) == ["一句。", "二句！", "Three.", " 3.5% stays"]


def _docx_table(path, rows, merge=None):
    document = docx.Document()
    document.add_heading("一、组织与资源", level=1)
    document.add_paragraph("团队配置如下。")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merge:  # as Word merges two cells: one cell spanning both columns (w:gridSpan), holding one text
        (r, c), text = merge
        table.cell(r, c).merge(table.cell(r, c + 1)).text = text
    document.add_paragraph("以上为人力成本。")
    document.save(str(path))
    return path


TEAM = [
    ["岗位", "月薪/人", "月度成本", "期内成本"],
    ["运营总监", "", "", "21万元"],
    ["剪辑", "1万元", "2万元", "12万元"],
]


@pytest.mark.parametrize(("total", "found"), [("5.5万元", False), ("6万元", True)])
def test_a_cell_merged_across_columns_counts_in_each_column_it_spans(tmp_path, total, found):
    # 运营总监's 3.5万元 is one cell over 月薪/人 and 月度成本: 3.5万 + 2万 = 5.5万 in 月度成本, and 21万 + 12万 = 33万
    # in 期内成本 (read cell by cell, 21万元 fell under 月度成本 and the team's text under 期内成本)
    rows = [*TEAM, ["合计", "—", total, "33万元"]]
    path = _docx_table(tmp_path / "plan.docx", rows, merge=((1, 1), "3.5万元"))
    findings = [(f.rule, f.message) for f in findings_of(path)]
    wrong = (
        "OPS511",
        f"the total row gives {total!r} in the column '月度成本', but the rows above it add up to 55,000",
    )
    assert findings == ([wrong] if found else [])
