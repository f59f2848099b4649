"""One value, one place: a value the profile gives twice must be the same in both places (OPS620).

* a KPI's ``target`` against the goal target it measures (the first horizon that targets its metric);
* a milestone's ``targets`` against a horizon's target for the same metric, when the milestone falls in
  the horizon's month (its date rounds to the horizon's month count from ``plan.start``).

Each finding names both fields and both lines. The cure is to give the value once: leave the KPI's target
(or the milestone's) out and the plan takes the goal's.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from opsplan.check.findings import Finding
from opsplan.check.messages import metric_label, msg
from opsplan.check.profile_rules import Locator
from opsplan.errors import PlanError
from opsplan.load import format_path
from opsplan.plan.defaults import months_between
from opsplan.yamlread import PathKey


def _goal_path(loc: Locator, metric: str) -> PathKey | None:
    for name, horizon in loc.profile.goals.horizons():
        if metric in horizon.targets:
            return ("goals", name, "targets", metric)
    return None


def _shown(metric: str, value: float) -> str:
    from opsplan.formatting import metric_value
    from opsplan.i18n import language

    return metric_value(language(), value, metric)


def _finding(loc: Locator, here: PathKey, there: PathKey, metric: str, mine: float, theirs: float) -> Finding:
    line = loc.document.locate(there).line
    message = msg(
        "OPS620",
        here=format_path(here),
        label=metric_label(metric),
        mine=_shown(metric, mine),
        there=format_path(there),
        line=line,
        theirs=_shown(metric, theirs),
    )
    return loc.finding("OPS620", here, message, msg("OPS620.hint"))


def check_agreement(loc: Locator) -> list[Finding]:
    """OPS620: a KPI or milestone target that disagrees with the goal target it restates."""
    return [*_kpis(loc), *_milestones(loc)]


def _kpis(loc: Locator) -> Iterator[Finding]:
    for i, kpi in enumerate(loc.profile.kpis):
        there = _goal_path(loc, kpi.metric)
        if kpi.target is None or there is None:
            continue
        goal = float(dict(loc.profile.goals.horizons())[str(there[1])].targets[kpi.metric])
        if not math.isclose(kpi.target, goal, rel_tol=1e-9, abs_tol=1e-12):
            yield _finding(loc, ("kpis", i, "target"), there, kpi.metric, kpi.target, goal)


def _milestones(loc: Locator) -> Iterator[Finding]:
    if not any(m.targets for m in loc.profile.timeline.milestones):
        return
    from opsplan.check.engine_rules import engine_profile
    from opsplan.plan.timeline import schedule

    try:
        timeline = schedule(engine_profile(loc.profile))[0]
    except PlanError:
        return  # a dependency cycle: OPS701 reports it and there are no dates to compare
    dates = {m.id: m.date for m in timeline.milestones}
    start = loc.profile.plan.start
    for i, milestone in enumerate(loc.profile.timeline.milestones):
        day = dates.get(milestone.id)
        if day is None:
            continue
        month = round(months_between(start, day))
        for name, horizon in loc.profile.goals.horizons():
            if horizon.months != month:
                continue
            for metric, value in milestone.targets.items():
                if metric in horizon.targets and not math.isclose(value, horizon.targets[metric], rel_tol=1e-9):
                    here = ("timeline", "milestones", i, "targets", metric)
                    there = ("goals", name, "targets", metric)
                    yield _finding(loc, here, there, metric, value, float(horizon.targets[metric]))
