"""User templates get data, not power: a plain-data context and an allow-list sandbox.

The walk below follows every attribute the sandbox allows, from every value of the template context
and every global and filter of the environment, and checks that what it reaches is plain data,
methods of plain data on the allow-list, or opsplan's and Jinja's own filter functions; nothing that
reaches the file system, the network or a subprocess.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import types
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.errors import TemplateError
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.render.environment import make_environment, render_template
from opsplan.render.sandbox import DATA_METHODS, AllowListSandbox
from opsplan.render.views import build_context
from tests.conftest import MINIMAL_PROFILE, RENDERABLE_PROFILE

PLAIN_TYPES = (dict, list, str, Markup, int, float, bool, dt.date, type(None))
FILTER_MODULES = ("opsplan.render.", "opsplan.formatting", "jinja2.filters", "jinja2.sandbox", "markupsafe")


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("profile") / "shop.yaml"
    path.write_text(MINIMAL_PROFILE, encoding="utf-8")
    return build_context(build_plan(load_profile(path)))


def sandbox(tmp_path: Path) -> AllowListSandbox:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    env = make_environment("zh-CN", folder)
    assert isinstance(env, AllowListSandbox)
    return env


def reachable(env: AllowListSandbox, roots: list[Any]) -> list[Any]:
    """Every object a template can get to from ``roots`` through items and allowed attributes."""
    seen: set[int] = set()
    found: list[Any] = []
    queue = list(roots)
    while queue:
        obj = queue.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        found.append(obj)
        if type(obj) is dict:
            queue.extend(obj.keys())
            queue.extend(obj.values())
        elif type(obj) is list:
            queue.extend(obj)
        for name in dir(obj):
            try:
                value = getattr(obj, name)
            except Exception:
                continue
            if env.is_safe_attribute(obj, name, value):
                queue.append(value)
    return found


def test_the_context_is_plain_data_only(context: dict[str, Any]) -> None:
    def walk(value: Any, where: str) -> None:
        assert type(value) in PLAIN_TYPES, f"{where} is a {type(value).__name__}"
        if type(value) is dict:
            for key, item in value.items():
                assert type(key) is str, f"{where} has a key of type {type(key).__name__}"
                walk(item, f"{where}.{key}")
        elif type(value) is list:
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")

    walk(context, "context")
    assert context["profile"]["shop"]["name"] == "花间"  # the profile's value, as data
    # the minimal profile has data for goals, timeline and outcomes: the plan holds those chapters only, after
    # the executive summary computed from the plan
    assert [c["heading"] for c in context["chapters"]][:3] == ["一、执行摘要", "二、运营目标", "三、时间规划"]


def test_nothing_reachable_from_the_context_or_the_environment_touches_the_system(
    tmp_path: Path, context: dict[str, Any]
) -> None:
    env = sandbox(tmp_path)
    found = reachable(env, [*context.values(), *env.globals.values(), *env.filters.values()])
    dangerous = {id(f) for f in (open, eval, exec, __import__, os.system, os.popen, subprocess.run, getattr)}
    assert len(found) > 500  # the walk did go through the plan
    for obj in found:
        assert id(obj) not in dangerous
        assert not isinstance(obj, type | types.ModuleType | types.CodeType | types.FrameType), repr(obj)
        if type(obj) in PLAIN_TYPES:
            continue
        if obj in (len, abs):  # Jinja's `length` and `abs` filters
            continue
        if isinstance(obj, types.BuiltinMethodType):  # a method of plain data: only listed ones are reachable
            assert type(obj.__self__) in DATA_METHODS, repr(obj)
            assert obj.__name__ in DATA_METHODS[type(obj.__self__)], repr(obj)
            continue
        # what is left are the environment's filters and globals: opsplan's and Jinja's own functions
        func = obj.func if hasattr(obj, "func") and callable(obj) else obj
        assert callable(obj), repr(obj)
        assert getattr(func, "__module__", "").startswith(FILTER_MODULES), repr(obj)


def test_only_listed_callables_are_callable(tmp_path: Path) -> None:
    env = sandbox(tmp_path)
    forbidden: object
    for forbidden in (
        open,
        os.system,
        subprocess.run,
        print,
        str,
        type,
        "x".format,
        {}.update,
        [].append,
        "x".encode,
        lambda: None,
    ):
        assert not env.is_safe_callable(forbidden), forbidden
    assert env.is_safe_callable("x".upper)
    assert env.is_safe_callable({}.items)
    assert set(env.globals) == {"range"}


HOSTILE = [
    "{{ profile.parse_raw('x') }}",
    "{{ profile.__class__ }}",
    "{{ plan.model_dump_json(indent=2) }}",
    "{{ ''.__class__.mro() }}",
    "{{ profile.shop.name.mro }}",
    "{{ cycler('a') }}",
    "{{ joiner() }}",
    "{{ namespace(a=1) }}",
    "{{ lipsum() }}",
    "{{ dict(a=1) }}",
    "{{ '{0.__class__}'.format(profile) }}",
    "{{ '{0}'.format_map(profile) }}",
    "{{ profile | attr('__class__') }}",
    "{{ '%s' % profile }}",
    "{{ profile.get.__self__ }}",
    "{{ profile.shop.name.encode() }}",
    "{{ plan.chapters.append(1) }}",
    "{{ profile.update({}) }}",
    "{{ range.__call__ }}",
    "{% for c in chapters %}{{ loop.__class__ }}{% endfor %}",
    "{{ self.__dict__ }}",
    "{{ profile.plan.start.replace(year=1) }}",
    "{{ (1).__class__ }}",
    "{{ 'x' | center(100) }}",
    "{{ profile | tojson }}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_a_hostile_template_fails_cleanly_with_exit_2(tmp_path: Path, runner: CliRunner, body: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "plan.md.j2").write_text("# x\n\n" + body + "\n", encoding="utf-8")
    profile = tmp_path / "shop.yaml"
    profile.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(profile), "-f", "md", "-o", str(out), "--templates", str(folder)])
    assert result.exit_code == 2, result.output
    assert "plan.md.j2:3: template" in result.output
    assert "Traceback" not in result.output
    assert not (out / "shop.md").exists()


def test_methods_on_the_allow_list_work(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    body = "{{ s.upper() }} {{ d.get('a') }} {{ e.items() | list | length }} {{ d.items | length }} {{ day.year }}"
    (folder / "plan.md.j2").write_text(body, encoding="utf-8")
    data = {"s": "ab", "d": {"a": 1, "items": [1, 2, 3]}, "e": {"a": 1, "b": 2}, "day": dt.date(2027, 3, 1)}
    # a key named like a dict method wins over the method: d.items is the list of three
    assert render_template(make_environment("zh-CN", folder), "plan.md.j2", data) == "AB 1 2 3 2027"


def test_a_template_writing_too_much_is_stopped(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    # 100,000 passes × 1,000 characters = 100,000,000 characters, over the 16,000,000 limit
    (folder / "plan.md.j2").write_text("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", encoding="utf-8")
    with pytest.raises(TemplateError, match="wrote more than 16,000,000 characters"):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})


@pytest.mark.parametrize(
    "body",
    [
        "{{ ('x' * 900000) ~ ('x' * 900000) | replace('x', 'yy') }}",
        "{{ ['x' * 900000, 'x' * 900000] | join }}",
        "{{ 'x' * 900000 + 'x' * 900000 }}",
        "{% macro twice(s) %}{{ twice(s ~ s) }}{% endmacro %}{{ twice('x' * 1000) }}",
    ],
)
def test_text_growing_past_the_limit_is_refused(tmp_path: Path, body: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "plan.md.j2").write_text(body, encoding="utf-8")
    with pytest.raises(TemplateError, match="the limit is 1,000,000"):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})


def test_plain_turns_models_and_enums_into_data_and_refuses_anything_else() -> None:
    from opsplan.kinds import Chapter
    from opsplan.plan.model import ChapterRef
    from opsplan.render.views.plain import plain

    ref = ChapterRef(key=Chapter("goals"), title="运营目标")
    assert plain(ref) == {"key": "goals", "title": "运营目标", "custom": False}
    assert plain((1, 2.5, None, dt.date(2027, 3, 1))) == [1, 2.5, None, dt.date(2027, 3, 1)]
    with pytest.raises(TypeError, match="templates receive plain data only"):
        plain(object())
    with pytest.raises(TypeError):
        plain({"path": Path("/etc")})


def test_plain_data_of_a_model_met_again_in_one_context_is_the_same() -> None:
    from opsplan.kinds import Chapter
    from opsplan.plan.model import ChapterRef
    from opsplan.render.views.plain import plain

    ref = ChapterRef(key=Chapter("goals"), title="运营目标")
    data = {"key": "goals", "title": "运营目标", "custom": False}
    done: dict[int, tuple[object, object]] = {}
    assert plain((ref, [ref]), done) == [data, [data]]
    assert plain({"again": ref}, done) == {"again": data}
    assert plain(ref.model_copy(update={"title": "目标"}), done) == {**data, "title": "目标"}  # another model
