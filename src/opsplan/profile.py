"""The shop profile, format version 1: Pydantic models with no I/O (BRIEF §8).

Every field carries a description: ``opsplan new`` writes them as comments and ``opsplan schema``
exports them as JSON Schema. Structural rules (types, ranges, unique ids, resolvable references) are
enforced here; judgements about a plan's quality (shares that do not sum to 1, goals that move the
wrong way) are left to ``opsplan check``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from opsplan.kinds import Chapter, PlanKind
from opsplan.metrics import CATALOGUE, unknown_metric_message

Share = Annotated[float, Field(ge=0, le=1, description="A fraction of the whole, 0–1 (0.3 is 30%).")]
Rate = Annotated[float, Field(ge=0, le=1, description="A fraction, 0–1 (0.035 is 3.5%).")]
Score = Annotated[int, Field(ge=1, le=5)]
Text = Annotated[str, Field(max_length=20_000)]


def _iso_date(value: object) -> object:
    """Refuse bare numbers for dates (pydantic alone would read 86400 as a Unix timestamp)."""
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\s*[\d.]+\s*", value)):
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, for example 2027-03-01")
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_date)]
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]


class Model(BaseModel):
    """Base of every profile model: unknown keys are errors, NaN and infinity are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, use_enum_values=False)


class Platform(StrEnum):
    """The platform a shop sells on."""

    DOUYIN = "douyin"
    XIGUA = "xigua"
    WECHAT = "wechat"
    KUAISHOU = "kuaishou"
    TAOBAO = "taobao"
    XIAOHONGSHU = "xiaohongshu"
    OTHER = "other"


class ChannelType(StrEnum):
    """Where a traffic channel's visitors come from."""

    NATURAL = "natural"
    PAID = "paid"
    INFLUENCER = "influencer"
    PRIVATE = "private"


