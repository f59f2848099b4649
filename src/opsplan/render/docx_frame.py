"""The frame of an opsplan DOCX: every part that does not depend on the plan, prepared with python-docx.

Page size and margins, styles (``docx_styles``), settings, the footer with its page number, the section
breaks a landscape Gantt needs, and the document properties with slots. python-docx builds it once per
locale and reference document in a process (kept in memory only); ``docx_package`` fills it with a plan.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opsplan.errors import InputError
from opsplan.render.docx_body import R_NS, W_NS, Layout, field_runs, run_xml
from opsplan.render.docx_package import BODY_SLOT, BODY_SLOT_NAME, SLOT_DATE, SLOT_PREFIX, deflate
from opsplan.render.messages import rmsg

if TYPE_CHECKING:
    from opsplan.render.layout_docx import Para, Style

A4_WIDTH, A4_HEIGHT, MARGIN = 11906, 16838, 1440  # twips
_W = f"{{{W_NS}}}"


class Frame:
    """The parts of a DOCX that do not depend on the plan, ready to receive a body and properties.

    ``parts`` are every part in package order (the document and core parts among them, replaced when
    filled). ``documents`` maps "the document has a landscape section" to the ``document.xml`` text with
    ``BODY_SLOT`` where the body goes (the title-page flag of the last section differs); ``core`` is
    ``core.xml`` with ``opsplan-slot-<name>`` and ``SLOT_DATE`` where the properties go. ``deflated``: each
    part's CRC-32 and deflate stream (``docx_package.deflate``), for the parts a plan's package takes as they are;
    ``styles``: the paragraph styles resolved for the page estimate (``layout_docx.resolved_styles``); ``laid``:
    the paragraphs the estimate has laid out in this frame's styles (``layout_record.Record``), from plan to plan.
    """

    _compared = (
        "parts", "document_part", "documents", "core_part", "core", "rels_part", "layout", "sections", "renames",
        "deflated", "styles",
    )  # fmt: skip
    __slots__ = (*_compared, "laid")

    def __init__(
        self,
        *,
        parts: tuple[tuple[str, bytes], ...],
        document_part: str,
        documents: Mapping[bool, str],
        core_part: str,
        core: str,
        rels_part: str,
        layout: Layout,
        sections: Mapping[bool, str],  # landscape? -> the w:sectPr text that closes the previous section
        renames: Mapping[str, str],
        deflated: Mapping[str, tuple[int, bytes]],
        styles: Mapping[str, Style],
    ) -> None:
        self.parts = parts
        self.document_part = document_part
        self.documents = documents
        self.core_part = core_part
        self.core = core
        self.rels_part = rels_part
        self.layout = layout
        self.sections = sections
        self.renames = renames
        self.deflated = deflated
        self.styles = styles
        self.laid: dict[tuple[str | None, str, tuple[tuple[str, bool | None], ...]], Para] = {}

    def __eq__(self, other: object) -> bool:
        """Equal in every part, slot and style (``laid``, the paragraphs laid out since, aside)."""
        if not isinstance(other, Frame):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._compared)

    __hash__ = None  # type: ignore[assignment]


def frame_for(locale: str, reference_docx: Path | None, *, draft: bool = False, versioned: bool = False) -> Frame:
    """Return the frame for ``locale`` and the reference document as it is now on disk (built once each).

    A ``draft`` frame has 草稿 / DRAFT in the header of every page, the title page's included; a
    ``versioned`` one a slot for the plan's version in the header of the pages after the title page.
    """
    if reference_docx is None:
        return _frame(locale, None, None, draft, versioned)
    try:
        stat = Path(reference_docx).stat()
    except OSError:
        return make_frame(locale, Path(reference_docx), draft=draft, versioned=versioned)  # reports the bad file
    key = (str(Path(reference_docx).resolve()), stat.st_mtime_ns, stat.st_size)
    return _frame(locale, Path(reference_docx), key, draft, versioned)


@functools.lru_cache(maxsize=8)
def _frame(
    locale: str, reference_docx: Path | None, key: tuple[str, int, int] | None, draft: bool, versioned: bool
) -> Frame:
    if reference_docx is None:  # the wheel ships these prepared (docx_prepared)
        from opsplan.render.docx_prepared import shipped_frame

        if (shipped := shipped_frame(locale, draft=draft, versioned=versioned)) is not None:
            return shipped
    return make_frame(locale, reference_docx, draft=draft, versioned=versioned)


def make_frame(locale: str, reference_docx: Path | None, *, draft: bool = False, versioned: bool = False) -> Frame:
    """Prepare the document with empty slots with python-docx, save it once and keep its parts."""
    from docx.opc.oxml import serialize_part_xml
    from lxml import etree  # type: ignore[import-untyped]

    doc, layout, sections, renames = _prepared(locale, reference_docx, draft=draft)
    if versioned:
        _set_version_header(doc)
    slots = {key: SLOT_PREFIX + key for key in ("title", "author", "shop", "keywords", "locale")}
    _set_properties(doc, {**slots, "stamp": SLOT_DATE})
    final_sect = doc.element.body.sectPr
    final_sect.addprevious(etree.Comment(BODY_SLOT_NAME))
    documents = {}
    for landscape in (False, True):
        _set_title_page(final_sect, on=not landscape)
        documents[landscape] = _declare_prefixes(serialize_part_xml(doc.element).decode("utf-8"), doc.element)
    out = io.BytesIO()
    doc.save(out)
    document_part = str(doc.part.partname).lstrip("/")
    with zipfile.ZipFile(out) as saved:
        parts = tuple((name, saved.read(name)) for name in saved.namelist())
    core_part = next(n for n, data in parts if n != document_part and slots["title"].encode() in data)
    folder, _, name = document_part.rpartition("/")
    found = dict(parts)
    return Frame(
        parts=parts,
        document_part=document_part,
        documents=documents,
        core_part=core_part,
        core=dict(parts)[core_part].decode("utf-8"),
        rels_part=f"{folder}/_rels/{name}.rels",
        layout=layout,
        sections=sections,
        renames=renames,
        deflated={name: deflate(data) for name, data in parts},
        styles=frame_styles(found.get("word/styles.xml", b""), found.get("word/numbering.xml", b"")),
    )


def frame_styles(styles: bytes, numbering: bytes) -> dict[str, Style]:
    """Return the resolved paragraph styles of a frame's ``styles.xml`` and ``numbering.xml``."""
    from opsplan.render.layout_docx import resolved_styles

    return resolved_styles(styles.decode("utf-8"), numbering.decode("utf-8"))


