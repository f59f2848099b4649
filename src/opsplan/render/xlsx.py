"""``-f xlsx``: the plan as a working Excel model, built from the computed plan with XlsxWriter.

The Inputs sheet holds what the profile gives (baseline, targets, funnel rates, channel spend and ROI,
budget shares, team); the Trajectory, Funnel and Budget sheets compute from it with the formulas a planner
would write (trajectories from the monthly growth rate, orders = GMV / AOV, volumes back through the
funnel, amount = total × share), so changing an input in Excel, WPS or LibreOffice recomputes the plan.
Every formula cell carries the value the plan computed, so a viewer that does not recalculate still shows
numbers. Risks, timeline (a Gantt drawn by cell fills), milestones and KPIs are listed; the Actuals sheet
is laid out for the team and read back by ``opsplan track``. A draft marks its example figures standing in for
numbers to fill, and lists them on its first sheet (``xlsx_draft``).

XlsxWriter, not openpyxl, writes the file: it stores a cached value with each formula (openpyxl cannot),
and writes number formats, conditional formats, frozen panes and print setup fast and deterministically.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from opsplan.metrics import CATALOGUE
from opsplan.render.xlsx_draft import GAP_FILL, WIDTHS, DraftGaps, draft_sheet, gap_legend
from opsplan.render.xlsx_text import words

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

FONT_ZH = "Microsoft YaHei"
FONT_EN = "Calibri"
INPUT_FILL = "#FFF2CC"
HEADER_FILL = "#DDEBF7"
# Workbook options: a text from the profile is written as text, never read as a formula (=HYPERLINK(…)) or a link;
# formulas are written with write_formula only
TEXT_AS_TEXT = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
Ref = tuple[Any, ...]


def cell(row: int, col: int, sheet: str | None = None) -> str:
    """Return an absolute A1 reference (``$B$3``), sheet-qualified when ``sheet`` is given."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    ref = str(xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True))
    return f"'{sheet}'!{ref}" if sheet else ref


