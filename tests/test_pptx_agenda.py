"""The deck's agenda stays readable however many chapters a plan has: one column, two columns, more slides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from opsplan.render.outputs import load_plan
from opsplan.render.pptx import build_pptx
from opsplan.render.pptx_slides import AGENDA_ROWS
from tests._pptx_helpers import A, open_pptx, slide_title

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.en.yaml"
EXAMPLE_CHAPTERS = 14  # the example's chapters: the summary and the kind's 13


def _deck(tmp_path: Path, own: int = 0, chapters: list[str] | None = None) -> tuple[list[str], Any]:
    """The example with ``own`` chapters of its own added (or only ``chapters``): its chapter labels, its deck."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for i in range(1, own + 1):
        data["sections"][f"own{i}"] = {"title": f"Our own chapter {i}", "after": "content", "body": f"Text {i}."}
    if chapters is not None:
        data["plan"]["chapters"] = chapters
    path = tmp_path / "shop.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plan = load_plan(path)
    from opsplan.render.views.headings import chapter_label

    labels = [chapter_label("en", n, ref.title) for n, ref in enumerate(plan.chapters, start=1)]
    return labels, open_pptx(build_pptx(plan))


def _agenda(prs: Any) -> list[list[tuple[int, list[str], float]]]:
    """Each agenda slide's text boxes, left to right: (left edge, lines, smallest font size in points)."""
    slides = []
    for slide in prs.slides:
        if not slide_title(slide).startswith("Agenda"):
            continue
        columns = []
        for shape in slide.shapes:
            if shape.has_text_frame and shape != slide.shapes.title:
                sizes = [int(r.get("sz")) / 100 for r in shape._element.iter(f"{A}rPr") if r.get("sz")]
                lines = [p.text for p in shape.text_frame.paragraphs if p.text]
                columns.append((int(shape.left), lines, min(sizes)))
        slides.append(sorted(columns))
    return slides


@pytest.mark.parametrize(
    ("own", "layout"),
    [
        (0, [[7, 7]]),  # 14 chapters: two columns of 7
        (3, [[9, 8]]),  # 17: the left column the longer
        (4, [[9, 9]]),  # 18: two full columns
        (6, [[5, 5], [5, 5]]),  # 20: two slides, shared evenly
    ],
)
def test_the_agenda_is_split_into_columns_and_slides(tmp_path: Path, own: int, layout: list[list[int]]) -> None:
    labels, prs = _deck(tmp_path, own)
    assert len(labels) == EXAMPLE_CHAPTERS + own
    agenda = _agenda(prs)
    assert [[len(lines) for _, lines, _ in columns] for columns in agenda] == layout
    # every chapter once, in the document's order, reading down each column then across
    assert [line for columns in agenda for _, lines, _ in columns for line in lines] == labels
    titles = [slide_title(s) for s in prs.slides if slide_title(s).startswith("Agenda")]
    assert titles == ["Agenda"] + ["Agenda (continued)"] * (len(layout) - 1)
    for columns in agenda:
        assert all(size >= 16 for _, _, size in columns)  # set at 20 points, never shrunk to the 11-point floor


def test_a_short_agenda_is_one_column(tmp_path: Path) -> None:
    chapters = ["summary", "background", "positioning", "goals", "content", "traffic", "risks", "timeline"]
    labels, prs = _deck(tmp_path, chapters=chapters)
    assert len(labels) == len(chapters) <= AGENDA_ROWS
    [columns] = _agenda(prs)
    assert [lines for _, lines, _ in columns] == [labels] and columns[0][2] == 20
