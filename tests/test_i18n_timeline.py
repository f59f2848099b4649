"""The timeline's findings (OPS701 a dependency cycle, OPS706-OPS708 anchored work) in zh-CN and en.

The clean profile's schedule (see ``_consistency_cases``): prep.hire 2027-03-01 – 03-14, prep.setup 03-15 – 03-21,
build.launch 2027-03-22 – 04-11 (3 weeks, 21 days); milestone M1 closes launch and lands on 2027-04-11; the plan
window is 2027-03-01 – 2028-02-29. The rule id, field and position are the same in both languages.
"""

from __future__ import annotations

import json

import pytest

from opsplan.cli import app
from opsplan.i18n import EN, ZH
from tests._check_helpers import CLEAN_PROFILE

LAUNCH = "{id: launch, name: 上线, weeks: 3}"
M1 = "{id: M1, name: 上线, after: [launch],"

# rule: (edit, field, the text the finding points at, {language: words of the message})
CASES: dict[str, tuple[tuple[str, str], str, str, dict[str, str]]] = {
    "OPS701": (
        ("{id: hire, name: 招聘, weeks: 2}", "{id: hire, name: 招聘, weeks: 2, after: [setup]}"),
        "timeline.phases[0].tasks[0].after",
        "after: [setup]",
        {
            EN: "tasks wait for each other in a cycle: prep.hire → prep.setup → prep.hire.",
            ZH: "任务之间互相等待，形成了环：prep.hire → prep.setup → prep.hire。",
        },
    ),
    # due 2027-03-25, but setup finishes on 03-21, so launch runs 03-22 – 04-11
    "OPS706": (
        (LAUNCH, "{id: launch, name: 上线, weeks: 3, on: 2027-03-25}"),
        "timeline.phases[1].tasks[0].on",
        "2027-03-25}",
        {
            EN: "task build.launch (上线) must finish by 2027-03-25 for 2027-03-25, but the tasks it waits for finish "
            "on 2027-03-21, so it runs 2027-03-22 – 2027-04-11",
            ZH: "任务 build.launch（上线）要在 2027-03-25 前完成，赶上 2027-03-25，但它等待的任务 2027-03-21 才完成，"
            "所以它排在 2027-03-22 – 2027-04-11",
        },
    ),
    # 38节 of 2027 has passed by the time launch could run; that of 2028 (03-01 – 03-08) is past the window's end
    "OPS707": (
        (LAUNCH, "{id: launch, name: 上线, weeks: 3, on: '38节'}"),
        "timeline.phases[1].tasks[0].on",
        "'38节'",
        {
            EN: "task build.launch (上线) is anchored to 38节 (2028-03-01 – 2028-03-08), which does not fall in the plan "
            "window 2027-03-01 – 2028-02-29 with room for its 21 days",
            ZH: "任务 build.launch（上线）锚定的是 38节（2028-03-01 – 2028-03-08），这个时间不在方案周期 2027-03-01 – "
            "2028-02-29 之内，容不下它的 21 天",
        },
    ),
    # before 2027-04-01: due 03-31, but M1 lands on 04-11
    "OPS708": (
        (M1, "{id: M1, name: 上线, before: 2027-04-01, after: [launch],"),
        "timeline.milestones[0].before",
        "2027-04-01",
        {
            EN: "milestone M1 (上线) lands on 2027-04-11, after 2027-04-01 (it must be reached by 2027-03-31)",
            ZH: "里程碑 M1（上线）在 2027-04-11 才达成，晚于 2027-04-01（最迟应在 2027-03-31 达成）",
        },
    ),
}


@pytest.mark.parametrize("lang", [EN, ZH])
@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_timeline_finding_in_both_languages_at_its_place(runner, write, rule, lang):
    (old, new), field, needle, said = CASES[rule]
    assert old in CLEAN_PROFILE
    text = CLEAN_PROFILE.replace(old, new, 1)
    result = runner.invoke(app, ["--lang", lang, "check", "--format", "json", str(write("shop.yaml", text))])
    assert result.exit_code == 1
    found = [f for f in json.loads(result.output) if f["rule"] == rule]
    assert len(found) == 1
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if needle in row)
    assert (found[0]["field"], found[0]["line"]) == (field, line)
    assert said[lang] in found[0]["message"]


def test_check_says_what_to_do_about_a_cycle_once(runner, write):
    old, new = CASES["OPS701"][0]
    path = write("shop.yaml", CLEAN_PROFILE.replace(old, new, 1))
    result = runner.invoke(app, ["--lang", EN, "check", "--format", "json", str(path)])
    (found,) = [f for f in json.loads(result.output) if f["rule"] == "OPS701"]
    assert "remove" not in found["message"].lower()  # the hint says it
    assert found["hint"].startswith("remove one `after` entry")


@pytest.mark.parametrize(
    ("lang", "said"), [(ZH, "任务之间互相等待，形成了环"), (EN, "tasks wait for each other in a cycle")]
)
def test_render_refuses_a_cycle_at_its_line_as_check_does(runner, write, tmp_path, lang, said):
    (old, new), field, needle, _ = CASES["OPS701"]
    text = CLEAN_PROFILE.replace(old, new, 1)
    path = write("shop.yaml", text)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if needle in row)
    column = text.splitlines()[line - 1].index(needle) + 1 + len("after: ")  # the value's column
    env = {"OPSPLAN_LANG": "" if lang == ZH else EN}  # the clean profile is a Chinese plan
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out")], env=env)
    assert result.exit_code == 2
    assert f"{path}:{line}:{column}: {field}: {said}：prep.hire" in result.output or (
        f"{path}:{line}:{column}: {field}: {said}: prep.hire" in result.output
    )
    assert not (tmp_path / "out").exists()
