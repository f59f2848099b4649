"""The committed example decks (examples/*.pptx) match what the code renders today, and LibreOffice shows them
as a person would want: every slide converts, no text runs outside its slide or its box (from the PDF's word
positions), every slide has a title.

Regenerate the example decks with:  opsplan render examples/*.yaml -f pptx -o examples --force
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests._docx_helpers import convert_to_pdf
from tests._examples import EXAMPLES, PROFILES, fresh_render
from tests._pptx_helpers import (
    Box,
    Page,
    all_text,
    boxes,
    categories,
    charts,
    normal,
    notes_text,
    open_pptx,
    pdf_pages,
    series_values,
    slide_title,
)

REGENERATE = "opsplan render examples/*.yaml -f pptx -o examples --force"
EMU_PER_PT = 12700


def _committed(profile: Path) -> Path:
    path = profile.with_suffix(".pptx")
    if not path.is_file():
        pytest.fail(f"{path.name} is missing; regenerate the example decks: {REGENERATE}")
    return path


def _content(data: bytes) -> list[tuple[str, str, str, list[tuple[list[str], list[float]]]]]:
    """Per slide: title, text, notes, and each chart's categories and values."""
    return [
        (slide_title(s), all_text(s), notes_text(s), [(categories(c), series_values(c)) for c in charts(s)])
        for s in open_pptx(data).slides
    ]


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_committed_decks_match_a_fresh_render(profile: Path) -> None:
    assert _content(fresh_render(profile).pptx) == _content(_committed(profile).read_bytes()), (
        f"{profile.name}: the deck changed; run {REGENERATE}"
    )


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, list[Page]]]:
    """stem → (the committed deck, the pages of the PDF LibreOffice makes of it)."""
    decks = [_committed(p) for p in PROFILES]
    pdfs = convert_to_pdf(decks, tmp_path_factory.mktemp("decks"))
    return {d.stem: (open_pptx(d.read_bytes()), pdf_pages(pdfs[d.stem])) for d in decks}


def _outside(page: Page, slide_boxes: list[Box]) -> list[str]:
    """The words of ``page`` that lie outside the page, or outside every box that holds their text."""
    problems = []
    for word in page.words:
        where = f"'{word.text}' at ({word.x0:.0f}, {word.y0:.0f})–({word.x1:.0f}, {word.y1:.0f})"
        if word.x0 < -1 or word.y0 < -1 or word.x1 > page.width + 1 or word.y1 > page.height + 1:
            problems.append(f"{where} runs off the slide")
            continue
        text = normal(word.text)
        holders = [b for b in slide_boxes if b.chart or text in normal(b.text or "") or text == "•"]
        # a glyph box may overhang its text box by a fraction of its height (the font's ascent and descent);
        # text that overflows does so by a whole line or more
        slack = max(1.5, 0.3 * (word.y1 - word.y0))
        if not any(b.holds(word.x0, word.y0, word.x1, word.y1, slack) for b in holders):
            problems.append(f"{where} runs outside its box")
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_no_text_runs_outside_its_slide_or_box(converted: dict[str, tuple[Any, list[Page]]], profile: Path) -> None:
    prs, pages = converted[profile.stem]
    slides = list(prs.slides)
    assert len(pages) == len(slides), "LibreOffice shows every slide"
    assert pages[0].width == pytest.approx(prs.slide_width / EMU_PER_PT, abs=1)
    problems = []
    for number, (slide, page) in enumerate(zip(slides, pages, strict=True), 1):
        assert page.words, f"slide {number} shows no text"
        title = normal(slide_title(slide))
        assert title and title[:4] in normal("".join(w.text for w in page.words)), f"slide {number}: no title"
        problems += [f"slide {number}: {p}" for p in _outside(page, boxes(slide))]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_the_overflow_check_sees_text_that_overflows(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Pt(50), Pt(50), Pt(100), Pt(20))
    box.text_frame.word_wrap = True
    box.text_frame.text = "this sentence is far too long for its small box " * 3
    path = tmp_path / "overflow.pptx"
    prs.save(str(path))
    (page,) = pdf_pages(convert_to_pdf([path], tmp_path)["overflow"])
    assert any("runs outside its box" in p for p in _outside(page, boxes(slide)))


@pytest.mark.slow
def test_a_deck_on_a_4_3_reference_master_keeps_its_text_in_its_boxes(tmp_path: Path) -> None:
    from pptx import Presentation

    from opsplan.render.outputs import load_plan
    from opsplan.render.pptx import build_pptx

    brand = tmp_path / "brand.pptx"
    Presentation().save(str(brand))  # python-pptx's own 4:3 template, its layouts where PowerPoint has them
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_pptx(load_plan(EXAMPLES / "douyin-groupbuy.zh-CN.yaml"), reference_pptx=brand))
    prs = open_pptx(deck.read_bytes())
    pages = pdf_pages(convert_to_pdf([deck], tmp_path)["deck"])
    assert len(pages) == len(prs.slides) and pages[0].width == pytest.approx(720, abs=1)  # 10 in × 72 pt
    problems = [
        f"slide {n}: {p}"
        for n, (s, page) in enumerate(zip(prs.slides, pages, strict=True), 1)
        for p in _outside(page, boxes(s))
    ]
    assert not problems, "\n".join(problems)
