"""OPSPLAN_PDF_TIMEOUT: a number of seconds above 0; anything else is refused before a plan is rendered."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.errors import UsageError
from opsplan.render.pdf import TIMEOUT_SECONDS, timeout_seconds
from tests.conftest import RENDERABLE_PROFILE


@pytest.mark.parametrize(
    ("value", "seconds"), [("", TIMEOUT_SECONDS), ("  ", TIMEOUT_SECONDS), ("90", 90.0), ("1.5", 1.5)]
)
def test_a_number_above_zero_or_nothing(monkeypatch: pytest.MonkeyPatch, value: str, seconds: float) -> None:
    monkeypatch.setenv("OPSPLAN_PDF_TIMEOUT", value)
    assert timeout_seconds() == seconds


@pytest.mark.parametrize("value", ["abc", "0", "-3", "nan", "inf", "5s"])
def test_anything_else_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("OPSPLAN_PDF_TIMEOUT", value)
    with pytest.raises(UsageError, match="OPSPLAN_PDF_TIMEOUT"):
        timeout_seconds()


@pytest.mark.parametrize(("lang", "said"), [("en", "a number above 0"), ("zh-CN", "大于 0 的数字")])
def test_render_refuses_it_before_writing_anything(
    runner: CliRunner, write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    monkeypatch.setenv("OPSPLAN_PDF_TIMEOUT", "abc")
    profile = write("shop.yaml", RENDERABLE_PROFILE)
    out = tmp_path / "out"
    result = runner.invoke(app, ["--lang", lang, "render", str(profile), "-f", "docx,pdf", "-o", str(out)])
    assert result.exit_code == 2
    assert "OPSPLAN_PDF_TIMEOUT='abc'" in result.output and said in result.output
    assert not out.exists()
