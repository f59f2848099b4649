"""The DOCX body as WordprocessingML text, built block by block from the parsed Markdown.

Paragraphs and tables are written as XML strings and parsed once (see ``docx.build_docx``): this is
linear in the size of the plan, where python-docx's cell-by-cell object API is quadratic on big tables.
Widths are in twentieths of a point (twips, ``dxa``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from opsplan.render.docx_widths import display_width
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

if TYPE_CHECKING:
    from opsplan.render.layout_record import Record, Run

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


def kept_text(text: str) -> str:
    """Return ``text`` as the XML holds it once unescaped (``esc`` cleans it)."""
    return clean(text) if _NOT_PLAIN.search(text) else text


def inline_runs(runs: Inline, bold: bool = False) -> tuple[tuple[str, bool | None], ...]:
    """Return the runs the layout estimate records of ``runs_xml(runs, bold=bold)``: each text as kept, its boldness.

    True where the run is bold, None where the paragraph's style decides (``layout_record.Run``); an empty text
    writes no run.
    """
    out = []
    for run in runs:
        text = kept_text(run.text)
        if text:
            out.append((text, True if bold or run.bold else None))
    return tuple(out)


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


class Layout(NamedTuple):
    """Page geometry the body needs: text widths of portrait and landscape pages (twips)."""

    text_width: int
    landscape_text_width: int
    has_bullet_style: bool = True


class BodyWriter:
    """Turn blocks into body XML chunks; section breaks and chart slots are left as markers.

    ``chapter_keys``: the chapter key of each ``##`` heading, in order; ``charted``: the chapter keys that get a
    chart slot at their end.
    """

    def __init__(
        self, layout: Layout, chapter_keys: tuple[str, ...] = (), charted: frozenset[str] = frozenset()
    ) -> None:
        self.layout = layout
        self.chapter_keys = chapter_keys
        self.charted = charted
        self.chunks: list[str] = []
        self.bookmarks = 0
        self.headings: list[tuple[int, str, str]] = []  # (level, text, bookmark)
        self.chart_slots: list[str] = []  # the chapter key of each chart slot marker
        self.chapters_seen = 0
        self.open_chapter: str | None = None
        self.last_section_heading = -1  # index in ``chunks`` of the last ``###``/``####`` heading
        self.landscape_used = False  # one landscape section per document: the Gantt charts, one after another
        self.landscape_open = False
        self.page_breaks: frozenset[str] = frozenset()  # the chapters (by bookmark) after the first that start a page
        self.chapters: dict[str, str] = {}  # each chapter heading's content, by bookmark
        self.record: Record | None = None  # where the layout estimate's blocks are recorded as the body is written

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
                self.para(runs_xml(block.runs), STYLE_BODY, extra, block.runs)
            elif isinstance(block, BulletList | NumberedList):
                self.list_(block)
            elif isinstance(block, Table):
                self.gantt(block) if block.is_gantt else self.heat(block) if is_heat_table(block) else self.table(block)
            elif isinstance(block, CodeBlock):
                for line in block.text.split("\n"):
                    self.para(run_xml(line), STYLE_CODE, "", line)
            elif isinstance(block, Toc):
                self.chunks.append(TOC_MARKER)
        self.close_landscape()
        self.close_chapter()

    def para(
        self, content: str, style: str | None, extra: str, runs: Inline | str, *, bold: bool = False, **known: str
    ) -> None:
        """Write a paragraph of ``content`` (the XML of ``runs``, a text or inline runs); record it if recording."""
        xml = para_xml(content, style, extra)
        self.chunks.append(xml)
        record = self.record
        if record is None:
            return
        if known:
            self.recorded(xml, style, extra, runs, bold=bold, **known)
        else:  # most paragraphs: no label, no bookmark (``recorded`` without its keywords)
            laid = record.text(runs, bold=bold) if isinstance(runs, str) else inline_runs(runs)
            record.add(xml, record.para(style, extra, laid))

    def recorded(
        self, xml: str, style: str | None, extra: str, runs: Inline | str, *, bold: bool = False, **known: str
    ) -> None:
        """Record the paragraph ``xml`` (``known``: its ``label`` before a tab, the ``bookmark`` it starts)."""
        record = self.record
        assert record is not None
        laid: tuple[Run, ...] = record.text(runs, bold=bold) if isinstance(runs, str) else record.inline(runs)
        if "label" in known:  # a list item's label, then a tab to its text
            laid = (*record.text(known["label"]), ("\t", None), *laid)
        record.add(xml, record.para(style, extra, laid, known.get("bookmark")))

    def heading(self, block: Heading) -> None:
        """Heading 1–3 for ``##``–``####`` with a bookmark the TOC links to; deeper ones are bold text."""
        if block.level > 4:
            self.para(run_xml(block.text, bold=True), STYLE_BODY, "<w:keepNext/>", block.text, bold=True)
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
            self.chunks.append(CHAPTER_MARKER + name)
            record = self.record
            if record is not None:
                for extra in ("", "<w:pageBreakBefore/>"):  # each way it may be written
                    laid = record.para("Heading1", extra, record.text(block.text), name)
                    record.add_rewritten(para_xml(content, "Heading1", extra), laid)
        else:
            self.para(content, f"Heading{level}", "", block.text, bookmark=name)

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
                label = f"{block.start + index}." if item.level == 0 else "–"
                self.para(_label_xml(label) + runs_xml(item.runs), None, _hanging(indent), item.runs, label=label)
            elif self.layout.has_bullet_style:
                style = "ListBullet" if item.level == 0 else f"ListBullet{min(item.level + 1, 3)}"
                self.para(runs_xml(item.runs), style, "", item.runs)
            else:
                self.para(_label_xml("•") + runs_xml(item.runs), None, _hanging(indent), item.runs, label="•")

    def table(self, table: Table) -> None:
        """Write a table (``docx_table``); one too wide for a portrait page gets a landscape one."""
        from opsplan.render.docx_table import size_table, table_xml  # uses this module

        sized = size_table(table, self.layout)
        if sized.landscape:
            self.open_landscape()  # the next block closes it
        self.chunks.append(table_xml(sized, self.record))
        self.para("", STYLE_BODY, _SPACER_PPR, "")  # ``SPACER``

    def gantt(self, table: Table) -> None:
        """Write a Gantt chart (``docx_figures``); consecutive charts share one landscape section."""
        from opsplan.render.docx_figures import GANTT_CELL_MARGIN, gantt_table_xml, gantt_widths  # uses this module
        from opsplan.render.docx_table import table_start

        if not self.landscape_used:
            self.landscape_used = True
            self.open_landscape()
        landscape = self.landscape_open
        total = self.layout.landscape_text_width if landscape else self.layout.text_width
        widths = gantt_widths(table, total)
        self.chunks.append(
            gantt_table_xml(table, widths, table_start(widths, cell_margin=GANTT_CELL_MARGIN), self.record)
        )

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
        from opsplan.render.docx_table import table_start

        widths = heat_widths(table, self.layout.text_width)
        self.chunks.append(heat_grid_xml(table, widths, table_start(widths, cell_margin=60)))
        self.para("", STYLE_BODY, _SPACER_PPR, "")  # ``SPACER``


TOC_MARKER = "\x00toc\x00"
_SPACER_PPR = '<w:spacing w:before="0" w:after="0"/>'
SPACER = para_xml("", STYLE_BODY, _SPACER_PPR)  # after a table: keeps the next apart
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
