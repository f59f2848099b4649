"""A table column is never narrower than the widest piece LibreOffice will not break (a score with its bracket)."""

from __future__ import annotations

from opsplan.render.docx_widths import PADDING, keep_units, measure_column, twips
from opsplan.render.layout_text import advance
from opsplan.render.mdblocks import Inline, Run


def _cells(*texts: str) -> list[Inline]:
    return [(Run(text),) for text in texts]


def test_a_score_keeps_its_bracket_so_its_column_is_as_wide_as_the_whole() -> None:
    # "16（4×4）": LibreOffice keeps a number with the bracket after it, and nothing breaks inside the bracket, so
    # the seven characters are one piece. In the fonts it sets them in (Liberation Sans for the digits and ×, one em
    # for each full-width bracket): 1 + 6 + （ + 4 + × + 4 + ）.
    digit, times = advance("1", False), advance("×", False)
    assert advance("6", False) == advance("4", False) == digit
    piece = digit * 4 + times + 2 * 1000
    column = measure_column(_cells("风险值", "16（4×4）", "9（3×3）"))
    assert column.minimum == piece
    assert column.minimum_width() == twips(piece, 18) + PADDING
    # fontmetrics alone let the line break after "16" and before "（": the column was cut to the wider half
    # and LibreOffice broke the number itself ("1" | "6（4×4" | "）")
    assert column.minimum > 2 * 1000 + 2 * digit


def test_digits_in_arial_give_the_figure_worked_out_by_hand() -> None:
    # Arial (Liberation Sans in LibreOffice): digits 556, × 584 (thousandths of an em); 4 × 556 + 584 + 2 × 1000
    assert measure_column(_cells("分", "16（4×4）")).minimum == 4808


def test_an_amount_and_a_date_keep_their_spaces_and_a_row_without_either_is_left_as_it_is() -> None:
    row = ((Run("CNY 131,884"),), (Run("from "), Run("13 May 2027", bold=True)), (Run("no unit here"),))
    kept = keep_units(row)
    assert kept == ((Run("CNY\u00a0131,884"),), (Run("from "), Run("13\u00a0May\u00a02027", bold=True)), row[2])
    # "ABC" in one cell and " 1" in the next make no amount: the row is searched with a NUL between its texts
    plain = ((Run("ABC"),), (Run(" 1"),), (Run("1 May"), Run(" 2027")))
    assert keep_units(plain) is plain
