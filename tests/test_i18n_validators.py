"""The profile's own validators (ids, chapters of your own, campaigns and their days, anchors) in zh-CN and en.

Each error goes through the CLI: exit code 2, ``file:line:column`` and the field path the same in both languages,
the message in our words in the language chosen (``--lang``, or the profile's ``plan.locale``).
"""

from __future__ import annotations

import json

import pytest

from opsplan.cli import app
from opsplan.i18n import EN, ZH
from tests._check_helpers import CLEAN_PROFILE

CAMPAIGN = "campaigns:\n  - {name: 大促, start: START, end: END}\nteam:\n"


def campaign(start: str, end: str) -> tuple[str, str]:
    """The edit that adds one campaign running ``start`` – ``end``."""
    return "team:\n", CAMPAIGN.replace("START", start).replace("END", end)


# case: (edit, the text where the error is placed (line and column), {language: what is said after the path})
CASES: dict[str, tuple[tuple[str, str], str, dict[str, str]]] = {
    "version": (
        ("version: 1\n", "version: 2\n"),
        "2",
        {
            EN: "version: format version 2 is not known; this opsplan reads version 1",
            ZH: "version: 格式版本 2 无法识别；这个版本的 opsplan 只读版本 1",
        },
    ),
    "id-twice": (
        ("{id: setup, name: 搭建", "{id: hire, name: 搭建"),
        "{id: hire, name: 搭建",
        {
            EN: "timeline.phases[0].tasks[1]: task id 'hire' is used twice; ids must be unique",
            ZH: "timeline.phases[0].tasks[1]: 任务 id 'hire' 用了两次；id 不能重复",
        },
    ),
    "kpi-target": (
        ("team:\n", "kpis:\n  - {metric: conversion_rate}\nteam:\n"),
        "{metric: conversion_rate}",
        {
            EN: "kpis[0].target: no goal sets 'conversion_rate', so the KPI needs its own target",
            ZH: "kpis[0].target: 没有哪个目标给 'conversion_rate' 定了数值，所以这个 KPI 要写自己的 target",
        },
    ),
    "own-chapter-title": (
        ("team:\n", "sections:\n  brand: {after: content, body: 文字}\nteam:\n"),
        "{after: content, body: 文字}",
        {
            EN: "sections.brand.title: a chapter of your own needs a title",
            ZH: "sections.brand.title: 自己加的章节要有标题",
        },
    ),
    "own-chapter-after": (
        ("team:\n", "sections:\n  brand: {title: 品牌, after: contnet, body: 文字}\nteam:\n"),
        "contnet",
        {
            EN: "sections.brand.after: no chapter 'contnet'; did you mean 'content'?",
            ZH: "sections.brand.after: 没有 'contnet' 这一章；是不是想写 'content'？",
        },
    ),
    "kind-chapter-with-after": (
        ("team:\n", "sections:\n  content: {after: goals}\nteam:\n"),
        "{after: goals}",
        {
            EN: "sections.content: after and body are for chapters of your own; 'content' is a chapter of the kind",
            ZH: "sections.content: after 和 body 只用于自己加的章节；'content' 是方案类型自带的章节",
        },
    ),
    "horizons-out-of-order": (
        ("mid: {months: 12", "mid: {months: 4"),
        "4, targets: {followers: 200000",
        {
            EN: "goals.mid.months: 4 must be later than goals.short.months (6)",
            ZH: "goals.mid.months: 4 必须晚于 goals.short.months（6）",
        },
    ),
    "unknown-metric": (
        ("aov: 200", "aovv: 200"),
        "aovv",
        {
            EN: "baseline: unknown metric 'aovv'; did you mean 'aov'? (see `opsplan metrics` for the catalogue)",
            ZH: "baseline: 没有指标 'aovv'；是不是想写 'aov'？（指标目录见 `opsplan metrics`）",
        },
    ),
    "two-anchors": (
        ("{id: launch, name: 上线, weeks: 3}", "{id: launch, name: 上线, weeks: 3, on: '618', before: '520'}"),
        "{id: launch",
        {
            EN: "timeline.phases[1].tasks[0]: task 'launch' has both `on` and `before`; anchor it to one date",
            ZH: "timeline.phases[1].tasks[0]: 任务 'launch' 同时写了 `on` 和 `before`；只能锚定一个日期或活动",
        },
    ),
    "campaign-backwards": (
        campaign("2027-06-18", "2027-06-01"),
        "{name: 大促",
        {
            EN: "campaigns[0]: campaign '大促' ends on 2027-06-01, before it starts on 2027-06-18",
            ZH: "campaigns[0]: 活动 '大促' 在 2027-06-01 结束，早于开始的 2027-06-18",
        },
    ),
    "campaign-two-kinds-of-day": (
        campaign("2027-06-01", "06-18"),
        "{name: 大促",
        {
            EN: "campaigns[0]: campaign '大促' mixes two kinds of day (2027-06-01 and 06-18); write both as YYYY-MM-DD",
            ZH: "campaigns[0]: 活动 '大促' 混用了两种日子（2027-06-01 和 06-18）；请都写成 YYYY-MM-DD（只办一次）",
        },
    ),
    "campaign-two-festivals": (
        campaign("七夕-9", "春节"),
        "{name: 大促",
        {
            EN: "campaigns[0]: campaign '大促' starts from 七夕 and ends from 春节; count both days from one festival",
            ZH: "campaigns[0]: 活动 '大促' 的开始从七夕算起，结束却从春节算起；请两头都从同一个节日算起",
        },
    ),
    "february-29": (
        campaign("02-29", "03-05"),
        "02-29",
        {
            EN: "campaigns[0].start: '02-29': February 29 does not come every year; for a campaign every year write "
            "02-28 or 03-01",
            ZH: "campaigns[0].start: '02-29'：2 月 29 日不是每年都有；每年都办的活动请写 02-28 或 03-01",
        },
    ),
    "no-such-month-day": (
        campaign("02-30", "03-05"),
        "02-30",
        {
            EN: "campaigns[0].start: '02-30' is not a day of the year (month 2, day 30)",
            ZH: "campaigns[0].start: '02-30' 不是一年里存在的日子（2 月 30 日）",
        },
    ),
    "a-list-for-a-day": (
        campaign("[1]", "03-05"),
        "[1]",
        {
            EN: "campaigns[0].start: expected a date, not a list; write YYYY-MM-DD for one date, MM-DD",
            ZH: "campaigns[0].start: 这里应该填日期，而不是一个列表；只办一次写 YYYY-MM-DD；每年同一天写 MM-DD",
        },
    ),
    "not-a-day": (
        campaign("明天", "03-05"),
        "明天",
        {
            EN: "campaigns[0].start: '明天' is not a date; write YYYY-MM-DD for one date",
            ZH: "campaigns[0].start: '明天' 不是日期；只办一次写 YYYY-MM-DD",
        },
    ),
}


