"""Drawn figures on slides: text boxes, figure cards, legends and the 5×5 risk matrix (the Gantt: ``pptx_gantt``).

Colours are chosen so that they still read when printed in grey: high risks and critical tasks are dark,
medium risks middling, low risks and other tasks light, and every colour has a legend entry in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Emu, Pt

from opsplan.plan.model import Plan
from opsplan.render import palette
from opsplan.render.pptx_text import Style, fill_text
from opsplan.render.pptx_words import word

Rect = tuple[int, int, int, int]
DARK = RGBColor(0x1F, 0x2D, 0x3D)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
LEVEL_FILL = {level: RGBColor.from_string(colour) for level, colour in palette.LEVEL_FILL.items()}
LEVEL_TEXT = {level: RGBColor.from_string(colour) for level, colour in palette.LEVEL_TEXT.items()}
CRITICAL_LINE = RGBColor.from_string(palette.CRITICAL_LINE)
MILESTONE = RGBColor.from_string(palette.MILESTONE)
_BOLD = 2.25  # points: the outline of a critical bar
BUFFER = RGBColor.from_string(palette.BUFFER_FILL)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
CARD = RGBColor(0xEA, 0xF2, 0xF8)


def text_box(slide: Slide, rect: Rect, paragraphs: Sequence[str], style: Style, locale: str) -> Shape:
    """Add a text box holding ``paragraphs``, sized to fit ``rect``."""
    left, top, width, height = rect
    box: Shape = slide.shapes.add_textbox(left, top, width, height)
    fill_text(box.text_frame, paragraphs, width, height, style, locale)
    return box


def filled(
    slide: Slide, shape: MSO_SHAPE, rect: Rect, color: RGBColor, *, line: RGBColor | None = None, weight: float = 0.75
) -> Shape:
    """Add an auto shape filled with ``color`` (outlined with ``line``, ``weight`` points wide, else without)."""
    left, top, width, height = rect
    box = slide.shapes.add_shape(shape, left, top, width, height)
    # written as XML: python-pptx's fill and line objects cost about 1 ms a shape, a Gantt has dozens
    sppr = box._element.spPr
    fill = _solid(color)
    outline = etree.Element(qn("a:ln"))
    if line is None:
        etree.SubElement(outline, qn("a:noFill"))
    else:
        outline.set("w", str(Pt(weight)))
        outline.append(_solid(line))
    sppr.find(qn("a:prstGeom")).addnext(fill)
    fill.addnext(outline)
    outline.addnext(etree.Element(qn("a:effectLst")))  # no theme shadow
    return box


def _solid(color: RGBColor) -> etree._Element:
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", str(color))
    return fill


def card(slide: Slide, rect: Rect, figure: str, label: str, detail: Sequence[str], locale: str) -> None:
    """Add a figure card: its label on top, a large figure, and detail lines below."""
    left, top, width, height = rect
    filled(slide, MSO_SHAPE.RECTANGLE, rect, CARD)
    quarter = height // 4
    text_box(slide, (left, top, width, quarter), [label], Style(size=16, floor=9, bold=True, color=ACCENT), locale)
    text_box(
        slide,
        (left, top + quarter, width, quarter),
        [figure],
        Style(size=30, floor=12, bold=True, color=DARK, anchor=MSO_ANCHOR.MIDDLE),
        locale,
    )
    text_box(
        slide,
        (left, top + quarter * 2, width, height - quarter * 2),
        detail,
        Style(size=14, floor=8, color=DARK),
        locale,
    )


def split(
    rect: Rect, parts: int, *, gap: int = 228600, vertical: bool = False, weights: Sequence[float] | None = None
) -> list[Rect]:
    """Split ``rect`` into ``parts`` side by side (or stacked), ``gap`` EMU apart, in proportion to ``weights``."""
    left, top, width, height = rect
    shares = list(weights) if weights else [1.0] * parts
    room = (height if vertical else width) - gap * (parts - 1)
    out: list[Rect] = []
    offset = 0
    for share in shares:
        size = int(room * share / sum(shares))
        out.append((left, top + offset, width, size) if vertical else (left + offset, top, size, height))
        offset += size + gap
    return out


def legend(
    slide: Slide,
    rect: Rect,
    entries: Sequence[tuple[MSO_SHAPE, RGBColor, str]],
    locale: str,
    *,
    bold: frozenset[int] = frozenset(),
) -> None:
    """Add a one-line legend: a swatch then a label per entry, spread over ``rect``; ``bold``: outlined entries."""
    left, top, width, height = rect
    step = width // max(1, len(entries))
    swatch = min(height, Emu(Pt(12)))
    for i, (shape, color, label) in enumerate(entries):
        x = left + i * step
        rect_i = (x, top + (height - swatch) // 2, swatch, swatch)
        filled(
            slide, shape, rect_i, color, line=CRITICAL_LINE if i in bold else DARK, weight=_BOLD if i in bold else 0.75
        )
        text_box(
            slide,
            (x + swatch + Emu(Pt(3)), top, step - swatch - Emu(Pt(6)), height),
            [label],
            Style(size=11, floor=7, color=DARK, anchor=MSO_ANCHOR.MIDDLE),
            locale,
        )


def risk_matrix(slide: Slide, plan: Plan, rect: Rect) -> None:
    """Draw the 5×5 heat matrix: likelihood up, impact across, each cell coloured by level with its risk ids."""
    loc = plan.locale
    left, top, width, height = rect
    axis = Emu(Pt(22))
    side = min(width - axis, height - 5 * axis)
    cell = side // 5
    text_box(
        slide,
        (left, top, axis * 5, axis),
        [word("likelihood", loc) + " ↑"],
        Style(size=12, floor=8, color=DARK, anchor=MSO_ANCHOR.BOTTOM),
        loc,
    )
    top += axis
    for r, row in enumerate(plan.risks.heat):
        text_box(
            slide,
            (left, top + r * cell, axis, cell),
            [str(5 - r)],
            Style(size=10, floor=7, color=DARK, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE),
            loc,
        )
        for c, heat in enumerate(row):
            x, y = left + axis + c * cell, top + r * cell
            filled(slide, MSO_SHAPE.RECTANGLE, (x, y, cell, cell), LEVEL_FILL[heat.level], line=WHITE)
            label = [" ".join(heat.ids)] if heat.ids else [str(heat.score)]
            bold = bool(heat.ids)
            text_box(
                slide,
                (x, y, cell, cell),
                label,
                Style(
                    size=12 if bold else 9,
                    floor=7,
                    bold=bold,
                    color=LEVEL_TEXT[heat.level],
                    align=PP_ALIGN.CENTER,
                    anchor=MSO_ANCHOR.MIDDLE,
                ),
                loc,
            )
    base = top + 5 * cell
    for c in range(5):
        text_box(
            slide,
            (left + axis + c * cell, base, cell, axis),
            [str(c + 1)],
            Style(size=10, floor=7, color=DARK, align=PP_ALIGN.CENTER),
            loc,
        )
    text_box(
        slide,
        (left + axis, base + axis, cell * 5, axis),
        [word("impact", loc) + " →"],
        Style(size=12, floor=8, color=DARK, align=PP_ALIGN.CENTER),
        loc,
    )
    legend(
        slide,
        (left, base + 2 * axis + axis // 4, axis + cell * 5, axis),
        [(MSO_SHAPE.RECTANGLE, LEVEL_FILL[level], word(level, loc)) for level in ("high", "medium", "low")],
        loc,
    )
