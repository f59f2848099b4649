"""Values the CLI refuses with exit 2 and a message in both languages: --locale of presets and metrics, a folder given to check."""

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


@pytest.mark.parametrize(
    ("lang", "said"), [("en", ": is a folder; opsplan check reads files"), ("zh-CN", "：这是一个文件夹")]
)
def test_check_of_a_folder_says_it_is_one(runner: CliRunner, tmp_path, lang: str, said: str) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    result = runner.invoke(app, ["--lang", lang, "check", str(folder)])
    assert result.exit_code == 2
    assert f"{folder}{said}" in result.output
    assert f"opsplan check {folder}/*.yaml" in result.output
