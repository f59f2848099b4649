"""Profile sections for operations.

Content, traffic, live, users, supply, KPIs, risks, team, budget, timeline, scenarios, free text (campaigns:
``opsplan.profile_campaign``).
"""

from typing import Literal, Self

from opsplan.metrics import CATALOGUE, unknown_metric_message
from opsplan.modelkit import Field, field_validator, model_validator
from opsplan.profile_messages import pmsg
from opsplan.profile_types import (
    Cadence,
    CadenceWord,
    ChannelTypeWord,
    Ident,
    MetricValues,
    Model,
    Rate,
    RiskCategoryWord,
    Score,
    Share,
    Text,
    _check_metric_keys,
)


class Pillar(Model):
    """A content pillar: a theme with its share of output."""

    name: Text = Field(description="Pillar name, for example 花艺科普 / floristry tips.")
    share: Share = Field(description="Share of all content, 0–1; pillars sum to 1.")
    formats: list[Text] = Field(default_factory=list, description="Formats: short video, live, image post …")
    per_week: float = Field(0, ge=0, le=1000, description="Pieces published per week.")
    description: Text = Field("", description="What the pillar covers and why.")
    examples: list[Text] = Field(default_factory=list, description="Example topics or titles.")


class Content(Model):
    """The content matrix (chapter: content)."""

    strategy: Text = Field("", description="The content strategy in a paragraph.")
    pillars: list[Pillar] = Field(default_factory=list, description="Content pillars; shares sum to 1.")
    workflow: list[Text] = Field(default_factory=list, description="Production steps, in order.")


class Channel(Model):
    """A traffic channel."""

    name: Text = Field(description="Channel name.")
    type: ChannelTypeWord = Field(
        description="natural, paid, influencer or private, or the label the plan shows (自然流量 / Organic …)."
    )
    share: Share = Field(description="Share of traffic from this channel, 0–1; channels sum to 1.")
    roi: float | None = Field(None, gt=0, le=1000, description="GMV returned per unit of spend (paid channels).")
    monthly_spend: float | None = Field(None, ge=0, description="Spend per month on this channel.")
    tactics: Text = Field("", description="How the channel is worked.")


class FunnelStage(Model):
    """A funnel stage; ``rate`` is the conversion from the previous stage."""

    stage: Text = Field(description="Stage name: 曝光, 点击, 加购, 支付 / exposure, click, cart, payment.")
    rate: Rate = Field(1.0, description="Conversion from the previous stage (ignored for the first stage).")


class Promotion(Model):
    """A promotion mechanism."""

    name: Text = Field(description="Promotion name.")
    description: Text = Field("", description="How it works and what it should achieve.")


class Traffic(Model):
    """Channel mix, funnel and promotions (chapter: traffic)."""

    strategy: Text = Field("", description="The traffic strategy in a paragraph.")
    channels: list[Channel] = Field(default_factory=list, description="Channel mix; shares sum to 1.")
    funnel: list[FunnelStage] = Field(default_factory=list, description="Funnel from entry to payment.")
    monthly_entry_volume: float | None = Field(
        None, ge=0, description="Planned monthly volume at the funnel's first stage (forward case)."
    )
    promotions: list[Promotion] = Field(default_factory=list, description="Promotion mechanisms.")


class LiveAnchor(Model):
    """A tier of livestream anchors (主播)."""

    tier: Text = Field(description="Tier name: 头部主播, 助播 …")
    count: int = Field(1, ge=0, le=10_000, description="How many anchors in this tier.")
    requirements: Text = Field("", description="Skills and training this tier needs.")


class LiveSegment(Model):
    """A segment of the live script."""

    segment: Text = Field(description="Segment name.")
    minutes: float = Field(gt=0, le=1440, description="Length in minutes.")
    goal: Text = Field("", description="What the segment must achieve.")


class Weight(Model):
    """A weighted criterion; weights sum to 1."""

    name: Text = Field(description="Criterion.")
    weight: Share = Field(description="Weight, 0–1.")


class Live(Model):
    """Livestream operations: schedule, anchors, script, evaluation."""

    sessions_per_week: float = Field(0, ge=0, le=200, description="Live sessions per week.")
    hours_per_session: float = Field(0, ge=0, le=24, description="Hours per session.")
    anchors: list[LiveAnchor] = Field(default_factory=list, description="Anchor tiers.")
    script: list[LiveSegment] = Field(default_factory=list, description="The live script, segment by segment.")
    evaluation: list[Weight] = Field(default_factory=list, description="How a session is scored; weights sum to 1.")


class Segment(Model):
    """A user segment."""

    name: Text = Field(description="Segment name.")
    share: Share = Field(description="Share of users, 0–1; segments sum to 1.")
    strategy: Text = Field("", description="How this segment is served.")


