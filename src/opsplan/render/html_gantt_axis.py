"""The time axis of the HTML Gantt chart, and which of its labels each zoom (and the printed page) shows whole.

A chart's positions are days times ``--day``; each zoom (week, month, quarter, year) sets ``--day`` and the rows
of labels it shows. A label is never cut: where its period is too narrow at a zoom (a plan starting in the last
month of a quarter has a one-month first quarter), the label gives way to its short form (``Q1`` for ``2027年Q1``),
or shows no text (its tooltip still names it). Which zoom needs which is worked out here from the text's width,
so the page needs no script for it and prints the same. Printed, a chart takes the width of the page, whatever
the paper, and is labelled as the finest zoom whose labels fit the narrower of A4 and Letter (``print_day``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from opsplan.render.figures_markdown import MONTHS_EN
from opsplan.render.fontmetrics import screen_text_width

ZOOM_DAY = {"week": 6.0, "month": 2.2, "quarter": 0.9, "year": 0.3}  # px a day at each zoom
ZOOMS = tuple(ZOOM_DAY)
LABEL_PX = 300  # the task-name column on screen
PRINT_LABEL_PX = 170  # and on paper
PRINT_ROOM_PX = 28  # room right of a printed chart for a milestone's id past its last day
# Printed, a chart takes the page's width (any paper); its labels are chosen for the narrower of A4 (210 mm)
# and US Letter (8.5 in, 215.9 mm): A4 less 12 mm margins each side is 186 mm, 703 px at 96 px an inch, and the
# track gets what the name column and the room for a milestone's id leave
PAGE_MARGIN_MM = 12
PAGE_WIDTH_MM = {"A4": 210.0, "Letter": 215.9}
PRINT_TRACK_PX = (min(PAGE_WIDTH_MM.values()) - 2 * PAGE_MARGIN_MM) / 25.4 * 96 - PRINT_LABEL_PX - PRINT_ROOM_PX
_AXIS_PX = 11.5  # type size of the axis's top row, its second row's 10.5, milestone ids 10
_SMALL_PX = 10.5
_MILESTONE_PX = 10.0
_PAD_PX = 3  # a label's left padding (2 px) and a pixel of air on its right
_DIAMOND_PX = 7  # a milestone's diamond reaches this far either side of its day; its id starts there

# For each zoom: the kinds of label shown, each with its row (0 top, bold; 1 below) and its preferred form:
# long ("2027年Q1"), short ("Q1"), open (long for the month that opens the chart or a year, short for the others)
# or tick (a line without text).
LAYOUT: dict[str, dict[str, tuple[int, str]]] = {
    "week": {"month": (0, "long"), "week": (1, "long")},
    "month": {"month": (0, "open"), "week": (1, "tick")},
    "quarter": {"quarter": (0, "long"), "month": (1, "short")},
    "year": {"year": (0, "long"), "quarter": (1, "short")},
}

_TEXT = {
    "zh": {
        "month": "{year}年{month}月",
        "month_short": "{month}月",
        "month_tiny": "{month}",
        "quarter": "{year}年Q{quarter}",
        "year": "{year}年",
    },
    "en": {
        "month": "{mon} {year}",
        "month_short": "{mon}",
        "month_tiny": "{mon[0]}",
        "quarter": "Q{quarter} {year}",
        "year": "{year}",
    },
}


def print_day(span: int) -> float:
    """Return the px a day of a chart of ``span`` days printed on the narrower of A4 and Letter."""
    return PRINT_TRACK_PX / max(span, 1)


@dataclass(frozen=True)
class _Label:
    """One label of the axis: a year, quarter, month or week from ``start``, ``days`` long."""

    kind: str
    first: dt.date
    start: int  # days from the chart's origin
    days: int
    long: str
    short: str = ""
    tiny: str = ""  # the month's number (zh) or initial (en) where even the short name is too wide
    opens: bool = False  # the month that opens the chart or a year: it keeps its year at month zoom
    whole: bool = True  # False for a period the chart's start or end cuts short


def _px(text: str, size: float, *, bold: bool) -> float:
    return screen_text_width(text, bold) / 1000 * size + _PAD_PX


_FORMS = ("long", "short", "tiny")


def _form(label: _Label, zoom: str, day: float, first: str) -> str:
    """Return the form of ``label`` shown at ``zoom`` drawn at ``day`` px a day.

    That is ``first`` if it fits, else the first shorter one that fits ("" for none).
    """
    row = LAYOUT[zoom][label.kind][0]
    size = _AXIS_PX if row == 0 else _SMALL_PX
    texts = {"long": label.long, "short": label.short, "tiny": label.tiny}
    for name in _FORMS[_FORMS.index(first) :]:
        if texts[name] and _px(texts[name], size, bold=row == 0) <= label.days * day:
            return name
    return ""


def _forms(labels: list[_Label], zoom: str, day: float) -> list[str]:
    """Return the form each of ``labels`` takes at ``zoom`` drawn at ``day`` px a day ("" for none).

    That is the zoom's own form, or the longest that every whole period of the row has room for (a row reads
    alike: Jan, Feb, Mar, not January, F, Mar), and shorter still for a period the chart's ends cut short.
    """
    rows: dict[tuple[str, bool], str] = {}  # (kind, opening month) → the form its whole periods allow
    groups: list[tuple[str, bool] | None] = []
    for label in labels:
        row_form = LAYOUT[zoom].get(label.kind, (0, "tick"))[1]
        group = None if row_form == "tick" else (label.kind, label.opens and row_form == "open")
        groups.append(group)
        if group is None:
            continue
        if group not in rows:
            rows[group] = "long" if row_form == "long" or group[1] else "short"
        if label.whole:
            rows[group] = max(rows[group], _form(label, zoom, day, rows[group]) or "tiny", key=_FORMS.index)
    return ["" if g is None else _form(label, zoom, day, rows[g]) for label, g in zip(labels, groups, strict=True)]


def print_zoom(labels: list[_Label], pday: float) -> str:
    """Return the zoom whose labels are printed at ``pday`` px a day: the finest whose top row fits whole.

    At that zoom each whole period of the top row has room for its full label (a year is named, not just Q2)
    and those of the second row for some label.
    """
    for zoom in ZOOMS:
        (top, _), (second, _) = LAYOUT[zoom].items()
        forms = _forms(labels, zoom, pday)
        if all(
            form == "long" if label.kind == top else form or LAYOUT[zoom][second][1] == "tick"
            for label, form in zip(labels, forms, strict=True)
            if label.whole and label.kind in (top, second) and (zoom != "month" or label.opens or label.kind != top)
        ):
            return zoom
    return ZOOMS[-1]


def shown(labels: list[_Label], pday: float, printed: str) -> list[str]:
    """Return each label's data-show tokens, ``<zoom>:<form>`` for each zoom that shows it.

    ``print:<form>`` is the form on paper, where the rows of the zoom ``printed`` are shown.
    """
    tokens: list[list[str]] = [[] for _ in labels]
    scales = [*((zoom, zoom, ZOOM_DAY[zoom]) for zoom in ZOOMS), ("print", printed, pday)]
    for key, zoom, day in scales:
        for i, form in enumerate(_forms(labels, zoom, day)):
            if form:
                tokens[i].append(f"{key}:{form}")
    return [" ".join(t) for t in tokens]


def milestone_ids_shown(days: list[int], ids: list[str], pday: float) -> list[str]:
    """Return for each milestone (by day, in date order) its data-show tokens: the zooms that show its id.

    An id is written right of its diamond; it is left out (kept in its tooltip) where the next milestone's
    diamond comes before the id ends.
    """
    scales = [*((zoom, ZOOM_DAY[zoom]) for zoom in ZOOMS), ("print", pday)]
    tokens: list[str] = []
    for i, day in enumerate(days):
        width = _DIAMOND_PX + _px(ids[i], _MILESTONE_PX, bold=False)
        fits = [i + 1 == len(days) or day * scale + width <= days[i + 1] * scale - _DIAMOND_PX for _, scale in scales]
        tokens.append(" ".join(f"{key}:long" for (key, _), fit in zip(scales, fits, strict=True) if fit))
    return tokens


def _labels(origin: dt.date, last: dt.date, plan_start: dt.date, *, zh: bool) -> list[_Label]:
    """Return the chart's years, quarters, months (each from its first day, the first from ``origin``) and weeks.

    Weeks are numbered from ``plan_start``, so a phase's chart reads the same week numbers as the summary.
    """
    t = _TEXT["zh" if zh else "en"]
    stop = last + dt.timedelta(days=1)
    labels = []

    def periods(kind: str, first_after: Callable[[dt.date], dt.date]) -> None:
        day = origin
        while day <= last:
            nxt = min(first_after(day), stop)
            whole = first_after(day - dt.timedelta(days=1)) == day and first_after(day) <= stop
            labels.append(_period(kind, day, nxt, origin, t, whole))
            day = nxt

    periods("year", lambda day: dt.date(day.year + 1, 1, 1))
    periods("quarter", lambda day: _next_month(day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1), 3))
    periods("month", _next_month)
    week = (origin - plan_start).days // 7
    day = origin
    while day <= last:
        nxt = min(plan_start + dt.timedelta(days=7 * (week + 1)), stop)
        whole = (nxt - day).days == 7
        labels.append(_Label("week", day, (day - origin).days, (nxt - day).days, f"W{week + 1}", whole=whole))
        week += 1
        day = nxt
    return labels


def _period(kind: str, day: dt.date, nxt: dt.date, origin: dt.date, t: dict[str, str], whole: bool) -> _Label:
    names = {"year": day.year, "month": day.month, "mon": MONTHS_EN[day.month - 1], "quarter": (day.month - 1) // 3 + 1}
    short = {"year": "", "quarter": "Q{quarter}", "month": t["month_short"]}[kind].format(**names)
    tiny = t["month_tiny"].format(**names) if kind == "month" else ""
    opens = kind == "month" and (day == origin or day.month == 1)
    return _Label(kind, day, (day - origin).days, (nxt - day).days, t[kind].format(**names), short, tiny, opens, whole)


def _next_month(day: dt.date, months: int = 1) -> dt.date:
    """Return the first day of the month ``months`` after ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def axis_html(origin: dt.date, last: dt.date, plan_start: dt.date, *, zh: bool, pday: float) -> tuple[str, str]:
    """Return the axis of a chart from ``origin`` to ``last`` as HTML, and the zoom whose labels it prints.

    The axis holds the year, quarter, month and week labels of every zoom; the stylesheet shows a zoom's rows.
    """
    labels = _labels(origin, last, plan_start, zh=zh)
    printed = print_zoom(labels, pday)
    parts = []
    for label, show in zip(labels, shown(labels, pday, printed), strict=True):
        forms = (("long", label.long), ("short", label.short), ("tiny", label.tiny))
        inner = "".join(f'<span class="g-{name}">{escape(text)}</span>' for name, text in forms if text)
        opens = " g-open" if label.opens else ""
        title = label.first.isoformat() if label.kind == "week" else label.long
        parts.append(
            f'<div class="g-{label.kind}{opens}" style="--x:{label.start};--w:{label.days}" '
            f'title="{escape(title, quote=True)}" data-show="{show}">{inner}</div>'
        )
    return "".join(parts), printed


