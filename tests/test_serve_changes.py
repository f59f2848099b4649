"""``opsplan serve`` as a user hits it: files and folders that go away and come back, templates added and removed,
a fault of opsplan's own, a port in use. The watchers run as they do in the command; no browser."""

from __future__ import annotations

import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.serve.page import PreviewState
from opsplan.serve.server import ServeOptions, _moved, _Watcher, build

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "douyin-flowers.en.yaml"
OUTCOMES = REPO / "templates" / "en" / "outcomes.md.j2"
BANNER = 'id="pv-banner"'


def shows(state: PreviewState, text: str, *, present: bool = True) -> bool:
    """Tell whether ``text`` is on the page (or, ``present=False``, gone), waiting up to a minute for a rebuild."""
    deadline = time.monotonic() + 60  # fails the test only if the change never shows
    while (text in state.snapshot().page.decode("utf-8")) is not present and time.monotonic() < deadline:
        time.sleep(0.05)
    return (text in state.snapshot().page.decode("utf-8")) is present


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[tuple[Path, ServeOptions, PreviewState]]:
    """A profile in its own folder and a --templates folder, built once and watched until the test ends."""
    shop = tmp_path / "plans" / "shop.yaml"
    shop.parent.mkdir()
    shop.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "tpl" / "en").mkdir(parents=True)
    options = ServeOptions(templates=tmp_path / "tpl")
    state = PreviewState(zh=False)
    watcher = _Watcher(shop, options, state, build(shop, options, state))
    watcher.start()
    # start() gives up after 10 s; on a loaded machine wait as long as shows() does, so no edit is made unwatched
    assert all(event.wait(timeout=60) for event in watcher.ready.values())
    try:
        yield shop, options, state
    finally:
        watcher.close()
    assert not any(thread.is_alive() for thread in watcher.threads)


def test_a_profile_deleted_with_its_folder_and_made_again_is_followed(
    watching: tuple[Path, ServeOptions, PreviewState],
) -> None:
    shop, _, state = watching
    text = shop.read_text(encoding="utf-8")
    assert shows(state, "Shiguang Florals") and shows(state, BANNER, present=False)
    shop.unlink()  # deleted: the banner names it; the last plan stays
    assert shows(state, f"{shop}: no such file") and shows(state, "Shiguang Florals")
    shop.write_text(text.replace("Shiguang Florals", "Again Florals", 1), encoding="utf-8")
    assert shows(state, "Again Florals") and shows(state, BANNER, present=False)
    shutil.rmtree(shop.parent)  # the whole folder, as a branch switch or a move does
    assert shows(state, f"{shop}: no such file")
    shop.parent.mkdir()
    shop.write_text(text.replace("Shiguang Florals", "Back Florals", 1), encoding="utf-8")
    assert shows(state, "Back Florals") and shows(state, BANNER, present=False)
    shop.write_text(text.replace("Shiguang Florals", "Edited Florals", 1), encoding="utf-8")  # the new folder watched
    assert shows(state, "Edited Florals")


def test_a_profile_renamed_away_and_back_and_saved_by_rename(
    watching: tuple[Path, ServeOptions, PreviewState],
) -> None:
    shop, _, state = watching
    text = shop.read_text(encoding="utf-8")
    shop.rename(shop.with_name("old.yaml"))
    assert shows(state, f"{shop}: no such file")
    shop.with_name("old.yaml").rename(shop)
    assert shows(state, BANNER, present=False)
    temporary = shop.with_name(".shop.yaml.swp")  # an editor's save: write a copy, then rename it over
    temporary.write_text(text.replace("Shiguang Florals", "Saved Florals", 1), encoding="utf-8")
    os.replace(temporary, shop)
    assert shows(state, "Saved Florals")


