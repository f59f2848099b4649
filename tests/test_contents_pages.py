"""The DOCX contents' page numbers in the three ways ``opsplan render`` writes them (issue 16.2).

By default each entry ends in the page the layout estimate (``render.layout``) gives its heading, written as the TOC
field's cached result: the field is not dirty and the settings hold no update-on-open switch, so Word, WPS and
LibreOffice show the numbers without a prompt; the chapters break pages where the estimate decided.
``--no-page-numbers`` lists the headings alone, with no prompt either; ``--page-numbers`` confirms the numbers
with LibreOffice (its slow tests are in test_pdf.py). A slow test here converts each example's DOCX, as the
default render writes it, with LibreOffice and finds every heading on the page its entry gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.render.docx import build_docx, chapter_bookmarks
from opsplan.render.docx_toc import Contents
from opsplan.render.layout import estimate
from tests._docx_helpers import W, convert_to_pdf, docx_parts, instructions, open_docx, toc_entries
from tests._examples import PROFILES, fresh_render
from tests._pdf_layout import Reader, pdf_pages
from tests.conftest import RENDERABLE_PROFILE, REPO

# Chapter 一 fills most of page 3 but not all of it; 二 and 三 are short.
BODY_PARAGRAPHS = 17
PLAN = (
    "# 方案\n\n## 目录\n\n## 一、背景\n\n### 1.1 市场\n\n"
    + "".join(f"正文第{n}段。\n\n" for n in range(1, BODY_PARAGRAPHS + 1))
    + "## 二、目标\n\n### 2.1 短期\n\n正文。\n\n## 三、预算\n\n正文。\n"
)
_NUMBER = re.compile(r"\t(\d+)$")


def _numbers(docx: bytes) -> list[int]:
    """The page number at the end of each contents entry (an entry without one fails the test)."""
    entries = toc_entries(open_docx(docx))
    found = [_NUMBER.search(entry) for entry in entries]
    assert all(found), entries
    return [int(match[1]) for match in found if match]


def _chapter_breaks(docx: bytes) -> dict[str, bool]:
    """Each chapter heading's text, and whether a page break comes before it."""
    doc = open_docx(docx)
    return {
        p.text: p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
        for p in doc.paragraphs
        if p.style is not None and p.style.style_id == "Heading1"
    }


def _asks_nothing(docx: bytes) -> None:
    """The contents are a TOC field shown as written: not dirty, and no update-fields switch in the settings."""
    parts = docx_parts(docx)
    assert b"updateFields" not in parts["word/settings.xml"]
    assert b"w:dirty" not in parts["word/document.xml"]
    assert any(i.startswith("TOC \\o") for i in instructions(open_docx(docx).element.body))  # still a TOC field


def test_estimated_page_numbers_worked_by_hand() -> None:
    # A4 portrait, 72 pt margins: a text area 841.9 - 144 = 697.9 pt high; a chapter after the first starts a page
    # when the text before it ends below two thirds of that, 465.3 pt (layout.WASTE).
    # Page 1: the title. Page 2: the contents (five one-line entries). Page 3: chapter 一 (a page break before the
    # first chapter). Down page 3, in points, Chinese line heights as LibreOffice sets them (layout._CJK_TWIPS):
    #   一、背景, Heading 1: 18 before (kept after a page break) + 16 pt line 463 twips = 23.15        ->  41.15
    #   1.1 市场, Heading 2: max(12 after, 12 before) + 14 pt line 406 twips = 20.3                   ->  73.45
    #   17 body paragraphs: each max(6 after, 0 before) + 10.5 pt line 304 twips x 1.5 = 22.8, 28.8   -> 563.05
    # 563.05 <= 697.9: chapter 一 fits on page 3. The last line's text ends 22.8 x (1 - 1/1.5) = 7.6 higher, at
    # 555.45 > 465.3: 二 starts page 4. There 二 and 2.1 and one paragraph end at 18 + 23.15 + 12 + 20.3 + 6 + 22.8
    # - 7.6 = 94.65 < 465.3: 三 follows on page 4.
    docx = build_docx(PLAN, contents=Contents(estimate=True))
    assert toc_entries(open_docx(docx)) == ["一、背景\t3", "1.1 市场\t3", "二、目标\t4", "2.1 短期\t4", "三、预算\t4"]
    assert _chapter_breaks(docx) == {"一、背景": True, "二、目标": True, "三、预算": False}
    _asks_nothing(docx)


def test_without_pages_the_entries_are_the_headings_alone_and_nothing_is_asked() -> None:
    docx = build_docx(PLAN, contents=Contents())
    assert toc_entries(open_docx(docx)) == ["一、背景", "1.1 市场", "二、目标", "2.1 短期", "三、预算"]
    assert _chapter_breaks(docx) == {"一、背景": True, "二、目标": False, "三、预算": False}  # nothing laid out
    _asks_nothing(docx)


