"""The public JSON view of a computed plan, and its JSON Schema (``opsplan schema --plan``).

The view holds every computed number (dates ISO 8601, money and counts as numbers, rates as fractions)
and a short ``meta`` block, but not the raw profile. Its top level is::

    meta, chapters, goals, funnel, budget, team, risks, risk_heat, risk_counts, timeline, milestones,
    gantt, campaigns, scenarios, kpi_links, outcomes, findings

``risks`` is the sorted register; ``milestones`` is kept out of ``timeline`` and placed at the top.
"""

import datetime as dt
from typing import Any

from opsplan import __version__
from opsplan.kinds import PlanKind
from opsplan.modelkit import Field
from opsplan.plan.base import copied
from opsplan.plan.model import (
    Budget,
    CampaignRow,
    ChapterRef,
    EngineFinding,
    FeedingBuffer,
    Frozen,
    Funnel,
    Gantt,
    Goals,
    HeatCell,
    HorizonOutcome,
    KpiLink,
    MilestoneRow,
    PhaseSpan,
    Plan,
    RiskRow,
    Scenarios,
    TaskRow,
    Team,
)
from opsplan.prepared_models import install as install_prepared

FORMAT_VERSION = 1


class PlanMeta(Frozen):
    """What the plan is and what produced it."""

    format: int = Field(description="Version of this JSON view; 1.")
    generator: str = Field(description="opsplan and its version.")
    title: str
    shop: str
    author: str
    locale: str
    currency: str
    kind: PlanKind
    start: dt.date


class TimelineView(Frozen):
    """The schedule without its milestones (they sit at the top level)."""

    start: dt.date
    tasks: list[TaskRow]
    phases: list[PhaseSpan]
    critical_path: list[str]
    length_days: int
    critical_fraction: float
    feeding_fraction: float
    buffer_days: int
    feeding_buffers: list[FeedingBuffer]
    end: dt.date
    end_with_buffer: dt.date


class PlanView(Frozen):
    """The computed plan as JSON."""

    meta: PlanMeta
    chapters: list[ChapterRef]
    goals: Goals
    funnel: Funnel
    budget: Budget
    team: Team
    risks: list[RiskRow] = Field(description="The risk register, by score (highest first), then id.")
    risk_heat: list[list[HeatCell]] = Field(description="Rows likelihood 5→1, columns impact 1→5.")
    risk_counts: dict[str, int]
    timeline: TimelineView
    milestones: list[MilestoneRow]
    gantt: Gantt
    campaigns: list[CampaignRow]
    scenarios: Scenarios
    kpi_links: list[KpiLink]
    outcomes: list[HorizonOutcome]
    findings: list[EngineFinding]


def plan_view(plan: Plan) -> PlanView:
    """Return the typed JSON view of ``plan``."""
    p = plan.profile
    t = plan.timeline
    return copied(
        PlanView,
        plan,
        meta=PlanMeta(
            format=FORMAT_VERSION,
            generator=f"opsplan {__version__}",
            title=p.plan.title,
            shop=p.shop.name,
            author=p.plan.author,
            locale=plan.locale,
            currency=plan.currency,
            kind=plan.kind,
            start=p.plan.start,
        ),
        risks=plan.risks.rows,
        risk_heat=plan.risks.heat,
        risk_counts=plan.risks.counts,
        timeline=copied(TimelineView, t),
        milestones=t.milestones,
    )  # every other field is the plan's own


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """Return the public JSON view of ``plan`` as plain data (``json.dumps`` ready)."""
    return plan_view(plan).model_dump(mode="json")


def plan_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the view ``plan_to_json`` produces."""
    schema = PlanView.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "opsplan computed plan, JSON view format 1"
    return schema


install_prepared("jsonview")  # every class above exists: complete them (``opsplan.prepared_models``)
