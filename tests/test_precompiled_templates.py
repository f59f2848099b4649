"""Templates compiled at wheel build time give the same plan as templates compiled from source, and only for
the very source, name and settings they were compiled from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import opsplan.render.precompiled as precompiled
from opsplan.errors import TemplateError
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.plan.model import Plan
from opsplan.render.environment import make_environment, render_template
from opsplan.render.markdown import render_markdown
from tests.conftest import MINIMAL_PROFILE


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    path = tmp_path_factory.mktemp("profile") / "shop.yaml"
    path.write_text(MINIMAL_PROFILE, encoding="utf-8")
    return build_plan(load_profile(path))


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / precompiled.FOLDER_NAME
    count = precompiled.write_precompiled(folder)
    assert count == len(list(folder.glob("*.py"))) and count > 20
    monkeypatch.setattr(precompiled, "compiled_folder", lambda: folder)
    make_environment.cache_clear()
    yield folder
    make_environment.cache_clear()


def _fresh_render(plan: Plan) -> str:
    make_environment.cache_clear()
    return render_markdown(plan)


def test_shipped_code_renders_the_same_plan(shipped: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []
    original = precompiled.precompiled_code

    def spy(env, name, source, filename):
        code = original(env, name, source, filename)
        used.append(name if code is not None else "")
        return code

    monkeypatch.setattr("opsplan.render.template_cache.precompiled_code", spy)
    with_shipped = _fresh_render(plan)
    assert used and all(used), "every packaged template should come from the shipped code"
    monkeypatch.setattr(precompiled, "compiled_folder", lambda: shipped / "absent")
    assert _fresh_render(plan) == with_shipped


def test_shipped_code_keeps_template_file_names_for_errors(shipped: Path, plan: Plan) -> None:
    env = make_environment(plan.locale)
    template = env.get_template("plan.md.j2")
    assert template.filename is not None and template.filename.endswith("plan.md.j2")
    assert env.loader is not None
    base, filename, _ = env.loader.get_source(env, "plan.base.md.j2")
    line = base.splitlines().index(
        "# {{ profile.plan.title }}{% if draft %}{% block t_draft_title %}{% endblock %}{% endif +%}"
    )
    with pytest.raises(TemplateError) as failed:
        render_template(env, "plan.md.j2", {})  # no profile: the title's line fails
    assert str(failed.value).startswith(f"{filename}:{line + 1}: "), str(failed.value)


def test_an_edited_template_is_compiled_from_its_source(shipped: Path, plan: Plan) -> None:
    env = make_environment(plan.locale)
    assert env.loader is not None
    source, filename, _ = env.loader.get_source(env, "plan.md.j2")
    assert filename is not None  # a file system loader's templates have files
    assert precompiled.precompiled_code(env, "plan.md.j2", source, filename) is not None
    assert precompiled.precompiled_code(env, "plan.md.j2", source + "\nedited\n", filename) is None
    assert precompiled.precompiled_code(env, "other.md.j2", source, filename) is None


def test_a_damaged_shipped_file_is_ignored(shipped: Path, plan: Plan) -> None:
    env = make_environment(plan.locale)
    assert env.loader is not None
    source, filename, _ = env.loader.get_source(env, "plan.md.j2")
    assert filename is not None  # a file system loader's templates have files
    path = shipped / f"{precompiled.code_key(env, 'plan.md.j2', source)}.py"
    path.write_bytes(b"def root(:\n")
    assert precompiled.precompiled_code(env, "plan.md.j2", source, filename) is None
    path.write_bytes(b"\xff\xfe not utf-8")
    assert precompiled.precompiled_code(env, "plan.md.j2", source, filename) is None


def test_shipped_code_leaves_the_cache_folder_alone(
    shipped: Path, plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _fresh_render(plan)
    assert not (tmp_path / "xdg").exists()  # every template came compiled: nothing to keep
    monkeypatch.setattr(precompiled, "compiled_folder", lambda: shipped / "absent")
    _fresh_render(plan)
    assert any((tmp_path / "xdg" / "opsplan" / "templates").iterdir())  # compiled here: kept for the next run
