"""Loader and validation errors in zh-CN and en: our own words, at the right file:line:column."""

from __future__ import annotations

import pytest

from opsplan.cli import app
from opsplan.errors import OpsplanError
from opsplan.i18n import EN, ZH, placeholders, use
from opsplan.load import load_profile
from opsplan.load_messages import LOAD
from tests._check_helpers import CLEAN_PROFILE, line_of

CASES = {
    "bad-yaml": (
        ("  kind: custom\n", "  kind: custom\n   x: 1\n"),
        "   x: 1",
        4,
        {
            EN: "YAML syntax error: a ': ' where no key can start",
            ZH: "YAML 格式有误：这里出现了不该有的“: ”",
        },
    ),
    "unknown-key": (
        ("roi: 2.5", "roii: 2.5"),
        "roii: 2.5",
        None,
        {
            EN: "traffic.channels[1].roii: unknown key 'roii'; did you mean 'roi'?",
            ZH: "traffic.channels[1].roii: 不认识的键「roii」；是不是想写「roi」？",
        },
    ),
    "wrong-type": (
        ("count: 2, monthly_cost", "count: [2], monthly_cost"),
        "count: [2]",
        7,
        {EN: "team[0].count: expected a whole number, not a list", ZH: "team[0].count: 这里应该填整数，而不是一个列表"},
    ),
    "out-of-range": (
        ("roi: 2.5", "roi: 2000"),
        "roi: 2000",
        5,
        {
            EN: "traffic.channels[1].roi: must be at most 1000, not the number 2000",
            ZH: "traffic.channels[1].roi: 不能大于 1000，现在是数字 2000",
        },
    ),
    "unknown-reference": (
        ("after: [launch]", "after: [lanch]"),
        "lanch]",
        0,
        {
            EN: "timeline.milestones[0].after[0]: unknown task 'lanch'; did you mean 'launch'?",
            ZH: "timeline.milestones[0].after[0]: 没有任务 'lanch'；是不是想写 'launch'？",
        },
    ),
}


def _column(text: str, needle: str, offset: int | None) -> int:
    line = text.splitlines()[line_of(text, needle) - 1]
    return line.index(needle) + 1 + (offset or 0)


@pytest.mark.parametrize("lang", [EN, ZH])
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_error_kind_in_both_languages_at_its_place(write, case, lang):
    (old, new), needle, offset, said = CASES[case]
    text = CLEAN_PROFILE.replace(old, new, 1)
    path = write("shop.yaml", text)
    with use(lang), pytest.raises(OpsplanError) as caught:
        load_profile(path)
    where = f"shop.yaml:{line_of(text, needle)}:{_column(text, needle, offset)}: "
    assert where + said[lang] in str(caught.value)


def test_a_profile_error_through_the_cli_in_chinese(runner, write):
    path = write("shop.yaml", CLEAN_PROFILE.replace("roi: 2.5", "roii: 2.5"))
    result = runner.invoke(app, ["--lang", "zh-CN", "render", str(path), "-o", str(path.parent / "out")])
    assert result.exit_code == 2
    assert result.output.startswith("错误：")
    assert "不认识的键「roii」；是不是想写「roi」？" in result.output


def test_the_profile_locale_decides_when_nothing_else_does(write, monkeypatch):
    for name in ("OPSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    text = CLEAN_PROFILE.replace("roi: 2.5", "roii: 2.5")
    with pytest.raises(OpsplanError, match="不认识的键"):
        load_profile(write("zh.yaml", text))
    with pytest.raises(OpsplanError, match="unknown key"):
        load_profile(write("en.yaml", text.replace("locale: zh-CN", "locale: en", 1)))


def test_every_loader_entry_has_both_languages_with_the_same_placeholders():
    for key, (en, zh) in LOAD.items():
        assert en.strip() and zh.strip(), key
        assert placeholders(en) == placeholders(zh), key


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (EN, "traffic.monthly_entry_volume: 'lots' is not a number; write a number such as 1200, 600万, 1.2亿"),
        (ZH, "traffic.monthly_entry_volume: 'lots' 不是数字；请写成 1200、600万、1.2亿 或 6,000,000 这样的数字"),
    ],
)
def test_a_value_no_form_reads_in_both_languages(write, lang, said):
    text = CLEAN_PROFILE.replace("monthly_entry_volume: 1500000", "monthly_entry_volume: lots", 1)
    with use(lang), pytest.raises(OpsplanError) as caught:
        load_profile(write("shop.yaml", text))
    assert f"shop.yaml:{line_of(text, 'lots')}:25: {said}" in str(caught.value)
