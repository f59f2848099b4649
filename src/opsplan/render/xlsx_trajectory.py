"""The Trajectory sheet of the plan workbook: each goal metric's planned value by month, printed whole.

The values are formulas over the Inputs sheet; the sheet is laid out to print whole and legible (``xlsx_print``).

Its columns are as wide as what they show (the keys, the labels, the widest value in the plan's number format);
printed, the key and label columns and the header rows repeat on every page, so many pages wide that the type
stays legible (a 24-month plan: three or four landscape pages rather than seven).
"""

from __future__ import annotations

import datetime as dt

from opsplan.metrics import CATALOGUE
from opsplan.plan.dates import add_months
from opsplan.render.xlsx import Book, cell
from opsplan.render.xlsx_print import print_wide, shown_width, text_width

CMGR_WIDTH = 12
MONTH_WIDTH = 11  # at least: a date (2027-03-01) under each month's header
FOOTER = "&C&P / &N"  # the page number and the number of pages, in the middle of the foot


def anchor_ref(book: Book, metric: str, month: int) -> str | None:
    """Return the input cell of ``metric``'s anchor at ``month`` (the baseline at 0, else a target)."""
    if month == 0:
        return book.refs.get(("baseline", metric))
    for h in book.plan.goals.horizons:
        if h.months == month:
            return book.refs.get(("target", metric, h.name))
    return None


def trajectory_formula(book: Book, metric: str, month: int) -> str | None:
    """Return the formula of ``metric``'s planned value at ``month``, over its anchor cells."""
    goal = next(m for m in book.plan.goals.metrics if m.metric == metric)
    for seg in goal.segments:
        if not seg.from_month <= month <= seg.to_month:
            continue
        start = anchor_ref(book, metric, seg.from_month) or repr(seg.from_value)
        end = anchor_ref(book, metric, seg.to_month) or repr(seg.to_value)
        if month == seg.from_month:
            return f"={start}"
        if month == seg.to_month:
            return f"={end}"
        span = seg.to_month - seg.from_month
        step = f"({month}-{seg.from_month})/{span}"
        if seg.method == "compound":
            return f"={start}*({end}/{start})^({step})"
        return f"={start}+({end}-{start})*{step}"
    return None


def trajectory_widths(book: Book, months: int) -> list[int]:
    """Return the widths of the Trajectory sheet's columns: key, label, growth, then ``months + 1`` months."""
    plan = book.plan
    keys = [goal.metric for goal in plan.goals.metrics]
    key_width = max(text_width(text) for text in [book.w("h.key"), *keys])
    labels = [book.w("h.metric"), *(CATALOGUE[key].label(book.locale) for key in keys)]
    zh = book.locale.startswith("zh")
    shown = [shown_width(CATALOGUE[t.metric].kind.value, t.value, zh, plan.currency) for t in plan.goals.trajectory]
    month_width = max([MONTH_WIDTH, *shown])
    return [key_width, max(text_width(label) for label in labels), CMGR_WIDTH] + [month_width] * (months + 1)


def trajectory_sheet(book: Book) -> None:
    """Write each goal metric's planned value by month, as formulas over the Inputs sheet."""
    plan = book.plan
    name = book.w("sheet.trajectory")
    last = max(h.months for h in plan.goals.horizons)
    widths = trajectory_widths(book, last)
    ws = book.sheet("sheet.trajectory", widths, fit=False)
    row = book.title(ws, book.w("sheet.trajectory"), book.w("note.trajectory"))
    headings = [book.w("h.key"), book.w("h.metric"), book.w("h.cmgr")]
    headings += [book.w("h.month", month=m) for m in range(last + 1)]
    book.header(ws, row, headings)
    book.fit_row(ws, row, list(zip(headings, widths, strict=True)))  # 月增长率 / Monthly growth on two lines
    start = plan.profile.plan.start
    for m in range(last + 1):
        ws.write_datetime(row + 1, 3 + m, _datetime(add_months(start, m)), book.fmt("date", italic=True))
    row += 1
    values = {(t.metric, t.month): t.value for t in plan.goals.trajectory}
    for goal in plan.goals.metrics:
        row += 1
        key = goal.metric
        ws.write(row, 0, key, book.fmt("label"))
        ws.write(row, 1, CATALOGUE[key].label(book.locale), book.fmt("label"))
        for m in range(last + 1):
            formula = trajectory_formula(book, key, m)
            if formula is not None and (key, m) in values:
                book.refs[("traj", key, m)] = at = cell(row, 3 + m, name)
                ws.write_formula(
                    row, 3 + m, formula, book.metric_format(key, **book.gaps.fill(formula, at)), values[(key, m)]
                )
        if goal.cmgr is not None:
            positive = [(m, v) for m, v in goal.anchors if v > 0]
            (m0, _), (m1, _) = positive[0], positive[-1]
            first, final = book.refs.get(("traj", key, m0)), book.refs.get(("traj", key, m1))
            if first and final:
                ws.write_formula(row, 2, f"=({final}/{first})^(1/{m1 - m0})-1", book.fmt("rate"), goal.cmgr)
    book.finish(ws, row, 3 + last, (5, 3))
    print_wide(ws, widths, 2, FOOTER)


def _datetime(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)
