"""Cross-checks between the numbers of a plan: money that does not add up, and growth past rules of thumb.

Money (errors, category ``money``):

* OPS904: channel spend × budget months + payroll × budget months + the budget lines that pay for
  neither exceeds the budget total;
* OPS905: a budget line below what the plan spends on it: the people line below the payroll, the paid
  media line below the paid channels' spend, the influencer line below the influencer channels' spend;
* OPS906: the GMV the spending channels return (spend × ROI) above the GMV the goals plan for the budget
  months (the monthly GMV trajectory, month 1 to the budget's last month);
* OPS907: a campaign's stated GMV above the GMV its month plans on the trajectory.

A budget line's purpose is found by its name (``opsplan.plan.budget.line_purpose``, as the plan's payroll text
finds its people line; documented in the README). The name is the plan's (``Plan.budget``), its references
resolved: what the reader sees, not ``${team.headcount}`` (a "team" word).

Plausibility (warnings; ceilings in ``plausibility:`` of the profile, rules of thumb):

* OPS607: a count or money target grows faster a month than its ceiling (30% counts, 25% money);
* OPS608: a conversion rate target above its ceiling (10%);
* OPS910: a ROI (target or channel assumption) above its ceiling (5);
* OPS611: a horizon one month after the one before it (or after the start) that moves a count or money
  metric more than ``one_month_jump`` times;
* OPS909 (money): ROI, ROAS or CAC targets, or a paid-media role, with no paid channel.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from opsplan.check.findings import Finding
from opsplan.check.messages import listing, metric_label, msg, term
from opsplan.check.profile_rules import Locator
from opsplan.formatting import said_number
from opsplan.i18n import listing_and
from opsplan.metrics import Direction, MetricKind
from opsplan.plan.budget import line_purpose, purpose_lines
from opsplan.plan.calendar import runs_in_window
from opsplan.plan.dates import add_months, goals_window
from opsplan.plan.defaults import months_between, trajectory_value
from opsplan.plan.model import Plan
from opsplan.profile import ChannelType

PAID_ROLE_WORDS = ("投放", "投流", "广告", "千川", "paid", "ads", "media buyer")


def _spend_by_purpose(plan: Plan) -> dict[str, float]:
    """Return what the plan spends over the budget period on people, paid media and influencers."""
    spend = {"people": plan.team.period_payroll, "paid": 0.0, "influencer": 0.0}
    for channel in plan.budget.channels:
        if channel.period_spend and channel.type in (ChannelType.PAID, ChannelType.INFLUENCER):
            spend[channel.type.value] += channel.period_spend
    return spend


def check_money(loc: Locator, plan: Plan) -> Iterator[Finding]:
    """OPS904 committed spend over the budget; OPS905 a budget line below what it pays for."""
    budget = plan.budget
    months = budget.months
    purposes = [line_purpose(item.name) for item in budget.items]
    channel_spend = sum(c.period_spend or 0.0 for c in budget.channels)
    other = sum(item.amount for item, purpose in zip(budget.items, purposes, strict=True) if purpose is None)
    committed = channel_spend + plan.team.period_payroll + other
    if committed > budget.total * 1.000001 and plan.team.period_payroll <= budget.total:  # else OPS901 says it
        yield loc.finding(
            "OPS904",
            ("budget", "total"),
            msg(
                "OPS904",
                channels=said_number(channel_spend),
                channels_monthly=said_number(budget.channel_monthly_spend),
                months=months,
                payroll=said_number(plan.team.period_payroll),
                payroll_monthly=said_number(plan.team.monthly_payroll),
                other=said_number(other),
                committed=said_number(committed),
                total=said_number(budget.total),
            ),
            msg("OPS904.hint"),
        )
    spend = _spend_by_purpose(plan)
    for purpose in ("people", "paid", "influencer"):
        lines = purpose_lines(budget, purpose, purposes)  # as the organization chapter reads the people lines
        if spend[purpose] > 0 and lines.below(spend[purpose]):
            yield loc.finding(
                "OPS905",
                ("budget", "items", lines.indexes[0], "share"),
                msg(
                    "OPS905",
                    lines=msg(
                        "OPS905.one" if len(lines.names) == 1 else "OPS905.many",
                        names=listing_and([f"'{name}'" for name in lines.names]),
                    ),
                    amount=said_number(lines.amount),
                    what=msg(f"OPS905.{purpose}"),
                    months=months,
                    spend=said_number(spend[purpose]),
                ),
                msg("OPS905.hint", share=f"{spend[purpose] / budget.total:.1%}"),
            )


def planned_gmv(plan: Plan, months: int) -> float | None:
    """Return the GMV the goals plan from month 1 to ``months``: the monthly trajectory summed (None if none)."""
    total = 0.0
    for month in range(1, months + 1):
        monthly = trajectory_value(plan.goals, "monthly_gmv", month)
        if monthly is None:
            annual = trajectory_value(plan.goals, "annual_gmv", month)
            if annual is None:
                return None
            monthly = annual / 12
        total += monthly
    return total


def check_returns(loc: Locator, plan: Plan) -> Iterator[Finding]:
    """OPS906 channels returning more GMV than the goals plan; OPS907 a campaign above its month."""
    budget = plan.budget
    returning = [c for c in budget.channels if c.gmv_return]
    planned = planned_gmv(plan, budget.months)
    if returning and planned:
        total = sum(c.gmv_return or 0.0 for c in returning)
        if total > planned * 1.000001:
            index = budget.channels.index(max(returning, key=lambda c: c.gmv_return or 0.0))
            parts = listing([f"{c.name} {said_number(c.gmv_return or 0.0)}" for c in returning])
            yield loc.finding(
                "OPS906",
                ("traffic", "channels", index, "roi"),
                msg(
                    "OPS906",
                    total=said_number(total),
                    months=budget.months,
                    parts=parts,
                    ratio=f"{total / planned:.0%}",
                    planned=said_number(round(planned)),
                ),
                msg("OPS906.hint"),
            )
    start = loc.profile.plan.start
    window = goals_window(loc.profile)
    for index, campaign in enumerate(loc.profile.campaigns):
        # a campaign that recurs states one GMV for every year: each occurrence is held to its own month
        gmv = campaign.gmv
        if gmv is None:
            continue
        months = [max(1, math.ceil(months_between(start, end))) for _, end in runs_in_window(campaign, *window)]
        over = [(m, v) for m in months if (v := trajectory_value(plan.goals, "monthly_gmv", m)) is not None]
        over = [(m, v) for m, v in over if gmv > v * 1.000001]
        if not over:
            continue
        month, monthly = over[0]
        first = add_months(start, month - 1)
        yield loc.finding(
            "OPS907",
            ("campaigns", index, "gmv"),
            msg(
                "OPS907",
                name=loc.said(campaign.name),
                gmv=said_number(gmv),
                monthly=said_number(round(monthly)),
                month=month,
                first=first.isoformat(),
            ),
            msg("OPS907.hint"),
        )


def _ceiling(loc: Locator, kind: MetricKind) -> tuple[float, str]:
    ceilings = loc.profile.plausibility
    if kind == MetricKind.COUNT:
        return ceilings.count_growth, "plausibility.count_growth"
    return ceilings.money_growth, "plausibility.money_growth"


def _horizon_of(loc: Locator, month: int) -> str:
    return next((name for name, h in loc.profile.goals.horizons() if h.months == month), "short")


def check_growth(loc: Locator, plan: Plan) -> Iterator[Finding]:
    """OPS607 growth past its ceiling; OPS611 a one-month horizon with a large jump."""
    jump = loc.profile.plausibility.one_month_jump
    for metric in plan.goals.metrics:
        if metric.kind not in (MetricKind.COUNT, MetricKind.MONEY) or metric.direction != Direction.UP:
            continue
        for seg in metric.segments:
            name = _horizon_of(loc, seg.to_month)
            path = ("goals", name, "targets", metric.metric)
            label = f"{metric_label(metric.metric)} ({metric.metric})"
            span = {
                "start": said_number(seg.from_value),
                "start_month": seg.from_month,
                "end": said_number(seg.to_value),
                "end_month": seg.to_month,
            }
            if seg.to_month - seg.from_month == 1:  # one month: judged by the jump, not by sustained growth
                if seg.from_value <= 0 or seg.to_value / seg.from_value <= jump:
                    continue
                yield loc.finding(
                    "OPS611",
                    path,
                    msg(
                        "OPS611",
                        label=label,
                        **span,
                        times=f"{seg.to_value / seg.from_value:.1f}",
                        jump=said_number(jump),
                    ),
                    msg("OPS611.hint", name=name, term=term(name)),
                )
                continue
            ceiling, setting = _ceiling(loc, metric.kind)
            if seg.cmgr is None or seg.cmgr <= ceiling:
                continue
            needed = math.ceil(math.log(seg.to_value / seg.from_value) / math.log(1 + ceiling))
            yield loc.finding(
                "OPS607",
                path,
                msg(
                    "OPS607",
                    label=label,
                    rate=f"{seg.cmgr:.0%}",
                    **span,
                    ceiling=f"{ceiling:.0%}",
                    needed=needed,
                    months=seg.to_month - seg.from_month,
                ),
                msg("OPS607.hint", setting=setting),
            )


def check_ceilings(loc: Locator) -> Iterator[Finding]:
    """OPS608 conversion rates and OPS910 ROI above their ceilings; OPS909 paid targets without a paid channel."""
    limits = loc.profile.plausibility
    for name, horizon in loc.profile.goals.horizons():
        for key, target in horizon.targets.items():
            path = ("goals", name, "targets", key)
            if "conversion" in key and limits.conversion_rate < target <= 1:  # above 1: refused as it is (OPS604)
                yield loc.finding(
                    "OPS608",
                    path,
                    msg(
                        "OPS608",
                        term=term(name),
                        label=metric_label(key),
                        key=key,
                        target=f"{target:.1%}",
                        ceiling=f"{limits.conversion_rate:.0%}",
                    ),
                    msg("OPS608.hint"),
                )
            if key in ("roi", "roas") and target > limits.roi:
                yield loc.finding(
                    "OPS910",
                    path,
                    msg(
                        "OPS910.target",
                        term=term(name),
                        key=key,
                        target=said_number(target),
                        ceiling=said_number(limits.roi),
                    ),
                    msg("OPS910.target_hint"),
                )
    for index, channel in enumerate(loc.profile.traffic.channels):
        if channel.roi is not None and channel.type is ChannelType.PAID and channel.roi > limits.roi:
            yield loc.finding(
                "OPS910",
                ("traffic", "channels", index, "roi"),
                msg(
                    "OPS910.channel",
                    name=loc.said(channel.name),
                    roi=said_number(channel.roi),
                    ceiling=said_number(limits.roi),
                ),
                msg("OPS910.channel_hint"),
            )
    if any(c.type is ChannelType.PAID for c in loc.profile.traffic.channels):
        return
    targeted = sorted({k for _, h in loc.profile.goals.horizons() for k in h.targets if k in ("roi", "roas", "cac")})
    if targeted:
        name = next(n for n, h in loc.profile.goals.horizons() if any(k in h.targets for k in targeted))
        yield loc.finding(
            "OPS909",
            ("goals", name, "targets", targeted[0]),
            msg("OPS909.targets", keys=listing(targeted)),
            msg("OPS909.targets_hint"),
        )
    for index, role in enumerate(loc.profile.team):
        said = loc.said(role.role)
        if any(word in said.casefold() for word in PAID_ROLE_WORDS):
            yield loc.finding(
                "OPS909",
                ("team", index, "role"),
                msg("OPS909.role", role=said),
                msg("OPS909.role_hint"),
            )


def check_cross(loc: Locator, plan: Plan) -> list[Finding]:
    """Run every cross-check on the profile and its computed plan."""
    return [*check_money(loc, plan), *check_returns(loc, plan), *check_growth(loc, plan), *check_ceilings(loc)]
