"""The computed plan: typed, immutable, built by ``build_plan`` from a validated profile.

Every number here is a plain ``int``/``float`` (rates as fractions, money in the profile currency,
durations in days); dates are ``datetime.date``. Formatting for a locale is the renderer's job.
Conventions used throughout:

* horizon names are ``short``, ``mid``, ``long``; months are counted from ``plan.start`` (month 0);
* task ids are qualified ``phase.task``; day offsets (``es``, ``ef``, ``ls``, ``lf``) count from
  ``plan.start`` = day 0, with ``ef``/``lf`` exclusive; calendar ``finish`` dates are inclusive;
* a value that cannot be computed (a division by zero, a missing input) is ``None``, never 0.
"""

import datetime as dt
from typing import Literal

from opsplan.kinds import PlanKind
from opsplan.metrics import Direction, MetricKind
from opsplan.modelkit import Field, SkipValidation
from opsplan.plan.base import Frozen, HorizonName, RiskLevel, Severity, horizon_name
from opsplan.plan.money_model import Budget, BudgetLine, Cac, ChannelSpend, RoleCost, Team
from opsplan.plan.schedule_model import (
    AnchorRow,
    FeedingBuffer,
    Gantt,
    GanttChart,
    GanttColumn,
    GanttMark,
    GanttRow,
    GanttUnit,
    MilestoneRow,
    PhaseSpan,
    TaskRow,
    Timeline,
)
from opsplan.prepared_models import install as install_prepared
from opsplan.profile import Profile, RiskCategory

__all__ = [
    "AnchorRow",
    "Budget",
    "BudgetLine",
    "Cac",
    "CampaignRow",
    "ChannelSpend",
    "ChapterRef",
    "EngineFinding",
    "FeedingBuffer",
    "Frozen",
    "Funnel",
    "FunnelBalance",
    "FunnelCase",
    "FunnelForward",
    "FunnelScenario",
    "FunnelStageRow",
    "Gantt",
    "GanttChart",
    "GanttColumn",
    "GanttMark",
    "GanttRow",
    "GanttUnit",
    "GoalMetric",
    "GoalTable",
    "GoalTableRow",
    "Goals",
    "GrowthSegment",
    "HeatCell",
    "HorizonInfo",
    "HorizonName",
    "HorizonOutcome",
    "KpiLink",
    "MilestoneRow",
    "OutcomeRow",
    "PhaseSpan",
    "Plan",
    "RiskLevel",
    "RiskRow",
    "Risks",
    "RoleCost",
    "ScenarioBand",
    "Scenarios",
    "Severity",
    "TaskRow",
    "Team",
    "Timeline",
    "TrajectoryRow",
    "horizon_name",
]


# --- chapters -------------------------------------------------------------------------------------


class ChapterRef(Frozen):
    """A chapter of the plan, in the order the plan kind gives."""

    key: str = Field(description="Chapter key: a kind's chapter, or the key of one of the profile's own.")
    title: str = Field(description="Chapter title in the plan's locale (no numbering).")
    custom: bool = Field(default=False, description="A chapter of the profile's own (sections.<key>.body).")


# --- goals ----------------------------------------------------------------------------------------


class HorizonInfo(Frozen):
    """A goal horizon that the profile sets."""

    name: HorizonName = Field(description="short, mid or long.")
    months: int = Field(description="Months from the plan start.")
    date: dt.date = Field(description="plan.start plus that many months.")
    focus: str = Field(description="What the horizon is about (from the profile).")


class TrajectoryRow(Frozen):
    """One month of a metric's goal trajectory."""

    metric: str = Field(description="Metric key.")
    month: int = Field(description="Month from the plan start (0 = baseline).")
    value: float = Field(description="Planned value at that month.")


class GrowthSegment(Frozen):
    """The stretch between two anchors of a trajectory."""

    metric: str
    from_month: int
    to_month: int
    from_value: float
    to_value: float
    method: Literal["compound", "linear"] = Field(
        description="compound: constant monthly growth; linear: equal steps (rates, ratios, durations, "
        "or a count/money segment starting from zero)."
    )
    cmgr: float | None = Field(description="Compound monthly growth rate; None for linear segments.")


