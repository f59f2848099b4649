"""A user template cannot put control characters (NUL, ESC, BEL, C1 …) into a plan: it is refused, by file and line.

A template file holding one raw is refused when it is read; these write one through an expression
(``{{ "\\x00" }}``), which Jinja turns into the character itself. The Markdown would carry it into the DOCX
(whose XML cannot hold it) and the HTML. Tab and line breaks are text and pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from tests._hardening_helpers import template_case
from tests.conftest import RENDERABLE_PROFILE


def render_with(tmp_path: Path, runner: CliRunner, template: str, *options: str) -> tuple[int, str, Path]:
    """Render RENDERABLE_PROFILE to md, docx and html with a user folder whose plan.md.j2 is ``template``."""
    folder, profile, out = template_case(tmp_path, template, RENDERABLE_PROFILE)
    result = runner.invoke(
        app, [*options, "render", str(profile), "-f", "md,docx,html", "-o", str(out), "--templates", str(folder)]
    )
    return result.exit_code, result.output, out


@pytest.mark.parametrize(
    ("expression", "code"),
    [
        ('"\\x00"', "U+0000"),  # NUL
        ('"red: \\x1b[31m"', "U+001B"),  # a terminal colour escape
        ('"ding\\x07" | upper', "U+0007"),  # through a filter
        ('"\\x9b"', "U+009B"),  # a C1 control character
    ],
)
def test_a_control_character_written_by_a_template_is_refused_by_file_and_line(
    tmp_path: Path, runner: CliRunner, expression: str, code: str
) -> None:
    status, output, out = render_with(tmp_path, runner, "# Plan\n\nText {{ " + expression + " }} here\n")
    assert status == 2, output
    where = tmp_path / "mine" / "plan.md.j2"
    assert (
        f"{where}:3: the template writes a control character ({code}) into the plan, which no document may hold; "
        "remove it from the template"
    ) in " ".join(output.split())
    assert not out.exists() or not any(out.iterdir())  # nothing written


def test_the_refusal_is_said_in_chinese(tmp_path: Path, runner: CliRunner) -> None:
    status, output, _ = render_with(tmp_path, runner, "# Plan\n\n{{ '\\x00' }}\n", "--lang", "zh-CN")
    assert status == 2, output
    where = tmp_path / "mine" / "plan.md.j2"
    assert f"{where}:3: 模板向方案写入了控制字符（U+0000），任何文档都不能包含它；请从模板中删去" in output


def test_tabs_and_line_breaks_from_a_template_are_text(tmp_path: Path, runner: CliRunner) -> None:
    status, output, out = render_with(tmp_path, runner, "# Plan\n\nA{{ '\\t' }}B {{ 'C\\nD' }}\n")
    assert status == 0, output
    assert "A\tB C D" in (out / "shop.md").read_text(encoding="utf-8")  # a line break in a value becomes a space
