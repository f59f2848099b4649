"""Helpers for the ``opsplan check`` tests: a clean profile every rule passes, and runners."""

from __future__ import annotations

from pathlib import Path

from opsplan.check.findings import Finding
from opsplan.check.run import check_file
from tests.conftest import MINIMAL_PROFILE, varied

# The tests' base profile (conftest.MINIMAL_PROFILE) as a custom plan of seven chapters with their data, goals that
# its funnel and trajectories support, a budget with room for the team, and a launch closing the schedule: no rule
# fires. The budget moves to the end, after the sections whose spending it covers. Tests find lines with line_of().
CLEAN_PROFILE = (
    varied(
        MINIMAL_PROFILE,
        (
            "  kind: douyin-flowers\n",
            "  kind: custom\n  chapters: [goals, content, traffic, users, risks, organization, timeline]\n",
        ),
        ("  platform: douyin\n", "  platform: douyin\n  positioning: 高端花束\n"),
        (
            "baseline: {monthly_gmv: 150000, followers: 20000}\n",
            "baseline: {monthly_gmv: 150000, followers: 20000, aov: 200, churn_rate: 0.1}\n",
        ),
        (
            "  short: {months: 6, targets: {followers: 500000, monthly_gmv: 2000000}}\n",
            "  short: {months: 6, targets: {followers: 90000, monthly_gmv: 300000, churn_rate: 0.08}}\n"
            "  mid: {months: 12, targets: {followers: 200000, monthly_gmv: 500000}}\n",
        ),
        ("budget: {total: 1200000, months: 6, items: [{name: 内容, share: 1}]}\n", ""),  # moved to the end, below
        ("{id: groups, name: 建群, weeks: 3}", "{id: launch, name: 上线, weeks: 3}"),
        (
            "{id: M1, name: 完成, after: [groups], criteria: 群数达到10个, kpis: [followers]}",
            "{id: M1, name: 上线, after: [launch], criteria: 首月GMV达到15万}",
        ),
    )
    + """\
content:
  pillars:
    - name: 科普
      share: 0.3
    - name: 场景
      share: 0.4
    - {name: 故事, share: 0.3}
traffic:
  channels:
    - {name: 自然流量, type: natural, share: 0.6}
    - {name: 千川, type: paid, share: 0.4, roi: 2.5}
  funnel:
    - {stage: 曝光}
    - {stage: 点击, rate: 0.05}
    - {stage: 支付, rate: 0.02}
  monthly_entry_volume: 1500000
users:
  segments:
    - {name: 新客, share: 0.5}
    - {name: 老客, share: 0.5}
risks:
  - {id: R1, category: compliance, title: 广告法, likelihood: 4, impact: 4, owner: 法务, mitigation: 审核, response: 2小时内下架}
  - {id: R2, category: supply, title: 断货, likelihood: 2, impact: 3, owner: 供应链, mitigation: 备货}
team:
  - {role: 运营, count: 2, monthly_cost: 15000}
budget:
  total: 600000
  months: 6
  items:
    - {name: 内容, share: 0.5}
    - {name: 投放, share: 0.5}
"""
)


def line_of(text: str, needle: str) -> int:
    """Return the 1-based line of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def findings_of(path: Path) -> list[Finding]:
    """Check one file and return its findings."""
    return check_file(path).findings


def rules_of(path: Path) -> list[str]:
    """Check one file and return the rule ids it triggers, in order."""
    return [f.rule for f in findings_of(path)]


def repo_profiles(repo: Path) -> list[Path]:
    """Return the preset and example profiles that exist now."""
    return sorted([*(repo / "src/opsplan/presets").glob("*.yaml"), *(repo / "examples").glob("*.yaml")])
