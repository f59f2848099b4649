"""The slide deck's frame: the presentation (packaged default or ``--reference-pptx``), its layouts, and slides.

A deck needs two layouts, found by name: ``Title Slide`` (the first slide) and ``Title Only`` (every other
slide; the deck draws the body itself). The packaged default is python-pptx's clean Office theme turned
16:9; a reference presentation keeps its own size, master, colours and layouts, and its own slides are
dropped. A reference file is read safely (``check_reference``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout
from pptx.util import Inches

from opsplan.errors import InputError
from opsplan.filekind import wrong_kind
from opsplan.io_messages import iomsg
from opsplan.render.messages import rmsg
from opsplan.render.pptx_shapes import DARK, Rect
from opsplan.render.pptx_text import Style, fill_text, set_fonts
from opsplan.safeio import MAX_MEMBERS, MAX_PACKAGE_BYTES, MAX_UNPACKED_BYTES, parse_xml, read_user_file

TITLE_LAYOUT = "Title Slide"
BODY_LAYOUT = "Title Only"
REFERENCE_LIMIT = MAX_PACKAGE_BYTES
UNPACKED_LIMIT = MAX_UNPACKED_BYTES
_WIDE = (Inches(13.333), Inches(7.5))
_MARGIN = Inches(0.5)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can carry
_PROPERTY_CHARS = 255  # the most a PPTX core property (title, author, subject) holds
_W3CDTF = re.compile(rb'(<dcterms:(?:created|modified) xsi:type="dcterms:W3CDTF">)[^<]*(</dcterms:)')


@dataclass(frozen=True)
class GapMarks:
    """The mark to write after each figure of a draft that stands in for a number left to fill (``views.gaps``).

    Each is "" for a figure the profile gives, and every one is "" outside a draft (the empty default).
    """

    view: Mapping[str, Any] = field(default_factory=dict)

    def baseline(self, metric: str) -> str:
        """Return the mark of ``metric``'s baseline."""
        return str(self.view.get("baseline", {}).get(metric, ""))

    def target(self, horizon: str, metric: str) -> str:
        """Return the mark of ``metric``'s target at ``horizon`` (short, mid, long)."""
        return str(self.view.get("targets", {}).get(horizon, {}).get(metric, ""))

    def anchor(self, metric: str, month: int, horizons: Iterable[tuple[str, int]]) -> str:
        """Return the mark of ``metric``'s trajectory at ``month`` when an anchor stands there.

        The baseline is the anchor at month 0, each horizon's target (``horizons``: name, months) at its month;
        the months between are worked out from them and carry no mark.
        """
        if month == 0:
            return self.baseline(metric)
        return next((self.target(name, metric) for name, months in horizons if months == month), "")

    def budget_total(self) -> str:
        """Return the mark of the budget's total."""
        return str(self.view.get("budget_total", ""))

    def headcount(self, role: int) -> str:
        """Return the mark of the headcount of the team's ``role``-th role."""
        counts = self.view.get("headcount", [])
        return str(counts[role]) if role < len(counts) else ""

    def team(self) -> str:
        """Return the mark of the team's total headcount (a sum of the roles' headcounts)."""
        return str(self.view.get("team_headcount", ""))


