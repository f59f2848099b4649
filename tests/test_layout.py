"""The layout estimate: lines as LibreOffice breaks them, heights as it sets them, pages and chapter breaks.

Figures worked by hand: our zh-CN styles set exact line heights (body text 420 twips = 21 pt with 6 pt after, a
chapter heading 24 pt with 18 pt before and 12 pt after, table text 13 pt with 1 pt before and after); a Chinese
character is one em wide, a digit 0.556 em (Arial's, Liberation Sans's); LibreOffice puts a fifth of an em between
Chinese and Latin text. The line breaks of the bracketed scores were measured in LibreOffice 7.4 with Liberation
Sans (a table cell 42 pt wide, 9 pt text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.render.docx import build_docx, chapter_bookmarks
from opsplan.render.layout import estimate
from opsplan.render.layout_lines import set_lines
from opsplan.render.layout_text import pieces

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def lines_of(text: str, size: float, width: float) -> list[str]:
    starts: list[int] = []
    set_lines(((text, False),), size, width, width, starts)
    return [text[i:j] for i, j in zip([0, *starts], [*starts, len(text)], strict=True)]


def test_chinese_and_latin_text_are_set_a_fifth_of_an_em_apart() -> None:
    # 由 10.5 + gap 2.1 + "30" 2 × 0.556 × 10.5 = 11.676 + gap 2.1 + 万 10.5 = 36.876 pt
    assert sum(p.width for p in pieces((("由30万", False),), 10.5)) == pytest.approx(36.876)
    # 36.876 pt fits a 36.9 pt line, not a 36.8 pt one (the line may break between 30 and 万)
    assert lines_of("由30万", 10.5, 36.9) == ["由30万"]
    assert lines_of("由30万", 10.5, 36.8) == ["由30", "万"]


@pytest.mark.parametrize("mark", "，。、：；！？")
def test_a_closing_mark_never_starts_a_line_and_a_stop_hangs(mark: str) -> None:
    # ten characters fill a 100 pt line at 10 pt; a comma, stop, colon … after them hangs in the margin
    assert lines_of(f"一二三四五六七八九十{mark}一", 10, 100) == [f"一二三四五六七八九十{mark}", "一"]


@pytest.mark.parametrize("mark", "）」》”")
def test_a_closing_bracket_or_quote_does_not_hang(mark: str) -> None:
    # it cannot start a line either: the character before it goes down with it
    assert lines_of(f"一二三四五六七八九十{mark}一", 10, 100) == ["一二三四五六七八九", f"十{mark}一"]


def test_nothing_hangs_in_a_table_cell() -> None:
    # in a cell LibreOffice hangs no mark: the full stop after ten characters that fill the line takes 十 down
    starts: list[int] = []
    assert set_lines((("一二三四五六七八九十。", False),), 10, 100, 100, starts, hang=False)[0] == 2
    assert starts == [9]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("供应链主管牵头", ["供应链主", "管牵头"]),  # 4 × 9 = 36 pt fit in 42, 5 × 9 = 45 do not
        ("12（34）", ["12（34）"]),  # a digit 5.004 pt: 10.008 + 9 + 10.008 + 9 = 38.0 pt
        # 12（3×4）: 10.008 + 9 + 5.004 + × 5.256 + 5.004 + 9 = 43.3 pt, no break inside: LibreOffice ends the line
        # before the digit that keeps the bracket, and 2（3×4） (38.3 pt) fits the next
        ("12（3×4）", ["1", "2（3×4）"]),
        ("1234（5×6）", ["123", "4（5×6）"]),  # 53.3 pt: 123 (15.0 pt) stays, 4（5×6） (38.3 pt) goes down
        ("123456789（3×4）", ["12345678", "9（3×4）"]),  # 12345678 is 40.0 pt
        ("12345678901234", ["12345678", "901234"]),  # no bracket: cut where it overflows, 8 × 5.004 = 40.0 pt
    ],
)
def test_a_piece_wider_than_the_cell_is_broken_as_libreoffice_breaks_it(text: str, lines: list[str]) -> None:
    assert lines_of(text, 9, 42) == lines


def plan(paragraphs: int) -> str:
    return "# T\n\n## 目录\n\n## 一、A\n\n" + "正文。\n\n" * paragraphs + "## 二、B\n\n正文。\n"


# Page 1 is the title page, page 2 the contents, page 3 starts chapter 一 after a page break: its space before is
# kept (18 pt), its line is 24 pt, then 12 pt. Each body paragraph is one line of 21 pt with 6 pt after it:
# paragraph k (from 0) starts 54 + 27 k pt down the text area and ends 21 pt below that. Two thirds of the
# 697.9 pt text area are 465.27 pt.


def test_a_chapter_that_follows_text_ending_above_two_thirds_of_the_page_follows_on() -> None:
    # 14 paragraphs: the last starts at 54 + 13 × 27 = 405 pt and ends at 426 pt, above 465.27 pt; 二 starts
    # 426 + 18 = 444 pt down page 3
    docx = build_docx(plan(14))
    chapters = chapter_bookmarks(plan(14))
    found = estimate(docx, chapters)
    assert found.breaks == frozenset()
    assert found.pages == {chapters[0]: 3, chapters[1]: 3}
    assert found.tops[chapters[1]] == pytest.approx(444.0)


def test_a_chapter_after_text_ending_in_the_bottom_third_starts_a_page() -> None:
    # 16 paragraphs: the last starts at 54 + 15 × 27 = 459 pt and ends at 480 pt: a break wastes less than a
    # third of the page, so 二 starts page 4, 18 pt down (its space before kept)
    docx = build_docx(plan(16))
    chapters = chapter_bookmarks(plan(16))
    found = estimate(docx, chapters)
    assert found.breaks == {chapters[1]}
    assert found.pages == {chapters[0]: 3, chapters[1]: 4}
    assert found.tops[chapters[1]] == pytest.approx(18.0)


def test_without_deciding_the_breaks_the_chapters_follow_on() -> None:
    # the same 16 paragraphs: 二 follows at 480 + 18 = 498 pt on page 3
    chapters = chapter_bookmarks(plan(16))
    found = estimate(build_docx(plan(16)), chapters, decide=False)
    assert found.breaks == frozenset()
    assert found.tops[chapters[1]] == pytest.approx(498.0)


def test_a_paragraph_keeps_two_lines_on_each_side_of_a_page_break() -> None:
    # 22 one-line paragraphs end at 54 + 21 × 27 + 21 = 642 pt; the 23rd (three lines) would start at 648 pt,
    # where two of its lines fit (690 pt) but not the third (711 pt), which would be left alone on the next page:
    # it goes to page 4 whole, with 二 after it
    long = "正文。\n\n" * 22 + "这" * 120 + "\n\n"
    text = "# T\n\n## 目录\n\n## 一、A\n\n" + long + "## 二、B\n\n正文。\n"
    chapters = chapter_bookmarks(text)
    found = estimate(build_docx(text), chapters, decide=False)
    # page 4: 120 characters in 451.3 pt lines (42 a line, 40 on the first after its 21 pt indent): 3 lines of 21 pt
    # from the top = 63 pt, then 18 pt before 二
    assert found.pages[chapters[1]] == 4
    assert found.tops[chapters[1]] == pytest.approx(81.0)


def test_every_heading_of_an_example_gets_a_page_in_order() -> None:
    from opsplan.render.markdown import render_markdown
    from opsplan.render.options import RenderOptions
    from opsplan.render.outputs import checked_plan, plan_docx

    computed = checked_plan(EXAMPLES / "douyin-flowers.en.yaml", draft=False)
    markdown = render_markdown(computed, None, draft=False)
    docx = plan_docx(computed, markdown, RenderOptions())
    found = estimate(docx, chapter_bookmarks(markdown))
    pages = [found.pages[name] for name in sorted(found.pages)]
    headings = sum(markdown.count(f"\n{'#' * level} ") for level in (2, 3, 4)) - 1  # the contents heading aside
    assert len(pages) == headings
    assert pages == sorted(pages) and pages[0] >= 3  # after the title page and the contents
