"""build_docx on hand-written Markdown that follows the contract, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

import pytest

from opsplan.errors import InputError
from opsplan.render.docx import DocumentInfo, build_docx
from opsplan.render.docx_widths import display_width, fit_widths
from opsplan.render.fontmetrics import widest_piece
from opsplan.render.palette import CAMPAIGN_FILL, CRITICAL_LINE, HEADER_FILL, LEVEL_FILL, phase_colour
from tests._docx_helpers import (
    W,
    cell_fills,
    docx_headings,
    docx_parts,
    gantt_table,
    instructions,
    markdown_headings,
    open_docx,
    style_fonts,
    text_of,
    toc_entries,
)

PLAN = """\
# 花间花艺抖音运营方案

## 目录

- 一、行业背景与市场分析
- 二、时间规划

## 一、行业背景与市场分析

鲜花电商市场规模持续扩大，**2026年**达到约1,500亿元。

### 1.1 市场规模

| 指标 | 数值 | 来源 |
|---|---|---|
| 市场规模 | 1,500亿元 | 行业报告 \\| 公开数据 |
| 年增长率 | 12% | 行业报告 |

- 第一项要点
- 第二项要点

1. 步骤一
2. 步骤二

#### 1.1.1 细分市场

细分市场说明。

## 二、时间规划

### 2.1 甘特图

图例说明。

<!-- opsplan:gantt -->
| 任务 | W1 | W2 | W3 | W4 |
|---|---|---|---|---|
| 招聘团队 | █ | █ |  |  |
| 搭建账号 |  | ▒ | ▒ |  |
| ◆ 首场直播 |  |  | ◆ |  |
| ★ 618大促 |  |  |  | ★ |

```mermaid
gantt
  title 不应出现在DOCX里
```

### 2.2 里程碑

