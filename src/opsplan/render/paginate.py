"""Where the chapters of a DOCX start a new page, decided from a layout LibreOffice made of it.

A chapter starts on a new page only when the page it would otherwise start on has less than a third of its
height left: the page break then wastes less than a third of a page. Elsewhere the chapter follows on (its
heading keeps with the next paragraph, so no heading sits alone at the foot of a page). The first layout is
made with no chapter breaks; each heading's place is read from the PDF (``pdfinfo -dests`` gives its page and
height on the page), and the breaks are decided in order, each one pushing what follows down the page by the
room it leaves empty. The same pushes predict the pages of the headings for the contents.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from opsplan.errors import OpsplanError
from opsplan.render.messages import rmsg

WASTE = 1 / 3  # the most of a page a chapter break may leave empty
_DEST = re.compile(r"^\s*(\d+)\s+\[\s*XYZ\s+\S+\s+([-\d.]+).*\]\s+\"(?:.*?)Toc(\d+)\"\s*$", re.MULTILINE)
_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.MULTILINE)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD_FOOT = re.compile(r'<word [^>]*yMax="([\d.]+)"')
FOOTER = 50.0  # points at the foot of a page where the page number sits, below any text area
HEADER = 60.0  # points at the head of a page where a running header (the version, DRAFT) sits, above the text area
_MARGINS = re.compile(r'<w:pgMar\b[^>]*?\bw:top="(\d+)"[^>]*?\bw:bottom="(\d+)"')
_HEIGHT = re.compile(r'<w:pgSz\b[^>]*?\bw:h="(\d+)"')


class LayoutError(OpsplanError):
    """The PDF LibreOffice made could not be read."""


@dataclass(frozen=True)
class Place:
    """Where a heading is in the PDF: its page (1-based) and its top, in points above the page's foot."""

    page: int
    top: float


@dataclass(frozen=True)
class Layout:
    """What a PDF shows of the document's layout.

    Each heading's place by bookmark, the landscape pages, and where each page's text ends: the foot of its
    lowest line in points below the top of the page (the page number in the footer left out). ``gaps``: for a
    heading with text above it on its page, how far above the heading that text ends (its spacing), in points.
    """

    places: Mapping[str, Place]
    landscape: frozenset[int]
    ends: Mapping[int, float] = dataclasses.field(default_factory=dict)
    heights: Mapping[int, float] = dataclasses.field(default_factory=dict)
    gaps: Mapping[str, float] = dataclasses.field(default_factory=dict)

    def pages(self) -> dict[str, int]:
        """Return each heading's page by bookmark."""
        return {name: place.page for name, place in self.places.items()}


@dataclass(frozen=True)
class Body:
    """The portrait pages' text area in points: where it starts (from the foot of the page) and its height."""

    top: float
    height: float


def read_layout(pdf: bytes, pdfinfo: str) -> Layout:
    """Return the layout of ``pdf``, read with ``pdfinfo`` and ``pdftotext`` (both poppler's)."""
    pdftotext = str(Path(pdfinfo).with_name("pdftotext"))
    with tempfile.TemporaryDirectory(prefix="opsplan-pdfinfo-") as work:
        path = Path(work) / "plan.pdf"
        path.write_bytes(pdf)
        dests = _poppler([pdfinfo, "-dests", str(path)])
        sizes = _poppler([pdfinfo, "-f", "1", "-l", "100000", str(path)])
        words = _poppler([pdftotext, "-bbox", str(path), "-"])
    places = {f"_Toc{number}": Place(int(page), float(top)) for page, top, number in _DEST.findall(dests)}
    landscape = frozenset(int(n) for n, width, height in _SIZE.findall(sizes) if float(width) > float(height))
    ends: dict[int, float] = {}
    heights: dict[int, float] = {}
    feet: dict[int, list[float]] = {}
    for number, (_, height, content) in enumerate(_PAGE.findall(words), start=1):
        heights[number] = float(height)
        feet[number] = [y for y in map(float, _WORD_FOOT.findall(content)) if HEADER < y < float(height) - FOOTER]
        ends[number] = max(feet[number], default=0.0)
    gaps: dict[str, float] = {}
    for name, place in places.items():
        top = heights.get(place.page, 0.0) - place.top  # the heading's top, down from the top of its page
        above = [y for y in feet.get(place.page, []) if y <= top + 1]
        if above:
            gaps[name] = max(top - max(above), 0.0)
    return Layout(places, landscape, ends, heights, gaps)


