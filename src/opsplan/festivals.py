"""Days that come once a year by a rule: lunar festivals, a weekday of a month, a fixed day, and their names.

Three kinds of rule:

* **lunar**: 春节 (the Spring Festival) is the 1st day of the 1st lunar month, 端午 the 5th of the 5th, 七夕 the
  7th of the 7th and 中秋 the 15th of the 8th. Their Gregorian dates are tabled for 2024–2050 (``LUNAR``, checked
  against published almanac tables and, in the tests, against the ``lunardate`` package); a year outside the
  table is not guessed: it has no date, and the plan reports a campaign that needs one (OPS711).
* **a weekday of a month**: 母亲节 (Mother's Day) is the second Sunday of May and 父亲节 (Father's Day) the
  third Sunday of June, in every year; ``WeekdayRule`` is the rule, written ``5月第2个周日`` or ``second Sunday
  of May`` (``opsplan.monthday``).
* **a fixed day**: 教师节 (Teachers' Day) is September 10.

``FESTIVALS`` maps each name a campaign day may be written with (casefolded) to the name shown and the rule,
for campaign days counted from a festival (``七夕-9``, ``母亲节-6``).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

FIRST_YEAR, LAST_YEAR = 2024, 2050

# year: (春节, 端午, 七夕, 中秋) as (month, day) in the Gregorian calendar
_LUNAR_ROWS: dict[int, tuple[tuple[int, int], ...]] = {
    2024: ((2, 10), (6, 10), (8, 10), (9, 17)),
    2025: ((1, 29), (5, 31), (8, 29), (10, 6)),
    2026: ((2, 17), (6, 19), (8, 19), (9, 25)),
    2027: ((2, 6), (6, 9), (8, 8), (9, 15)),
    2028: ((1, 26), (5, 28), (8, 26), (10, 3)),
    2029: ((2, 13), (6, 16), (8, 16), (9, 22)),
    2030: ((2, 3), (6, 5), (8, 5), (9, 12)),
    2031: ((1, 23), (6, 24), (8, 24), (10, 1)),
    2032: ((2, 11), (6, 12), (8, 12), (9, 19)),
    2033: ((1, 31), (6, 1), (8, 1), (9, 8)),
    2034: ((2, 19), (6, 20), (8, 20), (9, 27)),
    2035: ((2, 8), (6, 10), (8, 10), (9, 16)),
    2036: ((1, 28), (5, 30), (8, 28), (10, 4)),
    2037: ((2, 15), (6, 18), (8, 17), (9, 24)),
    2038: ((2, 4), (6, 7), (8, 7), (9, 13)),
    2039: ((1, 24), (5, 27), (8, 26), (10, 2)),
    2040: ((2, 12), (6, 14), (8, 14), (9, 20)),
    2041: ((2, 1), (6, 3), (8, 3), (9, 10)),
    2042: ((1, 22), (6, 22), (8, 22), (9, 28)),
    2043: ((2, 10), (6, 11), (8, 11), (9, 17)),
    2044: ((1, 30), (5, 31), (7, 31), (10, 5)),
    2045: ((2, 17), (6, 19), (8, 19), (9, 25)),
    2046: ((2, 6), (6, 8), (8, 8), (9, 15)),
    2047: ((1, 26), (5, 29), (8, 27), (10, 4)),
    2048: ((2, 14), (6, 15), (8, 16), (9, 22)),
    2049: ((2, 2), (6, 4), (8, 5), (9, 11)),
    2050: ((1, 23), (6, 23), (8, 23), (9, 30)),
}
LUNAR_KEYS = ("spring_festival", "dragon_boat", "qixi", "mid_autumn")
# festival key → year → its Gregorian date
LUNAR: dict[str, dict[int, dt.date]] = {
    key: {year: dt.date(year, *row[column]) for year, row in _LUNAR_ROWS.items()}
    for column, key in enumerate(LUNAR_KEYS)
}
SPRING_FESTIVAL, DRAGON_BOAT, QIXI, MID_AUTUMN = (LUNAR[key] for key in LUNAR_KEYS)

WEEKDAYS_ZH = "一二三四五六日"  # Monday (0) … Sunday (6), as in 周一 … 周日
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ORDINALS_EN = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


class LunarRule(NamedTuple):
    """A festival on the lunar calendar, by its key in ``LUNAR``."""

    key: str

    def on(self, year: int) -> dt.date | None:
        """Return the festival's date in ``year``; None outside the table (2024–2050)."""
        return LUNAR[self.key].get(year)

    def span(self) -> tuple[int, int]:
        """Return the earliest and latest day of the year (0 = 1 January) the festival falls on in the table."""
        days = [(day - dt.date(year, 1, 1)).days for year, day in LUNAR[self.key].items()]
        return min(days), max(days)


