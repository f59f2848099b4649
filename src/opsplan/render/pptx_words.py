"""The deck's own wording in zh-CN and en: slide titles, labels and the sentences of the asks.

``labelled`` and ``bracketed`` write a label before its text and an aside after a name with the language's own
punctuation (full-width ``：`` and ``（）`` in zh-CN, ``: `` and `` ()`` in en), for the speaker notes' lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from opsplan.render.filters import metric_label

_WORDS: dict[str, tuple[str, str]] = {
    "summary": ("一页看懂：目标、预算、团队与节奏", "The plan on one page"),
    "asks": ("需要今天拍板的事项", "Decisions we ask for today"),
    "agenda": ("目录", "Agenda"),
    "agenda_more": ("目录（续）", "Agenda (continued)"),
    "targets": ("核心目标", "Headline targets"),
    "budget": ("预算", "Budget"),
    "team": ("团队", "Team"),
    "schedule": ("节奏", "Schedule"),
    "situation": ("市场机会", "The market opportunity"),
    "problems": ("当前要解决的问题", "What holds the shop back"),
    "positioning": ("定位与目标人群", "Positioning and audience"),
    "goals": ("目标路径：{metric}逐月推进", "The path to target: {metric} month by month"),
    "content": ("内容矩阵：{n}个栏目分工", "Content matrix: {n} pillars"),
    "traffic": ("流量结构与转化漏斗", "Traffic mix and funnel"),
    "users": ("用户分层与生命周期", "User segments and lifecycle"),
    "money": ("预算分配与团队配置", "Budget split and team"),
    "risks": ("风险矩阵：{high}项高风险需重点盯防", "Risk matrix: {high} high risks to watch"),
    "risks_none": ("风险矩阵：暂无高风险", "Risk matrix: no high risks"),
    "timeline": ("时间规划：关键路径{days}天", "Timeline: a {days}-day critical path"),
    "phase_span": ("{name}：{start}–{finish}", "{name}: {start} – {finish}"),
    "campaigns": ("营销节点", "Campaigns"),
    "milestones": ("里程碑", "Milestones"),
    "outcomes": ("预期效果：{months}个月后对比现状", "Expected results after {months} months"),
    "baseline": ("现状", "Today"),
    "months_after": ("{months}个月", "{months} months"),
    "by": ("{months}个月后", "by month {months}"),
    "per_month": ("每月", "a month"),
    "people": ("{n}人", "{n} people"),
    "payroll": ("月人力成本{monthly}，占预算{share}", "payroll {monthly} a month, {share} of the budget"),
    "budget_line": ("{months}个月共{total}，每月{monthly}", "{total} over {months} months, {monthly} a month"),
    "largest": ("最大投入：{item}（{share}）", "largest line: {item} ({share})"),
    "schedule_line": ("{start}启动，{end}完成（含缓冲）", "starts {start}, ends {end} with the buffer"),
    "critical": ("关键里程碑", "Critical milestones"),
    "top_risks": ("重点风险", "Top risks"),
    "ask_budget": ("批准{months}个月预算{total}", "Approve the {months}-month budget of {total}"),
    "ask_team": (
        "批准{count}人{mark}团队编制，期间人力成本{amount}",
        "Approve a team of {count}{mark}, payroll {amount} over the period",
    ),
    "ask_schedule": ("确认{start}启动，按关键路径于{end}前完成", "Confirm the start on {start} and the end by {end}"),
    "ask_risks": (
        "确认{count}项高风险的负责人与响应承诺：{ids}",
        "Confirm owners and responses for {count} high risks: {ids}",
    ),
    "audience": ("目标人群", "Audience"),
    "advantages": ("我们的优势", "Our advantages"),
    "share": ("占比", "Share"),
    "volume": ("月需求量", "Volume a month"),
    "channels": ("渠道占比", "Channel mix"),
    "funnel": ("{horizon}转化漏斗（月）", "Funnel for the {horizon} target (a month)"),
    "segments": ("用户分层", "Segments"),
    "lifecycle": ("生命周期动作", "Lifecycle actions"),
    "budget_split": ("预算分配", "Budget split"),
    "headcount": ("人数", "Headcount"),
    "impact": ("影响", "Impact"),
    "likelihood": ("可能性", "Likelihood"),
    "high": ("高（≥15）", "High (≥15)"),
    "medium": ("中（8–14）", "Medium (8–14)"),
    "low": ("低（≤7）", "Low (≤7)"),
    "critical_task": ("关键路径任务", "Critical task"),
    "other_task": ("其他任务", "Other task"),
    "milestone": ("里程碑", "Milestone"),
    "buffer": ("项目缓冲{days}天", "{days}-day buffer"),
    "per_week": ("每周{n}条", "{n} a week"),
    "score": ("评分{score}", "score {score}"),
    "owner": ("负责人：{owner}", "owner: {owner}"),
    "short": ("短期", "short-term"),
    "mid": ("中期", "mid-term"),
    "long": ("长期", "long-term"),
    "source": ("来源：{source}", "Source: {source}"),
    "evidence": ("依据：{text}", "Evidence: {text}"),
    "impact_text": ("影响：{text}", "Impact: {text}"),
    "mitigation": ("预防：{text}", "Prevention: {text}"),
    "response": ("响应：{text}", "Response: {text}"),
    "criteria": ("验收标准：{text}", "Acceptance: {text}"),
    "draft_title": ("（草稿）", " (DRAFT)"),
    "draft_note": (
        "草稿：本方案仍有未解决的检查问题，仅供内部讨论，不作为正式交付。",
        "DRAFT: this plan still has unresolved check findings; it is for internal discussion, not for delivery.",
    ),
    "gaps_title": ("草稿：待填写的数字", "Draft: numbers to fill in"),
    "gaps_note": (
        "下列数字尚未填写，本草稿暂用该方案类型的示例数字计算，并在这些数字旁标有“{mark}”；由它们算出的其他数字同样只是示例。",
        "The numbers below have not been given yet: this draft computes with the plan kind's example figures "
        "instead and marks them “{mark}”; every figure worked out from them is an example too.",
    ),
    "gap_baseline": ("基线", "baseline"),
    "gap_budget": ("总预算", "Total budget"),
    "gap_headcount": ("岗位人数", "Headcount of"),
    "notes_deck": (
        "本演示稿由 opsplan 从运营方案的计算结果生成，数字与方案文档一致。",
        "This deck is generated by opsplan from the computed plan; its figures match the plan document.",
    ),
}


def word(key: str, locale: str, **values: object) -> str:
    """Return the deck's text for ``key`` in ``locale``, with ``values`` filled in."""
    zh, en = _WORDS[key]
    text = zh if locale.startswith("zh") else en
    return text.format(**values) if values else text