def zoom_css() -> str:
    """Return the stylesheet's zoom rules: each zoom's scale and labels on screen, the page's scale in print."""
    screen = [f".gantt.zoom-{zoom} {{ --day:{ZOOM_DAY[zoom]}px; }}" for zoom in ZOOMS]
    # printed, a chart is a table whose header group is the axis, so that a chart longer than a page repeats
    # its axis and the names' heading at the top of each page
    printed = [
        f".g-chart {{ display:table; table-layout:fixed; width:calc(100% - {PRINT_ROOM_PX}px); }}",
        ".g-row { display:table-row; } .g-row.g-axis { display:table-header-group; position:static; }",
        ".g-label, .g-track { display:table-cell; border-bottom:1px solid #eef0f3; }",
        # a name is printed whole, on as many lines as it needs (there is no tooltip on paper), its bar level
        # with its first line
        f".g-label {{ position:static; width:{PRINT_LABEL_PX}px; white-space:normal; overflow:visible;"
        " font-size:8.5pt; line-height:1.35; vertical-align:top; }",
        ".g-track { width:auto; height:24px; } .g-axis .g-track { height:40px; }",
    ]
    for zoom in ZOOMS:
        screen += _label_rules(f".gantt.zoom-{zoom}", zoom, zoom)
        printed += _label_rules(f".gantt.print-{zoom}", zoom, "print")
    base = (
        ".g-year, .g-quarter, .g-month, .g-week, .g-axis .g-long, .g-short, .g-tiny, .g-milestone span"
        " { display:none; }\n"
        ".g-year, .g-quarter, .g-month, .g-week { top:0; height:20px; padding-left:2px; white-space:nowrap;"
        " overflow:hidden; border-left:1px solid #aab2bf; }\n"
        ".g-week { border-left-color:#d3d8df; color:var(--muted); }\n"
    )
    return base + "@media screen {\n" + "\n".join(screen) + "\n}\n@media print {\n" + "\n".join(printed) + "\n}\n"


def _label_rules(scope: str, zoom: str, key: str) -> list[str]:
    """Return the rules that show ``zoom``'s rows of labels inside ``scope``.

    Each label takes the form its ``data-show`` token for ``key`` names, and shows no text without one.
    """
    rules = []
    for kind, (row, _) in LAYOUT[zoom].items():
        weight = "600" if row == 0 else "400"
        size = _AXIS_PX if row == 0 else _SMALL_PX
        rules.append(
            f"{scope} .g-{kind} {{ display:block; top:{20 * row}px; font-weight:{weight}; font-size:{size}px; }}"
        )
    if zoom in ("quarter", "year"):
        rules.append(f"{scope} .g-track {{ background-image:none; }}")
    shows = ", ".join(f'{scope} [data-show~="{key}:{form}"] > .g-{form}' for form in _FORMS)
    rules.append(f"{shows} {{ display:inline; }}")
    return rules
