"""The layout estimate: lines as LibreOffice breaks them, heights as it sets them, pages and chapter breaks.

Figures worked by hand: a line of Chinese is 304 twips (15.2 pt) high at 10.5 pt and 463 twips at 16 pt (Noto Sans CJK,
as LibreOffice 7.4 sets it), a line spaced 1.5 times is 456 twips; a Chinese character is one em wide, a digit
0.636 em; LibreOffice puts a fifth of an em between Chinese and Latin text. The line breaks of the
bracketed scores were measured in LibreOffice 7.4 (a table cell 42 pt wide, 9 pt text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.render.docx import build_docx, chapter_bookmarks
from opsplan.render.layout import estimate
from opsplan.render.layout_text import pieces, set_lines

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def lines_of(text: str, size: float, width: float) -> list[str]:
    starts: list[int] = []
    set_lines(((text, False),), size, width, width, starts)
    return [text[i:j] for i, j in zip([0, *starts], [*starts, len(text)], strict=True)]


def test_chinese_and_latin_text_are_set_a_fifth_of_an_em_apart() -> None:
    # 由 10.5 + gap 2.1 + "30" 2 × 0.636 × 10.5 = 13.356 + gap 2.1 + 万 10.5 = 38.556 pt
    assert sum(p.width for p in pieces((("由30万", False),), 10.5)) == pytest.approx(38.556)
    # 38.556 pt fits a 38.6 pt line, not a 38.5 pt one (the line may break between 30 and 万)
    assert lines_of("由30万", 10.5, 38.6) == ["由30万"]
    assert lines_of("由30万", 10.5, 38.5) == ["由30", "万"]


def test_a_closing_mark_never_starts_a_line_and_a_comma_hangs() -> None:
    # ten characters fill a 100 pt line at 10 pt; a comma after them hangs in the margin, a bracket does not
    assert lines_of("一二三四五六七八九十，一", 10, 100) == ["一二三四五六七八九十，", "一"]
    assert lines_of("一二三四五六七八九十）一", 10, 100) == ["一二三四五六七八九", "十）一"]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("供应链主管牵头", ["供应链主", "管牵头"]),  # 4 × 9 = 36 pt fit in 42, 5 × 9 = 45 do not
        ("12（34）", ["12（34）"]),  # 11.45 + 9 + 11.45 + 9 = 40.9 pt
        ("1（1×1）", ["1", "（1×1）"]),  # 42.7 pt: the number keeps its bracket, so the line gives up on the number
        ("12（3×4）", ["1", "2（3×4", "）"]),  # 48.4 pt, no break inside: LibreOffice leaves the first digit alone
        ("123456789（3×4）", ["1234567", "89（3×4", "）"]),  # wider than the line by itself: cut where it overflows
        ("12345678901234", ["1234567", "8901234"]),  # 7 × 5.724 = 40.1 pt
    ],
)
def test_a_piece_wider_than_the_cell_is_broken_as_libreoffice_breaks_it(text: str, lines: list[str]) -> None:
    assert lines_of(text, 9, 42) == lines


def plan(paragraphs: int) -> str:
    return "# T\n\n## 目录\n\n## 一、A\n\n" + "正文。\n\n" * paragraphs + "## 二、B\n\n正文。\n"


# Page 1 is the title page, page 2 the contents, page 3 starts chapter 一 after a page break: its space before is
# kept (18 pt), its line is 23.15 pt, then 12 pt. Each body paragraph is one line of 22.8 pt with 6 pt after it:
# paragraph k (from 0) starts 53.15 + 28.8 k pt down the text area, and its text ends 15.2 pt below that. A third of
# the 697.9 pt text area is 232.63 pt.


def test_a_chapter_that_follows_text_ending_above_two_thirds_of_the_page_follows_on() -> None:
    # 14 paragraphs: the last starts at 53.15 + 13 × 28.8 = 427.55 pt and its text ends at 442.75 pt, above
    # 465.27 pt; 二 starts 427.55 + 22.8 + 18 = 468.35 pt down page 3
    docx = build_docx(plan(14))
    chapters = chapter_bookmarks(plan(14))
    found = estimate(docx, chapters)
    assert found.breaks == frozenset()
    assert found.pages == {chapters[0]: 3, chapters[1]: 3}
    assert found.tops[chapters[1]] == pytest.approx(468.35, abs=0.01)


def test_a_chapter_after_text_ending_in_the_bottom_third_starts_a_page() -> None:
    # 16 paragraphs: the last starts at 53.15 + 15 × 28.8 = 485.15 pt, its text ends at 500.35 pt: a break
    # wastes less than a third of the page, so 二 starts page 4, 18 pt down (its space before kept)
    docx = build_docx(plan(16))
    chapters = chapter_bookmarks(plan(16))
    found = estimate(docx, chapters)
    assert found.breaks == {chapters[1]}
    assert found.pages == {chapters[0]: 3, chapters[1]: 4}
    assert found.tops[chapters[1]] == pytest.approx(18.0)


def test_without_deciding_the_breaks_the_chapters_follow_on() -> None:
    # the same 16 paragraphs: 二 follows at 485.15 + 22.8 + 18 = 525.95 pt on page 3
    chapters = chapter_bookmarks(plan(16))
    found = estimate(build_docx(plan(16)), chapters, decide=False)
    assert found.breaks == frozenset()
    assert found.tops[chapters[1]] == pytest.approx(525.95, abs=0.01)


def test_a_paragraph_keeps_two_lines_on_each_side_of_a_page_break() -> None:
    # 22 one-line paragraphs end at 53.15 + 21 × 28.8 + 22.8 = 680.75 pt; the 23rd (three lines) would start at
    # 686.75 pt, where not even one line's text fits (686.75 + 15.2 > 697.9): it goes to page 4, with 二 after it
    long = "正文。\n\n" * 22 + "这" * 120 + "\n\n"
    text = "# T\n\n## 目录\n\n## 一、A\n\n" + long + "## 二、B\n\n正文。\n"
    chapters = chapter_bookmarks(text)
    found = estimate(build_docx(text), chapters, decide=False)
    # page 4: 120 characters in 451.3 pt lines (42 a line, 40 on the first after its 21 pt indent): 3 lines of 22.8 pt
    # from the top = 68.4 pt, then 18 pt before 二
    assert found.pages[chapters[1]] == 4
    assert found.tops[chapters[1]] == pytest.approx(86.4, abs=0.01)


def test_every_heading_of_an_example_gets_a_page_in_order() -> None:
    from opsplan.render.markdown import render_markdown
    from opsplan.render.run import RenderOptions, checked_plan, plan_docx

    computed = checked_plan(EXAMPLES / "douyin-flowers.en.yaml", draft=False)
    markdown = render_markdown(computed, None, draft=False)
    docx = plan_docx(computed, markdown, RenderOptions())
    found = estimate(docx, chapter_bookmarks(markdown))
    pages = [found.pages[name] for name in sorted(found.pages)]
    headings = sum(markdown.count(f"\n{'#' * level} ") for level in (2, 3, 4)) - 1  # the contents heading aside
    assert len(pages) == headings
    assert pages == sorted(pages) and pages[0] >= 3  # after the title page and the contents
