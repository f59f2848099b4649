"""Markdown (opsplan's contract) → DOCX bytes with python-docx, built from the same text as the .md.

``build_docx`` parses the Markdown, writes the body as WordprocessingML (``docx_body``), and sets up what
Word, WPS and LibreOffice need to show a finished document: a title page, a TOC field that already lists
the headings, Heading 1–3 styles, a page number in the footer, repeating table headers, a Chinese font in
the ``eastAsia`` slot, a landscape section for the Gantt chart, and document properties. The output is
deterministic: the same Markdown gives the same bytes (fixed zip timestamps, dates from the meta line).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from opsplan.errors import InputError, OutputError
from opsplan.render.docx_body import (
    CHART_MARKER,
    R_NS,
    SECTION_LANDSCAPE_MARKER,
    SECTION_PORTRAIT_MARKER,
    TOC_MARKER,
    W_NS,
    BodyWriter,
    Layout,
    clean_text,
    esc,
    field_runs,
    para_xml,
    run_xml,
    toc_xml,
)
from opsplan.render.docx_styles import prepare_styles, set_update_fields
from opsplan.render.mdparse import Block, Meta, Title, Toc, parse_markdown

A4_WIDTH, A4_HEIGHT, MARGIN = 11906, 16838, 1440  # twips
_LABELS = {
    "zh": {"shop": "店铺", "author": "编制", "date": "日期", "sep": "："},
    "en": {"shop": "Shop", "author": "Prepared by", "date": "Date", "sep": ": "},
}


def build_docx(
    markdown_text: str,
    *,
    reference_docx: Path | None = None,
    charts: list[tuple[str, bytes]] | None = None,
) -> bytes:
    """Return the DOCX of ``markdown_text``.

    ``reference_docx``: a DOCX whose styles, page setup and headers are used (its body is dropped).
    ``charts``: ``(chapter heading text, PNG bytes)`` pairs; each image goes at the end of that chapter.
    """
    from docx.oxml import parse_xml
    from docx.shared import Cm

    blocks = parse_markdown(clean_text(markdown_text))
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    meta = next((b.fields for b in blocks if isinstance(b, Meta)), {})
    locale = meta.get("locale", "zh-CN")
    doc = _open_base(reference_docx)
    if reference_docx is None:
        _set_a4(doc)
    setup = prepare_styles(doc, locale=locale, from_reference=reference_docx is not None)
    set_update_fields(doc)
    section = doc.sections[0]
    page_width = section.page_width or A4_WIDTH * 635
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    page_height = section.page_height or A4_HEIGHT * 635
    layout = Layout(
        text_width=int((page_width - margins) / 635),
        landscape_text_width=int((page_height - margins) / 635),
        has_bullet_style=setup.has_bullets,
    )
    anchors = {anchor for anchor, _ in charts or []}
    writer = BodyWriter(layout, chart_anchors=frozenset(anchors))
    writer.write(b for b in blocks if not isinstance(b, Title | Meta))

    _set_footer(doc, parse_xml)
    final_sect = doc.element.body.sectPr
    xml = _assemble(writer, blocks, title, meta, locale)
    landscape_used = SECTION_LANDSCAPE_MARKER in xml
    xml = xml.replace(
        SECTION_LANDSCAPE_MARKER,
        f"<w:p><w:pPr>{_sect_xml(final_sect, landscape=False, title_page=True)}</w:pPr></w:p>", 1,
    ).replace(SECTION_LANDSCAPE_MARKER, "")  # one landscape section only
    xml = xml.replace(
        SECTION_PORTRAIT_MARKER,
        f"<w:p><w:pPr>{_sect_xml(final_sect, landscape=True, title_page=False)}</w:pPr></w:p>", 1,
    ).replace(SECTION_PORTRAIT_MARKER, "")
    # the title page (no page number) is the first page of the first section only
    _set_title_page(final_sect, on=not landscape_used)
    for ours, theirs in setup.renames.items():  # a localised reference document's style ids
        xml = xml.replace(f'Style w:val="{ours}"/>', f'Style w:val="{theirs}"/>')
    xml = _insert_charts(doc, xml, writer.chart_slots, charts or [], Cm)
    _set_properties(doc, title, meta)
    _drop_template_leftovers(doc)
    # The body goes into document.xml as text at save time: moving a large parsed tree into the
    # document with lxml costs time that grows faster than the tree (xml:space attributes).
    root = doc.element
    if root.nsmap.get("w") == W_NS and root.nsmap.get("r") == R_NS:
        final_sect.addprevious(etree.Comment(_BODY_SLOT))
        body_text: str | None = xml
    else:  # a reference document with unusual namespace prefixes: take the slower, general path
        for child in list(parse_xml(f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:body>')):
            final_sect.addprevious(child)
        body_text = None
    out = io.BytesIO()
    doc.save(out)
    return _normalise_zip(out.getvalue(), str(doc.part.partname).lstrip("/"), body_text)


_BODY_SLOT = "opsplan-body"


def _assemble(writer: BodyWriter, blocks: list[Block], title: str, meta: dict[str, str], locale: str) -> str:
    """Title page, then the body chunks with the TOC in place of the contents list."""
    toc_title = next(
        (b.title for b in blocks if isinstance(b, Toc)), "目录" if locale.startswith("zh") else "Contents"
    )
    pieces = [_title_page(title, meta, locale)]
    had_toc = False
    for chunk in writer.chunks:
        if chunk == TOC_MARKER:
            pieces.append(toc_xml(toc_title, writer.headings))
            had_toc = True
        else:
            pieces.append(chunk)
    if not had_toc:
        pieces.insert(1, toc_xml(toc_title, writer.headings))
    return "".join(pieces)


def _open_base(reference_docx: Path | None) -> Any:
    from docx import Document

    if reference_docx is None:
        return Document()
    from opsplan.fileio import check_unpacked_size

    check_unpacked_size(Path(reference_docx))
    try:
        doc = Document(io.BytesIO(_as_document(Path(reference_docx).read_bytes())))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a DOCX
        raise InputError(f"{reference_docx}: cannot be used as --reference-docx ({exc})") from None
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    return doc


_TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"


def _as_document(data: bytes) -> bytes:
    """Return ``data`` unchanged for a DOCX; a Word template (.dotx) gets the document content type."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                target.writestr(info, content)
        return out.getvalue()


