"""presets and metrics take --locale zh-CN or en, as new does; another value is a usage error, not English."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from opsplan.cli import app


@pytest.mark.parametrize("command", ["presets", "metrics"])
def test_an_unknown_locale_is_refused(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, ["--lang", "en", command, "--locale", "fr"])
    assert result.exit_code == 2
    assert "'fr': use zh-CN or en" in result.output


def test_a_known_locale_lists_in_it(runner: CliRunner) -> None:
    zh = runner.invoke(app, ["presets", "--locale", "zh"])
    en = runner.invoke(app, ["presets", "--locale", "en"])
    assert zh.exit_code == en.exit_code == 0
    assert "抖音短视频+直播的高端花束品牌" in zh.output and "抖音" not in en.output
