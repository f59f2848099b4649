"""A finding names a task, milestone, risk, channel, pillar or campaign as the plan says it: ``${…}`` resolved.

A name written with a reference (``${goals.short.months}-month goals accepted``) is resolved in the rendered plan;
``opsplan check`` printed it as written. Each family is tested with such a name: the engine's schedule findings
(OPS706–OPS708, OPS710, OPS712, OPS713), and the check's own (OPS501, OPS704, OPS801, OPS902).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.check.run import check_file
from opsplan.plan.model import Plan
from tests._check_helpers import line_of
from tests._plan_helpers import goals, plan, task, timeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BASELINE = {"monthly_gmv": 100_000}
MONTHS = "${goals.short.months}"  # the short horizon: 2 months in these plans


def _messages(p: Plan, code: str) -> list[str]:
    return [f.message for f in p.findings if f.code == code]


def _late() -> Plan:
    """A short horizon of 2 months (2027-05-01) accepted by M9, whose work finishes on 2027-05-27; names with refs."""
    return plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 200_000}, {"monthly_gmv": 400_000}, months=(2, 12, 24)),
        campaigns=[{"name": "520", "start": "2027-05-13", "end": "2027-05-20"}],
        timeline=timeline(
            ("prep", [task("a", 1)]),
            (
                "run",
                [
                    {**task("peak", 1), "name": "${shop.name} peak", "on": "520"},
                    {**task("review", 1, "run.peak"), "name": f"{MONTHS}-month review"},
                ],
            ),
            milestones=[
                {
                    "id": "M9",
                    "name": f"{MONTHS}-month goals accepted",
                    "after": ["run.review"],
                    "criteria": "done",
                    "horizon": "short",
                },
                {
                    "id": "M1",
                    "name": "${shop.name} opens",
                    "after": ["prep.a"],
                    "criteria": "done",
                    "kpis": ["monthly_gmv"],
                    "targets": {"monthly_gmv": 300_000},
                },
                {
                    "id": "M2",
                    "name": "${shop.name} at 520",
                    "after": ["run.peak"],
                    "criteria": "done",
                    "kpis": ["monthly_gmv"],
                    "targets": {"monthly_gmv": 250_000},
                },
            ],
        ),
    )


def test_late_acceptance_and_a_milestone_asking_less_name_them_as_the_plan_does() -> None:
    # M9 accepts on 2027-05-01; run.peak 05-14 – 05-20 (on 520), run.review 05-21 – 05-27. M1 (03-07) asks
    # 300,000, M2 (05-20) 250,000. The shop is "Shop"; the short horizon 2 months.
    p = _late()
    [less] = _messages(p, "milestone-falls-back")
    assert less.startswith(
        "milestone M2 (Shop at 520) on 2027-05-20 asks less of monthly gmv (monthly_gmv) (250,000) than "
        "milestone M1 (Shop opens) asked on 2027-03-07 (300,000)"
    )
    assert _messages(p, "acceptance-after-horizon") == [
        "milestone M9 (2-month goals accepted) accepts the short-term goals on their date, 2027-05-01, but task "
        "run.review (2-month review), which it closes, finishes on 2027-05-27 (the work waits for task run.peak "
        "(Shop peak), anchored to 520, 2027-05-13 – 2027-05-20); shorten or reorder that work, or move the horizon"
    ]


def test_anchored_work_that_misses_its_campaign_is_named_as_the_plan_does() -> None:
    # prep.a 5 weeks: 03-01 – 04-04; run.peak (1 week) waits for it and must end before the campaign (04-05 –
    # 04-10), by 04-04: it runs 04-05 – 04-11. M1 closes run.peak, so it lands on 04-11, after the campaign.
    p = plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 200_000}),
        campaigns=[{"name": "${shop.name} days", "start": "2027-04-05", "end": "2027-04-10"}],
        timeline=timeline(
            ("prep", [task("a", 5)]),
            ("run", [{**task("peak", 1, "prep.a"), "name": "${shop.name} peak", "before": "${shop.name} days"}]),
            milestones=[
                {
                    "id": "M1",
                    "name": f"{MONTHS}-month push",
                    "after": ["run.peak"],
                    "criteria": "done",
                    "before": "${shop.name} days",
                }
            ],
        ),
    )
    assert _messages(p, "anchor-missed") == [
        "task run.peak (Shop peak) must finish by 2027-04-04 for Shop days (2027-04-05 – 2027-04-10), but the "
        "tasks it waits for finish on 2027-04-04, so it runs 2027-04-05 – 2027-04-11; start them earlier, shorten "
        "them or drop a dependency"
    ]
    # the short horizon of goals() is 6 months
    assert _messages(p, "milestone-after-campaign") == [
        "milestone M1 (6-month push) lands on 2027-04-11, after Shop days (2027-04-05 – 2027-04-10) (it must be "
        "reached by 2027-04-04); schedule the tasks it closes earlier"
    ]


def test_work_anchored_outside_the_window_is_named_as_the_plan_does() -> None:
    # the window is 2027-03-01 – 2027-08-31; a 1-week task before a campaign on 03-05 would start before 03-01
    p = plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 200_000}),
        campaigns=[{"name": "${shop.name} days", "start": "2027-03-05", "end": "2027-03-10"}],
        timeline=timeline(("run", [{**task("peak", 1), "name": "${shop.name} peak", "before": "${shop.name} days"}])),
    )
    assert _messages(p, "anchor-outside-window") == [
        "task run.peak (Shop peak) is anchored to Shop days (2027-03-05 – 2027-03-10), which does not fall in the "
        "plan window 2027-03-01 – 2027-08-31 with room for its 7 days; move the campaign's dates or drop the anchor"
    ]


def test_a_campaign_outside_the_window_is_named_as_the_plan_does() -> None:
    # start 2027-03-01, short horizon 6 months: the window ends 2027-08-31; the campaign starts 2028-01-01
    p = plan(
        baseline=BASELINE,
        goals=goals({"monthly_gmv": 200_000}),
        campaigns=[{"name": "${shop.name} new year", "start": "2028-01-01", "end": "2028-01-03"}],
    )
    assert _messages(p, "campaign-outside-window") == [
        "campaign 'Shop new year' (2028-01-01 – 2028-01-03) does not start inside the plan window 2027-03-01 – "
        "2027-08-31, so the plan leaves it out"
    ]


def _with_names(example: str) -> tuple[str, str]:
    """The example with a pillar, a paid channel, a risk title and a milestone name written with ``${shop.name}``.

    The pillar adds a share of 0.1 (the pillars sum to 110%, OPS501); the channel has no ROI (OPS902); risk R01 no
    owner (OPS801); milestone M1 no criteria (OPS704). Returns the text and the shop's name.
    """
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    shop = "Shiguang Florals" if example.endswith(".en.yaml") else "拾光花事"
    text = text.replace("\n  pillars:\n", "\n  pillars:\n    - name: ${shop.name} diaries\n      share: 0.1\n", 1)
    text = text.replace(
        "\n  channels:\n", "\n  channels:\n    - name: ${shop.name} boosts\n      type: paid\n      share: 0\n", 1
    )
    r01 = text.index("  - id: R01\n")
    title = text.index("    title: ", r01)
    text = text[:title] + "    title: ${shop.name} risk one\n" + text[text.index("\n", title) + 1 :]
    owner = text.index("    owner: ", r01)
    text = text[:owner] + "    owner: ''\n" + text[text.index("\n", owner) + 1 :]
    m1 = text.index("    - id: M1\n", text.index("  milestones:\n"))
    name = text.index("      name: ", m1)
    text = text[:name] + "      name: ${shop.name} ready\n" + text[text.index("\n", name) + 1 :]
    criteria = text.index("      criteria: ", m1)
    text = text[:criteria] + "      criteria: ''\n" + text[text.index("\n", criteria) + 1 :]
    return text, shop


@pytest.mark.parametrize(
    ("example", "said"),
    [
        (
            "douyin-flowers.en.yaml",
            {
                "OPS501": "{shop} diaries 10%",
                "OPS704": "milestone M1 ({shop} ready) has no acceptance criteria",
                "OPS801": "risk R01 ({shop} risk one) has no owner",
                "OPS902": "paid channel '{shop} boosts' has no ROI assumption",
            },
        ),
        (
            "douyin-flowers.zh-CN.yaml",
            {
                "OPS501": "{shop} diaries 10%",
                "OPS704": "里程碑 M1（{shop} ready）没有验收标准",
                "OPS801": "风险 R01（{shop} risk one）没有负责人",
                "OPS902": "付费渠道「{shop} boosts」没有 ROI 假设",
            },
        ),
    ],
    ids=["en", "zh-CN"],
)
def test_check_names_pillars_channels_risks_and_milestones_as_the_plan_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str, said: dict[str, str]
) -> None:
    monkeypatch.delenv("OPSPLAN_LANG")  # messages in the profile's language
    text, shop = _with_names(example)
    profile = tmp_path / "shop.yaml"
    profile.write_text(text, encoding="utf-8")
    findings = check_file(profile).findings
    lines = {
        "OPS501": line_of(text, "  pillars:") + 2,  # the first pillar's share
        "OPS704": text[: text.index("    - id: M1\n", text.index("  milestones:\n"))].count("\n") + 1,
        "OPS801": line_of(text, "  - id: R01"),
        "OPS902": line_of(text, "    - name: ${shop.name} boosts"),
    }
    for rule, words in said.items():
        [found] = [f for f in findings if f.rule == rule and shop in f.message]
        assert words.format(shop=shop) in found.message
        assert (found.file, found.line) == (str(profile), lines[rule])
        assert found.column > 0
    assert [f.message for f in findings if "${" in f.message] == []
