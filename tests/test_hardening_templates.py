"""Class 4: user templates (--templates) are sandboxed and bounded; failures name the file and line.

Each hostile template replaces the packaged ``plan.md.j2`` in a user folder and is rendered through
``opsplan render`` in a child process limited to 1 GiB and a time bound.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests._hardening_helpers import HANG_LIMIT, Outcome, assert_clean_failure, run_cli, template_case
from tests.conftest import RENDERABLE_PROFILE

pytestmark = pytest.mark.slow  # a child process per case


def render_with(tmp_path: Path, template: str, *, timeout: float = HANG_LIMIT) -> tuple[Outcome, Path]:
    """Render RENDERABLE_PROFILE with a user folder whose plan.md.j2 is ``template``."""
    folder, profile, out = template_case(tmp_path, template, RENDERABLE_PROFILE)
    outcome = run_cli(
        "render", str(profile), "--format", "md", "--out", str(out), "--templates", str(folder), timeout=timeout
    )
    return outcome, out


def render_in_process(tmp_path: Path, template: str) -> str:
    """Render RENDERABLE_PROFILE's plan with a user plan.md.j2 in this process; return the error message."""
    from opsplan.errors import TemplateError
    from opsplan.load import load_profile
    from opsplan.plan import build_plan
    from opsplan.render.markdown import render_markdown

    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "plan.md.j2").write_text(template, encoding="utf-8")
    profile = tmp_path / "shop.yaml"
    profile.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        render_markdown(build_plan(load_profile(profile)), folder)
    return str(info.value)


@pytest.mark.parametrize(
    "expression",
    [
        "''.__class__.__mro__[1].__subclasses__()",
        "cycler.__init__.__globals__",
        "lipsum.__globals__['os']",
        "joiner.__init__.__globals__",
        "namespace.__init__.__globals__",
        "h.__init__.__globals__",
        "chapter_label.__globals__",
        "profile.__class__.__init__.__globals__",
        "plan.__dict__",
        "'{0.__class__.__mro__}'.format(profile)",
        "range.__self__",
        "self._TemplateReference__context",
    ],
)
def test_templates_cannot_reach_python_internals(tmp_path: Path, expression: str) -> None:
    message = render_in_process(tmp_path, "# x\n\n{{ " + expression + " }}\n")
    assert "plan.md.j2:3: template error" in message
    assert "unsafe" in message or "undefined" in message


def test_internals_through_the_cli_fail_cleanly(tmp_path: Path) -> None:
    outcome, out = render_with(tmp_path, "# x\n\n{{ cycler.__init__.__globals__.os.system('id') }}\n")
    assert_clean_failure(outcome, "plan.md.j2:3: template error")
    assert "uid=" not in outcome.stdout + outcome.stderr
    assert not (out / "shop.md").exists()


def test_include_outside_the_folder_is_refused(tmp_path: Path) -> None:
    outcome, out = render_with(tmp_path, "# x\n{% include '../../../../etc/passwd' %}\n")
    assert_clean_failure(outcome, "not found")
    assert "root:" not in outcome.stderr + outcome.stdout
    assert not (out / "shop.md").exists()


def test_include_through_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    folder = tmp_path / "mine"
    folder.mkdir()
    os.symlink(secret, folder / "leak.md.j2")
    outcome, out = render_with(tmp_path, "# x\n{% include 'leak.md.j2' %}\n")
    assert_clean_failure(outcome, "leads outside the template folder")
    assert "TOP-SECRET" not in outcome.stderr + outcome.stdout
    assert not (out / "shop.md").exists()


def test_a_symlinked_plan_template_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    os.symlink("/etc/hostname" if Path("/etc/hostname").exists() else "/etc/passwd", folder / "plan.md.j2")
    profile = tmp_path / "shop.yaml"
    profile.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    outcome = run_cli("render", str(profile), "-f", "md", "-o", str(tmp_path / "out"), "--templates", str(folder))
    assert_clean_failure(outcome, "leads outside the template folder")


def test_range_is_capped_by_the_sandbox(tmp_path: Path) -> None:
    outcome, _ = render_with(tmp_path, "# x\n\n{% for i in range(10**9) %}.{% endfor %}\n")
    assert_clean_failure(outcome, "plan.md.j2:3: template error")


