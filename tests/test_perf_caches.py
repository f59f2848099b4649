"""The start-up fast paths (``opsplan._entry``) and the compiled-template cache print and render exactly
what the slow paths do."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from opsplan import __version__
from opsplan.render.environment import make_environment, packaged_templates
from opsplan.render.template_cache import TemplateCache, template_cache

ENTRY = "from opsplan._entry import main; main()"
TYPER = "from opsplan.cli import main; main()"


def _run(code: str, args: list[str], cache_home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_version_fast_path_prints_what_typer_prints(tmp_path: Path) -> None:
    fast = _run(ENTRY, ["--version"], tmp_path)
    slow = _run(TYPER, ["--version"], tmp_path)
    assert (fast.returncode, fast.stdout) == (slow.returncode, slow.stdout) == (0, f"opsplan {__version__}\n")


def test_help_fast_path_matches_typer_then_comes_from_the_cache(tmp_path: Path) -> None:
    slow = _run(TYPER, ["--help"], tmp_path, COLUMNS="70")
    first = _run(ENTRY, ["--help"], tmp_path, COLUMNS="70")  # a miss: typer formats it, then it is kept
    cached = list((tmp_path / "opsplan").glob("help-*.txt"))
    second = _run(ENTRY, ["--help"], tmp_path, COLUMNS="70")  # a hit
    assert slow.returncode == first.returncode == second.returncode == 0
    assert slow.stdout == first.stdout == second.stdout
    assert "render" in slow.stdout and "Usage: opsplan" in slow.stdout
    assert len(cached) == 1
    key, _, text = cached[0].read_text(encoding="utf-8").partition("\n")
    assert "COLUMNS=70" in key and text == slow.stdout


def test_help_cache_is_keyed_by_width_and_ignores_a_stale_file(tmp_path: Path) -> None:
    wide = _run(ENTRY, ["--help"], tmp_path, COLUMNS="120")
    narrow = _run(ENTRY, ["--help"], tmp_path, COLUMNS="60")
    assert wide.stdout == _run(TYPER, ["--help"], tmp_path, COLUMNS="120").stdout
    assert narrow.stdout == _run(TYPER, ["--help"], tmp_path, COLUMNS="60").stdout
    files = sorted((tmp_path / "opsplan").glob("help-*.txt"))
    assert len(files) == 2  # one per width
    for path in files:  # a file whose first line is another key is not trusted
        path.write_text("some other key\nnot the help\n", encoding="utf-8")
    again = _run(ENTRY, ["--help"], tmp_path, COLUMNS="60")
    assert again.stdout == narrow.stdout


def test_other_command_lines_go_to_typer_unchanged(tmp_path: Path) -> None:
    fast = _run(ENTRY, ["--version", "presets"], tmp_path)
    slow = _run(TYPER, ["--version", "presets"], tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    bad = _run(ENTRY, ["--no-such-option"], tmp_path)
    assert bad.returncode == 2 and "No such option" in bad.stderr


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_template_cache_stores_packaged_templates_only(private_tmp: Path, tmp_path: Path) -> None:
    env = make_environment("en")
    cache = template_cache(env, packaged_templates())
    assert isinstance(cache, TemplateCache)
    folder = Path(cache.directory)
    assert folder.parent == private_tmp and (folder.stat().st_mode & 0o777) == 0o700
    source = (packaged_templates() / "en" / "risks.md.j2").read_text(encoding="utf-8")
    packaged = cache.get_bucket(env, "risks.md.j2", str(packaged_templates() / "en" / "risks.md.j2"), source)
    packaged.code = compile("x = 1", "risks.md.j2", "exec")
    cache.set_bucket(packaged)
    user = cache.get_bucket(env, "risks.md.j2", str(tmp_path / "mine" / "risks.md.j2"), source)
    user.code = compile("x = 2", "risks.md.j2", "exec")
    cache.set_bucket(user)
    written = list(folder.glob("opsplan-*.cache"))
    assert [p.name for p in written] == [f"{cache.pattern % packaged.key}"]  # the user's template is not kept
    again = cache.get_bucket(env, "risks.md.j2", str(packaged_templates() / "en" / "risks.md.j2"), source)
    assert again.code is not None
    changed = cache.get_bucket(env, "risks.md.j2", str(packaged_templates() / "en" / "risks.md.j2"), source + " ")
    assert changed.code is None  # the source checksum differs: compiled again


def test_template_cache_survives_a_damaged_file(private_tmp: Path) -> None:
    env = make_environment("zh-CN")
    cache = template_cache(env, packaged_templates())
    path = str(packaged_templates() / "zh-CN" / "risks.md.j2")
    bucket = cache.get_bucket(env, "risks.md.j2", path, "source")
    Path(cache.directory, cache.pattern % bucket.key).write_bytes(b"j2 not marshal data")
    assert cache.get_bucket(env, "risks.md.j2", path, "source").code is None


def test_cache_folder_follows_xdg_and_never_lands_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsplan.cachedir import cache_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == str(tmp_path / "xdg" / "opsplan")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG specification says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == str(tmp_path / "home" / ".cache" / "opsplan")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no home directory to be found
    assert cache_folder() is None
