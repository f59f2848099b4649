"""Markdown (opsplan's contract) → DOCX bytes, built from the same text as the .md.

One build path: the plan-independent frame (``docx_frame``, styles from ``docx_styles``), the title page and
body written as WordprocessingML text (here and ``docx_body``), and the package (``docx_package``). What Word,
WPS and LibreOffice need to show a finished document is there: a title page, a TOC field that already lists
the headings, Heading 1–3 styles, a page number in the footer, repeating table headers, a Chinese font in the
``eastAsia`` slot, landscape sections for the Gantt chart and any table too wide for a portrait page, and
document properties. The renderer hands over the plan's metadata (``DocumentInfo``) and the charts by chapter
key. The output is deterministic: the same input gives the same bytes (fixed ZIP timestamps, the date from the
plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from opsplan.formatting import date
from opsplan.render.docx_body import (
    CHAPTER_MARKER,
    CHART_MARKER,
    SECTION_LANDSCAPE_MARKER,
    SECTION_PORTRAIT_MARKER,
    TOC_MARKER,
    BodyWriter,
    clean,
    clean_text,
    esc,
    para_xml,
    run_xml,
)
from opsplan.render.docx_body import chapter_bookmarks as body_chapter_bookmarks
from opsplan.render.docx_frame import Frame, frame_for
from opsplan.render.docx_package import BODY_SLOT, picture_xml, write_package
from opsplan.render.docx_toc import Contents, contents_xml, placeholder_pages
from opsplan.render.mdparse import Block, Meta, Title, Toc, parse_markdown

if TYPE_CHECKING:
    from opsplan.render.layout_docx import Document

_LABELS = {
    "zh": {
        "shop": "店铺",
        "client": "客户",
        "version": "版本",
        "author": "编制",
        "date": "日期",
        "sep": "：",
        "draft": "草稿",
    },
    "en": {
        "shop": "Shop",
        "client": "Client",
        "version": "Version",
        "author": "Prepared by",
        "date": "Date",
        "sep": ": ",
        "draft": "DRAFT",
    },
}
_HEADERS = ("shop", "client", "version", "author", "date")  # the title page's lines under the title, in order


class DocumentInfo(NamedTuple):
    """What the title page and the document properties show.

    Title, shop, client, version, author, date, confidentiality notice, locale, and the keywords of the
    document properties.
    """

    title: str = ""
    shop: str = ""
    author: str = ""
    date: dt.date | None = None
    locale: str = "zh-CN"
    draft: bool = False  # 草稿 / DRAFT in the header of every page
    client: str = ""
    version: str = ""
    confidentiality: str = ""
    keywords: str = ""


def build_docx(
    markdown_text: str,
    info: DocumentInfo | None = None,
    *,
    chapters: Sequence[str] = (),
    charts: Mapping[str, Sequence[bytes]] | None = None,
    reference_docx: Path | None = None,
    contents: Contents | None = None,
    page_breaks: frozenset[str] = frozenset(),
) -> bytes:
    """Return the DOCX of ``markdown_text``.

    ``info``: the plan's metadata (without it, the title comes from the Markdown's ``#`` line).
    ``chapters``: the chapter key of each ``##`` chapter heading, in order (the contents heading aside).
    ``charts``: PNG images by chapter key; each goes at the end of its chapter, or at the end of the
    document when no chapter has that key. ``reference_docx``: a DOCX whose styles, page setup and
    headers are used (its body is dropped). ``contents``: how deep the contents go and the page of each heading,
    given or estimated (``docx_toc``). ``page_breaks``: the chapters (by bookmark, ``chapter_bookmarks``) that
    start a new page besides the first, which follows the contents; the others follow on (``paginate``). When the
    contents are estimated, the estimate decides the chapter breaks instead (``layout``): the body is written once,
    recording the blocks a layout needs as it goes (``layout_record``); those blocks, with placeholder numbers in the
    contents and no chapter breaks, are laid out, and the DOCX is packaged once, with the estimate's breaks and
    numbers, so the numbers are the pages of the document as it is.
    """
    contents = contents or Contents()
    estimating = contents.estimate and contents.pages is None
    written = _write(markdown_text, info, chapters, charts, reference_docx, record=estimating)
    writer = written.writer
    if estimating:
        from opsplan.render.layout import estimate_document

        laid_out = written.laid_out(contents._replace(pages=placeholder_pages()))
        record, writer.record = writer.record, None
        guess = estimate_document(laid_out, list(writer.chapters))
        del laid_out
        if record is not None:
            record.close()
        page_breaks, contents = guess.breaks, contents._replace(pages=guess.pages)
    writer.page_breaks = page_breaks
    return written.package(contents)


def layout_document(
    markdown_text: str,
    info: DocumentInfo,
    *,
    chapters: Sequence[str] = (),
    charts: Mapping[str, Sequence[bytes]] | None = None,
    reference_docx: Path | None = None,
    contents: Contents | None = None,
) -> Document:
    """Return what the layout estimate lays out for ``build_docx`` with the same arguments (recorded as it writes).

    That is the document ``build_docx`` writes with placeholder page numbers in the contents and no chapter breaks
    but the first, as ``layout_docx.read_docx`` would read it back.
    """
    contents = (contents or Contents())._replace(pages=placeholder_pages(), estimate=False)
    return _write(markdown_text, info, chapters, charts, reference_docx, record=True).laid_out(contents)


def _write(
    markdown_text: str,
    info: DocumentInfo | None,
    chapters: Sequence[str],
    charts: Mapping[str, Sequence[bytes]] | None,
    reference_docx: Path | None,
    *,
    record: bool,
) -> _Written:
    """Write the body of ``markdown_text`` (``record``: with the blocks the layout estimate needs)."""
    blocks = parse_markdown(clean_text(markdown_text))
    if info is None:
        info = DocumentInfo(title=next((b.text for b in blocks if isinstance(b, Title)), ""))
    frame = frame_for(info.locale, reference_docx, draft=info.draft, versioned=bool(info.version))
    by_chapter = {key: list(images) for key, images in (charts or {}).items() if images}
    writer = BodyWriter(frame.layout, chapter_keys=tuple(chapters), charted=frozenset(by_chapter))
    if record:
        from opsplan.render.layout_record import Record

        writer.record = Record(frame.styles, frame.renames, frame.laid)
    writer.write(b for b in blocks if not isinstance(b, Title | Meta))
    return _Written(writer, blocks, info, frame, by_chapter)


class _Written:
    """A body written, and what its package needs besides: the title and contents blocks, metadata, frame, charts."""

    __slots__ = ("blocks", "charts", "frame", "info", "writer")

    def __init__(
        self,
        writer: BodyWriter,
        blocks: list[Block],
        info: DocumentInfo,
        frame: Frame,
        charts: Mapping[str, list[bytes]],
    ) -> None:
        self.writer = writer
        self.blocks = blocks
        self.info = info
        self.frame = frame
        self.charts = charts

    def pieces(self, contents: Contents) -> tuple[list[str], list[bytes]]:
        """Return the document's pieces in order (section markers left in) with ``contents``, and its images."""
        pieces = _assemble(self.writer, self.blocks, self.info, contents, self.frame.layout.text_width)
        return pieces, _place_charts(pieces, self.writer.chart_slots, self.charts)

    def laid_out(self, contents: Contents) -> Document:
        """Return the layout's document of what ``package`` would write now, from what the writer recorded."""
        from opsplan.render.layout_docx import document, orientations

        assert self.writer.record is not None
        pieces, _ = self.pieces(contents)
        sections = _Sections(self.frame.sections)
        laid, landscape = self.writer.record.blocks_of(sections.parts(pieces))
        final = self.frame.documents[sections.used].partition(BODY_SLOT)[2]  # the body's own section: its pages
        return document(laid, landscape + orientations(final), final)

    def package(self, contents: Contents) -> bytes:
        """Return the DOCX with ``contents``; the writer's chunks are let go as they are packaged."""
        pieces, images = self.pieces(contents)
        self.writer.chunks.clear()  # ``pieces`` holds them, and ``_place_sections`` lets them go as it encodes them
        frame = self.frame
        xml, landscape = _place_sections(pieces, frame.sections, frame.renames)
        return write_package(frame, xml, landscape=landscape, properties=_properties(self.info), images=images)


