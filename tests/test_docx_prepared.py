"""The DOCX frames the wheel ships prepared are the frames the code builds, and are used only with the
python-docx and lxml they were prepared with."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import opsplan.render.docx_prepared as docx_prepared
from opsplan.presets import LOCALES
from opsplan.render import docx_frame


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prepared")
    written = docx_prepared.write_frames(folder)
    manifests = [p for p in written if p.suffix == ".json"]
    assert len(manifests) == len(LOCALES) * 4
    assert len(written) - len(manifests) < 4 * len(manifests), "parts that every frame shares are stored once"
    return folder


@pytest.fixture
def use_shipped(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
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
