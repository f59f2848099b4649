"""The DOCX we write, read back as the blocks a page layout needs: paragraphs, tables, section breaks.

Read with regular expressions from the package's text: opsplan writes ``document.xml`` itself (``docx_body``), one
paragraph or table after another, no table inside another, so its elements can be found by their tags, and this
is several times faster than building an element tree of a 700 kB body. Styles are resolved through ``basedOn``
from ``styles.xml`` and list indents from ``numbering.xml``. Lengths are in points.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Mapping

from opsplan.render.layout_blocks import Block, Cell, Document, Para, Row, Style, Table

_CELL_MARGIN = re.compile(r'<w:tblCellMar><w:left w:w="(\d+)"[^>]*/><w:right w:w="(\d+)"')
_TC_WIDTH = re.compile(r'<w:tcW w:w="(\d+)"')
_ROW_HEIGHT = re.compile(r'<w:trHeight w:val="(\d+)"(?: w:hRule="(\w+)")?')
_STYLE_REF = re.compile(r'<w:pStyle w:val="([^"]+)"/>')
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:(tab|br)/>")
_BOOKMARK = re.compile(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>')
_EXTENT = re.compile(r'<wp:extent cx="(\d+)" cy="(\d+)"/>')
_ORIENT = re.compile(r'<w:pgSz [^>]*w:orient="landscape"')
_SECTION = re.compile(r"<w:sectPr[ >].*?</w:sectPr>", re.DOTALL)
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}
_ENTITY = re.compile("|".join(_ENTITIES))


def read_docx(docx: bytes) -> Document:
    """Return the blocks of ``docx`` (written by ``opsplan.render.docx``), its sections and page geometry."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
        styles_xml = package.read("word/styles.xml").decode("utf-8")
        names = package.namelist()
        numbering = package.read("word/numbering.xml").decode("utf-8") if "word/numbering.xml" in names else ""
    styles = resolved_styles(styles_xml, numbering)
    start = xml.find("<w:body>") + len("<w:body>")
    final = xml.rfind("<w:sectPr")
    blocks = read_body(xml[start:final], styles, {})
    return document(blocks, orientations(xml[start:]), xml[final:])


def read_body(body: str, styles: Mapping[str, Style], memo: dict[str, Para]) -> list[Block]:
    """Return the paragraphs and tables of ``body``, a stretch of ``w:body`` (``memo``: paragraphs by their XML)."""
    if "<w:p/>" in body:
        body = body.replace("<w:p/>", "<w:p></w:p>")
    blocks: list[Block] = []
    parts = body.split("<w:tbl>")  # split, not regular expressions: several times faster on a body this size
    blocks.extend(_paras(parts[0], styles, memo))
    for part in parts[1:]:
        end = part.find("</w:tbl>")
        blocks.append(_table(part[:end], styles, memo))
        blocks.extend(_paras(part[end:], styles, memo))
    return blocks


def orientations(xml: str) -> list[bool]:
    """Return whether each section closed in ``xml`` (a ``w:sectPr``, in order) is landscape."""
    return [bool(_ORIENT.search(s)) for s in _SECTION.findall(xml)] if "<w:sectPr" in xml else []


def document(blocks: list[Block], landscape: list[bool], final: str) -> Document:
    """Return the document of ``blocks`` and its sections (``final``: the body's own ``w:sectPr``, its page)."""
    page_w, page_h, margins = _geometry(final)
    width = page_w - margins[1] - margins[3]
    return Document(blocks, landscape, (width, page_h - margins[0] - margins[2]), (page_w, page_h))