class GoalMetric(Frozen):
    """A metric that has a target at one horizon or more."""

    metric: str
    kind: MetricKind
    direction: Direction
    baseline: float | None = Field(description="Value at month 0; None when the profile gives none.")
    targets: dict[str, float] = Field(description="Horizon name → target.")
    anchors: list[tuple[int, float]] = Field(description="(month, value) anchors of the trajectory.")
    cmgr: float | None = Field(
        description="Monthly compound growth from the first to the last anchor (count/money, positive "
        "anchors only); None otherwise."
    )
    segments: list[GrowthSegment]


class GoalTableRow(Frozen):
    """A metric's values at the goal table's months (None before its first anchor)."""

    metric: str
    values: list[float | None]


class GoalTable(Frozen):
    """Monthly up to the short horizon, quarterly after it; every horizon month included."""

    months: list[int]
    rows: list[GoalTableRow]


class Goals(Frozen):
    """Goal horizons, trajectories and growth rates."""

    horizons: list[HorizonInfo]
    metrics: list[GoalMetric]
    trajectory: list[TrajectoryRow]
    cmgr: dict[str, float | None] = Field(description="Metric key → overall monthly growth rate (None for rates).")
    table: GoalTable


# --- funnel ---------------------------------------------------------------------------------------


class FunnelStageRow(Frozen):
    """A funnel stage with the volume it must (or will) reach per month."""

    stage: str
    rate: float | None = Field(description="Conversion from the previous stage; None for the entry stage.")
    volume: float | None = Field(description="Monthly volume at this stage; None if a rate below it is 0.")


class FunnelCase(Frozen):
    """The funnel worked backwards from a horizon's monthly GMV target."""

    horizon: HorizonName
    months: int
    gmv: float = Field(description="Monthly GMV target at the horizon.")
    gmv_basis: Literal["monthly_gmv", "annual_gmv"] = Field(
        description="Where the GMV comes from: the monthly_gmv target, or annual_gmv / 12."
    )
    aov: float
    orders: float = Field(description="Orders per month = gmv / aov.")
    stages: list[FunnelStageRow]


class FunnelForward(Frozen):
    """The funnel worked forwards from the planned monthly entry volume."""

    entry_volume: float
    aov: float
    orders: float
    gmv: float
    stages: list[FunnelStageRow]


class FunnelBalance(Frozen):
    """The forward case against the first horizon's monthly GMV target: on target, a surplus or a gap."""

    horizon: HorizonName
    target: float = Field(description="The horizon's monthly GMV (monthly_gmv, else annual_gmv / 12).")
    gmv: float = Field(description="The monthly GMV the planned entry volume yields.")
    difference: float = Field(description="gmv − target.")
    relative: float = Field(description="difference / target (0 for a zero target).")
    kind: Literal["on_target", "surplus", "gap"] = Field(
        description="on_target when |relative| is below the on-target tolerance (1%), else by the sign."
    )


class Funnel(Frozen):
    """Funnel volumes per horizon and the forward case."""

    horizons: list[FunnelCase]
    forward: FunnelForward | None
    balance: FunnelBalance | None = None


# --- risks ----------------------------------------------------------------------------------------


class RiskRow(Frozen):
    """A scored risk."""

    id: str
    category: RiskCategory
    title: str
    likelihood: int
    impact: int
    score: int = Field(description="likelihood × impact, 1–25.")
    level: RiskLevel = Field(description="high ≥ 15, medium 8–14, low ≤ 7.")
    owner: str
    mitigation: str
    response: str
    response_hours: float | None


class HeatCell(Frozen):
    """One cell of the 5×5 heat matrix."""

    likelihood: int
    impact: int
    score: int
    level: RiskLevel
    count: int
    ids: list[str]


