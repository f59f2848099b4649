"""A draft workbook's numbers left to fill: which input cells hold the kind's example figures, and the Draft sheet.

Under ``--draft`` a skeleton's empty numbers (a metric's baseline or target, the budget total, a role's headcount)
compute with the kind's figures (``opsplan.gaps``). The workbook keeps them as numbers, so every formula over
them still works, and marks them: the input cell gets its own fill and a note (``Book.input_cell``), a cell that
shows one as it is (``=`` that input, ``DraftGaps.fill``) gets the fill too, the Inputs sheet has a legend, and
the Draft sheet, first in the workbook, says the plan is a draft and lists each number to fill with its value and
a link to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from opsplan.gaps import gap_mark
from opsplan.metrics import CATALOGUE
from opsplan.render.views.gaps import gaps_view

if TYPE_CHECKING:
    from opsplan.plan.model import Plan
    from opsplan.render.xlsx import Book, Ref

GAP_FILL = "#F8CBAD"  # a light orange, apart from the inputs' light yellow
WIDTHS = (56, 18, 14)  # the Draft sheet's columns: the number to fill, its value now, its cell


@dataclass
class DraftGaps:
    """A draft's numbers to fill as the workbook holds them (all empty outside a draft).

    ``refs``: the input cells (``Book.refs`` keys) that hold a stand-in figure; ``others``: the profile paths of
    gaps with no input cell; ``written``, ``values``: the gaps' input cells as written and their figures;
    ``shown``: the addresses of those cells and of every cell that shows one of them as it is.
    """

    refs: frozenset[Ref] = frozenset()
    others: list[str] = field(default_factory=list)
    written: list[Ref] = field(default_factory=list)
    values: dict[Ref, float] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, plan: Plan) -> DraftGaps:
        """Return the gaps of ``plan``'s draft, from ``views.gaps`` as the document's marks.

        A metric's baseline, its target at a horizon, the budget's total and each role's headcount have input
        cells; a number elsewhere in the profile has none and is named by its path.
        """
        view = gaps_view(plan, draft=True)
        refs: set[Ref] = {("baseline", metric) for metric, mark in view["baseline"].items() if mark}
        refs |= {("target", m, h) for h, marks in view["targets"].items() for m, mark in marks.items() if mark}
        refs |= {("budget_total",)} if view["budget_total"] else set()
        refs |= {("team_count", i) for i, mark in enumerate(view["headcount"]) if mark}
        others = [str(item["path"]) for item in view["notice"] if item["kind"] == "other"]
        return cls(frozenset(refs), others)

    def wrote(self, ref: Ref, address: str, value: float) -> None:
        """Record that the gap ``ref``'s input cell was written at ``address`` with the stand-in ``value``."""
        self.written.append(ref)
        self.values[ref] = value
        self.shown.add(address)

    def fill(self, formula: str | None, at: str | None = None) -> dict[str, Any]:
        """Return the gap fill for a cell whose ``formula`` shows a stand-in figure as it is (else no property).

        That is ``=`` a gap's input cell or a cell that shows one (``at``, the cell's own address, is then one).
        """
        if formula is None or formula[1:] not in self.shown:
            return {}
        if at is not None:
            self.shown.add(at)
        return {"bg_color": GAP_FILL}


def gap_label(book: Book, ref: Ref) -> str:
    """Name the number an input cell of ``gap_refs`` stands for: 月GMV：短期目标（6个月） / Total budget."""
    plan = book.plan
    if ref[0] == "baseline":
        return book.w("gap.baseline", metric=_metric(book, ref[1]))
    if ref[0] == "target":
        months = next(h.months for h in plan.goals.horizons if h.name == ref[2])
        return book.w("gap.target", metric=_metric(book, ref[1]), horizon=book.w(f"term.{ref[2]}"), months=months)
    if ref[0] == "budget_total":
        return book.w("gap.budget")
    return book.w("gap.headcount", role=plan.profile.team[ref[1]].role)


def _metric(book: Book, key: str) -> str:
    return CATALOGUE[key].label(book.locale) if key in CATALOGUE else key


def draft_sheet(book: Book, ws: Any) -> None:
    """Write the Draft sheet (added first, filled last): the draft's note, the legend, then each number to fill.

    Each row names the number, shows its value now (a formula on its input cell, so a number typed there
    shows here too) and links to the cell; a gap with no input cell is named by its path in the profile.
    """
    drafted = book.gaps
    gaps = drafted.written + sorted((r for r in drafted.refs if r not in drafted.written), key=str)
    listed = bool(gaps or drafted.others)
    ws.write(0, 0, book.w("draft.title" if listed else "draft.title_plain"), book.fmt("title"))
    ws.write(1, 0, book.w("draft.note"), book.fmt("note"))
    if not listed:
        return
    note = book.w("draft.gaps")
    ws.merge_range(3, 0, 3, 2, note, book.fmt("text"))
    book.fit_row(ws, 3, [(note, sum(WIDTHS))], line=16)
    gap_legend(book, ws, 4, wide=True)
    row = 6
    book.header(ws, row, [book.w("h.to_fill"), book.w("h.value_now"), book.w("h.where")])
    for ref in gaps:
        row += 1
        label = gap_label(book, ref)
        ws.write(row, 0, label, book.fmt("text"))
        book.fit_row(ws, row, [(label, WIDTHS[0])])
        address = book.refs.get(ref)
        if address is None:
            ws.write(row, 2, "—", book.fmt("label"))
            continue
        kind = _kind(ref)
        ws.write_formula(row, 1, f"={address}", book.fmt(kind, bg_color=GAP_FILL), drafted.values[ref])
        shown = address.replace("$", "").replace("'", "")
        ws.write_url(row, 2, f"internal:{address}", book.fmt("label", font_color="#1F4E79", underline=1), shown)
    for path in drafted.others:
        row += 1
        ws.write(row, 0, path, book.fmt("text"))
        ws.write(row, 2, "—", book.fmt("label"))
    book.finish(ws, row, 2, (7, 0))


def gap_legend(book: Book, ws: Any, row: int, *, wide: bool = False) -> None:
    """Write the legend of the gap fill in ``row``: a cell so filled, holding the gap mark, and what it means.

    ``wide``: the meaning wraps over the Draft sheet's other two columns (else it runs on over empty cells).
    """
    ws.write(row, 0, gap_mark(book.locale), book.fmt("label", bg_color=GAP_FILL, border=1))
    legend = book.w("draft.legend")
    if wide:
        ws.merge_range(row, 1, row, 2, legend, book.fmt("note", text_wrap=True))
        book.fit_row(ws, row, [(legend, WIDTHS[1] + WIDTHS[2])], line=16)
    else:
        ws.write(row, 1, legend, book.fmt("note"))


def _kind(ref: Ref) -> str:
    """Return the number format of the input ``ref``: its metric's kind, money for the budget, a whole number."""
    if ref[0] in ("baseline", "target"):
        metric = CATALOGUE.get(ref[1])
        return metric.kind.value if metric is not None else "number"
    return "money" if ref[0] == "budget_total" else "integer"
