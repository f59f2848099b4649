"""Campaign days: a full date (one campaign), a month-day, or a day counted from a festival or weekday rule.

A full date is ``2027-05-13`` (or any form ``opsplan.input_forms`` reads: ``2027/5/13``, ``2027年5月13日``).
A month-day is ``MM-DD`` (``05-13``, ``5-13``, ``5/13``) or Chinese (``5月13日``, ``5月13号``); full-width
digits are read too. February 29 does not come every year, so it is refused as a month-day (write ``02-28``,
``03-01``, or a full date for one leap year).

A festival day is a named festival (``opsplan.festivals``: the lunar ``七夕``, ``端午``, ``中秋``, ``春节``;
``母亲节`` and ``父亲节``, weekdays of May and June; ``教师节``, 09-10; or their English names ``Qixi``,
``Mother's Day`` …) or a weekday of a month, written ``5月第2个周日`` (also ``五月第二个星期日``, ``6月的第三个
礼拜天``, ``5月最后一个周一``) or ``second Sunday of May`` (``2nd Sun of May``, ``last Monday of May``);
either optionally ``-N`` or ``+N`` days (``七夕-9``, ``母亲节-6``). A fifth weekday is refused (not every month
has one). Lunar festivals are tabled for 2024–2050, and a year outside the table has no occurrence (the plan
reports a campaign that needs one, OPS711).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any, ClassVar

from opsplan.festivals import FESTIVALS, MONTHS_EN, WEEKDAYS_EN, Rule, WeekdayRule
from opsplan.load_messages import lmsg
from opsplan.profile_messages import pmsg
from opsplan.profile_types import FIRST_DAY, LAST_DAY

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*[日号]?$")
_FULL_DATE = re.compile(r"^\d{4}\s*[-/.年]")
_FESTIVAL_DAY = re.compile(r"^(?P<name>.+?)\s*(?:(?P<sign>[+-])\s*(?P<days>\d{1,3}))?$")
_ZH_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ZH_NUMBERS |= {"十一": 11, "十二": 12}
# The two patterns of a weekday rule are compiled where a rule is read (``re``'s own cache keeps them): most
# profiles have none, and compiling them at import cost 0.5 ms in every check.
# 5月第2个周日, 五月第二个星期日, 6月的第三个礼拜天, 5月最后一个周一 (spaces removed first)
_WEEKDAY_ZH = (
    r"^(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(?:的)?"
    r"(?:第(?P<nth>[1-5一二两三四五])个?|(?P<last>最后一个|最后1个|最后))"
    r"(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天])$"
)
# second Sunday of May, 2nd Sun in May, the last Monday of May (casefolded, single spaces)
_WEEKDAY_EN = (
    r"^(?:the )?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th) (?P<weekday>[a-z]+) "
    r"(?:of|in) (?P<month>[a-z]+)$"
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
# what the JSON Schema accepts for a weekday rule (a looser reading of the two patterns above)
WEEKDAY_PATTERN = (
    r"(\d{1,2}|[一二三四五六七八九十]{1,2})月份?的?(第.个?|最后一?个?)(周|星期|礼拜)[一二三四五六日天]"
    r"|([Tt]he )?([Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ll]ast|[1-4](st|nd|rd|th)) [A-Za-z]+ (of|in) [A-Za-z]+"
)


class _WrittenDay:
    """A campaign day read from text and written back as text (``str``) in the profile and its JSON Schema."""

    __slots__ = ()
    _json: ClassVar[dict[str, str]]

    @classmethod
    def _read(cls, value: object) -> _WrittenDay:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        from pydantic_core import core_schema  # Pydantic asks, never the light mode: its 7-10 ms import waits for it

        return core_schema.no_info_plain_validator_function(
            cls._read, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", **cls._json}


@functools.total_ordering
class MonthDay(_WrittenDay):
    """A day of the year without its year: a campaign written with it recurs every year."""

    __slots__ = ("day", "month")

    def __init__(self, month: int, day: int) -> None:
        self.month = month
        self.day = day

    def __reduce__(self) -> tuple[type[MonthDay], tuple[int, int]]:
        return MonthDay, (self.month, self.day)

    def __repr__(self) -> str:
        return f"MonthDay(month={self.month!r}, day={self.day!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is MonthDay and (self.month, self.day) == (other.month, other.day)

    def __lt__(self, other: MonthDay) -> bool:
        if type(other) is not MonthDay:
            return NotImplemented
        return (self.month, self.day) < (other.month, other.day)

    def __hash__(self) -> int:
        return hash((self.month, self.day))

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> dt.date:
        """Return this day in ``year``."""
        return dt.date(year, self.month, self.day)

    _json: ClassVar[dict[str, str]] = {"pattern": r"^\d{1,2}-\d{1,2}$", "description": "MM-DD: every year"}

    @classmethod
    def _read(cls, value: object) -> MonthDay:
        return _validate(value)


class FestivalDay(_WrittenDay):
    """A day counted from a yearly rule (``七夕-9``, ``母亲节``, ``5月第2个周日-6``): it follows the rule each year.

    ``name`` is the festival or rule as it is shown (in the language it was written in); two are equal when
    they count the same days from the same rule, whatever names it (母亲节 is 5月第2个周日 is Mother's Day).
    """

    __slots__ = ("name", "offset", "rule")

    def __init__(self, name: str, rule: Rule, offset: int) -> None:
        self.name = name
        self.rule = rule
        self.offset = offset

    def __reduce__(self) -> tuple[type[FestivalDay], tuple[str, Rule, int]]:
        return FestivalDay, (self.name, self.rule, self.offset)

    def __repr__(self) -> str:
        return f"FestivalDay(name={self.name!r}, rule={self.rule!r}, offset={self.offset!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FestivalDay) and (self.rule, self.offset) == (other.rule, other.offset)

    def __hash__(self) -> int:
        return hash((self.rule, self.offset))

    def __str__(self) -> str:
        return self.name if self.offset == 0 else f"{self.name}{self.offset:+d}"

    def in_year(self, year: int) -> dt.date | None:
        """Return this day for the rule's day in ``year``; None when a lunar festival is not tabled for that year."""
        day = self.rule.on(year)
        return None if day is None else day + dt.timedelta(days=self.offset)

    _json: ClassVar[dict[str, str]] = {
        "pattern": rf"^({'|'.join(dict.fromkeys([*FESTIVALS, *(shown for shown, _ in FESTIVALS.values())]))}"
        rf"|{WEEKDAY_PATTERN})\s*([+-]\s*\d+)?$",
        "description": (
            "a festival or a weekday of a month, and days: 七夕-9, 母亲节, 5月第2个周日, second Sunday of May"
        ),
    }

    @classmethod
    def _read(cls, value: object) -> FestivalDay:
        return _validate_festival(value)


def read_festival_day(raw: str) -> FestivalDay | None:
    """Read ``raw`` as a festival or weekday rule and days (``七夕-9``, ``母亲节``, ``5月第2个周日-6``).

    Returns None when it names neither; raises ``ValueError`` for a weekday that not every year has
    (``5月第5个周日``).
    """
    match = _FESTIVAL_DAY.match(unicodedata.normalize("NFKC", raw).strip())
    if not match:
        return None
    name = match.group("name").strip()
    days = int(match.group("days") or 0)
    offset = -days if match.group("sign") == "-" else days
    if name.casefold() in FESTIVALS:
        shown, festival = FESTIVALS[name.casefold()]
        return FestivalDay(shown, festival.rule, offset)
    found = read_weekday_rule(name)
    if found is None:
        return None
    rule, zh = found
    return FestivalDay(rule.written(zh), rule, offset)


def read_weekday_rule(raw: str) -> tuple[WeekdayRule, bool] | None:
    """Read ``5月第2个周日`` or ``second Sunday of May`` (and the like); None when it is neither shape.

    Returns the rule and whether it was written in Chinese. Raises ``ValueError`` for a fifth weekday
    (not every month has one: write the last one) and for a month that does not exist.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    zh = re.match(_WEEKDAY_ZH, re.sub(r"\s+", "", text))
    en = None if zh else re.match(_WEEKDAY_EN, " ".join(text.casefold().split()))
    if zh:
        month = _ZH_NUMBERS.get(zh.group("month")) or int(zh.group("month"))
        nth = -1 if zh.group("last") else _ZH_NUMBERS.get(zh.group("nth")) or int(zh.group("nth"))
        weekday = "一二三四五六日天".index(zh.group("weekday"))
        weekday = min(weekday, 6)  # 周天 is 周日
    elif en:
        weekday_found = _english(en.group("weekday"), WEEKDAYS_EN)
        month_found = _english(en.group("month"), MONTHS_EN)
        if weekday_found is None or month_found is None:
            return None
        weekday, month = weekday_found, month_found + 1
        nth = _ORDINALS[en.group("nth")]
    else:
        return None
    if not 1 <= month <= 12:
        raise ValueError(pmsg("day.weekday_month", value=raw.strip(), month=month))
    if nth == 5:
        raise ValueError(pmsg("day.fifth_weekday", value=raw.strip()))
    return WeekdayRule(month, weekday, nth), bool(zh)


def _english(word: str, names: tuple[str, ...]) -> int | None:
    """Return the index of the name ``word`` spells or begins with three letters or more (``Sun``, ``Sept``)."""
    found = [i for i, name in enumerate(names) if len(word) >= 3 and name.casefold().startswith(word)]
    return found[0] if len(found) == 1 else None


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
