"""Text on slides: fonts on every run (Latin and East Asian), widths measured, sizes chosen to fit the box.

A box's text is measured before it is written: a CJK character is about 1 em wide, Latin letters and
digits about 0.5–0.65 em. The largest size (down to a floor) at which every paragraph, wrapped as a
renderer wraps it, fits the box's height is used; when even the floor does not fit, the longest paragraphs
are shortened with an ellipsis (the full text is in the speaker notes). Nothing is left to the viewer's
autofit, which PowerPoint, WPS and LibreOffice each do differently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import TextFrame, _Run
from pptx.util import Pt

LATIN_FONT = "Arial"  # Liberation Sans (metric-compatible) stands in on Linux
EAST_ASIA_FONT = "Microsoft YaHei"  # 微软雅黑 in PowerPoint and WPS; LibreOffice falls back to Noto Sans CJK SC
_INSET_PT = 4.0
INSET = Pt(_INSET_PT)  # left/right inset of every text box; top/bottom use half of it
_EMU_PER_PT = 12700
# line height as a multiple of the size: Noto Sans CJK's ascent + descent is 1.45 em, Arial's 1.15 em
_LINE_CJK = 1.45
_LINE_LATIN = 1.2
_PARAGRAPH_GAP = 0.3  # space before each paragraph after the first, in lines
_BULLET_PT = 16.0
_BULLET_INDENT = Pt(_BULLET_PT)
_AUTOSPACE = 0.25  # em of space renderers put between CJK and Latin characters
_NO_FIT = 1_000_000
_SOLID_FILL, _SRGB_COLOR, _LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")
_BOLD = 1.12  # bold Latin letters are this much wider


@dataclass(frozen=True)
class Style:
    """How a box's text looks: sizes (the largest tried first, then down to the floor), colour, weight."""

    size: float = 18
    floor: float = 11
    bold: bool = False
    color: RGBColor | None = None
    align: PP_ALIGN | None = None
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP
    bullets: bool = False
    max_lines: int | None = None


def char_em(char: str) -> float:
    """Return the width of ``char`` in em: 1 for wide (CJK, full-width) characters, less for Latin.

    The Latin widths are those of the widest common fallback (DejaVu Sans, which LibreOffice uses where
    Arial is missing), so a box that fits here also fits in Arial or Liberation Sans.
    """
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char == " ":
        return 0.32
    if char in "ilj.,;:'|!()[]/":
        return 0.36
    if char in "%&@#MWmw—…":
        return 0.92
    if char.isupper():
        return 0.72
    if char.isdigit():
        return 0.64
    return 0.58


def text_em(text: str) -> float:
    """Return the width of ``text`` on one line, in em."""
    return sum(char_em(c) for c in text)


def _tokens(text: str) -> list[str]:
    """Split ``text`` where a line may break: after each wide character and after each space."""
    out: list[str] = []
    word = ""
    for char in text:
        if char_em(char) == 1.0:
            if word:
                out.append(word)
                word = ""
            out.append(char)
        else:
            word += char
            if char == " ":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return out


def wrapped_lines(text: str, width_em: float) -> int:
    """Return how many lines ``text`` takes in a box ``width_em`` wide, wrapping as a renderer would.

    Where CJK and Latin text meet, renderers add about a quarter em of space; that is counted too. A box
    narrower than one character holds no line at all (the count returned is then larger than any box).
    """
    if width_em < 1.0:
        return _NO_FIT
    lines, used, previous_wide = 1, 0.0, None
    for token in _tokens(text):
        wide = char_em(token[0]) == 1.0
        width = text_em(token) + (_AUTOSPACE if previous_wide is not None and wide != previous_wide else 0.0)
        previous_wide = char_em(token.rstrip()[-1:] or " ") == 1.0
        if used + width > width_em + 1e-9 and used > 0:
            lines, used = lines + 1, 0.0
        while width > width_em:  # a word longer than the line breaks inside itself
            lines, width = lines + 1, width - width_em
        used += width
    return lines


def line_height(text: str) -> float:
    """Return a line's height in em for ``text`` (taller when it holds CJK characters)."""
    return _LINE_CJK if any(char_em(c) == 1.0 for c in text) else _LINE_LATIN


def text_height(paragraphs: Sequence[str], width_pt: float, size: float, *, bold: bool = False) -> float:
    """Return the height in points that ``paragraphs`` take at ``size`` in a box ``width_pt`` wide."""
    width_em = width_pt / (size * (_BOLD if bold else 1.0))
    total = 0.0
    for i, text in enumerate(paragraphs):
        high = line_height(text)
        total += wrapped_lines(text, width_em) * high * size + (_PARAGRAPH_GAP * size * high if i else 0)
    return total


