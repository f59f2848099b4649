"""The DOCX reader's faster walk reads what the walk it replaced read (issue 14).

``TableRows.read_children`` (a table's rows in one pass) against ``TableRows.read`` of each child, and
``docxread._paragraph`` against ``paragraph_text`` and ``_style_id``, on the examples and on odd structures;
and ``read_docx`` parsing in small pieces (every kind of block cut off mid-way) against the whole-tree oracle.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from opsplan.check import docxread
from opsplan.check.docx_rows import TableRows
from opsplan.lxmlload import etree
from opsplan.safeio import Package, docx_parts, open_package
from tests._fuzz_check import EXAMPLES, mutate_docx
from tests.test_docread_stream import DOC, NESTED, STRUCTURES, TEXT, P, _cell, _row, _table, assert_same
from tests.test_safeio import W, rezip

_W = f"{{{W}}}"


def _parsed(xml: str) -> Any:
    return etree().fromstring(DOC(xml).encode())


def _by_child(container: Any) -> list[Any]:
    rows = TableRows()
    for child in container:
        rows.read(child)
    return rows.rows


def _tables(root: Any) -> list[Any]:
    return list(root.iter(_W + "tbl"))


def _assert_rows_alike(table: Any) -> None:
    rows = TableRows()
    if rows.read_children(table, None):
        assert rows.rows == _by_child(table)
    else:
        assert rows.rows == []  # nothing added: the caller reads each child


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.docx")), ids=lambda p: p.name)
def test_the_examples_tables_and_paragraphs_read_alike(example: Path) -> None:
    root, _ = docx_parts(open_package(example))
    fast = 0
    for table in _tables(root):
        rows = TableRows()
        fast += rows.read_children(table, None)
        _assert_rows_alike(table)
    assert fast == len(_tables(root))  # the examples' tables are all read in one pass
    for paragraph in root.iter(_W + "p"):
        assert docxread._paragraph(paragraph) == (docxread.paragraph_text(paragraph), docxread._style_id(paragraph))


SPAN = "<w:tc><w:tcPr><w:gridSpan w:val='{}'/></w:tcPr>" + TEXT("{}", "") + "</w:tc>"
MERGE = "<w:tc><w:tcPr><w:vMerge{}/></w:tcPr>" + TEXT("{}", "") + "</w:tc>"
ODD_TABLES = {
    "nested-and-sdt": NESTED,
    "spans-and-merges": _table(
        _row(_cell(TEXT("甲", "")), SPAN.format("2", "乙")),
        _row(MERGE.format(" w:val='restart'", "丙"), SPAN.format("x", "丁"), _cell(TEXT("戊", ""))),
        _row(MERGE.format("", ""), _cell(TEXT("己", "")), MERGE.format(" w:val='continue'", "")),
    ),
    "bookmark-between-rows": _table(
        _row(_cell(TEXT("a", ""))), "<w:bookmarkEnd w:id='0'/>", _row(_cell(TEXT("b", "")))
    ),
    "comment-between-rows": _table(_row(_cell(TEXT("a", ""))), "<!-- c -->", _row(_cell(TEXT("b", "")))),
    "cells-outside-rows": "<w:tbl><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    + _row(_cell(TEXT("a", "")))
    + "<w:customXml><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc><w:tr/></w:customXml></w:tbl>",
    "row-after-last-row": _table(
        _row(_cell(TEXT("a", ""))), "<w:customXml>" + _row(_cell(TEXT("b", ""))) + "</w:customXml>"
    ),
    "row-in-a-row": _table(
        "<w:tr>"
        + _cell(TEXT("a", ""))
        + "<w:sdt><w:sdtContent>"
        + _row(_cell(TEXT("b", "")))
        + "</w:sdtContent></w:sdt></w:tr>"
    ),
    "cell-in-a-cell-sdt": _table(_row("<w:sdt><w:sdtContent>" + _cell(TEXT("a", "")) + "</w:sdtContent></w:sdt>")),
    "moved-text": _table(
        _row(_cell("<w:p><w:moveFrom w:id='1'><w:r><w:t>old</w:t></w:r></w:moveFrom><w:r><w:t>new</w:t></w:r></w:p>"))
    ),
    "text-before-a-cell": _table("<w:tr><w:trPr><w:t>pre</w:t></w:trPr>" + _cell(TEXT("a", "")) + "</w:tr>"),
    "properties-not-the-cells": _table(
        _row("<w:tc><w:p><w:tcPr><w:gridSpan w:val='3'/><w:vMerge/></w:tcPr></w:p>" + TEXT("a", "") + "</w:tc>")
    ),
    "empty-rows": _table("<w:tr/>", _row(), _row(_cell())),
    "no-rows": "<w:tbl><w:tblPr/><w:tblGrid/></w:tbl>",
    "a-cell-before-the-rows": "<w:tbl><w:tblPr><w:tc>"
    + TEXT("x", "")
    + "</w:tc></w:tblPr>"
    + _row(_cell(TEXT("a", "")))
    + "</w:tbl>",
}


@pytest.mark.parametrize("name", sorted(ODD_TABLES))
def test_odd_tables_read_alike(name: str) -> None:
    table = _parsed(f"<w:body>{ODD_TABLES[name]}</w:body>")[0][0]
    _assert_rows_alike(table)


def test_rows_before_an_unfinished_child_read_alike() -> None:
    rows = "".join(_row(_cell(TEXT(str(n), "")), MERGE.format("", "")) for n in range(4))
    for last in (
        _row(_cell(TEXT("end", ""))),
        "<w:sdt><w:sdtContent>" + _row(_cell(TEXT("s", ""))) + "</w:sdtContent></w:sdt>",
    ):
        table = _parsed(f"<w:body>{_table(rows + last)}</w:body>")[0][0]
        fast = TableRows()
        if fast.read_children(table, table[-1]):
            slow = TableRows()
            for child in list(table)[:-1]:
                slow.read(child)
            assert fast.rows == slow.rows and fast._above == slow._above
        else:
            assert fast.rows == []


PARAGRAPHS = {
    "style-after-runs": "<w:p><w:r><w:t>a</w:t></w:r><w:pPr><w:pStyle w:val='Heading1'/></w:pPr></w:p>",
    "two-properties": "<w:p><w:pPr><w:jc/></w:pPr><w:pPr><w:pStyle w:val='B'/><w:pStyle w:val='C'/></w:pPr></w:p>",
    "no-value": "<w:p><w:pPr><w:pStyle/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>",
    "nested-paragraph": "<w:p><w:r><w:t>a</w:t><w:txbxContent><w:p><w:pPr><w:pStyle w:val='N'/></w:pPr>"
    + "<w:r><w:t>b</w:t><w:tab/></w:r></w:p></w:txbxContent></w:r><w:pPr><w:pStyle w:val='O'/></w:pPr></w:p>",
    "style-elsewhere": "<w:p><w:r><w:pStyle w:val='R'/><w:t>r</w:t></w:r></w:p>",
    "moved": "<w:p><w:pPr><w:pStyle w:val='H'/></w:pPr><w:moveFrom><w:r><w:t>x</w:t></w:r></w:moveFrom>"
    + "<w:r><w:t>y</w:t></w:r></w:p>",
    "comments-and-empty-text": "<w:p><!-- c --><?pi x?><w:r><w:t/><w:t>a<!-- b -->c</w:t><w:tab/></w:r></w:p>",
}


@pytest.mark.parametrize("name", sorted(PARAGRAPHS))
def test_odd_paragraphs_read_alike(name: str) -> None:
    paragraph = _parsed(f"<w:body>{PARAGRAPHS[name]}</w:body>")[0][0]
    assert docxread._paragraph(paragraph) == (docxread.paragraph_text(paragraph), docxread._style_id(paragraph))


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse document parts 97 bytes at a time: most blocks, rows and cells are met unfinished."""
    limit, _ = Package.chunks.__defaults__ or (0, 0)
    monkeypatch.setattr(Package.chunks, "__defaults__", (limit, 97))


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_odd_structures_in_small_pieces_read_the_same(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.docx"
    example = (EXAMPLES / "douyin-flowers.zh-CN.docx").read_bytes()
    path.write_bytes(rezip(example, {"word/document.xml": STRUCTURES[name].encode()}))
    assert_same(path)


@pytest.mark.usefixtures("small_pieces")
def test_odd_tables_and_paragraphs_in_small_pieces_read_the_same(tmp_path: Path) -> None:
    body = "".join(P("Heading1", f"{n}、表") + table for n, table in enumerate(ODD_TABLES.values(), 1))
    body += "".join(PARAGRAPHS.values())
    path = tmp_path / "odd.docx"
    example = (EXAMPLES / "douyin-flowers.zh-CN.docx").read_bytes()
    path.write_bytes(rezip(example, {"word/document.xml": DOC(f"<w:body>{body}</w:body>").encode()}))
    assert_same(path)


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.docx"))[:2], ids=lambda p: p.name)
def test_examples_in_small_pieces_read_the_same(example: Path) -> None:
    assert_same(example)


@pytest.mark.slow  # about 20 s
@pytest.mark.usefixtures("small_pieces")
def test_mutated_examples_in_small_pieces_read_the_same(tmp_path: Path) -> None:
    sources = sorted(EXAMPLES.glob("*.docx"))
    rng = random.Random(1414)
    for number in range(30):
        path = tmp_path / f"case{number}.docx"
        path.write_bytes(mutate_docx(sources[number % len(sources)].read_bytes(), rng))
        assert_same(path)
