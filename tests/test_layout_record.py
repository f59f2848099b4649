"""The layout estimate lays out what the body writer recorded: the same blocks as the DOCX read back, the same pages.

``render`` estimates the contents' page numbers from the blocks the body writer records as it writes
(``layout_record``), not from its DOCX packaged and parsed again (``layout_docx.read_docx``). The read-back is the
reference: for every example in both languages, in its long-text variant, with charts and with a reference document
whose style ids a localised Word renamed, the recorded document is block for block the one read back from the DOCX
``build_docx`` writes with placeholder page numbers and no chapter breaks, and the DOCX a render writes is byte for
byte the one built with the read-back's estimate.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument

from opsplan.render.docx import build_docx, chapter_bookmarks, layout_document
from opsplan.render.docx_toc import Contents, placeholder_pages
from opsplan.render.layout import estimate, estimate_document
from opsplan.render.layout_docx import Block, Document, Para, Style, Table, read_body, read_docx
from opsplan.render.markdown import render_markdown
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import checked_plan, document_info, plan_docx
from tests._layout_variants import long_text_variant

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def first_difference(recorded: Document, read: Document) -> str:
    """Say where two documents first differ (an empty string when they do not)."""
    for index, (ours, theirs) in enumerate(zip(recorded.blocks, read.blocks, strict=False)):
        if ours != theirs:
            return f"block {index}:\n recorded {ours}\n read     {theirs}"
    if len(recorded.blocks) != len(read.blocks):
        return f"{len(recorded.blocks)} blocks recorded, {len(read.blocks)} read"
    if (recorded.landscape, recorded.portrait, recorded.page) != (read.landscape, read.portrait, read.page):
        return f"sections {recorded.landscape} {recorded.portrait}, read {read.landscape} {read.portrait}"
    return ""


def both(markdown: str, **kwargs: Any) -> tuple[Document, Document]:
    """Return the recorded document of ``markdown`` and the one read back from its DOCX (placeholder numbers)."""
    recorded = layout_document(markdown, **kwargs)
    docx = build_docx(markdown, contents=Contents(pages=placeholder_pages()), **kwargs)
    return recorded, read_docx(docx)


@pytest.mark.parametrize("long_text", [False, True], ids=["example", "long-text"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_recorded_document_is_the_docx_read_back(example: Path, long_text: bool, tmp_path: Path) -> None:
    profile = long_text_variant(example, tmp_path) if long_text else example
    plan = checked_plan(profile, draft=False)
    markdown = render_markdown(plan, None, draft=False)
    info = document_info(plan)
    keys = [str(chapter.key) for chapter in plan.chapters]
    recorded, read = both(markdown, info=info, chapters=keys)
    assert first_difference(recorded, read) == ""
    assert len(recorded.blocks) > 100  # a whole plan, not an empty body compared with another
    chapters = chapter_bookmarks(markdown)
    ours, theirs = estimate_document(recorded, chapters), estimate_document(read, chapters)
    assert (ours.pages, ours.breaks, ours.tops) == (theirs.pages, theirs.breaks, theirs.tops)
    assert len(ours.pages) > 20  # the headings of a whole plan on their pages


@pytest.mark.parametrize("example", EXAMPLES[:2], ids=[p.stem for p in EXAMPLES[:2]])
def test_a_render_writes_the_docx_of_the_read_back_estimate(example: Path) -> None:
    plan = checked_plan(example, draft=False)
    markdown = render_markdown(plan, None, draft=False)
    first = plan_docx(plan, markdown, RenderOptions(), pages=placeholder_pages())
    guess = estimate(first, chapter_bookmarks(markdown))  # the DOCX read back: how render estimated until now
    assert plan_docx(plan, markdown, RenderOptions()) == plan_docx(
        plan, markdown, RenderOptions(), pages=guess.pages, breaks=guess.breaks
    )


def test_charts_and_a_localised_reference_are_recorded_as_read_back(tmp_path: Path) -> None:
    reference = WordDocument()
    for element in reference.styles.element.xpath('w:style[@w:styleId="Heading1"]'):
        element.set(f"{W}styleId", "1")  # a localised Word's id for "heading 1"
    path = tmp_path / "reference.docx"
    reference.save(str(path))
    plan = checked_plan(EXAMPLES[0], draft=False)
    markdown = render_markdown(plan, None, draft=False)
    keys = [str(chapter.key) for chapter in plan.chapters]
    charts = {keys[2]: [_png(60, 40), _png(50, 50)], "elsewhere": [_png(40, 30)]}  # the last at the end
    recorded, read = both(markdown, info=document_info(plan), chapters=keys, charts=charts, reference_docx=path)
    assert first_difference(recorded, read) == ""
    assert sum(1 for block in read.blocks if getattr(block, "picture", 0)) == 3
    assert any(getattr(block, "style_id", "") == "1" for block in read.blocks)  # the renamed heading style


def _png(width: int, height: int) -> bytes:
    """Return a PNG of ``width`` × ``height`` white pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff" * width * 3 for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_only_the_title_page_risk_grid_pictures_and_section_breaks_are_read_from_their_xml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []
    original = read_body

    def reading(piece: str, styles: Mapping[str, Style], memo: dict[str, Para]) -> list[Block]:
        read.append(piece)
        return original(piece, styles, memo)

    monkeypatch.setattr("opsplan.render.layout_record.read_body", reading)
    plan = checked_plan(EXAMPLES[0], draft=False)
    markdown = render_markdown(plan, None, draft=False)
    keys = [str(chapter.key) for chapter in plan.chapters]
    recorded = layout_document(markdown, document_info(plan), chapters=keys)
    tables = [piece for piece in read if "<w:tbl>" in piece]
    assert len(tables) == 1 and "OpsplanGanttText" not in tables[0]  # the risk grid alone
    assert not any("TOCHeading" in piece for piece in read)  # the contents recorded
    assert sum(len(piece) for piece in read) < 20_000  # title page, risk grid, section breaks
    assert sum(isinstance(block, Table) for block in recorded.blocks) > 20  # the tables and Gantt charts recorded


def test_a_record_keeps_its_paragraphs_for_the_next_plan_unless_they_are_many(monkeypatch: pytest.MonkeyPatch) -> None:
    from opsplan.render import layout_record

    styles = {"Normal": Style()}
    kept: dict[tuple[str | None, str, tuple[tuple[str, bool | None], ...]], Para] = {}
    first = layout_record.Record(styles, {}, kept)
    para = first.para(None, "", (("文字", None),))
    first.close()
    second = layout_record.Record(styles, {}, kept)
    assert second.para(None, "", (("文字", None),)) is para  # the next plan's same paragraph: laid out once
    monkeypatch.setattr(layout_record, "KEPT_PARAS", 1)
    second.para(None, "", (("other", None),))
    second.close()
    assert kept == {}  # more than KEPT_PARAS (a long plan's): let go