@dataclass
class Deck:
    """A presentation being built: its layouts, the body area below the title, the locale and the draft's marks."""

    prs: PresentationType
    locale: str
    title_layout: SlideLayout
    body_layout: SlideLayout
    body: Rect
    marks: GapMarks = field(default_factory=GapMarks)

    def slide(self, title: str, notes: Sequence[str]) -> Slide:
        """Add a slide with ``title`` (sized to fit its placeholder) and ``notes`` as its speaker notes."""
        slide = self.prs.slides.add_slide(self.body_layout)
        self._title(slide, [title], Style(size=28, floor=16, bold=True, color=DARK, anchor=MSO_ANCHOR.MIDDLE))
        self.notes(slide, notes)
        return slide

    def title_slide(self, title: str, subtitle: Sequence[str], notes: Sequence[str]) -> Slide:
        """Add the opening slide: the plan's title and a subtitle (shop, author, date)."""
        slide = self.prs.slides.add_slide(self.title_layout)
        self._title(slide, [title], Style(size=36, floor=18, bold=True, color=DARK, anchor=MSO_ANCHOR.BOTTOM))
        others = [p for p in slide.placeholders if p.placeholder_format.idx != 0]
        if others:
            box = others[0]
            fill_text(
                box.text_frame,
                subtitle,
                int(box.width),
                int(box.height),
                Style(size=20, floor=12, color=DARK),
                self.locale,
            )
        for extra in others[1:]:
            extra._element.getparent().remove(extra._element)
        self.notes(slide, notes)
        return slide

    def retitle(self, slide: Slide, title: str) -> None:
        """Replace the title of a slide made by ``slide``."""
        self._title(slide, [title], Style(size=28, floor=16, bold=True, color=DARK, anchor=MSO_ANCHOR.MIDDLE))

    def _title(self, slide: Slide, text: list[str], style: Style) -> None:
        shape = slide.shapes.title
        if shape is None:  # checked when the layouts were found
            raise InputError(rmsg("pptx.no_title", where=rmsg("pptx.default"), name=slide.slide_layout.name))
        fill_text(shape.text_frame, text, int(shape.width), int(shape.height), style, self.locale)

    def notes(self, slide: Slide, paragraphs: Sequence[str]) -> None:
        """Write ``paragraphs`` as the slide's speaker notes, every run with its fonts."""
        frame = slide.notes_slide.notes_text_frame
        if frame is None:
            return
        frame.clear()
        for i, text in enumerate(p for p in paragraphs if p):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            set_fonts(run, self.locale, 12, Style())

    def save(self, title: str, author: str, subject: str, day: dt.date) -> bytes:
        """Return the presentation as PPTX bytes: its properties name the plan, its author and its date.

        The same plan gives the same bytes: the properties are dated with ``day`` (the date written, as the
        DOCX is) and every ZIP entry with the earliest date a ZIP can hold.
        """
        props = self.prs.core_properties
        title, author, subject = (_property(text) for text in (title, author, subject))
        props.title, props.author, props.subject = title, author, subject
        props.last_modified_by, props.comments, props.keywords = author, "", ""
        props.language = "zh-CN" if self.locale.startswith("zh") else "en"
        props.created = props.modified = dt.datetime(day.year, day.month, day.day)
        props.revision = 1
        saved = io.BytesIO()
        self.prs.save(saved)
        return _steady(saved.getvalue(), f"{day.isoformat()}T00:00:00Z")


def _property(text: str) -> str:
    """Return ``text`` as a file property holds it: at most 255 characters, a longer text cut with …."""
    return text if len(text) <= _PROPERTY_CHARS else text[: _PROPERTY_CHARS - 1] + "…"


