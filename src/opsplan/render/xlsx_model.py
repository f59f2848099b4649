"""The computing sheets of the plan workbook: the funnel, and the budget with channels, CAC and payroll.

Each computed cell is a formula over the Inputs sheet (or the Trajectory sheet for a horizon's AOV) with
the plan's own value cached in it. In a draft, a cell showing an example figure that stands in for a number to
fill, as it is (the budget's total, a role's headcount, a horizon's GMV target), has the gap fill too.
"""

from __future__ import annotations

from typing import Any

from opsplan.plan.model import FunnelStageRow
from opsplan.render.xlsx import Book, cell
from opsplan.render.xlsx_draft import GAP_FILL


def _aov_ref(book: Book, month: int) -> str | None:
    """Return the cell holding the AOV the plan uses at ``month`` (as ``opsplan.plan.funnel.aov_at``)."""
    if ("traj", "aov", month) in book.refs:
        return book.refs[("traj", "aov", month)]
    goal = next((m for m in book.plan.goals.metrics if m.metric == "aov"), None)
    if goal is not None:
        earlier = [m for m, _ in goal.anchors if m <= month]
        if earlier and ("traj", "aov", earlier[-1]) in book.refs:
            return book.refs[("traj", "aov", earlier[-1])]
    return book.refs.get(("baseline", "aov"))


def _gmv_formula(book: Book, horizon: str, basis: str) -> str | None:
    ref = book.refs.get(("target", basis, horizon))
    if ref is None:
        return None
    return f"={ref}" if basis == "monthly_gmv" else f"={ref}/12"


def funnel_sheet(book: Book) -> None:
    """Write each horizon's funnel backwards from its GMV target, and the forward case."""
    plan = book.plan
    ws = book.sheet("sheet.funnel", [30, 12, 18], landscape=False)
    row = book.title(ws, book.w("sheet.funnel"), book.w("note.funnel"))
    for case in plan.funnel.horizons:
        horizon = next(h for h in plan.goals.horizons if h.name == case.horizon)
        ws.write(
            row, 0, book.w("h.horizon", name=book.w(f"horizon.{case.horizon}"), months=case.months), book.fmt("block")
        )
        row += 1
        gmv = _gmv_formula(book, case.horizon, case.gmv_basis)
        aov = _aov_ref(book, horizon.months)
        gmv_cell, aov_cell, orders_cell = cell(row, 2), cell(row + 1, 2), cell(row + 2, 2)
        _line(book, ws, row, "r.gmv", gmv, case.gmv, "money")
        _line(book, ws, row + 1, "r.aov", None if aov is None else f"={aov}", case.aov, "money")
        _line(book, ws, row + 2, "r.orders", f"={gmv_cell}/{aov_cell}", case.orders, "count")
        row += 4
        row = _stages(book, ws, row, case.stages, orders_cell, backwards=True)
        row += 1
    forward = plan.funnel.forward
    if forward is not None:
        ws.write(row, 0, book.w("block.forward"), book.fmt("block"))
        row += 1
        entry = book.refs.get(("entry",))
        row = _stages(book, ws, row, forward.stages, None if entry is None else f"={entry}", backwards=False)
        last_volume = cell(row - 1, 2)
        aov = _aov_ref(book, plan.profile.goals.short.months)
        _line(book, ws, row, "r.orders", f"={last_volume}", forward.orders, "count")
        _line(book, ws, row + 1, "r.aov", None if aov is None else f"={aov}", forward.aov, "money")
        _line(book, ws, row + 2, "r.gmv", f"={cell(row, 2)}*{cell(row + 1, 2)}", forward.gmv, "money")
        row += 3
    book.finish(ws, row, 2, (3, 0))


def _line(
    book: Book, ws: Any, row: int, label: str, formula: str | None, value: float, kind: str, col: int = 2
) -> None:
    """Write a labelled figure: a formula with its cached value, or the value when no formula applies."""
    ws.write(row, 0, book.w(label), book.fmt("label"))
    if formula is None:
        ws.write_number(row, col, value, book.fmt(kind))
    else:
        ws.write_formula(row, col, formula, book.fmt(kind, **book.gaps.fill(formula)), value)


def _stages(book: Book, ws: Any, row: int, stages: list[FunnelStageRow], start: str | None, *, backwards: bool) -> int:
    """Write a stage table; volumes chain up from the orders (backwards) or down from the entry."""
    book.header(ws, row, [book.w("h.stage"), book.w("h.rate"), book.w("h.volume")])
    first = row + 1
    last = row + len(stages)
    for i, stage in enumerate(stages):
        r = first + i
        ws.write(r, 0, stage.stage, book.fmt("label"))
        rate = book.refs.get(("rate", i))
        if i > 0 and rate is not None:
            ws.write_formula(r, 1, f"={rate}", book.fmt("rate"), stage.rate)
        if stage.volume is None:
            continue
        if backwards:
            formula = start if r == last else f"={cell(r + 1, 2)}/{cell(r + 1, 1)}"
        else:
            formula = start if i == 0 else f"={cell(r - 1, 2)}*{cell(r, 1)}"
        if formula is None:
            ws.write_number(r, 2, stage.volume, book.fmt("count"))
        else:
            ws.write_formula(r, 2, formula, book.fmt("count"), stage.volume)
    return last + 1


