"""The words that name each value a profile's text can refer to, for ``bench_prose_literals``.

A literal figure in prose restates a value only when the clause around it names that value: a metric's
label or a synonym ("复购率", "repurchase"), a budget line's, channel's, pillar's, segment's, role's, task's,
milestone's or campaign's name (or a part of a name joined by 与/和/and), or a word for what the value is
("预算" for the budget total, "缓冲" for a buffer, "风险" for the number of risks). ``labels`` returns those
words, lower-case, for one reference name; ``unit`` returns what the value measures, so that "30天" is only
compared with values counted in days.
"""

from __future__ import annotations

import re

from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.plan.reftable import Value

# synonyms a practitioner writes for a metric, beside its catalogued label (zh-CN and en)
METRIC_WORDS: dict[str, tuple[str, ...]] = {
    "monthly_gmv": ("gmv", "销售额", "成交额", "营业额", "sales", "revenue"),
    "annual_gmv": ("gmv", "年销售额", "年成交", "annual sales", "revenue"),
    "live_gmv": ("直播gmv", "直播成交", "直播销售额", "live gmv", "live sales"),
    "aov": ("客单", "aov", "order value", "basket"),
    "cac": ("获客成本", "获客", "cac", "acquisition cost", "cost per"),
    "churn_rate": ("流失", "退群", "churn"),
    "repurchase_rate": ("复购", "回购", "repurchase", "repeat purchase"),
    "member_repurchase_90d": ("复购", "回购", "repurchase", "repeat"),
    "redemption_rate": ("核销", "redemption", "redeem"),
    "refund_rate": ("退款", "refund"),
    "return_rate": ("退货", "return"),
    "group_members": ("社群成员", "社群人数", "群成员", "入群", "members"),
    "members": ("会员", "members"),
    "followers": ("粉丝", "关注", "followers"),
    "koc_count": ("koc",),
    "nps": ("nps", "净推荐", "promoter"),
    "voucher_sales": ("团购券", "券销量", "vouchers", "voucher sales"),
    "partner_stores": ("合作门店", "门店合作", "partner stores", "partner"),
    "conversion_rate": ("转化", "conversion", "convert"),
    "interaction_rate": ("互动", "interaction", "engagement"),
    "active_user_share": ("活跃", "active"),
    "group_sales_share": ("社群销售", "社群成交", "社群渠道", "group sales", "group share", "share of sales"),
    "live_viewers": ("观看", "在线", "viewers"),
    "live_sessions": ("场次", "直播场", "sessions"),
    "store_rating": ("评分", "rating"),
    "positive_review_rate": ("好评", "positive review"),
    "completion_rate": ("完播", "completion"),
    "monthly_views": ("播放", "views"),
    "monthly_orders": ("订单", "单量", "orders"),
    "new_customers": ("新客", "new customers"),
    "commission_rate": ("佣金", "commission"),
    "gross_margin": ("毛利", "margin"),
    "inventory_turnover_days": ("周转", "库存", "turnover", "inventory"),
    "delivery_hours": ("发货", "dispatch", "delivery"),
    "response_hours": ("响应", "回复", "response", "respond"),
    "on_time_delivery_rate": ("准时", "on-time", "on time"),
}
HORIZON_WORDS = ("目标", "阶段", "计划", "方案", "周期", "goal", "target", "horizon", "plan", "phase")
HORIZON_NAMES = {
    "short": ("短期", "short-term", "short term", "半年", "first half"),
    "mid": ("中期", "mid-term", "mid term", "全年", "first year"),
    "long": ("长期", "long-term", "long term"),
}
COUNT_WORDS = {
    "phases": ("阶段", "phase", "stage"),
    "tasks": ("任务", "task"),
    "milestones": ("里程碑", "milestone"),
    "risks": ("风险", "risk"),
    "pillars": ("栏目", "内容支柱", "支柱", "pillar", "column", "strand"),
    "channels": ("渠道", "channel"),
    "segments": ("分层", "类成员", "类用户", "类人群", "segment", "kinds of member", "types of member"),
    "campaigns": ("大促", "节点", "活动", "campaign"),
    "competitors": ("竞品", "competitor", "rival"),
    "problems": ("问题", "problem", "issue"),
    "roles": ("岗位", "角色", "role"),
}
WORDS: dict[str, tuple[str, ...]] = {
    "budget.total": ("预算", "总投入", "经费", "budget"),
    "budget.monthly": ("预算", "每月投入", "budget"),
    "budget.months": ("预算", "budget"),
    "budget.channel_spend": ("投放", "渠道费用", "spend", "media"),
    "budget.channel_spend_period": ("投放", "渠道费用", "spend", "media"),
    "budget.channel_gmv": ("回报", "带来", "gmv", "return"),
    "budget.cac": METRIC_WORDS["cac"],
    "plan.months": ("方案", "计划", "全程", "plan", "programme"),
    "team.headcount": ("团队", "人员", "编制", "team", "staff", "headcount", "people"),
    "team.payroll.monthly": ("人力", "薪酬", "工资", "人工", "payroll", "salar", "staff cost"),
    "team.payroll.period": ("人力", "薪酬", "工资", "人工", "payroll", "salar", "staff cost"),
    "team.payroll.share": ("人力", "薪酬", "payroll"),
    "content.per_week": ("每周", "一周", "本周", "周更", "per week", "a week", "weekly", "week's"),
    "timeline.end": ("结束", "完成", "收尾", "end", "finish", "complete"),
    "timeline.end_with_buffer": ("缓冲", "buffer"),
    "timeline.buffer_days": ("缓冲", "buffer"),
    "timeline.buffers.critical": ("缓冲", "buffer"),
    "timeline.buffers.feeding": ("缓冲", "buffer"),
    "plan.start": ("启动", "开始", "start", "kick", "launch"),
    "plan.end": ("结束", "end"),
    "live.sessions_per_week": ("直播", "开播", "live", "session"),
    "live.hours_per_session": ("直播", "每场", "live", "session"),
    "live.anchors": ("主播", "anchor", "host"),
    "scenarios.conservative": ("保守", "conservative"),
    "scenarios.aggressive": ("激进", "乐观", "aggressive"),
}
_SPLIT = re.compile(r"\s*(?:与|和|及|、|/|&|,|，|（|）|\(|\)|\band\b|\bwith\b)\s*")
_SUFFIXES = ("人数", "数量", "占比", "销量", "时长", "天数", "数", "率", "量")


