"""The DOCX frames the wheel ships prepared are the frames the code builds, and are used only with the
python-docx and lxml they were prepared with."""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import opsplan.render.docx_prepared as docx_prepared
from opsplan.presets import LOCALES
from opsplan.render import docx_frame
from opsplan.render.docx_package import deflate
from opsplan.render.layout_docx import resolved_styles


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prepared")
    written = docx_prepared.write_frames(folder)
    manifests = [p for p in written if p.suffix == ".json"]
    assert len(manifests) == len(LOCALES) * 4
    parts = [p for p in written if p.parent.name == "parts"]
    assert len(parts) < 4 * len(manifests), "parts that every frame shares are stored once"
    assert len(written) == len(manifests) + 2 * len(parts), "and deflated once"
    return folder


@pytest.fixture
def use_shipped(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(docx_prepared, "prepared_folder", lambda: shipped)
    docx_frame._frame.cache_clear()
    yield shipped
    docx_frame._frame.cache_clear()


@pytest.mark.parametrize(
    ("locale", "draft", "versioned"), list(itertools.product(LOCALES, (False, True), (False, True)))
)
def test_a_shipped_frame_is_the_frame_the_code_builds(use_shipped: Path, locale: str, draft: bool, versioned: bool):
    frame = docx_prepared.shipped_frame(locale, draft=draft, versioned=versioned)
    assert frame is not None
    assert frame == docx_frame.make_frame(locale, None, draft=draft, versioned=versioned)
    assert docx_frame.frame_for(locale, None, draft=draft, versioned=versioned) is docx_frame.frame_for(
        locale, None, draft=draft, versioned=versioned
    )


def test_frame_for_uses_the_shipped_frame(use_shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the frame was built although the wheel ships it")

    monkeypatch.setattr(docx_frame, "make_frame", refuse)
    assert docx_frame.frame_for("zh-CN", None).layout.text_width > 0


def test_other_libraries_or_a_damaged_folder_build_the_frame(use_shipped: Path, monkeypatch: pytest.MonkeyPatch):
    built = docx_frame.make_frame("en", None)
    monkeypatch.setattr(docx_prepared, "library_key", lambda *files: "other")
    assert docx_prepared.shipped_frame("en", draft=False, versioned=False) is None
    assert docx_frame.frame_for("en", None) == built
    monkeypatch.undo()
    monkeypatch.setattr(docx_prepared, "prepared_folder", lambda: use_shipped)
    manifest = next(use_shipped.glob("docx-frames-*/en.json"))
    saved = manifest.read_text(encoding="utf-8")
    try:
        manifest.write_text(saved[: len(saved) // 2], encoding="utf-8")
        assert docx_prepared.shipped_frame("en", draft=False, versioned=False) is None
    finally:
        manifest.write_text(saved, encoding="utf-8")
    assert docx_prepared.shipped_frame("xx", draft=False, versioned=False) is None


def test_a_shipped_frame_brings_each_part_deflated_and_its_styles_resolved(use_shipped: Path) -> None:
    frame = docx_prepared.shipped_frame("zh-CN", draft=False, versioned=False)
    assert frame is not None
    for name, data in frame.parts:
        crc, stream = frame.deflated[name]
        assert (crc, zlib.decompress(stream, -15)) == (zlib.crc32(data), data)
        assert (crc, stream) == deflate(data)
    found = dict(frame.parts)
    assert frame.styles == resolved_styles(found["word/styles.xml"].decode(), found["word/numbering.xml"].decode())
    assert frame.styles["OpsplanTableText"].size == 9.0  # table text is 9 pt (docx_widths.BODY_SIZE: 18 half-points)


def test_streams_made_with_another_zlib_are_made_again(use_shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[bytes] = []

    def deflating(data: bytes) -> tuple[int, bytes]:
        made.append(data)
        return deflate(data)

    monkeypatch.setattr(zlib, "ZLIB_RUNTIME_VERSION", "0.0.0")  # the zlib docx_prepared reads
    monkeypatch.setattr(docx_prepared, "deflate", deflating)
    frame = docx_prepared.shipped_frame("en", draft=True, versioned=False)
    assert frame is not None
    assert made == [data for _, data in frame.parts]
    assert frame == docx_frame.make_frame("en", None, draft=True)
