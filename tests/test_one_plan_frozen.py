"""One plan rendered on the command line builds its DOCX with what came before frozen (``gcpace.one_plan``).

``opsplan render`` of one profile freezes what it built once its Markdown is made, so the DOCX step's collections
skip it, and unfreezes it as the render ends. Nowhere else: a library caller of ``render_bytes``, ``opsplan
serve`` and a batch (whose workers collect between plans, ``render.workers``) freeze nothing of their own, and every
path leaves the freeze count as it found it. The bytes are those of ``render_bytes``. Counts and bytes, no time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from opsplan.render import outputs
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import render_bytes
from opsplan.render.run import render_paths

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.en.yaml"


@pytest.fixture
def frozen_at_docx(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The freeze count as each DOCX of the test starts to be built; the count must be as it was after the test."""
    seen: list[int] = []
    real = outputs.plan_docx

    def plan_docx(*args: Any, **kwargs: Any) -> bytes:
        seen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(outputs, "plan_docx", plan_docx)
    before = gc.get_freeze_count()
    yield seen
    assert gc.get_freeze_count() == before


def _profile(folder: Path, name: str = "shop.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def test_one_plan_builds_its_docx_frozen_and_unfreezes_it_after(frozen_at_docx: list[int], tmp_path: Path) -> None:
    assert gc.get_freeze_count() == 0
    path = _profile(tmp_path / "in")
    render_paths([path], RenderOptions(out_dir=tmp_path / "out"))
    assert len(frozen_at_docx) == 1 and frozen_at_docx[0] > 0  # the modules, the plan and its Markdown
    assert gc.get_freeze_count() == 0
    md, docx = render_bytes(path, RenderOptions(), ("md", "docx"))  # the library's way: nothing frozen
    assert frozen_at_docx[1:] == [0] and gc.get_freeze_count() == 0
    assert (tmp_path / "out" / "shop.md").read_bytes() == md
    assert (tmp_path / "out" / "shop.docx").read_bytes() == docx


def test_a_batch_in_this_process_freezes_nothing_of_its_own(frozen_at_docx: list[int], tmp_path: Path) -> None:
    paths = [_profile(tmp_path / "in", f"shop{n}.yaml") for n in range(2)]
    render_paths(paths, RenderOptions(out_dir=tmp_path / "out", jobs=1))  # collects between plans as a worker
    assert len(frozen_at_docx) == 2  # (a batch's worker freezes what it starts with: render.workers, not one_plan)
    assert len(list((tmp_path / "out").glob("shop*.docx"))) == 2
    assert gc.get_freeze_count() == 0


def test_serve_builds_with_nothing_frozen(frozen_at_docx: list[int], tmp_path: Path) -> None:
    from opsplan.serve.page import PreviewState
    from opsplan.serve.plan_page import ServeOptions, build

    path = _profile(tmp_path / "in")
    state = PreviewState(zh=False)
    assert build(path, ServeOptions(), state).error is None
    assert gc.get_freeze_count() == 0 and b"Shiguang Florals" in state.snapshot().page


def test_what_another_froze_is_left_frozen_and_nothing_more_is(frozen_at_docx: list[int], tmp_path: Path) -> None:
    path = _profile(tmp_path / "in")
    kept = [[n] for n in range(1000)]  # frozen by someone else (a worker freezes what it starts with)
    gc.freeze()
    try:
        theirs = gc.get_freeze_count()
        render_paths([path], RenderOptions(out_dir=tmp_path / "out"))
        assert frozen_at_docx[0] <= theirs  # none of this render's objects went to the permanent generation
        assert gc.get_freeze_count() > 0  # and theirs was not unfrozen
    finally:
        gc.unfreeze()
    assert len(kept) == 1000
