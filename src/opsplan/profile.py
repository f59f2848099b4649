"""The shop profile, format version 1: Pydantic models with no I/O (BRIEF §8).

Every field carries a description: ``opsplan new`` writes them as comments and ``opsplan schema``
exports them as JSON Schema. Structural rules (types, ranges, unique ids, resolvable references) are
enforced here; judgements about a plan's quality (shares that do not sum to 1, goals that move the
wrong way) are left to ``opsplan check``. The section models live in ``profile_types`` and
``profile_sections``; everything is importable from here.
"""

from typing import Any, Self

from opsplan.enum_words import with_words
from opsplan.kinds import Chapter
from opsplan.load_messages import did_you_mean
from opsplan.modelkit import Field, ValidationInfo, field_validator, model_validator
from opsplan.prepared_models import install as install_prepared
from opsplan.profile_campaign import Campaign
from opsplan.profile_chapters import SectionText
from opsplan.profile_messages import pmsg
from opsplan.profile_sections import (
    Budget,
    BudgetItem,
    Buffers,
    Channel,
    Content,
    DataPlan,
    FunnelStage,
    Kpi,
    LifecycleStage,
    Live,
    LiveAnchor,
    LiveSegment,
    Milestone,
    Organization,
    Phase,
    Pillar,
    Plausibility,
    Promotion,
    Risk,
    Role,
    Scenarios,
    Segment,
    Supplier,
    Supply,
    Task,
    Tier,
    Timeline,
    Tool,
    Traffic,
    Users,
    Weight,
)
from opsplan.profile_types import (
    Audience,
    Cadence,
    ChannelType,
    Competitor,
    Day,
    Goals,
    Horizon,
    Ident,
    Locale,
    Market,
    MarketFact,
    MetricValues,
    Model,
    PlanInfo,
    Platform,
    Problem,
    Rate,
    RiskCategory,
    Score,
    Share,
    Shop,
    Text,
    _check_metric_keys,
)

__all__ = [
    "Audience",
    "Budget",
    "BudgetItem",
    "Buffers",
    "Cadence",
    "Campaign",
    "Channel",
    "ChannelType",
    "Competitor",
    "Content",
    "DataPlan",
    "Day",
    "FunnelStage",
    "Goals",
    "Horizon",
    "Ident",
    "Kpi",
    "LifecycleStage",
    "Live",
    "LiveAnchor",
    "LiveSegment",
    "Locale",
    "Market",
    "MarketFact",
    "MetricValues",
    "Milestone",
    "Model",
    "Organization",
    "Phase",
    "Pillar",
    "PlanInfo",
    "Platform",
    "Plausibility",
    "Problem",
    "Profile",
    "Promotion",
    "Rate",
    "Risk",
    "RiskCategory",
    "Role",
    "Scenarios",
    "Score",
    "SectionText",
    "Segment",
    "Share",
    "Shop",
    "Supplier",
    "Supply",
    "Task",
    "Text",
    "Tier",
    "Timeline",
    "Tool",
    "Traffic",
    "Users",
    "Weight",
    "profile_json_schema",
    "resolve_reference",
    "task_index",
    "unresolved_references",
]


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
    plausibility: Plausibility = Field(
        default_factory=Plausibility, description="Ceilings for the plausibility warnings (rules of thumb)."
    )
    sections: dict[Ident, SectionText] = Field(
        default_factory=dict,
        description="Free text per chapter (its key: background, content …), or a chapter of your own (any other "
        "key, with title, after and body).",
    )

    _baseline = field_validator("baseline")(_check_metric_keys)

    @field_validator("version")
    @classmethod
    def _version_one(cls, value: int) -> int:
        if value != 1:
            raise ValueError(pmsg("version", value=value))
        return value

    @model_validator(mode="after")
    def _ids_and_references(self, info: ValidationInfo) -> Self:
        _unique([p.id for p in self.timeline.phases], "timeline.phases", "phase")
        for i, phase in enumerate(self.timeline.phases):
            _unique([t.id for t in phase.tasks], f"timeline.phases[{i}].tasks", "task")
        _unique([m.id for m in self.timeline.milestones], "timeline.milestones", "milestone")
        _unique([r.id for r in self.risks], "risks", "risk")
        _own_chapters(self.sections)
        goal_metrics = {key for _, horizon in self.goals.horizons() for key in horizon.targets}
        for i, kpi in enumerate(self.kpis):
            if kpi.target is None and kpi.metric not in goal_metrics:
                raise ValueError(pmsg("kpi_target", i=i, metric=kpi.metric))
        if not (info.context or {}).get("lenient_references", False):
            from opsplan.plan.anchors import unresolved_anchors

            for problem in [*unresolved_references(self), *unresolved_anchors(self)]:
                raise ValueError(problem)
        return self


def _own_chapters(sections: dict[str, SectionText]) -> None:
    """Refuse a chapter of the user's own (a key that is not a kind's chapter) without a title or a place."""
    kinds = {c.value for c in Chapter}
    for key, text in sections.items():
        if key in kinds:
            if text.after is not None or text.body is not None:
                raise ValueError(pmsg("own.kind_chapter", key=key))
            continue
        if not text.title:
            raise ValueError(pmsg("own.title", key=key))
        if text.after is None:
            raise ValueError(pmsg("own.after", key=key))
        if text.after not in kinds and text.after not in sections:
            from difflib import get_close_matches  # only when a name is unknown

            close = get_close_matches(text.after, [*kinds, *sections], n=1, cutoff=0.6)
            raise ValueError(pmsg("own.no_chapter", key=key, after=text.after, hint=did_you_mean(close)))


def _unique(ids: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise ValueError(pmsg("id_twice", where=where, i=i, what=pmsg(f"what.{what}"), ident=ident))
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


def cycle_field(profile: Profile, cycle: tuple[str, ...]) -> tuple[str | int, ...]:
    """Return the field a dependency cycle is reported at: the ``after`` of its first task (``timeline`` if none)."""
    if cycle:
        phase_id, _, task_id = cycle[0].partition(".")
        for i, phase in enumerate(profile.timeline.phases):
            for j, task in enumerate(phase.tasks):
                if phase.id == phase_id and task.id == task_id:
                    return ("timeline", "phases", i, "tasks", j, "after" if task.after else "id")
    return ("timeline",)


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
        from difflib import get_close_matches  # only when a name is unknown

        from opsplan.load_messages import lmsg

        close = get_close_matches(ref, index, n=2, cutoff=0.6)
        return f"{where}: " + lmsg("ref.unknown_task", ref=ref, hint=did_you_mean(close))

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
    schema = with_words(Profile.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "opsplan shop profile, format version 1"
    return schema


install_prepared("profile")  # every class above exists: complete them (``opsplan.prepared_models``)
