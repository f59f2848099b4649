"""What a skeleton says to its user: the guide comment above each field to fill, in zh-CN and en.

``GUIDES`` names the fields ``opsplan new`` leaves empty (prose, and the numbers that belong to the shop:
budget, headcount, the headline metrics); ``METRIC_GUIDES`` the comment above a metric's value today or
target; ``SECTION_NOTES`` the comment above each top-level key; ``LEFT_OUT`` the example shop's own material
a skeleton drops (its figures with sources, rivals, suppliers, notes).
"""

from __future__ import annotations

# (model, field) → (zh-CN guide, en guide): fields left empty for the user to write
GUIDES: dict[tuple[str, str], tuple[str, str]] = {
    ("PlanInfo", "author"): (
        "编制人或团队，显示在封面",
        "Who writes the plan (person, team or agency); shown on the title page",
    ),
    ("Shop", "name"): (
        "店铺或品牌的名称（方案标题会引用它）",
        "The shop or brand name (the plan's title refers to it)",
    ),
    ("Shop", "category"): (
        "卖什么：品类和价位，例如 通勤女装（客单价约200元）",
        "What the shop sells: category and price band, e.g. office womenswear (about CNY 200 an order)",
    ),
    ("Shop", "positioning"): (
        "一两句话：店铺在市场中的位置、卖什么、和谁不同",
        "One or two sentences: the shop's place in its market",
    ),
    ("Shop", "value_proposition"): ("顾客为什么在这里买而不是别处", "Why a customer buys here rather than elsewhere"),
    ("Shop", "advantages"): (
        "店铺比对手做得好的地方，每行一条（- 开头）",
        "What the shop does better than rivals, one per line (- …)",
    ),
    ("Audience", "traits"): (
        "目标人群的习惯、动机和偏好，每行一条",
        "Habits, motives and tastes of the audience, one per line",
    ),
    ("Market", "summary"): (
        "一段话：市场规模、增长和走向（可在 facts 中列出带来源的数据）",
        "A paragraph on the market: size, growth, direction (figures with sources go in facts)",
    ),
    ("Market", "trends"): ("与店铺相关的行业趋势，每行一条", "Trends that matter to the shop, one per line"),
    ("Problem", "title"): ("店铺现在的一个问题，几个字说清", "A problem the shop has today, in a few words"),
    ("Problem", "evidence"): ("证据：一个数字或观察", "What shows it: a figure or an observation"),
    ("Problem", "impact"): ("它让店铺损失了什么", "What it costs the shop"),
    ("Horizon", "focus"): ("这一阶段的重点是什么", "What this horizon is about"),
    ("Content", "strategy"): (
        "一段话：内容策略（主题、节奏、风格）",
        "A paragraph: the content strategy (themes, cadence, tone)",
    ),
    ("Pillar", "description"): ("这个内容方向讲什么、为什么", "What this pillar covers and why"),
    ("Traffic", "strategy"): (
        "一段话：流量从哪里来、怎样转化",
        "A paragraph: where traffic comes from and how it converts",
    ),
    ("Promotion", "description"): ("这个促销怎么做、要达到什么", "How the promotion works and what it should achieve"),
    ("Users", "strategy"): (
        "一段话：用户分层、留存和复购怎么做",
        "A paragraph: how users are segmented, kept and brought back",
    ),
    ("Segment", "strategy"): ("怎样服务这一类用户", "How this segment is served"),
    ("Supply", "strategy"): (
        "一段话：货从哪里来、怎样保证质量和时效",
        "A paragraph: where goods come from, how quality and speed are kept",
    ),
    ("Supply", "returns_policy"): ("退换货和售后怎么处理", "How returns and after-sales are handled"),
    ("Risk", "mitigation"): ("怎样预防这个风险", "What is done to prevent this risk"),
    ("Milestone", "criteria"): (
        "验收标准：达到什么算完成（可写 ${goals.short.monthly_gmv} 这样的引用）",
        "Acceptance criteria (references such as ${goals.short.monthly_gmv} keep figures in step)",
    ),
    ("Organization", "structure"): ("团队怎样组织、向谁汇报", "How the team is organised and whom it reports to"),
    ("Market", "platform_rules"): (
        "平台规则里影响店铺的几条（流量、资质、用语），每行一条",
        "Platform rules that affect the shop (traffic, licences, wording), one per line",
    ),
    ("Content", "workflow"): ("内容从选题到发布的步骤，每行一步", "The steps from topic to publication, one per line"),
    ("LiveAnchor", "requirements"): (
        "这一层主播要会什么、要经过哪些培训",
        "What anchors of this tier must know and learn",
    ),
    ("LiveSegment", "goal"): ("这一段直播要达到什么", "What this part of the session must achieve"),
    ("LifecycleStage", "actions"): (
        "这一阶段对用户做什么，每行一条",
        "What is done for users at this stage, one per line",
    ),
    ("Tier", "criteria"): ("用户怎样达到这一级", "How a user reaches this tier"),
    ("Tier", "benefits"): ("这一级用户得到什么", "What a user of this tier gets"),
    ("Users", "community"): ("社群的固定活动和节奏，每行一条", "Community routines and their cadence, one per line"),
    ("Supply", "logistics"): ("仓储和配送怎么安排，每行一条", "How goods are stored and delivered, one per line"),
    ("DataPlan", "tools"): ("看数据用哪些工具，每行一条", "The data tools and dashboards, one per line"),
    ("DataPlan", "reviews"): (
        "复盘会议：多久一次、看什么，每行一条",
        "Review meetings: how often and what they cover, one per line",
    ),
    ("DataPlan", "experiments"): ("计划做的A/B测试，每行一条", "A/B tests planned, one per line"),
    ("Risk", "response"): (
        "发生后怎样应对，谁来做（高风险必须写）",
        "What is done if it happens, and by whom (required for high risks)",
    ),
    ("Role", "duties"): ("这个岗位做什么，每行一条", "What this role does, one per line"),
    ("Organization", "training"): ("团队培训怎么安排，每行一条", "How the team is trained, one per line"),
    ("Organization", "incentives"): (
        "激励和考核怎么定，每行一条",
        "How the team is rewarded and assessed, one per line",
    ),
    ("Tool", "purpose"): ("这个工具用来做什么", "What the tool is used for"),
    ("Budget", "total"): ("总预算金额，例如 600万", "The total budget, for example 6,000,000"),
    ("Role", "count"): ("这个岗位几个人", "How many people in this role"),
}

