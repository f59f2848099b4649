"""``opsplan track``'s problems with an actuals file and its options in zh-CN and en: exit 2, file:row:column kept.

The worked plan (``_track_helpers``) runs from 2027-01-01 to 2027-04-30 and is written in English; a Chinese copy
(``locale: zh-CN``) is reviewed in Chinese whatever the shell's locale.
"""

from __future__ import annotations

import pytest

from opsplan.cli import app
from opsplan.i18n import EN, ZH
from tests._track_helpers import WORKED_PROFILE

PREFIX = {EN: "error: ", ZH: "错误："}
BAD_ROWS = (
    "metric,period,value\nfolowers,2027-01,1\nfollowers,2026-12,1\nconversion_rate,2027-02,35\nfollowers,March,1\n"
)
SAID = {
    EN: [
        "a.csv:2:1: unknown metric 'folowers'; did you mean 'followers'?",
        "a.csv:3:2: period 2026-12 is outside the plan, which runs from 2027-01-01 to 2027-04-30",
        "a.csv:4:3: 35 is not a rate; write a rate as a fraction (0.35) or a percentage (35%)",
        "a.csv:5:2: period 'March' is not a month (2027-03), a week (2027-W12) or a date (2027-03-15)",
    ],
    ZH: [
        "a.csv:2:1: 没有指标 'folowers'；是不是想写 'followers'？",
        "a.csv:3:2: 期间 2026-12 不在方案周期内，方案从 2027-01-01 到 2027-04-30",
        "a.csv:4:3: 35 不是比率；比率请写成小数（0.35）或百分数（35%）",
        "a.csv:5:2: 期间 'March' 不是月（2027-03）、周（2027-W12）或日期（2027-03-15）",
    ],
}


@pytest.mark.parametrize("lang", [EN, ZH])
def test_problems_in_the_actuals_in_both_languages_at_their_cells(runner, write, lang):
    profile = write("shop.yaml", WORKED_PROFILE)
    actuals = write("a.csv", BAD_ROWS)
    result = runner.invoke(app, ["--lang", lang, "track", str(profile), str(actuals)])
    assert result.exit_code == 2
    lines = [line.replace(str(actuals.parent) + "/", "") for line in result.output.splitlines()]
    assert lines[0] == PREFIX[lang] + SAID[lang][0]
    assert lines[1:4] == SAID[lang][1:]


def test_a_chinese_plans_actuals_are_reviewed_in_chinese(runner, write):
    profile = write("shop.yaml", WORKED_PROFILE.replace("locale: en", "locale: zh-CN"))
    actuals = write("a.csv", BAD_ROWS)
    result = runner.invoke(app, ["track", str(profile), str(actuals)], env={"OPSPLAN_LANG": "", "LANG": "en_US.UTF-8"})
    assert result.exit_code == 2
    assert SAID[ZH][0] in result.output and SAID[ZH][2] in result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (EN, "--tolerance: give a fraction between 0 and 1, such as 0.05 for 5%"),
        (ZH, "--tolerance: 请给 0 到 1 之间的小数，例如 0.05 表示 5%"),
    ],
)
def test_a_bad_tolerance_in_both_languages(runner, write, lang, said):
    profile, actuals = write("shop.yaml", WORKED_PROFILE), write("a.csv", "metric,period,value\n")
    result = runner.invoke(app, ["--lang", lang, "track", str(profile), str(actuals), "--tolerance", "2"])
    assert result.exit_code == 2
    assert PREFIX[lang] + said in result.output