class Cadence(StrEnum):
    """How often a KPI is reviewed."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class RiskCategory(StrEnum):
    """The family a risk belongs to."""

    COMPLIANCE = "compliance"
    OPERATIONS = "operations"
    SUPPLY = "supply"
    PUBLIC_OPINION = "public-opinion"
    PLATFORM_POLICY = "platform-policy"
    DATA_SECURITY = "data-security"
    FINANCE = "finance"
    TEAM = "team"


Locale = Literal["zh-CN", "en"]


class PlanInfo(Model):
    """What the plan is: title, language, start date, currency, author, kind."""

    title: Text = Field(description="The plan's title, shown on the title page.")
    locale: Locale = Field("zh-CN", description="Language of the plan: zh-CN or en.")
    start: Day = Field(description="First day of the plan (YYYY-MM-DD); all dates are counted from it.")
    currency: str = Field("CNY", min_length=3, max_length=3, description="ISO 4217 currency code of all money.")
    author: Text = Field("", description="Who wrote the plan: a person, team or agency.")
    kind: PlanKind = Field(PlanKind.CUSTOM, description="The plan kind; decides which chapters the plan has.")
    chapters: list[Chapter] | None = Field(
        None, description="Chapters in order, replacing the kind's own list (mostly for kind: custom)."
    )
    retail_calendar: bool = Field(
        False, description="Add the well-known retail dates (618, 双11, 年货节 …) inside the plan window."
    )


class Audience(Model):
    """Who buys: the persona the plan is written for."""

    age: str = Field("", description="Age band, for example 25-35.")
    gender: str = Field("", description="Gender mix, for example 女性为主 / mostly women.")
    income: str = Field("", description="Income band, for example 月收入8千-2万元.")
    regions: list[Text] = Field(default_factory=list, description="Cities or regions the audience lives in.")
    traits: list[Text] = Field(default_factory=list, description="Habits, motives and tastes of the audience.")


class Shop(Model):
    """The shop the plan is for."""

    name: Text = Field(description="The shop or brand name.")
    platform: Platform = Field(
        description="Main platform: douyin, xigua, wechat, kuaishou, taobao, xiaohongshu, other."
    )
    category: Text = Field("", description="What the shop sells, for example 高端鲜花 / premium bouquets.")
    positioning: Text = Field("", description="One or two sentences on the shop's place in its market.")
    value_proposition: Text = Field("", description="Why a customer should buy here rather than elsewhere.")
    audience: Audience = Field(default_factory=Audience, description="The target audience.")
    advantages: list[Text] = Field(default_factory=list, description="What the shop does better than rivals.")


class MarketFact(Model):
    """A figure about the market, with its source."""

    label: Text = Field(description="What the figure measures.")
    value: float = Field(description="The figure.")
    unit: str = Field("", description="Unit of the figure: 亿元, %, 万人, CNY bn …")
    year: int | None = Field(None, ge=1990, le=2100, description="Year the figure refers to.")
    source: Text = Field("", description="Where the figure comes from (report, site, year).")


class Competitor(Model):
    """A rival shop or brand."""

    name: Text = Field(description="Competitor name.")
    accounts: int = Field(1, ge=0, description="How many accounts it runs on the platform.")
    followers: int = Field(0, ge=0, description="Followers across those accounts.")
    strategy: Text = Field("", description="What it does and how we differ.")


class Market(Model):
    """Market size, trends and competitors (chapter: background)."""

    summary: Text = Field("", description="A paragraph on the market and where it is heading.")
    facts: list[MarketFact] = Field(default_factory=list, description="Market figures with sources.")
    trends: list[Text] = Field(default_factory=list, description="Trends that matter to the shop.")
    platform_rules: list[Text] = Field(
        default_factory=list, description="Platform mechanics the plan relies on (recommendation, fees, rules)."
    )
    competitors: list[Competitor] = Field(default_factory=list, description="Main competitors.")


class Problem(Model):
    """A pain point of the shop today, with its evidence."""

    title: Text = Field(description="The problem in a few words.")
    evidence: Text = Field("", description="What shows it: a figure, an observation.")
    impact: Text = Field("", description="What it costs the shop.")
    metric: str | None = Field(None, description="Catalogued metric the problem shows in, if any.")

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str | None) -> str | None:
        if value is not None and value not in CATALOGUE:
            raise ValueError(unknown_metric_message(value))
        return value


def _check_metric_keys(values: dict[str, float]) -> dict[str, float]:
    for key in values:
        if key not in CATALOGUE:
            raise ValueError(unknown_metric_message(key))
    return values


MetricValues = dict[str, float]


class Horizon(Model):
    """Targets to reach by a given month."""

    months: int = Field(ge=1, le=120, description="Months from the plan start to this horizon.")
    focus: Text = Field("", description="What this horizon is about.")
    targets: MetricValues = Field(default_factory=dict, description="Metric key → target value at the horizon.")

    _targets = field_validator("targets")(_check_metric_keys)


class Goals(Model):
    """Short (3–6 months), mid (12 months) and long (24 months) horizons."""

    short: Horizon = Field(description="The short horizon, usually 3–6 months.")
    mid: Horizon | None = Field(None, description="The mid horizon, usually 12 months.")
    long: Horizon | None = Field(None, description="The long horizon, usually 24 months.")

    @model_validator(mode="after")
    def _horizons_in_order(self) -> Goals:
        months = [(name, h.months) for name, h in self.horizons()]
        for (name_a, a), (name_b, b) in itertools.pairwise(months):
            if b <= a:
                raise ValueError(f"goals.{name_b}.months: {b} must be later than goals.{name_a}.months ({a})")
        return self

    def horizons(self) -> list[tuple[str, Horizon]]:
        """Return the horizons that are set, in order, with their names."""
        pairs = [("short", self.short), ("mid", self.mid), ("long", self.long)]
        return [(name, h) for name, h in pairs if h is not None]


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
    type: ChannelType = Field(description="natural, paid, influencer or private.")
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
    target: float = Field(description="Target value (rates as fractions).")
    cadence: Cadence = Field(Cadence.WEEKLY, description="Review cadence: daily, weekly, monthly.")
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
    category: RiskCategory = Field(description="compliance, operations, supply, public-opinion, …")
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

    @field_validator("kpis")
    @classmethod
    def _known_metrics(cls, values: list[str]) -> list[str]:
        for key in values:
            if key not in CATALOGUE:
                raise ValueError(unknown_metric_message(key))
        return values


class Timeline(Model):
    """Phases, tasks, milestones and buffers (chapter: timeline)."""

    buffers: Buffers = Field(default_factory=Buffers, description="Project and feeding buffers.")
    phases: list[Phase] = Field(default_factory=list, description="Phases in order.")
    milestones: list[Milestone] = Field(default_factory=list, description="Milestones.")


class Campaign(Model):
    """A dated campaign (a retail peak or the shop's own event)."""

    name: Text = Field(description="Campaign name, for example 618 or 双11.")
    start: Day = Field(description="First day.")
    end: Day = Field(description="Last day.")
    goal: Text = Field("", description="What the campaign should achieve.")

    @model_validator(mode="after")
    def _ordered(self) -> Campaign:
        if self.end < self.start:
            raise ValueError(f"campaign {self.name!r} ends on {self.end}, before it starts on {self.start}")
        return self


class Scenarios(Model):
    """Multipliers on funnel rates and growth for the scenario band."""

    conservative: float = Field(0.8, gt=0, le=1, description="Multiplier for the conservative case.")
    aggressive: float = Field(1.2, ge=1, le=5, description="Multiplier for the aggressive case.")


class SectionText(Model):
    """Free text added to a chapter."""

    intro: Text = Field("", description="A paragraph placed at the start of the chapter.")
    notes: list[Text] = Field(default_factory=list, description="Further paragraphs at the end of the chapter.")


class Profile(Model):
    """A shop profile, format version 1."""

    version: int = Field(description="Profile format version; always 1.")
    plan: PlanInfo = Field(description="Plan title, locale, start date, currency, author, kind.")
    shop: Shop = Field(description="The shop.")
    market: Market = Field(default_factory=Market, description="Market figures and competitors.")
    problems: list[Problem] = Field(default_factory=list, description="Pain points with evidence.")
    baseline: MetricValues = Field(default_factory=dict, description="Metric key → value today (month 0).")
    goals: Goals = Field(description="Targets for the short, mid and long horizons.")
    content: Content = Field(default_factory=Content, description="Content matrix.")
    traffic: Traffic = Field(default_factory=Traffic, description="Channels, funnel and promotions.")
    live: Live | None = Field(None, description="Livestream operations, for kinds that go live.")
    users: Users = Field(default_factory=Users, description="User segments and lifecycle.")
    supply: Supply | None = Field(None, description="Supply chain, for kinds that ship goods.")
    kpis: list[Kpi] = Field(default_factory=list, description="KPI dashboard.")
    data: DataPlan = Field(default_factory=DataPlan, description="Data tools, reviews and experiments.")
    risks: list[Risk] = Field(default_factory=list, description="Risk register.")
    team: list[Role] = Field(default_factory=list, description="Roles, headcount and monthly cost.")
    organization: Organization = Field(default_factory=Organization, description="Structure, training, incentives.")
    tools: list[Tool] = Field(default_factory=list, description="Tools the team uses.")
    budget: Budget = Field(description="Budget total, period and items.")
    timeline: Timeline = Field(default_factory=Timeline, description="Phases, tasks, milestones.")
    campaigns: list[Campaign] = Field(default_factory=list, description="Dated campaigns and retail peaks.")
    scenarios: Scenarios = Field(default_factory=Scenarios, description="Scenario multipliers.")
    sections: dict[Chapter, SectionText] = Field(default_factory=dict, description="Free text per chapter.")

    _baseline = field_validator("baseline")(_check_metric_keys)

    @field_validator("version")
    @classmethod
    def _version_one(cls, value: int) -> int:
        if value != 1:
            raise ValueError(f"format version {value} is not known; this opsplan reads version 1")
        return value

    @model_validator(mode="after")
    def _ids_and_references(self, info: ValidationInfo) -> Profile:
        _unique([p.id for p in self.timeline.phases], "timeline.phases", "phase id")
        for i, phase in enumerate(self.timeline.phases):
            _unique([t.id for t in phase.tasks], f"timeline.phases[{i}].tasks", "task id")
        _unique([m.id for m in self.timeline.milestones], "timeline.milestones", "milestone id")
        _unique([r.id for r in self.risks], "risks", "risk id")
        if not (info.context or {}).get("lenient_references", False):
            for problem in unresolved_references(self):
                raise ValueError(problem)
        return self


def _unique(ids: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise ValueError(f"{where}[{i}]: {what} {ident!r} is used twice; ids must be unique")
        seen.add(ident)


def task_index(profile: Profile) -> dict[str, str]:
    """Map every way of naming a task (``phase.task``, and ``task`` where unique) to ``phase.task``."""
    index: dict[str, str] = {}
    bare_count: dict[str, int] = {}
    for phase in profile.timeline.phases:
        for task in phase.tasks:
            index[f"{phase.id}.{task.id}"] = f"{phase.id}.{task.id}"
            bare_count[task.id] = bare_count.get(task.id, 0) + 1
    for phase in profile.timeline.phases:
        for task in phase.tasks:
            if bare_count[task.id] == 1:
                index[task.id] = f"{phase.id}.{task.id}"
    return index


def resolve_reference(profile: Profile, phase_id: str | None, ref: str, index: dict[str, str]) -> str | None:
    """Return the qualified ``phase.task`` a reference names, looking in ``phase_id`` first."""
    if phase_id is not None and f"{phase_id}.{ref}" in index:
        return f"{phase_id}.{ref}"
    return index.get(ref)


def unresolved_references(profile: Profile) -> list[str]:
    """Describe every ``after`` reference that names no task, with a did-you-mean hint."""
    index = task_index(profile)
    problems: list[str] = []

    def describe(where: str, ref: str) -> str:
        close = difflib.get_close_matches(ref, index, n=2, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        return f"{where}: unknown task {ref!r}{hint}"

    for i, phase in enumerate(profile.timeline.phases):
        for j, task in enumerate(phase.tasks):
            for k, ref in enumerate(task.after):
                if resolve_reference(profile, phase.id, ref, index) is None:
                    problems.append(describe(f"timeline.phases[{i}].tasks[{j}].after[{k}]", ref))
    for i, milestone in enumerate(profile.timeline.milestones):
        for k, ref in enumerate(milestone.after):
            if resolve_reference(profile, None, ref, index) is None:
                problems.append(describe(f"timeline.milestones[{i}].after[{k}]", ref))
    return problems


def profile_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the profile, for editors and ``opsplan schema``."""
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "opsplan shop profile, format version 1"
    return schema