| 里程碑 | 日期 |
|---|---|
| M1 | 2027-03-15 |
"""


# what the renderer hands over with the Markdown: the plan's metadata and its chapter keys in order
INFO = DocumentInfo(title="花间花艺抖音运营方案", shop="花间", author="张三", date=dt.date(2027, 3, 1), locale="zh-CN")
CHAPTERS = ["background", "timeline"]


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_docx(PLAN, INFO, chapters=CHAPTERS)


def test_headings_and_levels_equal_the_markdown(built: bytes) -> None:
    doc = open_docx(built)
    assert docx_headings(doc) == markdown_headings(PLAN)
    assert docx_headings(doc) == [
        (1, "一、行业背景与市场分析"),
        (2, "1.1 市场规模"),
        (3, "1.1.1 细分市场"),
        (1, "二、时间规划"),
        (2, "2.1 甘特图"),
        (2, "2.2 里程碑"),
    ]


def test_title_page_and_properties(built: bytes) -> None:
    doc = open_docx(built)
    texts = [p.text for p in doc.paragraphs[:4]]
    assert texts == ["花间花艺抖音运营方案", "店铺：花间", "编制：张三", "日期：2027年3月1日"]
    assert doc.paragraphs[0].style.style_id == "Title"
    assert doc.core_properties.title == "花间花艺抖音运营方案"
    assert doc.core_properties.author == "张三"
    assert doc.core_properties.created.year == 2027


def test_toc_field_with_cached_entries_and_no_update_on_open(built: bytes) -> None:
    doc = open_docx(built)
    body = doc.element.body
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions(body)  # two levels by default
    kinds = [f.get(f"{W}fldCharType") for f in body.iter(f"{W}fldChar")]
    assert kinds[:3] == ["begin", "separate", "end"]
    # the cached result lists every heading down to level 2, so the TOC shows before any field update
    assert toc_entries(doc) == [text for level, text in markdown_headings(PLAN) if level <= 2]
    # the contents heading is not a Heading 1 (it would list itself) and each entry links to a bookmark
    assert [p.text for p in doc.paragraphs if p.style.style_id == "TOCHeading"] == ["目录"]
    anchors = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    bookmarks = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert anchors == [b for b, (level, _) in zip(bookmarks, markdown_headings(PLAN), strict=True) if level <= 2]
    assert doc.settings.element.find(f"{W}updateFields") is None  # shown as written, with no prompt on opening


def test_footer_has_a_page_field_and_title_page_has_none(built: bytes) -> None:
    doc = open_docx(built)
    section = doc.sections[0]
    assert instructions(section.footer._element) == ["PAGE"]
    assert section.different_first_page_header_footer
    assert instructions(section.first_page_footer._element) == []
    # every later section shows the same footer, on its first page too
    assert all(instructions(s.footer._element) == ["PAGE"] for s in doc.sections[1:])
    assert not any(s.different_first_page_header_footer for s in doc.sections[1:])


def test_fonts_latin_and_east_asian_with_language(built: bytes) -> None:
    doc = open_docx(built)
    for style_id in ("Normal", "Heading1", "Heading2", "Heading3", "Title", "TableGrid", "OpsplanTableText"):
        fonts = style_fonts(doc, style_id)
        assert fonts["eastAsia"] == "Microsoft YaHei", style_id
        assert fonts["ascii"] == fonts["hAnsi"] == "Arial", style_id
        assert not any(k.endswith("Theme") for k in fonts), style_id
    defaults = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "Microsoft YaHei"
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    # Latin words are tagged English, so that no word processor breaks them as it may break Chinese text
    assert defaults.find(f"{W}lang").get(f"{W}val") == "en-US"


def test_tables_repeat_header_rows_and_have_explicit_widths(built: bytes) -> None:
    doc = open_docx(built)
    first = doc.tables[0]
    rows = first._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    assert first._tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    grid = [int(c.get(f"{W}w")) for c in first._tbl.iter(f"{W}gridCol")]
    # A4 portrait 11906 twips minus two 1440 margins = 9026
    assert sum(grid) == 9026
    assert first.rows[1].cells[2].text == "行业报告 | 公开数据"
    header_fill = rows[0].find(f"{W}tc/{W}tcPr/{W}shd").get(f"{W}fill")
    assert header_fill == HEADER_FILL


def test_gantt_on_a_landscape_page_with_shaded_cells(built: bytes) -> None:
    doc = open_docx(built)
    orientations = [s.orientation for s in doc.sections]
    assert [int(o) for o in orientations] == [0, 1, 0]  # portrait, landscape, portrait
    landscape = doc.sections[1]
    assert landscape.page_width > landscape.page_height
    table = gantt_table(doc)
    assert table is not None
    # █ █ in row 1, ▒ ▒ in row 2 (a chart without phases: the first phase's colour), ★ in row 4 (◆ is not shaded)
    first = phase_colour(0)
    assert cell_fills(table) == [first, first, first, first, CAMPAIGN_FILL]
    # the critical row's bar is outlined (top and bottom of both cells, its two ends) and its name marked ●
    rows = table._tbl.findall(f"{W}tr")
    outlined = [[side.tag.replace(W, "") for side in borders] for borders in rows[1].iter(f"{W}tcBorders")]
    assert outlined == [["top", "left", "bottom"], ["top", "bottom", "right"]]
    assert {b.get(f"{W}color") for b in rows[1].iter(f"{W}top")} == {CRITICAL_LINE}
    assert not list(rows[2].iter(f"{W}tcBorders"))
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts[1][0] == "● 招聘团队" and texts[2][0] == "搭建账号"
    assert texts[3] == ["◆ 首场直播", "", "", "◆", ""]
    assert texts[4][4] == "★"
    assert "█" not in "".join(t for row in texts for t in row)
    grid = [int(c.get(f"{W}w")) for c in table._tbl.iter(f"{W}gridCol")]
    # A4 landscape 16838 − 2 × 1440 = 13958 twips; the names take their width (at most 30%) and the four
    # week columns share the rest equally up to 680 twips (1.2 cm) each, so the chart is not stretched
    assert grid[1:] == [680] * 4 and grid[0] < 13958 * 0.3
    # the section heading right before the chart moves to the landscape page with it
    body = list(doc.element.body)
    heading = next(
        i for i, el in enumerate(body) if el.tag == f"{W}p" and text_of(el) == "2.1 甘特图" and is_heading(el)
    )
    assert body[heading - 1].find(f"{W}pPr/{W}sectPr") is not None


def test_mermaid_is_left_out(built: bytes) -> None:
    doc = open_docx(built)
    assert "不应出现" not in "\n".join(p.text for p in doc.paragraphs)


def test_same_markdown_gives_the_same_bytes(built: bytes) -> None:
    assert build_docx(PLAN, INFO, chapters=CHAPTERS) == built


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    text = "# T\x01itle\n\n## 一、A\ud800B\n\n段落\x0b文字\x1f。\n"
    doc = open_docx(build_docx(text))
    assert docx_headings(doc) == [(1, "一、AB")]
    assert "段落文字。" in [p.text for p in doc.paragraphs]
    assert doc.core_properties.title == "Title"


def test_english_labels_and_contents() -> None:
    text = "# Plan\n\n## Contents\n\n- 1 Market\n\n## 1 Market\n\nText.\n"
    info = DocumentInfo(title="Plan", shop="Bloom", author="Ann", date=dt.date(2027, 3, 1), locale="en")
    doc = open_docx(build_docx(text, info))
    assert [p.text for p in doc.paragraphs[:4]] == ["Plan", "Shop: Bloom", "Prepared by: Ann", "Date: 1 March 2027"]
    assert [p.text for p in doc.paragraphs if p.style.style_id == "TOCHeading"] == ["Contents"]
    body_style = doc.styles.element.xpath('w:style[@w:styleId="BodyText"]')[0]
    assert body_style.find(f"{W}pPr/{W}ind") is None  # no first-line indent in English


def test_plain_lists_restart_their_numbers() -> None:
    doc = open_docx(build_docx("# T\n\n## 一、A\n\n1. a\n2. b\n\ntext\n\n1. c\n"))
    numbered = [p.text for p in doc.paragraphs if p.text[:1].isdigit()]
    assert numbered == ["1.\ta", "2.\tb", "1.\tc"]  # number, tab, text


def is_heading(element: object) -> bool:
    return bool(element.xpath('./w:pPr/w:pStyle[starts-with(@w:val, "Heading")]'))  # type: ignore[attr-defined]


def _png(width: int, height: int) -> bytes:
    """A valid white PNG of ``width`` × ``height`` pixels, made by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress((b"\x00" + b"\xff" * 3 * width) * height))
        + chunk(b"IEND", b"")
    )


