"""The words of the review (复盘) report in zh-CN and en: headings, column names, statuses, reasons."""

from __future__ import annotations

_EN: dict[str, str] = {
    "title": "{shop}: plan review as of {as_of}",
    "intro": "Actuals from {source} against the plan \u201c{title}\u201d. {off} off track, {risk} at risk, "
    "{on} on track, {none} without actuals yet.",
    "h.metrics": "Metrics against the plan",
    "h.forecast": "Re-forecast at the growth so far",
    "h.chart": "Plan, actuals and forecast",
    "h.outlook": "Outlook and causes",
    "h.funnel": "Where the GMV gap comes from",
    "h.milestones": "Milestones",
    "h.budget": "Budget spent against plan",
    "h.rules": "How the status is decided",
    "c.metric": "Metric",
    "c.period": "Latest period",
    "c.plan": "Plan",
    "c.actual": "Actual",
    "c.variance": "Variance",
    "c.variance_pct": "Variance %",
    "c.status": "Status",
    "c.why": "Why",
    "c.horizon": "Horizon",
    "c.target": "Target",
    "c.forecast": "Forecast",
    "c.band": "Band",
    "c.reaches": "Reaches it",
    "c.stage": "Stage",
    "c.planned": "Planned",
    "c.shortfall": "Against plan",
    "c.milestone": "Milestone",
    "c.due": "Due",
    "c.done": "Done",
    "c.holds_up": "Critical tasks held up",
    "c.months": "Periods",
    "c.spent": "Spent",
    "c.channel": "Channel",
    "status.on_track": "on track",
    "status.at_risk": "at risk",
    "status.off_track": "off track",
    "status.no_data": "no actuals",
    "ms.done": "done",
    "ms.done_late": "done {days} days late",
    "ms.late": "late by {days} days",
    "ms.upcoming": "upcoming",
    "why.ahead": "at or better than plan",
    "why.within_tolerance": "within {tolerance} of plan",
    "why.behind_plausible": "behind; needs {needed} a month to reach the {horizon} target, within the {limit} "
    "that is plausible",
    "why.needs_implausible_growth": "behind; needs {needed} a month to reach the {horizon} target, more than the "
    "{limit} that is plausible",
    "move.grow": "growth of {amount}",
    "move.up": "a rise of {amount}",
    "move.down": "a fall of {amount}",
    "why.horizon_passed": "behind, and the {horizon} horizon has passed",
    "why.no_data": "",
    "yes": "yes",
    "no": "no",
    "aov": "Average order value",
    "funnel.culprit": "GMV in {period} is {gap} against plan; the largest shortfall is at \u201c{stage}\u201d.",
    "funnel.none": "GMV in {period} is {gap} against plan; no funnel actuals for that period explain it yet.",
    "funnel.above": "GMV in {period} is {gap} against plan, yet every funnel figure reported for that period is "
    "at or above plan; look at the stages and the traffic not reported.",
    "budget.line": "Spent {spent} over {periods}, against {planned} planned: {variance} ({pct}).",
    "rules": "On track: at or better than plan, or within {tolerance} of it. At risk: behind, but the monthly "
    "growth still needed to reach the next horizon's target is plausible (the profile's plausibility "
    "ceilings: counts at most 30% a month and money 25% unless it sets others; rates, ratios, durations and "
    "falling metrics: at most twice the plan's own monthly step). Off track: behind, and that growth is not "
    "plausible or the horizon has passed. The forecast carries the growth so far to each horizon (counts and "
    "money at the same monthly rate, capped at those ceilings; the rest in the same monthly step, a conversion "
    "rate or ROI at most at its ceiling); the band applies the profile's conservative and aggressive multipliers.",
    "forecast.capped": "Forecasts marked * are held down by the profile's plausibility ceilings: {items}.",
    "capped.growth": "{metric} at most {limit} a month ({field})",
    "capped.value": "{metric} at most {limit} ({field})",
    "chart.plan": "plan",
    "chart.actual": "actual",
    "chart.forecast": "forecast band",
    "chart.month": "month of the plan",
    "sheet.review": "Review",
    "sheet.chart": "Chart",
}