def name_words(name: str) -> tuple[str, ...]:
    """Return a name and its parts joined by 与/和/and …, the parts of two characters or more."""
    parts = {name, *_SPLIT.split(name)}
    return tuple(p.strip().casefold() for p in parts if len(p.strip()) >= 2)


def metric_words(key: str) -> tuple[str, ...]:
    """Return the words that name a catalogued metric: its labels, the labels' stems and synonyms."""
    metric = CATALOGUE[key]
    words = {metric.zh, metric.en.casefold(), key.replace("_", " ")}
    stem = metric.zh.removeprefix("月").removeprefix("单场")
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    words.add(stem)
    words.update(METRIC_WORDS.get(key, ()))
    return tuple(w.casefold() for w in words if len(w) >= 2)


def labels(name: str, items: dict[str, str]) -> tuple[str, ...]:
    """Return the words a clause must hold for a literal in it to restate the value ``name``.

    ``items`` maps an item's reference key (``tasks.prep.audit``, ``milestones.M2``) to its display name,
    for names that hold an id rather than the name written in prose.
    """
    parts = name.split(".")
    head = parts[0]
    if name in WORDS:
        return WORDS[name]
    if head in ("baseline", "kpis", "growth") or (head == "goals" and parts[-1] not in ("months", "date")):
        return metric_words(parts[-1])
    if head in ("trajectory",):
        return metric_words(parts[1])
    if head == "goals":  # goals.<h>.months / .date
        return HORIZON_WORDS + HORIZON_NAMES.get(parts[1], ())
    if head == "milestones":
        own = (*name_words(items.get(f"milestones.{parts[1]}", "")), parts[1].casefold())
        return own + (("里程碑", "milestone") if parts[-1] == "date" else metric_words(parts[-1]))
    if head == "count":
        return COUNT_WORDS.get(parts[1], ())
    if head in ("budget", "channels", "content", "segments", "campaigns"):
        # budget.items.<name>.<field>, channels.<name>.<field>, content.pillars.<name>.<field> …
        item = ".".join(parts[2:-1] if head in ("budget", "content") else parts[1:-1])
        extra: tuple[str, ...] = ("预算", "budget") if head == "budget" and parts[-1] != "share" else ()
        extra += ("roi",) if parts[-1] == "roi" else ()
        return name_words(item) + extra
    if head == "team":  # team.roles.<role>.<field>
        return name_words(".".join(parts[2:-1]))
    if head in ("tasks", "phases"):
        return name_words(items.get(".".join(parts[:-1]), ""))
    if head == "funnel":
        stage = parts[-1]
        return {"orders": ("订单", "orders"), "gmv": ("gmv",), "aov": METRIC_WORDS["aov"]}.get(stage, name_words(stage))
    if head == "risks":  # risks.<id>.response_hours: only that risk's own text names it (see the bench)
        return ("响应", "处理", "respond", "response")
    if head == "supply":
        return metric_words(parts[-1])
    return ()


def unit(name: str, value: Value) -> str:
    """Return what a value measures: money, percent, date, months, days, hours, people, or count."""
    kind = value.kind
    if kind == "metric":
        metric = CATALOGUE[value.metric]
        kind = {MetricKind.RATE: "percent", MetricKind.MONEY: "money"}.get(metric.kind, "count")
        if metric.kind == MetricKind.DURATION:
            return metric.unit or "count"
    if kind == "duration":
        return value.unit or "count"
    if kind in ("money", "percent", "date"):
        return kind
    if name.endswith("months"):
        return "months"
    if name == "live.hours_per_session":
        return "hours"
    if name in ("team.headcount", "live.anchors") or (name.startswith("team.roles.") and name.endswith(".count")):
        return "people"
    if name.endswith((".days", "buffer_days")):
        return "days"
    return "count"
