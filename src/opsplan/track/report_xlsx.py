"""The review as a workbook: the report's tables, and a native chart per charted metric.

The chart sheet holds each metric's series by month (plan, actual, forecast low and high) under its chart.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from opsplan.track.chart import charted
from opsplan.track.compare import Review
from opsplan.track.report import Tables

if TYPE_CHECKING:
    from opsplan.plan.model import Plan


def review_xlsx(plan: Plan, review: Review, tables: Tables) -> bytes:
    """Return the review workbook as XLSX bytes."""
    import xlsxwriter

    from opsplan.render.xlsx import FONT_EN, FONT_ZH, HEADER_FILL, TEXT_AS_TEXT

    target = io.BytesIO()
    book = xlsxwriter.Workbook(target, TEXT_AS_TEXT)
    start = plan.profile.plan.start
    import datetime as dt

    book.set_properties({"title": tables.title, "created": dt.datetime(start.year, start.month, start.day)})
    font = FONT_ZH if review.locale.startswith("zh") else FONT_EN
    plain = book.add_format({"font_name": font, "font_size": 10, "valign": "top", "text_wrap": True})
    header = book.add_format(
        {"font_name": font, "font_size": 10, "bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True}
    )
    bold = book.add_format({"font_name": font, "font_size": 12, "bold": True})
    w = tables.words
    ws = book.add_worksheet(w["sheet.review"])
    for col, width in enumerate([24, 12, 14, 14, 14, 10, 12, 60]):
        ws.set_column(col, col, width)
    ws.write(0, 0, tables.title, bold)
    ws.write(1, 0, tables.intro, book.add_format({"font_name": font, "italic": True}))
    row = 3

    def block(title: str, head: list[str], rows: list[list[str]], text: str = "") -> None:
        nonlocal row
        ws.write(row, 0, title, bold)
        row += 1
        if text:
            ws.write(row, 0, text, book.add_format({"font_name": font}))
            row += 1
        if rows:
            for i, label in enumerate(head):
                ws.write(row, i, label, header)
            for values in rows:
                row += 1
                for i, value in enumerate(values):
                    ws.write_string(row, i, value, plain)
        row += 2

    block(w["h.metrics"], tables.headers["metrics"], tables.metrics)
    if tables.forecasts:
        block(w["h.forecast"], tables.headers["forecasts"], tables.forecasts, tables.forecast_text)
    if tables.funnel_text:
        block(w["h.funnel"], tables.headers["funnel"], tables.funnel, tables.funnel_text)
    if tables.milestones:
        block(w["h.milestones"], tables.headers["milestones"], tables.milestones)
    if tables.budget_text or tables.channels:
        block(w["h.budget"], tables.headers["channels"], tables.channels, tables.budget_text)
    ws.freeze_panes(3, 1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    _chart_sheet(book, plan, review, font)
    book.close()
    return target.getvalue()


def _chart_sheet(book: Any, plan: Plan, review: Review, font: str) -> None:
    """Write each charted metric's series by month and a line chart of plan, actual and forecast band."""
    from opsplan.track.tracked import planned
    from opsplan.track.words import words

    metrics = charted(review)
    if not metrics:
        return
    w = words(review.locale)
    name = w["sheet.chart"]
    ws = book.add_worksheet(name)
    head = book.add_format({"font_name": font, "bold": True})
    top = 0
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    for m in metrics:
        number = book.add_format({"font_name": font, "num_format": "0.0%" if m.kind.value == "rate" else "#,##0.##"})
        end = m.forecasts[0].month if m.forecasts else max(h.months for h in plan.goals.horizons)
        actual = {round(p.month): p.actual for p in m.points}
        last = round(m.points[-1].month)
        f = m.forecasts[0] if m.forecasts else None
        ws.write_row(
            top,
            0,
            [m.label, w["chart.plan"], w["chart.actual"], w["chart.forecast"] + " −", w["chart.forecast"] + " +"],
            head,
        )
        for month in range(end + 1):
            r = top + 1 + month
            ws.write_number(r, 0, month)
            value = planned(plan, m.metric, month)
            if value is not None:
                ws.write_number(r, 1, value, number)
            if month in actual:
                ws.write_number(r, 2, actual[month], number)
            if f is not None and month >= last:
                share = (month - last) / (f.month - last) if f.month > last else 1.0
                base = m.points[-1].actual
                ws.write_number(r, 3, base + (f.low - base) * share, number)
                ws.write_number(r, 4, base + (f.high - base) * share, number)
        chart = book.add_chart({"type": "scatter", "subtype": "straight"})
        rows = (top + 1, top + 1 + end)
        styles = [
            (1, {"color": "#2F5597"}, None),
            (2, None, {"type": "circle", "size": 6, "fill": {"color": "#C00000"}}),
            (3, {"color": "#C55A11", "dash_type": "dash"}, None),
            (4, {"color": "#C55A11", "dash_type": "dash"}, None),
        ]
        for col, line, marker in styles:
            series: dict[str, Any] = {
                "name": [name, top, col],
                "categories": [name, rows[0], 0, rows[1], 0],
                "values": [name, rows[0], col, rows[1], col],
                "line": line if line else {"none": True},
            }
            if marker:
                series["marker"] = marker
            chart.add_series(series)
        chart.set_title({"name": m.label})
        chart.set_size({"width": 560, "height": 300})
        ws.insert_chart(top, 6, chart)
        top += max(end + 3, 17)
