"""The rule table of ``opsplan check``.

Every rule has a stable id (``OPS`` + three digits; the hundreds digit groups rules by family:
1xx structure, 2xx placeholders, 3xx duplicate headings, 4xx numbering, 5xx sums, 6xx goals,
7xx timeline, 8xx risks, 9xx money), one category from BRIEF §6, a default severity, a title and an
example message. The README lists the table produced by ``rules_markdown()``.
"""

from __future__ import annotations

from opsplan.check.rule import Category, Rule, Severity

_E, _W = Severity.ERROR, Severity.WARNING
_C = Category

RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule(
            "OPS101",
            _C.MISSING_SECTION,
            _E,
            "A chapter the plan kind requires has no data",
            "profile",
            "chapter 'supply' (供应链与履约) is required for plan kind 'xigua-store' but the profile has no "
            "supply data",
        ),
        Rule(
            "OPS102",
            _C.EMPTY_SECTION,
            _E,
            "A chapter the plan kind requires is present but empty",
            "profile",
            "chapter 'content' (内容矩阵) is empty: content holds nothing the plan can show",
        ),
        Rule("OPS103", _C.STRUCTURE, _W, "A free-text field is empty", "profile", "shop.positioning is empty"),
        Rule(
            "OPS110",
            _C.EMPTY_SECTION,
            _E,
            "A chapter of the profile's own has no body or follows a chapter the plan does not hold",
            "profile",
            "chapter 'brand' (品牌建设与IP打造) has no body, so the plan leaves it out",
        ),
        Rule(
            "OPS111",
            _C.STRUCTURE,
            _W,
            "A chapter of the profile's own uses Markdown the plan does not carry (shown escaped, as text)",
            "profile",
            "sections.brand.body uses raw HTML; the plan shows it as text",
        ),
        Rule(
            "OPS404",
            _C.NUMBERING,
            Severity.INFO,
            "A heading in a chapter of the profile's own carries its own number, which the plan takes off",
            "profile",
            "sections.review.body: the heading '一、旧方案的问题' carries its own number '一、'; the plan numbers its "
            "headings, so it shows '旧方案的问题'",
        ),
        Rule(
            "OPS104",
            _C.MISSING_SECTION,
            _E,
            "The contents list a heading the body lacks",
            "document",
            "the contents list '十、时间规划' but the body has no such heading; the plan may be cut off",
        ),
        Rule(
            "OPS105",
            _C.EMPTY_SECTION,
            _E,
            "A heading has no body before the next heading",
            "document",
            "heading '3.2 渠道结构' has no text under it",
        ),
        Rule(
            "OPS106",
            _C.STRUCTURE,
            _E,
            "A document has no headings",
            "document",
            "no headings found; a plan needs chapters and sections",
        ),
        Rule(
            "OPS107",
            _C.STRUCTURE,
            Severity.INFO,
            "A value was read from a form that could be meant otherwise",
            "profile",
            "read 30 as 30% (0.3)",
        ),
        Rule(
            "OPS108",
            _C.MISSING_SECTION,
            _E,
            "A document that stops mid-sentence",
            "document",
            "the document ends mid-sentence under '十、时间规划' ('第三阶段完成后，团队将'); the plan may be cut off",
        ),
        Rule(
            "OPS201",
            _C.PLACEHOLDER,
            _E,
            "Placeholder text in a profile value",
            "profile",
            "placeholder 'XXX' in shop.positioning: 'XXX品牌定位'",
        ),
        Rule(
            "OPS202",
            _C.PLACEHOLDER,
            _E,
            "Placeholder text in a heading",
            "document",
            "placeholder 'XXXXX' in heading 'XXXXX'",
        ),
        Rule(
            "OPS203",
            _C.PLACEHOLDER,
            _E,
            "Placeholder text in a document's body",
            "document",
            "placeholder '待补充' in the text under '2.1 市场规模': '市场规模待补充'",
        ),
        Rule(
            "OPS210",
            _C.PLACEHOLDER,
            _E,
            "A reference in text that names no value",
            "profile",
            "unknown reference ${goals.short.monthly_gvm}; did you mean ${goals.short.monthly_gmv}?",
        ),
        Rule(
            "OPS301",
            _C.DUPLICATE_HEADING,
            _E,
            "Two chapters with the same title",
            "document",
            "chapter title '八、风险管控' repeats '七、风险管控' (line 40 and line 88), ignoring numbers",
        ),
        Rule(
            "OPS302",
            _C.DUPLICATE_HEADING,
            _W,
            "Two sections with the same title in one chapter",
            "document",
            "section title '3.3 渠道结构' repeats '3.1 渠道结构' under '三、流量获取与转化' (line 50 and line 61)",
        ),
        Rule("OPS401", _C.NUMBERING, _E, "A numbering gap", "document", "numbering jumps from 七 to 九: 八 is missing"),
        Rule(
            "OPS402",
            _C.NUMBERING,
            _E,
            "A number repeated or out of order",
            "document",
            "number 五 is used again after 五",
        ),
        Rule(
            "OPS403",
            _C.NUMBERING,
            _E,
            "A section numbered for another chapter",
            "document",
            "section 2.1 is under 一; expected 1.x there",
        ),
        Rule(
            "OPS501",
            _C.SUM,
            _E,
            "Content pillar shares do not sum to 100%",
            "profile",
            "content pillar shares sum to 95%, not 100%: 科普 25%, 场景 40%, 故事 30%",
        ),
        Rule(
            "OPS502",
            _C.SUM,
            _E,
            "Budget item shares do not sum to 100%",
            "profile",
            "budget item shares sum to 110%, not 100%: 内容 60%, 投放 50%",
        ),
        Rule(
            "OPS503",
            _C.SUM,
            _E,
            "Traffic channel shares do not sum to 100%",
            "profile",
            "traffic channel shares sum to 90%, not 100%: 自然流量 50%, 千川 40%",
        ),
        Rule(
            "OPS504",
            _C.SUM,
            _E,
            "User segment shares do not sum to 100%",
            "profile",
            "user segment shares sum to 80%, not 100%: 新客 30%, 老客 50%",
        ),
        Rule(
            "OPS505",
            _C.SUM,
            _E,
            "Live evaluation weights do not sum to 100%",
            "profile",
            "live evaluation weights sum to 90%, not 100%: GMV 50%, 转化 40%",
        ),
        Rule(
            "OPS510",
            _C.SUM,
            _E,
            "Shares of one whole in a text do not sum to 100%",
            "profile text, document",
            "the shares in '渠道占比：自然流量50%，千川30%，达人10%' sum to 90%, not 100%",
        ),
        Rule(
            "OPS511",
            _C.SUM,
            _E,
            "A stated total that its parts do not add up to",
            "profile text, document",
            "the total 300万元 is not the sum of its parts (120万元 + 100万元 + 50万元) in "
            "'总预算300万元，其中内容120万元、投放100万元、工具50万元'",
        ),
        Rule(
            "OPS601",
            _C.GOAL,
            _E,
            "A horizon without a numeric target",
            "profile",
            "goals.mid has no targets; give at least one metric target",
        ),
        Rule(
            "OPS602",
            _C.GOAL,
            _E,
            "A target moves the wrong way from its baseline",
            "profile",
            "The short-term target for monthly churn rate (churn_rate) (0.12) rises above the baseline "
            "(0.08); this metric should fall, so check the target or the baseline.",
        ),
        Rule(
            "OPS603",
            _C.GOAL,
            _E,
            "A target falls back between horizons",
            "profile",
            "The long-term target for followers (followers) (400,000) falls back from the mid-term target "
            "(500,000); a later horizon should reach at least the earlier one.",
        ),
        Rule(
            "OPS604",
            _C.GOAL,
            _E,
            "A rate outside 0–1",
            "profile",
            "The short-term target for repurchase rate (repurchase_rate) is 35, but a rate is a fraction "
            "between 0 and 1; write 35% as 0.35.",
        ),
        Rule(
            "OPS605",
            _C.GOAL,
            _W,
            "A target equal to its baseline",
            "profile",
            "The short-term target for average order value (aov) equals the baseline (268); set a target "
            "that moves it, or drop it from goals.short.targets.",
        ),
        Rule(
            "OPS606",
            _C.GOAL,
            _W,
            "A target without a baseline",
            "profile",
            "KOC count (koc_count) has a target but no baseline; add baseline.koc_count with today's value so "
            "the plan can show the change and the monthly path to it.",
        ),
        Rule(
            "OPS620",
            _C.GOAL,
            _E,
            "A value given in two places disagrees",
            "profile",
            "kpis[0].target says monthly gmv is CNY 1.8M but goals.short.targets.monthly_gmv (line 40) says "
            "CNY 2.0M; one value is stated in two places and they disagree",
        ),
        Rule(
            "OPS701",
            _C.TIMELINE,
            _E,
            "A dependency cycle",
            "profile",
            "tasks wait for each other in a cycle: build.a → build.b → build.a. Remove one of these "
            "dependencies (an `after` entry, or the implicit wait for the previous phase).",
        ),
        Rule(
            "OPS702",
            _C.TIMELINE,
            _E,
            "A dependency on an unknown task",
            "profile",
            "timeline.phases[0].tasks[1].after[0]: unknown task 'hrie'; did you mean 'hire'?",
        ),
        Rule(
            "OPS703",
            _C.TIMELINE,
            _E,
            "A milestone that closes no task",
            "profile",
            "milestone M2 (上线) closes no task",
        ),
        Rule(
            "OPS704",
            _C.TIMELINE,
            _E,
            "A milestone without acceptance criteria",
            "profile",
            "milestone M2 (上线) has no acceptance criteria",
        ),
        Rule(
            "OPS705",
            _C.TIMELINE,
            _W,
            "The timeline runs past the short horizon",
            "profile",
            "The critical path takes 196 days and the project buffer 20 more, so the work ends on 2027-10-03, after "
            "the short-term goals fall due at the end of month 6 (184 days from the start); shorten or overlap tasks, "
            "or give the short term more months.",
        ),
        Rule("OPS801", _C.RISK, _E, "A risk without an owner", "profile", "risk R02 (舆情危机) has no owner"),
        Rule("OPS802", _C.RISK, _E, "A risk without a mitigation", "profile", "risk R02 (舆情危机) has no mitigation"),
        Rule(
            "OPS803",
            _C.RISK,
            _E,
            "A high risk without a response commitment",
            "profile",
            "risk R01 (虚假宣传) scores 4×5 = 20 (high) but has no response commitment",
        ),
        Rule(
            "OPS901",
            _C.MONEY,
            _E,
            "Payroll above the budget",
            "profile",
            "The team costs 240,000 a month, 1,440,000 over the 6-month budget period, more than the whole "
            "budget of 1,200,000; raise budget.total or trim the team.",
        ),
        Rule(
            "OPS902",
            _C.MONEY,
            _E,
            "A paid channel without an ROI assumption",
            "profile",
            "paid channel '千川投放' has no ROI assumption",
        ),
        Rule(
            "OPS903",
            _C.MONEY,
            _W,
            "Funnel-implied GMV far from the GMV goal",
            "profile",
            "The funnel turns 1,000,000 entries a month into about 800,000 of monthly GMV, 60% below the "
            "short-term goal of 2,000,000; adjust traffic.monthly_entry_volume, the funnel rates or the goal "
            "so they agree within 20%.",
        ),
    ]
}


def _register_consistency_rules() -> None:
    from opsplan.check.consistency_table import CONSISTENCY_RULES

    merged = sorted([*RULES.values(), *CONSISTENCY_RULES], key=lambda rule: rule.id)
    RULES.clear()
    RULES.update((rule.id, rule) for rule in merged)


_register_consistency_rules()


def rules_markdown() -> str:
    """Return a Markdown table of every rule: id, category, severity, what it finds, example message."""
    rows = [
        "| rule | category | severity | applies to | finds | example message |",
        "|---|---|---|---|---|---|",
    ]
    for rule in RULES.values():
        example = rule.example.replace("|", "\\|")
        rows.append(
            f"| `{rule.id}` | `{rule.category.value}` | {rule.severity.value} | {rule.applies_to} "
            f"| {rule.title} | {example} |"
        )
    return "\n".join(rows)