def _set_a4(doc: Any) -> None:
    from docx.shared import Twips

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(A4_WIDTH), Twips(A4_HEIGHT)
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.top_margin = section.bottom_margin = Twips(MARGIN)


def _set_footer(doc: Any, parse_xml: Any) -> None:
    """Put a centred PAGE field in the footer of every page but the title page."""
    section = doc.sections[0]
    footer = section.footer
    existing = footer.paragraphs[0]._p if footer.paragraphs else None
    if not footer.is_linked_to_previous and "PAGE" in "".join(footer._element.itertext()):
        return  # the reference document already numbers its pages
    footer.is_linked_to_previous = False
    begin, end = field_runs("PAGE", run_xml("1"))
    paragraph = parse_xml(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>{begin}{end}</w:p>'
    )
    if existing is not None:
        existing.addprevious(paragraph)
        existing.getparent().remove(existing)
    else:
        footer._element.append(paragraph)
    section.different_first_page_header_footer = True


def _sect_xml(final_sect: Any, *, landscape: bool, title_page: bool) -> str:
    """Return a copy of the document's section properties as XML text, turned landscape if asked."""
    import copy

    sect = copy.deepcopy(final_sect)
    w = f"{{{W_NS}}}"
    for child in sect.findall(f"{w}type"):
        sect.remove(child)
    _set_title_page(sect, on=title_page)
    size = sect.find(f"{w}pgSz")
    if landscape and size is not None:
        width, height = size.get(f"{w}w"), size.get(f"{w}h")
        size.set(f"{w}w", height or str(A4_HEIGHT))
        size.set(f"{w}h", width or str(A4_WIDTH))
        size.set(f"{w}orient", "landscape")
    page_type = etree.SubElement(sect, f"{w}type")
    page_type.set(f"{w}val", "nextPage")
    anchor = next((c for c in sect if c.tag in {f"{w}pgSz", f"{w}pgMar"}), None)
    if anchor is not None:
        anchor.addprevious(page_type)
    return str(etree.tostring(sect, encoding="unicode"))


