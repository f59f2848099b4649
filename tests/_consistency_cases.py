"""Cases for the consistency rules (dated work, cross-checks), in the form of ``test_check_profile.CASES``.

Each case is ``(rule, old text, new text, text on the line the finding must point at, words the message
must hold)``: replacing ``old`` with ``new`` in ``CLEAN_PROFILE`` must make exactly that rule fire.

The clean profile starts on 2027-03-01 with horizons at 6 and 12 months, so its window is 2027-03-01 –
2028-02-29. Its schedule: prep.hire days 0–13, prep.setup 14–20, build.launch (3 weeks) 21–41, that is
2027-03-22 – 2027-04-11; milestone M1 closes launch and lands on 2027-04-11.
"""

from __future__ import annotations

from tests._check_helpers import CLEAN_PROFILE

LAUNCH = "{id: launch, name: 上线, weeks: 3}"
M1 = "{id: M1, name: 上线, after: [launch],"

CONSISTENCY_CASES: list[tuple[str, str, str, str, str]] = [
    # due 2027-03-25 asks for a start on 03-05 (25 − 20 days), but prep finishes on 03-21: it runs 03-22 – 04-11
    (
        "OPS706",
        LAUNCH,
        "{id: launch, name: 上线, weeks: 3, on: 2027-03-25}",
        "{id: launch",
        "must finish by 2027-03-25 for 2027-03-25, but the tasks it waits for finish on 2027-03-21, so it runs "
        "2027-03-22 – 2027-04-11",
    ),
    # before 2027-03-10: due 03-09, which leaves 9 days from the plan start for a 21-day task
    (
        "OPS707",
        LAUNCH,
        "{id: launch, name: 上线, weeks: 3, before: 2027-03-10}",
        "{id: launch",
        "does not fall in the plan window 2027-03-01 – 2028-02-29 with room for its 21 days",
    ),
    # M1 lands on 2027-04-11, after the due date 2027-03-31 (the day before 2027-04-01)
    (
        "OPS708",
        M1,
        "{id: M1, name: 上线, before: 2027-04-01, after: [launch],",
        "{id: M1",
        "lands on 2027-04-11, after 2027-04-01 (it must be reached by 2027-03-31)",
    ),
    (
        "OPS709",
        M1,
        "{id: M1, name: 上线, on: '521', after: [launch],",
        "{id: M1",
        "'521' names no campaign and is not a date (YYYY-MM-DD); add it to campaigns or use a retail date such "
        "as 520, 618 or 双11; did you mean '520'",
    ),
    # M1 accepts the short-term goals (2027-09-01) but closes a 30-week launch: 03-22 + 210 days − 1 = 2027-10-17;
    # the schedule's running past the short horizon is said here, with the task, not again as OPS705
    (
        "OPS712",
        f"{LAUNCH}\n  milestones:\n    - {M1}",
        "{id: launch, name: 上线, weeks: 30}\n  milestones:\n    - {id: M1, name: 上线, horizon: short, after: [launch],",
        "{id: M1",
        "accepts the short-term goals on their date, 2027-09-01, but task build.launch (上线), which it closes, "
        "finishes on 2027-10-17",
    ),
    # M2 (closing prep.setup, 2027-03-21) gates monthly GMV at 200000, and M1 (2027-04-11, three weeks later) at
    # 150000
    (
        "OPS713",
        M1,
        "{id: M2, name: 搭建完成, after: [setup], criteria: 搭建, kpis: [monthly_gmv], targets: {monthly_gmv: 200000}}\n"
        "    - {id: M1, name: 上线, after: [launch], kpis: [monthly_gmv], targets: {monthly_gmv: 150000},",
        "{id: M1",
        "milestone M1 (上线) on 2027-04-11 asks less of monthly gmv (monthly_gmv) (150,000) than milestone M2 (搭建完成) "
        "asked on 2027-03-21 (200,000)",
    ),
    # a campaign once, in the November before the plan starts: left out (a recurring one always has a day in a
    # 12-month window; see test_plan_recurring for a shorter one)
    (
        "OPS710",
        "criteria: 首月GMV达到15万}",
        "criteria: 首月GMV达到15万}\ncampaigns:\n  - {name: 周年庆, start: 2026-11-01, end: 2026-11-03}",
        "{name: 周年庆",
        "campaign '周年庆' (2026-11-01 – 2026-11-03) does not start inside the plan window 2027-03-01 – 2028-02-29, "
        "so the plan leaves it out",
    ),
    # a plan from 2050-03-01 with the retail calendar: its window runs to 2051-02-28, and 春节 2051 is not tabled
    # (the table ends in 2050), so 年货节 (春节 − 35 to − 8 days) could fall in it
    (
        "OPS711",
        "  start: 2027-03-01\n",
        "  start: 2050-03-01\n  retail_calendar: true\n",
        "retail_calendar: true",
        "the retail calendar's 七夕 (Qixi) and 年货节 (New Year shopping) follow the lunar calendar, whose dates "
        "opsplan holds for 2024–2050; the plan window 2050-03-01 – 2051-02-28 reaches into 2051",
    ),
]


def _span(first: str, last: str) -> str:
    """Return the text of ``CLEAN_PROFILE`` from the line holding ``first`` to the end of the line holding ``last``."""
    start = CLEAN_PROFILE.index(first)
    start = CLEAN_PROFILE.rindex("\n", 0, start) + 1
    end = CLEAN_PROFILE.index("\n", CLEAN_PROFILE.index(last, start)) + 1
    return CLEAN_PROFILE[start:end]