class Risks(Frozen):
    """The risk register and heat matrix."""

    rows: list[RiskRow] = Field(description="The register, sorted by score, highest first, then by id.")
    heat: list[list[HeatCell]] = Field(
        description="Rows by likelihood 5 (top) down to 1; columns by impact 1 (left) up to 5."
    )
    counts: dict[str, int] = Field(description="Level → number of risks.")


# --- campaigns, scenarios, links, outcomes, findings ----------------------------------------------


class CampaignRow(Frozen):
    """A dated campaign inside the plan window."""

    name: str
    start: dt.date
    end: dt.date
    goal: str
    source: Literal["profile", "retail"]
    key: str | None = Field(description="Retail calendar key (618, qixi, double11 …); None for profile ones.")


class ScenarioBand(Frozen):
    """Conservative / base / aggressive values of one target."""

    horizon: HorizonName
    metric: str
    baseline: float | None
    conservative: float
    base: float
    aggressive: float


class FunnelScenario(Frozen):
    """The forward case placed in the monthly GMV band of its horizon (the band of ``Scenarios.gmv``)."""

    horizon: HorizonName
    gmv: float = Field(description="The monthly GMV the planned entry volume yields (``Funnel.forward``).")
    conservative: float = Field(description="The horizon's monthly GMV band (annual_gmv / 12 when so targeted).")
    base: float
    aggressive: float
    position: Literal["below", "between_conservative_and_base", "on_base", "between_base_and_aggressive", "above"]


class Scenarios(Frozen):
    """The scenario band: one definition, ``baseline + (target − baseline) × multiplier``, for every figure."""

    multipliers: dict[str, float]
    targets: list[ScenarioBand] = Field(description="target' = baseline + (target − baseline) × multiplier.")
    gmv: list[ScenarioBand] = Field(description="The monthly GMV band at each horizon.")
    funnel_gmv: FunnelScenario | None


class KpiLink(Frozen):
    """What a critical task's slip puts at risk."""

    task: str
    name: str
    milestones: list[str] = Field(description="Milestones that depend on the task, directly or not.")
    kpis: list[str] = Field(description="Metric keys those milestones gate.")


class OutcomeRow(Frozen):
    """A target against its baseline."""

    metric: str
    baseline: float | None
    target: float
    uplift: float | None = Field(description="target − baseline.")
    relative: float | None = Field(description="uplift / baseline; None when the baseline is 0 or missing.")


class HorizonOutcome(Frozen):
    """What a horizon delivers."""

    horizon: HorizonName
    months: int
    rows: list[OutcomeRow]


class EngineFinding(Frozen):
    """A problem the engine sees in the numbers; the check turns it into a finding with a rule id."""

    code: str = Field(description="Stable code, e.g. goal-direction, payroll-over-budget.")
    severity: Severity
    path: str = Field(description="Profile field path, e.g. goals.mid.targets.followers.")
    message: str = Field(description="A plain sentence a person can act on.")


# --- the plan -------------------------------------------------------------------------------------


class Plan(Frozen):
    """The computed plan: the one source the Markdown, DOCX and JSON outputs read."""

    profile: SkipValidation[Profile] = Field(description="The validated profile the plan was computed from.")
    locale: str
    currency: str
    kind: PlanKind
    chapters: list[ChapterRef]
    goals: Goals
    funnel: Funnel
    budget: Budget
    team: Team
    risks: Risks
    timeline: Timeline
    gantt: Gantt
    campaigns: list[CampaignRow]
    scenarios: Scenarios
    kpi_links: list[KpiLink]
    outcomes: list[HorizonOutcome]
    findings: list[EngineFinding]
    number_gaps: list[tuple[str | int, ...]] = Field(
        default_factory=list,
        description="Paths of the profile's numbers left to fill (budget.total, team.0.count …): their figures "
        "are the kind's examples, marked as gaps in a draft.",
    )
    texts: dict[str, str] = Field(
        default_factory=dict,
        exclude=True,
        description="Each profile text that holds references (``${…}``), as written, with what the plan says for it: "
        "what check reads to word a finding as the plan words it.",
    )


install_prepared("plan")  # every class here and in money_model, schedule_model exists: complete them