# top-level key → (zh-CN, en) comment above it
SECTION_NOTES: dict[str, tuple[str, str]] = {
    "plan": ("方案信息：标题、语言、开始日期、币种、类型", "The plan: title, language, start date, currency, kind"),
    "shop": ("店铺：名称、平台、品类、定位和目标人群", "The shop: name, platform, category, positioning, audience"),
    "market": (
        "市场：概况、数据（注明来源）、趋势、平台规则、竞品",
        "The market: summary, figures with sources, trends, rules, rivals",
    ),
    "problems": ("现在的问题，每个带证据", "Today's problems, each with its evidence"),
    "baseline": ("各指标的现状值（第0个月）", "Each metric's value today (month 0)"),
    "goals": ("短期、中期、长期目标", "Short, mid and long horizon targets"),
    "content": ("内容矩阵：方向占比之和为1", "Content matrix: pillar shares sum to 1"),
    "traffic": ("流量渠道、转化漏斗和促销", "Traffic channels, funnel and promotions"),
    "live": ("直播：场次、主播、脚本和评估", "Livestream: sessions, anchors, script, evaluation"),
    "users": ("用户分层、生命周期和社群", "User segments, lifecycle and community"),
    "supply": ("供应链与履约", "Supply chain and fulfilment"),
    "kpis": ("数据看板上的指标", "The KPI dashboard"),
    "data": ("数据工具、复盘会议和实验", "Data tools, reviews and experiments"),
    "risks": ("风险登记：可能性和影响各1-5分", "Risk register: likelihood and impact 1-5"),
    "team": ("岗位、人数和月成本", "Roles, headcount and monthly cost"),
    "organization": ("组织、培训和激励", "Structure, training and incentives"),
    "tools": ("团队使用的工具", "Tools the team uses"),
    "budget": ("预算：总额、月数和分项（占比之和为1）", "Budget: total, months and lines (shares sum to 1)"),
    "timeline": ("阶段、任务（周数、依赖）和里程碑", "Phases, tasks (weeks, dependencies) and milestones"),
    "campaigns": ("大促和店铺活动的日期", "Dated campaigns and retail peaks"),
    "scenarios": ("保守与激进情景的倍数", "Multipliers for the conservative and aggressive cases"),
    "plausibility": ("合理性检查的上限（经验值）", "Ceilings of the plausibility warnings (rules of thumb)"),
    "sections": ("各章的补充文字，或自己的章节", "Free text per chapter, or chapters of your own"),
}

# (model, field) left out: the example shop's own figures, rivals, suppliers and notes
LEFT_OUT: set[tuple[str, str]] = {
    ("PlanInfo", "date"),
    ("Shop", "aliases"),
    ("Audience", "age"),
    ("Audience", "gender"),
    ("Audience", "income"),
    ("Audience", "regions"),
    ("Market", "facts"),
    ("Market", "competitors"),
    ("Pillar", "examples"),
    ("Channel", "tactics"),
    ("Channel", "monthly_spend"),
    ("Traffic", "monthly_entry_volume"),
    ("Campaign", "goal"),
    ("Campaign", "gmv"),
    ("Supply", "suppliers"),
    ("Profile", "sections"),
    ("BudgetItem", "note"),
    ("Milestone", "targets"),
}
# what the comment above a metric left to fill says: {label} the metric's name, {months} the horizon's months
METRIC_GUIDES: dict[str, tuple[str, str]] = {
    "baseline": ("{label}：现在是多少", "{label}: the value today"),
    "target": ("{label}：{months}个月时的目标", "{label}: the target at month {months}"),
}
# the short neutral sentence a horizon's focus starts as: the lead metric from one anchor to the next
FOCUS: tuple[str, str] = ("{label}从${{{start}}}到${{{end}}}", "{label} from ${{{start}}} to ${{{end}}}")
