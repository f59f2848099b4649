"""The streamed DOCX reader reads what the whole-tree reader it replaced read: the same headings, body,
contents, paragraphs and tables, hence the same findings, on the examples, on odd structures (content
controls, nested tables, no body, two bodies), on mutated examples and on hostile packages.

``tree_read_docx`` is the reader as it was before streaming (parse ``document.xml`` whole, walk the tree);
it is kept here as the oracle.
"""

from __future__ import annotations

import random
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from opsplan.check import docxread
from opsplan.check.docread import PlanDocument
from opsplan.check.docx_rows import TableRows
from opsplan.check.docxread import read_docx
from opsplan.check.run import document_report
from opsplan.errors import InputError
from opsplan.safeio import docx_parts, open_package
from tests._fuzz_check import EXAMPLES, mutate_docx
from tests.test_safeio import DAMAGED, W, rezip

_W = f"{{{W}}}"


def _tree_blocks(body: Any) -> Any:
    for element in body.iterchildren():
        if element.tag in (_W + "p", _W + "tbl"):
            yield element
        elif element.tag == _W + "sdt":
            content = element.find(_W + "sdtContent")
            if content is not None:
                yield from _tree_blocks(content)


def tree_read_docx(path: Path) -> PlanDocument:
    """The reader before streaming: ``document.xml`` parsed whole."""
    document_root, styles_root = docx_parts(open_package(path))
    names, default = docxread._style_names(styles_root)
    body = document_root.find(_W + "body")
    items: list[tuple[str, str, str]] = []
    tables: list[Any] = []
    for element in _tree_blocks(body if body is not None else document_root):
        if element.tag == _W + "tbl":
            rows = TableRows()
            rows.read(element)
            tables.append(tuple(rows.rows))
            items.append(("table", rows.text(), ""))
        else:
            style_element = element.find(f"{_W}pPr/{_W}pStyle")
            style_id = str(style_element.get(_W + "val", "")) if style_element is not None else ""
            style = names.get(style_id, default) if style_id else default
            items.append(("paragraph", docxread.paragraph_text(element), style))
    return docxread.document_from_blocks(str(path), items, tables)


def _outcome(read: Any, path: Path) -> object:
    try:
        return read(path)
    except InputError as error:
        return ("refused", str(error).split(":")[0])


def assert_same(path: Path) -> None:
    streamed, tree = _outcome(read_docx, path), _outcome(tree_read_docx, path)
    assert streamed == tree
    if isinstance(streamed, PlanDocument):
        assert isinstance(tree, PlanDocument)
        assert document_report(streamed, "docx").findings == document_report(tree, "docx").findings


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.docx")), ids=lambda p: p.name)
def test_the_examples_read_the_same(example: Path) -> None:
    document = read_docx(example)
    assert len(document.headings) > 30 and document.tables
    assert_same(example)


P = "<w:p><w:pPr><w:pStyle w:val='{}'/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>".format
TEXT = "<w:p><w:r><w:t>{}</w:t><w:tab/><w:t>{}</w:t></w:r></w:p>".format


def _cell(*content: str) -> str:
    return "<w:tc>" + "".join(content) + "</w:tc>"


def _table(*rows: str) -> str:
    return "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


