"""``opsplan serve`` as a user hits it: files and folders that go away and come back, templates added and removed,
a fault of opsplan's own, a port in use. The watchers run as they do in the command; no browser."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.render import environment
from opsplan.serve.page import PreviewState
from opsplan.serve.plan_page import Build, ServeOptions, build
from opsplan.serve.watch import Watcher, _moved
from tests._hardening_helpers import HANG_LIMIT
from tests._serve_helpers import shows, until

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "douyin-flowers.en.yaml"
OUTCOMES = REPO / "templates" / "en" / "outcomes.md.j2"
BANNER = 'id="pv-banner"'


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[Watcher]:
    """A profile in its own folder and a --templates folder, built once and watched until the test ends."""
    shop = tmp_path / "plans" / "shop.yaml"
    shop.parent.mkdir()
    shop.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "tpl" / "en").mkdir(parents=True)
    options = ServeOptions(templates=tmp_path / "tpl")
    state = PreviewState(zh=False)
    watcher = Watcher(shop, options, state, build(shop, options, state))
    watcher.start()  # returns once both watchers watch
    try:
        yield watcher
    finally:
        watcher.close()
    assert not any(thread.is_alive() for thread in watcher.threads)


def test_a_profile_deleted_with_its_folder_and_made_again_is_followed(
    watching: Watcher,
) -> None:
    shop = watching.path
    text = shop.read_text(encoding="utf-8")
    assert shows(watching, "Shiguang Florals") and shows(watching, BANNER, present=False)
    shop.unlink()  # deleted: the banner names it; the last plan stays
    assert shows(watching, f"{shop}: no such file") and shows(watching, "Shiguang Florals")
    shop.write_text(text.replace("Shiguang Florals", "Again Florals", 1), encoding="utf-8")
    assert shows(watching, "Again Florals") and shows(watching, BANNER, present=False)
    shutil.rmtree(shop.parent)  # the whole folder, as a branch switch or a move does
    assert shows(watching, f"{shop}: no such file")
    shop.parent.mkdir()
    shop.write_text(text.replace("Shiguang Florals", "Back Florals", 1), encoding="utf-8")
    assert shows(watching, "Back Florals") and shows(watching, BANNER, present=False)
    shop.write_text(text.replace("Shiguang Florals", "Edited Florals", 1), encoding="utf-8")  # the new folder watched
    assert shows(watching, "Edited Florals")


def test_a_profile_renamed_away_and_back_and_saved_by_rename(
    watching: Watcher,
) -> None:
    shop = watching.path
    text = shop.read_text(encoding="utf-8")
    shop.rename(shop.with_name("old.yaml"))
    assert shows(watching, f"{shop}: no such file")
    shop.with_name("old.yaml").rename(shop)
    assert shows(watching, BANNER, present=False)
    temporary = shop.with_name(".shop.yaml.swp")  # an editor's save: write a copy, then rename it over
    temporary.write_text(text.replace("Shiguang Florals", "Saved Florals", 1), encoding="utf-8")
    os.replace(temporary, shop)
    assert shows(watching, "Saved Florals")


def test_templates_added_removed_broken_and_their_folder_moved(
    watching: Watcher,
) -> None:
    options = watching.options
    assert options.templates is not None
    override = options.templates / "en" / OUTCOMES.name
    packaged = OUTCOMES.read_text(encoding="utf-8")
    assert packaged.count("### Results by horizon") == 1
    override.write_text(packaged.replace("### Results by horizon", "### First override"), encoding="utf-8")
    assert shows(watching, "First override</h3>")
    override.unlink()  # back to the packaged template
    assert shows(watching, "Results by horizon</h3>") and shows(watching, "First override", present=False)
    # added again after the packaged one was used: the new override is found, not the packaged one kept
    override.write_text(packaged.replace("### Results by horizon", "### Second override"), encoding="utf-8")
    assert shows(watching, "Second override</h3>")
    override.write_text("{{ nothing.here }}\n", encoding="utf-8")  # a template that fails: banner, plan stays
    assert shows(watching, f"{override}:1:") and shows(watching, "Second override</h3>")
    override.write_text(packaged, encoding="utf-8")
    assert shows(watching, BANNER, present=False)
    moved = options.templates.with_name("tpl-old")
    options.templates.rename(moved)  # the --templates folder gone: said in the banner
    assert shows(watching, f"{options.templates}: --templates")
    moved.rename(options.templates)
    assert shows(watching, BANNER, present=False)
    shutil.rmtree(options.templates)  # deleted and made again: the new folder is watched
    assert shows(watching, f"{options.templates}: --templates")
    (options.templates / "en").mkdir(parents=True)
    override.write_text(packaged.replace("### Results by horizon", "### Third override"), encoding="utf-8")
    assert shows(watching, "Third override</h3>") and shows(watching, BANNER, present=False)


def test_a_templates_folder_deleted_while_its_watch_is_set_up_again_is_followed(
    watching: Watcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the folder is moved away and back, and deleted just as the watcher, having seen it back, starts to watch it
    # again (a user's ``rm -r`` landing in that moment, as the test above's did on a loaded machine): the watch
    # refused the missing folder, and the watcher stopped for good with "cannot watch … restart opsplan serve"
    import watchfiles

    options = watching.options
    assert options.templates is not None
    templates = options.templates
    override = templates / "en" / OUTCOMES.name
    packaged = OUTCOMES.read_text(encoding="utf-8")
    real = watchfiles.watch
    removed: list[Path] = []
    name = "opsplan-watch-templates"

    def removed_first(*paths: str, **kwargs: Any) -> Iterator[set[tuple[watchfiles.Change, str]]]:
        if str(templates) in paths and not removed:
            shutil.rmtree(templates)
            removed.append(templates)  # said once it is gone: made again before, it lost what the test put in it
        return real(*paths, **kwargs)

    moved = templates.with_name("tpl-old")
    templates.rename(moved)
    assert shows(watching, f"{templates}: --templates")
    monkeypatch.setattr(watchfiles, "watch", removed_first)
    moved.rename(templates)  # seen back: watched again, and deleted as that watch starts
    # the watch refused the folder, and the watcher took that as the folder's deletion (one watch missed), so the
    # folder is made again only after the watch it was deleted under, never while that watch starts
    assert until(watching, lambda: watching.missed.get(name) == 1) and removed == [templates]
    assert shows(watching, f"{templates}: --templates")
    override.parent.mkdir(parents=True)
    override.write_text(packaged.replace("### Results by horizon", "### Made again"), encoding="utf-8")
    assert shows(watching, "Made again</h3>") and shows(watching, BANNER, present=False)
    assert until(watching, lambda: name not in watching.missed)  # a watch of the folder made again has started
    assert all(thread.is_alive() for thread in watching.threads)


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
    watching: Watcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsplan.serve import watch

    shop = watching.path
    text = shop.read_text(encoding="utf-8")
    real = build  # the plan page's, which watch calls

    def failing(*args: object, **kwargs: object) -> Build:
        monkeypatch.setattr(watch, "build", real)  # once
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(watch, "build", failing)
    shop.write_text(text.replace("Shiguang Florals", "Faulty Florals", 1), encoding="utf-8")
    assert shows(watching, "opsplan failed unexpectedly (ZeroDivisionError: a bug)")
    assert shows(watching, "Shiguang Florals")  # the last plan stays under the banner
    shop.write_text(text.replace("Shiguang Florals", "Fixed Florals", 1), encoding="utf-8")
    assert shows(watching, "Fixed Florals") and shows(watching, BANNER, present=False)


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


def test_a_template_looping_without_calls_is_stopped_and_the_preview_recovers_when_it_is_fixed(
    watching: Watcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 30,000 × 30,000 passes over a string (about 18 s of CPU here) with no call or attribute in them, so only the
    # CPU timer can stop it; the plan itself, compiling its templates, needs about 0.5 s of the 3 allowed (1 s was
    # too little on a loaded machine: a packaged template ran over it and the banner named that one)
    monkeypatch.setattr(environment, "RENDER_SECONDS", 3.0)
    options = watching.options
    assert options.templates is not None
    override = options.templates / "en" / OUTCOMES.name
    packaged = OUTCOMES.read_text(encoding="utf-8")
    assert packaged.splitlines()[2] == "{% block t_results_1 %}### Results by horizon"
    loop = "{% set s = 'x' * 30000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    override.write_text(packaged.replace("### Results by horizon", "### Looping" + loop), encoding="utf-8")
    assert shows(watching, f"{override}:3: template error (RenderTimeout): rendering used more than 3 seconds")
    assert shows(watching, "Results by horizon</h3>")  # the last plan stays under the banner
    override.write_text(packaged.replace("### Results by horizon", "### Fixed override"), encoding="utf-8")
    assert shows(watching, "Fixed override</h3>") and shows(watching, BANNER, present=False)


def test_a_watcher_that_cannot_start_is_said_and_serve_exits_2(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    def refused(*args: object, **kwargs: object) -> Iterator[set[tuple[object, str]]]:
        raise OSError("OS file watch limit reached")
        yield set()  # a generator, as watchfiles.watch is

    monkeypatch.setattr(watchfiles, "watch", refused)
    shop = tmp_path / "shop.yaml"
    shop.write_bytes(EXAMPLE.read_bytes())
    for lang, said in (
        ("en", f"cannot watch {tmp_path} for changes (OS file watch limit reached); the preview would not follow"),
        ("zh-CN", f"无法监视 {tmp_path} 的变化（OS file watch limit reached）；预览将无法跟随你的修改"),
    ):
        result = runner.invoke(app, ["--lang", lang, "serve", str(shop), "--port", "0"])
        assert result.exit_code == 2, result.output
        assert said in result.stderr and "Traceback" not in result.output
        assert "http://" not in result.stdout  # no preview was offered


def test_a_watcher_stopped_by_the_system_later_is_said_on_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import watchfiles

    stopped = threading.Event()

    def watching_then_refused(*args: object, **kwargs: object) -> Iterator[set[tuple[object, str]]]:
        yield set()  # watching (start() returns) …
        stopped.wait(HANG_LIMIT)
        raise OSError("the watched file system went away")  # … until the system ends the watch

    monkeypatch.setattr(watchfiles, "watch", watching_then_refused)
    shop = tmp_path / "shop.yaml"
    shop.write_bytes(EXAMPLE.read_bytes())
    state = PreviewState(zh=False)
    watcher = Watcher(shop, ServeOptions(), state, build(shop, ServeOptions(), state))
    watcher.start()
    try:
        stopped.set()
        assert shows(watcher, f"cannot watch {tmp_path} for changes (the watched file system went away)")
        assert shows(watcher, "restart opsplan serve to preview edits again") and shows(watcher, "Shiguang Florals")
        shop.write_text(EXAMPLE.read_text(encoding="utf-8").replace("Shiguang Florals", "Later Florals", 1), "utf-8")
        watcher.ask("shop.yaml")  # as the templates' watcher, still watching, would: the plan follows, the banner stays
        assert shows(watcher, "Later Florals") and shows(watcher, "restart opsplan serve to preview edits again")
    finally:
        watcher.close()