def chapter_bookmarks(markdown_text: str) -> list[str]:
    """Return the bookmarks of the chapter headings of the DOCX built from ``markdown_text``, in order."""
    return body_chapter_bookmarks(parse_markdown(clean_text(markdown_text)))


def _assemble(
    writer: BodyWriter, blocks: list[Block], info: DocumentInfo, contents: Contents, text_width: int
) -> list[str]:
    """Title page, then the body chunks with the TOC in place of the contents list."""
    default_title = "目录" if info.locale.startswith("zh") else "Contents"
    toc_title = next((b.title for b in blocks if isinstance(b, Toc)), default_title)
    pieces = [_title_page(info)]
    had_toc = False
    record = writer.record  # the contents' paragraphs are recorded for the layout estimate too
    for chunk in writer.chunks:
        if chunk == TOC_MARKER:
            pieces.append(contents_xml(toc_title, writer.headings, contents, text_width=text_width, record=record))
            had_toc = True
        elif chunk.startswith(CHAPTER_MARKER):
            pieces.append(writer.chapter_xml(chunk.removeprefix(CHAPTER_MARKER)))
        else:
            pieces.append(chunk)
    if not had_toc:
        pieces.insert(1, contents_xml(toc_title, writer.headings, contents, text_width=text_width, record=record))
    return pieces


def _place_charts(pieces: list[str], slots: list[str], charts: Mapping[str, list[bytes]]) -> list[bytes]:
    """Put each chapter's images in its chart slot (the rest at the end); return the images in body order."""
    images: list[bytes] = []
    slot_keys = iter(slots)

    def pictures(key: str) -> str:
        start = len(images)
        images.extend(charts[key])
        return "".join(picture_xml(start + i, png) for i, png in enumerate(charts[key]))

    for index, piece in enumerate(pieces):
        if piece == CHART_MARKER:
            pieces[index] = pictures(next(slot_keys))
    pieces.extend(pictures(key) for key in charts if key not in slots)
    return images


