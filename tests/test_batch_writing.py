"""``render --jobs`` writes several plans' sets at once (``render.batch.SetsWriting``) and reports them in order."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from opsplan.render.batch import WRITERS, SetsWriting
from opsplan.render.run import Outcome, Rendered
from tests.conftest import RENDERABLE_PROFILE


def _slow_first(path: Path, rendered: Rendered) -> Outcome:
    """Write nothing; take longer the earlier the path, so later sets are done first."""
    time.sleep(0.2 if path.name == "0" else 0.0)
    return [path.name], None, None


def test_sets_are_reported_in_the_order_they_were_added_though_written_out_of_it() -> None:
    reported: list[str] = []
    writing = SetsWriting(_slow_first, lambda path, outcome: reported.append(outcome[0][0]))
    for n in range(WRITERS * 3):
        writing.add(Path(str(n)), (None, None, None))
    writing.finish()
    assert reported == [str(n) for n in range(WRITERS * 3)]


def test_finish_waits_for_the_sets_being_written_when_the_batch_is_stopped() -> None:
    started, reported = threading.Event(), []

    def write(path: Path, rendered: Rendered) -> Outcome:
        started.set()
        time.sleep(0.2)
        return [path.name], None, None

    writing = SetsWriting(write, lambda path, outcome: reported.append(outcome[0][0]))
    with pytest.raises(KeyboardInterrupt):
        try:
            writing.add(Path("a"), (None, None, None))
            started.wait()
            raise KeyboardInterrupt  # Ctrl-C while a set is being written
        finally:
            writing.finish()
    assert reported == ["a"]  # written whole, and said


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_cleans_its_folder_once_and_writes_what_single_renders_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    from opsplan import fileio, tempfiles
    from opsplan.render.options import RenderOptions
    from opsplan.render.run import render_paths

    profiles = []
    for n in range(4):
        profiles.append(tmp_path / f"shop{n}.yaml")
        profiles[-1].write_text(RENDERABLE_PROFILE.replace("name: 花间", f"name: 花间{n}"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    dead = out / f"{tempfiles.TEMP_PREFIX}dead.shop0.md{tempfiles.TEMP_SUFFIX}"  # a killed run's, locked by nobody
    dead.write_bytes(b"half a plan")
    cleaned: list[Path] = []

    def cleaning(folder: Path) -> None:
        if Path(folder) == out:  # not the template cache's folder, say
            cleaned.append(out)
        real(folder)

    real = tempfiles.clean_folder
    monkeypatch.setattr(tempfiles, "clean_folder", cleaning)
    monkeypatch.setattr(fileio, "clean_folder", cleaning)
    render_paths(profiles, RenderOptions(formats=("md", "docx"), out_dir=out, jobs=jobs))
    assert cleaned == [out]  # once for the batch, not once a set: the folder is read once, not n times
    assert not dead.exists()
    for profile in profiles:
        alone = tmp_path / f"alone-{profile.stem}"
        render_paths([profile], RenderOptions(formats=("md", "docx"), out_dir=alone))
        for fmt in ("md", "docx"):
            assert (out / f"{profile.stem}.{fmt}").read_bytes() == (alone / f"{profile.stem}.{fmt}").read_bytes()
