"""The consistency rules' entries in the rule table (``opsplan.check.rule_table.RULES`` takes them in).

Chapters with only free text, dated work, cross-checks between numbers, plausibility against rules of
thumb, text that disagrees with the numbers, and names the plan would show twice. Each example message is what
the rule says.
"""

from __future__ import annotations

from opsplan.check.rule import Category, Rule, Severity

_E, _W = Severity.ERROR, Severity.WARNING
_C = Category

CONSISTENCY_RULES: list[Rule] = [
    Rule(
        "OPS109",
        _C.EMPTY_SECTION,
        _E,
        "A chapter has only free text and no data",
        "profile",
        "chapter 'supply' (供应链与履约) has only free text (sections.supply) and no supply data; an introduction "
        "alone does not make a chapter, so the plan leaves it out",
    ),
    Rule(
        "OPS204",
        _C.PLACEHOLDER,
        _E,
        "Another shop's name left in the text",
        "profile",
        "shop.positioning names '拾光花事', the shop of the douyin-flowers preset, but this plan is for '花间'",
    ),
    Rule(
        "OPS607",
        _C.GOAL,
        _W,
        "Growth above its rule-of-thumb ceiling",
        "profile",
        "followers (followers) grows 71% a month from 20,000 (month 0) to 500,000 (month 6), above the "
        "rule-of-thumb ceiling of 30% a month; at that rate the target takes 13 months, not 6",
    ),
    Rule(
        "OPS608",
        _C.GOAL,
        _W,
        "A conversion rate target above its ceiling",
        "profile",
        "the short-term target for conversion rate (conversion_rate) is 15.0%, above the 10% that content "
        "commerce plausibly converts",
    ),
    Rule(
        "OPS910",
        _C.MONEY,
        _W,
        "A ROI above its ceiling",
        "profile",
        "paid channel '千川' assumes a ROI of 6.5, above a sustained paid ROI of 5",
    ),
    Rule(
        "OPS611",
        _C.GOAL,
        _W,
        "A one-month stretch between horizons with a large jump",
        "profile",
        "followers (followers) goes from 20,000 (month 0) to 500,000 (month 1) in one month, 25.0 times, more "
        "than the 2 times a month can plausibly carry",
    ),
    Rule(
        "OPS612",
        _C.GOAL,
        _E,
        "Text states a figure the numbers do not have",
        "profile",
        "goals.short.focus says 月GMV 200万元, but monthly GMV (monthly_gmv) is 150,000 at the baseline and "
        "1,200,000 in the short-term target",
    ),
    Rule(
        "OPS706",
        _C.TIMELINE,
        _E,
        "An anchored task cannot keep its date",
        "profile",
        "task growth.peak520 (520节日备战与执行) must finish by 2027-05-20 for 520 (2027-05-13 – 2027-05-20), but "
        "the tasks it waits for finish on 2027-05-27, so it runs 2027-05-28 – 2027-06-17; start them earlier, "
        "shorten them or drop a dependency",
    ),
    Rule(
        "OPS707",
        _C.TIMELINE,
        _E,
        "Anchored work outside the plan window",
        "profile",
        "task scale.peak618 (618大促备战与执行) is anchored to 618 (2027-05-31 – 2027-06-18), which does not fall in "
        "the plan window 2027-09-01 – 2029-08-31 with room for its 21 days; move the campaign's dates or drop "
        "the anchor",
    ),
    Rule(
        "OPS708",
        _C.TIMELINE,
        _E,
        "A milestone lands after its campaign",
        "profile",
        "milestone M4 (520大促达成) lands on 2027-05-30, after 520 (2027-05-13 – 2027-05-20) (it must be reached "
        "by 2027-05-20); schedule the tasks it closes earlier",
    ),
    Rule(
        "OPS709",
        _C.TIMELINE,
        _E,
        "An anchor that names no campaign or date",
        "profile",
        "timeline.phases[2].tasks[2].on: '521' names no campaign and is not a date (YYYY-MM-DD); add it to "
        "campaigns or use a retail date such as 520, 618 or 双11; did you mean '520'?",
    ),
    Rule(
        "OPS710",
        _C.TIMELINE,
        _W,
        "A campaign outside the plan window",
        "profile",
        "campaign '520' (2027-05-13 – 2027-05-20) does not start inside the plan window 2027-09-01 – 2029-08-31, so "
        "the plan leaves it out",
    ),
    Rule(
        "OPS711",
        _C.TIMELINE,
        _W,
        "A lunar date beyond the festival table",
        "profile",
        "campaign '七夕' follows 七夕, whose dates opsplan holds for 2024–2050; the plan window 2050-03-01 – "
        "2052-02-29 could hold it in 2051 too, where the plan leaves it out",
    ),
    Rule(
        "OPS712",
        _C.TIMELINE,
        _W,
        "Goal acceptance after its horizon",
        "profile",
        "milestone M7 (短期目标验收) accepts the short-term goals on their date, 2028-03-01, but task scale.review "
        "(短期复盘与下一阶段经营计划), which it closes, finishes on 2028-06-25 (the work waits for task "
        "scale.peak618 (618大促备战与执行), anchored to 618, 2028-05-31 – 2028-06-18); shorten or reorder that "
        "work, or move the horizon",
    ),
    Rule(
        "OPS713",
        _C.TIMELINE,
        _W,
        "A milestone asks less than an earlier one, or quotes a target due on another date",
        "profile",
        "milestone M7 (短期目标验收) on 2028-06-25 asks less of monthly gmv (monthly_gmv) (1,200,000) than "
        "milestone M6 (618大促达成) asked on 2028-06-18 (1,860,000); a later milestone should keep at least the "
        "level of an earlier one",
    ),
    Rule(
        "OPS904",
        _C.MONEY,
        _E,
        "Committed spend above the budget",
        "profile",
        "channel spend 2,460,000 (410,000 a month × 6) + payroll 1,710,000 (285,000 a month × 6) + the other "
        "budget lines 540,000 = 4,710,000, above the budget of 3,000,000",
    ),
    Rule(
        "OPS905",
        _C.MONEY,
        _E,
        "A budget line below what the plan spends on it",
        "profile",
        "budget line '人力成本' (900,000) is below the team's payroll over the 6-month budget period (1,710,000)",
    ),
    Rule(
        "OPS906",
        _C.MONEY,
        _E,
        "Channels return more GMV than the goals plan",
        "profile",
        "the channels' spend × ROI returns 6,216,000 of GMV over the 6-month budget period (巨量千川成交投放 "
        "4,200,000, DOU+内容加热 432,000, 达人种草与分销 1,584,000), 118% of the 5,281,000 the goals plan for "
        "those months",
    ),
    Rule(
        "OPS907",
        _C.MONEY,
        _E,
        "A campaign's GMV above its month's GMV",
        "profile",
        "campaign '520' aims at a GMV of 1,200,000, more than the 548,000 the goal trajectory plans for its "
        "whole month (plan month 3, from 2027-05-01)",
    ),
    Rule(
        "OPS908",
        _C.MONEY,
        _E,
        "Text states a budget figure the budget does not have",
        "profile",
        "sections.organization.intro says 600万元 next to 预算, but no budget figure is 6,000,000 (budget total "
        "3,000,000)",
    ),
    Rule(
        "OPS909",
        _C.MONEY,
        _W,
        "Paid targets or roles without a paid channel",
        "profile",
        "the goals target cac, roi, but the plan has no paid channel to measure them by",
    ),
    Rule(
        "OPS112",
        _C.STRUCTURE,
        _E,
        "Two items of one list with the same name, as the plan shows them",
        "profile",
        "budget line '花间投放' is named twice: budget.items[3].name (written '${shop.name}投放') has the name of "
        "budget.items[2].name (line 120); the plan shows two budget lines named '花间投放', and a reference such "
        "as ${budget.items.花间投放.amount} can name only one of them",
    ),
    Rule(
        "OPS113",
        _C.STRUCTURE,
        _W,
        "Two KPIs on one metric (an error when the two rows are alike in target, cadence and owner)",
        "profile",
        "KPI monthly gmv (monthly_gmv) is listed twice: kpis[0] (shop.yaml:196) and kpis[4] (shop.yaml:212), with "
        "different cadences (daily and monthly); the dashboard shows two rows for one metric, and "
        "${kpis.monthly_gmv} names only the first",
    ),
    Rule(
        "OPS303",
        _C.DUPLICATE_HEADING,
        _E,
        "Two chapters of a profile's plan with the same title",
        "profile",
        "chapter 'positioning' is titled '拾光花事', as chapter 'problems' is (line 30); the plan would hold two "
        "chapters titled '拾光花事', which check of the rendered plan reports (OPS301)",
    ),
]
