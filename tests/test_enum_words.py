"""A choice (risk category, platform, channel type, cadence) is read from its key or the label the plan shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.enum_words import LABELS
from opsplan.load import load_profile
from opsplan.profile import Cadence, ChannelType, Platform, RiskCategory
from opsplan.render.environment import make_environment
from opsplan.render.xlsx_text import _EN, _ZH
from tests._check_helpers import CLEAN_PROFILE, line_of

RISK = "{id: R1, category: compliance,"


def _profile(tmp_path: Path, old: str, new: str) -> Path:
    assert old in CLEAN_PROFILE
    path = tmp_path / "shop.yaml"
    path.write_text(CLEAN_PROFILE.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("团队", RiskCategory.TEAM),
        ("Team", RiskCategory.TEAM),
        (" team ", RiskCategory.TEAM),
        ("舆情", RiskCategory.PUBLIC_OPINION),
        ("PUBLIC  opinion", RiskCategory.PUBLIC_OPINION),  # case and spaces do not count
        ("public_opinion", RiskCategory.PUBLIC_OPINION),
        ("平台规则", RiskCategory.PLATFORM_POLICY),
        ("ＴＥＡＭ", RiskCategory.TEAM),  # full-width letters
    ],
)
def test_a_risk_category_is_read_from_its_label(tmp_path: Path, written: str, key: RiskCategory) -> None:
    profile = load_profile(_profile(tmp_path, RISK, f"{{id: R1, category: '{written}',"))
    assert profile.risks[0].category is key
    assert profile.model_dump(mode="json")["risks"][0]["category"] == key.value  # the profile holds the key


def test_platform_channel_and_cadence_are_read_from_their_labels(tmp_path: Path) -> None:
    text = CLEAN_PROFILE
    for old, new in [
        ("platform: douyin", "platform: 小红书"),
        ("type: natural", "type: 达人合作"),
        ("type: paid", "type: 付费投放"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    text += "kpis:\n  - {metric: followers, cadence: 每周}\n  - {metric: followers, cadence: Monthly}\n"
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    profile = load_profile(path)
    assert profile.shop.platform is Platform.XIAOHONGSHU
    assert [c.type for c in profile.traffic.channels][:2] == [ChannelType.INFLUENCER, ChannelType.PAID]
    assert [k.cadence for k in profile.kpis] == [Cadence.WEEKLY, Cadence.MONTHLY]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "zh-CN",
            "risks[0].category: 这里应该填以下之一（键或它的名称）：compliance（合规、Compliance）、operations（运营、Operations）",
        ),
        (
            "en",
            "risks[0].category: expected a key or its label: compliance (Compliance, 合规), operations (Operations, 运营)",
        ),
    ],
)
def test_anything_else_names_the_line_the_keys_and_the_labels(tmp_path: Path, lang: str, said: str) -> None:
    path = _profile(tmp_path, RISK, "{id: R1, category: 团队们,")
    result = CliRunner().invoke(app, ["--lang", lang, "check", str(path)])
    assert result.exit_code == 2
    line = line_of(CLEAN_PROFILE, RISK)
    column = CLEAN_PROFILE.splitlines()[line - 1].index("category: ") + len("category: ") + 1
    assert f"shop.yaml:{line}:{column}: {said}" in result.output
    assert "team（团队、Team）" in result.output or "team (Team, 团队)" in result.output
    assert ("文字“团队们”" if lang == "zh-CN" else "not the text '团队们'") in result.output


def test_the_schema_lists_the_labels_as_allowed_words() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    defs = json.loads(result.output)["$defs"]
    assert {"team", "团队", "Team", "compliance", "合规"} <= set(defs["RiskCategory"]["enum"])
    assert {"douyin", "抖音", "Douyin"} <= set(defs["Platform"]["enum"])
    assert {"weekly", "每周"} <= set(defs["Cadence"]["enum"])
    assert {"influencer", "达人合作"} <= set(defs["ChannelType"]["enum"])


# the words read are the labels the plan shows: the templates' and the workbook's tables, key for key
_TEMPLATE_MAPS = {
    "RiskCategory": "RISK_CATEGORY",
    "Platform": "PLATFORM",
    "ChannelType": "CHANNEL",
    "Cadence": "CADENCE",
}
_WORKBOOK_PREFIX = {"RiskCategory": "category", "ChannelType": "channel"}


@pytest.mark.parametrize("name", sorted(LABELS))
def test_the_labels_are_the_ones_the_plan_shows(name: str) -> None:
    for index, locale in enumerate(("zh-CN", "en")):
        macros = make_environment(locale).get_template("_macros.md.j2").module
        shown = getattr(macros, _TEMPLATE_MAPS[name])
        assert shown == {key: labels[index] for key, labels in LABELS[name].items()}
        if name in _WORKBOOK_PREFIX:
            book = _ZH if locale == "zh-CN" else _EN
            for key, labels in LABELS[name].items():
                assert book[f"{_WORKBOOK_PREFIX[name]}.{key}"] == labels[index]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_no_word_names_two_choices(name: str) -> None:
    from opsplan.enum_words import plain

    seen: dict[str, str] = {}
    for key, (zh, en, more) in LABELS[name].items():
        for word in {plain(w) for w in (key, zh, en, *more)}:
            assert seen.setdefault(word, key) == key, f"{word!r} names {seen[word]} and {key}"