PAID = "{name: 千川, type: paid, share: 0.4, roi: 2.5}"
CHANNELS_TO_BUDGET = _span(PAID, "total: 600000")
CHANNELS_TO_TEAM = _span(PAID, "{role: 运营")
LAST = "    - {id: M1, name: 上线, after: [launch], criteria: 首月GMV达到15万}\n"

# The clean profile's numbers, for the working below: baseline monthly GMV 150,000 and followers 20,000;
# short (6 months) 300,000 and 90,000, mid (12 months) 500,000 and 200,000; budget 600,000 over 6 months,
# lines 内容 and 投放 at 50% each; team 2 × 15,000 = 30,000 a month, 180,000 over 6 months.
CONSISTENCY_CASES += [
    # 20,000 → 150,000 in 6 months: 7.5^(1/6) − 1 = 39.9% a month; at 30%, ln 7.5 / ln 1.3 = 7.7 → 8 months
    (
        "OPS607",
        "followers: 90000, monthly_gmv: 300000",
        "followers: 150000, monthly_gmv: 300000",
        "short: {months: 6",
        "grows 40% a month from 20,000 (month 0) to 150,000 (month 6), above the rule-of-thumb ceiling of 30% a "
        "month; at that rate the target takes 8 months, not 6",
    ),
    (
        "OPS608",
        "churn_rate: 0.1}\ngoals:\n  short: {months: 6, targets: {",
        "churn_rate: 0.1, conversion_rate: 0.05}\ngoals:\n  short: {months: 6, targets: {conversion_rate: 0.15, ",
        "short: {months: 6",
        "conversion rate (conversion_rate) is 15.0%, above the 10%",
    ),
    (
        "OPS910",
        PAID,
        "{name: 千川, type: paid, share: 0.4, roi: 6.5}",
        "{name: 千川",
        "paid channel '千川' assumes a ROI of 6.5, above a sustained paid ROI of 5",
    ),
    # the mid horizon one month after the short one: followers 90,000 → 200,000 is 2.2 times (> 2)
    (
        "OPS611",
        "mid: {months: 12,",
        "mid: {months: 7,",
        "mid: {months: 7",
        "goes from 90,000 (month 6) to 200,000 (month 7) in one month, 2.2 times, more than the 2 times",
    ),
    (
        "OPS612",
        "positioning: 高端花束",
        "positioning: 高端花束，月GMV做到200万元",
        "positioning:",
        "shop.positioning says 月GMV 200万元, but monthly gmv (monthly_gmv) is 150,000, 300,000, 500,000 in the plan",
    ),
    (
        "OPS204",
        "positioning: 高端花束",
        "positioning: 拾光花事同款高端花束",
        "positioning:",
        "shop.positioning names '拾光花事', the shop of the douyin-flowers preset, but this plan is for '花间'",
    ),
    # 2 × 30,000 × 6 = 360,000 payroll + 300,000 (内容; 投放 is the paid line, no channel spends) = 660,000
    (
        "OPS904",
        "monthly_cost: 15000",
        "monthly_cost: 30000",
        "total: 600000",
        "channel spend 0 (0 a month × 6) + payroll 360,000 (60,000 a month × 6) + the other budget lines 300,000 = "
        "660,000, above the budget of 600,000",
    ),
    # a 人力 line of 10% = 60,000 against 180,000 of payroll
    (
        "OPS905",
        "    - {name: 内容, share: 0.5}",
        "    - {name: 人力, share: 0.1}\n    - {name: 内容, share: 0.4}",
        "{name: 人力",
        "budget line '人力' (60,000) is below the team's payroll over the 6-month budget period (180,000)",
    ),
    # 千川 spends 50,000 a month at ROI 4.8: 50,000 × 6 × 4.8 = 1,440,000; the goals plan
    # 150,000 × (2^(1/6) + … + 2^(6/6)) = 150,000 × 9.16580 = 1,374,869 for months 1–6 (budget 1,000,000 so
    # that spend 300,000 + payroll 180,000 + 内容 500,000 = 980,000 fits)
    (
        "OPS906",
        CHANNELS_TO_BUDGET,
        CHANNELS_TO_BUDGET.replace(
            PAID, "{name: 千川, type: paid, share: 0.4, roi: 4.8, monthly_spend: 50000}"
        ).replace("total: 600000", "total: 1000000"),
        "{name: 千川",
        "returns 1,440,000 of GMV over the 6-month budget period (千川 1,440,000), 105% of the 1,374,869",
    ),
    # 520 ends 2027-05-20, in plan month 3 (2 months and 19/31 after 2027-03-01): 150,000 × 2^(3/6) = 212,132
    (
        "OPS907",
        LAST,
        LAST + "campaigns:\n  - {name: '520', start: 2027-05-15, end: 2027-05-20, gmv: 400000}\n",
        "{name: '520'",
        "campaign '520' aims at a GMV of 400,000, more than the 212,132 the goal trajectory plans for "
        "its whole month (plan month 3, from 2027-05-01)",
    ),
    (
        "OPS908",
        "positioning: 高端花束",
        "positioning: 高端花束，预算80万元",
        "positioning:",
        "shop.positioning says 80万元 next to 预算, but no budget figure is 800,000 (budget total 600,000)",
    ),
    # no paid channel left, and a role that buys ads
    (
        "OPS909",
        CHANNELS_TO_TEAM,
        CHANNELS_TO_TEAM.replace("type: paid", "type: influencer").replace("{role: 运营", "{role: 投放运营"),
        "{role: 投放运营",
        "the team has a paid-media role ('投放运营'), but the plan has no paid channel",
    ),
]
