"""The styles and settings of an opsplan DOCX: fonts (Latin and ``eastAsia``), sizes, TOC styles.

Without a reference document, the styles the body uses are written in full here (so their XML is in
schema order and nothing is inherited from theme fonts). With ``--reference-docx`` the user's styles are
kept; only missing styles are added and a Chinese font is set where the user's style names none.
Styles are looked up by id in one pass over ``styles.xml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from opsplan.render.docx_body import W_NS

LATIN_FONT = "Arial"  # Liberation Sans (metric-compatible) stands in on Linux
EAST_ASIA_FONT = "Microsoft YaHei"  # 微软雅黑 in Word and WPS; LibreOffice falls back to Noto Sans CJK SC
CODE_FONT = "Consolas"

# Each text style's line height in twips, exact (w:lineRule="exact"): the same in Word, WPS and LibreOffice
# whatever font each sets the text in (an automatic line is as high as the font's ascent and descent: Noto Sans CJK
# 1.45 em, Microsoft YaHei 1.32 em, Arial 1.15 em, so a zh-CN plan ran about a tenth longer in LibreOffice than in
# Word). Chinese lines are at least 1.4 times the type size, so that no glyph is cut; English ones about as high
# as Arial's automatic lines were. Paragraphs holding a picture keep automatic spacing (a picture is taller).
LINE_TWIPS = {
    "zh": {
        "Normal": 380,  # 10.5 pt type
        "BodyText": 420,
        "Title": 640,  # 20 pt
        "Subtitle": 440,  # 14 pt
        "Heading1": 480,  # 16 pt
        "Heading2": 420,  # 14 pt
        "Heading3": 360,  # 12 pt
        "TOCHeading": 480,  # 16 pt
        "OpsplanTableText": 260,  # 9 pt
        "OpsplanTableSmall": 220,  # 7.5 pt
        "OpsplanGanttText": 200,  # 7 pt
        "OpsplanCode": 260,  # 9 pt
    },
    "en": {
        "Normal": 320,
        "BodyText": 360,
        "Title": 560,
        "Subtitle": 400,
        "Heading1": 400,
        "Heading2": 340,
        "Heading3": 300,
        "TOCHeading": 400,
        "OpsplanTableText": 220,
        "OpsplanTableSmall": 180,
        "OpsplanGanttText": 170,
        "OpsplanCode": 220,
    },
}

_W = f"{{{W_NS}}}"


def _fonts(latin: str = LATIN_FONT, east: str = EAST_ASIA_FONT) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{east}"/>'


def _style_defs(locale: str) -> dict[str, str]:
    """Return the XML of each style opsplan defines, keyed by style id (rPr is filled in by ``_style``)."""
    zh = locale.startswith("zh")
    lines = LINE_TWIPS["zh" if zh else "en"]

    def spacing(style_id: str, extra: str = "") -> str:
        return f'<w:spacing{extra} w:line="{lines[style_id]}" w:lineRule="exact"/>'

    # Chinese body text: first-line indent of two characters and justified lines; English: ragged right
    first_line = '<w:ind w:firstLineChars="200" w:firstLine="420"/><w:jc w:val="both"/>' if zh else ""
    return {
        "Normal": _style(
            "paragraph",
            "Normal",
            None,
            spacing("Normal", ' w:after="60"'),
            '<w:sz w:val="21"/><w:szCs w:val="21"/>',
            default=True,
        ),
        "BodyText": _style(
            "paragraph",
            "Body Text",
            "Normal",
            spacing("BodyText", ' w:after="120"') + first_line,
            "",
        ),
        "Title": _style(
            "paragraph",
            "Title",
            "Normal",
            spacing("Title") + '<w:jc w:val="center"/>',
            '<w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="40"/><w:szCs w:val="40"/>',
        ),
        "Subtitle": _style(
            "paragraph",
            "Subtitle",
            "Normal",
            spacing("Subtitle", ' w:before="120" w:after="120"') + '<w:jc w:val="center"/>',
            '<w:color w:val="404040"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
        ),
        "Heading1": _heading(1, 32, spacing("Heading1", ' w:before="360" w:after="240"')),
        "Heading2": _heading(2, 28, spacing("Heading2", ' w:before="240" w:after="120"')),
        "Heading3": _heading(3, 24, spacing("Heading3", ' w:before="200" w:after="100"')),
        "TOCHeading": _style(
            "paragraph",
            "TOC Heading",
            "Normal",
            "<w:keepNext/>"
            + spacing("TOCHeading", ' w:before="240" w:after="360"')
            + '<w:jc w:val="center"/><w:outlineLvl w:val="9"/>',
            '<w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
        ),
        "TOC1": _style("paragraph", "toc 1", "Normal", '<w:spacing w:before="80" w:after="40"/>', "<w:b/><w:bCs/>"),
        "TOC2": _style("paragraph", "toc 2", "Normal", '<w:spacing w:after="20"/><w:ind w:left="420"/>', ""),
        "TOC3": _style(
            "paragraph",
            "toc 3",
            "Normal",
            '<w:spacing w:after="20"/><w:ind w:left="840"/>',
            '<w:sz w:val="19"/><w:szCs w:val="19"/>',
        ),
        "OpsplanTableText": _style(
            "paragraph",
            "Table Text",
            "Normal",
            spacing("OpsplanTableText", ' w:before="20" w:after="20"'),
            '<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        "OpsplanTableSmall": _style(
            "paragraph",
            "Table Text Small",
            "Normal",
            spacing("OpsplanTableSmall", ' w:before="10" w:after="10"'),
            '<w:sz w:val="15"/><w:szCs w:val="15"/>',
        ),
        "OpsplanGanttText": _style(
            "paragraph",
            "Gantt Text",
            "Normal",
            spacing("OpsplanGanttText", ' w:before="0" w:after="0"'),
            '<w:sz w:val="14"/><w:szCs w:val="14"/>',
        ),
        "OpsplanCode": _style(
            "paragraph",
            "Code",
            "Normal",
            spacing("OpsplanCode", ' w:after="0"'),
            '<w:sz w:val="18"/><w:szCs w:val="18"/>',
            latin=CODE_FONT,
        ),
        "TableGrid": (
            '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
            '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
            f'<w:rPr>{_fonts()}</w:rPr><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
            + "".join(
                f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                for s in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr></w:style>"
        ),
    }


def _style(
    kind: str, name: str, based_on: str | None, ppr: str, rpr: str, *, default: bool = False, latin: str = LATIN_FONT
) -> str:
    style_id = {
        "Body Text": "BodyText",
        "Table Text": "OpsplanTableText",
        "Gantt Text": "OpsplanGanttText",
        "Table Text Small": "OpsplanTableSmall",
        "Code": "OpsplanCode",
        "TOC Heading": "TOCHeading",
    }.get(name, name.replace(" ", "").upper() if name.startswith("toc") else name)
    attrs = ' w:default="1"' if default else ""
    custom = ' w:customStyle="1"' if style_id.startswith("Opsplan") else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    # rPr children in schema order: rFonts, b, bCs, color, sz, szCs … lang
    return (
        f'<w:style w:type="{kind}"{attrs}{custom} w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
        f"<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{_fonts(latin)}{rpr}</w:rPr></w:style>"
    )


def _heading(level: int, size: int, spacing: str) -> str:
    return _style(
        "paragraph",
        f"heading {level}",
        "Normal",
        f'<w:keepNext/><w:keepLines/>{spacing}<w:outlineLvl w:val="{level - 1}"/>',
        f'<w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
    ).replace(f'w:styleId="heading {level}"', f'w:styleId="Heading{level}"')


@dataclass(frozen=True)
class StyleSetup:
    """What the body writer needs to know about the styles: renamed ids, bullet styles present."""

    renames: dict[str, str]
    has_bullets: bool


_REFERENCE_NAMES = {
    "Heading1": "heading 1",
    "Heading2": "heading 2",
    "Heading3": "heading 3",
    "Title": "title",
    "Subtitle": "subtitle",
    "TOCHeading": "toc heading",
    "TOC1": "toc 1",
    "TOC2": "toc 2",
    "TOC3": "toc 3",
    "BodyText": "body text",
    "TableGrid": "table grid",
    "ListBullet": "list bullet",
    "ListBullet2": "list bullet 2",
    "ListBullet3": "list bullet 3",
}


def prepare_styles(doc: Any, *, locale: str, from_reference: bool) -> StyleSetup:
    """Define or complete the styles the body uses.

    A reference document made by a localised Word may store "heading 1" under another id (``1``, for
    instance); such styles are found by name and returned as renames for the body's style references.
    """
    from docx.oxml import parse_xml

    styles = doc.styles.element
    by_id = {el.get(f"{_W}styleId"): el for el in styles.findall(f"{_W}style")}
    renames: dict[str, str] = {}
    if from_reference:
        by_name: dict[str, str] = {}
        for style_id, element in by_id.items():
            name = element.find(f"{_W}name")
            if name is not None and name.get(f"{_W}val"):
                by_name.setdefault(name.get(f"{_W}val").lower(), style_id)
        for style_id, name in _REFERENCE_NAMES.items():
            if style_id not in by_id and name in by_name:
                renames[style_id] = by_name[name]
                by_id[style_id] = by_id[by_name[name]]
    # Latin words and numbers are English in either locale (Chinese text is zh-CN through w:eastAsia):
    # LibreOffice breaks a Latin word or a number anywhere (投放RO|I, 1.|94) when its language is zh-CN
    lang = "en-US"
    _set_defaults(styles, lang, overwrite=not from_reference)
    for style_id, xml in _style_defs(locale).items():
        existing = by_id.get(style_id)
        if existing is not None and from_reference:
            _complete_fonts(existing, lang)
            continue
        element = parse_xml(xml.replace("<w:style ", f'<w:style xmlns:w="{W_NS}" ', 1))
        _add_lang(element.find(f"{_W}rPr"), lang)
        if existing is not None:
            existing.addprevious(element)
            styles.remove(existing)
        else:
            styles.append(element)
    if not from_reference:
        _drop_unused_table_styles(styles, used=set(_style_defs(locale)))
    has_bullets = all(by_id.get(s) is not None for s in ("ListBullet", "ListBullet2", "ListBullet3"))
    return StyleSetup(renames, has_bullets)


def _drop_unused_table_styles(styles: Any, used: set[str]) -> None:
    """Remove the base template's table styles that the body does not use: 98 of its 100, 310 KB of 352.

    Word and LibreOffice know their built-in table styles without a copy in the document (Word writes one in
    when a user applies it), so nothing is lost; every reader of the plan, ``opsplan check`` among them, no
    longer parses them. The default table style, which every table is based on, stays. A reference
    document's styles are the user's, and are all kept.
    """
    for element in styles.findall(f"{_W}style"):
        unused = element.get(f"{_W}styleId") not in used and element.get(f"{_W}default") != "1"
        if element.get(f"{_W}type") == "table" and unused:
            styles.remove(element)


def _set_defaults(styles: Any, lang: str, *, overwrite: bool) -> None:
    """Fonts and language in ``w:docDefaults`` (what every style and run inherits)."""
    defaults = styles.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = etree.Element(f"{_W}docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(f"{_W}rPrDefault")
    if rpr_default is None:
        rpr_default = etree.Element(f"{_W}rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.SubElement(rpr_default, f"{_W}rPr")
    if overwrite:
        for child in rpr.findall(f"{_W}rFonts") + rpr.findall(f"{_W}lang"):
            rpr.remove(child)
    _complete_fonts_rpr(rpr, lang)


def _complete_fonts(style: Any, lang: str) -> None:

    rpr = style.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.SubElement(style, f"{_W}rPr")
    _complete_fonts_rpr(rpr, lang)


def _complete_fonts_rpr(rpr: Any, lang: str) -> None:
    """Give ``rpr`` an eastAsia font (and Latin fonts) where it names none, and an eastAsia language."""
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        fonts = etree.Element(f"{_W}rFonts")
        style_ref = rpr.find(f"{_W}rStyle")
        if style_ref is not None:
            style_ref.addnext(fonts)
        else:
            rpr.insert(0, fonts)
    if fonts.get(f"{_W}eastAsia") is None:
        fonts.attrib.pop(f"{_W}eastAsiaTheme", None)
        fonts.set(f"{_W}eastAsia", EAST_ASIA_FONT)
    for slot, theme in (("ascii", "asciiTheme"), ("hAnsi", "hAnsiTheme"), ("cs", "cstheme")):
        if fonts.get(f"{_W}{slot}") is None and fonts.get(f"{_W}{theme}") is None:
            fonts.set(f"{_W}{slot}", LATIN_FONT)
    _add_lang(rpr, lang)


def _add_lang(rpr: Any, lang: str) -> None:

    existing = rpr.find(f"{_W}lang")
    if existing is not None:
        existing.set(f"{_W}eastAsia", "zh-CN")
        return
    element = etree.fromstring(f'<w:lang xmlns:w="{W_NS}" w:val="{lang}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    after = next((c for c in rpr if c.tag in {f"{_W}eastAsianLayout", f"{_W}specVanish", f"{_W}oMath"}), None)
    if after is not None:
        after.addprevious(element)
    else:
        rpr.append(element)


def set_fields_as_written(doc: Any) -> None:
    """Show fields as written, with no update on opening (a reference document's switch dropped); eastAsia → zh-CN.

    Word asks whether to update the fields of a document whose settings hold ``w:updateFields``, and until the
    reader says yes its contents have no page numbers; ours carry them already (``docx_toc``).
    """
    settings = doc.settings.element
    for switch in settings.findall(f"{_W}updateFields"):
        settings.remove(switch)
    theme_lang = settings.find(f"{_W}themeFontLang")
    if theme_lang is not None:
        theme_lang.set(f"{_W}eastAsia", "zh-CN")


__all__ = ["EAST_ASIA_FONT", "LATIN_FONT", "prepare_styles", "set_fields_as_written"]
