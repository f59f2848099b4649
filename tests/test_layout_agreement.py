"""The layout estimate against LibreOffice's layout of the same DOCX, for every example in both languages.

Each example's DOCX is built as ``-f pdf`` builds it first (no chapter breaks, placeholder page numbers), the
estimate decides the chapter breaks and the headings' pages, and the DOCX with those breaks and numbers is
converted by LibreOffice: every contents entry must be on the page the estimate gave it, and every chapter break
must be one ``paginate`` keeps when it reads LibreOffice's layout (a chapter low on its page, none after a page
left more than a third empty). Each example is also tried in its long-text variant (``_layout_variants``: every
introduction three times as long, notes and risk mitigations twice, a chapter of the user's own), where headings
and rows fall elsewhere on their pages. Slow: one conversion a DOCX.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.render.docx import chapter_bookmarks
from opsplan.render.layout import estimate
from opsplan.render.markdown import render_markdown
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import checked_plan, plan_docx
from opsplan.render.paginate import body_of, chapter_breaks, read_layout
from opsplan.render.pdf import docx_to_pdf, find_pdfinfo, placeholder_pages
from tests._docx_helpers import soffice_or_skip
from tests._layout_variants import long_text_variant

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("long_text", [False, True], ids=["example", "long-text"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_libreoffice_lays_an_example_out_as_estimated(example: Path, long_text: bool, tmp_path: Path) -> None:
    soffice = soffice_or_skip()
    profile = long_text_variant(example, tmp_path) if long_text else example
    computed = checked_plan(profile, draft=False)
    markdown = render_markdown(computed, None, draft=False)
    chapters = chapter_bookmarks(markdown)
    first = plan_docx(computed, markdown, RenderOptions(), pages=placeholder_pages())
    guess = estimate(first, chapters)
    docx = plan_docx(computed, markdown, RenderOptions(), pages=guess.pages, breaks=guess.breaks)
    layout = read_layout(docx_to_pdf(docx, soffice=soffice), find_pdfinfo())
    found = layout.pages()
    wrong = {name: (page, found.get(name)) for name, page in guess.pages.items() if found.get(name) != page}
    print(f"{profile.stem}: {len(found) - len(wrong)}/{len(found)} headings on the estimated page")
    assert wrong == {}  # heading: (estimated page, LibreOffice's page)
    assert set(found) == set(guess.pages)
    kept = chapter_breaks(layout, chapters, body_of(first), current=guess.breaks)
    assert kept.chapters == guess.breaks
