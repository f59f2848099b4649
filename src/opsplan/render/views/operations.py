"""Views of the chapters about the work itself: content, traffic, users and supply."""

from __future__ import annotations

from typing import Any

from opsplan.plan.funnel import ON_TARGET
from opsplan.plan.model import Plan
from opsplan.render.views.plain import own_fields

WEEKDAYS = 7
USER_METRICS = frozenset(
    {
        "repurchase_rate",
        "member_repurchase_90d",
        "churn_rate",
        "active_user_share",
        "group_sales_share",
        "koc_count",
        "members",
        "group_members",
        "new_customers",
        "nps",
        "redemption_rate",
        "positive_review_rate",
    }
)


def spread_week(posts: int, offset: int) -> list[int]:
    """Spread ``posts`` posts over the seven days of a week, round-robin from day ``offset``.

    Presentation only (no new figures): 3 posts from Tuesday (offset 1) → [0, 1, 0, 1, 0, 1, 0].
    """
    days = [posts // WEEKDAYS] * WEEKDAYS
    for i in range(posts % WEEKDAYS):
        days[(offset + i * WEEKDAYS // max(posts % WEEKDAYS, 1)) % WEEKDAYS] += 1
    return days


def content_view(plan: Plan) -> dict[str, Any]:
    """Pillars (the largest named), the weekly calendar and the workflow."""
    content = plan.profile.content
    calendar: list[dict[str, Any]] = []
    offset = 0
    for pillar in content.pillars:
        per_week = round(pillar.per_week)
        calendar.append({"name": pillar.name, "per_week": per_week, "days": spread_week(per_week, offset)})
        offset += per_week
    largest = max(content.pillars, key=lambda p: p.share, default=None)
    return {
        "strategy": content.strategy,
        "pillars": content.pillars,
        "largest": largest,
        "posts_per_week": sum(p.per_week for p in content.pillars),
        "calendar": calendar,
        "calendar_total": sum(row["per_week"] for row in calendar),
        "calendar_days": [sum(row["days"][d] for row in calendar) for d in range(WEEKDAYS)],
        "workflow": content.workflow,
        "sections": {
            "strategy": bool(content.strategy or content.pillars),
            "pillars": bool(content.pillars),
            "calendar": any(row["per_week"] for row in calendar),
            "workflow": bool(content.workflow),
        },
    }


def traffic_view(plan: Plan) -> dict[str, Any]:
    """Channels with their tactics, the funnel both ways (on target, a surplus or a gap), promotions and live."""
    traffic = plan.profile.traffic
    live = plan.profile.live
    channels = [
        {**own_fields(ch), "tactics": src.tactics}
        for ch, src in zip(plan.budget.channels, traffic.channels, strict=True)
    ]
    cases = [c for c in plan.funnel.horizons if c.stages]
    forward = plan.funnel.forward
    balance = plan.funnel.balance
    return {
        "strategy": traffic.strategy,
        "channels": channels,
        "monthly_spend": plan.budget.channel_monthly_spend,
        "gmv_return": plan.budget.channel_gmv_return,
        "months": plan.budget.months,
        "cases": cases,
        "stages": cases[0].stages if cases else [],
        "forward": forward,
        "balance": None if balance is None else {**own_fields(balance), "amount": abs(balance.difference)},
        "on_target": ON_TARGET,
        "promotions": traffic.promotions,
        "live": live,
        "live_hours_per_week": live.sessions_per_week * live.hours_per_session if live else 0.0,
        "script_minutes": sum(seg.minutes for seg in live.script) if live else 0.0,
        "sections": {
            "channels": bool(channels or traffic.strategy),
            "funnel": bool(cases),
            "promotions": bool(traffic.promotions),
            "live": live is not None and bool(live.sessions_per_week or live.anchors or live.script),
        },
    }


def users_view(plan: Plan) -> dict[str, Any]:
    """Segments (largest and smallest named), lifecycle, tiers, community and the user metrics' targets."""
    users = plan.profile.users
    segments = users.segments
    largest = max(segments, key=lambda s: s.share, default=None)
    smallest = min(segments, key=lambda s: s.share, default=None)
    kept = []
    for goal in plan.goals.metrics:
        if goal.metric in USER_METRICS and goal.targets:
            end = list(goal.targets)[-1]
            kept.append(
                {
                    "metric": goal.metric,
                    "baseline": goal.baseline,
                    "horizon": end,
                    "target": goal.targets[end],
                    "direction": goal.direction.value,
                }
            )
    return {
        "strategy": users.strategy,
        "segments": segments,
        "largest": largest,
        "smallest": smallest if smallest is not largest else None,
        "lifecycle": users.lifecycle,
        "tiers": users.tiers,
        "community": users.community,
        "kept": kept,
        "sections": {
            "segments": bool(segments or users.strategy),
            "lifecycle": bool(users.lifecycle),
            "community": bool(users.tiers or users.community),
            "retention": bool(kept),
        },
    }


def supply_view(plan: Plan) -> dict[str, Any]:
    """Suppliers, stock turnover, returns and logistics (each section only when the profile gives it)."""
    supply = plan.profile.supply
    if supply is None:
        return {"sections": {"suppliers": False, "stock": False, "logistics": False}}
    return {
        "strategy": supply.strategy,
        "suppliers": supply.suppliers,
        "turnover_days": supply.inventory_turnover_days,
        "return_rate": supply.return_rate,
        "logistics": supply.logistics,
        "returns_policy": supply.returns_policy,
        "sections": {
            "suppliers": bool(supply.strategy or supply.suppliers),
            "stock": supply.inventory_turnover_days is not None or supply.return_rate is not None,
            "logistics": bool(supply.logistics or supply.returns_policy),
        },
    }
