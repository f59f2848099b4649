"""Text measuring and fitting on slides, and ``--reference-pptx`` (the agency's master), read safely."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from opsplan.cli import app
from opsplan.errors import InputError
from opsplan.render import pptx_deck
from opsplan.render.pptx import build_pptx
from opsplan.render.pptx_text import Style, char_em, fit, text_em, wrapped_lines
from tests._plan_helpers import goals, plan
from tests._pptx_helpers import open_pptx, slide_title

PT = 12700  # EMU per point


def test_widths_cjk_one_em_latin_narrower() -> None:
    assert char_em("花") == 1.0 and char_em("，") == 1.0
    assert 0.5 <= char_em("a") < 1.0 and 0.5 <= char_em("7") < 1.0
    # 三个汉字 3 em; "GMV": G and V are capitals at 0.72 em, M one of the widest letters at 0.92 em = 2.36 em
    assert text_em("运营方") == 3.0
    assert text_em("GMV") == pytest.approx(2.36)


def test_wrapping_breaks_cjk_anywhere_and_latin_at_spaces() -> None:
    # ten CJK characters in a 4 em line: 4 + 4 + 2 → 3 lines
    assert wrapped_lines("一二三四五六七八九十", 4.0) == 3
    # "aaaa bbbb": each word 4 × 0.58 = 2.32 em (+0.32 for the space after the first); 3 em → 2 lines
    assert wrapped_lines("aaaa bbbb", 3.0) == 2
    assert wrapped_lines("aaaa bbbb", 6.0) == 1
    # a box narrower than one character holds nothing
    assert wrapped_lines("a", 0.5) > 1000


def test_fit_shrinks_to_the_largest_size_that_fits() -> None:
    # a box 100 pt wide: 100 − 2 × 4 (insets) − 2 (slack) = 90 pt of line; 20 CJK characters
    # at 18 pt: 90 / 18 = 5 em a line → 4 lines × 18 × 1.45 = 104.4 pt, more than the 60 − 4 = 56 pt of height
    # at 13 pt: 90 / 13 = 6.9 em → 3 lines × 13 × 1.45 = 56.55 pt, still more; at 12.5: 7.2 em → 3 lines, 54.4 pt
    texts, size = fit(["一" * 20], 100 * PT, 60 * PT, Style(size=18, floor=8))
    assert (texts, size) == (["一" * 20], 12.5)


def test_fit_shortens_with_an_ellipsis_below_the_floor() -> None:
    texts, size = fit(["一" * 200], 100 * PT, 30 * PT, Style(size=12, floor=10))
    assert size == 10 and texts[0].endswith("…") and len(texts[0]) < 200


def test_fit_keeps_single_line_labels_on_one_line() -> None:
    texts, size = fit(
        ["Launch the first twenty creator visits"], 80 * PT, 40 * PT, Style(size=10, floor=8, max_lines=1)
    )
    assert size == 8 and texts[0].endswith("…")
    assert wrapped_lines(texts[0], (80 - 10) / 8) == 1


def _brand(tmp_path: Path, rename: dict[str, str] | None = None) -> Path:
    """A 4:3 presentation with one slide of its own, its layouts optionally renamed."""
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "brand cover"
    for layout in prs.slide_layouts:
        if rename and layout.name in rename:
            layout.name = rename[layout.name]
    path = tmp_path / "brand.pptx"
    prs.save(str(path))
    return path


def _small() -> Any:
    return plan(baseline={"followers": 1_000}, goals=goals({"followers": 5_000}))


def test_reference_master_is_used_and_its_slides_dropped(tmp_path: Path) -> None:
    prs = open_pptx(build_pptx(_small(), reference_pptx=_brand(tmp_path)))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the brand's 4:3, kept
    titles = [slide_title(s) for s in prs.slides]
    assert "brand cover" not in titles and titles[0] == "Test plan"


def test_a_missing_layout_is_named(tmp_path: Path, runner: Any) -> None:
    brand = _brand(tmp_path, {"Title Only": "Nur Titel"})
    with pytest.raises(InputError, match="no slide layout named 'Title Only'"):
        build_pptx(_small(), reference_pptx=brand)
    profile = Path(__file__).resolve().parents[1] / "examples" / "xigua-store.en.yaml"
    result = runner.invoke(
        app, ["render", str(profile), "-f", "pptx", "-o", str(tmp_path / "out"), "--reference-pptx", str(brand)]
    )
    assert result.exit_code == 2
    assert "brand.pptx: --reference-pptx: no slide layout named 'Title Only'" in result.output
    assert not (tmp_path / "out" / "xigua-store.en.pptx").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a zip", "not a ZIP package"), (b"", "not a ZIP package")],
)
def test_a_file_that_is_no_presentation_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "brand.pptx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        build_pptx(_small(), reference_pptx=path)


@pytest.mark.parametrize(
    ("member", "said"),
    [
        # a Word document named .pptx is named as what it is
        ("word/document.xml", r"Word document \(\.docx\).*needs a PowerPoint presentation"),
        # a ZIP of anything else is named a ZIP archive
        ("notes.txt", r"ZIP archive.*needs a PowerPoint presentation"),
    ],
)
def test_a_zip_without_a_presentation_is_refused(tmp_path: Path, member: str, said: str) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<x/>")
    path = tmp_path / "brand.pptx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=said):
        build_pptx(_small(), reference_pptx=path)


def test_a_reference_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pptx_deck, "REFERENCE_LIMIT", 1000)
    with pytest.raises(
        InputError, match="--reference-pptx: file is .* bytes; reference presentations are limited to 1,000"
    ):
        build_pptx(_small(), reference_pptx=_brand(tmp_path))


def test_a_reference_that_is_a_folder_is_refused(tmp_path: Path, runner: Any) -> None:
    profile = Path(__file__).resolve().parents[1] / "examples" / "xigua-store.en.yaml"
    result = runner.invoke(
        app, ["render", str(profile), "-f", "pptx", "-o", str(tmp_path), "--reference-pptx", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert f"{tmp_path}: --reference-pptx: is a folder" in result.output