class LifecycleStage(Model):
    """A lifecycle stage and what is done at it."""

    stage: Text = Field(description="Stage: 新客, 老客, 流失 / new, returning, lapsed.")
    actions: list[Text] = Field(default_factory=list, description="Actions at this stage.")


class Tier(Model):
    """A membership or KOC tier."""

    name: Text = Field(description="Tier name.")
    criteria: Text = Field("", description="How a user reaches it.")
    benefits: Text = Field("", description="What the user gets.")


class Users(Model):
    """Segments, lifecycle, community and membership (chapter: users)."""

    strategy: Text = Field("", description="The user strategy in a paragraph.")
    segments: list[Segment] = Field(default_factory=list, description="Segments; shares sum to 1.")
    lifecycle: list[LifecycleStage] = Field(default_factory=list, description="Lifecycle stages.")
    tiers: list[Tier] = Field(default_factory=list, description="Membership or KOC tiers.")
    community: list[Text] = Field(default_factory=list, description="Community routines and their cadence.")


class Supplier(Model):
    """A supplier or fulfilment partner."""

    name: Text = Field(description="Supplier name.")
    role: Text = Field("", description="What it supplies.")


class Supply(Model):
    """Supply chain and fulfilment (chapter: supply)."""

    strategy: Text = Field("", description="The supply strategy in a paragraph.")
    suppliers: list[Supplier] = Field(default_factory=list, description="Suppliers and partners.")
    inventory_turnover_days: float | None = Field(None, gt=0, le=3650, description="Target inventory turnover.")
    return_rate: Rate | None = Field(None, description="Expected return rate, 0–1.")
    logistics: list[Text] = Field(default_factory=list, description="Logistics arrangements.")
    returns_policy: Text = Field("", description="How returns and after-sales are handled.")


class Kpi(Model):
    """A KPI on the dashboard."""

    metric: str = Field(description="Catalogued metric key.")
    target: float | None = Field(
        None, description="Target value (rates as fractions); default: the first goal horizon's target for the metric."
    )
    cadence: CadenceWord = Field(
        Cadence.WEEKLY,
        description="Review cadence: daily, weekly or monthly, or the label the plan shows (每周 / Weekly …).",
    )
    owner: Text = Field("", description="Who answers for it.")

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value not in CATALOGUE:
            raise ValueError(unknown_metric_message(value))
        return value


class DataPlan(Model):
    """How the plan is measured (chapter: data)."""

    tools: list[Text] = Field(default_factory=list, description="Dashboards and data tools.")
    reviews: list[Text] = Field(default_factory=list, description="Review meetings and what each covers.")
    experiments: list[Text] = Field(default_factory=list, description="A/B tests planned.")


class Risk(Model):
    """A risk in the register."""

    id: Ident = Field(description="Unique risk id, for example R01.")
    category: RiskCategoryWord = Field(
        description="compliance, operations, supply, public-opinion, platform-policy, data-security, finance or team, "
        "or the label the plan shows (合规 / Compliance, 团队 / Team …)."
    )
    title: Text = Field(description="The risk in a sentence.")
    likelihood: Score = Field(description="Likelihood 1 (rare) to 5 (almost certain).")
    impact: Score = Field(description="Impact 1 (minor) to 5 (severe).")
    owner: Text = Field("", description="Who owns the risk.")
    mitigation: Text = Field("", description="What is done to prevent it.")
    response: Text = Field("", description="Response commitment if it happens (required for high risks).")
    response_hours: float | None = Field(None, gt=0, le=8760, description="Hours within which the response starts.")


class Role(Model):
    """A role in the team."""

    role: Text = Field(description="Role name.")
    count: int = Field(ge=0, le=100_000, description="Headcount.")
    monthly_cost: float = Field(ge=0, description="Monthly cost per person, in the plan currency.")
    duties: list[Text] = Field(default_factory=list, description="What the role does.")


class Organization(Model):
    """Training and incentives (chapter: organization)."""

    structure: Text = Field("", description="How the team is organised and reports.")
    training: list[Text] = Field(default_factory=list, description="Training programme.")
    incentives: list[Text] = Field(default_factory=list, description="Incentive scheme.")


class Tool(Model):
    """A tool the team uses."""

    name: Text = Field(description="Tool name.")
    purpose: Text = Field("", description="What it is used for.")


class BudgetItem(Model):
    """A line of the budget."""

    name: Text = Field(description="Budget line.")
    share: Share = Field(description="Share of the total, 0–1; items sum to 1.")
    note: Text = Field("", description="What the money pays for.")


class Budget(Model):
    """The budget for the plan period."""

    total: float = Field(gt=0, description="Total budget for the period, in the plan currency.")
    months: int = Field(ge=1, le=120, description="Months the budget covers.")
    items: list[BudgetItem] = Field(default_factory=list, description="Budget lines; shares sum to 1.")


