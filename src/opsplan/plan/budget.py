"""Budget lines, channel spend and return, CAC, and the team's payroll (BRIEF §5.3–5.4).

What a budget line pays for is read from its name (``line_purpose``); the lines of one purpose and what they hold
together (``purpose_lines``) are read by the plan's text about the payroll and by the check's money rules (OPS905)
alike, so the two never disagree on which lines pay the team or on their sum.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

from opsplan.plan.base import copied
from opsplan.plan.model import Budget, BudgetLine, Cac, ChannelSpend, RoleCost, Team
from opsplan.profile import Profile

CacSource = Literal["short", "mid", "long", "baseline"]
LinePurpose = Literal["people", "influencer", "paid"]

LINE_WORDS: dict[LinePurpose, tuple[str, ...]] = {
    "people": (
        "人力",
        "人员",
        "人工",
        "薪",
        "工资",
        "团队",
        "people",
        "payroll",
        "staff",
        "salar",
        "team",
        "personnel",
    ),
    "influencer": ("达人", "种草", "kol", "koc", "探店", "influencer", "creator"),
    "paid": ("投放", "广告", "千川", "付费", "dou+", "推广", "paid", "ad", "ads", "advertis", "media"),
}
"""Words that say what a budget line pays for, tried in this order (the README lists them)."""


def line_purpose(name: str) -> LinePurpose | None:
    """Return what a budget line pays for, by its name as the plan says it: people, influencer, paid or None.

    A Chinese word is found anywhere; an English one of up to three letters only as a word (ad, not "trade").
    """
    lowered = name.casefold()
    words = set(re.findall(r"[a-z+]+", lowered))
    for purpose, markers in LINE_WORDS.items():
        for marker in markers:
            ascii_word = marker.isascii() and marker.replace("+", "").isalpha()
            if (marker in words or (len(marker) > 3 and marker in lowered)) if ascii_word else marker in lowered:
                return purpose
    return None


class PurposeLines(NamedTuple):
    """The budget lines that pay for one purpose: their places in ``Budget.items``, names and summed amount."""

    indexes: tuple[int, ...]
    names: tuple[str, ...]
    amount: float

    def below(self, spend: float) -> bool:
        """Return whether there are such lines and together they hold less than ``spend`` (rounding allowed)."""
        return bool(self.indexes) and self.amount < spend * 0.999999


def purpose_lines(
    budget: Budget, purpose: LinePurpose, purposes: Sequence[LinePurpose | None] | None = None
) -> PurposeLines:
    """Return every line of ``budget`` that pays for ``purpose`` (by ``line_purpose`` of its name), and their sum.

    ``budget`` is the plan's (``Plan.budget``), whose names are resolved as the reader sees them. ``purposes``, if
    given, is ``line_purpose`` of each line's name, in their order (read once by a caller that asks of each purpose).
    """
    if purposes is None:
        purposes = [line_purpose(line.name) for line in budget.items]
    indexes = tuple(i for i, line_is in enumerate(purposes) if line_is == purpose)
    return PurposeLines(
        indexes=indexes,
        names=tuple(budget.items[i].name for i in indexes),
        amount=float(sum(budget.items[i].amount for i in indexes)),
    )


def _new_customers(profile: Profile) -> tuple[CacSource, float] | None:
    """Return the new-customer figure CAC is based on: the first horizon that targets it, else the baseline."""
    for name, horizon in profile.goals.horizons():
        if "new_customers" in horizon.targets:
            source: CacSource = "short" if name == "short" else "mid" if name == "mid" else "long"
            return source, float(horizon.targets["new_customers"])
    if "new_customers" in profile.baseline:
        return "baseline", float(profile.baseline["new_customers"])
    return None


def build_budget(profile: Profile) -> Budget:
    """Split the budget into amounts per item and month; price the channels; compute CAC."""
    budget = profile.budget
    months = budget.months
    items = [
        BudgetLine(name=i.name, share=i.share, amount=budget.total * i.share, monthly=budget.total * i.share / months)
        for i in budget.items
    ]
    channels: list[ChannelSpend] = []
    for c in profile.traffic.channels:
        period = None if c.monthly_spend is None else c.monthly_spend * months
        gmv_return = None if period is None or c.roi is None else period * c.roi
        channels.append(copied(ChannelSpend, c, period_spend=period, gmv_return=gmv_return))
    spends = [c.monthly_spend for c in channels if c.monthly_spend is not None]
    channel_spend = float(sum(spends))
    cac = None
    customers = _new_customers(profile)
    if customers is not None:
        basis: Literal["channels", "budget"] = "channels" if spends else "budget"
        spend = channel_spend if spends else budget.total / months
        cac = Cac(
            source=customers[0],
            new_customers=customers[1],
            monthly_spend=spend,
            spend_basis=basis,
            value=spend / customers[1] if customers[1] > 0 else None,
        )
    return Budget(
        total=budget.total,
        months=months,
        monthly_total=budget.total / months,
        share_sum=float(sum(i.share for i in budget.items)),
        items=items,
        channels=channels,
        channel_monthly_spend=channel_spend,
        channel_gmv_return=float(sum(c.gmv_return for c in channels if c.gmv_return is not None)),
        cac=cac,
    )


def build_team(profile: Profile) -> Team:
    """Headcount and payroll per role and in total, over the budget period, against the budget."""
    months = profile.budget.months
    roles = [
        RoleCost(
            role=r.role,
            count=r.count,
            monthly_cost=r.monthly_cost,
            monthly_payroll=r.count * r.monthly_cost,
            period_payroll=r.count * r.monthly_cost * months,
        )
        for r in profile.team
    ]
    monthly = float(sum(r.monthly_payroll for r in roles))
    return Team(
        roles=roles,
        headcount=sum(r.count for r in roles),
        monthly_payroll=monthly,
        months=months,
        period_payroll=monthly * months,
        payroll_share_of_budget=monthly * months / profile.budget.total,
    )
