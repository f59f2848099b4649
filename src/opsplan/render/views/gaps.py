"""The view of a draft's numbers left to fill: which figures are the kind's examples, marked where they show.

A skeleton's number written empty (``budget.total:``) gets the kind's figure so the draft computes
(``opsplan.gaps``); the plan keeps those paths (``Plan.number_gaps``). Here they become what templates
need: the gap mark beside each figure that comes straight from one (an empty string elsewhere), and the
list the draft notice names. Outside a draft nothing is marked: a plan with gaps is not rendered then.
"""

from __future__ import annotations

from typing import Any

from opsplan.gaps import gap_mark
from opsplan.plan.model import Plan


def gaps_view(plan: Plan, *, draft: bool) -> dict[str, Any]:
    """Return the gap marks of ``plan``'s figures and the draft notice's list of example figures.

    ``baseline[metric]``, ``targets[horizon][metric]``, ``budget_total``, ``headcount[i]`` (role ``i``)
    and ``team_headcount`` (the team's total, a sum of the roles') are the mark to write after the figure,
    or "" when the figure was given. ``notice`` lists the gaps: per metric (baseline and horizons), the
    budget total, the roles' headcounts, then any other number by its path.
    """
    gaps = {tuple(path) for path in plan.number_gaps} if draft else set()
    mark = (" " if not plan.locale.startswith("zh") else "") + gap_mark(plan.locale)
    metrics = [goal.metric for goal in plan.goals.metrics]
    metrics += sorted({str(p[1]) for p in gaps if len(p) == 2 and p[0] == "baseline"} - set(metrics))
    horizons = [h.name for h in plan.goals.horizons]
    baseline = {str(m): mark if ("baseline", m) in gaps else "" for m in [*plan.profile.baseline, *metrics]}
    targets = {h: {m: mark if ("goals", h, "targets", m) in gaps else "" for m in metrics} for h in horizons}
    roles = [role.role for role in plan.profile.team]
    headcount = [mark if ("team", i, "count") in gaps else "" for i in range(len(roles))]
    known: set[tuple[str | int, ...]] = {("baseline", m) for m in metrics} | {
        ("goals", h, "targets", m) for h in horizons for m in metrics
    }
    known |= {("budget", "total")} | {("team", i, "count") for i in range(len(roles))}
    notice: list[dict[str, Any]] = []
    for m in metrics:
        where = [h for h in horizons if targets[h][m]]
        if baseline[m] or where:
            notice.append({"kind": "metric", "metric": m, "baseline": bool(baseline[m]), "horizons": where})
    if ("budget", "total") in gaps:
        notice.append({"kind": "budget_total"})
    if any(headcount):
        notice.append({"kind": "headcount", "roles": [r for r, gap in zip(roles, headcount, strict=True) if gap]})
    for path in sorted(gaps - known, key=str):
        notice.append({"kind": "other", "path": ".".join(str(part) for part in path)})
    return {
        "mark": gap_mark(plan.locale),
        "baseline": baseline,
        "targets": targets,
        "budget_total": mark if ("budget", "total") in gaps else "",
        "headcount": headcount,
        "team_headcount": mark if any(headcount) else "",
        "notice": notice,
    }
