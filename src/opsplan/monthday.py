"""Campaign days: a full date (one campaign), a month-day or a day counted from a lunar festival (every year).

A full date is ``2027-05-13`` (or any form ``opsplan.input_forms`` reads: ``2027/5/13``, ``2027年5月13日``).
A month-day is ``MM-DD`` (``05-13``, ``5-13``, ``5/13``) or Chinese (``5月13日``, ``5月13号``); full-width
digits are read too. February 29 does not come every year, so it is refused as a month-day (write ``02-28``,
``03-01``, or a full date for one leap year). A festival day is ``七夕``, ``端午``, ``中秋`` or ``春节`` (or
``qixi``, ``dragon boat``, ``mid-autumn``, ``spring festival``), optionally ``-N`` or ``+N`` days (``七夕-9``);
the festivals are tabled for 2024–2035 (``opsplan.festivals``), and a year outside the table has no occurrence.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from opsplan.festivals import FESTIVALS
from opsplan.load_messages import lmsg
from opsplan.profile_messages import pmsg
from opsplan.profile_types import FIRST_DAY, LAST_DAY

_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*[日号]?$")
_FULL_DATE = re.compile(r"^\d{4}\s*[-/.年]")
_FESTIVAL_DAY = re.compile(r"^(?P<name>.+?)\s*(?:(?P<sign>[+-])\s*(?P<days>\d{1,3}))?$")


class _WrittenDay:
    """A campaign day read from text and written back as text (``str``) in the profile and its JSON Schema."""

    _json: ClassVar[dict[str, str]]

    @classmethod
    def _read(cls, value: object) -> _WrittenDay:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._read, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", **cls._json}


@dataclass(frozen=True, order=True)
class MonthDay(_WrittenDay):
    """A day of the year without its year: a campaign written with it recurs every year."""

    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> dt.date:
        """Return this day in ``year``."""
        return dt.date(year, self.month, self.day)

    _json: ClassVar[dict[str, str]] = {"pattern": r"^\d{1,2}-\d{1,2}$", "description": "MM-DD: every year"}

    @classmethod
    def _read(cls, value: object) -> MonthDay:
        return _validate(value)


@dataclass(frozen=True, eq=False)
class FestivalDay(_WrittenDay):
    """A day relative to a lunar festival (``七夕-9``): a campaign written with it follows the festival each year.

    Two are equal when they count the same days from the same festival, whatever language names it.
    """

    festival: str
    offset: int

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FestivalDay) and (self.table, self.offset) == (other.table, other.offset)

    def __hash__(self) -> int:
        return hash((id(self.table), self.offset))

    def __str__(self) -> str:
        return self.festival if self.offset == 0 else f"{self.festival}{self.offset:+d}"

    @property
    def table(self) -> dict[int, dt.date]:
        """The festival's dates by year."""
        return FESTIVALS[self.festival.casefold()][1]

    def in_year(self, year: int) -> dt.date | None:
        """Return this day for the festival of ``year``; None when the festival is not tabled for that year."""
        day = self.table.get(year)
        return None if day is None else day + dt.timedelta(days=self.offset)

    _json: ClassVar[dict[str, str]] = {
        "pattern": rf"^({'|'.join(dict.fromkeys([*FESTIVALS, *(shown for shown, _ in FESTIVALS.values())]))})"
        r"([+-]\d+)?$",
        "description": "a festival and days: 七夕-9",
    }

    @classmethod
    def _read(cls, value: object) -> FestivalDay:
        return _validate_festival(value)


def read_festival_day(raw: str) -> FestivalDay | None:
    """Read ``raw`` as a festival and days (``七夕-9``, ``春节``, ``Qixi - 2``); None when it names no festival."""
    match = _FESTIVAL_DAY.match(unicodedata.normalize("NFKC", raw).strip())
    if not match or match.group("name").strip().casefold() not in FESTIVALS:
        return None
    shown = FESTIVALS[match.group("name").strip().casefold()][0]
    days = int(match.group("days") or 0)
    return FestivalDay(shown, -days if match.group("sign") == "-" else days)


def _validate_festival(value: object) -> FestivalDay:
    if isinstance(value, FestivalDay):
        return value
    found = read_festival_day(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(pmsg("day.no_festival", value=value))
    return found


def _validate(value: object) -> MonthDay:
    if isinstance(value, MonthDay):
        return value
    if isinstance(value, str):
        found = read_month_day(value)
        if found is not None:
            return found
    raise ValueError(pmsg("day.not_month_day", value=value))


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
        raise ValueError(pmsg("day.february_29", value=raw.strip()))
    try:
        dt.date(2001, month, day)  # a common year holds every month-day but February 29
    except ValueError:
        raise ValueError(pmsg("day.not_in_year", value=raw.strip(), month=month, day=day)) from None
    return MonthDay(month, day)


def read_campaign_day(value: object) -> object:
    """Read a campaign's ``start`` or ``end``: a full date stays a date, a month-day becomes ``MonthDay``."""
    from opsplan.input_forms import FormError, read_date

    if isinstance(value, dt.date | MonthDay | FestivalDay):
        return value
    if not isinstance(value, str):
        raise ValueError(pmsg("day.expected", what=_what(value), shapes=pmsg("day.shapes")))
    text = unicodedata.normalize("NFKC", value).strip()
    if _FULL_DATE.match(text):
        try:
            reading = read_date(text)
        except FormError as exc:
            raise ValueError(str(exc)) from None
        try:
            day = dt.date.fromisoformat(text if reading is None else str(reading.value))
        except ValueError:
            raise ValueError(pmsg("day.not_date", value=value.strip(), shapes=pmsg("day.shapes"))) from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(lmsg("value.date_range", day=day.isoformat(), first=FIRST_DAY, last=LAST_DAY))
        return day
    found = read_month_day(text)
    festival = read_festival_day(text) if found is None else None
    if found is None and festival is None:
        raise ValueError(pmsg("day.not_date", value=value.strip(), shapes=pmsg("day.shapes")))
    return found or festival


def _what(value: object) -> str:
    """Describe a value that is not text, for the message that asks for a date instead."""
    if value is None:
        return pmsg("got.empty")
    if isinstance(value, list):
        return lmsg("got.list")
    if isinstance(value, dict):
        return lmsg("got.mapping")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return lmsg("got.number", value=f"{value:g}")
    return lmsg("got.other")


def yearly(start: MonthDay, end: MonthDay, year: int) -> tuple[dt.date, dt.date]:
    """Return the days a campaign written ``start``–``end`` runs when it starts in ``year``.

    An end before the start (``12-28`` to ``01-03``) is in the next year.
    """
    first = start.in_year(year)
    last = end.in_year(year if end >= start else year + 1)
    return first, last