def budget_sheet(book: Book) -> None:
    """Write the budget lines (total × share), channel spend and return, CAC and the payroll."""
    plan = book.plan
    budget, team = plan.budget, plan.team
    ws = book.sheet("sheet.budget", [30, 12, 10, 16, 16, 18, 16])
    row = book.title(ws, book.w("sheet.budget"))
    total, months = book.refs[("budget_total",)], book.refs[("budget_months",)]
    row = _block(book, ws, row, "block.budget", ["h.item", "", "h.share", "h.amount", "h.monthly"])
    first = row + 1
    for i, item in enumerate(budget.items):
        row += 1
        ws.write(row, 0, item.name, book.fmt("label"))
        ws.write_formula(row, 2, f"={book.refs[('item_share', i)]}", book.fmt("share"), item.share)
        ws.write_formula(row, 3, f"={total}*{cell(row, 2)}", book.fmt("money"), item.amount)
        ws.write_formula(row, 4, f"={cell(row, 3)}/{months}", book.fmt("money"), item.monthly)
    totals = [(2, budget.share_sum, "share"), (3, budget.total, "money"), (4, budget.monthly_total, "money")]
    row = _total_row(book, ws, first, row + 1, totals, marked=3 if ("budget_total",) in book.gaps.refs else None)
    row += 2
    spend_cells: list[str] = []
    if budget.channels:
        headings = ["h.channel", "h.type", "h.share", "h.roi", "h.monthly_spend", "h.period_spend", "h.gmv_return"]
        row = _block(book, ws, row, "block.channels", headings)
        for i, channel in enumerate(budget.channels):
            row += 1
            ws.write(row, 0, channel.name, book.fmt("label"))
            ws.write(row, 1, book.w(f"channel.{channel.type.value}"), book.fmt("label"))
            ws.write_formula(row, 2, f"={book.refs[('channel_share', i)]}", book.fmt("share"), channel.share)
            if channel.roi is not None:
                ws.write_formula(row, 3, f"={book.refs[('channel_roi', i)]}", book.fmt("ratio"), channel.roi)
            if channel.monthly_spend is not None and channel.period_spend is not None:
                ws.write_formula(
                    row, 4, f"={book.refs[('channel_spend', i)]}", book.fmt("money"), channel.monthly_spend
                )
                spend_cells.append(cell(row, 4))
                ws.write_formula(row, 5, f"={cell(row, 4)}*{months}", book.fmt("money"), channel.period_spend)
                if channel.gmv_return is not None:
                    ws.write_formula(row, 6, f"={cell(row, 5)}*{cell(row, 3)}", book.fmt("money"), channel.gmv_return)
        row += 2
    cac = budget.cac
    if cac is not None:
        ref = book.refs.get(
            ("target", "new_customers", cac.source) if cac.source != "baseline" else ("baseline", "new_customers")
        )
        ws.write(row, 0, book.w("block.cac"), book.fmt("block"))
        spend = f"={'+'.join(spend_cells)}" if cac.spend_basis == "channels" and spend_cells else f"={total}/{months}"
        _line(
            book, ws, row + 1, "r.new_customers", None if ref is None else f"={ref}", cac.new_customers, "count", col=3
        )
        _line(book, ws, row + 2, "r.spend", spend, cac.monthly_spend, "money", col=3)
        if cac.value is not None:
            _line(
                book, ws, row + 3, "r.cac", f"={cell(row + 2, 3)}/{cell(row + 1, 3)}", cac.value, "money_exact", col=3
            )
        row += 5
    if team.roles:
        headings = ["h.role", "h.count", "", "h.monthly_cost", "h.monthly_payroll", "h.period_payroll"]
        row = _block(book, ws, row, "block.payroll", headings)
        first = row + 1
        for i, role in enumerate(team.roles):
            row += 1
            ws.write(row, 0, role.role, book.fmt("label"))
            count = f"={book.refs[('team_count', i)]}"
            ws.write_formula(row, 1, count, book.fmt("integer", **book.gaps.fill(count)), role.count)
            ws.write_formula(row, 3, f"={book.refs[('team_cost', i)]}", book.fmt("money"), role.monthly_cost)
            ws.write_formula(row, 4, f"={cell(row, 1)}*{cell(row, 3)}", book.fmt("money"), role.monthly_payroll)
            ws.write_formula(row, 5, f"={cell(row, 4)}*{months}", book.fmt("money"), role.period_payroll)
        totals = [(1, team.headcount, "integer"), (4, team.monthly_payroll, "money"), (5, team.period_payroll, "money")]
        gap = any(ref[0] == "team_count" for ref in book.gaps.refs)
        row = _total_row(book, ws, first, row + 1, totals, marked=1 if gap else None)
        row += 1
        _line(
            book,
            ws,
            row,
            "r.share_of_budget",
            f"={cell(row - 1, 5)}/{total}",
            team.payroll_share_of_budget,
            "share",
            col=3,
        )
    book.finish(ws, row, 6, (3, 1))


def _block(book: Book, ws: Any, row: int, block: str, headings: list[str]) -> int:
    """Write a block's title at ``row`` and its header row below (``""``: an empty cell); return the header's row."""
    ws.write(row, 0, book.w(block), book.fmt("block"))
    book.header(ws, row + 1, [book.w(key) if key else "" for key in headings])
    return row + 1


def _total_row(
    book: Book, ws: Any, first: int, row: int, columns: list[tuple[int, float, str]], marked: int | None = None
) -> int:
    """Write a total row at ``row``, ``=SUM`` of each given column from ``first`` down; return ``row``.

    The ``marked`` column's total shows a draft's stand-in figure (the budget's total, the team's headcount).
    """
    ws.write(row, 0, book.w("r.total"), book.fmt("total"))
    for col, value, kind in columns:
        formula = f"=SUM({cell(first, col)}:{cell(row - 1, col)})"
        fill = {"bg_color": GAP_FILL} if col == marked else {}
        ws.write_formula(row, col, formula, book.fmt(kind, bold=True, top=1, **fill), value)
    return row
