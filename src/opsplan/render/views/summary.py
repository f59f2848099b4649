"""View of the executive summary (执行摘要) and of the profile's own chapters.

The summary's figures are ``opsplan.plan.headline``'s, the same the deck's summary slide shows: headline
targets, budget, team and payroll, schedule, critical milestones and top risks. Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from opsplan.plan.headline import build_headline
from opsplan.plan.model import Plan
from opsplan.plan.own_chapters import body_markdown
from opsplan.render.views.plain import own_fields


def summary_view(plan: Plan) -> dict[str, Any]:
    """Return the executive summary's data: the headline figures, as plain values."""
    head = build_headline(plan)
    return {
        "targets": [own_fields(t) for t in head.targets],
        "first_horizon": head.first_horizon,
        "first_months": head.first_months,
        "last_horizon": head.last_horizon,
        "last_months": head.last_months,
        "budget_total": head.budget_total,
        "budget_months": head.budget_months,
        "budget_monthly": head.budget_monthly,
        "largest_item": head.largest_item,
        "largest_share": head.largest_share,
        "headcount": head.headcount,
        "monthly_payroll": head.monthly_payroll,
        "period_payroll": head.period_payroll,
        "payroll_share": head.payroll_share,
        "start": head.start,
        "end": head.end,
        "has_schedule": head.critical_tasks > 0,
        "milestones": [own_fields(m) for m in head.milestones],
        "risks": [own_fields(r) for r in head.risks],
        "high_risks": head.high_risks,
    }


def own_chapter_view(plan: Plan, key: str) -> dict[str, Any]:
    """Return a chapter of the profile's own: its body as the plan writes it (see ``body_markdown``)."""
    text = plan.profile.sections[key]
    return {"body": body_markdown(text.body or "")}