def _geometry(sect: str) -> tuple[float, float, tuple[float, float, float, float]]:
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', sect)
    margins = re.search(r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"', sect)
    width, height = (int(size[1]) / 20, int(size[2]) / 20) if size else (595.3, 841.9)
    if margins is None:
        return width, height, (72.0, 72.0, 72.0, 72.0)
    top, right, bottom, left = (int(margins[i]) / 20 for i in range(1, 5))
    return width, height, (top, right, bottom, left)


def _paras(xml: str, styles: Mapping[str, Style], memo: dict[str, Para]) -> list[Para]:
    """Return the paragraphs of ``xml`` (a stretch of the body or a cell holding no table)."""
    out = []
    for chunk in xml.split("<w:p>")[1:]:
        text = chunk[: chunk.rfind("</w:p>")]
        para = memo.get(text)
        if para is None:
            para = memo[text] = _para(text, styles)
        out.append(para)
    return out


def _para(xml: str, styles: Mapping[str, Style]) -> Para:
    """Return the paragraph whose content (inside ``<w:p>``) is ``xml``."""
    start = xml.find("<w:pPr>")
    ppr = xml[start + 7 : xml.find("</w:pPr>")] if start >= 0 else ""
    ref = _STYLE_REF.search(ppr)
    style_id = ref[1] if ref else "Normal"
    style = paragraph_style(styles, style_id, ppr)
    runs = []
    tabbed = False
    for run in xml.split("<w:r>")[1:]:
        content = run[: run.find("</w:r>")]
        bold = style.bold
        if "<w:rPr>" in content:
            props = content[: content.find("</w:rPr>")]
            bold = "<w:b/>" in props or ("<w:b " in props and 'w:val="0"' not in props)
        for piece in _TEXT.finditer(content):
            if piece[2] == "tab":
                tabbed = True
                runs.append(("\t", bold))
            elif piece[2] == "br":
                runs.append(("\n", bold))
            elif piece[1]:
                runs.append((_unescape(piece[1]), bold))
    bookmark = _BOOKMARK.search(xml) if "<w:bookmarkStart" in xml else None
    extent = _EXTENT.search(xml) if "<wp:extent" in xml else None
    return Para(
        style,
        style_id,
        tuple(runs),
        bookmark=bookmark[1] if bookmark else None,
        section_end="<w:sectPr" in ppr,
        picture=int(extent[2]) / 12700 if extent else 0.0,
        tabbed=tabbed,
    )


def paragraph_style(styles: Mapping[str, Style], style_id: str, ppr: str) -> Style:
    """Return the style of a paragraph of style ``style_id`` whose properties (inside ``w:pPr``) are ``ppr``."""
    style = styles.get(style_id, styles["Normal"])
    return style if ppr == f'<w:pStyle w:val="{style_id}"/>' else _apply(style, ppr)


def _unescape(text: str) -> str:
    return _ENTITY.sub(lambda m: _ENTITIES[m[0]], text) if "&" in text else text


def _table(xml: str, styles: Mapping[str, Style], memo: dict[str, Para]) -> Table:
    """Return the table whose content (inside ``<w:tbl>``) is ``xml``."""
    margin = _CELL_MARGIN.search(xml[: xml.find("<w:tr>")])
    pad = (int(margin[1]) + int(margin[2])) / 20 if margin else 10.8
    table = Table()
    for row_xml in xml.split("<w:tr>")[1:]:
        cell_parts = row_xml.split("<w:tc>")
        head = cell_parts[0]
        height = _ROW_HEIGHT.search(head)
        cells = []
        keep = False  # a paragraph of the row keeps with the next (a plain loop: no call per paragraph)
        for cell in cell_parts[1:]:
            width = _TC_WIDTH.search(cell)
            paras = _paras(cell, styles, memo)
            for para in paras:
                keep = keep or para.style.keep_next
            cells.append(Cell((int(width[1]) / 20 if width else 0.0) - pad, paras))
        table.rows.append(
            Row(
                cells,
                int(height[1]) / 20 if height else 0.0,
                bool(height and height[2] == "exact"),
                "<w:tblHeader/>" in head,
                "<w:cantSplit/>" in head,
                keep,
            )
        )
    return table


_ATTR = re.compile(r'w:(\w+)="([^"]*)"')


def _attrs(xml: str, tag: str) -> dict[str, str] | None:
    """Return the attributes of the first ``<w:tag …>`` element in ``xml``, or None when there is none.

    Found with ``str.find`` (a pattern a tag was compiled once a process, most of resolving a frame's styles).
    """
    opening = f"<w:{tag}"
    at = xml.find(opening)
    while at >= 0:
        end = at + len(opening)
        after = xml[end : end + 2]
        if after[:1] == " ":
            close = xml.find(">", end)
            if close < 0:
                return None
            return dict(_ATTR.findall(xml, end, close))
        if after[:1] == ">" or after == "/>":
            return {}
        at = xml.find(opening, end)  # a longer tag (<w:bCs> after <w:b>)
    return None


def _on(xml: str, tag: str) -> bool | None:
    attrs = _attrs(xml, tag)
    if attrs is None:
        return None
    return attrs.get("val", "true") not in ("0", "false", "off")


def _apply(style: Style, ppr: str, rpr: str = "", numbering: dict[str, tuple[float, float]] | None = None) -> Style:
    """Return ``style`` with the properties in ``ppr`` (and ``rpr``) over it."""
    if not ppr and not rpr:
        return style
    if numbering is None:
        return _apply_cached(style, ppr, rpr)
    return _apply_uncached(style, ppr, rpr, numbering)


@functools.lru_cache(maxsize=1024)
def _apply_cached(style: Style, ppr: str, rpr: str) -> Style:
    return _apply_uncached(style, ppr, rpr, None)


def _apply_uncached(style: Style, ppr: str, rpr: str, numbering: dict[str, tuple[float, float]] | None) -> Style:
    values: dict[str, object] = style._asdict()
    spacing = _attrs(ppr, "spacing")
    if spacing:
        if "before" in spacing:
            values["before"] = int(spacing["before"]) / 20
        if "after" in spacing:
            values["after"] = int(spacing["after"]) / 20
        if "line" in spacing:
            rule = spacing.get("lineRule", "auto")
            values["rule"] = rule
            values["line"] = int(spacing["line"]) / (240 if rule == "auto" else 20)
    indent = _attrs(ppr, "ind")
    if indent:
        if "left" in indent:
            values["left"] = int(indent["left"]) / 20
        if "hanging" in indent:
            values["first"] = -int(indent["hanging"]) / 20
        elif "firstLine" in indent:
            values["first"] = int(indent["firstLine"]) / 20
    number = re.search(r'<w:numId w:val="(\d+)"/>', ppr)
    if number and numbering and number[1] in numbering:
        values["left"], values["first"] = numbering[number[1]]
    for tag, key in (
        ("keepNext", "keep_next"),
        ("keepLines", "keep_lines"),
        ("contextualSpacing", "contextual"),
        ("pageBreakBefore", "page_break"),
    ):
        on = _on(ppr, tag)
        if on is not None:
            values[key] = on
    size = re.search(r'<w:sz w:val="(\d+)"/>', rpr)
    if size:
        values["size"] = int(size[1]) / 2
    bold = _on(rpr, "b")
    if bold is not None:
        values["bold"] = bold
    return Style(**values)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=16)
