"""Views of the chapters that describe the starting point: background, problems, positioning.

Each ``*_view(plan)`` returns what its chapter template shows and which sentences it says, decided
here from the plan's values; the templates of both locales only word them.
"""

from __future__ import annotations

from typing import Any

from opsplan.metrics import CATALOGUE
from opsplan.plan.model import Plan


def background_view(plan: Plan) -> dict[str, Any]:
    """Market facts, trends, platform rules, competitors and the advantage the chapter ends on."""
    market = plan.profile.market
    shop = plan.profile.shop
    rivals = sorted(market.competitors, key=lambda c: c.followers or 0, reverse=True)
    leader = rivals[0] if rivals and rivals[0].followers else None
    listed = sum(c.followers or 0 for c in rivals)
    return {
        "summary": market.summary,
        "facts": market.facts,
        "lead_fact": market.facts[0] if market.facts else None,
        "second_fact": market.facts[1] if len(market.facts) > 1 else None,
        "trends": market.trends,
        "platform_rules": market.platform_rules,
        "competitors": market.competitors,
        "leader": leader,
        "leader_share": (leader.followers or 0) / listed if leader and listed else None,
        "advantage": shop.advantages[0] if shop.advantages else None,
        "other_advantages": max(len(shop.advantages) - 1, 0),
        "sections": {
            "market": bool(market.summary or market.facts),
            "trends": bool(market.trends or market.platform_rules),
            "competitors": bool(market.competitors),
            "implications": bool(shop.advantages),
        },
    }


def problems_view(plan: Plan) -> dict[str, Any]:
    """Return the baseline, the problems with their evidence, and which problems the goals cover."""
    profile = plan.profile
    goals = {g.metric: g for g in plan.goals.metrics}
    problems = []
    coverage = []
    for i, problem in enumerate(profile.problems):
        metric = problem.metric
        baseline = profile.baseline.get(metric) if metric else None
        problems.append(
            {
                "title": problem.title,
                "evidence": problem.evidence,
                "impact": problem.impact,
                "variant": i % 2,
                "metric": metric,
                "baseline": baseline,
                "measured": "baseline" if baseline is not None else ("unmeasured" if metric else "none"),
            }
        )
        if metric:
            goal = goals.get(metric)
            last = list(goal.targets)[-1] if goal and goal.targets else None
            coverage.append(
                {
                    "title": problem.title,
                    "metric": metric,
                    "baseline": baseline,
                    "target": goal.targets[last] if goal and last else None,
                    "horizon": last,
                }
            )
    uncovered = sum(1 for row in coverage if row["target"] is None)
    return {
        "baseline": [
            {"metric": key, "value": value, "direction": CATALOGUE[key].direction.value if key in CATALOGUE else "up"}
            for key, value in profile.baseline.items()
        ],
        "start": profile.plan.start,
        "problems": problems,
        "coverage": coverage,
        "uncovered": uncovered,
        "unlinked": len(profile.problems) - len(coverage),
        "covered": "all" if coverage and not uncovered else "some" if len(coverage) > uncovered else "none",
        "sections": {"baseline": bool(profile.baseline), "problems": bool(problems), "coverage": bool(coverage)},
    }


def positioning_view(plan: Plan) -> dict[str, Any]:
    """Audience, value proposition and advantages."""
    shop = plan.profile.shop
    audience = shop.audience
    described = bool(audience.age or audience.gender or audience.income)
    return {
        "audience": audience,
        "described": described,
        "value_proposition": shop.value_proposition,
        "positioning": shop.positioning,
        "advantages": shop.advantages,
        "sections": {
            "audience": described or bool(audience.traits),
            "value": bool(shop.value_proposition or shop.positioning),
            "advantages": bool(shop.advantages),
        },
    }
