"""The reference table with items named as the plan says them: ``${budget.items.花间投放.amount}``.

An item's name may hold references itself (a budget line ``${shop.name}投放``). The plan shows it resolved
(花间投放), so text refers to it by that name, and an unknown reference's closest name is one a person can write
(``${…}`` cannot hold another ``${…}``). The names are resolved against the table keyed as written; one that
cannot be resolved there (it names another item by its resolved name, or nothing) keeps its key as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from opsplan.plan.model import Budget, CampaignRow, Funnel, Goals, Team
from opsplan.plan.refs import LeftOut, TextResolver, campaigns_left_out, swap_text
from opsplan.plan.reftable import Table, reference_table
from opsplan.plan.schedule_model import Timeline
from opsplan.profile import Profile


def _written_names(profile: Profile, budget: Budget, team: Team, campaigns: list[CampaignRow]) -> list[str]:
    """Return the names the table keys by that hold a reference (funnel stages are the profile's)."""
    names = [
        *(item.name for item in budget.items),
        *(channel.name for channel in budget.channels),
        *(role.role for role in team.roles),
        *(stage.stage for stage in profile.traffic.funnel),
        *(pillar.name for pillar in profile.content.pillars),
        *(segment.name for segment in profile.users.segments),
        *(campaign.name for campaign in campaigns),
    ]
    return [name for name in names if "${" in name]


def said_reference_table(
    profile: Profile,
    parts: tuple[Goals, Funnel, Budget, Team, Timeline, list[CampaignRow]],
    window: tuple[dt.date, dt.date],
    currency: str,
) -> Table:
    """Return ``reference_table`` for the plan's ``parts``, its items keyed by their names as the plan says them.

    ``profile`` has its defaults filled in; ``currency`` is the plan's, as the resolver formats money.
    """
    goals, funnel, budget, team, timeline, campaigns = parts
    table = reference_table(profile, goals, funnel, budget, team, timeline, campaigns, window)
    written = _written_names(profile, budget, team, campaigns)
    if not written:
        return table
    names = TextResolver(table, profile.plan.locale, currency)
    for name in written:
        names.text(name, ())
    said = names.resolved
    if not said:
        return table
    named = profile.model_copy(
        update={
            "content": profile.content.model_copy(update={"pillars": swap_text(profile.content.pillars, said)}),
            "users": profile.users.model_copy(update={"segments": swap_text(profile.users.segments, said)}),
            "campaigns": swap_text(profile.campaigns, said),
        }
    )
    return reference_table(
        named,
        goals,
        swap_text(funnel, said),
        swap_text(budget, said),
        swap_text(team, said),
        timeline,
        swap_text(campaigns, said),
        window,
    )


def said_campaigns_left_out(
    profile: Profile, rows: Sequence[CampaignRow], last: dt.date, table: Table, currency: str
) -> LeftOut:
    """Return ``campaigns_left_out`` with the campaigns named as the plan says them, resolved against ``table``.

    ``table`` is the plan's ``said_reference_table``: a campaign the plan leaves out (``${shop.name}周年庆``) is
    named in a reference's message, and keyed for it, as 花间周年庆, as every name the plan shows.
    """
    names = TextResolver(table, profile.plan.locale, currency)
    return campaigns_left_out(profile, rows, last, lambda name: names.text(name, ()))
