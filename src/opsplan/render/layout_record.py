"""The layout's blocks of a DOCX, recorded by the body writer as it writes, for the page estimate (``layout``).

The body writer (``docx_body``, with ``docx_table``, the Gantt charts of ``docx_figures`` and the contents of
``docx_toc``) knows each paragraph's style, properties and runs and each table's columns and rows as it writes them:
it records them here as the blocks ``layout_docx`` would read back from the package, under the XML it wrote.
``Record.blocks_of`` then goes through the body as ``docx.build_docx`` joins it and takes each piece's blocks from the
record; the few small pieces written elsewhere (the title page, the risk matrix, the pictures, the section breaks) are
read from their XML with ``layout_docx``'s reader. So the estimate lays out the same blocks as it would from the
package, without packaging the document and parsing it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from opsplan.render.docx_body import inline_runs, kept_text
from opsplan.render.layout_docx import (
    Block,
    Cell,
    Para,
    Row,
    Style,
    Table,
    orientations,
    paragraph_style,
    read_body,
)
from opsplan.render.mdparse import Inline

# A run as the layout reads it: its text, and True or False where the run sets its boldness, None where the
# paragraph's style decides
Run = tuple[str, bool | None]
TableRow = tuple[bool, float, Sequence[tuple[int, str, tuple[Run, ...]]]]  # header, height, cells: width, pPr, runs
# rows written alike: header rows or not, each column's width and cell pPr, each row's cells' runs (``plain_table``)
LaidSpan = tuple[bool, Sequence[tuple[int, str]], Sequence[Sequence[tuple[Run, ...]]]]


KEPT_PARAS = 20_000  # a few plans' paragraphs and cells


class Record:
    """The blocks of the body's pieces, by the piece's XML; styles resolved as ``layout_docx`` resolves them."""

    def __init__(
        self,
        styles: Mapping[str, Style],
        renames: Mapping[str, str],
        paras: dict[tuple[str | None, str, tuple[Run, ...]], Para] | None = None,
    ) -> None:
        """Record with the resolved paragraph ``styles`` of a frame, whose style ids ``renames`` maps.

        ``paras``: the paragraphs recorded before in these styles, by style, properties and runs (the frame's
        ``laid``): a paragraph written again, in this plan or the next one of a batch, is laid out once.
        """
        self.styles = styles
        self.renames = renames
        # each piece's blocks by the piece itself (its id, the piece kept beside so that the id names no other while
        # recorded): a piece is looked up as the very text written, so the body's text is never hashed, hundreds of
        # kilobytes a plan; ``rewritten``: by text, the pieces written again when the body is joined (chapter headings)
        self.blocks: dict[int, tuple[str, tuple[Block, ...]]] = {}
        self.rewritten: dict[str, tuple[Block, ...]] = {}
        self._resolved: dict[tuple[str | None, str], tuple[str, Style]] = {}
        self._paras = {} if paras is None else paras
        if len(self._paras) > KEPT_PARAS:  # kept by a record never closed (layout_document's)
            self._paras.clear()
        self._cells: dict[tuple[str, int], dict[tuple[int, str, tuple[Run, ...]], Cell]] = {}  # by style and margin

    def close(self) -> None:
        """Let the blocks go, and the kept paragraphs when there are more than ``KEPT_PARAS`` (a long plan's)."""
        self.blocks.clear()
        self.rewritten.clear()
        self._cells.clear()
        if len(self._paras) > KEPT_PARAS:
            self._paras.clear()

    def add(self, xml: str, *blocks: Block) -> None:
        """Record ``blocks`` as what the piece ``xml`` holds (the body is joined from this very text)."""
        self.blocks[id(xml)] = (xml, blocks)

    def add_rewritten(self, xml: str, *blocks: Block) -> None:
        """Record ``blocks`` as what a piece of the text ``xml`` holds, written again when the body is joined."""
        self.rewritten[xml] = blocks

    def style(self, style: str | None, extra: str) -> tuple[str, Style]:
        """Return the style id and the resolved style of a paragraph written by ``docx_body.para_xml``."""
        key = (style, extra)
        found = self._resolved.get(key)
        if found is None:
            style_id = self.renames.get(style, style) if style else "Normal"
            ppr = f'<w:pStyle w:val="{style_id}"/>{extra}' if style else extra
            found = self._resolved[key] = (style_id, paragraph_style(self.styles, style_id, ppr))
        return found

    def para(self, style: str | None, extra: str, runs: tuple[Run, ...], bookmark: str | None = None) -> Para:
        """Return the paragraph of style ``style`` with the properties ``extra`` and ``runs``."""
        key = (style, extra, runs)
        para = self._paras.get(key) if bookmark is None else None
        if para is None:
            style_id, resolved = self.style(style, extra)
            bold = resolved.bold
            tabbed = False
            laid = []
            for text, set_bold in runs:  # a plain loop: this runs for every paragraph and cell of the plan
                laid.append((text, bold if set_bold is None else set_bold))
                tabbed = tabbed or text == "\t"
            para = Para(resolved, style_id, tuple(laid), bookmark=bookmark, tabbed=tabbed)
            if bookmark is None:  # a paragraph written twice is laid out once (a Gantt's empty cells, spacers)
                self._paras[key] = para
        return para

    def text(self, text: str, *, bold: bool = False, color: str | None = None) -> tuple[Run, ...]:
        """Return the run ``docx_body.run_xml`` writes for ``text`` (none for an empty text)."""
        text = kept_text(text)
        if not text:
            return ()
        return ((text, True if bold else False if color else None),)

    def inline(self, runs: Inline, *, bold: bool = False) -> tuple[Run, ...]:
        """Return the runs ``docx_body.runs_xml`` writes for ``runs``."""
        return inline_runs(runs, bold)

    def table(self, xml: str, style: str, margin: int, rows: Iterable[TableRow], *, repeats: bool = False) -> None:
        """Record the table ``xml``, each of whose cells holds one paragraph of ``style`` (``margin``: twips each side).

        ``rows``: each row's header flag, the height it asks for (points, at least) and its cells: width (twips), the
        paragraph's properties after the style, its runs. No row splits; a row whose paragraphs keep with the next keeps
        with the next row. ``repeats``: the same cell comes again and again (a Gantt chart's periods), made once.
        """
        pad = 2 * margin / 20
        known = self._cells.setdefault((style, margin), {}) if repeats else None
        laid = Table()
        for header, height, cells in rows:
            keep = False
            row_cells = []
            for cell in cells:
                found = known.get(cell) if known is not None else None
                if found is None:
                    width, ppr, runs = cell
                    found = Cell(width / 20 - pad, [self.para(style, ppr, runs)])
                    if known is not None:
                        known[cell] = found
                keep = keep or found.paras[0].style.keep_next
                row_cells.append(found)
            laid.rows.append(Row(row_cells, height, False, header, True, keep))
        self.add(xml, laid)

    def plain_table(self, xml: str, style: str, margin: int, spans: Iterable[LaidSpan]) -> None:
        """Record the table ``xml`` as ``table`` does, its rows given span by span (``docx_table``).

        ``spans``: rows written alike: whether they are header rows, each column's width (twips) and its cells'
        paragraph properties after the style, and each row's cells' runs. A cell's width is worked out once a
        column, and its paragraph made (or found) without the tuple ``table`` takes for it.
        """
        pad = 2 * margin / 20
        laid = Table()
        add_row = laid.rows.append
        para, known = self.para, self._paras
        for header, columns, rows in spans:
            widths = [(width / 20 - pad, ppr) for width, ppr in columns]
            for cells in rows:
                keep = False
                row_cells = []
                for (width, ppr), runs in zip(widths, cells, strict=False):
                    found = known.get((style, ppr, runs)) or para(style, ppr, runs)  # ``para``, its lookup inlined
                    keep = keep or found.style.keep_next
                    row_cells.append(Cell(width, [found]))
                add_row(Row(row_cells, 0.0, False, header, True, keep))
        self.add(xml, laid)

    def blocks_of(self, pieces: Iterable[str]) -> tuple[list[Block], list[bool]]:
        """Return the blocks of the body made of ``pieces`` (in order), and whether each section it closes is landscape.

        A piece not recorded is read from its XML, with the style renames applied as the package has them.
        """
        blocks: list[Block] = []
        landscape: list[bool] = []
        memo: dict[str, Para] = {}
        for piece in pieces:
            found = self.blocks.get(id(piece))
            if found is not None and found[0] is piece:
                blocks.extend(found[1])
                continue
            recorded = self.rewritten.get(piece)
            if recorded is not None:
                blocks.extend(recorded)
                continue
            for ours, theirs in self.renames.items():
                piece = piece.replace(f'Style w:val="{ours}"/>', f'Style w:val="{theirs}"/>')
            blocks.extend(read_body(piece, self.styles, memo))
            landscape.extend(orientations(piece))
        return blocks, landscape


__all__ = ["LaidSpan", "Record", "Run", "TableRow"]
