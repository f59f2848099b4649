"""Calendar arithmetic shared by the engine (no formatting)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opsplan.profile import Profile


def month_days(year: int, month: int) -> int:
    """Return the number of days in ``month`` (1–12) of ``year``, as ``calendar.monthrange`` does without its import."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by ``months`` calendar months, the day clamped to the month's length."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, month_days(year, month)))


def day_offset(start: dt.date, days: int) -> dt.date:
    """Return the date ``days`` days after ``start``."""
    return start + dt.timedelta(days=days)


def goals_window(profile: Profile) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the goals' window: plan start to the day before the last horizon."""
    last = profile.goals.horizons()[-1][1].months
    return profile.plan.start, add_months(profile.plan.start, last) - dt.timedelta(days=1)
