"""The ``--version`` fast path prints what typer prints; ``--help`` is typer's own, with no cache on disk;
the compiled-template cache lives in a private folder and nothing read from it can change a plan."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from opsplan import __version__
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.plan.model import Plan
from opsplan.render.environment import make_environment, packaged_templates
from opsplan.render.markdown import PLAN_TEMPLATE, render_markdown
from opsplan.render.template_cache import TemplateCache, template_cache
from tests.conftest import MINIMAL_PROFILE

ENTRY = "from opsplan._entry import main; main()"
TYPER = "from opsplan.cli import main; main()"


def _run(code: str, args: list[str], cache_home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=environ, capture_output=True, text=True, encoding="utf-8",
        timeout=120, check=False,
    )  # fmt: skip


def test_version_fast_path_prints_what_typer_prints(tmp_path: Path) -> None:
    fast = _run(ENTRY, ["--version"], tmp_path)
    slow = _run(TYPER, ["--version"], tmp_path)
    assert (fast.returncode, fast.stdout) == (slow.returncode, slow.stdout) == (0, f"opsplan {__version__}\n")


def test_help_is_typers_and_leaves_nothing_on_disk(tmp_path: Path) -> None:
    entry = _run(ENTRY, ["--help"], tmp_path, COLUMNS="70")
    typer = _run(TYPER, ["--help"], tmp_path, COLUMNS="70")
    assert entry.returncode == typer.returncode == 0
    assert entry.stdout == typer.stdout and "Usage: opsplan" in entry.stdout and "render" in entry.stdout
    assert list(tmp_path.rglob("*")) == []  # no help text kept anywhere


def test_other_command_lines_go_to_typer_unchanged(tmp_path: Path) -> None:
    fast = _run(ENTRY, ["--version", "presets"], tmp_path)
    slow = _run(TYPER, ["--version", "presets"], tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert _run(ENTRY, ["--no-such-option"], tmp_path).returncode == 2


# ---- the compiled-template cache


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    # an installed wheel ships the templates compiled (opsplan.render.precompiled); these tests are about the
    # cache that a checkout and user templates fill, so they run as a checkout does, without the shipped code
    monkeypatch.setattr("opsplan.render.precompiled.compiled_folder", lambda: tmp_path / "no-shipped-code")
    make_environment.cache_clear()
    yield tmp_path / "xdg" / "opsplan" / "templates"
    make_environment.cache_clear()


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    path = tmp_path_factory.mktemp("profile") / "shop.yaml"
    path.write_text(MINIMAL_PROFILE, encoding="utf-8")
    return build_plan(load_profile(path))


def fresh_render(plan: Plan) -> str:
    """Render in a new environment, as a new process would: compiled code comes from the cache or the source."""
    make_environment.cache_clear()
    return render_markdown(plan)


def plan_template_entry(plan: Plan) -> tuple[TemplateCache, Path]:
    """Return the cache and the cache file of the top-level plan template."""
    env = make_environment(plan.locale)
    cache = env.bytecode_cache
    assert isinstance(cache, TemplateCache)
    filename = packaged_templates() / plan.locale / PLAN_TEMPLATE
    bucket = cache.get_bucket(env, PLAN_TEMPLATE, str(filename), filename.read_text(encoding="utf-8"))
    return cache, cache.path_of(bucket)


def forge(plan: Plan, text: str) -> Path:
    """Store valid-looking compiled code of ``text`` for the plan template, as a tampered cache would hold."""
    env = make_environment(plan.locale)
    cache, path = plan_template_entry(plan)
    filename = packaged_templates() / plan.locale / PLAN_TEMPLATE
    bucket = cache.get_bucket(env, PLAN_TEMPLATE, str(filename), filename.read_text(encoding="utf-8"))
    bucket.code = env.compile(text, PLAN_TEMPLATE, str(filename))
    cache.dump_bytecode(bucket)
    return path


def test_the_cache_is_private_and_holds_packaged_templates_only(cache_home: Path, plan: Plan, tmp_path: Path) -> None:
    fresh_render(plan)
    assert (cache_home.stat().st_mode & 0o777) == 0o700
    files = sorted(cache_home.iterdir())
    assert files and all(f.name.endswith(".cache") for f in files)
    env = make_environment(plan.locale)
    cache = env.bytecode_cache
    assert isinstance(cache, TemplateCache)
    user = cache.get_bucket(env, "risks.md.j2", str(tmp_path / "mine" / "risks.md.j2"), "x")
    user.code = compile("x = 2", "risks.md.j2", "exec")
    cache.set_bucket(user)
    assert sorted(cache_home.iterdir()) == files  # a user's template is never kept


def test_a_cache_entry_that_passes_every_check_is_used(cache_home: Path, plan: Plan) -> None:
    # the proof that the tests below can fail: a well-formed entry of this user is trusted
    fresh_render(plan)
    forge(plan, "FORGED\n")
    assert fresh_render(plan) == "FORGED\n"


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF  # inside the compiled code
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _pickle(path: Path) -> None:  # Jinja's own format starts with a pickle: never read here
    import pickle

    path.write_bytes(b"j2\x00" + pickle.dumps("x") + b"junk")


@pytest.mark.parametrize("tamper", [_damage, _truncate, _empty, _pickle], ids=lambda f: f.__name__.strip("_"))
def test_a_tampered_entry_changes_nothing(cache_home: Path, plan: Plan, tamper: Callable[[Path], None]) -> None:
    reference = fresh_render(plan)
    path = forge(plan, "FORGED\n")
    tamper(path)
    assert fresh_render(plan) == reference


def test_an_entry_swapped_in_from_another_template_changes_nothing(cache_home: Path, plan: Plan) -> None:
    reference = fresh_render(plan)
    _, path = plan_template_entry(plan)
    others = [p for p in cache_home.iterdir() if p != path]
    path.write_bytes(others[0].read_bytes())  # a whole, valid entry, for another template
    assert fresh_render(plan) == reference


@pytest.mark.skipif(not hasattr(os, "chown") or os.getuid() != 0, reason="needs root to give a file away")
def test_an_entry_owned_by_someone_else_changes_nothing(cache_home: Path, plan: Plan) -> None:
    reference = fresh_render(plan)
    path = forge(plan, "FORGED\n")
    os.chown(path, 65534, 65534)
    assert fresh_render(plan) == reference


def test_a_folder_others_can_write_is_not_used(cache_home: Path, plan: Plan) -> None:
    reference = fresh_render(plan)
    forge(plan, "FORGED\n")
    cache_home.chmod(0o777)
    assert fresh_render(plan) == reference
    assert template_cache(make_environment(plan.locale), packaged_templates()).folder is None


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch, plan: Plan) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    assert template_cache(make_environment(plan.locale), packaged_templates()).folder is None


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