class Book:
    """A workbook being written: its formats, its words, the addresses of the input cells and a draft's gaps."""

    def __init__(self, plan: Plan, target: io.BytesIO, *, draft: bool = False) -> None:
        import xlsxwriter

        self.plan = plan
        self.gaps = DraftGaps.of(plan) if draft else DraftGaps()
        self.locale = plan.locale
        self.words = words(plan.locale)
        self.workbook = xlsxwriter.Workbook(target, {**TEXT_AS_TEXT, "default_date_format": "yyyy-mm-dd"})
        self.refs: dict[Ref, str] = {}
        self.font = FONT_ZH if plan.locale.startswith("zh") else FONT_EN
        self.formats: dict[str, Any] = {}
        start = plan.profile.plan.start
        self.workbook.set_properties(
            {
                "title": plan.profile.plan.title,
                "author": plan.profile.plan.author or "opsplan",
                "created": dt.datetime(start.year, start.month, start.day),
            }
        )

    def w(self, key: str, **values: Any) -> str:
        """Return the word ``key`` in the workbook's locale, with ``values`` filled in."""
        text = self.words[key]
        return text.format(**values) if values else text

    def fmt(self, name: str, **extra: Any) -> Any:
        """Return the cell format ``name`` (plus ``extra`` properties), created once per workbook."""
        key = name + repr(sorted(extra.items()))
        if key not in self.formats:
            props: dict[str, Any] = {"font_name": self.font, "font_size": 10, "valign": "top"}
            props.update(_FORMATS.get(name, {}))
            number = _number_format(name, self.locale, self.plan.currency)
            if number:
                props["num_format"] = number
            props.update(extra)
            self.formats[key] = self.workbook.add_format(props)
        return self.formats[key]

    def sheet(self, key: str, widths: Sequence[float], landscape: bool = True, fit: bool = True) -> Any:
        """Add the sheet named by word ``key`` with the given column widths, A4, fit to width when ``fit``."""
        ws = self.workbook.add_worksheet(self.w(key))
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        ws.set_paper(9)
        if landscape:
            ws.set_landscape()
        if fit:
            ws.fit_to_pages(1, 0)
        return ws

    def title(self, ws: Any, text: str, note: str = "") -> int:
        """Write a sheet's title and note in rows 0–1; return the first free row."""
        ws.write(0, 0, text, self.fmt("title"))
        if note:
            ws.write(1, 0, note, self.fmt("note"))
        return 3

    def header(self, ws: Any, row: int, labels: Sequence[str], col: int = 0) -> None:
        """Write a header row."""
        for i, label in enumerate(labels):
            ws.write(row, col + i, label, self.fmt("header"))

    def metric_format(self, key: str, **extra: Any) -> Any:
        """Return the number format for catalogued metric ``key`` (plus ``extra`` properties)."""
        return self.fmt(CATALOGUE[key].kind.value if key in CATALOGUE else "number", **extra)

    def input_cell(self, ws: Any, at: tuple[int, int], value: float, kind: str, ref: Ref, sheet: str) -> None:
        """Write an input's number at ``at`` (row, column), shaded as an input, and record its address as ``ref``.

        A draft's stand-in for a number to fill gets the gap fill and a note saying so instead.
        """
        row, col = at
        gap = ref in self.gaps.refs
        ws.write_number(row, col, value, self.fmt(kind, bg_color=GAP_FILL if gap else INPUT_FILL))
        self.refs[ref] = cell(row, col, sheet)
        if gap:
            ws.write_comment(row, col, self.w("comment.gap"), {"author": "opsplan", "x_scale": 2, "y_scale": 1.5})
            self.gaps.wrote(ref, self.refs[ref], value)

    def fit_row(self, ws: Any, row: int, cells: Sequence[tuple[str, float]], line: float = 13.5) -> None:
        """Make ``row`` tall enough for its wrapped ``(text, column width)`` cells.

        LibreOffice does not grow a row for wrapped text on opening, so the height is set here: a CJK
        character takes two width units, any other one, and each line ``line`` points (13.5 at 10-point type;
        a paragraph of several lines of Chinese needs about 16).
        """
        lines = 1
        for text, width in cells:
            units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
            lines = max(lines, -(-units // max(int(width) - 1, 1)))
        if lines > 1:
            ws.set_row(row, line * lines)

    def finish(self, ws: Any, last_row: int, last_col: int, freeze: tuple[int, int]) -> None:
        """Freeze the headers, set the print area and repeat the header rows on each printed page."""
        ws.freeze_panes(*freeze)
        ws.print_area(0, 0, max(last_row, 0), max(last_col, 0))
        if freeze[0] > 0:
            ws.repeat_rows(0, freeze[0] - 1)


_FORMATS: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 14},
    "note": {"italic": True, "font_color": "#595959"},
    "header": {"bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True, "valign": "vcenter"},
    "block": {"bold": True, "font_size": 11},
    "text": {"text_wrap": True},
    "label": {},
    "total": {"bold": True, "top": 1},
}


def _number_format(name: str, locale: str, currency: str) -> str:
    r"""Return the Excel number format of a kind of value in ``locale``.

    zh-CN shows counts and money of 10,000 or more in 万 (``0\.0,"万"`` divides by 1,000 and writes a
    literal point before the last digit: 1,234,567 → 123.5万; Excel, WPS and LibreOffice all read the
    backslash escape, LibreOffice not the ``!`` one); en shows full figures with grouping.
    """
    zh = locale.startswith("zh")
    wan = '[>=10000]0\\.0,"万{u}";[<=-10000]-0\\.0,"万{u}";#,##0"{u}"'
    formats = {
        "count": wan.format(u="") if zh else "#,##0",
        "money": wan.format(u="元" if currency == "CNY" else "") if zh else f'"{currency} "#,##0',
        "money_exact": '#,##0.00"元"' if zh and currency == "CNY" else f'"{currency} "#,##0.00',
        "rate": "0.0%",
        "share": "0.0%",
        "ratio": "0.00",
        "duration": "0.0",
        "number": "#,##0.##",
        "integer": "0",
        "date": "yyyy-mm-dd",
    }
    return formats.get(name, "")


def build_xlsx(plan: Plan, *, draft: bool = False) -> bytes:
    """Return the plan's workbook as XLSX bytes; a ``draft`` has its Draft sheet first and its gaps marked."""
    from opsplan.render.xlsx_lists import actuals_sheet, kpi_sheet, milestone_sheet, risk_sheet, timeline_sheet
    from opsplan.render.xlsx_model import budget_sheet, funnel_sheet
    from opsplan.render.xlsx_trajectory import trajectory_sheet

    target = io.BytesIO()
    book = Book(plan, target, draft=draft)
    notice = book.sheet("sheet.draft", WIDTHS, landscape=False) if draft else None  # the first sheet
    inputs_sheet(book)
    trajectory_sheet(book)
    funnel_sheet(book)
    budget_sheet(book)
    risk_sheet(book)
    timeline_sheet(book)
    milestone_sheet(book)
    kpi_sheet(book)
    actuals_sheet(book)
    if notice is not None:
        draft_sheet(book, notice)
    book.workbook.close()
    return target.getvalue()


def input_metrics(plan: Plan) -> list[str]:
    """Return the metrics of the Inputs sheet: every goal metric, then the other baseline metrics."""
    keys = [m.metric for m in plan.goals.metrics]
    keys += [k for k in plan.profile.baseline if k not in keys and k in CATALOGUE]
    return keys


def inputs_sheet(book: Book) -> None:
    """Write the Inputs sheet and record the address of every input cell in ``book.refs``."""
    plan, profile = book.plan, book.plan.profile
    name = book.w("sheet.inputs")
    ws = book.sheet("sheet.inputs", [22, 26, 10, 14, 16, 16, 16])
    row = book.title(ws, profile.plan.title, book.w("note.inputs"))
    if book.gaps.refs:
        gap_legend(book, ws, 2)  # in the row the title leaves free
    horizons = plan.goals.horizons
    ws.write(row, 0, book.w("block.goals"), book.fmt("block"))
    row += 1
    header_row = row
    book.header(
        ws,
        row,
        [book.w("h.key"), book.w("h.metric"), book.w("h.kind"), book.w("h.baseline")]
        + [book.w("h.horizon", name=book.w(f"horizon.{h.name}"), months=h.months) for h in horizons],
    )
    targets = {m.metric: m.targets for m in plan.goals.metrics}
    for key in input_metrics(plan):
        row += 1
        metric = CATALOGUE[key]
        ws.write(row, 0, key, book.fmt("label"))
        ws.write(row, 1, metric.label(book.locale), book.fmt("label"))
        ws.write(row, 2, book.w(f"kind.{metric.kind.value}"), book.fmt("label"))
        _input(book, ws, row, 3, profile.baseline.get(key), key, ("baseline", key), name)
        for i, h in enumerate(horizons):
            _input(book, ws, row, 4 + i, targets.get(key, {}).get(h.name), key, ("target", key, h.name), name)
    row += 2
    if profile.traffic.funnel:
        ws.write(row, 0, book.w("block.funnel"), book.fmt("block"))
        row += 1
        book.header(ws, row, [book.w("h.stage"), "", "", book.w("h.rate")])
        for i, stage in enumerate(profile.traffic.funnel):
            row += 1
            ws.write(row, 0, stage.stage, book.fmt("label"))
            if i > 0:
                book.input_cell(ws, (row, 3), stage.rate, "rate", ("rate", i), name)
        if profile.traffic.monthly_entry_volume is not None:
            row += 1
            ws.write(row, 0, book.w("r.entry"), book.fmt("label"))
            book.input_cell(ws, (row, 3), profile.traffic.monthly_entry_volume, "count", ("entry",), name)
        row += 2
    if profile.traffic.channels:
        ws.write(row, 0, book.w("block.channels"), book.fmt("block"))
        row += 1
        book.header(
            ws,
            row,
            [book.w("h.channel"), "", book.w("h.type"), book.w("h.share"), book.w("h.roi"), book.w("h.monthly_spend")],
        )
        for i, channel in enumerate(profile.traffic.channels):
            row += 1
            ws.write(row, 0, channel.name, book.fmt("label"))
            ws.write(row, 2, book.w(f"channel.{channel.type.value}"), book.fmt("label"))
            book.input_cell(ws, (row, 3), channel.share, "share", ("channel_share", i), name)
            if channel.roi is not None:
                book.input_cell(ws, (row, 4), channel.roi, "ratio", ("channel_roi", i), name)
            if channel.monthly_spend is not None:
                book.input_cell(ws, (row, 5), channel.monthly_spend, "money", ("channel_spend", i), name)
        row += 2
    ws.write(row, 0, book.w("block.budget"), book.fmt("block"))
    for label, key, value, kind in (
        ("r.total", "budget_total", profile.budget.total, "money"),
        ("r.months", "budget_months", profile.budget.months, "integer"),
    ):
        row += 1
        ws.write(row, 0, book.w(label), book.fmt("label"))
        book.input_cell(ws, (row, 3), value, kind, (key,), name)
    row += 1
    book.header(ws, row, [book.w("h.item"), "", "", book.w("h.share")])
    for i, item in enumerate(profile.budget.items):
        row += 1
        ws.write(row, 0, item.name, book.fmt("label"))
        book.input_cell(ws, (row, 3), item.share, "share", ("item_share", i), name)
    if profile.team:
        row += 2
        ws.write(row, 0, book.w("block.team"), book.fmt("block"))
        row += 1
        book.header(ws, row, [book.w("h.role"), "", "", book.w("h.count"), book.w("h.monthly_cost")])
        for i, role in enumerate(profile.team):
            row += 1
            ws.write(row, 0, role.role, book.fmt("label"))
            book.input_cell(ws, (row, 3), role.count, "integer", ("team_count", i), name)
            book.input_cell(ws, (row, 4), role.monthly_cost, "money", ("team_cost", i), name)
    book.finish(ws, row, 3 + len(horizons), (header_row + 1, 2))


def _input(book: Book, ws: Any, row: int, col: int, value: float | None, key: str, ref: Ref, sheet: str) -> None:
    """Write a metric's input cell (empty but shaded when ``value`` is None) and record its address."""
    if value is None:
        ws.write_blank(row, col, None, book.metric_format(key, bg_color=INPUT_FILL))
        return
    book.input_cell(
        ws, (row, col), float(value), CATALOGUE[key].kind.value if key in CATALOGUE else "number", ref, sheet
    )
