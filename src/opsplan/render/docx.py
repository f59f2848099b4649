"""Markdown (opsplan's contract) → DOCX bytes with python-docx, built from the same text as the .md.

``build_docx`` parses the Markdown, writes the body as WordprocessingML (``docx_body``), and sets up what
Word, WPS and LibreOffice need to show a finished document: a title page, a TOC field that already lists
the headings, Heading 1–3 styles, a page number in the footer, repeating table headers, a Chinese font in
the ``eastAsia`` slot, a landscape section for the Gantt chart, and document properties. The output is
deterministic: the same Markdown gives the same bytes (fixed zip timestamps, dates from the meta line).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

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
from opsplan.render.docx_package import (
    BODY_SLOT,
    BODY_SLOT_NAME,
    SLOT_DATE,
    SLOT_PREFIX,
    Frame,
    deflate,
    frame_cache_file,
    load_frame,
    store_frame,
    write_zip,
)
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

    Without charts the plan-independent parts come from a ``Frame`` prepared once per locale and
    reference document, so a batch of plans pays for python-docx once.
    """
    blocks = parse_markdown(clean_text(markdown_text))
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    meta = next((b.fields for b in blocks if isinstance(b, Meta)), {})
    locale = meta.get("locale", "zh-CN")
    frame = None if charts else _frame(locale, reference_docx)
    if frame is None:
        return _build_direct(blocks, title, meta, locale, reference_docx, charts or [])
    _, xml, landscape = _write_body(blocks, title, meta, locale, frame.layout, frame.sections, frame.renames, ())
    return frame.package(xml, landscape=landscape, properties=_properties(title, meta))


def _write_body(
    blocks: list[Block],
    title: str,
    meta: dict[str, str],
    locale: str,
    layout: Layout,
    sections: Mapping[bool, str],
    renames: Mapping[str, str],
    chart_anchors: Iterable[str],
) -> tuple[BodyWriter, str, bool]:
    """Write the title page and body as XML; return the writer, the XML and whether it has a landscape section."""
    writer = BodyWriter(layout, chart_anchors=frozenset(chart_anchors))
    writer.write(b for b in blocks if not isinstance(b, Title | Meta))
    xml, landscape = _place_sections(_assemble(writer, blocks, title, meta, locale), sections, renames)
    return writer, xml, landscape