def _declare_prefixes(xml: str, root: Any) -> str:
    """Make sure the body's ``w:`` and ``r:`` prefixes are declared on the root of ``document.xml``.

    Word, WPS and LibreOffice write them; a reference document from another tool may use other prefixes,
    and then the two declarations are added to the root element's start tag.
    """
    missing = []
    for prefix, uri in (("w", W_NS), ("r", R_NS)):
        bound = root.nsmap.get(prefix)
        if bound is None:
            missing.append(f' xmlns:{prefix}="{uri}"')
        elif bound != uri:
            raise InputError(rmsg("docx.prefix", prefix=prefix, bound=bound, uri=uri))
    if not missing:
        return xml
    tag = re.search(r"<(?!\?)[^\s>/]+", xml)
    assert tag is not None and BODY_SLOT in xml
    return xml[: tag.end()] + "".join(missing) + xml[tag.end() :]


def _prepared(
    locale: str, reference_docx: Path | None, *, draft: bool = False
) -> tuple[Any, Layout, dict[bool, str], dict[str, str]]:
    """Open the base document and set up what every plan needs: page, styles, fields, footer, sections.

    A ``draft`` also gets 草稿 / DRAFT in the header of every page, the title page's included.

    Returns the document, the body's page layout, the section-break XML for a following landscape
    (``True``) or portrait (``False``) section, and the style renames of a localised reference document.
    """
    from opsplan.render.docx_styles import prepare_styles, set_fields_as_written

    doc = _open_base(reference_docx)
    if reference_docx is None:
        _set_a4(doc)
    setup = prepare_styles(doc, locale=locale, from_reference=reference_docx is not None)
    set_fields_as_written(doc)
    section = doc.sections[0]
    page_width = section.page_width or A4_WIDTH * 635
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    page_height = section.page_height or A4_HEIGHT * 635
    layout = Layout(
        text_width=int((page_width - margins) / 635),
        landscape_text_width=int((page_height - margins) / 635),
        has_bullet_style=setup.has_bullets,
    )
    _set_footer(doc)
    if draft:
        _set_draft_header(doc, "草稿" if locale.startswith("zh") else "DRAFT")
    final_sect = doc.element.body.sectPr
    sections = {
        True: _sect_xml(final_sect, landscape=False, title_page=True),  # closes the portrait part before it
        False: _sect_xml(final_sect, landscape=True, title_page=False),  # closes the landscape part
    }
    _drop_template_leftovers(doc)
    return doc, layout, sections, dict(setup.renames)


