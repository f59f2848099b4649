"""Periods of actuals: a month, an ISO week or a day, each with the span it covers.

An observation is taken at the end of its period: a month's value stands for the month's close, a week's
for the Sunday, a day's for that day. ``plan_month`` places that moment on the plan's month axis (0 =
``plan.start``), with a fraction inside the month, so it can be compared with the goal trajectory.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from opsplan.plan.dates import add_months
from opsplan.track.messages import tmsg

_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_WEEK = re.compile(r"^(\d{4})\s*-?\s*[Ww](\d{1,2})$")
_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class Period:
    """A month, week or day: ``start`` inclusive, ``end`` exclusive (the moment it is observed)."""

    kind: Literal["month", "week", "date"]
    label: str
    start: dt.date
    end: dt.date


def month_period(year: int, month: int) -> Period:
    """Return the calendar month ``year-month`` as a period."""
    start = dt.date(year, month, 1)
    return Period("month", f"{year:04d}-{month:02d}", start, add_months(start, 1))


def parse_period(value: object) -> Period:
    """Read a period written as ``2027-03``, ``2027年3月``, ``2027-W12`` or ``2027-03-15`` (or a date cell).

    A date cell on the first of a month is read as that month, as a spreadsheet stores a typed ``2027-03``.
    Raises ``ValueError`` with a message that shows the accepted forms.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.day == 1:
            return month_period(value.year, value.month)
        return Period("date", value.isoformat(), value, value + dt.timedelta(days=1))
    text = "" if value is None else str(value).strip()
    try:
        if match := _MONTH.match(text):
            return month_period(int(match[1]), int(match[2]))
        if match := _WEEK.match(text):
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
            year, week, _ = monday.isocalendar()
            return Period("week", f"{year:04d}-W{week:02d}", monday, monday + dt.timedelta(days=7))
        if match := _DAY.match(text):
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            return Period("date", day.isoformat(), day, day + dt.timedelta(days=1))
    except ValueError:
        raise ValueError(tmsg("period.unreal", text=text)) from None
    raise ValueError(tmsg("period.shape", text=text or tmsg("period.empty")))


def plan_month(start: dt.date, moment: dt.date) -> float:
    """Return ``moment`` on the plan's month axis: whole months since ``start`` plus the fraction of the next."""
    months = (moment.year - start.year) * 12 + moment.month - start.month
    while add_months(start, months) > moment:
        months -= 1
    while add_months(start, months + 1) <= moment:
        months += 1
    low, high = add_months(start, months), add_months(start, months + 1)
    return months + (moment - low).days / (high - low).days
