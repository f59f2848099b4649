"""The executive summary (执行摘要) fits on one page (issue 15.5): each example's DOCX, laid out by LibreOffice.

The summary is the plan's first chapter. In the PDF LibreOffice makes of an example's DOCX, every line from the
summary's heading to the heading of the chapter after it must sit on one page: nothing of the summary spills
over. Lines are read as a person sees them (``_pdf_layout.pdf_pages``: the running header and the page number
left out).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests._docx_helpers import convert_to_pdf, markdown_headings
from tests._pdf_layout import Line, pdf_pages
from tests.conftest import REPO

EXAMPLES = sorted(p for p in (REPO / "examples").glob("*.yaml") if p.name.count(".") == 2)
_DOT_LEADER = re.compile(r"\.{3,}|…{2,}")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The PDF of each example's committed DOCX, by stem, from one LibreOffice run."""
    return convert_to_pdf([p.with_suffix(".docx") for p in EXAMPLES], tmp_path_factory.mktemp("summary"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _heading_at(lines: list[Line], title: str, start: int = 0) -> int:
    """Index of the first line from ``start`` that is the heading ``title`` (not a contents entry naming it)."""
    for index in range(start, len(lines)):
        text = "".join(lines[index].words)
        if _squash(text) == _squash(title) and not _DOT_LEADER.search(text):
            return index
    raise AssertionError(f"heading {title!r} is not in the PDF's body")


def summary_pages(pdf: Path, markdown: str) -> list[int]:
    """The pages the executive summary's lines are on, from its heading to the next chapter's (exclusive)."""
    chapters = [text for level, text in markdown_headings(markdown) if level == 1]
    summary, following = chapters[0], chapters[1]
    lines = [line for page in pdf_pages(pdf) for line in page.lines]
    first = _heading_at(lines, summary)
    last = _heading_at(lines, following, first + 1)
    assert last - first > 5, (pdf.name, "the summary has hardly any lines")  # a chapter, not a stray heading
    return sorted({line.page for line in lines[first:last]})


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_executive_summary_fits_on_one_page(converted: dict[str, Path], example: Path) -> None:
    markdown = example.with_suffix(".md").read_text(encoding="utf-8")
    assert markdown_headings(markdown)[0][1] in {"一、执行摘要", "1 Executive summary"}  # the first chapter
    pages = summary_pages(converted[example.stem], markdown)
    assert len(pages) == 1, f"{example.name}: the executive summary runs over pages {pages}"
