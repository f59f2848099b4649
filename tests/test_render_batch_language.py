"""A batch of profiles in several languages: the count is said in the language of messages, each profile's own
line in the profile's language (``plan.locale``), and the exit code says whether anything failed or was refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from opsplan.cli import app
from tests.conftest import MINIMAL_PROFILE, RENDERABLE_PROFILE, varied

REFUSED_EN = varied(MINIMAL_PROFILE, ("  locale: zh-CN", "  locale: en"))  # OPS101 as MINIMAL_PROFILE, in English
BROKEN_ZH = "version: 1\nplan: {title: 测试, locale: zh-CN}\n"  # plan.start, shop, goals, budget missing


def _batch(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, locale: str, *profiles: str
) -> tuple[Result, list[Path], Path]:
    monkeypatch.delenv("OPSPLAN_LANG")  # neither --lang nor OPSPLAN_LANG: the shell's language is the messages'
    monkeypatch.setenv("LC_ALL", locale)
    paths = []
    for index, text in enumerate(profiles):
        paths.append(tmp_path / f"shop{index}.yaml")
        paths[-1].write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", *map(str, paths), "-o", str(out), "-f", "md"])
    return result, paths, out


@pytest.mark.parametrize(
    ("locale", "count"),
    [
        ("en_US.UTF-8", "error: 2 of 3 profiles were not rendered:"),
        ("zh_CN.UTF-8", "错误：3 份档案中有 2 份没有生成："),
    ],
)
def test_refusals_in_two_languages_are_counted_in_the_language_of_messages(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, locale: str, count: str
) -> None:
    result, (good, english, chinese), out = _batch(
        tmp_path, runner, monkeypatch, locale, RENDERABLE_PROFILE, REFUSED_EN, MINIMAL_PROFILE
    )
    assert result.exit_code == 1  # refused, nothing failed
    assert result.stderr.splitlines() == [
        count,
        f"{english}: not rendered: the check found errors (listed above); fix them, or pass --draft to render a "
        "draft marked 草稿 / DRAFT",
        f"{chinese}: 没有生成：检查发现了错误（见上方）；请改正，或者加 --draft 生成标有“草稿 / DRAFT”的草稿",
    ]
    assert (out / f"{good.stem}.md").exists()
    assert not (out / f"{english.stem}.md").exists() and not (out / f"{chinese.stem}.md").exists()


@pytest.mark.parametrize(
    ("locale", "count"),
    [("en_US.UTF-8", "error: 2 of 3 profiles failed:"), ("zh_CN.UTF-8", "错误：3 份档案中有 2 份失败：")],
)
def test_a_failure_and_a_refusal_are_counted_as_failures(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, locale: str, count: str
) -> None:
    result, (_, broken, refused), _ = _batch(
        tmp_path, runner, monkeypatch, locale, RENDERABLE_PROFILE, BROKEN_ZH, REFUSED_EN
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == count
    assert f"{broken}:2:7: plan.start: 缺少必填项「start」" in lines  # the Chinese profile's own words
    assert lines[-1].startswith(f"{refused}: not rendered: the check found errors")


def test_one_refused_profile_is_said_in_its_own_language(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, (refused,), _ = _batch(tmp_path, runner, monkeypatch, "en_US.UTF-8", MINIMAL_PROFILE)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：{refused}: 没有生成：检查发现了错误")
