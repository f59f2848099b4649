"""The listing sheets of the plan workbook: risks, timeline with Gantt, milestones, KPIs, and the actuals sheet.

The actuals sheet is the team's: one row per tracked metric (then spend, the funnel stages and the
milestones' done dates), one column per plan month headed ``YYYY-MM``. ``opsplan track`` reads it back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.render.palette import CRITICAL_LINE, LEVEL_TINT, MILESTONE, css, phase_colour
from opsplan.render.xlsx import INPUT_FILL, Book, cell
from opsplan.render.xlsx_text import SPEND_KEY
from opsplan.track.tracked import kpi_rows, period_label, plan_months, tracked_metrics

if TYPE_CHECKING:
    pass

LEVEL_FILLS = {level: css(colour) for level, colour in LEVEL_TINT.items()}


def risk_sheet(book: Book) -> None:
    """Write the risk register: score = likelihood × impact and the level as formulas, rows coloured by level."""
    rows = book.plan.risks.rows
    ws = book.sheet("sheet.risks", [8, 14, 40, 10, 10, 8, 8, 14, 40, 40, 12])
    row = book.title(ws, book.w("sheet.risks"))
    book.header(
        ws,
        row,
        [
            book.w(f"h.{k}")
            for k in (
                "id",
                "category",
                "title",
                "likelihood",
                "impact",
                "score",
                "level",
                "owner",
                "mitigation",
                "response",
                "response_hours",
            )
        ],
    )
    first = row + 1
    high, medium, low = (book.w(f"level.{x}") for x in ("high", "medium", "low"))
    for risk in rows:
        row += 1
        ws.write(row, 0, risk.id, book.fmt("label"))
        ws.write(row, 1, book.w(f"category.{risk.category.value}"), book.fmt("label"))
        ws.write(row, 2, risk.title, book.fmt("text"))
        ws.write_number(row, 3, risk.likelihood, book.fmt("integer", bg_color=INPUT_FILL))
        ws.write_number(row, 4, risk.impact, book.fmt("integer", bg_color=INPUT_FILL))
        ws.write_formula(row, 5, f"={cell(row, 3)}*{cell(row, 4)}", book.fmt("integer"), risk.score)
        score = cell(row, 5)
        ws.write_formula(
            row,
            6,
            f'=IF({score}>=15,"{high}",IF({score}>=8,"{medium}","{low}"))',
            book.fmt("label"),
            book.w(f"level.{risk.level}"),
        )
        for col, text in ((7, risk.owner), (8, risk.mitigation), (9, risk.response)):
            ws.write(row, col, text, book.fmt("text"))
        book.fit_row(ws, row, [(risk.title, 40), (risk.owner, 14), (risk.mitigation, 40), (risk.response, 40)])
        if risk.response_hours is not None:
            ws.write_number(row, 10, risk.response_hours, book.fmt("number"))
    if rows:
        for level, rule in (("high", ">=15"), ("medium", ">=8"), ("low", ">=0")):
            ws.conditional_format(
                first,
                0,
                row,
                10,
                {
                    "type": "formula",
                    "criteria": f"=${_col(5)}{first + 1}{rule}",
                    "format": book.workbook.add_format({"bg_color": LEVEL_FILLS[level]}),
                    "stop_if_true": True,
                },
            )
    book.finish(ws, row, 10, (first, 3))


def _col(index: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(index))


def timeline_sheet(book: Book) -> None:
    """Write the scheduled tasks with a Gantt drawn by cell fills (critical tasks in red) and milestone marks."""
    plan = book.plan
    columns = plan.gantt.columns
    fixed = 9
    ws = book.sheet(
        "sheet.timeline", [14, 10, 28, 14, 7, 11, 11, 8, 7] + [4 if plan.gantt.unit == "week" else 8] * len(columns)
    )
    row = book.title(ws, book.w("sheet.timeline"))
    book.header(
        ws,
        row,
        [book.w(f"h.{k}") for k in ("task", "phase", "name", "owner", "weeks", "start", "finish", "float", "critical")]
        + [c.label for c in columns],
    )
    first = row + 1
    rows = {r.task: r for r in plan.gantt.rows}
    for task in plan.timeline.tasks:
        row += 1
        ws.write(row, 0, task.id, book.fmt("label"))
        ws.write(row, 1, task.phase, book.fmt("label"))
        ws.write(row, 2, task.name, book.fmt("label"))
        ws.write(row, 3, task.owner, book.fmt("label"))
        ws.write_number(row, 4, task.weeks, book.fmt("number"))
        ws.write_datetime(row, 5, _dt(task.start), book.fmt("date"))
        ws.write_datetime(row, 6, _dt(task.finish), book.fmt("date"))
        ws.write_number(row, 7, task.float_days, book.fmt("integer"))
        ws.write(row, 8, book.w("r.yes") if task.critical else "", book.fmt("label"))
        gantt = rows.get(task.id)
        colour = css(phase_colour(gantt.phase_index if gantt else 0))
        outline = {"border": 5, "border_color": css(CRITICAL_LINE)} if task.critical else {}
        fill = book.fmt("label", bg_color=colour, **outline)
        for index in gantt.active if gantt else []:
            ws.write_blank(row, fixed + index, None, fill)
    for mark in plan.gantt.milestones:
        row += 1
        ws.write(row, 0, mark.id, book.fmt("label", bold=True))
        ws.write(row, 2, mark.name, book.fmt("label", bold=True))
        ws.write_datetime(row, 6, _dt(mark.end), book.fmt("date"))
        for index in mark.columns:
            ws.write(row, fixed + index, "◆", book.fmt("label", align="center", font_color=css(MILESTONE)))
    book.finish(ws, row, fixed + len(columns) - 1, (first, 3))


def _dt(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def milestone_sheet(book: Book) -> None:
    """Write the milestones with their dates, acceptance criteria and the KPIs they gate."""
    ws = book.sheet("sheet.milestones", [8, 28, 12, 50, 30], landscape=False)
    row = book.title(ws, book.w("sheet.milestones"))
    book.header(ws, row, [book.w(f"h.{k}") for k in ("id", "name", "date", "criteria", "kpis")])
    first = row + 1
    for m in book.plan.timeline.milestones:
        row += 1
        ws.write(row, 0, m.id, book.fmt("label"))
        ws.write(row, 1, m.name, book.fmt("text"))
        if m.date is not None:
            ws.write_datetime(row, 2, _dt(m.date), book.fmt("date"))
        ws.write(row, 3, m.criteria, book.fmt("text"))
        book.fit_row(ws, row, [(m.name, 28), (m.criteria, 50)])
        ws.write(
            row,
            4,
            "、".join(CATALOGUE[k].label(book.locale) if k in CATALOGUE else k for k in m.kpis)
            if book.locale.startswith("zh")
            else ", ".join(CATALOGUE[k].label(book.locale) if k in CATALOGUE else k for k in m.kpis),
            book.fmt("text"),
        )
    book.finish(ws, row, 4, (first, 1))


def kpi_sheet(book: Book) -> None:
    """Write the KPI dashboard: metric, target, cadence, owner."""
    ws = book.sheet("sheet.kpis", [22, 26, 14, 10, 24], landscape=False)
    row = book.title(ws, book.w("sheet.kpis"))
    book.header(ws, row, [book.w(f"h.{k}") for k in ("key", "metric", "target", "cadence", "owner")])
    first = row + 1
    for metric, target, cadence, owner in kpi_rows(book.plan):
        row += 1
        ws.write(row, 0, metric, book.fmt("label"))
        ws.write(row, 1, CATALOGUE[metric].label(book.locale), book.fmt("label"))
        ws.write_number(row, 2, target, book.metric_format(metric))
        ws.write(row, 3, cadence, book.fmt("label"))
        ws.write(row, 4, owner, book.fmt("label"))
    book.finish(ws, row, 4, (first, 1))


def unit_word(book: Book, key: str) -> str:
    """Return the unit a team types a metric's actuals in: % for rates, the currency for money."""
    kind = CATALOGUE[key].kind
    if kind is MetricKind.RATE:
        return book.w("unit.rate")
    if kind is MetricKind.MONEY:
        return book.w("unit.money", currency=book.plan.currency)
    if kind is MetricKind.DURATION:
        return CATALOGUE[key].unit
    return ""