NESTED = _table(
    _row(_cell(TEXT("指标", "")), _cell(TEXT("目标", ""))),
    _row(_cell(_table(_row(_cell(TEXT("内", "层")), _cell(TEXT("XXXXX", "")))), TEXT("外", "")), _cell(TEXT("1", ""))),
    "<w:sdt><w:sdtContent>" + _row(_cell(TEXT("控件行", "")), _cell(TEXT("2", ""))) + "</w:sdtContent></w:sdt>",
)
BODY = (
    P("Heading1", "一、行业背景")
    + TEXT("市场", "增长。")
    + "<w:sdt><w:sdtPr/><w:sdtContent>"
    + P("TOCHeading", "目录")
    + P("TOC1", "一、行业背景 3")
    + "<w:sdt><w:sdtContent>"
    + P("Heading1", "二、问题定义")
    + "</w:sdtContent></w:sdt></w:sdtContent><w:sdtContent>"
    + P("Heading1", "三、不是第一个内容")
    + "</w:sdtContent></w:sdt>"
    + NESTED
    + P("Heading2", "1.1 市场规模")
    + "<w:bookmarkStart w:id='0'/>"
    + TEXT("待补充", "")
    + _table()
    + "<w:tr><w:tc><w:p><w:r><w:t>孤行</w:t></w:r></w:p></w:tc></w:tr>"
    + P("Heading1", "四、风险管控")
    + "<w:sectPr/>"
)
DOC = f"<w:document xmlns:w='{W}'>{{}}</w:document>".format
STRUCTURES = {
    "content-controls-and-nested-tables": DOC(f"<w:body>{BODY}</w:body>"),
    "no-body": DOC(BODY),
    "empty-body-and-loose-paragraphs": DOC(P("Heading1", "一、外") + "<w:body/>" + TEXT("XXX", "")),
    "loose-paragraphs-before-the-body": DOC(P("Heading1", "一、外") + f"<w:body>{BODY}</w:body>"),
    "two-bodies": DOC(f"<w:body>{P('Heading1', '一、甲')}</w:body><w:body>{P('Heading1', '二、乙')}</w:body>"),
    "body-inside-a-paragraph": DOC(f"<w:p><w:body>{BODY}</w:body></w:p>"),
    "empty": DOC(""),
}


@pytest.fixture(scope="module")
def example_docx() -> bytes:
    return (EXAMPLES / "douyin-flowers.zh-CN.docx").read_bytes()


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_odd_structures_read_the_same(tmp_path: Path, example_docx: bytes, name: str) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(rezip(example_docx, {"word/document.xml": STRUCTURES[name].encode()}))
    assert_same(path)


def test_the_structures_are_read_as_blocks(tmp_path: Path, example_docx: bytes) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(
        rezip(example_docx, {"word/document.xml": STRUCTURES["content-controls-and-nested-tables"].encode()})
    )
    document = read_docx(path)
    assert [h.text for h in document.headings] == [
        "一、行业背景",
        "目录",
        "二、问题定义",
        "1.1 市场规模",
        "四、风险管控",
    ]
    table = document.tables[0]
    assert table.header == ("指标", "目标")
    # a row's cells include those of a table nested in it, whose rows follow; a row in a content control is a row
    rows = [("内层XXXXX外", "内层", "XXXXX", "1"), ("内层", "XXXXX"), ("控件行", "2")]
    assert [cells for _, cells in table.rows] == rows


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_hostile_packages_are_refused_the_same(tmp_path: Path, example_docx: bytes, damage: str) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(DAMAGED[damage](example_docx))
    assert_same(path)
    with pytest.raises(InputError, match=r"plan\.docx: "):
        read_docx(path)


def test_a_dtd_after_a_long_prologue_is_refused(tmp_path: Path, example_docx: bytes) -> None:
    xml = "<?xml version='1.0'?>" + "<!-- padding -->" * 600 + "<!DOCTYPE w:document []>" + DOC("<w:body/>")
    path = tmp_path / "plan.docx"
    path.write_bytes(rezip(example_docx, {"word/document.xml": xml.encode()}))
    with pytest.raises(InputError, match="declares a DTD"):
        read_docx(path)


@pytest.mark.slow  # about 15 s
def test_mutated_examples_read_the_same(tmp_path: Path) -> None:
    sources = sorted(EXAMPLES.glob("*.docx"))
    rng = random.Random(14)
    for number in range(60):
        source = sources[number % len(sources)]
        path = tmp_path / f"case{number}.docx"
        path.write_bytes(mutate_docx(source.read_bytes(), rng))
        assert_same(path)


def test_a_large_part_is_read_in_pieces(tmp_path: Path, example_docx: bytes) -> None:
    body = "".join(TEXT(f"第{n}段", "正文。") for n in range(5_000))
    path = tmp_path / "long.docx"
    path.write_bytes(rezip(example_docx, {"word/document.xml": DOC(f"<w:body>{body}</w:body>").encode()}))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size > 4 * 65536
    document = read_docx(path)
    assert len(document.body) == 5_000
    assert_same(path)


