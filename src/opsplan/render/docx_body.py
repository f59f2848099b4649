"""The DOCX body as WordprocessingML text, built block by block from the parsed Markdown.

Paragraphs and tables are written as XML strings and parsed once (see ``docx.build_docx``): this is
linear in the size of the plan, where python-docx's cell-by-cell object API is quadratic on big tables.
Widths are in twentieths of a point (twips, ``dxa``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from opsplan.render.docx_widths import BODY_SIZE, SMALL_SIZE, display_width, fit_widths, keep_units, measure_column
from opsplan.render.figures_markdown import is_heat_table
from opsplan.render.mdparse import (
    Block,
    BulletList,
    CodeBlock,
    Heading,
    Inline,
    NumberedList,
    Paragraph,
    Table,
    Toc,
    inline_text,
)
from opsplan.render.palette import BORDER, HEADER_FILL

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile("[\t\n\r]")
_NOT_PLAIN = re.compile('[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff&<>"]')  # what ``esc`` changes


# Styles the body refers to (by id); docx.py makes sure each exists.
STYLE_BODY = "BodyText"
STYLE_TABLE = "OpsplanTableText"
STYLE_TABLE_SMALL = "OpsplanTableSmall"
STYLE_GANTT = "OpsplanGanttText"
STYLE_TOC_HEADING = "TOCHeading"
STYLE_CODE = "OpsplanCode"


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (controls, unpaired surrogates); tabs and newlines → space."""
    return _BAD_XML.sub("", _SPACES.sub(" ", text))


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 cannot hold, keeping tabs and line breaks (for whole Markdown texts)."""
    return _BAD_XML.sub("", text)


def esc(text: str) -> str:
    """Clean ``text`` and escape it for XML character data and attribute values."""
    if not _NOT_PLAIN.search(text):
        return text
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run_xml(text: str, *, bold: bool = False, color: str | None = None) -> str:
    """Return one ``w:r`` with its text (empty string for empty text)."""
    if not text:
        return ""
    if not bold and not color:
        return f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    props = ("<w:b/><w:bCs/>" if bold else "") + (f'<w:color w:val="{color}"/>' if color else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def runs_xml(runs: Inline, *, bold: bool = False, color: str | None = None) -> str:
    """Return the runs of inline text; ``bold`` makes every run bold (header cells)."""
    if len(runs) == 1:  # most cells and paragraphs
        return run_xml(runs[0].text, bold=bold or runs[0].bold, color=color)
    return "".join(run_xml(r.text, bold=bold or r.bold, color=color) for r in runs)


def para_xml(content: str, style: str | None = None, extra_ppr: str = "") -> str:
    """Return a ``w:p`` with an optional style id and extra paragraph properties (already in schema order)."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr = f"<w:pPr>{style_xml}{extra_ppr}</w:pPr>" if style_xml or extra_ppr else ""
    return f"<w:p>{ppr}{content}</w:p>"


def _label_xml(label: str) -> str:
    """Return a list label followed by a tab (to the hanging indent)."""
    return f'<w:r><w:t xml:space="preserve">{esc(label)}</w:t><w:tab/></w:r>'


def _hanging(indent: int) -> str:
    """Return paragraph properties for a list item: a tab stop and a hanging indent at ``indent``."""
    return (
        f'<w:tabs><w:tab w:val="left" w:pos="{indent}"/></w:tabs>'
        f'<w:spacing w:after="60"/><w:ind w:left="{indent}" w:hanging="420"/>'
    )


