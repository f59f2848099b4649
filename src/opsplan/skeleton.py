"""The skeleton ``opsplan new`` writes: the structure of a plan kind with the shop's own answers in place.

It starts from the kind's preset and keeps what belongs to the kind (chapters, funnel stages, channels,
budget lines, roles, phases and tasks, risk titles, review routines); the prose that belongs to the
example shop (positioning, market summary, problems, strategies, mitigations …) is left empty with a
one-line guide comment in the profile's language (``GUIDES``), and the example's market figures,
competitors, suppliers and chapter notes are left out. The wizard's answers (``Answers``) replace the
shop's name, platform, category, audience, start date, budget, team size and the headline metrics'
values today and targets; the rest of the plan refers to them (``${shop.name}``, ``${budget.total}`` …).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.profile import Platform, Profile

# (model, field) → (zh-CN guide, en guide): fields left empty for the user to write
GUIDES: dict[tuple[str, str], tuple[str, str]] = {
    ("PlanInfo", "author"): (
        "编制人或团队，显示在封面",
        "Who writes the plan (person, team or agency); shown on the title page",
    ),
    ("Shop", "category"): (
        "卖什么：品类和价位，例如 湘菜小炒正餐（人均约65元）",
        "What the shop sells: category and price band",
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
}
MAX_PROBLEMS = 3


@dataclass(frozen=True)
class Answers:
    """What the user told ``opsplan new``; None keeps the kind's value (or leaves the field to fill)."""

    shop_name: str | None = None
    platform: Platform | None = None
    category: str | None = None
    audience: str | None = None
    start: dt.date | None = None
    budget_total: float | None = None
    team_size: int | None = None
    metrics: dict[str, tuple[float, float]] = field(default_factory=dict)  # key → (today, short-horizon target)


def guide(model: str, key: str, locale: str) -> str | None:
    """Return the guide comment of a field left to fill, in ``locale`` (None if the field is not one)."""
    pair = GUIDES.get((model, key))
    return None if pair is None else pair[0 if locale.startswith("zh") else 1]


def section_note(key: str, locale: str) -> str | None:
    """Return the comment above top-level ``key`` in ``locale``."""
    pair = SECTION_NOTES.get(key)
    return None if pair is None else pair[0 if locale.startswith("zh") else 1]


def skeleton_data(preset: Profile, answers: Answers) -> dict[str, Any]:
    """Return the skeleton's data: ``preset``'s structure, the answers in place, the prose left as ``None``."""
    data = preset.model_dump(mode="json", exclude_defaults=True)
    data["plan"].update(locale=preset.plan.locale, currency=preset.plan.currency)
    data["problems"] = data.get("problems", [])[:MAX_PROBLEMS]
    _blank(Profile, data)
    shop = data["shop"]
    shop.setdefault("audience", {}).setdefault("traits", None)
    for key, value in (("name", answers.shop_name), ("category", answers.category)):
        if value is not None:
            shop[key] = value
    if answers.platform is not None:
        shop["platform"] = answers.platform.value
    if answers.audience is not None:
        shop.setdefault("audience", {})["traits"] = [answers.audience]
    if answers.start is not None:
        data["plan"]["start"] = answers.start.isoformat()
    if answers.budget_total is not None:
        data["budget"]["total"] = answers.budget_total
    if answers.team_size is not None:
        _set_team_size(data.get("team", []), answers.team_size)
    for key, (today, target) in answers.metrics.items():
        _set_metric(data, key, today, target)
    if not answers.metrics:
        _tame_growth(data, preset)
    return data


