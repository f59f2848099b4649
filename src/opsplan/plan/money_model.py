"""The money part of the plan model: the budget in money, channel spend, CAC, headcount and payroll.

Re-exported by ``opsplan.plan.model``; import from there.
"""

from typing import Literal

from opsplan.modelkit import Field
from opsplan.plan.base import Frozen
from opsplan.profile import ChannelType

# --- budget and team ------------------------------------------------------------------------------


class BudgetLine(Frozen):
    """A budget item with its money."""

    name: str
    share: float
    amount: float = Field(description="total × share.")
    monthly: float = Field(description="amount / budget months.")


class ChannelSpend(Frozen):
    """A traffic channel's spend and the GMV it returns at its ROI."""

    name: str
    type: ChannelType
    share: float
    roi: float | None
    monthly_spend: float | None
    period_spend: float | None = Field(description="monthly_spend × budget months.")
    gmv_return: float | None = Field(description="period_spend × roi.")


class Cac(Frozen):
    """Customer acquisition cost: monthly acquisition spend / new customers per month."""

    source: Literal["short", "mid", "long", "baseline"] = Field(description="Where new_customers comes from.")
    new_customers: float
    monthly_spend: float = Field(description="Channel monthly spend if any is given, else the monthly budget.")
    spend_basis: Literal["channels", "budget"]
    value: float | None = Field(description="None when new_customers is 0.")


class Budget(Frozen):
    """The budget split into money."""

    total: float
    months: int
    monthly_total: float
    share_sum: float
    items: list[BudgetLine]
    channels: list[ChannelSpend]
    channel_monthly_spend: float
    channel_gmv_return: float
    cac: Cac | None


class RoleCost(Frozen):
    """A role's headcount and payroll."""

    role: str
    count: int
    monthly_cost: float
    monthly_payroll: float = Field(description="count × monthly_cost.")
    period_payroll: float = Field(description="monthly_payroll × budget months.")


class Team(Frozen):
    """Headcount and payroll, against the budget."""

    roles: list[RoleCost]
    headcount: int
    monthly_payroll: float
    months: int = Field(description="The budget period in months.")
    period_payroll: float
    payroll_share_of_budget: float = Field(description="period_payroll / budget total.")
