"""The Jinja environment factory: search path, sandbox, strictness, errors with file and line."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import jinja2.sandbox
import pytest

from opsplan.errors import TemplateError
from opsplan.render import environment as envmod
from opsplan.render.environment import PlainStrictUndefined, make_environment, packaged_templates, render_template

REPO = Path(__file__).resolve().parents[1]


def user_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_packaged_templates_are_found() -> None:
    root = packaged_templates()
    assert (root / "zh-CN" / "plan.md.j2").is_file()
    assert (root / "en" / "plan.md.j2").is_file()


def test_environment_is_cached_strict_and_sandboxed_only_for_user_templates(tmp_path: Path) -> None:
    env = make_environment("zh-CN")
    assert env is make_environment("zh-CN")
    assert not isinstance(env, jinja2.sandbox.SandboxedEnvironment)  # our own templates only
    user = make_environment("zh-CN", user_folder(tmp_path, {"background.md.j2": "MINE"}))
    assert isinstance(user, jinja2.sandbox.SandboxedEnvironment)
    assert user.undefined is PlainStrictUndefined and issubclass(PlainStrictUndefined, jinja2.StrictUndefined)
    assert env.undefined is PlainStrictUndefined
    assert env.autoescape is False
    assert env.trim_blocks and env.lstrip_blocks
    assert env.filters["count"](500000) == "50万"
    assert make_environment("en").filters["count"](500000) == "500k"


def test_user_templates_come_first_and_packaged_ones_fill_in(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"background.md.j2": "MINE"})
    env = make_environment("zh-CN", folder)
    assert env.get_template("background.md.j2").render() == "MINE"
    # goals.md.j2 is not overridden: the packaged one is used
    assert env.loader is not None and "goals.md.j2" in env.loader.list_templates()
    filename = env.get_template("goals.md.j2").filename
    assert filename is not None and filename.startswith(str(packaged_templates()))


def test_a_missing_user_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="must be an existing folder"):
        make_environment("zh-CN", tmp_path / "nope")


def test_an_unknown_locale_is_an_error() -> None:
    with pytest.raises(TemplateError, match="no templates for locale 'fr'"):
        make_environment("fr")


def test_parent_paths_are_refused(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "{% include '../secret.md.j2' %}"})
    (tmp_path / "secret.md.j2").write_text("SECRET", encoding="utf-8")
    env = make_environment("zh-CN", folder)
    with pytest.raises(TemplateError, match="not found") as caught:
        render_template(env, "plan.md.j2", {})
    assert "SECRET" not in str(caught.value)


def test_symlinks_out_of_the_folder_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    folder = user_folder(tmp_path, {"plan.md.j2": "{% include 'leak.md.j2' %}"})
    os.symlink(secret, folder / "leak.md.j2")
    env = make_environment("zh-CN", folder)
    with pytest.raises(TemplateError, match="leads outside the template folder") as caught:
        render_template(env, "plan.md.j2", {})
    assert "SECRET" not in str(caught.value)


def test_a_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"real.md.j2": "REAL", "plan.md.j2": "{% include 'alias.md.j2' %}"})
    os.symlink(folder / "real.md.j2", folder / "alias.md.j2")
    assert render_template(make_environment("zh-CN", folder), "plan.md.j2", {}) == "REAL"


@pytest.mark.parametrize(
    "expression",
    ["''.__class__.__mro__", "h.__init__.__globals__", "lipsum.__globals__", "plan.__dict__"],
)
def test_python_internals_are_out_of_reach(tmp_path: Path, expression: str) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n{{ " + expression + " }}\n"})
    with pytest.raises(TemplateError, match=r"plan\.md\.j2:2: template error"):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {"h": object(), "plan": object()})


def test_missing_variable_names_file_and_line(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n\nok\n{{ nothing_here }}\n"})
    with pytest.raises(TemplateError) as caught:
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})
    message = str(caught.value)
    assert f"{folder / 'plan.md.j2'}:4: template error (undefined value)" in message
    assert "no value named 'nothing_here'" in message


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ("x.name", "no field 'name': this mapping has amount, names (did you mean 'names'?)"),
        ("x['budget']", "no field 'budget': this mapping has amount, names"),  # nothing close: no guess
        ("x.names.size", "template error (undefined value)"),  # not a mapping: Jinja's own words stay
    ],
)
def test_a_field_the_data_lacks_is_told_with_the_fields_it_has(tmp_path: Path, expression: str, said: str) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n{{ " + expression + " }}\n"})
    with pytest.raises(TemplateError) as caught:
        render_template(make_environment("en", folder), "plan.md.j2", {"x": {"names": ["人力"], "amount": 1}})
    assert f"{folder / 'plan.md.j2'}:2: " in str(caught.value) and said in str(caught.value)
    assert ("did you mean" in str(caught.value)) == ("did you mean" in said)


def test_error_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n{% include 'part.md.j2' %}\n", "part.md.j2": "a\nb\n{{ x.y }}"})
    with pytest.raises(TemplateError, match=r"part\.md\.j2:3: template error \(undefined value\)"):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {"x": {}})


def test_a_template_saved_in_another_encoding_is_named_with_its_line(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n{% include 'part.md.j2' %}\n"})
    (folder / "part.md.j2").write_bytes("正文\n第二行：中文\n".encode("gbk"))  # saved by a GBK editor
    with pytest.raises(TemplateError) as caught:
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})
    assert str(caught.value) == (
        f"{folder / 'part.md.j2'}:1: the file is not valid UTF-8; it looks like a GBK/GB18030 Chinese file: "
        "re-save it as UTF-8"
    )


def test_a_byte_order_mark_stays_out_of_the_plan(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n{% include 'part.md.j2' %}\n"})
    (folder / "part.md.j2").write_bytes("\ufeff正文\n".encode())  # Notepad's UTF-8 with a byte-order mark
    assert render_template(make_environment("zh-CN", folder), "plan.md.j2", {}) == "# x\n正文\n"


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n\n{% for x in %}\n"})
    with pytest.raises(TemplateError, match=r"plan\.md\.j2:3: template syntax error"):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ 'x' * 300000000 }}", "repetition would build 300,000,000 items"),
        ("{{ [1] * 10**9 }}", "repetition would build 1,000,000,000 items"),
        # 9 ** (9 ** 9) has 387,420,489 × log10(9) ≈ 369.7 million digits
        ("{{ 9 ** (9 ** 9) }}", "power would have about 369,693,100 digits"),
    ],
)
def test_huge_repetition_and_powers_are_refused(tmp_path: Path, body: str, message: str) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n" + body + "\n"})
    with pytest.raises(TemplateError, match=message):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})


def test_small_repetition_and_powers_still_work(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {"plan.md.j2": "{{ 2 ** 10 }} {{ 'ab' * 3 }} {{ 3 * 4 }}"})
    assert render_template(make_environment("zh-CN", folder), "plan.md.j2", {}) == "1024 ababab 12"


def test_a_render_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envmod, "RENDER_SECONDS", 0.2)
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n" + body + "\n"})
    with pytest.raises(TemplateError, match="CPU time and was stopped"):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})


def test_a_loop_without_calls_is_stopped_by_the_cpu_timer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envmod, "RENDER_SECONDS", 0.3)
    # 100,000 × 100,000 passes over a string: no call or attribute for the sandbox to check
    body = "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    folder = user_folder(tmp_path, {"plan.md.j2": "# x\n" + body + "\n"})
    with pytest.raises(TemplateError, match=r"plan\.md\.j2:2: template error \(RenderTimeout\)"):
        render_template(make_environment("zh-CN", folder), "plan.md.j2", {})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("X\n# Injected\n\n## 目录\n- item", "X # Injected ## 目录 - item"),  # line breaks become spaces
        ("# heading", "\\# heading"),  # a leading # cannot open a heading
        ("<script>", "\\<script>"),  # nor < raw HTML, nor > a quote
        ("> quote", "\\> quote"),
        ("  plain  ", "  plain  "),  # spaces kept: ", " joins lists
        ("  # late", "  \\# late"),
        ("a\r\nb\u2028c", "a b c"),
        (3, 3),  # numbers pass unchanged
    ],
)
def test_finalize_keeps_values_on_one_line(value: object, expected: object) -> None:
    assert envmod.finalize(value) == expected


def test_renderer_headings_pass_finalize_unchanged() -> None:
    from markupsafe import Markup

    assert envmod.finalize(Markup("## 一、背景")) == "## 一、背景"


def test_a_user_template_renders_only_where_the_cpu_timer_can_stop_it(tmp_path: Path) -> None:
    # the timer's signal is handled in the main thread only: elsewhere a loop without calls would never stop,
    # so a caller rendering a user's template in another thread is told at once (opsplan's own need no timer)
    import threading

    folder = user_folder(tmp_path, {"plan.md.j2": "{{ 3 * 4 }}"})
    outcomes: list[object] = []

    def render(env: jinja2.Environment) -> None:
        try:
            outcomes.append(render_template(env, "plan.md.j2", {}))
        except (RuntimeError, TemplateError) as error:
            outcomes.append(error)

    for env in (make_environment("en", folder), make_environment("en")):
        thread = threading.Thread(target=render, args=(env,))
        thread.start()
        thread.join()
    refused, plain = outcomes
    assert isinstance(refused, RuntimeError) and "main thread" in str(refused)
    # the packaged plan.md.j2 is rendered anywhere (and given no plan here, says which value it misses)
    assert isinstance(plain, TemplateError) and "template error (undefined value)" in str(plain)
    assert render_template(make_environment("en", folder), "plan.md.j2", {}) == "12"  # in the main thread


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_a_locale_folder_linked_out_of_the_user_folder_is_refused(tmp_path: Path, locale: str) -> None:
    # the loader resolved DIR/<locale> once and read any file below it: a link to /etc put /etc/passwd in the plan
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md.j2").write_text("SECRET", encoding="utf-8")
    folder = user_folder(tmp_path, {"plan.md.j2": "{% include 'secret.md.j2' %}"})
    os.symlink(outside, folder / locale)
    with pytest.raises(TemplateError, match="leads outside the template folder") as caught:
        render_template(make_environment(locale, folder), "plan.md.j2", {})
    assert "SECRET" not in str(caught.value)


def test_a_locale_folder_linked_within_the_user_folder_is_fine(tmp_path: Path) -> None:
    folder = user_folder(tmp_path, {})
    (folder / "shared").mkdir()
    (folder / "shared" / "plan.md.j2").write_text("SHARED", encoding="utf-8")
    os.symlink(folder / "shared", folder / "en")
    assert render_template(make_environment("en", folder), "plan.md.j2", {}) == "SHARED"


def test_a_derived_context_has_what_jinja_s_own_has() -> None:
    # SharedBlocksContext.derived sets a context's fields itself: a Jinja that sets other ones fails here, not in a plan
    env = make_environment("en")
    root = env.get_template("plan.md.j2").new_context({"shop": {"name": "A"}, "two": 1})
    root.blocks["t_x"] = [lambda context: iter(())]
    made = jinja2.runtime.new_context(env, root.name, {}, root.get_all(), True, None, {"two": 2, "three": 3})
    derived = root.derived({"two": 2, "three": 3, "gone": jinja2.utils.missing})
    assert tuple(vars(made)) == envmod.CONTEXT_FIELDS
    assert set(vars(derived)) == set(envmod.CONTEXT_FIELDS)
    assert derived.get_all() == made.get_all() == {**root.get_all(), "two": 2, "three": 3}  # locals over variables
    assert root.get_all()["two"] == 1 and "three" not in root.get_all()  # the root's are not changed
    assert derived.blocks == root.blocks and derived.blocks is not root.blocks  # its lists shared, not its mapping
    assert derived.eval_ctx is root.eval_ctx and derived.name == root.name and derived.environment is env