def _steady(package: bytes, stamp: str) -> bytes:
    """Return ``package`` with every ZIP entry dated alike, and its charts' workbooks dated ``stamp``.

    XlsxWriter dates the workbook embedded in each chart with the current time; it is the only part of a
    deck that would otherwise change from one run to the next.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.endswith(".xlsx"):
                data = _steady(data, stamp)
            elif member.filename == "docProps/core.xml" and b"W3CDTF" in data:
                data = _W3CDTF.sub(rb"\g<1>" + stamp.encode("ascii") + rb"\g<2>", data)
            entry = zipfile.ZipInfo(member.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


def open_deck(locale: str, reference: Path | None = None) -> Deck:
    """Return an empty deck on the packaged default or on the ``reference`` presentation's master."""
    if reference is None:
        prs = _default()
    else:
        try:
            prs = Presentation(io.BytesIO(check_reference(reference)))
        except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
            where = rmsg("pptx.reference", path=reference)
            raise InputError(rmsg("pptx.unreadable", where=where, error=error)) from None
        _drop_slides(prs)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    where = rmsg("pptx.reference", path=reference) if reference is not None else rmsg("pptx.default")
    found = []
    for name in (TITLE_LAYOUT, BODY_LAYOUT):
        layout = layouts.get(name)
        if layout is None:
            found_names = ", ".join(repr(n) for n in layouts) or rmsg("pptx.none")
            raise InputError(
                rmsg("pptx.no_layout", where=where, name=name, title=TITLE_LAYOUT, body=BODY_LAYOUT, found=found_names)
            )
        if not any(p.placeholder_format.idx == 0 for p in layout.placeholders):
            raise InputError(rmsg("pptx.no_title", where=where, name=name))
        found.append(layout)
    title = next(p for p in found[1].placeholders if p.placeholder_format.idx == 0)
    width, height = int(prs.slide_width or _WIDE[0]), int(prs.slide_height or _WIDE[1])
    top = int(title.top) + int(title.height) + Inches(0.15)
    body = (_MARGIN, top, width - 2 * _MARGIN, height - top - Inches(0.35))
    return Deck(prs=prs, locale=locale, title_layout=found[0], body_layout=found[1], body=body)


def _default() -> PresentationType:
    """Return python-pptx's default presentation turned 16:9, its two layouts' placeholders placed for it."""
    prs = Presentation()
    width, height = _WIDE
    prs.slide_width, prs.slide_height = width, height
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            kind = shape.placeholder_format.idx
            if layout.name == BODY_LAYOUT and kind == 0:
                shape.left, shape.top, shape.width, shape.height = (
                    _MARGIN,
                    Inches(0.3),
                    width - 2 * _MARGIN,
                    Inches(0.9),
                )
            elif layout.name == TITLE_LAYOUT and kind == 0:
                shape.left, shape.top, shape.width, shape.height = Inches(1), Inches(2), width - Inches(2), Inches(1.8)
            elif layout.name == TITLE_LAYOUT and kind == 1:
                shape.left, shape.top, shape.width, shape.height = Inches(1), Inches(4), width - Inches(2), Inches(1.5)
            elif kind > 1:  # date, footer and slide number: along the bottom edge
                shape.top = height - Inches(0.5)
    return prs


def check_reference(path: Path) -> bytes:
    """Return the bytes of a ``--reference-pptx`` after checking it; ``InputError`` naming the file if unusable.

    The file is read through ``opsplan.safeio`` (a regular file, at most ``REFERENCE_LIMIT`` bytes); the ZIP
    may hold at most ``MAX_MEMBERS`` parts unpacking to at most ``UNPACKED_LIMIT`` bytes, must have
    ``ppt/presentation.xml``, and every XML part must parse without a DTD.
    """
    where = rmsg("pptx.reference", path=path)
    try:
        data = read_user_file(path, limit=REFERENCE_LIMIT, kind="pptx")
    except InputError as error:
        raise InputError(f"{where}: {str(error).removeprefix(f'{path}: ')}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise InputError(rmsg("pptx.members", where=where, count=f"{len(members):,}", limit=f"{MAX_MEMBERS:,}"))
            unpacked = sum(member.file_size for member in members)
            if unpacked > UNPACKED_LIMIT:
                raise InputError(rmsg("pptx.unpacked", where=where, size=f"{unpacked:,}", limit=f"{UNPACKED_LIMIT:,}"))
            if "ppt/presentation.xml" not in archive.namelist():
                mismatch = wrong_kind(path, data, "reference_pptx", ("pptx",))
                raise InputError(mismatch or rmsg("pptx.no_presentation", where=where))
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    parse_xml(
                        archive.read(member), iomsg("package.part", path=where, name=member.filename), None, ids=True
                    )
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        raise InputError(rmsg("pptx.not_zip", where=where)) from None
    return data


def _drop_slides(prs: PresentationType) -> None:
    """Remove the reference presentation's own slides, keeping its masters and layouts."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