def field_runs(instruction: str, cached: str) -> tuple[str, str]:
    """Return the runs opening a complex field up to its result, and the run closing it."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + cached
    )
    return begin, '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def bookmark_name(number: int) -> str:
    """Return the bookmark of the ``number``-th heading (1-based), which the contents link to."""
    return f"_Toc{number:08d}"


def chapter_bookmarks(blocks: Iterable[Block]) -> list[str]:
    """Return the bookmarks of the chapter (``##``) headings among ``blocks``, in order, as the body names them."""
    headings = [b for b in blocks if isinstance(b, Heading) and b.level <= 4]
    return [bookmark_name(i) for i, heading in enumerate(headings, start=1) if heading.level == 2]


@dataclass(frozen=True)
class Layout:
    """Page geometry the body needs: text widths of portrait and landscape pages (twips)."""

    text_width: int
    landscape_text_width: int
    has_bullet_style: bool = True


@dataclass
class BodyWriter:
    """Turn blocks into body XML chunks; section breaks and chart slots are left as markers."""

    layout: Layout
    chapter_keys: tuple[str, ...] = ()  # the chapter key of each ``##`` heading, in order
    charted: frozenset[str] = frozenset()  # the chapter keys that get a chart slot at their end
    chunks: list[str] = field(default_factory=list)
    bookmarks: int = 0
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, text, bookmark)
    chart_slots: list[str] = field(default_factory=list)  # the chapter key of each chart slot marker
    chapters_seen: int = 0
    open_chapter: str | None = None
    last_section_heading: int = -1  # index in ``chunks`` of the last ``###``/``####`` heading
    landscape_used: bool = False  # one landscape section per document: the Gantt charts, one after another
    landscape_open: bool = False
    page_breaks: frozenset[str] = frozenset()  # the chapters (by bookmark) after the first that start a page
    chapters: dict[str, str] = field(default_factory=dict)  # each chapter heading's content, by bookmark

    def write(self, blocks: Iterable[Block]) -> None:
        """Write every block; ``Title``/``Meta`` belong to the title page and are skipped here.

        Mermaid blocks are for Markdown viewers and are left out, with the paragraph that introduces one
        (a paragraph ending in a colon right before it), which would otherwise point at nothing.
        """
        blocks = list(blocks)
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Paragraph) and _introduces_mermaid(block, following):
                continue
            if isinstance(block, CodeBlock) and block.lang == "mermaid":
                continue
            if not (isinstance(block, Table) and block.is_gantt) and not (
                isinstance(block, Paragraph) and isinstance(following, Table) and following.is_gantt
            ):
                self.close_landscape()  # a chart's caption stays with it
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                # a caption (a short paragraph, or one ending in a colon, right before a table) stays on the
                # page of the table's first row
                caption = isinstance(following, Table) and (following.is_gantt or _is_caption(block))
                extra = "<w:keepNext/>" if caption else ""
                if isinstance(following, Table) and following.is_gantt:  # a Gantt chart's caption: space above
                    extra += '<w:spacing w:before="240"/>'
                extra += '<w:ind w:left="420"/>' if block.quote else ""
                self.chunks.append(para_xml(runs_xml(block.runs), STYLE_BODY, extra))
            elif isinstance(block, BulletList | NumberedList):
                self.list_(block)
            elif isinstance(block, Table):
                self.gantt(block) if block.is_gantt else self.heat(block) if is_heat_table(block) else self.table(block)
            elif isinstance(block, CodeBlock):
                for line in block.text.split("\n"):
                    self.chunks.append(para_xml(run_xml(line), STYLE_CODE))
            elif isinstance(block, Toc):
                self.chunks.append(TOC_MARKER)
        self.close_landscape()
        self.close_chapter()

    def heading(self, block: Heading) -> None:
        """Heading 1–3 for ``##``–``####`` with a bookmark the TOC links to; deeper ones are bold text."""
        if block.level > 4:
            self.chunks.append(para_xml(run_xml(block.text, bold=True), STYLE_BODY, "<w:keepNext/>"))
            return
        level = block.level - 1
        if level == 1:
            self.close_chapter()
            index, self.chapters_seen = self.chapters_seen, self.chapters_seen + 1
            self.open_chapter = self.chapter_keys[index] if index < len(self.chapter_keys) else None
        self.bookmarks += 1
        name = bookmark_name(self.bookmarks)
        self.headings.append((level, block.text, name))
        if level > 1:
            self.last_section_heading = len(self.chunks)
        content = (
            f'<w:bookmarkStart w:id="{self.bookmarks}" w:name="{name}"/>'
            f'{run_xml(block.text)}<w:bookmarkEnd w:id="{self.bookmarks}"/>'
        )
        if level == 1:  # written when the chunks are joined, once the chapter breaks are known (``chapter_xml``)
            self.chapters[name] = content
        self.chunks.append(CHAPTER_MARKER + name if level == 1 else para_xml(content, f"Heading{level}"))

    def chapter_xml(self, name: str) -> str:
        """Return the chapter heading ``name``: the first follows the contents, the others break where asked."""
        breaking = name == next(iter(self.chapters)) or name in self.page_breaks
        return para_xml(self.chapters[name], "Heading1", "<w:pageBreakBefore/>" if breaking else "")

    def close_chapter(self) -> None:
        """Leave a chart slot at the end of a chapter that has charts."""
        if self.open_chapter is not None and self.open_chapter in self.charted:
            self.chart_slots.append(self.open_chapter)
            self.chunks.append(CHART_MARKER)
        self.open_chapter = None

    def list_(self, block: BulletList | NumberedList) -> None:
        """Bullets use the List Bullet styles when present; numbers are written out (so lists restart)."""
        for index, item in enumerate(block.items):
            indent = 420 * (item.level + 1)
            if isinstance(block, NumberedList):
                label = _label_xml(f"{block.start + index}." if item.level == 0 else "–")
                self.chunks.append(para_xml(label + runs_xml(item.runs), None, _hanging(indent)))
            elif self.layout.has_bullet_style:
                style = "ListBullet" if item.level == 0 else f"ListBullet{min(item.level + 1, 3)}"
                self.chunks.append(para_xml(runs_xml(item.runs), style))
            else:
                self.chunks.append(para_xml(_label_xml("•") + runs_xml(item.runs), None, _hanging(indent)))

    def table(self, table: Table) -> None:
        """Write a table with columns sized to their content, a repeating header row and shaded header cells.

        Every column gets at least its widest unbreakable piece (``docx_widths``) at 9 pt, or at 7.5 pt when
        the page is too narrow for that; long text columns share what is left. A table whose pieces do not fit a
        portrait page even at 7.5 pt is set on a landscape page of its own. No row splits across pages.
        """
        header = keep_units(table.header)
        rows = [keep_units(row) for row in table.rows]
        columns = [[header[i], *(row[i] for row in rows)] for i in range(len(header))]
        measures = [measure_column(c) for c in columns]  # each cell's text is measured once
        total, style, size = self.layout.text_width, STYLE_TABLE, BODY_SIZE
        if sum(m.minimum_width(SMALL_SIZE) for m in measures) > total:  # a portrait page would break its words
            self.open_landscape()  # the next block closes it
            total = self.layout.landscape_text_width
        if sum(m.minimum_width(size) for m in measures) > total:  # too wide at 9 pt: 7.5 pt for this table
            style, size = STYLE_TABLE_SMALL, SMALL_SIZE
        minimums = [m.minimum_width(size) for m in measures]
        naturals = [m.natural_width(size) for m in measures]
        widths = fit_widths(naturals, total, minimums, [m.volume for m in measures])
        aligns = tuple(align or ("right" if measures[i].numeric else "left") for i, align in enumerate(table.aligns))
        parts = [_table_start(widths, cell_margin=80)]
        parts.append(
            _rows([header], _cell_opens(widths, aligns, header=True, style=style, keep=len(rows) >= 2), header=True)
        )
        # a table starts with the header and two rows on a page, and a page it runs on to holds at least its last
        # four rows under the repeated header (five lines: a landscape chart may follow on a page of its own)
        plain = _cell_opens(widths, aligns, header=False, style=style, keep=False)
        if len(rows) >= 7:
            kept = _cell_opens(widths, aligns, header=False, style=style, keep=True)
            spans = [(rows[:1], kept), (rows[1:-4], plain), (rows[-4:-1], kept), (rows[-1:], plain)]
        elif len(rows) >= 4:
            kept = _cell_opens(widths, aligns, header=False, style=style, keep=True)
            spans = [(rows[:1], kept), (rows[1:-2], plain), (rows[-2:-1], kept), (rows[-1:], plain)]
        else:
            spans = [(rows, plain)]
        parts.extend(_rows(span, opens, header=False) for span, opens in spans)
        parts.append("</w:tbl>")
        self.chunks.append("".join(parts))
        self.chunks.append(SPACER)

    def gantt(self, table: Table) -> None:
        """Write a Gantt chart (``docx_figures``); consecutive charts share one landscape section."""
        from opsplan.render.docx_figures import GANTT_CELL_MARGIN, gantt_table_xml, gantt_widths  # uses this module

        if not self.landscape_used:
            self.landscape_used = True
            self.open_landscape()
        landscape = self.landscape_open
        total = self.layout.landscape_text_width if landscape else self.layout.text_width
        widths = gantt_widths(table, total)
        self.chunks.append(gantt_table_xml(table, widths, _table_start(widths, cell_margin=GANTT_CELL_MARGIN)))

    def open_landscape(self) -> None:
        """Start landscape pages before what leads into the next table.

        That is the section heading right before it (with the text between), or else its caption (a paragraph
        kept with it).
        """
        start = self.last_section_heading
        at = start if start >= 0 and len(self.chunks) - start <= 3 else len(self.chunks)
        if at == len(self.chunks) and at > 0 and "<w:keepNext/>" in self.chunks[-1].split("</w:pPr>", 1)[0]:
            at -= 1
        if at > 0 and self.chunks[at - 1] == SPACER:  # the section break's own paragraph follows the table
            at -= 1  # a spacer filling a page's last line would put the break alone on a blank page
            del self.chunks[at]
        self.chunks.insert(at, SECTION_LANDSCAPE_MARKER)
        self.landscape_open = True

    def close_landscape(self) -> None:
        """End the landscape section (the Gantt charts', or a wide table's), if one is open."""
        if self.landscape_open:
            self.chunks.append(SECTION_PORTRAIT_MARKER)
            self.landscape_open = False

    def heat(self, table: Table) -> None:
        """Write the risk matrix as a 5×5 grid coloured by level (``docx_figures``)."""
        from opsplan.render.docx_figures import heat_grid_xml, heat_widths

        widths = heat_widths(table, self.layout.text_width)
        self.chunks.append(heat_grid_xml(table, widths, _table_start(widths, cell_margin=60)))
        self.chunks.append(SPACER)