def _drawings(doc: object) -> list[int]:
    return [i for i, el in enumerate(doc.element.body) if el.find(f".//{W}drawing") is not None]  # type: ignore[attr-defined]


def test_charts_go_at_the_end_of_their_chapter_by_key() -> None:
    doc = open_docx(build_docx(PLAN, INFO, chapters=CHAPTERS, charts={"background": [_png(1, 1), _png(4, 3)]}))
    body = list(doc.element.body)
    first, second = _drawings(doc)
    chapter_two = next(i for i, el in enumerate(body) if text_of(el) == "二、时间规划" and is_heading(el))
    assert first + 1 == second < chapter_two
    assert text_of(body[first - 1]) == "细分市场说明。"
    # 15 cm wide (5,400,000 EMU); the 4×3 image is 5,400,000 × 3 / 4 = 4,050,000 EMU high
    assert [(s.width, s.height) for s in doc.inline_shapes] == [(5_400_000, 5_400_000), (5_400_000, 4_050_000)]
    assert [s._inline.graphic.graphicData.pic.blipFill.blip.embed for s in doc.inline_shapes] == [
        "rIdOpsplanImage1",
        "rIdOpsplanImage2",
    ]
    parts = docx_parts(build_docx(PLAN, INFO, chapters=CHAPTERS, charts={"background": [_png(1, 1)]}))
    assert parts["word/media/chart1.png"] == _png(1, 1)
    assert b'Extension="png" ContentType="image/png"' in parts["[Content_Types].xml"]