def test_a_missing_variable_names_the_template_file_and_line(tmp_path: Path) -> None:
    outcome, _ = render_with(tmp_path, "# x\n\nfine\n{{ no_such_thing }}\n")
    assert_clean_failure(outcome, "plan.md.j2:4: template error (undefined value): no value named 'no_such_thing'")


def test_a_missing_attribute_names_the_template_file_and_line(tmp_path: Path) -> None:
    outcome, _ = render_with(tmp_path, "# x\n{{ profile.shop.nickname }}\n")
    assert_clean_failure(outcome, "plan.md.j2:2: template error (undefined value)")


def test_a_syntax_error_names_the_template_file_and_line(tmp_path: Path) -> None:
    outcome, _ = render_with(tmp_path, "# x\n\n{% for x in %}\n")
    assert_clean_failure(outcome, "plan.md.j2:3: template syntax error")


@pytest.mark.parametrize("body", ["{{ 'x' * 10**10 }}", "{{ [1] * 10**9 }}"])
def test_repetition_past_the_memory_limit_fails_cleanly(tmp_path: Path, body: str) -> None:
    # 10 GB of text / 8 GB of list slots cannot be allocated under 1 GiB: MemoryError → TemplateError.
    outcome, out = render_with(tmp_path, "# x\n" + body + "\n")
    assert_clean_failure(outcome, "plan.md.j2:2: template error")
    assert not (out / "shop.md").exists()


def run_or_hang(tmp_path: Path, template: str) -> Outcome:
    """Render; a child still running after the time bound counts as a hang (and fails the test)."""
    try:
        return render_with(tmp_path, template)[0]
    except subprocess.TimeoutExpired:
        pytest.fail("the render hung")


def test_huge_repetition_under_the_memory_limit_is_refused(tmp_path: Path) -> None:
    # 300 MB fits under 1 GiB and would be written out as a 300 MB plan.
    outcome = run_or_hang(tmp_path, "# x\n{{ 'x' * 300000000 }}\n")
    assert_clean_failure(outcome, "plan.md.j2:2: template error")


def test_huge_exponentiation_is_refused_quickly(tmp_path: Path) -> None:
    # Jinja's ** is left-associative (9**9**9 is (9**9)**9, 78 digits); 9 ** (9 ** 9) has 369 million
    # digits, and without intercepted binops Jinja folds it at compile time.
    outcome = run_or_hang(tmp_path, "# x\n{{ 9 ** (9 ** 9) }}\n")
    assert_clean_failure(outcome, "plan.md.j2:2: template error")


def test_an_endless_loop_is_stopped(tmp_path: Path) -> None:
    # 100,000 x 100,000 iterations, each under the sandbox's MAX_RANGE: 10**10 steps, hours of CPU.
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    outcome = run_or_hang(tmp_path, "# x\n" + body + "\n")
    # two guards can stop it: the sandbox's deadline (on a call, with the template's line) or, on a busy machine
    # when the CPU timer comes first inside Jinja's own code, the timer (the template named, no line)
    assert_clean_failure(outcome, "template error")
    assert re.search(r"plan\.md\.j2(:2)?: template error", outcome.stderr), outcome.stderr


def test_an_endless_loop_without_calls_is_stopped(tmp_path: Path) -> None:
    # The sandbox's own checks run on calls, attribute look-ups and * / **; this loop has none. Two nested loops over a 100,000-character string: 10**10 passes, no call or attribute in them.
    body = "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    outcome = run_or_hang(tmp_path, "# x\n" + body + "\n")
    assert_clean_failure(outcome, "plan.md.j2:2: template error")


def test_small_powers_and_repetition_still_work(tmp_path: Path) -> None:
    outcome, out = render_with(tmp_path, "# x\n{{ 2 ** 10 }} {{ 'ab' * 3 }} {{ 9**9**9 }}\n")
    assert outcome.code == 0, outcome.stderr
    # 2**10 = 1024; 'ab' * 3 = ababab; (9**9)**9 = 9**81, which starts 1966270504…
    assert (out / "shop.md").read_text(encoding="utf-8").splitlines()[1].startswith("1024 ababab 1966270504")
