"""Chapter page breaks from a layout: a chapter starts a page only when less than a third of one is left."""

from __future__ import annotations

import pytest

from opsplan.render import paginate
from opsplan.render.docx import build_docx, chapter_bookmarks
from opsplan.render.paginate import Body, Layout, Place, body_of, chapter_breaks
from tests._docx_helpers import W, open_docx

# An A4 page with 2.54 cm margins: the text area starts 770 pt above the foot of the page and is 698 pt high;
# a third of it is 232.7 pt.
BODY = Body(top=770.0, height=698.0)
CHAPTERS = ["c1", "c2", "c3", "c4"]


def test_a_chapter_low_on_a_page_starts_the_next_and_pushes_what_follows() -> None:
    layout = Layout(
        {
            "c1": Place(3, 752.0),  # the first chapter follows the contents: never decided here
            "s1": Place(3, 400.0),
            # 770 - 150 = 620 pt down the page: 78 pt left, under a third → a break, 78 pt pushed
            "c2": Place(4, 150.0),
            "s2": Place(5, 700.0),  # 70 + 78 = 148 pt down page 5: still on page 5
            # 470 + 78 = 548 pt down: 150 pt left → a break, 228 pt pushed in all
            "c3": Place(5, 300.0),
            "s3": Place(6, 600.0),  # 170 + 228 = 398 pt down page 6
            # 170 + 228 = 398 pt down page 7: 300 pt left, more than a third → follows on
            "c4": Place(7, 600.0),
        },
        frozenset(),
    )
    decided = chapter_breaks(layout, CHAPTERS, BODY)
    assert decided.chapters == {"c2", "c3"}
    assert decided.pages == {"c1": 3, "s1": 3, "c2": 5, "s2": 5, "c3": 6, "s3": 6, "c4": 7}


def test_a_section_break_to_landscape_pages_ends_the_push_but_not_the_pages_added() -> None:
    layout = Layout(
        {
            "c1": Place(3, 752.0),
            "c2": Place(4, 150.0),  # a break: page 5
            "g": Place(5, 500.0),  # the landscape Gantt page, after a section break: now page 6
            "c3": Place(6, 740.0),  # back to portrait at the top of a page: 30 pt down, nothing pushed
        },
        frozenset({5}),
    )
    decided = chapter_breaks(layout, CHAPTERS, BODY)
    assert decided.chapters == {"c2"}
    assert decided.pages == {"c1": 3, "c2": 5, "g": 6, "c3": 7}


def test_chapters_that_already_break_are_kept_and_not_pushed_again() -> None:
    layout = Layout({"c1": Place(3, 752.0), "c2": Place(5, 752.0), "c3": Place(6, 100.0)}, frozenset())
    decided = chapter_breaks(layout, CHAPTERS, BODY, current=frozenset({"c2"}))
    assert decided.chapters == {"c2", "c3"}  # c3: 670 pt down, 28 left
    assert decided.pages == {"c1": 3, "c2": 5, "c3": 7}


# c2 breaks after page 4, which ends 300 pt below the top of an 842 pt page: 228 pt into the text area, 470 pt empty
SHORT_PAGE_BEFORE_C2 = Layout(
    {"c1": Place(3, 752.0), "c2": Place(5, 770.0), "s2": Place(5, 600.0)},
    frozenset(),
    ends={3: 700.0, 4: 300.0, 5: 700.0},
    heights={3: 842.0, 4: 842.0, 5: 842.0},
)


def test_a_break_after_a_page_left_more_than_a_third_empty_is_taken_back() -> None:
    decided = chapter_breaks(SHORT_PAGE_BEFORE_C2, CHAPTERS, BODY, current=frozenset({"c2"}))
    assert decided.chapters == frozenset()
    # c2 follows on page 4; s2, 170 pt down page 5, moves up 470 pt: 300 pt above it, on page 4
    assert decided.pages == {"c1": 3, "c2": 4, "s2": 4}


PLAN = "# T\n\n## 目录\n\n## 一、A\n\n### 1.1 a\n\n正文。\n\n## 二、B\n\n正文。\n\n## 三、C\n\n正文。\n"


def test_only_the_chosen_chapters_break_the_page() -> None:
    chapters = chapter_bookmarks(PLAN)
    assert chapters == ["_Toc00000001", "_Toc00000003", "_Toc00000004"]  # 1.1 is the second heading
    doc = open_docx(build_docx(PLAN, page_breaks=frozenset({chapters[2]})))
    breaking = [p.text for p in doc.paragraphs if p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None]
    assert breaking == ["目录", "一、A", "三、C"]  # the contents, the first chapter after them, and C


