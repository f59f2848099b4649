"""The deck's Gantt slide: the document's own chart (``gantt_charts``), drawn with shapes.

The split, the charts and their axes come from the Gantt model, as in the Markdown, DOCX and HTML: the whole
plan on one slide, or for a long plan the summary chart only (one bar a phase, every campaign occurrence over
the plan window), so that the deck keeps to its 10–15 slides; the summary slide's notes give each phase's
tasks with their dates and owners, and the phases' own charts stay in the document. A chart of more than
``ROWS_PER_SLIDE`` rows goes on over further slides with the same axis. Bars are placed by their dates on the
chart's span, in their phase's colour, critical ones outlined (so they read in grey print); milestones are
diamonds, campaigns amber bands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Emu, Pt

from opsplan.formatting import date
from opsplan.plan.model import Plan
from opsplan.render import palette
from opsplan.render.figures_markdown import axis_rows
from opsplan.render.pptx_deck import Deck
from opsplan.render.pptx_shapes import BUFFER, CRITICAL_LINE, DARK, MILESTONE, Rect, filled, legend, text_box
from opsplan.render.pptx_slides import sentence
from opsplan.render.pptx_text import Style, text_em
from opsplan.render.pptx_words import bracketed, labelled, word
from opsplan.render.views.management import gantt_charts

ROWS_PER_SLIDE = 20
_BOLD = 2.25  # points: the outline of a critical bar, as in pptx_shapes
CAMPAIGN = RGBColor.from_string(palette.CAMPAIGN_FILL)
_LABEL = Style(size=10, floor=7, color=DARK, anchor=MSO_ANCHOR.MIDDLE, max_lines=1)
_TICK = Style(size=9, floor=6, color=DARK, max_lines=1)


def timeline_slides(deck: Deck, plan: Plan) -> None:
    """Add the timeline's slide: the whole plan's or the summary chart (continued past ``ROWS_PER_SLIDE`` rows)."""
    charts = gantt_charts(plan)
    chart, phases = charts[0], charts[1:]  # the phases' charts stay in the document
    rows = chart["rows"]
    pages = [rows[i : i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)] or [[]]
    title = word("timeline", plan.locale, days=plan.timeline.length_days)
    notes = _notes(plan, chart, phases)
    for k, page in enumerate(pages):
        more = f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""
        slide = deck.slide(title + more, notes)
        _draw(slide, plan, chart, page, deck.body)


def _phase_span(loc: str, chart: Mapping[str, Any]) -> str:
    """Return a phase's name and dates, the year once where the language puts it (2027年3月22日–5月9日)."""
    first, last = chart["start"], chart["finish"]
    zh = loc.startswith("zh")
    one_year = first.year == last.year
    start = date(loc, first, "short" if one_year and not zh else "long")
    finish = date(loc, last, "short" if one_year and zh else "long")
    return word("phase_span", loc, name=chart["name"], start=start, finish=finish)


