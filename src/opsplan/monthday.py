"""Campaign days: a full date (``2027-05-13``, one campaign) or a month and day (``05-13``, every year).

A month-day is written ``MM-DD`` (``05-13``, ``5-13``, ``5/13``) or in Chinese (``5月13日``, ``5月13号``);
full-width digits are read too. February 29 does not come every year, so it is refused as a month-day
(write ``02-28``, ``03-01``, or a full date for one leap year). A full date may be written in any form
``opsplan.input_forms`` reads (``2027/5/13``, ``2027年5月13日``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from opsplan.profile_types import FIRST_DAY, LAST_DAY

_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*[日号]?$")
_FULL_DATE = re.compile(r"^\d{4}\s*[-/.年]")
SHAPES = "YYYY-MM-DD for one date, or MM-DD (05-13, 5月13日) for the same days every year"


@dataclass(frozen=True, order=True)
class MonthDay:
    """A day of the year without its year: a campaign written with it recurs every year."""

    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> dt.date:
        """Return this day in ``year``."""
        return dt.date(year, self.month, self.day)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": r"^\d{1,2}-\d{1,2}$", "description": "MM-DD: every year"}


def _validate(value: object) -> MonthDay:
    if isinstance(value, MonthDay):
        return value
    if isinstance(value, str):
        found = read_month_day(value)
        if found is not None:
            return found
    raise ValueError(f"{value!r} is not a month and day; write MM-DD, for example 05-13")


def read_month_day(raw: str) -> MonthDay | None:
    """Read ``raw`` as a month and day (``05-13``, ``5月13日``); None when it is not shaped like one.

    Raises ``ValueError`` for a shape with no such day (``02-30``) and for February 29.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    if (month, day) == (2, 29):
        raise ValueError(
            f"{raw.strip()!r}: February 29 does not come every year; for a campaign every year write 02-28 or "
            "03-01, or a full date (2028-02-29) for one year"
        )
    try:
        dt.date(2001, month, day)  # a common year holds every month-day but February 29
    except ValueError:
        raise ValueError(f"{raw.strip()!r} is not a day of the year (month {month}, day {day})") from None
    return MonthDay(month, day)


def read_campaign_day(value: object) -> object:
    """Read a campaign's ``start`` or ``end``: a full date stays a date, a month-day becomes ``MonthDay``."""
    from opsplan.input_forms import FormError, read_date

    if isinstance(value, dt.date | MonthDay):
        return value
    if not isinstance(value, str):
        what = f"the number {value:g}" if isinstance(value, int | float) else f"a {type(value).__name__}"
        what = {"a list": "a list", "a dict": "a mapping", "a NoneType": "an empty value"}.get(what, what)
        raise ValueError(f"expected a date, not {what}; write {SHAPES}")
    text = unicodedata.normalize("NFKC", value).strip()
    if _FULL_DATE.match(text):
        try:
            reading = read_date(text)
        except FormError as exc:
            raise ValueError(str(exc)) from None
        try:
            day = dt.date.fromisoformat(text if reading is None else str(reading.value))
        except ValueError:
            raise ValueError(f"{value.strip()!r} is not a date; write {SHAPES}") from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(f"{day.isoformat()} is out of range; dates in a plan run from {FIRST_DAY} to {LAST_DAY}")
        return day
    found = read_month_day(text)
    if found is None:
        raise ValueError(f"{value.strip()!r} is not a date; write {SHAPES}")
    return found


def yearly(start: MonthDay, end: MonthDay, year: int) -> tuple[dt.date, dt.date]:
    """Return the days a campaign written ``start``–``end`` runs when it starts in ``year``.

    An end before the start (``12-28`` to ``01-03``) is in the next year.
    """
    first = start.in_year(year)
    last = end.in_year(year if end >= start else year + 1)
    return first, last
