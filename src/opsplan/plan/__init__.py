"""The computed plan: ``build_plan(profile) -> Plan``, every number derived from a validated profile.

No I/O and no formatting happen here; the same profile always gives the same plan. See
``opsplan.plan.model`` for the shape and BRIEF §5 for the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from opsplan.i18n import about_profile
from opsplan.plan.anchors import anchor_findings, anchored_campaigns
from opsplan.plan.budget import build_budget, build_team
from opsplan.plan.calendar import build_campaigns, campaign_window_findings, festival_table_findings
from opsplan.plan.chapters import select_chapters
from opsplan.plan.dates import add_months, goals_window
from opsplan.plan.defaults import fill_defaults
from opsplan.plan.findings import funnel_findings, goal_findings, money_findings, timeline_findings
from opsplan.plan.funnel import build_balance, build_cases, build_forward
from opsplan.plan.gantt import build_gantt
from opsplan.plan.links import build_links
from opsplan.plan.milestones import accepted_late_at_short, milestone_findings
from opsplan.plan.model import EngineFinding, Funnel, Plan
from opsplan.plan.outcomes import build_outcomes
from opsplan.plan.refnames import said_campaigns_left_out, said_reference_table
from opsplan.plan.refs import TextResolver, resolve_profile, swap_text
from opsplan.plan.reftable import Table, reference_table
from opsplan.plan.risks import build_risks
from opsplan.plan.scenarios import build_scenarios
from opsplan.plan.targets import build_goals
from opsplan.plan.timeline import schedule
from opsplan.profile import Profile

__all__ = ["EngineFinding", "Plan", "build_plan", "plan_references"]


def plan_window(profile: Profile, end_with_buffer: dt.date) -> tuple[dt.date, dt.date]:
    """Return the first and last day the plan covers: to the last horizon or the schedule's end."""
    last_horizon = profile.goals.horizons()[-1][1].months
    horizon_end = add_months(profile.plan.start, last_horizon) - dt.timedelta(days=1)
    return profile.plan.start, max(horizon_end, end_with_buffer)


def build_plan(profile: Profile, number_gaps: Sequence[tuple[str | int, ...]] = ()) -> Plan:
    """Compute the whole plan from ``profile``.

    ``number_gaps``: the paths of the numbers the profile left to fill (``Document.number_gaps``), whose
    figures are the kind's examples; the plan keeps them so a draft marks those figures.

    Its findings (and the error) are worded in the profile's ``plan.locale`` unless ``--lang`` or ``OPSPLAN_LANG``
    chose. Raises ``opsplan.errors.PlanError`` when the timeline's dependencies form a cycle.
    """
    with about_profile(profile.plan.locale):
        return _build_plan(profile).model_copy(update={"number_gaps": [tuple(path) for path in number_gaps]})


def _build_plan(profile: Profile) -> Plan:
    locale, currency = profile.plan.locale, profile.plan.currency
    goals = build_goals(profile)
    cases, forward = build_cases(profile, goals), build_forward(profile, goals)
    funnel = Funnel(horizons=cases, forward=forward, balance=build_balance(cases, forward))
    budget = build_budget(profile)
    team = build_team(profile)
    timeline, graph, succs, order = schedule(profile)
    first, last = plan_window(profile, timeline.end_with_buffer)
    campaigns = anchored_campaigns(
        timeline,
        build_campaigns(profile.campaigns, profile.plan.retail_calendar, locale, goals_window(profile), last),
    )
    filled = fill_defaults(profile, goals, timeline)
    table = said_reference_table(filled, (goals, funnel, budget, team, timeline, campaigns), (first, last), currency)
    resolver = TextResolver(table, locale, currency, said_campaigns_left_out(profile, campaigns, last, table, currency))
    resolved = resolve_profile(filled, resolver)
    chapters, omitted = select_chapters(resolved)  # titles of sections.<key> as the plan says them
    texts = resolver.resolved
    said_timeline = swap_text(timeline, texts)  # findings name tasks, milestones and campaigns as the plan says them
    said_campaigns = swap_text(profile.campaigns, texts)
    # budget lines, channels, roles and funnel stages are named in tables and classified by name as the plan says them
    said_budget, said_team, said_funnel = swap_text(budget, texts), swap_text(team, texts), swap_text(funnel, texts)
    findings = [
        *omitted,
        *goal_findings(profile),
        *funnel_findings(profile, said_funnel),
        *money_findings(said_budget, said_team),
        *([] if accepted_late_at_short(timeline) else timeline_findings(profile, timeline)),
        *campaign_window_findings(said_campaigns, *goals_window(profile)),
        *festival_table_findings(said_campaigns, profile.plan.retail_calendar, goals_window(profile), last),
        *anchor_findings(profile, said_timeline),
        *milestone_findings(filled, said_timeline),
        *resolver.findings,
    ]
    return Plan(
        profile=resolved,
        locale=locale,
        currency=profile.plan.currency,
        kind=profile.plan.kind,
        chapters=chapters,
        goals=goals.model_copy(update={"horizons": swap_text(goals.horizons, texts)}),
        funnel=said_funnel,
        budget=said_budget,
        team=said_team,
        risks=swap_text(build_risks(profile), texts),
        timeline=said_timeline,
        gantt=swap_text(build_gantt(timeline, campaigns, last), texts),
        campaigns=swap_text(campaigns, texts),
        scenarios=build_scenarios(profile, said_funnel),
        kpi_links=swap_text(build_links(timeline, graph, succs, order), texts),
        outcomes=build_outcomes(profile),
        findings=findings,
        texts=texts,
    )


def plan_references(plan: Plan) -> Table:
    """Return every name profile text can refer to in ``plan``, with its value (README: References in text)."""
    window = plan_window(plan.profile, plan.timeline.end_with_buffer)
    return reference_table(
        plan.profile, plan.goals, plan.funnel, plan.budget, plan.team, plan.timeline, plan.campaigns, window
    )
