"""The contents of an opsplan DOCX: a TOC field whose cached result lists the headings, with page numbers.

The contents go ``depth`` levels deep (two by default). Without page numbers, the field is marked dirty and
the document asks Word to update fields on opening, which fills them in. With page numbers (read from a PDF
of the same document, see ``opsplan.render.pdf``), each entry ends in a right-aligned number after a dot
leader, the field is no longer dirty and the update-on-open setting is dropped: Word, WPS and LibreOffice
show the numbers as they are, without asking, and a PDF made from the document shows them too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opsplan.errors import InputError
from opsplan.render.docx_body import STYLE_TOC_HEADING, esc, para_xml, run_xml
from opsplan.render.messages import rmsg

if TYPE_CHECKING:
    from opsplan.render.docx_frame import Frame

DEFAULT_DEPTH = 2
MAX_DEPTH = 3  # Heading 1–3 are the levels the body writes
_UPDATE_FIELDS = re.compile(rb"<w:updateFields(?:\s[^>]*)?/>")


@dataclass(frozen=True)
class Contents:
    """How the contents are written: how many heading levels, and each heading's page by bookmark name."""

    depth: int = DEFAULT_DEPTH
    pages: Mapping[str, int] | None = None


def check_depth(depth: int) -> int:
    """Return ``depth`` when it is a level the contents can show (1–3); raise ``InputError`` otherwise."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(rmsg("option.toc_depth", depth=depth))
    return depth


def contents_xml(title: str, headings: list[tuple[int, str, str]], contents: Contents, *, text_width: int) -> str:
    """Return the contents heading and the TOC field listing ``headings`` down to ``contents.depth``.

    ``headings`` are (level, text, bookmark) in body order; ``text_width`` (twips) places the page numbers.
    """
    out = [para_xml(run_xml(title), STYLE_TOC_HEADING, "<w:pageBreakBefore/>")]
    pages = contents.pages
    dirty = "" if pages is not None else ' w:dirty="true"'
    begin = (
        f'<w:r><w:fldChar w:fldCharType="begin"{dirty}/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{contents.depth}" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    shown = [h for h in headings if h[0] <= contents.depth]
    if not shown:
        return "".join(out) + para_xml(begin + end, "TOC1")
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>' if pages is not None else ""
    for index, (level, text, bookmark) in enumerate(shown):
        number = ""
        if pages is not None:
            number = f"<w:r><w:tab/></w:r><w:r><w:t>{esc(str(pages.get(bookmark, '')))}</w:t></w:r>"
        link = f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{run_xml(text)}{number}</w:hyperlink>'
        content = (begin if index == 0 else "") + link + (end if index == len(shown) - 1 else "")
        out.append(para_xml(content, f"TOC{level}", tabs))
    return "".join(out)


def without_update_fields(parts: tuple[tuple[str, bytes], ...]) -> tuple[tuple[str, bytes], ...]:
    """Return the package ``parts`` with the settings' update-fields-on-open switch removed."""
    return tuple(
        (name, _UPDATE_FIELDS.sub(b"", data) if name.endswith("/settings.xml") else data) for name, data in parts
    )


def settled(frame: Frame, contents: Contents) -> Frame:
    """Return ``frame`` as it is, or without the update-on-open switch when the page numbers are filled in."""
    if contents.pages is None:
        return frame
    return dataclasses.replace(frame, parts=without_update_fields(frame.parts))


__all__ = ["DEFAULT_DEPTH", "Contents", "check_depth", "contents_xml", "settled", "without_update_fields"]
