"""An estimate, in Python, of how LibreOffice lays out the DOCX we write: each heading's page, the chapter breaks.

The DOCX's blocks (recorded as its body is written, ``layout_record``, or read back, ``layout_docx``) are set line
by line (``layout_text``): each paragraph's lines from its text, width and font, each table row's height from its
cells, then the blocks are put on pages as Writer does:
the space between two paragraphs is the larger of the first's space after and the second's space before, none at
the top of a page the text flowed onto; a heading keeps with what follows it (so does a caption with its table),
and a paragraph that keeps with the next does not split; other paragraphs leave two lines at least on each side of
a page break; the last line on a page fits when its text does (the spacing of a line set 1.5 times may run past
the foot); a row does not split, the header rows repeat at the top of each page a table runs onto, and a table
that would leave only its header rows on a page starts on the next; a section break starts a page, landscape or
portrait. The rules and the line heights were measured in LibreOffice 7.4 (``tests/test_layout_agreement.py``
checks them against its layout of every example).

Chapter breaks are decided on the way, as ``paginate`` decides them from a LibreOffice layout: a chapter (after
the first) starts a new page when the text before it ends in the bottom third of its page, else it follows on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from opsplan.render.layout_docx import Cell, Document, Para, Row, Style, Table, read_docx
from opsplan.render.layout_lines import lines_of
from opsplan.render.layout_text import CJK_HEIGHT, LATIN_HEIGHT

WASTE = 1 / 3  # as ``paginate``: the most of a page a chapter break may leave empty
BORDER = 0.5  # a table row's border (w:sz 4 is half a point)
ORPHANS = WIDOWS = 2  # LibreOffice's widow and orphan control for a DOCX that sets none


class Estimate(NamedTuple):
    """Where the estimate puts each heading (bookmark → page, 1-based) and which chapters start a page.

    ``tops``: each heading's top, in points down from the top of its page's text area.
    """

    pages: dict[str, int]
    breaks: frozenset[str]
    tops: dict[str, float]


# A single line's height in twips at a type size (half-points) in Noto Sans CJK and in Liberation Sans, as LibreOffice
# 7.4 sets them (measured: 12 lines or more of each); other sizes are worked out from the fonts' heights. Our styles set
# exact heights: these serve a paragraph spaced automatically (a picture's, or a style from --reference-docx)
_CJK_TWIPS = {14: 203, 15: 217, 18: 261, 19: 275, 21: 304, 24: 348, 28: 406, 32: 463, 40: 579}
_LATIN_TWIPS = {14: 161, 15: 173, 18: 207, 19: 218, 21: 242, 24: 276, 28: 322, 32: 369, 40: 460}


def single_height(size: float, wide: bool) -> float:
    """Return the height in points of a single-spaced line of text at ``size`` points (``wide``: Chinese on it)."""
    half_points = round(size * 2)
    table = _CJK_TWIPS if wide else _LATIN_TWIPS
    twips = table.get(half_points) or round(size * 20 * (CJK_HEIGHT if wide else LATIN_HEIGHT))
    return twips / 20


def _line_height(style: Style, wide: bool) -> float:
    if style.rule == "exact":  # our styles: the height whatever the font
        return style.line
    natural = single_height(style.size, wide)
    if style.rule == "auto":
        return math.floor(natural * 20 * style.line + 1e-6) / 20  # LibreOffice drops the fraction of a twip
    return max(style.line, natural)


def para_lines(para: Para, width: float, *, cell: bool = False) -> tuple[float, ...]:
    """Return the heights of the lines of ``para`` set in a column ``width`` points wide (``cell``: a table's)."""
    key = (width, cell)
    lines = para.lines.get(key)  # kept on the paragraph: a Gantt's empty cells are one paragraph, read once
    if lines is None:
        lines = para.lines[key] = tuple(_para_lines(para, width, cell))
    return lines


def _para_lines(para: Para, width: float, cell: bool) -> list[float]:
    style = para.style
    if para.picture:
        return [para.picture]
    rest = width - style.left
    first = rest - style.first
    runs = para.runs
    if style.first < 0:  # a list item: its label (a bullet, or a number and a tab) hangs, its text starts at the indent
        first = rest
        if para.tabbed and not para.style_id.startswith("TOC"):
            runs = _after_tab(runs)
    heights: list[float] = []
    chunks = _split_breaks(runs)
    for chunk in chunks:
        count, wides = lines_of(chunk, style.size, first, rest, not cell)  # no hanging mark in a cell
        if para.tabbed and para.style_id.startswith("TOC"):  # a contents line: one line, the number after dots
            count, wides = 1, (wides[0] or any(wides),)
        if style.rule == "exact":
            heights.extend([style.line] * count)
        else:
            heights.extend(_line_height(style, wide) for wide in wides[:count])
        first = rest
    return heights


def _after_tab(runs: tuple[tuple[str, bool], ...]) -> tuple[tuple[str, bool], ...]:
    """Return ``runs`` from the first tab on (the text after a list item's label)."""
    for index, (text, _) in enumerate(runs):
        if "\t" in text:
            return runs[index + 1 :]
    return runs


def _split_breaks(runs: tuple[tuple[str, bool], ...]) -> list[tuple[tuple[str, bool], ...]]:
    """Split ``runs`` at line breaks (``w:br``)."""
    for text, _ in runs:
        if text == "\n":
            break
    else:  # most paragraphs: no line break
        return [runs]
    out: list[list[tuple[str, bool]]] = [[]]
    for text, bold in runs:
        if text == "\n":
            out.append([])
        else:
            out[-1].append((text, bold))
    return [tuple(chunk) for chunk in out]


def _cell_height(cell: Cell) -> float:
    """Return the height of ``cell``'s paragraphs, with the space before the first and after each."""
    paras = cell.paras
    if len(paras) == 1:  # most cells: one paragraph, its lines often laid out already (``para_lines``)
        para = paras[0]
        style = para.style
        lines = para.lines.get((cell.width, True))
        if lines is None:
            lines = para_lines(para, cell.width, cell=True)
        return style.before + (sum(lines) + style.after)
    height = 0.0
    previous: Style | None = None
    for para in cell.paras:
        style = para.style
        height += style.before if previous is None else max(previous.after, style.before) - previous.after
        height += sum(para_lines(para, cell.width, cell=True)) + style.after
        previous = style
    return height


def row_height(row: Row) -> float:
    """Return the height of a table row: its tallest cell and a border, at least the height the row asks for."""
    tallest = 0.0
    for cell in row.cells:
        height = cell.height
        if height < 0:
            height = cell.height = _cell_height(cell)
        if height > tallest:
            tallest = height
    if row.exact:
        return row.height
    return max(tallest + BORDER, row.height)  # the height a row asks for holds its border


class _Cursor:
    """Where the layout is: the page, the points used of its text area, and what the last block leaves.

    ``height`` and ``width``: the text area's on this page; ``top``: at the top of a page the text flowed onto
    ("flow"), or one a break began ("break"), or ""; ``after``: the space after the last paragraph; ``ink``: where
    the text of the last line ends (its proportional spacing below left out).
    """

    __slots__ = ("after", "height", "ink", "last", "page", "top", "width", "y")

    def __init__(
        self,
        page: int,
        y: float,
        height: float,
        width: float,
        top: str = "flow",
        after: float = 0.0,
        last: Para | None = None,
        ink: float = 0.0,
    ) -> None:
        self.page = page
        self.y = y
        self.height = height
        self.width = width
        self.top = top
        self.after = after
        self.last = last
        self.ink = ink

    def copy(self) -> _Cursor:
        """Return a copy of the cursor (this runs for every block)."""
        return _Cursor(self.page, self.y, self.height, self.width, self.top, self.after, self.last, self.ink)

    def new_page(self, height: float, width: float, top: str = "flow") -> None:
        self.page += 1
        self.y = 0.0
        self.height, self.width = height, width
        self.top = top
        self.after = 0.0
        self.last = None
        self.ink = 0.0


def estimate(docx: bytes, chapters: Sequence[str], *, decide: bool = True) -> Estimate:
    """Return the estimated layout of ``docx``: each heading's page and the chapters that start a page.

    ``chapters``: the chapter headings' bookmarks in order (the first follows the contents and already starts a
    page). With ``decide``, chapters after the first start a page when the text before them ends low (see the
    module's docstring), whatever the DOCX says; without, as the DOCX says.
    """
    return estimate_document(read_docx(docx), chapters, decide=decide)


def estimate_document(document: Document, chapters: Sequence[str], *, decide: bool = True) -> Estimate:
    """Return the estimated layout of ``document`` (a DOCX read back by ``layout_docx.read_docx``), as ``estimate``."""
    return _Layout(document, chapters, decide).run()


class _Layout:
    def __init__(self, document: Document, chapters: Sequence[str], decide: bool) -> None:
        self.doc = document
        self.chapters = set(chapters[1:]) if decide else set()
        self._top = 0.0  # the top of the last paragraph placed
        width, height = document.portrait
        self.portrait = (height, width)
        self.landscape_size = (width, height)  # a landscape page's text area: as high as a portrait one is wide

    def run(self) -> Estimate:
        doc = self.doc
        section = 0
        height, width = self._area(section)
        cursor = _Cursor(1, 0.0, height, width, "break")
        pages: dict[str, int] = {}
        tops: dict[str, float] = {}
        breaks: set[str] = set()
        index = 0
        chain: tuple[int, _Cursor] | None = None  # where the current run of keep-with-next blocks started
        pushed: set[int] = set()  # chains already moved to a new page (moved once)
        while index < len(doc.blocks):
            block = doc.blocks[index]
            keeps = isinstance(block, Para) and block.style.keep_next
            start_page = cursor.page
            start = cursor.copy() if keeps and chain is None else None  # where a chain starts: kept, else not needed
            if isinstance(block, Para):
                if self._forced_break(block, cursor, breaks):
                    if cursor.y > 0 or cursor.top == "":
                        cursor.new_page(*self._area(section), top="break")
                    cursor.top = "break"  # the space before is kept after a page break
                first_page = self._place_para(block, cursor)
            else:
                first_page = self._place_table(block, cursor)
            moved = first_page != start_page
            if moved and chain is not None and chain[0] not in pushed and chain[1].page == start_page and chain[1].y:
                pushed.add(chain[0])  # the blocks kept with this one go to its page, once
                placed = index + 1  # blocks chain[0] … index were placed; those after, not yet
                index, cursor = chain[0], chain[1].copy()
                cursor.new_page(*self._area(section))
                chain = None
                self._forget(pages, tops, breaks, index, placed)
                continue
            if isinstance(block, Para) and block.bookmark:
                pages[block.bookmark] = first_page
                tops[block.bookmark] = self._top
            if keeps and chain is None:
                assert start is not None
                chain = (index, start)
            elif not keeps:
                chain = None
            if isinstance(block, Para) and block.section_end:
                section += 1
                cursor.new_page(*self._area(section), top="break")
            index += 1
        return Estimate(pages, frozenset(breaks), tops)

    def _forget(self, pages: dict[str, int], tops: dict[str, float], breaks: set[str], index: int, end: int) -> None:
        """Drop what was placed of blocks ``index`` to ``end`` (not included): they are placed again."""
        for block in self.doc.blocks[index:end]:
            if isinstance(block, Para) and block.bookmark:
                pages.pop(block.bookmark, None)
                tops.pop(block.bookmark, None)
                breaks.discard(block.bookmark)

    def _area(self, section: int) -> tuple[float, float]:
        landscape = section < len(self.doc.landscape) and self.doc.landscape[section]
        return self.landscape_size if landscape else self.portrait

    def _forced_break(self, para: Para, cursor: _Cursor, breaks: set[str]) -> bool:
        name = para.bookmark
        if name is not None and name in self.chapters:
            if cursor.ink > (1 - WASTE) * cursor.height:
                breaks.add(name)
                return True
            return False
        return para.style.page_break

    def _place_para(self, para: Para, cursor: _Cursor) -> int:
        """Put ``para`` on the page(s) from ``cursor``; return the page of its first line."""
        style = para.style
        lines = para_lines(para, cursor.width)
        last = cursor.last
        same = last is not None and style.contextual and last.style_id == para.style_id
        if cursor.top == "flow":
            space = 0.0
        elif cursor.top == "break":
            space = style.before
        else:
            space = 0.0 if same else max(cursor.after, style.before)
        keep = style.keep_lines or style.keep_next or para.bookmark is not None  # a kept paragraph does not split
        shrink = 1 / style.line if style.rule == "auto" and style.line > 1 else 1.0
        fits = _fitting(lines, cursor.height - cursor.y - space, shrink)
        # orphans and widows: two lines at least on each side of a page break
        if fits < len(lines) and cursor.y > 0 and (keep or min(fits, len(lines) - WIDOWS) < ORPHANS):
            cursor.new_page(cursor.height, cursor.width)
            space = 0.0
        cursor.y += space
        first_page = cursor.page
        self._top = cursor.y
        remaining = lines
        while remaining:
            fits = _fitting(remaining, cursor.height - cursor.y, shrink)
            if fits >= len(remaining):
                cursor.y += sum(remaining)
                cursor.ink = cursor.y - remaining[-1] * (1 - shrink)
                break
            take = max(min(fits, len(remaining) - WIDOWS), 1 if cursor.y == 0 else 0)
            cursor.y += sum(remaining[:take])
            remaining = remaining[take:]
            cursor.new_page(cursor.height, cursor.width)
        cursor.after = style.after
        cursor.top = ""
        cursor.last = para
        return first_page

    def _place_table(self, table: Table, cursor: _Cursor) -> int:
        """Put ``table`` on the page(s) from ``cursor``; return the page of its first row."""
        if not cursor.top:
            cursor.y += cursor.after  # the paragraph before it keeps its space after
        heights = [row_height(r) for r in table.rows]
        head = sum(h for h, r in zip(heights, table.rows, strict=True) if r.header)
        first_page = 0
        body = False  # a row other than a header row is on the table's first page
        for index, row in enumerate(table.rows):
            group = index  # the rows kept with this one: on one page
            while group + 1 < len(table.rows) and table.rows[group].keep:
                group += 1
            needed = sum(heights[index : group + 1]) if not (index and table.rows[index - 1].keep) else heights[index]
            if cursor.y + needed + BORDER > cursor.height + 0.01 and cursor.y > 0:  # the rows and a top border
                if first_page == cursor.page and not body:  # a table does not leave its header rows alone
                    first_page = cursor.page + 1
                cursor.new_page(cursor.height, cursor.width)
                if not row.header:
                    cursor.y += head
            if not first_page:
                first_page = cursor.page
            body = body or not row.header
            cursor.y += heights[index]
        cursor.y += BORDER
        cursor.ink = cursor.y - 2 * BORDER
        cursor.after = 0.0
        cursor.top = ""
        cursor.last = None
        return first_page or cursor.page


def _fitting(lines: Sequence[float], room: float, shrink: float = 1.0) -> int:
    """Return how many of ``lines`` fit in ``room`` points.

    The last line on a page fits when its text does (``shrink``: the share of its height the text takes; the rest
    is the proportional spacing below it, which the foot of the page may cut off).
    """
    count = 0
    for line in lines:
        if room - line < -0.01:
            if shrink < 1 and room - line * shrink >= -0.01:
                count += 1
            break
        room -= line
        count += 1
    return count


__all__ = ["Estimate", "estimate", "estimate_document", "para_lines", "row_height"]
