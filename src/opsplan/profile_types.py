"""Profile building blocks: value types, enums, and the plan, shop, market, problem and goal sections."""

import datetime as dt
import itertools
import re
from enum import StrEnum
from typing import Annotated, Literal, Self

from opsplan.currency import read_currency
from opsplan.enum_words import read_word
from opsplan.i18n import is_zh
from opsplan.kinds import Chapter, PlanKind
from opsplan.load_messages import lmsg
from opsplan.metrics import CATALOGUE, MetricKind, unknown_metric_message
from opsplan.modelkit import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from opsplan.profile_messages import pmsg

Share = Annotated[float, Field(ge=0, le=1, description="A fraction of the whole, 0–1 (0.3 is 30%).")]
Rate = Annotated[float, Field(ge=0, le=1, description="A fraction, 0–1 (0.035 is 3.5%).")]
Score = Annotated[int, Field(ge=1, le=5)]
Text = Annotated[str, Field(max_length=20_000)]


FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
MAX_NUMBER = 1e15  # a thousand trillion: every sum and product of the plan stays within what formatting shows
MIN_NUMBER = 1e-6  # the smallest size of a number other than 0 (a rate of 0.0001%)


def _iso_date(value: object) -> object:
    """Refuse bare numbers for dates (pydantic alone would read 86400 as a Unix timestamp)."""
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\s*[\d.]+\s*", value)):
        raise ValueError(lmsg("value.not_date", value=value))
    return value


def _plan_era(value: dt.date) -> dt.date:
    """Keep dates where the calendar can count every day a plan needs from them (years up to 9999)."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(lmsg("value.date_range", day=value.isoformat(), first=FIRST_DAY, last=LAST_DAY))
    return value


def bounded_number(value: object, key: str | None = None) -> object:
    """Return ``value`` (``-0.0`` as ``0.0``) if it is a number a plan can compute and show; raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    size = abs(value)
    if size > MAX_NUMBER or 0 < size < MIN_NUMBER:
        what = (
            lmsg("value.key_is", key=key, value=f"{value:g}")
            if key is not None
            else lmsg("value.is", value=f"{value:g}")
        )
        if size > MAX_NUMBER:
            raise ValueError(lmsg("value.too_large", what=what, limit=f"{MAX_NUMBER:g}"))
        raise ValueError(lmsg("value.too_small", what=what, limit=f"{MIN_NUMBER:g}"))
    return 0.0 if isinstance(value, float) and value == 0 else value


Day = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_plan_era)]
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]


class Model(BaseModel):
    """Base of every profile model: unknown keys, NaN, infinity and numbers out of range are refused.

    Numbers too large or too small to compute with and show (``bounded_number``) are refused in every field.
    """

    # built by ``opsplan.prepared_models.install`` once every class exists, from the wheel's prepared schemas
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, use_enum_values=False, defer_build=True)

    @field_validator("*", mode="after")
    @classmethod
    def _numbers_in_range(cls, value: object) -> object:
        if isinstance(value, int | float):
            return bounded_number(value)
        if isinstance(value, dict):
            return {key: bounded_number(item, key) for key, item in value.items()}
        if isinstance(value, list) and value and isinstance(value[0], int | float):
            return [bounded_number(item) for item in value]
        return value


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


def _currency(value: object) -> object:
    return read_currency(value)


def _risk_category(value: object) -> object:
    return read_word(RiskCategory, value)


def _platform(value: object) -> object:
    return read_word(Platform, value)


def _channel_type(value: object) -> object:
    return read_word(ChannelType, value)


def _cadence(value: object) -> object:
    return read_word(Cadence, value)


# a choice written as its key or its label in either language (团队, Team or team), as ``opsplan.enum_words`` reads
RiskCategoryWord = Annotated[RiskCategory, BeforeValidator(_risk_category)]
PlatformWord = Annotated[Platform, BeforeValidator(_platform)]
ChannelTypeWord = Annotated[ChannelType, BeforeValidator(_channel_type)]
CadenceWord = Annotated[Cadence, BeforeValidator(_cadence)]

Locale = Literal["zh-CN", "en"]


class PlanInfo(Model):
    """What the plan is: title, language, start date, currency, author, kind."""

    title: Text = Field(description="The plan's title, shown on the title page.")
    locale: Locale = Field("zh-CN", description="Language of the plan: zh-CN or en.")
    start: Day = Field(description="First day of the plan (YYYY-MM-DD); all dates are counted from it.")
    date: Day | None = Field(
        None, description="The date the plan is written, shown on the title page (YYYY-MM-DD); default: today."
    )
    currency: Annotated[str, BeforeValidator(_currency)] = Field(
        "CNY", description="ISO 4217 currency code of all money; RMB and 人民币 are read as CNY."
    )
    author: Text = Field("", description="Who wrote the plan: a person, team or agency.")
    client: Text | None = Field(None, description="Who the plan is for (客户), shown on the title page.")
    version: str | None = Field(
        None,
        max_length=40,
        description="The plan's version (版本), for example v1.2, shown on the title page.",
    )
    confidentiality: Text | None = Field(
        None, description="A confidentiality notice (保密声明) shown on the title page, for example 仅限客户内部使用."
    )
    kind: PlanKind = Field(PlanKind.CUSTOM, description="The plan kind; decides which chapters the plan has.")
    chapters: list[Chapter] | None = Field(
        None, description="Chapters in order, replacing the kind's own list (mostly for kind: custom)."
    )
    retail_calendar: bool = Field(
        False, description="Add the well-known retail dates (618, 双11, 年货节 …) inside the plan window."
    )

    @field_validator("chapters")
    @classmethod
    def _each_chapter_once(cls, chapters: list[Chapter] | None) -> list[Chapter] | None:
        listed = chapters or []
        for i, chapter in enumerate(listed):
            if chapter in listed[:i]:
                first = listed.index(chapter) + 1
                raise ValueError(pmsg("chapter_twice", i=i, chapter=chapter.value, first=first, again=i + 1))
        return chapters


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
    aliases: list[Text] = Field(
        default_factory=list,
        description="Short names the shop also goes by (湘味里 for 湘味里湘菜小炒); a plan for another shop that "
        "still names them is flagged by check (OPS204).",
    )
    platform: PlatformWord = Field(
        description="Main platform: douyin, xigua, wechat, kuaishou, taobao, xiaohongshu or other, "
        "or its name (抖音 / Douyin …)."
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
    for key, value in values.items():
        if key not in CATALOGUE:
            raise ValueError(unknown_metric_message(key))
        metric = CATALOGUE[key]
        if value < 0 and metric.kind in (MetricKind.COUNT, MetricKind.MONEY, MetricKind.DURATION):
            label = metric.zh if is_zh() else metric.en.lower()
            raise ValueError(lmsg("value.negative", key=key, value=f"{value:g}", label=label))
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
    def _horizons_in_order(self) -> Self:
        months = [(name, h.months) for name, h in self.horizons()]
        for (name_a, a), (name_b, b) in itertools.pairwise(months):
            if b <= a:
                raise ValueError(pmsg("goals_order", later=name_b, b=b, earlier=name_a, a=a))
        return self

    def horizons(self) -> list[tuple[str, Horizon]]:
        """Return the horizons that are set, in order, with their names."""
        pairs = [("short", self.short), ("mid", self.mid), ("long", self.long)]
        return [(name, h) for name, h in pairs if h is not None]