_ZH: dict[str, str] = {
    "title": "{shop}运营复盘（截至{as_of}）",
    "intro": "依据 {source} 中的实际值，对照方案《{title}》：偏离 {off} 项，有风险 {risk} 项，正常 {on} 项，"
    "尚无实际值 {none} 项。",
    "h.metrics": "指标对照",
    "h.forecast": "按当前增速的重新预测",
    "h.chart": "计划、实际与预测",
    "h.outlook": "预测与原因",
    "h.funnel": "GMV缺口的来源",
    "h.milestones": "里程碑",
    "h.budget": "预算执行",
    "h.rules": "状态判定规则",
    "c.metric": "指标",
    "c.period": "最近期间",
    "c.plan": "计划",
    "c.actual": "实际",
    "c.variance": "差额",
    "c.variance_pct": "偏差",
    "c.status": "状态",
    "c.why": "说明",
    "c.horizon": "阶段",
    "c.target": "目标",
    "c.forecast": "预测",
    "c.band": "区间",
    "c.reaches": "能否达成",
    "c.stage": "环节",
    "c.planned": "计划",
    "c.shortfall": "较计划",
    "c.milestone": "里程碑",
    "c.due": "计划日期",
    "c.done": "完成日期",
    "c.holds_up": "受影响的关键任务",
    "c.months": "期间",
    "c.spent": "实际花费",
    "c.channel": "渠道",
    "status.on_track": "正常",
    "status.at_risk": "有风险",
    "status.off_track": "偏离",
    "status.no_data": "无实际值",
    "ms.done": "已完成",
    "ms.done_late": "延期{days}天完成",
    "ms.late": "已延期{days}天",
    "ms.upcoming": "未到期",
    "why.ahead": "达到或优于计划",
    "why.within_tolerance": "与计划相差不超过{tolerance}",
    "why.behind_plausible": "落后；要达成{horizon}目标，每月需{needed}，仍在{limit}的合理范围内",
    "why.needs_implausible_growth": "落后；要达成{horizon}目标，每月需{needed}，超过{limit}的合理上限",
    "move.grow": "增长{amount}",
    "move.up": "提高{amount}",
    "move.down": "降低{amount}",
    "why.horizon_passed": "落后，且{horizon}阶段已过",
    "why.no_data": "",
    "yes": "能",
    "no": "不能",
    "aov": "客单价",
    "funnel.culprit": "{period} GMV较计划{gap}，差距最大的环节是“{stage}”。",
    "funnel.none": "{period} GMV较计划{gap}，该期间尚无漏斗实际值可解释缺口。",
    "funnel.above": "{period} GMV较计划{gap}，但该期间已填报的漏斗数据都达到或超过计划；请检查未填报的环节和流量。",
    "budget.line": "{periods} 实际花费 {spent}，计划 {planned}，差额 {variance}（{pct}）。",
    "rules": "正常：达到或优于计划，或与计划相差不超过{tolerance}。有风险：落后，但达成下一阶段目标所需的月增长仍然合理"
    "（按档案的合理性上限：未另行设定时，数量每月不超过30%，金额不超过25%；比率、比值、时长及应下降的指标，每月步进不超过计划步进的两倍）。"
    "偏离：落后，且所需增长不合理或该阶段已过。预测按目前的增速推到各阶段（数量和金额按相同月增长率、以上述上限封顶，"
    "其余按相同月步进，转化率和ROI不超过其上限），区间按方案的保守与激进系数计算。",
    "forecast.capped": "标 * 的预测按档案的合理性上限封顶：{items}。",
    "capped.growth": "{metric}每月增长不超过{limit}（{field}）",
    "capped.value": "{metric}不超过{limit}（{field}）",
    "chart.plan": "计划",
    "chart.actual": "实际",
    "chart.forecast": "预测区间",
    "chart.month": "方案月份",
    "sheet.review": "复盘",
    "sheet.chart": "图表",
}

HORIZONS = {
    "en": {"short": "short-term", "mid": "mid-term", "long": "long-term"},
    "zh": {"short": "短期", "mid": "中期", "long": "长期"},
}


def words(locale: str) -> dict[str, str]:
    """Return the report's words in ``locale``."""
    return _ZH if locale.startswith("zh") else _EN


def horizon_word(locale: str, name: str) -> str:
    """Return a horizon's name in ``locale``: short-term / 短期."""
    return HORIZONS["zh" if locale.startswith("zh") else "en"].get(name, name)