def _build_direct(
    blocks: list[Block],
    title: str,
    meta: dict[str, str],
    locale: str,
    reference_docx: Path | None,
    charts: list[tuple[str, bytes]],
) -> bytes:
    """Build the whole package with python-docx (charts add image parts; unusual reference documents)."""
    from docx.oxml import parse_xml
    from docx.shared import Cm
    from lxml import etree  # type: ignore[import-untyped]

    doc, layout, sections, renames = _prepared(locale, reference_docx)
    anchors = (anchor for anchor, _ in charts)
    writer, xml, landscape = _write_body(blocks, title, meta, locale, layout, sections, renames, anchors)
    final_sect = doc.element.body.sectPr
    _set_title_page(final_sect, on=not landscape)  # the title page is the first page of the first section only
    xml = _insert_charts(doc, xml, writer.chart_slots, charts, Cm)
    _set_properties(doc, _properties(title, meta))
    # The body goes into document.xml as text at save time: moving a large parsed tree into the
    # document with lxml costs time that grows faster than the tree (xml:space attributes).
    root = doc.element
    if _plain_prefixes(root):
        final_sect.addprevious(etree.Comment(BODY_SLOT_NAME))
        body_text: str | None = xml
    else:  # a reference document with unusual namespace prefixes: take the slower, general path
        for child in list(parse_xml(f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:body>')):
            final_sect.addprevious(child)
        body_text = None
    out = io.BytesIO()
    doc.save(out)
    return _normalise_zip(out.getvalue(), str(doc.part.partname).lstrip("/"), body_text)


def _plain_prefixes(root: Any) -> bool:
    return bool(root.nsmap.get("w") == W_NS and root.nsmap.get("r") == R_NS)


def _prepared(locale: str, reference_docx: Path | None) -> tuple[Any, Layout, dict[bool, str], dict[str, str]]:
    """Open the base document and set up what every plan needs: page, styles, fields, footer, sections.

    Returns the document, the body's page layout, the section-break XML for a following landscape
    (``True``) or portrait (``False``) section, and the style renames of a localised reference document.
    """
    from docx.oxml import parse_xml

    from opsplan.render.docx_styles import prepare_styles, set_update_fields

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
    _set_footer(doc, parse_xml)
    final_sect = doc.element.body.sectPr
    sections = {
        True: _sect_xml(final_sect, landscape=False, title_page=True),  # closes the portrait part before it
        False: _sect_xml(final_sect, landscape=True, title_page=False),  # closes the landscape part
    }
    _drop_template_leftovers(doc)
    return doc, layout, sections, dict(setup.renames)


def _place_sections(pieces: list[str], sections: Mapping[bool, str], renames: Mapping[str, str]) -> tuple[str, bool]:
    """Join the body, with section breaks for the section markers, and apply the style renames.

    The first marker of each kind becomes a section break and the others are dropped, so there is one
    landscape section at most. The markers hold a NUL, which no other text can (it is cleaned out), so
    only the few pieces that have one are searched again: the body is hundreds of kilobytes.
    """
    breaks = {
        SECTION_LANDSCAPE_MARKER: f"<w:p><w:pPr>{sections[True]}</w:pPr></w:p>",
        SECTION_PORTRAIT_MARKER: f"<w:p><w:pPr>{sections[False]}</w:pPr></w:p>",
    }
    placed: set[str] = set()
    out = []
    for piece in pieces:
        if "\x00" in piece:
            for marker, section_break in breaks.items():
                if marker in piece and marker not in placed:
                    piece = piece.replace(marker, section_break, 1)
                    placed.add(marker)
                piece = piece.replace(marker, "")
        out.append(piece)
    xml = "".join(out)
    for ours, theirs in renames.items():  # a localised reference document's style ids
        xml = xml.replace(f'Style w:val="{ours}"/>', f'Style w:val="{theirs}"/>')
    return xml, SECTION_LANDSCAPE_MARKER in placed


def _frame(locale: str, reference_docx: Path | None) -> Frame | None:
    """Return the cached frame for ``locale`` and the reference document (as it is now on disk)."""
    if reference_docx is None:
        return _cached_frame(locale, None, None)
    try:
        stat = Path(reference_docx).stat()
    except OSError:
        stat = None  # _open_base reports it
    key = (str(Path(reference_docx).resolve()), stat.st_mtime_ns, stat.st_size) if stat else None
    if key is None:
        return _make_frame(locale, Path(reference_docx))
    return _cached_frame(locale, Path(reference_docx), key)


@functools.lru_cache(maxsize=8)
def _cached_frame(locale: str, reference_docx: Path | None, key: tuple[str, int, int] | None) -> Frame | None:
    if reference_docx is not None:
        return _make_frame(locale, reference_docx)
    cache_file = frame_cache_file(locale, _frame_sources())
    frame = load_frame(cache_file) if cache_file is not None else None
    if frame is None:
        frame = _make_frame(locale, None)
        if frame is not None and cache_file is not None:
            store_frame(cache_file, frame)
    return frame


def _frame_sources() -> list[Path]:
    """Return the files that shape the base frame: these modules and python-docx's template and version."""
    from importlib.util import find_spec

    here = Path(__file__).resolve().parent
    ours = [here / f"{name}.py" for name in ("docx", "docx_body", "docx_package", "docx_styles")]
    spec = find_spec("docx")
    if spec is None or spec.origin is None:
        return ours
    package = Path(spec.origin).parent
    return [*ours, package / "__init__.py", package / "templates" / "default.docx"]


def _make_frame(locale: str, reference_docx: Path | None) -> Frame | None:
    """Prepare the document with empty slots, save it once, and keep its parts (``None``: unusual prefixes)."""
    import zipfile

    from docx.opc.oxml import serialize_part_xml
    from lxml import etree

    doc, layout, sections, renames = _prepared(locale, reference_docx)
    if not _plain_prefixes(doc.element):
        return None
    slots = {key: SLOT_PREFIX + key for key in ("title", "author", "shop", "locale")}
    _set_properties(doc, {**slots, "stamp": SLOT_DATE})
    final_sect = doc.element.body.sectPr
    final_sect.addprevious(etree.Comment(BODY_SLOT_NAME))
    documents = {}
    for landscape in (False, True):
        _set_title_page(final_sect, on=not landscape)
        documents[landscape] = serialize_part_xml(doc.element).decode("utf-8")
        if BODY_SLOT not in documents[landscape]:
            return None
    out = io.BytesIO()
    doc.save(out)
    document_part = str(doc.part.partname).lstrip("/")
    with zipfile.ZipFile(out) as saved:
        names = tuple(saved.namelist())
        contents = {name: saved.read(name) for name in names}
    core_part = next(n for n, data in contents.items() if n != document_part and slots["title"].encode() in data)
    fixed = {name: deflate(name, data) for name, data in contents.items() if name not in (document_part, core_part)}
    return Frame(
        order=names, fixed=fixed, document_part=document_part, documents=documents,
        core_part=core_part, core=contents[core_part].decode("utf-8"),
        layout=layout, sections=sections, renames=renames,
    )  # fmt: skip


def _assemble(writer: BodyWriter, blocks: list[Block], title: str, meta: dict[str, str], locale: str) -> list[str]:
    """Title page, then the body chunks with the TOC in place of the contents list."""
    toc_title = next((b.title for b in blocks if isinstance(b, Toc)), "目录" if locale.startswith("zh") else "Contents")
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
    return pieces


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
    import zipfile

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
    paragraph = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>{begin}{end}</w:p>')
    if existing is not None:
        existing.addprevious(paragraph)
        existing.getparent().remove(existing)
    else:
        footer._element.append(paragraph)
    section.different_first_page_header_footer = True


def _sect_xml(final_sect: Any, *, landscape: bool, title_page: bool) -> str:
    """Return a copy of the document's section properties as XML text, turned landscape if asked."""
    import copy

    from lxml import etree

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
    from lxml import etree

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
    from lxml import etree

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


def _properties(title: str, meta: dict[str, str]) -> dict[str, str]:
    """Return the document properties of a plan: title, author, shop, locale and the date stamp (W3CDTF)."""
    try:
        stamp = dt.datetime.fromisoformat(meta.get("date", "2000-01-01"))
    except ValueError:
        stamp = dt.datetime(2000, 1, 1)
    return {
        "title": title, "author": meta.get("author", ""), "shop": meta.get("shop", ""),
        "locale": meta.get("locale", ""), "stamp": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }  # fmt: skip


def _set_properties(doc: Any, properties: dict[str, str]) -> None:
    props = doc.core_properties
    props.title = properties["title"]
    props.author = properties["author"]
    props.last_modified_by = properties["author"]
    props.subject = properties["shop"]
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = properties["locale"]
    props.revision = 1
    stamp = dt.datetime.strptime(properties["stamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
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
    import zipfile

    entries = []
    slot = BODY_SLOT.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for name in source.namelist():
            content = source.read(name)
            if body_text is not None and name == document_part:
                if slot not in content:
                    raise OutputError(f"{document_part}: the body could not be placed in the document")
                content = content.replace(slot, body_text.encode("utf-8"), 1)
            entries.append(deflate(name, content))
    return write_zip(entries)


__all__ = ["build_docx", "esc"]