# A section break's paragraph is one point high: on a full page it still fits, instead of making a blank page
_TINY = '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>'


def _place_sections(pieces: list[str], sections: Mapping[bool, str], renames: Mapping[str, str]) -> tuple[bytes, bool]:
    """Join the body as UTF-8, with section breaks for the section markers (``_Sections``), and apply the style renames.

    Each piece is encoded as it is joined and dropped from ``pieces``: a body with Chinese text takes two bytes a
    character as a ``str``, and a 64× plan's is 10 MiB of UTF-8 (peak RSS of its md+docx+html render 154 → 117 MiB).
    """
    placed = _Sections(sections)
    xml = b"".join([part.encode("utf-8") for part in placed.parts(pieces)])
    for ours, theirs in renames.items():  # a localised reference document's style ids
        xml = xml.replace(f'Style w:val="{ours}"/>'.encode(), f'Style w:val="{theirs}"/>'.encode())
    return xml, placed.used


class _Sections:
    """The body's pieces with a section break for each section marker; ``used``: a landscape section was opened.

    A landscape marker ends the portrait pages before it and a portrait marker the landscape pages before it; a
    marker for the orientation already in force is dropped. The first portrait section holds the title page (its
    first page has no page number); a later one numbers all its pages. A marker is a piece of its own
    (``BodyWriter``), so a piece is compared with the markers, never searched: the body is hundreds of kilobytes
    (searching each piece for the markers' NUL took 0.7 ms of a 1× plan's 19 in the DOCX step).
    """

    def __init__(self, sections: Mapping[bool, str]) -> None:
        self.first_portrait = f"<w:p><w:pPr>{_TINY}{sections[True]}</w:pPr></w:p>"
        self.later_portrait = self.first_portrait.replace("<w:titlePg/>", "")
        self.closing_landscape = f"<w:p><w:pPr>{_TINY}{sections[False]}</w:pPr></w:p>"
        self.landscape = self.used = False

    def parts(self, pieces: list[str]) -> Iterator[str]:
        """Yield the pieces in order, section breaks in place of the markers, each dropped from ``pieces``."""
        for index, piece in enumerate(pieces):
            pieces[index] = ""
            if piece == SECTION_LANDSCAPE_MARKER:  # a string of another length is told apart at once
                if not self.landscape:
                    yield self.later_portrait if self.used else self.first_portrait
                    self.landscape = self.used = True
            elif piece == SECTION_PORTRAIT_MARKER:
                if self.landscape:
                    yield self.closing_landscape
                    self.landscape = False
            elif piece:
                yield piece


def _title_page(info: DocumentInfo) -> str:
    labels = _LABELS["zh" if info.locale.startswith("zh") else "en"]
    spacing = '<w:spacing w:before="3600" w:after="1200"/><w:jc w:val="center"/>'
    lines = [para_xml(_title_runs(info.title), "Title", spacing)]
    if info.draft:
        lines.append(para_xml(run_xml(labels["draft"]), "Subtitle", '<w:jc w:val="center"/>'))
    values = {
        "shop": info.shop,
        "client": info.client,
        "version": info.version,
        "author": info.author,
        "date": date(info.locale, info.date) if info.date else "",  # as the plan's text writes dates
    }
    for key in _HEADERS:
        if values[key]:
            text = f"{labels[key]}{labels['sep']}{values[key]}"
            lines.append(para_xml(run_xml(text), "Subtitle", '<w:jc w:val="center"/>'))
    if info.confidentiality:
        spacing = '<w:spacing w:before="1200"/><w:jc w:val="center"/>'
        lines.append(para_xml(run_xml(info.confidentiality), None, spacing))
    return "".join(lines)


def _title_runs(title: str) -> str:
    """Return the title's runs; a long title puts a closing bracketed part, "（2027—2029）", on its own line."""
    for opening, closing in (("（", "）"), (" (", ")")):
        start = title.rfind(opening)
        if len(title) > 24 and start > 0 and title.endswith(closing):
            return f"{run_xml(title[:start])}<w:r><w:br/></w:r>{run_xml(title[start:].strip())}"
    return run_xml(title)


def _properties(info: DocumentInfo) -> dict[str, str]:
    """Return the document properties of a plan: title, author, shop, keywords, locale and the date stamp (W3CDTF)."""
    day = info.date or dt.date(2000, 1, 1)
    return {
        "title": clean(info.title),
        "author": clean(info.author),
        "shop": clean(info.shop),
        "keywords": clean(info.keywords),
        "version": clean(info.version),
        "locale": info.locale,
        "stamp": f"{day.isoformat()}T00:00:00Z",
    }


__all__ = ["DocumentInfo", "build_docx", "chapter_bookmarks", "esc"]