def _open_base(reference_docx: Path | None) -> Any:
    from docx import Document

    if reference_docx is None:
        return Document()
    from opsplan.safeio import read_reference_docx

    data = read_reference_docx(Path(reference_docx))
    try:
        doc = Document(io.BytesIO(_as_document(data)))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a DOCX
        raise InputError(rmsg("docx.unusable", path=reference_docx, error=exc)) from None
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{_W}sectPr":
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


def _set_footer(doc: Any) -> None:
    """Put a centred PAGE field in the footer of every page but the title page."""
    from docx.oxml import parse_xml

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


def _set_draft_header(doc: Any, word: str) -> None:
    """Put ``word`` (草稿 / DRAFT) at the right of the header of every page, the title page's included."""
    from docx.oxml import parse_xml

    section = doc.sections[0]
    for header in (section.header, section.first_page_header):
        header.is_linked_to_previous = False
        for old in list(header._element):
            header._element.remove(old)
        header._element.append(
            parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="right"/></w:pPr>{run_xml(word)}</w:p>')
        )


def _set_version_header(doc: Any) -> None:
    """Put the version's slot at the left of the header of every page after the title page."""
    from docx.oxml import parse_xml

    header = doc.sections[0].header
    header.is_linked_to_previous = False
    header._element.append(parse_xml(f'<w:p xmlns:w="{W_NS}">{run_xml(SLOT_PREFIX + "version")}</w:p>'))


def _sect_xml(final_sect: Any, *, landscape: bool, title_page: bool) -> str:
    """Return a copy of the document's section properties as XML text, turned landscape if asked."""
    from lxml import etree

    sect = copy.deepcopy(final_sect)
    for child in sect.findall(f"{_W}type"):
        sect.remove(child)
    _set_title_page(sect, on=title_page)
    size = sect.find(f"{_W}pgSz")
    if landscape and size is not None:
        width, height = size.get(f"{_W}w"), size.get(f"{_W}h")
        size.set(f"{_W}w", height or str(A4_HEIGHT))
        size.set(f"{_W}h", width or str(A4_WIDTH))
        size.set(f"{_W}orient", "landscape")
    page_type = etree.SubElement(sect, f"{_W}type")
    page_type.set(f"{_W}val", "nextPage")
    anchor = next((c for c in sect if c.tag in {f"{_W}pgSz", f"{_W}pgMar"}), None)
    if anchor is not None:
        anchor.addprevious(page_type)
    return str(etree.tostring(sect, encoding="unicode"))


def _set_title_page(sect: Any, *, on: bool) -> None:
    """Turn the different-first-page flag of section properties ``sect`` on or off (in schema order)."""
    from lxml import etree

    tag = f"{_W}titlePg"
    for child in sect.findall(tag):
        sect.remove(child)
    if on:
        successors = {f"{_W}{n}" for n in ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings")}
        element = etree.Element(tag)
        after = next((c for c in sect if c.tag in successors), None)
        if after is not None:
            after.addprevious(element)
        else:
            sect.append(element)


def _set_properties(doc: Any, properties: Mapping[str, str]) -> None:
    """Set the core document properties: title, author, subject (the shop), keywords, language and dates."""
    import datetime as dt

    props = doc.core_properties
    props.title = properties["title"]
    props.author = properties["author"]
    props.last_modified_by = properties["author"]
    props.subject = properties["shop"]
    props.comments = ""
    props.keywords = properties["keywords"]
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