ANCHOR_ON = (
    "Campaign name (520, 618, 双11 …, a campaign in `campaigns`) or date (YYYY-MM-DD) the task ends on: it is "
    "scheduled to finish on the campaign's last day, in the first year of the plan window where it fits."
)
ANCHOR_BEFORE = "Campaign name or date the task must be done before: it finishes the day before the campaign starts."
MILESTONE_ON = "Campaign name or date the milestone must be reached by (its last day); later is a finding."
MILESTONE_BEFORE = "Campaign name or date the milestone must be reached before (the day before it starts)."


def _one_anchor(on: str | None, before: str | None, what: str) -> None:
    if on is not None and before is not None:
        raise ValueError(pmsg("anchor.both", what=what))


class Task(Model):
    """A task in a phase."""

    id: Ident = Field(description="Task id, unique within its phase; referred to as phase.task.")
    name: Text = Field(description="What is done.")
    weeks: float = Field(gt=0, le=520, description="Duration in weeks.")
    after: list[str] = Field(
        default_factory=list,
        description="Tasks this one waits for (task or phase.task); empty: it follows the previous phase.",
    )
    owner: Text = Field("", description="Who does it.")
    on: Text | None = Field(None, description=ANCHOR_ON)
    before: Text | None = Field(None, description=ANCHOR_BEFORE)

    @model_validator(mode="after")
    def _anchor(self) -> Self:
        _one_anchor(self.on, self.before, pmsg("anchor.task", id=self.id))
        return self


class Phase(Model):
    """A phase of the timeline."""

    id: Ident = Field(description="Phase id, unique.")
    name: Text = Field(description="Phase name.")
    tasks: list[Task] = Field(default_factory=list, description="Tasks in the phase.")


class Buffers(Model):
    """Schedule buffers as fractions of chain length."""

    critical: Share = Field(0.10, description="Project buffer as a fraction of the critical path.")
    feeding: Share = Field(0.05, description="Feeding buffer as a fraction of a non-critical chain.")


class Milestone(Model):
    """A milestone: reached when the tasks it closes are done."""

    id: Ident = Field(description="Milestone id, unique, for example M1.")
    name: Text = Field(description="Milestone name.")
    after: list[str] = Field(default_factory=list, description="Tasks whose completion the milestone marks.")
    criteria: Text = Field("", description="Acceptance criteria.")
    kpis: list[str] = Field(default_factory=list, description="Metric keys the milestone gates.")
    on: Text | None = Field(None, description=MILESTONE_ON)
    before: Text | None = Field(None, description=MILESTONE_BEFORE)
    horizon: Literal["short", "mid", "long"] | None = Field(
        None,
        description="Goal acceptance: the milestone falls on this horizon's date (goals.<horizon>) and gates its "
        "targets; the tasks it closes must finish by then.",
    )
    targets: MetricValues = Field(
        default_factory=dict,
        description="Metric key → value the milestone must reach; default for each of its kpis: the goal "
        "trajectory's value on the milestone's date.",
    )

    _targets = field_validator("targets")(_check_metric_keys)

    @field_validator("kpis")
    @classmethod
    def _known_metrics(cls, values: list[str]) -> list[str]:
        for key in values:
            if key not in CATALOGUE:
                raise ValueError(unknown_metric_message(key))
        return values

    @model_validator(mode="after")
    def _anchor(self) -> Self:
        _one_anchor(self.on, self.before, pmsg("anchor.milestone", id=self.id))
        return self


class Timeline(Model):
    """Phases, tasks, milestones and buffers (chapter: timeline)."""

    buffers: Buffers = Field(default_factory=Buffers, description="Project and feeding buffers.")
    phases: list[Phase] = Field(default_factory=list, description="Phases in order.")
    milestones: list[Milestone] = Field(default_factory=list, description="Milestones.")


class Scenarios(Model):
    """Multipliers on each target's change from its baseline, for the scenario band."""

    conservative: float = Field(0.8, gt=0, le=1, description="Multiplier for the conservative case.")
    aggressive: float = Field(1.2, ge=1, le=5, description="Multiplier for the aggressive case.")


class Plausibility(Model):
    """Rule-of-thumb ceilings behind the plausibility warnings (OPS607–OPS611); raise one knowingly."""

    count_growth: float = Field(
        0.30, gt=0, le=100, description="Highest plausible sustained monthly growth of a count (followers …)."
    )
    money_growth: float = Field(
        0.25, gt=0, le=100, description="Highest plausible sustained monthly growth of money (GMV, AOV …)."
    )
    conversion_rate: Rate = Field(0.10, description="Highest plausible conversion rate for content commerce.")
    roi: float = Field(5.0, gt=0, le=1000, description="Highest plausible sustained paid ROI.")
    one_month_jump: float = Field(
        2.0,
        gt=1,
        le=1000,
        description="Largest plausible change (target ÷ the value before) over one month between horizons.",
    )
