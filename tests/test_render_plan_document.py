"""render and serve read profiles: a plan document given to them is named as one, with what to run instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app


@pytest.mark.parametrize("suffix", [".md", ".docx", ".pdf", ".HTML", ".pptx", ".xlsx"])
def test_render_names_a_plan_document_and_writes_nothing(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    document = tmp_path / f"plan{suffix}"
    document.write_bytes(b"PK\x03\x04 not a profile")
    out = tmp_path / "out"
    result = runner.invoke(app, ["--lang", "en", "render", str(document), "-o", str(out)])
    assert result.exit_code == 2
    said = f"{document} is a plan document ({suffix.lower()}), not a profile"
    assert said in result.output
    assert f"run opsplan check {document}" in result.output
    assert not out.exists()


def test_render_says_it_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    document = tmp_path / "方案.md"
    document.write_text("# 方案\n", encoding="utf-8")
    result = runner.invoke(app, ["--lang", "zh-CN", "render", str(document), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{document} 是方案文档（.md），不是档案" in result.output
    assert f"请运行 opsplan check {document}" in result.output


def test_serve_refuses_a_plan_document_before_it_listens(runner: CliRunner, tmp_path: Path) -> None:
    document = tmp_path / "plan.docx"
    document.write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["--lang", "en", "serve", str(document), "--port", "0"])
    assert result.exit_code == 2
    assert "is a plan document (.docx), not a profile" in result.output
    assert "Previewing" not in result.output