def test_a_cell_spanning_columns_fills_each_of_them(tmp_path: Path, example_docx: bytes) -> None:
    def spanning(span: str, text: str) -> str:
        return f"<w:tc><w:tcPr><w:gridSpan w:val='{span}'/></w:tcPr>{TEXT(text, '')}</w:tc>"

    row = _row(
        spanning("2", "甲"), spanning("999999", "乙"), spanning("²", "丙"), spanning("-3", "丁"), _cell(TEXT("戊", ""))
    )
    body = P("Heading1", "一、表") + _table(_row(_cell(TEXT("表头", ""))), row) + TEXT("正文。", "")
    path = tmp_path / "plan.docx"
    path.write_bytes(rezip(example_docx, {"word/document.xml": DOC(f"<w:body>{body}</w:body>").encode()}))
    (table,) = read_docx(path).tables
    # Word allows 63 columns; a span it could not write, or no number, is one column
    assert [cells for _, cells in table.rows] == [("甲", "甲", *["乙"] * 63, "丙", "丁", "戊")]
    assert_same(path)


def test_a_heading_moved_with_changes_tracked_is_read_once_where_it_went(tmp_path: Path, example_docx: bytes) -> None:
    # Word keeps the moved-away copy (w:moveFrom) with its text in w:t until the change is accepted; it read as a
    # second heading: a duplicate chapter (OPS301), a repeated number (OPS402) and an empty section (OPS105)
    def moved(kind: str, text: str) -> str:
        run = f"<w:r><w:t>{text}</w:t></w:r>"
        return f"<w:p><w:pPr><w:pStyle w:val='Heading1'/></w:pPr><w:{kind} w:id='1' w:author='r'>{run}</w:{kind}></w:p>"

    body = (
        P("Heading1", "一、背景")
        + moved("moveFrom", "三、风险")
        + TEXT("市场增长。", "")
        + P("Heading1", "二、问题")
        + TEXT("转化偏低。", "")
        + moved("moveTo", "三、风险")
        + "<w:p><w:r><w:t>广告法。</w:t></w:r><w:moveFrom w:id='2' w:author='r'><w:r><w:t>旧的一句。</w:t></w:r></w:moveFrom></w:p>"
    )
    path = tmp_path / "plan.docx"
    path.write_bytes(rezip(example_docx, {"word/document.xml": DOC(f"<w:body>{body}</w:body>").encode()}))
    document = read_docx(path)
    assert [h.text for h in document.headings] == ["一、背景", "二、问题", "三、风险"]
    assert document.paragraphs[-1].text == "广告法。"
    assert document_report(document, "docx").findings == []
    assert_same(path)


# the peak of this process's own memory (VmHWM: ru_maxrss would keep the test process's peak across exec)
_PEAK = """
import re, sys
from pathlib import Path
from opsplan.check.docxread import read_docx
document = read_docx(Path(sys.argv[1]))
peak = re.search(r"VmHWM:\\s*(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
print(len(document.body), sum(len(table.rows) for table in document.tables), peak)
"""


@pytest.mark.slow  # a child process reads a 32 MiB document part
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")
def test_memory_follows_the_largest_block_not_the_document(tmp_path: Path, example_docx: bytes) -> None:
    # one tree of this part takes about 14 bytes a byte of XML (450 MiB); read a piece at a time, the reader
    # holds the blocks' text and one piece. A table in a content control inside a table, and a long body
    cells = "".join(_cell(TEXT(f"第{n}格", "内容")) for n in range(6))
    rows = "".join(_row(cells) for _ in range(40_000))
    table = _table(_row(cells), "<w:sdt><w:sdtContent>" + rows + "</w:sdtContent></w:sdt>")
    body = P("Heading1", "一、表") + table + "".join(TEXT(f"第{n}段", "正文。" * 20) for n in range(60_000))
    xml = DOC(f"<w:body>{body}</w:body>").encode()
    assert len(xml) > 32 * 1024 * 1024
    path = tmp_path / "large.docx"
    path.write_bytes(rezip(example_docx, {"word/document.xml": xml}))
    done = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True)
    lines, table_rows, peak_kib = (int(value) for value in done.stdout.split())
    assert (lines, table_rows) == (60_001, 40_000)  # the table, then the paragraphs
    assert peak_kib < 150 * 1024