def test_a_chart_whose_chapter_is_missing_goes_at_the_end() -> None:
    doc = open_docx(build_docx(PLAN, INFO, chapters=CHAPTERS, charts={"outcomes": [_png(1, 1)]}))
    [drawing] = _drawings(doc)
    body = list(doc.element.body)
    assert body[drawing + 1 :] == [doc.element.body.sectPr]  # the last block of the body, before its section end
    assert len(doc.inline_shapes) == 1


def test_without_info_the_title_comes_from_the_markdown() -> None:
    doc = open_docx(build_docx(PLAN))
    assert [p.text for p in doc.paragraphs[:2]] == ["花间花艺抖音运营方案", "目录"]
    assert doc.core_properties.title == "花间花艺抖音运营方案" and doc.core_properties.author == ""


def test_reference_docx_styles_are_used_and_its_body_dropped(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Pt, RGBColor

    reference = Document()
    reference.add_paragraph("这段旧正文不应保留")
    heading = reference.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xAA, 0x00, 0x00)
    heading.font.size = Pt(20)
    heading.font.name = "Georgia"
    path = tmp_path / "brand.docx"
    reference.save(str(path))
    doc = open_docx(build_docx(PLAN, reference_docx=path))
    assert "这段旧正文不应保留" not in [p.text for p in doc.paragraphs]
    style = doc.styles["Heading 1"]
    assert style.font.color.rgb == RGBColor(0xAA, 0x00, 0x00)
    assert style.font.size == Pt(20)
    fonts = style_fonts(doc, "Heading1")
    assert fonts["ascii"] == "Georgia"
    assert fonts["eastAsia"] == "Microsoft YaHei"  # added where the user's style names none
    assert docx_headings(doc) == markdown_headings(PLAN)


def test_reference_docx_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "brand.docx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="brand.docx: cannot be used as --reference-docx"):
        build_docx(PLAN, reference_docx=path)


def test_long_columns_share_the_width_by_how_much_text_they_hold() -> None:
    # 800 is under an even share (6800 / 3) and keeps it; 6000 left for the two long columns, weights 9:3:
    # 9s + 3s = 6000 → s = 500: 4500 and 1500 (within their minimums 1500, 1000 and naturals 6000, 3000)
    assert fit_widths([800, 6000, 3000], 6800, [500, 1500, 1000], [1, 9, 3]) == [800, 4500, 1500]


@pytest.mark.parametrize(
    ("naturals", "total", "minimums", "expected"),
    [
        # everything fits: spread in proportion, 1000:3000 of 8000 → 2000:6000
        ([1000, 3000], 8000, None, [2000, 6000]),
        # too wide, minimums fit (6000 ≤ 9000): the two wide columns are cut to one width c with
        # 1000 + c + c = 9000, c = 4000; the narrow one keeps its natural 1000
        ([1000, 9000, 16000], 9000, [1000, 2000, 3000], [1000, 4000, 4000]),
        # a minimum above the common width is kept: 1000 + c + 5000 = 9000 → c = 3000
        ([1000, 9000, 16000], 9000, [1000, 2000, 5000], [1000, 3000, 5000]),
        # a column whose natural width is below the cut keeps it: 500 + 2500 + c = 9000 → c = 6000
        ([500, 2500, 16000], 9000, [500, 1000, 3000], [500, 2500, 6000]),
        # minimums 4500 > 3000: the 500 column (≤ average 1000) keeps it; 2500 left for 1500:2500
        # → 937 and 1562, the last takes the rounding (+1)
        ([2000, 3000, 4000], 3000, [500, 1500, 2500], [500, 937, 1563]),
        ([], 9000, None, []),
    ],
)
def test_fit_widths(naturals: list[int], total: int, minimums: list[int] | None, expected: list[int]) -> None:
    assert fit_widths(naturals, total, minimums) == expected
    assert sum(expected) == total or not expected