def _set_title_page(sect: Any, *, on: bool) -> None:

    tag = f"{{{W_NS}}}titlePg"
    for child in sect.findall(tag):
        sect.remove(child)
    if on:
        successors = {f"{{{W_NS}}}{n}" for n in ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings")}
        element = etree.Element(tag)
        after = next((c for c in sect if c.tag in successors), None)
        if after is not None:
            after.addprevious(element)
        else:
            sect.append(element)


def _title_page(title: str, meta: dict[str, str], locale: str) -> str:
    labels = _LABELS["zh" if locale.startswith("zh") else "en"]
    lines = [para_xml(_title_runs(title), "Title", '<w:spacing w:before="3600" w:after="1200"/><w:jc w:val="center"/>')]
    for key in ("shop", "author", "date"):
        if meta.get(key):
            text = f"{labels[key]}{labels['sep']}{meta[key]}"
            lines.append(para_xml(run_xml(text), "Subtitle", '<w:jc w:val="center"/>'))
    return "".join(lines)


def _title_runs(title: str) -> str:
    """Return the title's runs; a long title puts a closing bracketed part, "（2027—2029）", on its own line."""
    for opening, closing in (("（", "）"), (" (", ")")):
        start = title.rfind(opening)
        if len(title) > 24 and start > 0 and title.endswith(closing):
            return f"{run_xml(title[:start])}<w:r><w:br/></w:r>{run_xml(title[start:].strip())}"
    return run_xml(title)


def _insert_charts(doc: Any, xml: str, slots: list[str], charts: list[tuple[str, bytes]], cm: Any) -> str:
    """Put the images anchored to each chapter (15 cm wide, centred) in that chapter's chart slot."""
    if not slots:
        return xml
    body = doc.element.body
    pictures: dict[str, list[str]] = {}
    for anchor, png in charts:
        paragraph = doc.add_paragraph()
        paragraph.alignment = 1  # centre
        paragraph.add_run().add_picture(io.BytesIO(png), width=cm(15))
        pictures.setdefault(anchor, []).append(etree.tostring(paragraph._p, encoding="unicode"))
        body.remove(paragraph._p)
    parts = xml.split(CHART_MARKER)
    out = [parts[0]]
    for anchor, rest in zip(slots, parts[1:], strict=True):
        out.extend(pictures.get(anchor, []))
        out.append(rest)
    return "".join(out)


def _set_properties(doc: Any, title: str, meta: dict[str, str]) -> None:
    props = doc.core_properties
    props.title = title
    props.author = meta.get("author", "")
    props.last_modified_by = meta.get("author", "")
    props.subject = meta.get("shop", "")
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = meta.get("locale", "")
    props.revision = 1
    try:
        stamp = dt.datetime.fromisoformat(meta.get("date", "2000-01-01")).replace(tzinfo=dt.UTC)
    except ValueError:
        stamp = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    props.created = props.modified = stamp
    if props.last_printed is not None:
        props.last_printed = stamp


def _drop_template_leftovers(doc: Any) -> None:
    """Remove the template's preview image and its ``stylesWithEffects`` copy of the styles.

    The image would show another document in file browsers; Word 2010 could read the old styles.
    """
    for rels, suffix in ((doc.part.package.rels, "/thumbnail"), (doc.part.rels, "/stylesWithEffects")):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(suffix):
                del rels[rel_id]


def _normalise_zip(data: bytes, document_part: str, body_text: str | None) -> bytes:
    """Rewrite the package with fixed timestamps (same input, same bytes), filling in the body text."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    slot = f"<!--{_BODY_SLOT}-->".encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if body_text is not None and info.filename == document_part:
                if slot not in content:
                    raise OutputError(f"{document_part}: the body could not be placed in the document")
                content = content.replace(slot, body_text.encode("utf-8"), 1)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


__all__ = ["build_docx", "esc"]
