"""Wide tables (issue 16.1): a table that a portrait page cannot hold without breaking its words, even at 7.5 pt,
goes on a landscape page of its own, with its caption; the pages after it are portrait again and numbered."""

from __future__ import annotations

from typing import Any

from opsplan.render.docx import build_docx
from tests._docx_helpers import W, open_docx, text_of

# Eleven columns of a 12-letter word: at 7.5 pt each needs about 1,190 twips (the word in the bold face of the
# header, a quarter em spare and the cell margins), 13,100 in all: more than a portrait A4 page's text width
# (11906 - 2 x 1440 = 9026 twips), less than a landscape page's (16838 - 2 x 1440 = 13958).
WORD = "Availability"
WIDE = "| " + " | ".join([WORD] * 11) + " |\n|" + "---|" * 11 + "\n| " + " | ".join(["ok"] * 11) + " |\n"
NARROW = "| Metric | Value |\n|---|---|\n| Followers | 500k |\n"
GANTT = "<!-- opsplan:gantt -->\n| Task | W1 |\n|---|---|\n| a | █ |\n"


def _sections(doc: Any) -> list[tuple[int, bool]]:
    """(orientation, different first page) of each section: 0 portrait, 1 landscape."""
    return [(int(s.orientation), bool(s.different_first_page_header_footer)) for s in doc.sections]


def test_a_table_too_wide_for_a_portrait_page_gets_a_landscape_page_with_its_caption() -> None:
    plan = f"# T\n\n## 1 A\n\nText before.\n\n{NARROW}\nAvailability by channel:\n\n{WIDE}\nText after.\n"
    doc = open_docx(build_docx(plan))
    assert _sections(doc) == [(0, True), (1, False), (0, False)]
    wide = doc.tables[1]
    grid = [int(c.get(f"{W}w")) for c in wide._tbl.iter(f"{W}gridCol")]
    assert sum(grid) == 13958 and min(grid) >= 1190
    body = list(doc.element.body)
    caption = next(i for i, el in enumerate(body) if text_of(el) == "Availability by channel:")
    assert body[caption - 1].find(f"{W}pPr/{W}sectPr") is not None  # the portrait pages end before the caption
    narrow = [int(c.get(f"{W}w")) for c in doc.tables[0]._tbl.iter(f"{W}gridCol")]
    assert sum(narrow) == 9026  # a table that fits stays on the portrait page


def test_after_a_wide_table_the_gantt_gets_its_own_landscape_pages_and_portrait_pages_keep_their_numbers() -> None:
    plan = f"# T\n\n## 1 A\n\n{WIDE}\n## 2 B\n\nText.\n\n### 2.1 Gantt\n\n{GANTT}\n## 3 C\n\nText.\n"
    doc = open_docx(build_docx(plan))
    # only the first portrait section holds the title page, whose first page goes without a page number
    assert _sections(doc) == [(0, True), (1, False), (0, False), (1, False), (0, False)]
