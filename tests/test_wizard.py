"""The questions `opsplan new` asks in a terminal (issue 15.2): order, language, defaults, re-asking, stopping."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.errors import InputError
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.profile import Platform
from opsplan.scaffold import load_preset, new_profile


def _answers(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> Iterator[str]:
    feed = iter(answers)

    def fake_input(prompt: str = "") -> str:
        answer = next(feed, None)
        if answer is None:
            raise EOFError
        if answer == "^C":
            raise KeyboardInterrupt
        return answer

    monkeypatch.setattr(builtins, "input", fake_input)
    return feed


def _new(path: Path, **options: object) -> Path:
    args: dict[str, object] = dict(preset=None, locale=None, shop_name=None, start=None, force=False)
    args.update(options)
    return new_profile(path, interactive=True, **args)


# xigua-store (zh-CN) leads with monthly_gmv, then followers, monthly_views, completion_rate (GMV first), then aov
ZH_ANSWERS = {
    "语言": ["fr", "中文"],
    "方案类型": ["xigua", "xigua-store"],
    "店铺名称": ["", "青禾小馆"],  # no default: the example's name is not offered
    "平台": ["tiktok", "xigua"],
    "品类": ["", "山野干货"],  # no default: the example's category is not offered
    "目标人群": ["25-35岁的城市上班族"],
    "开始日期": ["2027/13/1", "2027/4/1"],
    "总预算": ["很多", "600万"],
    "团队人数": ["2.5", "6"],
    "月GMV现在": ["10万"],
    "月GMV目标": ["30万"],
    "粉丝数现在": ["8000"],
    "粉丝数目标": ["2万"],
    "月播放量现在": ["40万"],
    "月播放量目标": ["200万"],
    "完播率现在": ["150%", "15%"],
    "完播率目标": ["0.25"],
    "客单价现在": ["80"],
    "客单价目标": ["95"],
}


def test_the_wizard_in_chinese_reasks_bad_answers_and_fills_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPSPLAN_LANG", "en")  # the terminal's language, until the user picks one
    feed = _answers(monkeypatch, [a for answers in ZH_ANSWERS.values() for a in answers])
    path = _new(tmp_path / "shop.yaml")
    assert list(feed) == []  # every answer was read, none left over
    out = capsys.readouterr().out
    order = [
        "语言",
        "方案类型",
        "店铺名称",
        "平台",
        "卖什么",
        "目标人群",
        "开始日期",
        "总预算",
        "团队人数",
        "月GMV：现在",
    ]
    positions = [out.index(q) for q in order]
    assert positions == sorted(positions)
    assert "回答以下问题" in out and "Plan kind" not in out  # prompts in the chosen language
    for reason in (  # the language question is answered in the terminal's language, the rest in the chosen one
        "unknown locale 'fr'",
        "是不是 'xigua-store'？",
        "店铺名称是空的",
        "回答是空的",
        "不认识平台 'tiktok'",
        "'2027/13/1' 不是有效日期",
        "'很多' 不是数字",
        "'2.5'：请写人数",
        "'150%' 超出范围；比率应在 0-100% 之间",
    ):
        assert reason in out, reason
    profile = load_profile(path)
    assert (profile.plan.locale, profile.plan.kind.value) == ("zh-CN", "xigua-store")
    assert (profile.shop.name, profile.shop.platform) == ("青禾小馆", Platform.XIGUA)
    assert profile.shop.audience.traits == ["25-35岁的城市上班族"] and profile.shop.category == "山野干货"
    assert profile.plan.start == dt.date(2027, 4, 1)
    assert profile.budget.total == 6_000_000
    assert sum(role.count for role in profile.team) == 6
    assert profile.baseline["monthly_gmv"] == 100_000 and profile.goals.short.targets["monthly_gmv"] == 300_000
    assert profile.baseline["followers"] == 8000 and profile.goals.short.targets["followers"] == 20_000
    assert profile.baseline["completion_rate"] == 0.15 and profile.goals.short.targets["completion_rate"] == 0.25
    assert profile.baseline["aov"] == 80 and profile.goals.short.targets["aov"] == 95
    plan = build_plan(profile)
    assert plan.profile.plan.title.startswith("青禾小馆")  # the title refers to the name


def test_defaults_come_from_the_options_and_the_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _answers(monkeypatch, ["", "", "", "", "lamps", *[""] * 14])
    path = _new(tmp_path / "d.yaml", preset="livestream-store", locale="en", shop_name="Lumen", start="2027-06-01")
    profile = load_profile(path)
    assert (profile.shop.name, profile.plan.start, profile.plan.locale) == ("Lumen", dt.date(2027, 6, 1), "en")
    assert profile.budget.total == load_preset("livestream-store", "en").budget.total  # the kind's own total
    assert profile.shop.audience.traits == ["[fill in]"]  # no answer: left to fill


@pytest.mark.parametrize("stop", ["^C", None], ids=["ctrl-c", "end-of-input"])
def test_stopping_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: str | None) -> None:
    _answers(monkeypatch, ["en", "xigua-store", "Lumen", *([stop] if stop else [])])
    raised = KeyboardInterrupt if stop else InputError
    with pytest.raises(raised):
        _new(tmp_path / "s.yaml")
    assert not (tmp_path / "s.yaml").exists()


def test_the_command_asks_through_stdin(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("opsplan.cli_run.in_terminal", lambda: True)
    path = tmp_path / "shop.yaml"
    typed = "en\nxigua-store\nLumen\n\ndried goods\nyoung professionals\n2027/3/1\n2,000,000\n4\n" + "\n" * 10
    result = runner.invoke(app, ["new", str(path)], input=typed)
    assert result.exit_code == 0, result.output
    assert "Shop name" in result.output and f"wrote {path}" in result.output
    assert load_profile(path).budget.total == 2_000_000
    stopped = runner.invoke(app, ["new", str(tmp_path / "half.yaml")], input="en\nxigua-store\n")
    assert stopped.exit_code == 2 and "nothing written" in stopped.output
    assert not (tmp_path / "half.yaml").exists()


def test_the_last_line_is_in_the_language_of_the_questions(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("opsplan.cli_run.in_terminal", lambda: True)
    path = tmp_path / "shop.yaml"
    typed = "zh-CN\nxigua-store\n青禾小馆\n\n山野干货\n\n2027/3/1\n600万\n4\n" + "\n" * 10
    result = runner.invoke(app, ["--lang", "en", "new", str(path)], input=typed)
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(f"已写入 {path}")
    assert f"wrote {path}" not in result.output