def _merged(state: str | None, text: str) -> str:
    """A cell of a vertical merge: ``restart`` begins one, ``continue`` (or no value, as Word writes it) goes on."""
    value = "" if state is None else f" w:val='{state}'"
    return f"<w:tc><w:tcPr><w:vMerge{value}/></w:tcPr>{TEXT(text, '')}</w:tc>"


def _docx_with(tmp_path: Path, example_docx: bytes, body: str) -> Path:
    path = tmp_path / "plan.docx"
    path.write_bytes(rezip(example_docx, {"word/document.xml": DOC(f"<w:body>{body}</w:body>").encode()}))
    return path


def test_a_cell_merged_down_reads_as_the_merged_cells_text(tmp_path: Path, example_docx: bytes) -> None:
    # Word keeps the text in the first cell of a vertical merge (restart); the cells below (continue) are empty
    table = _table(
        _row(_cell(TEXT("渠道", "")), _cell(TEXT("形式", "")), _cell(TEXT("流量占比", ""))),
        _row(_merged("restart", "自然流量"), _cell(TEXT("短视频", "")), _merged("restart", "40%")),
        _row(_merged(None, ""), _cell(TEXT("直播", "")), _merged("continue", "")),
        _row(_cell(TEXT("付费", "")), _cell(TEXT("千川", "")), _cell(TEXT("60%", ""))),
    )
    path = _docx_with(tmp_path, example_docx, P("Heading1", "一、流量") + table + TEXT("正文。", ""))
    (read,) = read_docx(path).tables
    assert [cells for _, cells in read.rows] == [
        ("自然流量", "短视频", "40%"),
        ("自然流量", "直播", "40%"),  # the label, as rules and readers need it
        ("付费", "千川", "60%"),
    ]
    assert read.merged == frozenset({(1, 0), (1, 2)})  # rows index, column: counted once in sums
    assert document_report(read_docx(path), "docx").findings == []  # 40% + 60%: the merged 40% once
    assert_same(path)


def test_shares_merged_down_are_summed_once(tmp_path: Path, example_docx: bytes) -> None:
    # a blank continue cell made the column unreadable (no finding); 40% + 70% is 110%
    table = _table(
        _row(_cell(TEXT("渠道", "")), _cell(TEXT("形式", "")), _cell(TEXT("占比", ""))),
        _row(_cell(TEXT("自然流量", "")), _cell(TEXT("短视频", "")), _merged("restart", "40%")),
        _row(_cell(TEXT("自然流量", "")), _cell(TEXT("直播", "")), _merged(None, "")),
        _row(_cell(TEXT("付费", "")), _cell(TEXT("千川", "")), _cell(TEXT("70%", ""))),
    )
    path = _docx_with(tmp_path, example_docx, P("Heading1", "一、流量") + table + TEXT("正文。", ""))
    findings = document_report(read_docx(path), "docx").findings
    assert [(f.rule, "110%" in f.message) for f in findings] == [("OPS510", True)]
    assert_same(path)


def test_a_total_under_parts_merged_down_counts_each_part_once(tmp_path: Path, example_docx: bytes) -> None:
    table = _table(
        _row(_cell(TEXT("项目", "")), _cell(TEXT("金额", ""))),
        _row(_cell(TEXT("内容", "")), _merged("restart", "30万元")),
        _row(_cell(TEXT("拍摄", "")), _merged(None, "")),
        _row(_cell(TEXT("投放", "")), _cell(TEXT("20万元", ""))),
        _row(_cell(TEXT("合计", "")), _cell(TEXT("60万元", ""))),
    )
    path = _docx_with(tmp_path, example_docx, P("Heading1", "一、预算") + table + TEXT("正文。", ""))
    findings = document_report(read_docx(path), "docx").findings
    assert [f.rule for f in findings] == ["OPS511"]  # 30万 + 20万 is 50万, not 60万 (nor 80万)
    assert "500,000" in findings[0].message or "50万" in findings[0].message
    assert_same(path)