def test_a_big_table_keeps_every_row() -> None:
    # how its time grows is measured in bench/bench_perf.py (scaling), not here
    lines = ["# T", "", "## 一、A", "", "| a | b | c | d |", "|---|---|---|---|"]
    lines += [f"| 行{i} | {i} | 说明文字{i} | **{i}** |" for i in range(5000)]
    doc = open_docx(build_docx("\n".join(lines) + "\n"))
    assert len(doc.tables[0].rows) == 5001  # the header and 5000 rows
    assert doc.tables[0].rows[-1].cells[0].text == "行4999"


def test_docx_parts_are_stable(built: bytes) -> None:
    parts = docx_parts(built)
    assert "docProps/thumbnail.jpeg" not in parts
    assert "word/stylesWithEffects.xml" not in parts
    assert b"updateFields" not in parts["word/settings.xml"]


def test_reference_docx_from_a_localised_word_maps_styles_by_name(tmp_path: Path) -> None:
    from docx import Document

    reference = Document()
    # Chinese Word stores "heading 1" under the id "1"
    for element in reference.styles.element.xpath('w:style[@w:styleId="Heading1"]'):
        element.set(f"{W}styleId", "1")
    path = tmp_path / "zh-brand.docx"
    reference.save(str(path))
    doc = open_docx(build_docx(PLAN, reference_docx=path))
    chapters = [p.text for p in doc.paragraphs if p.style is not None and p.style.style_id == "1"]
    assert chapters == ["一、行业背景与市场分析", "二、时间规划"]
    assert not doc.styles.element.xpath('w:style[@w:styleId="Heading1"]')


def test_a_second_gantt_table_stays_on_portrait_pages() -> None:
    gantt = "<!-- opsplan:gantt -->\n| 任务 | W1 |\n|---|---|\n| a | █ |\n\n"
    doc = open_docx(build_docx("# T\n\n## 一、A\n\n" + gantt + "## 二、B\n\n" + gantt))
    assert [int(s.orientation) for s in doc.sections] == [0, 1, 0]
    second = doc.tables[1]
    # the second chart fits the portrait text width, 11906 − 2 × 1440 = 9026 twips; its one week is 680 twips
    grid = [int(c.get(f"{W}w")) for c in second._tbl.iter(f"{W}gridCol")]
    assert sum(grid) <= 9026 and grid[1:] == [680]


def test_reference_word_template_dotx_is_accepted(tmp_path: Path) -> None:
    import io
    import zipfile

    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    dotx = tmp_path / "brand.dotx"
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(dotx, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, content)
    doc = open_docx(build_docx(PLAN, reference_docx=dotx))
    assert docx_headings(doc) == markdown_headings(PLAN)


def test_the_paragraph_introducing_a_mermaid_block_is_left_out_with_it() -> None:
    text = (
        "# T\n\n## 一、A\n\n正文。\n\n同一进度也以 Mermaid 甘特图给出：\n\n```mermaid\ngantt\n  title x\n```\n\n"
        "示例代码如下：\n\n```python\nprint(1)\n```\n\n结尾：\n"
    )
    paragraphs = [p.text for p in open_docx(build_docx(text)).paragraphs]
    assert "同一进度也以 Mermaid 甘特图给出：" not in paragraphs
    assert "gantt" not in paragraphs
    watched = {"正文。", "示例代码如下：", "print(1)", "结尾：", "同一进度也以 Mermaid 甘特图给出："}
    assert [p for p in paragraphs if p in watched] == ["正文。", "示例代码如下：", "print(1)", "结尾："]


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc", 3),
        ("中文", 4),  # two wide characters
        ("한국어", 6),  # Hangul is wide: 3 × 2
        ("😀", 2),  # an emoji takes two cells
        ("👍🏽", 2),  # an emoji with a skin-tone modifier is one glyph of two cells
        ("ｱｲｳ", 3),  # half-width kana are narrow: 3 × 1
        ("ＡＢ", 4),  # full-width Latin letters are wide
        ("e\u0301", 1),  # a combining accent takes no cell
        ("GMV 200万元", 11),  # 4 + 1 + 3 narrow, 3 wide
    ],
)
def test_display_width_counts_terminal_cells(text: str, width: int) -> None:
    assert display_width(text) == width


