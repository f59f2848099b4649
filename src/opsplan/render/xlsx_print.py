"""How a wide sheet of the plan workbook prints: whole, legible, its labels and headers on every page.

Landscape when it is wider than a portrait page, as many pages wide as keep its type legible, its header rows and
label columns on every page, the page number at the foot.

Sizes are Excel's: a column ``w`` characters wide is ``7w + 5`` pixels at 100% (the workbook's default font,
Calibri 11, has 7-pixel digits); a page's printable width is A4's less XlsxWriter's margins of 0.7 inch a side,
at 96 pixels an inch. Excel, WPS and LibreOffice then choose the scale that fits the sheet to those pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

PORTRAIT_PX = round((8.27 - 2 * 0.7) * 96)  # 660
LANDSCAPE_PX = round((11.69 - 2 * 0.7) * 96)  # 988
LEGIBLE = 0.75  # the smallest scale a wide sheet is planned for: 10-point type printed at 7.5 points


def column_px(width: float) -> int:
    """Return the pixels at 100% of a column ``width`` characters wide."""
    return int(width * 7 + 5)


def text_width(text: str) -> int:
    """Return the column width ``text`` needs: a CJK character counts two, any other one, and a margin of two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) + 2


def shown_width(kind: str, value: float, zh: bool, currency: str) -> int:
    """Return the column width ``value`` needs as the workbook's number format of ``kind`` shows it.

    As ``xlsx._number_format`` writes them: 12.3% for rates; zh-CN 135.7万元 from 10,000 up, else 9,999元;
    en CNY 1,234,567 and 1,234,567; ratios and durations with two decimals at most.
    """
    if kind in ("rate", "share"):
        text = f"{value * 100:.1f}%"
    elif kind in ("count", "money"):
        unit = ("元" if currency == "CNY" else "") if kind == "money" else ""
        if zh:
            text = (f"{value / 10_000:.1f}万" if abs(value) >= 10_000 else f"{value:,.0f}") + unit
        else:
            text = (f"{currency} " if kind == "money" else "") + f"{value:,.0f}"
    else:
        text = f"{value:,.2f}"
    return text_width(text)


def pages_wide(widths: Sequence[float], repeated: int, page_px: int = LANDSCAPE_PX) -> int:
    """Return how many pages across hold ``widths`` at ``LEGIBLE``, the first ``repeated`` columns on each page."""
    room = page_px / LEGIBLE
    titles = sum(column_px(width) for width in widths[:repeated])
    pages, used = 1, titles
    for width in widths[repeated:]:
        if used + column_px(width) > room and used > titles:
            pages, used = pages + 1, titles
        used += column_px(width)
    return pages


def print_wide(ws: Any, widths: Sequence[float], repeated: int, footer: str) -> int:
    """Lay ``ws`` (columns of ``widths``) out on A4; return how many pages wide it prints.

    Portrait when it fits a portrait page at 100%, else landscape, so many pages wide that each shows its type at
    ``LEGIBLE`` or larger; the first ``repeated`` columns print on every page (the header rows are repeated by
    ``Book.finish``), and ``footer`` (the page number) at the foot of each.
    """
    ws.set_paper(9)
    if sum(column_px(width) for width in widths) <= PORTRAIT_PX:
        ws.set_portrait()
        pages = 1
    else:
        ws.set_landscape()
        pages = pages_wide(widths, repeated)
    ws.fit_to_pages(pages, 0)
    ws.repeat_columns(0, repeated - 1)
    ws.set_footer(footer)
    return pages