def test_the_text_area_is_read_from_the_page_setup() -> None:
    # A4 is 16838 twips high, with 1440-twip (1 inch) margins at head and foot: (16838 - 1440) / 20 = 769.9 pt
    assert body_of(build_docx(PLAN)) == Body(top=769.9, height=697.9)


def test_a_page_that_ended_short_takes_up_the_push() -> None:
    # c2 breaks (78 pt pushed); page 4 then ends 10 pt short of its foot (760 pt from the top: 688 pt into the
    # text area) and page 5 370 pt short (400 pt from the top: 328 pt in): 78 - 10 = 68, then 0 pt pushed.
    # c3, 450 pt down page 6, stays there and follows on (pushed 68 pt it would have been low: 518 > 465.3)
    layout = Layout(
        {"c1": Place(3, 752.0), "c2": Place(4, 150.0), "c3": Place(6, 320.0)},
        frozenset(),
        ends={4: 760.0, 5: 400.0},
        heights={4: 842.0, 5: 842.0, 6: 842.0},
    )
    decided = chapter_breaks(layout, CHAPTERS, BODY)
    assert decided.chapters == {"c2"}
    assert decided.pages == {"c1": 3, "c2": 5, "c3": 6}


def test_the_text_before_a_chapter_decides_not_its_heading() -> None:
    # c2's heading is 770 - 290 = 480 pt down page 4, past two thirds (465.3 pt), but the text before it ends 30 pt
    # above it, at 450 pt: a break would leave 248 pt empty, more than a third, so it follows on
    gapped = Layout({"c1": Place(3, 752.0), "c2": Place(4, 290.0)}, frozenset(), gaps={"c2": 30.0})
    assert chapter_breaks(gapped, CHAPTERS, BODY).chapters == frozenset()
    # 10 pt above it, the text ends at 470 pt: 228 pt left, under a third, so it starts page 5
    close = Layout({"c1": Place(3, 752.0), "c2": Place(4, 290.0)}, frozenset(), gaps={"c2": 10.0})
    assert chapter_breaks(close, CHAPTERS, BODY).chapters == {"c2"}


def test_a_decision_a_revision_changed_is_not_changed_back() -> None:
    # page 4 ends 470 pt short, but c2's break was put back by an earlier revision: it stays
    current = settled = frozenset({"c2"})
    decided = chapter_breaks(SHORT_PAGE_BEFORE_C2, CHAPTERS, BODY, current=current, settled=settled)
    assert decided.chapters == {"c2"}
    assert decided.pages == {"c1": 3, "c2": 5, "s2": 5}


def test_read_layout_finds_how_far_above_a_heading_the_text_before_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    dests = '   1 [ XYZ   72  302 null      ] "5FToc00000009"\n   2 [ XYZ   72  770 null      ] "5FToc00000010"\n'
    sizes = "Page    1 size: 595.3 x 841.9 pts (A4)\nPage    2 size: 595.3 x 841.9 pts (A4)\n"
    words = (
        '<page width="595.3" height="841.9"><word xMin="1" yMin="30" xMax="9" yMax="40">DRAFT</word>'
        '<word xMin="1" yMin="500" xMax="9" yMax="515.5">text</word>'
        '<word xMin="1" yMin="543" xMax="9" yMax="564">heading</word>'
        '<word xMin="1" yMin="800" xMax="9" yMax="810">4</word></page>'
        '<page width="595.3" height="841.9"><word xMin="1" yMin="75" xMax="9" yMax="90">heading</word></page>'
    )
    answers = iter([dests, sizes, words])
    monkeypatch.setattr(paginate, "_poppler", lambda command: next(answers))
    layout = paginate.read_layout(b"%PDF-", "/usr/bin/pdfinfo")
    # the heading's top is 841.9 - 302 = 539.9 pt down page 1; the text above it ends at 515.5 pt; the page number
    # (below 791.9 pt) and the running header (above 60 pt) are not text of the page
    assert layout.gaps == {"_Toc00000009": pytest.approx(24.4)}
    assert layout.ends == {1: 564.0, 2: 90.0}


def test_the_break_to_the_landscape_gantt_follows_a_table_directly() -> None:
    # a table that fills its page to the foot: an empty paragraph after it would take a line of a new page, and the
    # section break after that would leave the page blank; the break's own one-point paragraph keeps them apart
    gantt = "<!-- opsplan:gantt -->\n| 任务 | W1 |\n|---|---|\n| a | █ |\n"
    plan = "# T\n\n## 一、A\n\n| 列 | 值 |\n|---|---|\n| a | 1 |\n\n### 1.1 甘特图\n\n" + gantt
    body = list(open_docx(build_docx(plan)).element.body)
    table = next(i for i, element in enumerate(body) if element.tag == f"{W}tbl")
    assert body[table + 1].find(f"{W}pPr/{W}sectPr") is not None
