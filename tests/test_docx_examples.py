"""The committed example plans (examples/*.md, *.docx and *.html) match what the code renders today, and every
example DOCX reads back as a finished document: headings, TOC field with page numbers (the examples are laid out
by LibreOffice), page numbers, fonts, Gantt shading, and LibreOffice turns it into a PDF that contains every
chapter title.

Regenerate the examples with:  opsplan render examples/*.yaml -f md,docx,pdf,pptx,html -o examples --force
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from opsplan.render.palette import CRITICAL_LINE, phase_colour
from tests._docx_helpers import (
    W,
    cell_fills,
    convert_to_pdf,
    docx_headings,
    docx_parts,
    gantt_table,
    instructions,
    markdown_headings,
    open_docx,
    pdftotext_or_skip,
    style_fonts,
    text_of,
    toc_entries,
)
from tests._examples import PROFILES, fresh_render

REGENERATE = "opsplan render examples/*.yaml -f md,docx,pdf,pptx,html -o examples --force"
_PAGE = re.compile(r"\t?\d+$")  # a contents entry's page number (the committed examples have them)


def _committed(profile: Path, suffix: str) -> Path:
    path = profile.with_suffix(suffix)
    if not path.is_file():
        pytest.fail(f"{path.name} is missing; regenerate the examples: {REGENERATE}")
    return path


def _content(doc: Any) -> list[tuple[str, str]]:
    """(style or 'cell', text) of every paragraph and table cell, in document order."""
    out: list[tuple[str, str]] = []
    for element in doc.element.body.iter(f"{W}p"):
        style = element.find(f"{W}pPr/{W}pStyle")
        name = style.get(f"{W}val") if style is not None else ""
        text = text_of(element)
        out.append((name, _PAGE.sub("", text) if name.startswith("TOC") else text))
    return out


@pytest.fixture(scope="module", params=PROFILES, ids=[p.name for p in PROFILES])
def example(request: pytest.FixtureRequest) -> tuple[Path, str, bytes]:
    profile: Path = request.param
    markdown = _committed(profile, ".md").read_text(encoding="utf-8")
    return profile, markdown, _committed(profile, ".docx").read_bytes()


def test_there_are_examples() -> None:
    assert PROFILES, "examples/*.yaml: no example profiles"


def test_committed_examples_match_a_fresh_render(example: tuple[Path, str, bytes]) -> None:
    profile, markdown, docx_bytes = example
    fresh_md, fresh_docx, fresh_html, _ = fresh_render(profile)
    assert fresh_md == markdown, f"{profile.name}: the Markdown changed; run {REGENERATE}"
    # the committed DOCX was laid out by LibreOffice (page numbers in its contents); the fresh one was not
    assert _content(open_docx(fresh_docx)) == _content(open_docx(docx_bytes)), (
        f"{profile.name}: the DOCX changed; run {REGENERATE}"
    )
    assert fresh_html == _committed(profile, ".html").read_bytes(), (
        f"{profile.name}: the HTML changed; run {REGENERATE}"
    )


def test_example_docx_headings_equal_the_markdown(example: tuple[Path, str, bytes]) -> None:
    _, markdown, docx_bytes = example
    doc = open_docx(docx_bytes)
    headings = markdown_headings(markdown)
    assert docx_headings(doc) == headings
    assert len([h for h in headings if h[0] == 1]) >= 8  # a plan has 8 to 13 chapters


def test_example_docx_has_toc_field_footer_page_and_fonts(example: tuple[Path, str, bytes]) -> None:
    _, markdown, docx_bytes = example
    doc = open_docx(docx_bytes)
    assert any(i.startswith("TOC \\o") for i in instructions(doc.element.body))
    entries = toc_entries(doc)
    assert [entry.split("\t")[0] for entry in entries] == [t for level, t in markdown_headings(markdown) if level <= 2]
    # laid out: every entry ends in its page, and Word is not asked to update the fields on opening
    assert all(_PAGE.search(entry) for entry in entries), entries
    assert b"updateFields" not in docx_parts(docx_bytes)["word/settings.xml"]
    assert instructions(doc.sections[0].footer._element) == ["PAGE"]
    for style_id in ("Normal", "Heading1", "Heading2", "Heading3", "TableGrid"):
        assert style_fonts(doc, style_id).get("eastAsia"), style_id
    assert doc.core_properties.title == markdown.splitlines()[0].removeprefix("# ")


_STYLE_REFERENCE = re.compile(r'<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link|numStyleLink|styleLink) w:val="([^"]+)"')
_STYLE_TAG = re.compile(r"<w:style ([^>]*)>")


def test_example_docx_defines_every_style_it_uses_and_no_table_style_it_does_not(
    example: tuple[Path, str, bytes],
) -> None:
    _, _, docx_bytes = example
    parts = {name: data.decode("utf-8") for name, data in docx_parts(docx_bytes).items() if name.endswith(".xml")}
    attributes = [dict(re.findall(r'(w:\w+)="([^"]*)"', tag)) for tag in _STYLE_TAG.findall(parts["word/styles.xml"])]
    defined = {attribute["w:styleId"]: attribute["w:type"] for attribute in attributes}
    assert len(defined) == parts["word/styles.xml"].count("<w:style ")  # every definition was read, once
    used = {style_id for xml in parts.values() for style_id in _STYLE_REFERENCE.findall(xml)}
    assert "Heading1" in used and "TableGrid" in used
    assert sorted(used - defined.keys()) == []
    # the base template's other 98 table styles (310 KB of styles.xml) are not copied into a plan
    assert sorted(style_id for style_id, kind in defined.items() if kind == "table") == ["TableGrid", "TableNormal"]


def test_example_gantt_is_landscape_and_shaded(example: tuple[Path, str, bytes]) -> None:
    _, markdown, docx_bytes = example
    # every example plans 24 months and schedules a few: a summary over the window, then a chart per phase
    assert '<!-- opsplan:gantt chart="summary" axis="2"' in markdown
    assert '<!-- opsplan:gantt chart="phase" phase="' in markdown
    doc = open_docx(docx_bytes)
    table = gantt_table(doc)
    assert table is not None
    fills = cell_fills(table)
    assert phase_colour(0) in fills and phase_colour(1) in fills  # bars coloured by phase
    # the critical path is always non-empty when there are tasks: its bars are outlined
    assert table._tbl.xpath(f'.//w:tcBorders/w:top[@w:color="{CRITICAL_LINE}"]')
    assert any(int(s.orientation) == 1 for s in doc.sections)


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every example DOCX converted to PDF by one LibreOffice run; the PDFs' text by file stem."""
    pdftotext = pdftotext_or_skip()
    work = tmp_path_factory.mktemp("pdf")
    docx_files = [_committed(p, ".docx") for p in PROFILES]
    pdfs = convert_to_pdf(docx_files, work, timeout=600)
    texts = {}
    for docx_file in docx_files:
        result = subprocess.run(
            [pdftotext, str(pdfs[docx_file.stem]), "-"], check=True, capture_output=True, timeout=60
        )
        texts[docx_file.stem] = result.stdout.decode("utf-8")
    return texts


@pytest.mark.slow
def test_example_pdf_contains_every_chapter_title(example: tuple[Path, str, bytes], pdf_texts: dict[str, str]) -> None:
    profile, markdown, _ = example
    text = "".join(pdf_texts[profile.stem].split())
    chapters = [t for level, t in markdown_headings(markdown) if level == 1]
    # each title shows twice: in the table of contents and as the chapter's heading
    missing = [t for t in chapters if text.count("".join(t.split())) < 2]
    assert not missing, f"{profile.stem}.pdf lacks {missing}"