def fit(paragraphs: Sequence[str], width: int, height: int, style: Style) -> tuple[list[str], float]:
    """Return the paragraphs (shortened if they must be) and the size at which they fit a box in EMU."""
    indent = _BULLET_PT if style.bullets else 0.0
    width_pt = width / _EMU_PER_PT - 2 * _INSET_PT - indent - 2  # a little slack for the renderer's rounding
    height_pt = height / _EMU_PER_PT - _INSET_PT
    texts = list(paragraphs)

    def too_big(size: float) -> bool:
        if style.max_lines is not None and any(
            wrapped_lines(t, width_pt / (size * (_BOLD if style.bold else 1.0))) > style.max_lines for t in texts
        ):
            return True
        return text_height(texts, width_pt, size, bold=style.bold) > height_pt

    size = style.size
    while size > style.floor and too_big(size):
        size -= 0.5
    while texts and too_big(size):
        longest = max(range(len(texts)), key=lambda i: len(texts[i]))
        text = texts[longest].removesuffix("…")
        if len(text) <= 1:
            texts.pop(longest)
            continue
        texts[longest] = text[: min(len(text) - 1, len(text) * 4 // 5)].rstrip() + "…"
    return texts, size


def set_fonts(run: _Run, locale: str, size: float, style: Style) -> None:
    """Give ``run`` its size, weight, colour, Latin and East Asian fonts and language.

    The run properties are written as XML in one go: through python-pptx's font objects this took a
    third of a deck's rendering time (0.6 ms a run, measured with cProfile on the flower shop's deck).
    """
    rpr = run._r.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)
    rpr.set("sz", str(round(size * 100)))
    rpr.set("b", "1" if style.bold else "0")
    if style.color is not None:
        fill = etree.SubElement(rpr, _SOLID_FILL)
        etree.SubElement(fill, _SRGB_COLOR).set("val", str(style.color))
    etree.SubElement(rpr, _LATIN).set("typeface", LATIN_FONT)
    set_east_asian(rpr, locale)


def set_east_asian(rpr: etree._Element, locale: str) -> None:
    """Add the East Asian typeface (``a:ea``) after ``a:latin`` in run properties, and the language."""
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = etree.SubElement(rpr, qn("a:ea"))
    ea.set("typeface", EAST_ASIA_FONT)
    latin = rpr.find(qn("a:latin"))
    if latin is not None:
        latin.addnext(ea)
    rpr.set("lang", "zh-CN" if locale.startswith("zh") else "en-US")
    rpr.set("altLang", "en-US" if locale.startswith("zh") else "zh-CN")


def fill_text(frame: TextFrame, paragraphs: Sequence[str], width: int, height: int, style: Style, locale: str) -> float:
    """Write ``paragraphs`` into ``frame`` at the size that fits ``width`` × ``height`` EMU; return the size.

    The box and paragraph properties are written as XML directly, as the run properties are (see ``set_fonts``).
    """
    texts, size = fit(paragraphs, width, height, style)
    _body_properties(frame._txBody.bodyPr, style)
    frame.clear()
    for i, text in enumerate(texts):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        ppr = paragraph._p.get_or_add_pPr()
        for child in list(ppr):
            ppr.remove(child)
        if style.align is not None:
            ppr.set("algn", _ALIGN[style.align])
        ppr.set("hangingPunct", "0")  # no CJK punctuation hanging past the box
        spacing = etree.SubElement(ppr, qn("a:lnSpc"))
        etree.SubElement(spacing, qn("a:spcPct")).set("val", "100000")
        if i:
            before = etree.SubElement(ppr, qn("a:spcBef"))
            etree.SubElement(before, qn("a:spcPts")).set(
                "val", str(round(_PARAGRAPH_GAP * size * line_height(text) * 100))
            )
        if style.bullets:
            ppr.set("marL", str(_BULLET_INDENT))
            ppr.set("indent", str(-_BULLET_INDENT))
            etree.SubElement(ppr, qn("a:buChar")).set("char", "•")
        run = paragraph.add_run()
        run.text = text
        set_fonts(run, locale, size, style)
    return size


_ALIGN = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}
_ANCHOR = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}
_AUTOFITS = (qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit"))


def _body_properties(body: etree._Element, style: Style) -> None:
    """Wrap words, no autofit, the anchor and the insets: the box ``fit`` measured for."""
    body.set("wrap", "square")
    body.set("anchor", _ANCHOR[style.anchor])
    body.set("lIns", str(INSET))
    body.set("rIns", str(INSET))
    body.set("tIns", str(INSET // 2))
    body.set("bIns", str(INSET // 2))
    for child in list(body):
        if child.tag in _AUTOFITS:
            body.remove(child)
    warp = body.find(qn("a:prstTxWarp"))
    index = 0 if warp is None else body.index(warp) + 1
    body.insert(index, etree.Element(qn("a:noAutofit")))