def _poppler(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise LayoutError(rmsg("pdf.poppler", tool=Path(command[0]).name, error=error)) from None
    if result.returncode != 0:
        raise LayoutError(rmsg("pdf.poppler_made", tool=Path(command[0]).name))
    return result.stdout.decode("utf-8", "replace")


def body_of(docx: bytes) -> Body:
    """Return the text area of the DOCX's portrait pages, from its last section's page size and margins."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    tail = xml[xml.rfind("<w:sectPr") :]
    height = _HEIGHT.search(tail)
    margins = _MARGINS.search(tail)
    page = int(height[1]) if height else 16838  # A4
    top, bottom = (int(margins[1]), int(margins[2])) if margins else (1440, 1440)
    return Body(top=(page - top) / 20, height=(page - top - bottom) / 20)


@dataclass(frozen=True)
class Breaks:
    """The chapters that start a new page (by bookmark) and the page each heading is then expected on."""

    chapters: frozenset[str]
    pages: dict[str, int]


def chapter_breaks(
    layout: Layout,
    chapters: Sequence[str],
    body: Body,
    *,
    current: frozenset[str] | None = None,
    settled: frozenset[str] = frozenset(),
) -> Breaks:
    """Decide which ``chapters`` (bookmarks, in order) start a new page, from ``layout``.

    A chapter low on its page (the text before it ends in the bottom third) gets a break, which pushes every heading
    after it down by the room it leaves, less the room left empty at the foot of the pages in between (a page that
    ended short, its next table or heading kept for the next page, takes the push up), up to the next landscape page
    (a section break, which starts a new page whatever comes before it). ``current``: the chapters that start a new
    page in ``layout``, when revising a layout made with breaks. Then only the first wrong decision is changed (the
    layout says nothing sure about what follows it): a break after a page that ends more than a third empty is taken
    back (the chapter follows on and pulls what comes after it up by that room), or a chapter low on its page gets
    one. ``settled``: chapters an earlier revision changed, which keep their decision (a chapter on the edge of a
    third would otherwise swing between the two).
    """
    ordered = sorted(layout.places.items(), key=lambda item: (item[1].page, -item[1].top))
    chapter_set = set(chapters)
    first = chapters[0] if chapters else None  # follows the contents, on a page of its own already
    revising = current is not None
    current = current or frozenset()
    breaks = set(current)
    changed = False
    pages: dict[str, int] = {}
    push = 0.0  # points the breaks decided so far add before the current heading, since the last section break
    carry = delta = 0  # pages the breaks before the last section break added; and so far
    previous_page = 0
    for name, place in ordered:
        if any(previous_page < p <= place.page for p in layout.landscape):
            push, carry = 0.0, delta  # a section break starts a page whatever came before it
        for passed in range(max(previous_page, 1), place.page):  # a page that ended short takes up a push
            if push > 0:
                push = max(push - _room_before(layout, passed + 1, body), 0.0)
        previous_page = place.page
        if place.page in layout.landscape:
            pages[name] = place.page + carry
            continue
        down = body.top - place.top + push  # from the top of the heading's page in ``layout``
        page = place.page + carry + int(down // body.height)
        into = down % body.height
        # less than a third of the page left below the text before the heading: a break would waste under a third
        low = into - layout.gaps.get(name, 0.0) > (1 - WASTE) * body.height
        deciding = not (revising and changed) and name not in settled
        if deciding and name in current and _room_before(layout, place.page, body) > WASTE * body.height:
            breaks.discard(name)  # the page before it ends more than a third empty: follow on, pull up
            push -= _room_before(layout, place.page, body)
            page -= 1
            changed = True
        elif deciding and name in chapter_set and name != first and name not in current and low:
            breaks.add(name)
            push += body.height - into
            page += 1
            changed = True
        pages[name] = page
        delta = page - place.page
    return Breaks(frozenset(breaks), pages)


def _room_before(layout: Layout, page: int, body: Body) -> float:
    """Return the empty room at the foot of the text area of the page before ``page`` (0 if it is landscape)."""
    before = page - 1
    if before < 1 or before in layout.landscape or before not in layout.ends:
        return 0.0
    top_margin = layout.heights[before] - body.top
    return max(body.height - (layout.ends[before] - top_margin), 0.0)


__all__ = ["Body", "Breaks", "Layout", "LayoutError", "Place", "body_of", "chapter_breaks", "read_layout"]
