"""Document rules on DOCX plans built in the test with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from opsplan.check.docxread import read_docx
from opsplan.check.run import check_file
from opsplan.errors import InputError
from tests._check_helpers import findings_of

CHAPTERS = [
    ("一、行业背景与市场分析", [("1.1 市场规模", "市场持续增长。"), ("1.2 竞争格局", "两家头部品牌。")]),
    ("二、问题定义", [("2.1 核心问题", "转化率低。")]),
    ("三、风险管控", [("3.1 合规风险", "广告法审核。")]),
]


def build_docx(path: Path, chapters: list[tuple[str, list[tuple[str, str]]]], contents: list[str]) -> Path:
    """Write a plan: Title, a 目录 heading with a bulleted contents list, Heading 1/2 chapters."""
    document = docx.Document()
    document.add_heading("花间运营方案", level=0)
    document.add_heading("目录", level=1)
    for entry in contents:
        document.add_paragraph(entry, style="List Bullet")
    for chapter, sections in chapters:
        document.add_heading(chapter, level=1)
        for title, body in sections:
            document.add_heading(title, level=2)
            document.add_paragraph(body)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "品牌"
    table.rows[0].cells[1].text = "粉丝"
    document.save(str(path))
    return path


def test_clean_docx_passes(tmp_path):
    path = build_docx(tmp_path / "plan.docx", CHAPTERS, [c for c, _ in CHAPTERS])
    report = check_file(path)
    assert report.findings == []
    assert report.kind == "docx"
    assert [key for key, _ in report.chapters] == [c for c, _ in CHAPTERS]


def test_docx_cut_off_after_chapter_two(tmp_path):
    path = build_docx(tmp_path / "plan.docx", CHAPTERS[:2], [c for c, _ in CHAPTERS])
    report = check_file(path)
    (finding,) = report.findings
    assert finding.rule == "OPS104"
    assert "'三、风险管控'" in finding.message
    assert finding.line == 0  # DOCX has no lines: the heading path locates it
    assert finding.headings == ("目录",)
    assert report.status["三、风险管控"] == "missing"


def test_docx_repeated_chapter_and_xxxxx_heading(tmp_path):
    chapters = [*CHAPTERS, ("四、风险管控", [("XXXXX", "内容。")])]
    path = build_docx(tmp_path / "plan.docx", chapters, [c for c, _ in chapters])
    findings = findings_of(path)
    assert [(f.rule, f.headings) for f in findings] == [
        ("OPS301", ("四、风险管控",)),
        ("OPS202", ("四、风险管控", "XXXXX")),
    ]
    assert "(paragraph " in findings[0].message


def test_docx_plain_numbered_paragraphs_are_headings(tmp_path):
    document = docx.Document()
    for text in ["一、行业背景", "正文。", "二、问题定义", "正文。", "四、风险管控", "正文。"]:
        document.add_paragraph(text)
    path = tmp_path / "plain.docx"
    document.save(str(path))
    (finding,) = findings_of(path)
    assert finding.rule == "OPS401"
    assert finding.message == "numbering jumps from 二 to 四: 三 is missing"


def test_docx_placeholder_in_a_table(tmp_path):
    path = build_docx(tmp_path / "plan.docx", CHAPTERS, [c for c, _ in CHAPTERS])
    document = docx.Document(str(path))
    document.tables[0].rows[0].cells[1].text = "待补充"
    document.save(str(path))
    (finding,) = findings_of(path)
    assert finding.rule == "OPS203"
    assert finding.headings == ("三、风险管控", "3.1 合规风险")


def test_not_a_docx_is_an_input_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(InputError, match=r"broken.docx: not a readable DOCX file"):
        check_file(path)


def test_docx_hand_typed_contents_in_normal_paragraphs(tmp_path):
    document = docx.Document()
    for text in [
        "花间运营方案",
        "目录",
        "一、行业背景\t1",
        "二、问题定义\t3",
        "三、风险管控\t5",
        "一、行业背景",
        "市场持续增长。",
        "二、问题定义",
        "转化率低。",
    ]:
        document.add_paragraph(text)
    path = tmp_path / "typed.docx"
    document.save(str(path))
    findings = findings_of(path)
    assert [f.rule for f in findings] == ["OPS104"]
    assert "'三、风险管控'" in findings[0].message


def test_docx_styled_chapters_with_plain_numbered_sections(tmp_path):
    document = docx.Document()
    document.add_heading("一、行业背景", level=1)
    for text in ["1.1 市场规模", "正文。", "1.3 竞争格局", "正文。"]:
        document.add_paragraph(text)
    path = tmp_path / "mixed.docx"
    document.save(str(path))
    (finding,) = findings_of(path)
    assert finding.message == "numbering jumps from 1.1 to 1.3: 1.2 is missing"
    assert finding.headings == ("一、行业背景", "1.3 竞争格局")


def test_cells_merged_down_in_a_nested_table_read_as_their_own_tables_text(tmp_path: Path) -> None:
    # 渠道 | 占比, then a row whose first cell holds a table (自然流量 merged down its two rows) and whose 60% is
    # merged down into the last row. Each continuing cell reads as the cell above it in its own table: the nested
    # table's second row reads 自然流量 (not the header's column 3), the outer last row 60% (not the nested 图文)
    document = docx.Document()
    document.add_heading("一、流量获取", level=1)
    outer = document.add_table(rows=3, cols=2)
    for (row, column), text in {(0, 0): "渠道", (0, 1): "占比", (1, 1): "60%", (2, 0): "直播"}.items():
        outer.cell(row, column).text = text
    outer.cell(1, 1).merge(outer.cell(2, 1))
    nested = outer.cell(1, 0).add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "自然流量", (0, 1): "短视频", (1, 1): "图文"}.items():
        nested.cell(row, column).text = text
    nested.cell(0, 0).merge(nested.cell(1, 0))
    document.add_paragraph("正文。")
    path = tmp_path / "nested.docx"
    document.save(str(path))

    (table,) = read_docx(path).tables
    assert table.header == ("渠道", "占比")
    assert [cells for _, cells in table.rows] == [
        # the holding row: its first cell (all the text in it), the nested table's cells row by row, then 60%
        ("自然流量短视频图文", "自然流量", "短视频", "自然流量", "图文", "60%"),
        ("自然流量", "短视频"),  # the nested table's rows follow the row that holds them
        ("自然流量", "图文"),
        ("直播", "60%"),
    ]
    # carried down a merge (row index, column), counted once in sums: the nested 自然流量 where the holding row
    # shows it (column 3) and in its own second row (column 0); 60% in the last row (column 1)
    assert table.merged == frozenset({(0, 3), (2, 0), (3, 1)})