def _place(text: str, needle: str) -> str:
    """Return ``line:column`` of the first ``needle`` in ``text`` (1-based)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} is not in the profile")


@pytest.mark.parametrize("lang", [EN, ZH])
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_validator_error_in_both_languages_through_the_cli(runner, write, case, lang):
    (old, new), needle, said = CASES[case]
    assert old in CLEAN_PROFILE
    text = CLEAN_PROFILE.replace(old, new, 1)
    path = write("shop.yaml", text)
    result = runner.invoke(app, ["--lang", lang, "check", str(path)])
    assert result.exit_code == 2
    prefix = "错误：" if lang == ZH else "error: "
    assert f"{prefix}{path}:{_place(text, needle)}: {said[lang]}" in result.output


def test_the_profiles_locale_chooses_when_nothing_else_does(runner, write):
    text = CLEAN_PROFILE.replace("aov: 200", "aovv: 200", 1)
    shell = {"OPSPLAN_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"}
    chinese = runner.invoke(app, ["check", str(write("zh.yaml", text))], env=shell)
    assert chinese.exit_code == 2 and "没有指标 'aovv'；是不是想写 'aov'？" in chinese.output
    english_text = text.replace("locale: zh-CN", "locale: en")
    english = runner.invoke(app, ["check", str(write("en.yaml", english_text))], env={**shell, "LANG": "zh_CN.UTF-8"})
    assert english.exit_code == 2 and "unknown metric 'aovv'; did you mean 'aov'?" in english.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (EN, "'521' names no campaign and is not a date (YYYY-MM-DD); add it to campaigns"),
        (ZH, "'521' 既不是活动名也不是日期（YYYY-MM-DD）；请把它加到 campaigns 里"),
    ],
)
def test_an_anchor_naming_nothing_is_ops709_in_both_languages(runner, write, lang, said):
    old = "{id: launch, name: 上线, weeks: 3}"
    text = CLEAN_PROFILE.replace(old, "{id: launch, name: 上线, weeks: 3, on: '521'}", 1)
    result = runner.invoke(app, ["--lang", lang, "check", "--format", "json", str(write("shop.yaml", text))])
    assert result.exit_code == 1
    (found,) = json.loads(result.output)
    assert (found["rule"], found["field"]) == ("OPS709", "timeline.phases[1].tasks[0].on")
    assert f"{found['line']}:{found['column']}" == _place(text, "'521'")
    assert said in found["message"]