def _notes(plan: Plan, chart: Mapping[str, Any], phases: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return the notes: the critical path and buffer; each phase's tasks (a split plan); milestones; campaigns."""
    loc = plan.locale
    tl = plan.timeline
    tasks = {t.id: t for t in tl.tasks}
    notes = [labelled(loc, tasks[i].name, _dates(loc, tasks[i].start, tasks[i].finish)) for i in tl.critical_path]
    notes.append(word("buffer", loc, days=tl.buffer_days))
    for phase in phases:
        notes.append(_phase_span(loc, phase))
        notes += [
            sentence(
                loc,
                labelled(loc, t.name, _dates(loc, t.start, t.finish)),
                word("owner", loc, owner=t.owner) if t.owner else "",
            )
            for t in (tasks[r["task"]] for r in phase["rows"] if r["task"] in tasks)
        ]
    shown = {m["id"] for m in chart["milestones"]}
    notes += [
        sentence(
            loc,
            bracketed(loc, f"{m.id} {m.name}", date(loc, m.date) if m.date else "—"),
            word("criteria", loc, text=m.criteria),
        )
        for m in tl.milestones
        if m.id in shown
    ]
    notes += [
        labelled(loc, f"{palette.CAMPAIGN_MARK} {c['name']}", _dates(loc, c["start"], c["end"]))
        for c in chart["campaigns"]
    ]
    return notes


def _dates(loc: str, first: dt.date, last: dt.date) -> str:
    return f"{date(loc, first)} – {date(loc, last)}"


def _spans(plan: Plan, chart: Mapping[str, Any]) -> dict[str, tuple[dt.date, dt.date]]:
    """Return the first and last day of each row's bar: a phase's on the summary, else a task's."""
    if chart["kind"] == "summary":
        return {p.id: (p.start, p.finish) for p in plan.timeline.phases if p.start is not None and p.finish is not None}
    return {t.id: (t.start, t.finish) for t in plan.timeline.tasks}


def _draw(slide: Slide, plan: Plan, chart: Mapping[str, Any], rows: Sequence[Mapping[str, Any]], rect: Rect) -> None:
    """Draw one chart (``rows`` of it) in ``rect``: axis, milestones, campaigns, bars, buffer and legend."""
    loc = plan.locale
    tl = plan.timeline
    left, top, width, height = rect
    first: dt.date = chart["first"]
    total = max(1, (chart["last"] - first).days + 1)
    label_w = width * 3 // 10
    chart_left, chart_w = left + label_w, width - label_w
    line = Emu(Pt(14))
    buffer = tl.buffer_days > 0
    marks = [key for key in ("milestones", "campaigns") if chart[key]]  # a row each, when the chart has any
    extra = len(marks) + int(buffer)
    row_h = min(Emu(Pt(22)), (height - 3 * line) // (len(rows) + extra))

    def x_of(day: dt.date) -> int:
        return int(chart_left + chart_w * min(max((day - first).days, 0), total) // total)

    body_top = top + 2 * line
    _axis(slide, plan, chart, (chart_left, top, chart_w, line), row_h * (len(rows) + extra) + line, x_of)
    for k, key in enumerate(marks):
        y = body_top + row_h * k
        _row_label(slide, loc, (left, y, label_w, row_h), word(key, loc), bold=True)
        if key == "milestones":
            _diamonds(slide, plan, chart[key], (chart_left, y, chart_w, row_h), x_of)
        else:
            _bands(slide, loc, chart[key], (chart_left, y, chart_w, row_h), x_of)
    spans = _spans(plan, chart)
    for i, row in enumerate(rows):
        y = body_top + row_h * (i + len(marks))
        _row_label(slide, loc, (left, y, label_w, row_h), row["name"], bold=row["critical"])
        start, finish = spans.get(row["task"], (first, first))
        bar = (x_of(start), y + row_h // 6, max(Emu(Pt(2)), x_of(finish + dt.timedelta(days=1)) - x_of(start)))
        colour = RGBColor.from_string(palette.phase_colour(row["phase_index"]))
        shape = (*bar, row_h * 2 // 3)
        if row["critical"]:
            filled(slide, MSO_SHAPE.RECTANGLE, shape, colour, line=CRITICAL_LINE, weight=_BOLD)
        else:
            filled(slide, MSO_SHAPE.RECTANGLE, shape, colour)
    if buffer:
        y = body_top + row_h * (len(rows) + len(marks))
        begin, end = tl.end + dt.timedelta(days=1), tl.end_with_buffer + dt.timedelta(days=1)
        filled(
            slide,
            MSO_SHAPE.RECTANGLE,
            (x_of(begin), y + row_h // 6, x_of(end) - x_of(begin), row_h * 2 // 3),
            BUFFER,
            line=DARK,
        )
        _row_label(slide, loc, (left, y, label_w, row_h), word("buffer", loc, days=tl.buffer_days), bold=False)
    legend(
        slide,
        (left, top + height - Emu(Pt(16)), width * 4 // 5, Emu(Pt(16))),
        [
            (MSO_SHAPE.RECTANGLE, RGBColor.from_string(palette.phase_colour(0)), word("critical_task", loc)),
            (MSO_SHAPE.RECTANGLE, RGBColor.from_string(palette.phase_colour(0)), word("other_task", loc)),
            (MSO_SHAPE.DIAMOND, MILESTONE, word("milestone", loc)),
            (MSO_SHAPE.RECTANGLE, CAMPAIGN, word("campaigns", loc)),
        ],
        loc,
        bold=frozenset({0}),
    )


def _row_label(slide: Slide, loc: str, rect: Rect, text: str, *, bold: bool) -> None:
    style = Style(size=_LABEL.size, floor=_LABEL.floor, bold=bold, color=DARK, anchor=MSO_ANCHOR.MIDDLE, max_lines=1)
    text_box(slide, rect, [text], style, loc)


def _axis(
    slide: Slide, plan: Plan, chart: Mapping[str, Any], rect: Rect, depth: int, x_of: Callable[[dt.date], int]
) -> None:
    """Draw the chart's two axis rows as in the document (months over weeks, years over months …), grid lines."""
    loc = plan.locale
    left, top, width, line = rect
    upper, lower = axis_rows(loc, chart)
    columns = chart["columns"]
    right = left + width
    for row, labels in ((0, upper), (1, lower)):  # months (or years) above, the periods beneath
        last_end = left - 1
        for column, label in zip(columns, labels or (), strict=False):
            x, room = x_of(column["start"]), Emu(Pt(9 * text_em(label) + 12))  # the text and the insets
            if not label or x < last_end or x + room > right:  # a label that would run into the last is left out
                continue
            filled(
                slide,
                MSO_SHAPE.RECTANGLE,
                (x, top + row * line, Emu(Pt(0.75 - row / 4)), line * (2 - row) + depth),
                BUFFER,
            )
            text_box(slide, (x + Emu(Pt(2)), top + row * line, room, line), [label], _TICK, loc)
            last_end = x + room


def _diamonds(
    slide: Slide, plan: Plan, marks: Sequence[Mapping[str, Any]], rect: Rect, x_of: Callable[[dt.date], int]
) -> None:
    """Draw a diamond per milestone day, labelled with the ids of the milestones that fall on it."""
    left, top, width, height = rect
    by_day: dict[dt.date, list[str]] = {}
    for m in marks:
        by_day.setdefault(m["start"], []).append(m["id"])
    size = height * 2 // 3
    days = sorted(by_day)
    xs = [x_of(day) + (x_of(day + dt.timedelta(days=1)) - x_of(day)) // 2 for day in days]
    for x in xs:
        filled(slide, MSO_SHAPE.DIAMOND, (x - size // 2, top + (height - size) // 2, size, size), MILESTONE)
    last_label_end = left - 1
    for i, (day, x) in enumerate(zip(days, xs, strict=True)):
        label = "/".join(by_day[day])
        label_w = Emu(Pt(9 * text_em(label) + 12))
        label_x = x + size // 2
        room = (xs[i + 1] - size // 2) if i + 1 < len(xs) else left + width
        if label_x + label_w > room and x - size // 2 - label_w > max(last_label_end, xs[i - 1] if i else left):
            label_x = x - size // 2 - label_w  # no room after the diamond: before it
        if label_x > last_label_end and label_x + label_w <= room:  # crowded labels are left to the notes
            text_box(slide, (label_x, top, label_w, height), [label], _TICK, plan.locale)
            last_label_end = label_x + label_w


def _bands(
    slide: Slide, loc: str, marks: Sequence[Mapping[str, Any]], rect: Rect, x_of: Callable[[dt.date], int]
) -> None:
    """Draw an amber band per campaign occurrence, named where the name fits after the previous one."""
    left, top, width, height = rect
    last_label_end = left - 1
    band = height * 5 // 8  # the name above, the band in the lower part of the row
    for m in sorted(marks, key=lambda m: (m["start"], m["name"])):
        x = x_of(m["start"])
        end = x_of(m["end"] + dt.timedelta(days=1))
        filled(
            slide, MSO_SHAPE.RECTANGLE, (x, top + band, max(Emu(Pt(2)), end - x), height - band - height // 8), CAMPAIGN
        )
        label = str(m["name"])
        label_w = Emu(Pt(8 * text_em(label) + 8))
        if x >= last_label_end and x + label_w <= left + width:
            style = Style(size=8, floor=6, color=DARK, anchor=MSO_ANCHOR.BOTTOM, max_lines=1)
            text_box(slide, (x, top, label_w, band), [label], style, loc)
            last_label_end = x + label_w
