"""The measuring code gives every width, piece and line count the code it replaced gave, to the last bit.

``tests/_measure_reference.py`` is that code, frozen. Compared on every paragraph and table cell of every example
DOCX (each run alone, regular and bold, and the runs together), on random text mixing what the plans write
(Chinese, Latin words and numbers, spaces, full-width and Latin marks, brackets, dashes, no-break spaces). The
default run reads the two flowers examples; ``-m slow`` the others and the examples' long-text variants.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsplan.render.docx_widths import _text_widths
from opsplan.render.fontmetrics import measure, text_width, widest_piece
from opsplan.render.layout_docx import Para, Table, read_docx
from opsplan.render.layout_lines import lines_of, set_lines, upper_width
from opsplan.render.layout_text import Piece, pieces, word_width
from tests import _measure_reference as reference

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
Runs = tuple[tuple[str, bool], ...]


def paragraphs(docx: bytes) -> dict[Runs, float]:
    """Return the runs of every paragraph of ``docx`` (body and table cells) with their type size."""
    document = read_docx(docx)
    paras = [b for b in document.blocks if isinstance(b, Para)]
    paras += [p for b in document.blocks if isinstance(b, Table) for r in b.rows for c in r.cells for p in c.paras]
    return {p.runs: p.style.size for p in paras if p.runs}


def as_tuples(found: list[Piece] | list[reference.Piece]) -> list[tuple[object, ...]]:
    return [
        (p.width, p.space, p.hang, p.wide, p.length, p.bracket, p.chars, p.units) for p in found
    ]  # fmt: skip


def assert_agree(runs: Runs, size: float, widths: tuple[float, ...]) -> None:
    """Assert that pieces, widths, line counts and upper widths of ``runs`` are the reference's."""
    for at in (size, 1000.0):
        for detail in (False, True):
            assert as_tuples(pieces(runs, at, detail)) == as_tuples(reference.pieces(runs, at, detail)), runs
    texts = [text for text, _ in runs]
    for text in [*texts, "".join(texts)]:
        for bold in (False, True):
            widths_expected = reference.text_widths(text, bold)
            assert _text_widths(text, bold) == widths_expected, (text, bold)
            assert measure(text, bold) == (text_width(text, bold), widest_piece(text, bold))
            assert measure(text, bold) == (reference.text_width(text, bold), reference.widest_piece(text, bold))
            assert word_width(text, bold) == reference.word_width(text, bold)
        assert upper_width(text) == reference.upper_width(text), text
    for width in widths:
        for hang in (True, False):
            expected = reference.set_lines(runs, size, width, width + 21, hang)
            assert set_lines(runs, size, width, width + 21, None, hang) == expected, (runs, width)
            assert lines_of(runs, size, width, width + 21, hang) == (expected[0], tuple(expected[1]))


ALL_EXAMPLES = sorted(EXAMPLES.glob("*.docx"))
TWO = {"douyin-flowers.zh-CN", "douyin-flowers.en"}  # the default run's; the other examples with -m slow
EXAMPLE_DOCX = [pytest.param(p, marks=() if p.stem in TWO else pytest.mark.slow, id=p.stem) for p in ALL_EXAMPLES]


@pytest.mark.parametrize("docx", EXAMPLE_DOCX)
def test_every_paragraph_of_an_example_measures_as_before(docx: Path) -> None:
    found = paragraphs(docx.read_bytes())
    assert len(found) > 300
    for runs, size in found.items():
        assert_agree(runs, size, (42.0, 207.35))


# what the plans write, and what breaks or glues a line: each kind of character the measuring tells apart
ALPHABET = list(
    "aZé09 -/\t\u3000\u00a0（）「」《》【】“”‘’，。、：；！？．%‰,.;:!?()[]{}—–→×·…█▒◆★•¥$+"
    "中文字体ぁアカ豈\u3400\u4dbf\u9fff\u3040\u3099가\u0301"  # Chinese, kana, the ends of their ranges, Hangul, a mark
)
TEXT = st.text(st.sampled_from(ALPHABET), max_size=24)
RUNS = st.lists(st.tuples(TEXT, st.booleans()), min_size=1, max_size=3).map(tuple)


@settings(max_examples=150, deadline=None)
@given(RUNS, st.sampled_from([7.5, 9.0, 10.5]))
def test_any_text_measures_as_before(runs: Runs, size: float) -> None:
    assert_agree(runs, size, (12.0, 42.0, 96.5))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["中文字体", "ABC", "12", " ", "，", "-", "/", "xyz"]), max_size=40).map("".join))
def test_long_mixed_text_measures_as_before(text: str) -> None:
    assert_agree(((text, False),), 10.5, (30.0, 96.5, 207.35))


@pytest.mark.slow
def test_the_long_text_variants_measure_as_before(tmp_path: Path) -> None:
    from opsplan.render.docx import chapter_bookmarks
    from opsplan.render.markdown import render_markdown
    from opsplan.render.options import RenderOptions
    from opsplan.render.outputs import checked_plan, plan_docx
    from opsplan.render.pdf import placeholder_pages
    from tests._layout_variants import long_text_variant

    for profile in sorted(EXAMPLES.glob("*.yaml")):
        plan = checked_plan(long_text_variant(profile, tmp_path), draft=False)
        markdown = render_markdown(plan, None, draft=False)
        assert chapter_bookmarks(markdown)
        for runs, size in paragraphs(plan_docx(plan, markdown, RenderOptions(), pages=placeholder_pages())).items():
            assert_agree(runs, size, (42.0, 96.5, 430.3))