def labelled(locale: str, label: str, text: str) -> str:
    """Return ``text`` after its ``label``: 筹备：3月1日 – 3月14日 (zh-CN), Prep: Mar 1 – Mar 14 (en)."""
    return f"{label}：{text}" if locale.startswith("zh") else f"{label}: {text}"


def bracketed(locale: str, name: str, aside: str) -> str:
    """Return ``name`` with ``aside`` in brackets after it: 舆情危机（评分20） (zh-CN), PR crisis (score 20) (en)."""
    return f"{name}（{aside}）" if locale.startswith("zh") else f"{name} ({aside})"


def gap_item(locale: str, item: Mapping[str, Any]) -> str:
    """Word one entry of a draft's list of numbers to fill (``views.gaps``' ``notice``), as the document does.

    月GMV：基线，短期、中期、长期目标 / Monthly GMV: baseline; short-term, mid-term, long-term targets; 总预算;
    岗位人数：主播、客服; any other number by its path in the profile.
    """
    zh = locale.startswith("zh")
    if item["kind"] == "metric":
        parts = [word("gap_baseline", locale)] if item["baseline"] else []
        horizons = [word(h, locale) for h in item["horizons"]]
        if horizons:
            plural = " targets" if len(horizons) > 1 else " target"
            parts.append("、".join(horizons) + "目标" if zh else ", ".join(horizons) + plural)
        return labelled(locale, metric_label(locale, item["metric"]), ("，" if zh else "; ").join(parts))
    if item["kind"] == "budget_total":
        return word("gap_budget", locale)
    if item["kind"] == "headcount":
        return labelled(locale, word("gap_headcount", locale), ("、" if zh else ", ").join(item["roles"]))
    return str(item["path"])
