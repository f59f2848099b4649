"""The profile's campaigns: once (full dates) or every year (month-days, festival or weekday days: ``monthday``)."""

import datetime as dt
from typing import Annotated, Self

from opsplan.modelkit import BeforeValidator, Field, model_validator
from opsplan.monthday import FestivalDay, MonthDay, read_campaign_day
from opsplan.profile_messages import pmsg
from opsplan.profile_types import Model, Text

CampaignDay = Annotated[
    dt.date | MonthDay | FestivalDay, Field(union_mode="left_to_right"), BeforeValidator(read_campaign_day)
]


class Campaign(Model):
    """A dated campaign (a retail peak or the shop's own event), once (full dates) or every year."""

    name: Text = Field(description="Campaign name, for example 618 or 双11.")
    start: CampaignDay = Field(
        description="First day: YYYY-MM-DD for one campaign; MM-DD (05-13, 5月13日) for a campaign every year, "
        "placed in each year of the plan window; or a festival or a weekday of a month, and days, for one that "
        "moves with it each year: 七夕-9, 春节-21, 中秋 (lunar), 母亲节-6, 父亲节, 教师节, 5月第2个周日, second "
        "Sunday of May."
    )
    end: CampaignDay = Field(
        description="Last day, written like start; a month-day before the start's (12-28 to 01-03) is in the next year."
    )
    goal: Text = Field("", description="What the campaign should achieve.")
    gmv: float | None = Field(
        None,
        ge=0,
        description="GMV the campaign should bring over its days (each year, for one that recurs); default: the "
        "goal trajectory's monthly GMV for those days, pro rata.",
    )

    @property
    def recurring(self) -> bool:
        """Whether the campaign comes every year (written with month-days or festival days)."""
        return not isinstance(self.start, dt.date)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        start, end = self.start, self.end
        if type(start) is not type(end):
            raise ValueError(pmsg("campaign.mixed", name=self.name, start=start, end=end))
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            raise ValueError(pmsg("campaign.backwards", name=self.name, start=start, end=end))
        if isinstance(start, FestivalDay) and isinstance(end, FestivalDay):
            if start.rule != end.rule:
                raise ValueError(pmsg("campaign.two_festivals", name=self.name, first=start.name, second=end.name))
            if end.offset < start.offset:
                raise ValueError(pmsg("campaign.backwards", name=self.name, start=start, end=end))
        return self