def _tame_growth(data: dict[str, Any], preset: Profile) -> None:
    """Lower the kind's rising count and money targets to what the plausibility ceilings allow.

    The kinds' worked examples aim high; a skeleton's defaults should pass ``check --strict`` once its
    prose is written, so each horizon's target is at most the previous anchor × (1 + 95% of the ceiling)^months.
    """
    ceilings = preset.plausibility
    baseline = data.get("baseline", {})
    horizons = [h for h in (data["goals"].get(n) for n in ("short", "mid", "long")) if isinstance(h, dict)]
    for key, start in baseline.items():
        metric = CATALOGUE[key]
        if metric.kind not in (MetricKind.COUNT, MetricKind.MONEY) or metric.direction is not Direction.UP:
            continue
        ceiling = 0.95 * (ceilings.count_growth if metric.kind is MetricKind.COUNT else ceilings.money_growth)
        value, month = float(start), 0
        for horizon in horizons:
            target = horizon.get("targets", {}).get(key)
            if target is None or value <= 0:
                continue
            allowed = value * (1 + ceiling) ** (horizon["months"] - month)
            if target > allowed:
                horizon["targets"][key] = float(math.floor(allowed))
            value, month = horizon["targets"][key], horizon["months"]


def _blank(model: Any, data: dict[str, Any]) -> None:
    """Set the guided fields of ``data`` (of ``model``) to None and drop the left-out ones, all the way down."""
    from opsplan.scaffold import is_model, unwrap

    for key in list(data):
        name = model.__name__
        if (name, key) in LEFT_OUT:
            del data[key]
            continue
        if (name, key) in GUIDES:
            data[key] = None
            continue
        info = model.model_fields.get(key)
        if info is None:
            continue
        annotation = unwrap(info.annotation)
        value = data[key]
        if is_model(annotation) and isinstance(value, dict):
            _blank(annotation, value)
        elif isinstance(value, list):
            item = unwrap(next(iter(getattr(annotation, "__args__", ())), None))
            if is_model(item):
                for element in value:
                    _blank(item, element)


def _set_team_size(roles: list[dict[str, Any]], size: int) -> None:
    """Spread ``size`` people over ``roles`` in proportion to the kind's headcounts (largest remainder)."""
    counts = [int(role.get("count", 0)) for role in roles]
    total = sum(counts)
    if not roles or total == size:
        return
    if total == 0:
        counts, total = [1] * len(roles), len(roles)
    exact = [size * c / total for c in counts]
    whole = [int(x) for x in exact]
    order = sorted(range(len(roles)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[: size - sum(whole)]:
        whole[i] += 1
    for role, count in zip(roles, whole, strict=True):
        role["count"] = count


def _set_metric(data: dict[str, Any], key: str, today: float, target: float) -> None:
    """Put ``today`` in the baseline and ``target`` at the first horizon; later targets keep the kind's ratio."""
    data.setdefault("baseline", {})[key] = _tidy(key, today)
    horizons = [h for h in (data["goals"].get(n) for n in ("short", "mid", "long")) if isinstance(h, dict)]
    first = next((h["targets"][key] for h in horizons if key in h.get("targets", {})), None)
    factor = target / first if first else 1.0
    for horizon in horizons:
        targets = horizon.get("targets", {})
        if key in targets:
            targets[key] = _tidy(key, targets[key] * factor)
    for milestone in data.get("timeline", {}).get("milestones", []):
        if key in milestone.get("targets", {}):
            milestone["targets"][key] = _tidy(key, milestone["targets"][key] * factor)
    for kpi in data.get("kpis", []):
        if kpi.get("metric") == key and kpi.get("target") is not None:
            kpi["target"] = _tidy(key, kpi["target"] * factor)
    if horizons and key in horizons[0].get("targets", {}):
        horizons[0]["targets"][key] = _tidy(key, target)


def _tidy(key: str, value: float) -> float:
    """Round a metric value as it is written: counts and money whole, rates to 4 places and at most 1."""
    metric = CATALOGUE[key]
    if metric.kind is MetricKind.RATE:
        return round(min(value, 1.0), 4)
    if metric.kind in (MetricKind.COUNT, MetricKind.MONEY):
        return float(round(value))
    return round(value, 4)