def test_a_reference_document_that_asks_to_update_fields_no_longer_does(tmp_path: Path) -> None:
    from docx import Document
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types

    reference = Document()
    switch = etree.SubElement(reference.settings.element, f"{W}updateFields")
    switch.set(f"{W}val", "true")
    path = tmp_path / "brand.docx"
    reference.save(str(path))
    assert b"updateFields" in docx_parts(path.read_bytes())["word/settings.xml"]
    _asks_nothing(build_docx(PLAN, reference_docx=path, contents=Contents(estimate=True)))


def _entry_pages(docx: bytes) -> dict[str, int]:
    """The page each contents entry gives, by the bookmark it links to."""
    doc = open_docx(docx)
    pages = {}
    for paragraph in doc.paragraphs:
        if paragraph.style is not None and paragraph.style.style_id in {"TOC1", "TOC2", "TOC3"}:
            link = paragraph._p.find(f"{W}hyperlink")
            match = _NUMBER.search(paragraph.text)
            assert link is not None and match is not None, paragraph.text
            pages[link.get(f"{W}anchor")] = int(match[1])
    return pages


@pytest.mark.parametrize("profile", [p for p in PROFILES if p.stem.startswith("douyin-flowers")], ids=lambda p: p.stem)
def test_an_example_docx_is_laid_out_as_its_contents_say(profile: Path) -> None:
    # the DOCX as written (its own chapter breaks: decide=False) puts every heading on the page its entry gives:
    # the breaks are the ones the estimate used
    rendered = fresh_render(profile)
    listed = _entry_pages(rendered.docx)
    laid_out = estimate(rendered.docx, chapter_bookmarks(rendered.md), decide=False)
    assert listed == {name: laid_out.pages[name] for name in listed}
    breaks = _chapter_breaks(rendered.docx)
    assert 1 < sum(breaks.values()) < len(breaks)  # some chapters start a page, others follow on
    _asks_nothing(rendered.docx)


# --- the command line -----------------------------------------------------------------------------------------------


def _render(tmp_path: Path, runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> bytes:
    profile = tmp_path / "shop.zh-CN.yaml"
    profile.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
    result = runner.invoke(app, ["render", str(profile), "-f", "docx", "-o", str(out), *args], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {out / 'shop.zh-CN.docx'}"  # no note: nothing is missing
    return (out / "shop.zh-CN.docx").read_bytes()


def test_render_by_default_writes_estimated_numbers(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPSPLAN_PAGE_NUMBERS", raising=False)
    docx = _render(tmp_path, runner)
    numbers = _numbers(docx)
    assert numbers[0] == 3 and numbers == sorted(numbers)  # after the title page and a one-page contents
    _asks_nothing(docx)
    assert _render(tmp_path, runner, env={"OPSPLAN_PAGE_NUMBERS": ""}) == docx  # an empty variable says nothing


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--no-page-numbers"], None), ([], {"OPSPLAN_PAGE_NUMBERS": "0"}), ([], {"OPSPLAN_PAGE_NUMBERS": "false"})],
)
def test_no_page_numbers_lists_the_headings_alone(
    tmp_path: Path, runner: CliRunner, args: list[str], env: dict[str, str] | None
) -> None:
    docx = _render(tmp_path, runner, *args, env=env)
    entries = toc_entries(open_docx(docx))
    assert entries and not any(_NUMBER.search(entry) for entry in entries)
    assert list(_chapter_breaks(docx).values()).count(True) == 1  # the first chapter, after the contents
    _asks_nothing(docx)


# --- as LibreOffice shows it (slow) --------------------------------------------------------------------------------


def _misplaced(pdf: Path, docx: bytes) -> list[tuple[str, int, int | None]]:
    """(heading, page in the contents, page LibreOffice put it on) of every entry whose number is wrong."""
    entries = [entry.rsplit("\t", 1) for entry in toc_entries(open_docx(docx))]
    reader = Reader(pdf_pages(pdf), 2)  # from the contents' first page
    for title, _ in entries:  # the contents list the headings first, in order
        assert reader.find(title) is not None, title
    wrong = []
    for title, number in entries:
        found = reader.find(title)
        page = found.page.number if found is not None else None
        if page != int(number):
            wrong.append((title, int(number), page))
    return wrong


@pytest.mark.slow
def test_every_example_docx_opens_in_libreoffice_on_the_pages_its_contents_give(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPSPLAN_PAGE_NUMBERS", raising=False)
    examples = sorted((REPO / "examples").glob("*.yaml"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", *map(str, examples), "-f", "docx", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    docx = {p.stem: p.read_bytes() for p in sorted(out.glob("*.docx"))}
    pdfs = convert_to_pdf(sorted(out.glob("*.docx")), tmp_path, timeout=900)
    wrong = {stem: _misplaced(pdfs[stem], data) for stem, data in docx.items()}
    said = [
        f"{stem}: {len(found)} of {len(toc_entries(open_docx(docx[stem])))} entries off, first {found[0]}"
        for stem, found in wrong.items()
        if found
    ]
    assert said == [], "\n".join(said)  # (heading, page in the contents, page LibreOffice put it on)
