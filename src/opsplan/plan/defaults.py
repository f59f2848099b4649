"""Values a profile may leave out because the plan knows them: one value, one place.

* a KPI's target defaults to the first goal horizon (short, mid, long) that targets its metric;
* a milestone's target for each metric it gates defaults to the goal trajectory's value on the
  milestone's date (months counted from ``plan.start``, fractions of a month by calendar days),
  rounded as a planner states a target (``round_target``: toward the stricter side, up for a metric
  that should rise, down for one that should fall, but not past a goal's own target) unless it is a
  goal's own target;
  a metric with no trajectory falls back to its KPI target, then its baseline;
* a campaign's GMV defaults to the trajectory's monthly GMV (or annual GMV / 12) spread over the
  campaign's days: each day adds the monthly GMV of the plan month it falls in ÷ the days of that month,
  rounded the same way (up, as GMV should rise);
  for a campaign that recurs, over its first occurrence in the plan window (what ``${campaigns.<name>.gmv}``
  shows).

``fill_defaults`` returns the profile with those values written in, which is what the plan holds.
"""

from __future__ import annotations

import datetime as dt
import math

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.plan.calendar import runs_in_window
from opsplan.plan.dates import add_months, goals_window, month_days
from opsplan.plan.model import Goals
from opsplan.plan.schedule_model import Timeline
from opsplan.plan.targets import round_target, value_at
from opsplan.profile import Profile


def months_between(start: dt.date, day: dt.date) -> float:
    """Return the months from ``start`` to ``day``: whole months, plus the rest as a fraction of a month."""
    whole = (day.year - start.year) * 12 + day.month - start.month
    if add_months(start, whole) > day:
        whole -= 1
    anchor = add_months(start, whole)
    following = add_months(start, whole + 1)
    return whole + (day - anchor).days / (following - anchor).days


def trajectory_value(goals: Goals, metric: str, month: float) -> float | None:
    """Return ``metric``'s planned value at ``month`` (clamped to its first and last anchors); None if untracked."""
    for row in goals.metrics:
        if row.metric == metric and row.anchors:
            first, last = row.anchors[0][0], row.anchors[-1][0]
            return value_at(row, min(max(month, first), last))
    return None


def planned_target(goals: Goals, metric: str, month: float) -> float | None:
    """Return the target a milestone at ``month`` defaults to: the trajectory's value, rounded unless a goal's own."""
    value = trajectory_value(goals, metric, month)
    if value is None:
        return None
    goal_values = {anchor for row in goals.metrics if row.metric == metric for _, anchor in row.anchors}
    if value in goal_values:
        return value
    stated = round_target(CATALOGUE[metric].kind, value, CATALOGUE[metric].direction)
    # rounding toward the stricter side stops at a goal's own target rather than passing it
    passed = [goal for goal in goal_values if min(value, stated) < goal < max(value, stated)]
    return min(passed, key=lambda goal: abs(goal - value)) if passed else stated


def kpi_target(profile: Profile, metric: str) -> float | None:
    """Return the target the profile's KPI dashboard sets for ``metric``, given or defaulted."""
    for kpi in profile.kpis:
        if kpi.metric == metric:
            return kpi.target if kpi.target is not None else goal_target(profile, metric)
    return None


def goal_target(profile: Profile, metric: str) -> float | None:
    """Return the first horizon's target for ``metric`` (short, then mid, then long); None when no goal sets it."""
    for _, horizon in profile.goals.horizons():
        if metric in horizon.targets:
            return float(horizon.targets[metric])
    return None


def monthly_gmv(goals: Goals, month: float) -> float | None:
    """Return the planned monthly GMV at ``month``: the monthly_gmv trajectory, else annual_gmv / 12."""
    value = trajectory_value(goals, "monthly_gmv", month)
    if value is not None:
        return value
    annual = trajectory_value(goals, "annual_gmv", month)
    return None if annual is None else annual / 12


def campaign_gmv(goals: Goals, start: dt.date, first: dt.date, last: dt.date) -> float | None:
    """Return the trajectory's GMV over the days ``first``–``last`` of a plan that starts on ``start``."""
    total = 0.0
    day = first
    while day <= last:
        # a stretch of days inside one plan month and one calendar month
        whole = int(months_between(start, day))
        days_in_month = month_days(day.year, day.month)
        next_calendar = day.replace(day=1) + dt.timedelta(days=days_in_month)
        stop = min(add_months(start, whole + 1), next_calendar, last + dt.timedelta(days=1))
        value = monthly_gmv(goals, whole + 1)  # the first plan month is month 1 on the trajectory
        if value is None:
            return None
        total += value * (stop - day).days / days_in_month
        day = stop
    return total


def stated_campaign_gmv(goals: Goals, start: dt.date, first: dt.date, last: dt.date) -> float | None:
    """Return the GMV a campaign on ``first``–``last`` defaults to: its days' trajectory GMV, rounded up.

    Rounded down instead where rounding up would pass the whole GMV of the month it ends in: a campaign
    over a whole plan month of 30,500 is stated 30,000, as 31,000 would be more than its month plans.
    """
    gmv = campaign_gmv(goals, start, first, last)
    if gmv is None:
        return None
    stated = round_target(MetricKind.MONEY, gmv)
    whole = monthly_gmv(goals, max(1, math.ceil(months_between(start, last))))
    if whole is not None and gmv <= whole < stated:
        return round_target(MetricKind.MONEY, gmv, Direction.DOWN)
    return stated


def fill_defaults(profile: Profile, goals: Goals, timeline: Timeline) -> Profile:
    """Return ``profile`` with KPI targets, milestone targets and campaign GMV filled in where left out."""
    kpis = [
        k if k.target is not None else k.model_copy(update={"target": goal_target(profile, k.metric)})
        for k in profile.kpis
    ]
    dates = {m.id: m.date for m in timeline.milestones}
    milestones = []
    for milestone in profile.timeline.milestones:
        day = dates.get(milestone.id)
        targets = dict(milestone.targets)
        for metric in milestone.kpis:
            if metric in targets or day is None:
                continue
            value = planned_target(goals, metric, months_between(profile.plan.start, day))
            value = value if value is not None else kpi_target(profile, metric)
            value = value if value is not None else profile.baseline.get(metric)
            if value is not None:
                targets[metric] = value
        milestones.append(milestone.model_copy(update={"targets": targets}))
    window = goals_window(profile)
    campaigns = []
    for c in profile.campaigns:
        runs = runs_in_window(c, *window)
        if c.gmv is None and runs:
            c = c.model_copy(update={"gmv": stated_campaign_gmv(goals, profile.plan.start, *runs[0])})
        campaigns.append(c)
    plan_info = (
        profile.plan if profile.plan.date is not None else profile.plan.model_copy(update={"date": dt.date.today()})
    )
    timeline_section = profile.timeline.model_copy(update={"milestones": milestones})
    return profile.model_copy(
        update={"kpis": kpis, "timeline": timeline_section, "campaigns": campaigns, "plan": plan_info}
    )