@pytest.mark.parametrize(
    ("text", "widest"),
    [
        ("", 0),  # nothing that cannot wrap
        # widths in thousandths of an em, Arial's (Liberation Sans's), e.g. s 500, h 556, o 556:
        # "short" 500 + 556 + 556 + 333 + 278 = 2223; "words" 722 + 556 + 333 + 556 + 500 = 2667; "only" 1834
        ("short words only", 2667),
        ("行业报告显示市场", 4000),  # wide text keeps pieces of up to four characters: 4 × 1000
        ("abc中文defgh", 2502),  # "defgh": 556 + 556 + 278 + 556 + 556
        # a line may break after a hyphen before a letter: "substitute-" 4613 is wider than "flower" 2667
        ("substitute-flower", 4613),
        # but not inside a date: 8 digits × 556 + 2 hyphens × 333
        ("2027-05-03", 5114),
        # nor at a no-break space: C 722 + N 722 + Y 667 + space 278 + 6 digits × 556 + comma 278
        ("CNY\u00a0131,884", 6003),
    ],
)
def test_widest_unbreakable_piece(text: str, widest: int) -> None:
    assert widest_piece(text) == widest


def test_amounts_and_dates_in_cells_get_no_break_spaces() -> None:
    doc = open_docx(build_docx("# T\n\n## A\n\n| a | b |\n|---|---|\n| CNY 131,884 a month | from 13 May 2027 |\n"))
    cells = [c.text for c in doc.tables[0].rows[1].cells]
    assert cells == ["CNY\u00a0131,884 a month", "from 13\u00a0May\u00a02027"]


def test_risk_matrix_is_a_grid_coloured_by_level() -> None:
    rows = "".join(f"| {lk} |" + " 低 |" * 5 + "\n" for lk in (5, 4, 3, 2, 1))
    rows = rows.replace("| 5 | 低 | 低 | 低 | 低 | 低 |", "| 5 | 低 | 中 | 高 R04 | 高 | 高 |")
    rows = rows.replace("| 3 | 低 | 低 | 低 | 低 | 低 |", "| 3 | 低 | 低 | 中 R07 | 中 R02、R05、R10 | 高 |")
    text = "# T\n\n## 一、风险\n\n| 可能性＼影响 | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|\n" + rows
    table = open_docx(build_docx(text)).tables[0]
    fills = [[shd.get(f"{W}fill") for shd in tr.iter(f"{W}shd")] for tr in table._tbl.findall(f"{W}tr")]
    # the fill follows likelihood × impact (the text's letter aside): 5 × 3 = 15 high, 3 × 3 = 9 medium,
    # 2 × 3 = 6 low, 1 × 5 = 5 low, 4 × 4 = 16 high, 2 × 4 = 8 medium
    level = {"high": LEVEL_FILL["high"], "medium": LEVEL_FILL["medium"], "low": LEVEL_FILL["low"]}
    assert fills[1][3] == level["high"] and fills[3][3] == level["medium"] and fills[4][3] == level["low"]
    assert fills[5][5] == level["low"] and fills[2][4] == level["high"] and fills[4][4] == level["medium"]
    assert fills[0] == [HEADER_FILL] * 6 and {row[0] for row in fills[1:]} == {HEADER_FILL}
    # the letter in bold, the ids beneath it two to a line, none broken
    cell = table.rows[3].cells[4]
    assert cell.text == "中\nR02、R05\nR10"
    assert cell.paragraphs[0].runs[0].bold
    # every row but the last keeps with the next: the grid is read on one page (it was split 3 + 2 rows)
    rows_kept = [
        [p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")] for tr in table._tbl.findall(f"{W}tr")
    ]
    assert [all(row) for row in rows_kept] == [True] * 5 + [False]
    assert not any(rows_kept[-1])