def resolved_styles(styles_xml: str, numbering_xml: str) -> dict[str, Style]:
    """Return every paragraph style of ``styles_xml`` resolved through ``basedOn``, by style id."""
    numbering = _numbering(numbering_xml)
    defaults = Style()
    doc_defaults = re.search(r"<w:docDefaults>(.*?)</w:docDefaults>", styles_xml, re.DOTALL)
    if doc_defaults:
        ppr = re.search(r"<w:pPrDefault>(.*?)</w:pPrDefault>", doc_defaults[1], re.DOTALL)
        rpr = re.search(r"<w:rPrDefault>(.*?)</w:rPrDefault>", doc_defaults[1], re.DOTALL)
        defaults = _apply(defaults, ppr[1] if ppr else "", rpr[1] if rpr else "")
    raw: dict[str, tuple[str | None, str, str]] = {}
    for match in re.finditer(
        r'<w:style w:type="paragraph"[^>]*w:styleId="([^"]+)"[^>]*>(.*?)</w:style>', styles_xml, re.DOTALL
    ):
        content = match[2]
        based = re.search(r'<w:basedOn w:val="([^"]+)"/>', content)
        ppr = re.search(r"<w:pPr>(.*?)</w:pPr>", content, re.DOTALL)
        rpr = re.search(r"<w:rPr>(.*?)</w:rPr>", content, re.DOTALL)
        raw[match[1]] = (based[1] if based else None, ppr[1] if ppr else "", rpr[1] if rpr else "")
    resolved: dict[str, Style] = {}

    def resolve(style_id: str, depth: int = 0) -> Style:
        if style_id in resolved:
            return resolved[style_id]
        based, ppr, rpr = raw[style_id]
        parent = resolve(based, depth + 1) if based in raw and depth < 20 else defaults
        resolved[style_id] = _apply(parent, ppr, rpr, numbering)
        return resolved[style_id]

    for style_id in raw:
        resolve(style_id)
    resolved.setdefault("Normal", defaults)
    return resolved


def _numbering(numbering_xml: str) -> dict[str, tuple[float, float]]:
    """Return the left indent and first-line offset of level 0 of each list, by ``numId``."""
    abstract: dict[str, tuple[float, float]] = {}
    for match in re.finditer(
        r'<w:abstractNum [^>]*w:abstractNumId="(\d+)"[^>]*>(.*?)</w:abstractNum>', numbering_xml, re.DOTALL
    ):
        level = re.search(r'<w:lvl w:ilvl="0".*?<w:ind w:left="(\d+)" w:hanging="(\d+)"', match[2], re.DOTALL)
        if level:
            abstract[match[1]] = (int(level[1]) / 20, -int(level[2]) / 20)
    out = {}
    for match in re.finditer(r'<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"', numbering_xml):
        if match[2] in abstract:
            out[match[1]] = abstract[match[2]]
    return out


__all__ = [
    "Block",
    "Cell",
    "Document",
    "Para",
    "Row",
    "Style",
    "Table",
    "document",
    "orientations",
    "paragraph_style",
    "read_body",
    "read_docx",
    "resolved_styles",
]