def actuals_sheet(book: Book) -> None:
    """Write the empty actuals sheet: metrics, spend and funnel stages by month, then milestones' done dates."""
    plan = book.plan
    months = plan_months(plan)
    ws = book.sheet("sheet.actuals", [22, 26, 8] + [11] * months, fit=False)
    row = book.title(ws, book.w("sheet.actuals"), book.w("note.actuals"))
    book.header(
        ws,
        row,
        [book.w("h.key"), book.w("h.metric"), book.w("h.unit")] + [period_label(plan, m) for m in range(1, months + 1)],
    )
    first = row + 1

    def line(key: str, label: str, unit: str, kind: str) -> None:
        nonlocal row
        row += 1
        ws.write(row, 0, key, book.fmt("label"))
        ws.write(row, 1, label, book.fmt("label"))
        ws.write(row, 2, unit, book.fmt("label"))
        for col in range(3, 3 + months):
            ws.write_blank(row, col, None, book.fmt(kind, bg_color=INPUT_FILL))

    for key in tracked_metrics(plan):
        line(key, CATALOGUE[key].label(book.locale), unit_word(book, key), CATALOGUE[key].kind.value)
    line(SPEND_KEY, book.w("r.spend_actual"), book.w("unit.money", currency=plan.currency), "money")
    for i, stage in enumerate(plan.profile.traffic.funnel):
        line(stage.stage, book.w("h.stage"), "" if i == 0 else book.w("unit.rate"), "count" if i == 0 else "rate")
    for channel in plan.budget.channels:
        if channel.monthly_spend is not None:
            line(channel.name, book.w("r.channel_spend"), book.w("unit.money", currency=plan.currency), "money")
    if plan.timeline.milestones:
        row += 2
        book.header(ws, row, [book.w("h.milestone"), book.w("h.name"), book.w("h.planned"), book.w("h.done")])
        for m in plan.timeline.milestones:
            row += 1
            ws.write(row, 0, m.id, book.fmt("label"))
            ws.write(row, 1, m.name, book.fmt("label"))
            if m.date is not None:
                ws.write_datetime(row, 2, _dt(m.date), book.fmt("date"))
            ws.write_blank(row, 3, None, book.fmt("date", bg_color=INPUT_FILL))
    book.finish(ws, row, 2 + months, (first, 3))