def test_templates_added_removed_broken_and_their_folder_moved(
    watching: tuple[Path, ServeOptions, PreviewState],
) -> None:
    _, options, state = watching
    assert options.templates is not None
    override = options.templates / "en" / OUTCOMES.name
    packaged = OUTCOMES.read_text(encoding="utf-8")
    assert packaged.count("### Results by horizon") == 1
    override.write_text(packaged.replace("### Results by horizon", "### First override"), encoding="utf-8")
    assert shows(state, "First override</h3>")
    override.unlink()  # back to the packaged template
    assert shows(state, "Results by horizon</h3>") and shows(state, "First override", present=False)
    # added again after the packaged one was used: the new override is found, not the packaged one kept
    override.write_text(packaged.replace("### Results by horizon", "### Second override"), encoding="utf-8")
    assert shows(state, "Second override</h3>")
    override.write_text("{{ nothing.here }}\n", encoding="utf-8")  # a template that fails: banner, plan stays
    assert shows(state, f"{override}:1:") and shows(state, "Second override</h3>")
    override.write_text(packaged, encoding="utf-8")
    assert shows(state, BANNER, present=False)
    moved = options.templates.with_name("tpl-old")
    options.templates.rename(moved)  # the --templates folder gone: said in the banner
    assert shows(state, f"{options.templates}: --templates")
    moved.rename(options.templates)
    assert shows(state, BANNER, present=False)
    shutil.rmtree(options.templates)  # deleted and made again: the new folder is watched
    assert shows(state, f"{options.templates}: --templates")
    (options.templates / "en").mkdir(parents=True)
    override.write_text(packaged.replace("### Results by horizon", "### Third override"), encoding="utf-8")
    assert shows(state, "Third override</h3>") and shows(state, BANNER, present=False)


def test_a_watched_folder_deleted_and_made_again_with_the_same_inode_is_watched_afresh(tmp_path: Path) -> None:
    # ext4 gives a folder made again at once the inode the deleted one had, so the watcher goes by the
    # deletion the watch reported, not only by the inode now at that path
    from watchfiles import Change

    folder = tmp_path / "tpl"
    folder.mkdir()
    folders: dict[Path, int | None] = {folder: folder.stat().st_ino}  # as if made again with its inode
    assert not _moved(folders, set())
    assert not _moved(folders, {(Change.deleted, str(folder / "en" / "outcomes.md.j2"))})
    assert _moved(folders, {(Change.deleted, str(folder))})
    folder.rmdir()
    assert _moved(folders, set())


def test_a_fault_of_opsplans_own_is_shown_and_the_preview_keeps_watching(
    watching: tuple[Path, ServeOptions, PreviewState], monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsplan.serve import server

    shop, _, state = watching
    text = shop.read_text(encoding="utf-8")
    real = server.build

    def failing(*args: object, **kwargs: object) -> server.Build:
        monkeypatch.setattr(server, "build", real)  # once
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(server, "build", failing)
    shop.write_text(text.replace("Shiguang Florals", "Faulty Florals", 1), encoding="utf-8")
    assert shows(state, "opsplan failed unexpectedly (ZeroDivisionError: a bug)")
    assert shows(state, "Shiguang Florals")  # the last plan stays under the banner
    shop.write_text(text.replace("Shiguang Florals", "Fixed Florals", 1), encoding="utf-8")
    assert shows(state, "Fixed Florals") and shows(state, BANNER, present=False)


def test_a_profile_that_became_a_link_loop_is_a_banner_not_a_crash(tmp_path: Path) -> None:
    shop = tmp_path / "shop.yaml"
    shop.write_bytes(EXAMPLE.read_bytes())
    state = PreviewState(zh=False)
    assert build(shop, ServeOptions(), state).ok
    shop.unlink()
    shop.symlink_to(shop)
    outcome = build(shop, ServeOptions(), state)
    assert not outcome.ok and outcome.files == {shop.absolute()}
    assert "Shiguang Florals" in state.snapshot().page.decode("utf-8")


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "cannot listen on 127.0.0.1:{port}"), ("zh-CN", "无法在 127.0.0.1:{port} 上监听")],
)
def test_a_port_in_use_is_exit_2_with_a_message_in_the_users_language(
    tmp_path: Path, runner: CliRunner, lang: str, said: str
) -> None:
    shop = tmp_path / "shop.yaml"
    shop.write_bytes(EXAMPLE.read_bytes())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["--lang", lang, "serve", str(shop), "--port", str(port)])
    assert result.exit_code == 2
    assert said.format(port=port) in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.output
