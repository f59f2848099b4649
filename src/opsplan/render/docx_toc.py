"""The contents of an opsplan DOCX: a TOC field whose cached result lists the headings, with page numbers.

The contents go ``depth`` levels deep (two by default). Each entry ends in its heading's page, right-aligned after
a dot leader, when the pages are known: estimated in Python (``layout``, what ``opsplan render`` does by default)
or read from LibreOffice's layout of the document (``pdf``, ``--page-numbers`` and ``-f pdf``). Without pages
(``--no-page-numbers``) the entries are the headings alone. Either way the field is not marked dirty and the
settings do not ask to update fields on opening (``docx_styles``): Word, WPS and LibreOffice show the contents as
they are, without a prompt, and a PDF made from the document shows them too; the field stays a TOC field, which
a reader may still update.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from opsplan.errors import InputError
from opsplan.render.docx_body import STYLE_TOC_HEADING, esc, para_xml, run_xml
from opsplan.render.messages import rmsg

if TYPE_CHECKING:
    from opsplan.render.layout_record import Record

DEFAULT_DEPTH = 2
MAX_DEPTH = 3  # Heading 1–3 are the levels the body writes
PLACEHOLDER_PAGE = 88  # two digits, as wide as most real page numbers


class Contents(NamedTuple):
    """How the contents are written: how many heading levels, and each heading's page by bookmark name.

    ``estimate``: without ``pages``, the pages (and the chapter breaks) come from the layout estimate
    (``docx.build_docx``); with neither, the entries have no page numbers.
    """

    depth: int = DEFAULT_DEPTH
    pages: Mapping[str, int] | None = None
    estimate: bool = False


def check_depth(depth: int) -> int:
    """Return ``depth`` when it is a level the contents can show (1–3); raise ``InputError`` otherwise."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(rmsg("option.toc_depth", depth=depth))
    return depth


def contents_xml(
    title: str,
    headings: list[tuple[int, str, str]],
    contents: Contents,
    *,
    text_width: int,
    record: Record | None = None,
) -> str:
    """Return the contents heading and the TOC field listing ``headings`` down to ``contents.depth``.

    ``headings`` are (level, text, bookmark) in body order; ``text_width`` (twips) places the page numbers;
    ``record``: where the paragraphs are recorded for the layout estimate (``layout_record``).
    """
    out = [para_xml(run_xml(title), STYLE_TOC_HEADING, "<w:pageBreakBefore/>")]
    laid = [record.para(STYLE_TOC_HEADING, "<w:pageBreakBefore/>", record.text(title))] if record else []
    pages = contents.pages
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{contents.depth}" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    shown = [h for h in headings if h[0] <= contents.depth]
    if not shown:
        out.append(para_xml(begin + end, "TOC1"))
        laid += [record.para("TOC1", "", ())] if record else []
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>' if pages is not None else ""
    for index, (level, text, bookmark) in enumerate(shown):
        number = page = ""
        if pages is not None:
            page = str(pages.get(bookmark, ""))
            number = f"<w:r><w:tab/></w:r><w:r><w:t>{esc(page)}</w:t></w:r>"
        link = f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{run_xml(text)}{number}</w:hyperlink>'
        content = (begin if index == 0 else "") + link + (end if index == len(shown) - 1 else "")
        out.append(para_xml(content, f"TOC{level}", tabs))
        if record is not None:  # the entry's text, then a tab to its page number
            runs = record.text(text) + ((("\t", None), *record.text(page)) if pages is not None else ())
            laid.append(record.para(f"TOC{level}", tabs, runs))
    xml = "".join(out)
    if record is not None:
        record.add(xml, *laid)
    return xml


def placeholder_pages() -> Mapping[str, int]:
    """Return page numbers for a first layout: every heading on page 88 (as wide as most real numbers)."""
    return _Placeholder()


class _Placeholder(Mapping[str, int]):
    """Every heading on page 88: the first contents take the room real numbers will take."""

    def __getitem__(self, key: str) -> int:
        return PLACEHOLDER_PAGE

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


__all__ = ["DEFAULT_DEPTH", "PLACEHOLDER_PAGE", "Contents", "check_depth", "contents_xml", "placeholder_pages"]
