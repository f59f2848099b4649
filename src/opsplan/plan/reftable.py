"""The values a profile's text can refer to by name: ``shop.name``, ``budget.total``, ``goals.short.monthly_gmv``.

``reference_table`` lists every name with its raw value and how it is shown; ``opsplan.plan.refs``
formats and inserts them. The README's "References in text" section documents the names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from opsplan.plan.model import Budget, CampaignRow, Funnel, FunnelStageRow, Goals, Team
from opsplan.plan.schedule_model import Timeline
from opsplan.profile import Profile


class Value(NamedTuple):
    """A value text can refer to, with the ``kind`` that says how it is shown.

    Kinds: text, date, money, count, percent, number, ratio, metric, duration, age (an age band as
    written, 25-35) or list (texts joined as a sentence lists them).
    """

    kind: str
    value: Any
    metric: str = ""
    unit: str = ""


Table = dict[str, Value]


def _money(value: float | None) -> Value | None:
    return None if value is None else Value("money", value)


def _put(table: Table, key: str, value: Value | None) -> None:
    """Add ``key`` unless it has no value or is already taken (the first of two same-named items wins)."""
    key = key.strip()
    if value is not None and key not in table:
        table[key] = value


def plan_years(start: dt.date, end: dt.date, locale: str) -> str:
    """Return the calendar years a plan spans: 2027—2029 (zh-CN), 2027–2029 (en), or one year."""
    if start.year == end.year:
        return str(start.year)
    dash = "—" if locale.startswith("zh") else "–"
    return f"{start.year}{dash}{end.year}"


def _plan_and_goals(table: Table, profile: Profile, goals: Goals, window: tuple[dt.date, dt.date]) -> None:
    first, last = window
    _put(table, "shop.name", Value("text", profile.shop.name))
    _put(table, "shop.category", Value("text", profile.shop.category))
    _put(table, "plan.title", Value("text", profile.plan.title))
    audience = profile.shop.audience
    _put(table, "shop.audience.age", Value("age", audience.age) if audience.age else None)
    _put(table, "shop.audience.gender", Value("text", audience.gender) if audience.gender else None)
    _put(table, "shop.audience.income", Value("text", audience.income) if audience.income else None)
    _put(table, "shop.audience.regions", Value("list", list(audience.regions)) if audience.regions else None)
    _put(table, "plan.start", Value("date", first))
    _put(table, "plan.end", Value("date", last))
    _put(table, "plan.date", Value("date", profile.plan.date))
    _put(table, "plan.years", Value("text", plan_years(first, last, profile.plan.locale)))
    _put(table, "plan.months", Value("number", profile.goals.horizons()[-1][1].months))
    for key, value in profile.baseline.items():
        _put(table, f"baseline.{key}", Value("metric", value, metric=key))
    for info, (name, horizon) in zip(goals.horizons, profile.goals.horizons(), strict=True):
        _put(table, f"goals.{name}.months", Value("number", horizon.months))
        _put(table, f"goals.{name}.date", Value("date", info.date))
        for key, value in horizon.targets.items():
            _put(table, f"goals.{name}.{key}", Value("metric", value, metric=key))
    for metric in goals.metrics:
        if metric.cmgr is not None:
            _put(table, f"growth.{metric.metric}", Value("percent", metric.cmgr))
    for row in goals.trajectory:  # many rows, and their names cannot clash: no _put
        table[f"trajectory.{row.metric}.{row.month}"] = Value("metric", row.value, metric=row.metric)
    for kpi in profile.kpis:
        _put(table, f"kpis.{kpi.metric}", Value("metric", kpi.target, metric=kpi.metric))


def _money_and_team(table: Table, budget: Budget, team: Team) -> None:
    _put(table, "budget.total", Value("money", budget.total))
    _put(table, "budget.months", Value("number", budget.months))
    _put(table, "budget.monthly", Value("money", budget.monthly_total))
    _put(table, "budget.channel_spend", Value("money", budget.channel_monthly_spend))
    _put(table, "budget.channel_spend_period", Value("money", budget.channel_monthly_spend * budget.months))
    _put(table, "budget.channel_gmv", Value("money", budget.channel_gmv_return))
    _put(table, "budget.cac", _money(budget.cac.value if budget.cac else None))
    for item in budget.items:
        _put(table, f"budget.items.{item.name}.amount", Value("money", item.amount))
        _put(table, f"budget.items.{item.name}.monthly", Value("money", item.monthly))
        _put(table, f"budget.items.{item.name}.share", Value("percent", item.share))
    for channel in budget.channels:
        _put(table, f"channels.{channel.name}.share", Value("percent", channel.share))
        _put(table, f"channels.{channel.name}.roi", None if channel.roi is None else Value("ratio", channel.roi))
        _put(table, f"channels.{channel.name}.monthly_spend", _money(channel.monthly_spend))
        _put(table, f"channels.{channel.name}.period_spend", _money(channel.period_spend))
        _put(table, f"channels.{channel.name}.gmv_return", _money(channel.gmv_return))
    _put(table, "team.headcount", Value("number", team.headcount))
    _put(table, "team.payroll.monthly", Value("money", team.monthly_payroll))
    _put(table, "team.payroll.period", Value("money", team.period_payroll))
    _put(table, "team.payroll.share", Value("percent", team.payroll_share_of_budget))
    for role in team.roles:
        _put(table, f"team.roles.{role.role}.count", Value("number", role.count))
        _put(table, f"team.roles.{role.role}.monthly_cost", Value("money", role.monthly_cost))


def _stages(table: Table, prefix: str, stages: list[FunnelStageRow]) -> None:
    for stage in stages:
        _put(table, f"{prefix}.{stage.stage}", None if stage.volume is None else Value("count", stage.volume))


def _funnel(table: Table, funnel: Funnel) -> None:
    for case in funnel.horizons:
        _put(table, f"funnel.{case.horizon}.orders", Value("count", case.orders))
        _put(table, f"funnel.{case.horizon}.gmv", Value("money", case.gmv))
        _put(table, f"funnel.{case.horizon}.aov", Value("money", case.aov))
        _stages(table, f"funnel.{case.horizon}", case.stages)
        for stage in case.stages:
            _put(table, f"funnel.rates.{stage.stage}", None if stage.rate is None else Value("percent", stage.rate))
    if funnel.forward is not None:
        _put(table, "funnel.forward.orders", Value("count", funnel.forward.orders))
        _put(table, "funnel.forward.gmv", Value("money", funnel.forward.gmv))
        _stages(table, "funnel.forward", funnel.forward.stages)


def _schedule(table: Table, profile: Profile, timeline: Timeline, campaigns: list[CampaignRow]) -> None:
    for task in timeline.tasks:
        _put(table, f"tasks.{task.id}.start", Value("date", task.start))
        _put(table, f"tasks.{task.id}.finish", Value("date", task.finish))
    for phase in timeline.phases:
        _put(table, f"phases.{phase.id}.start", None if phase.start is None else Value("date", phase.start))
        _put(table, f"phases.{phase.id}.finish", None if phase.finish is None else Value("date", phase.finish))
    _put(table, "timeline.end", Value("date", timeline.end))
    _put(table, "timeline.end_with_buffer", Value("date", timeline.end_with_buffer))
    _put(table, "timeline.buffer_days", Value("number", timeline.buffer_days))
    _put(table, "timeline.buffers.critical", Value("percent", timeline.critical_fraction))
    _put(table, "timeline.buffers.feeding", Value("percent", timeline.feeding_fraction))
    targets = {m.id: m.targets for m in profile.timeline.milestones}
    for milestone in timeline.milestones:
        day = None if milestone.date is None else Value("date", milestone.date)
        _put(table, f"milestones.{milestone.id}.date", day)
        for key, value in targets.get(milestone.id, {}).items():
            _put(table, f"milestones.{milestone.id}.{key}", Value("metric", value, metric=key))
    gmv = {c.name: c.gmv for c in profile.campaigns}
    for campaign in campaigns:
        for name in (campaign.name, campaign.key or ""):
            if name:
                _put(table, f"campaigns.{name}.start", Value("date", campaign.start))
                _put(table, f"campaigns.{name}.end", Value("date", campaign.end))
                _put(table, f"campaigns.{name}.days", Value("number", (campaign.end - campaign.start).days + 1))
                _put(table, f"campaigns.{name}.gmv", _money(gmv.get(campaign.name)))


def _profile_figures(table: Table, profile: Profile) -> None:
    counts = {
        "phases": len(profile.timeline.phases),
        "tasks": sum(len(p.tasks) for p in profile.timeline.phases),
        "milestones": len(profile.timeline.milestones),
        "risks": len(profile.risks),
        "pillars": len(profile.content.pillars),
        "channels": len(profile.traffic.channels),
        "segments": len(profile.users.segments),
        "campaigns": len(profile.campaigns),
        "competitors": len(profile.market.competitors),
        "problems": len(profile.problems),
        "roles": len(profile.team),
    }
    for key, value in counts.items():
        _put(table, f"count.{key}", Value("number", value))
    _put(table, "content.per_week", Value("number", sum(p.per_week for p in profile.content.pillars)))
    for pillar in profile.content.pillars:
        _put(table, f"content.pillars.{pillar.name}.share", Value("percent", pillar.share))
        _put(table, f"content.pillars.{pillar.name}.per_week", Value("number", pillar.per_week))
    for segment in profile.users.segments:
        _put(table, f"segments.{segment.name}.share", Value("percent", segment.share))
    if profile.live is not None:
        _put(table, "live.sessions_per_week", Value("number", profile.live.sessions_per_week))
        _put(table, "live.hours_per_session", Value("number", profile.live.hours_per_session))
        _put(table, "live.anchors", Value("number", sum(a.count for a in profile.live.anchors)))
    for risk in profile.risks:
        _put(table, f"risks.{risk.id}.score", Value("number", risk.likelihood * risk.impact))
        if risk.response_hours is not None:
            _put(table, f"risks.{risk.id}.response_hours", Value("duration", risk.response_hours, unit="hours"))
    if profile.supply is not None:
        days = profile.supply.inventory_turnover_days
        _put(table, "supply.inventory_turnover_days", None if days is None else Value("duration", days, unit="days"))
        rate = profile.supply.return_rate
        _put(table, "supply.return_rate", None if rate is None else Value("percent", rate))
    _put(table, "scenarios.conservative", Value("ratio", profile.scenarios.conservative))
    _put(table, "scenarios.aggressive", Value("ratio", profile.scenarios.aggressive))


def reference_table(
    profile: Profile,
    goals: Goals,
    funnel: Funnel,
    budget: Budget,
    team: Team,
    timeline: Timeline,
    campaigns: list[CampaignRow],
    window: tuple[dt.date, dt.date],
) -> Table:
    """Return every name text can refer to, with its value; ``profile`` has its defaults filled in."""
    table: Table = {}
    _plan_and_goals(table, profile, goals, window)
    _money_and_team(table, budget, team)
    _funnel(table, funnel)
    _schedule(table, profile, timeline, campaigns)
    _profile_figures(table, profile)
    return table