class WeekdayRule(NamedTuple):
    """The ``nth`` ``weekday`` (0 Monday … 6 Sunday) of ``month``: 1–4, or -1 for the last one."""

    month: int
    weekday: int
    nth: int

    def on(self, year: int) -> dt.date:
        """Return the day in ``year``."""
        if self.nth == -1:
            following = dt.date(year + (self.month == 12), self.month % 12 + 1, 1)
            last = following - dt.timedelta(days=1)
            return last - dt.timedelta(days=(last.weekday() - self.weekday) % 7)
        first = dt.date(year, self.month, 1)
        return first + dt.timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.nth - 1))

    def written(self, zh: bool) -> str:
        """Return the rule as a person writes it: ``5月第2个周日`` or ``second Sunday of May``."""
        if zh:
            which = "最后一个" if self.nth == -1 else f"第{self.nth}个"
            return f"{self.month}月{which}周{WEEKDAYS_ZH[self.weekday]}"
        return f"{ORDINALS_EN[self.nth]} {WEEKDAYS_EN[self.weekday]} of {MONTHS_EN[self.month - 1]}"


class FixedRule(NamedTuple):
    """The same month and day every year."""

    month: int
    day: int

    def on(self, year: int) -> dt.date:
        """Return the day in ``year``."""
        return dt.date(year, self.month, self.day)


Rule = LunarRule | WeekdayRule | FixedRule


class Festival(NamedTuple):
    """A named festival: its names in both languages, other names it may be written with, and its rule."""

    zh: str
    en: str
    rule: Rule
    aliases: tuple[str, ...] = ()


NAMED: tuple[Festival, ...] = (
    Festival("春节", "Spring Festival", LunarRule("spring_festival"), ("chinese new year",)),
    Festival("端午", "Dragon Boat", LunarRule("dragon_boat"), ("端午节", "dragon boat festival")),
    Festival("七夕", "Qixi", LunarRule("qixi"), ("七夕节",)),
    Festival("中秋", "Mid-Autumn", LunarRule("mid_autumn"), ("中秋节", "mid-autumn festival")),
    Festival("母亲节", "Mother's Day", WeekdayRule(5, 6, 2), ("mothers day", "mothers' day")),
    Festival("父亲节", "Father's Day", WeekdayRule(6, 6, 3), ("fathers day", "fathers' day")),
    Festival("教师节", "Teachers' Day", FixedRule(9, 10), ("teachers day", "teacher's day")),
)

# the name a campaign day is written with (casefolded) → (the name shown, the festival)
FESTIVALS: dict[str, tuple[str, Festival]] = {}
for _festival in NAMED:
    FESTIVALS[_festival.zh.casefold()] = (_festival.zh, _festival)
    FESTIVALS[_festival.en.casefold()] = (_festival.en, _festival)
    for _alias in _festival.aliases:
        _zh = any("\u4e00" <= char <= "\u9fff" for char in _alias)
        FESTIVALS[_alias.casefold()] = (_festival.zh if _zh else _festival.en, _festival)


MARGIN = 3


def untabled_years(rule: Rule, offset: int, first: dt.date, last: dt.date) -> list[int]:
    """Return the years outside the lunar table in which ``rule`` + ``offset`` days could fall in ``first``–``last``.

    A lunar festival stays within the days of the year it takes in the table, give or take ``MARGIN`` days (春节
    falls between 22 January and 19 February in 2024–2050), so a year whose such days, moved by ``offset``, miss
    the window needs no date. The other rules have a date in every year.
    """
    if not isinstance(rule, LunarRule):
        return []
    earliest, latest = rule.span()
    earliest, latest = earliest - MARGIN, latest + MARGIN
    out = []
    for year in range(first.year - 1, last.year + 2):
        if rule.on(year) is not None:
            continue
        new_year = dt.date(year, 1, 1)
        low = new_year + dt.timedelta(days=earliest + offset)
        high = new_year + dt.timedelta(days=latest + offset)
        if low <= last and first <= high:
            out.append(year)
    return out