TOC_MARKER = "\x00toc\x00"
SPACER = para_xml("", STYLE_BODY, '<w:spacing w:before="0" w:after="0"/>')  # after a table: keeps the next apart
CHART_MARKER = "\x00chart\x00"
CHAPTER_MARKER = "\x00chapter\x00"  # followed by the chapter's bookmark
SECTION_LANDSCAPE_MARKER = "\x00landscape\x00"
SECTION_PORTRAIT_MARKER = "\x00portrait\x00"


def _introduces_mermaid(paragraph: Paragraph, following: Block | None) -> bool:
    return (
        isinstance(following, CodeBlock)
        and following.lang == "mermaid"
        and inline_text(paragraph.runs).rstrip().endswith((":", "："))
    )


def _is_caption(paragraph: Paragraph) -> bool:
    text = inline_text(paragraph.runs).rstrip()
    return text.endswith((":", "：")) or display_width(text) <= 160


def _table_start(widths: list[int], *, cell_margin: int) -> str:
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


def _cell_opens(widths: list[int], aligns: tuple[str, ...], *, header: bool, style: str, keep: bool) -> list[str]:
    """Return the start of each column's cells in a row, up to the cell's runs; ``keep``: kept with the next row."""
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
    opens = []
    for width, align in zip(widths, aligns, strict=False):
        shown = "center" if header and align == "right" else align
        jc = f'<w:jc w:val="{shown}"/>' if shown != "left" else ""
        opens.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{"<w:keepNext/>" if keep else ""}{jc}</w:pPr>'
        )
    return opens


def _rows(rows: Iterable[tuple[Inline, ...]], opens: list[str], *, header: bool) -> str:
    """Return table rows whose cells start as ``opens`` say (one row's cells are as many as its table's columns)."""
    trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    return "".join(
        f"<w:tr>{trpr}"
        + "".join(
            f"{start}{runs_xml(cell, bold=header)}</w:p></w:tc>" for start, cell in zip(opens, cells, strict=False)
        )
        + "</w:tr>"
        for cells in rows
    )
