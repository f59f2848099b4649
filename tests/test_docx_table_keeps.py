"""Which rows of a DOCX table keep with the next: a table starts with its header and two rows on a page, and a page
it runs on to holds at least its last four rows under the repeated header (five lines), never one row alone."""

from __future__ import annotations

import pytest

from opsplan.render.docx import build_docx
from tests._docx_helpers import W, open_docx


def _kept_rows(rows: int) -> list[bool]:
    body = "".join(f"| r{i} | {i} |\n" for i in range(1, rows + 1))
    table = open_docx(build_docx(f"# T\n\n## A\n\n| a | b |\n|---|---|\n{body}")).tables[0]
    return [
        all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in table._tbl.findall(f"{W}tr")
    ]


@pytest.mark.parametrize(
    ("rows", "kept"),
    [
        # header + 8 rows: the header and row 1 keep (header, rows 1–2 start together); rows 5, 6, 7 keep, so
        # rows 5–8 are never parted: a page after a break holds at least the header and four rows
        (8, [True, True, False, False, False, True, True, True, False]),
        # header + 7 rows: rows 4–7 together
        (7, [True, True, False, False, True, True, True, False]),
        # header + 6 rows: four kept rows would hold the whole table from row 1; the last row is not left alone
        (6, [True, True, False, False, False, True, False]),
        (4, [True, True, False, True, False]),
        (3, [True, False, False, False]),
    ],
)
def test_rows_kept_with_the_next(rows: int, kept: list[bool]) -> None:
    assert _kept_rows(rows) == kept
