"""The profile's campaigns: once (full dates) or every year (month-days, ``opsplan.monthday``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from opsplan.monthday import MonthDay, read_campaign_day
from opsplan.profile_types import Model, Text

CampaignDay = Annotated[dt.date | MonthDay, Field(union_mode="left_to_right"), BeforeValidator(read_campaign_day)]


class Campaign(Model):
    """A dated campaign (a retail peak or the shop's own event), once (full dates) or every year (month-days)."""

    name: Text = Field(description="Campaign name, for example 618 or 双11.")
    start: CampaignDay = Field(
        description="First day: YYYY-MM-DD for one campaign, or MM-DD (05-13, 5月13日) for a campaign every year, "
        "placed in each year of the plan window."
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
        """Whether the campaign comes every year (written with month-days)."""
        return isinstance(self.start, MonthDay)

    @model_validator(mode="after")
    def _ordered(self) -> Campaign:
        if isinstance(self.start, MonthDay) != isinstance(self.end, MonthDay):
            raise ValueError(
                f"campaign {self.name!r} mixes a full date and a month-day; write both as YYYY-MM-DD (once) or "
                "both as MM-DD (every year)"
            )
        if isinstance(self.start, dt.date) and isinstance(self.end, dt.date) and self.end < self.start:
            raise ValueError(f"campaign {self.name!r} ends on {self.end}, before it starts on {self.start}")
        return self
