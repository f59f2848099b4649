"""The estimate with exact line heights: rows of Chinese text worked by hand, a row at a page's foot, the styles.

Our styles set every text line's height exactly (``w:lineRule="exact"``), so a line is as high in Word, WPS and
LibreOffice whatever font each sets it in, and the estimate's heights are the styles' own figures.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from opsplan.render.docx_package import picture_xml
from opsplan.render.docx_styles import LINE_TWIPS
from opsplan.render.layout import estimate_document, row_height
from opsplan.render.layout_docx import Cell, Document, Para, Row, Style, Table, read_docx
from opsplan.render.layout_lines import set_lines
from opsplan.render.layout_text import line_count, pieces

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TABLE_TEXT = Style(size=9.0, before=1.0, after=1.0, line=13.0, rule="exact")  # zh-CN table text: 260 twips
BODY = Style(size=10.5, before=0.0, after=0.0, line=21.0, rule="exact")


def chinese_cell(count: int, width_twips: int) -> Row:
    return Row(
        [Cell(width_twips / 20, [Para(TABLE_TEXT, "OpsplanTableText", (("表" * count, False),))])],
        0.0,
        False,
        False,
        True,
    )


@pytest.mark.parametrize(("count", "width_twips"), [(50, 2000), (11, 2000), (12, 2000), (100, 3600), (1, 400)])
def test_a_cell_of_chinese_text_is_as_many_exact_lines_as_its_characters_need(count: int, width_twips: int) -> None:
    # a 9 pt character is 180 twips wide: a line of W twips holds floor(W / 180) of them, the text takes
    # ceil(N / that) lines of 13 pt; the row is 1 pt before + the lines + 1 pt after + 0.5 pt of border.
    # 50 in 2000 twips: 11 a line, 5 lines = 67.5 pt; 11: one line, 15.5 pt; 12: two, 28.5 pt; 100 in 3600: 20 a
    # line, 5 lines; 1 in 400: one line
    per_line = width_twips // 180
    lines = math.ceil(count / per_line)
    assert row_height(chinese_cell(count, width_twips)) == pytest.approx(1 + 13 * lines + 1 + 0.5)


def test_a_row_asking_for_more_height_than_its_text_holds_its_border_in_it() -> None:
    # one line: 1 + 13 + 1 + 0.5 = 15.5 pt of text and border; a row asking for at least 28 pt is 28 pt, not 28.5
    row = chinese_cell(1, 2000)
    assert row_height(Row(row.cells, 28.0, False, False, True)) == pytest.approx(28.0)
    assert row_height(Row(row.cells, 12.0, False, False, True)) == pytest.approx(15.5)


def page(paragraphs: int, row_at_least: float) -> Document:
    body: list[Para | Table] = [Para(BODY, "BodyText", (("正文", False),)) for _ in range(paragraphs)]
    body.append(Table([Row(chinese_cell(1, 2000).cells, row_at_least, False, False, True)]))
    body.append(Para(BODY, "BodyText", (("后文", False),), bookmark="after"))
    return Document(body, [False], (451.3, 697.9), (595.3, 841.9))


def test_a_row_that_ends_at_the_foot_goes_over_when_its_top_border_does_not_fit() -> None:
    # 32 lines of 21 pt end at 672 pt; a row of 25.5 pt would end at 697.5 pt, within the 697.9 pt text area, but
    # the table's top border (0.5 pt) comes first: 698 pt. The table starts page 2; the text after it starts at
    # 0.5 + 25.5 = 26 pt
    found = estimate_document(page(32, 25.5), [], decide=False)
    assert found.pages["after"] == 2
    assert found.tops["after"] == pytest.approx(26.0)
    # 30 lines end at 630 pt: the table fits, and the text after it starts at 630 + 26 = 656 pt
    found = estimate_document(page(30, 25.5), [], decide=False)
    assert found.pages["after"] == 1
    assert found.tops["after"] == pytest.approx(656.0)


@pytest.mark.parametrize(("example", "least"), [("douyin-flowers.zh-CN", 1.4), ("douyin-flowers.en", 1.2)])
def test_every_line_of_text_in_an_example_has_an_exact_height_its_glyphs_fit(example: str, least: float) -> None:
    # Noto Sans CJK is 1.448 em from ascent to descent, its glyphs' ink within about 1.1 em: a Chinese line of
    # 1.4 em cuts nothing; English lines (Arial 1.15 em) at least 1.2 em
    document = read_docx((EXAMPLES / f"{example}.docx").read_bytes())
    paras = [b for b in document.blocks if isinstance(b, Para)]
    paras += [p for b in document.blocks if isinstance(b, Table) for r in b.rows for c in r.cells for p in c.paras]
    styles = {(p.style_id, p.style) for p in paras if p.runs and not p.picture}
    assert len(styles) >= 8
    for style_id, style in styles:
        assert style.rule == "exact", style_id
        assert style.line >= least * style.size - 0.01, style_id


def test_a_picture_keeps_automatic_line_spacing() -> None:
    # an exact line would cut the picture to the line's height
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000100000000808020000000000000000")
    spacing = re.search(r"<w:spacing [^>]*/>", picture_xml(0, png))
    assert spacing is not None and 'w:lineRule="auto"' in spacing[0]
    assert set(LINE_TWIPS["zh"]) == set(LINE_TWIPS["en"])


def test_the_quick_ways_count_the_lines_the_pieces_count() -> None:
    # set_lines skips the pieces for text that fits its first line however it is set, and measures ASCII text a
    # word at a time: on every paragraph of two examples, at widths from a narrow cell to a page, the same lines
    document = read_docx((EXAMPLES / "douyin-flowers.zh-CN.docx").read_bytes())
    english = read_docx((EXAMPLES / "douyin-flowers.en.docx").read_bytes())
    paras = []
    for doc in (document, english):
        paras += [b for b in doc.blocks if isinstance(b, Para)]
        paras += [p for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells for p in c.paras]
    checked = 0
    for para in {p.runs: p for p in paras if p.runs}.values():
        for width in (40.0, 96.5, 207.35, 430.3):
            for hang in (True, False):
                slow = line_count(pieces(para.runs, para.style.size), width, width + 21, None, hang)
                if slow is None:
                    slow = line_count(pieces(para.runs, para.style.size, detail=True), width, width + 21, None, hang)
                assert set_lines(para.runs, para.style.size, width, width + 21, None, hang) == slow, para.runs
                checked += 1
    assert checked > 5000
