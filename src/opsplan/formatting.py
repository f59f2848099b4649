"""Locale formatting of plan values: counts, money, percentages, ratios, durations, dates, metrics.

Pure functions with the locale as first argument, shared by the plan (which writes values into
resolved text) and the renderers (which register them as Jinja filters). Digits, grouping and month names are
those of Babel's CLDR data for zh_CN and en (the tests compare every format with Babel's); the 万/亿 units of zh-CN
and the k/M/B of en are applied on top.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import TYPE_CHECKING

from opsplan.metrics import CATALOGUE, MetricKind

if TYPE_CHECKING:
    from babel import Locale

_BABEL = {"zh-CN": "zh_CN", "en": "en"}


def _is_zh(locale: str) -> bool:
    return locale.startswith("zh")


@functools.lru_cache(maxsize=8)
def _babel(locale: str) -> Locale:
    """Return the (cached) Babel locale; parsing one per call would dominate rendering time."""
    from babel import Locale

    return Locale.parse(_BABEL.get(locale, "zh_CN" if _is_zh(locale) else "en"))


def _num(value: float, locale: str, decimals: int = 2, *, min_decimals: int = 0) -> str:
    """Format ``value`` with up to ``decimals`` decimals (trailing zeros dropped, ``min_decimals`` kept)."""
    rounded = round(float(value), decimals)
    # the sign is part of the key: -0.0 == 0.0 but Babel writes "-0" for one of them
    return _formatted(rounded, math.copysign(1.0, rounded), locale, decimals, min_decimals)


_EVERY_FLOAT = Context(prec=400)


@functools.lru_cache(maxsize=4096)
def _formatted(value: float, sign: float, locale: str, decimals: int, min_decimals: int) -> str:
    """Format an already rounded number as Babel's ``#,##0.0#``-style pattern does, with the locale's symbols.

    Babel's own formatting costs tens of microseconds a number and a plan has hundreds of distinct ones;
    this does the same arithmetic (the number's shortest decimal text, rounded half to even) with
    Python's decimal formatting. The symbols are Python's too: Babel's for zh_CN and en are the same
    ``,`` ``.`` ``-``, and loading its locale data for them was about 25 ms of every cold render.
    ``babel_formatted`` is the reference the tests compare it with, digit for digit, in both locales.
    """
    if not math.isfinite(value):
        return babel_formatted(value, locale, decimals, min_decimals)
    # every finite float has at most 309 integer digits: with this precision none fails to quantize
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN, context=_EVERY_FLOAT)
    text = format(exact, f",.{decimals}f")
    if decimals > min_decimals:
        whole, _, fraction = text.partition(".")
        fraction = fraction.rstrip("0").ljust(min_decimals, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    return text


def babel_formatted(value: float, locale: str, decimals: int, min_decimals: int) -> str:
    """Return Babel's formatting of ``value`` with up to ``decimals`` decimals (``min_decimals`` kept)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * min_decimals + "#" * (decimals - min_decimals) if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_babel(locale)))


def _zh_units(value: float, locale: str) -> str:
    """Express ``value`` with 万/亿 where it is that large: 500000 → 50万, 123456789 → 1.23亿.

    Not Babel's ``format_compact_decimal``: over 3,007 values from 10⁴ to 10¹¹ it differs on 445, grouping
    (Babel 1010万, the plan's style 1,010万) and halves (33050: Babel 3.3万, here 3.31万), and costs 25.7 µs a
    value against 0.9 µs. In English Babel writes 500K where the plan writes 500k.
    """
    divisor, unit = compact_unit(locale, value)
    if not unit:
        return _num(value, locale)
    return _num(value / divisor, locale, _decimals(abs(value) / divisor)) + unit


def compact_unit(locale: str, size: float) -> tuple[float, str]:
    """Return the divisor and unit a figure of ``size`` is written with, (1, "") where it is written in full.

    zh-CN: 万 (10⁴) from 10,000, 亿 (10⁸) from 100,000,000; en: k (10³) from 100,000, M (10⁶), B (10⁹).
    """
    size = abs(size)
    if _is_zh(locale):
        return (1e8, "亿") if size >= 1e8 else (1e4, "万") if size >= 1e4 else (1.0, "")
    return (1e9, "B") if size >= 1e9 else (1e6, "M") if size >= 1e6 else (1e3, "k") if size >= 1e5 else (1.0, "")


def currency_unit(locale: str, currency: str = "CNY") -> str:
    """Return how an amount names its currency: zh-CN after the number (元, 美元), en before it (CNY, USD)."""
    if not _is_zh(locale):
        return currency
    if currency == "CNY":
        return "元"
    from babel.numbers import get_currency_name

    return str(get_currency_name(currency, locale=_babel(locale)))


def _decimals(size: float) -> int:
    """Decimals worth showing for a number of 万 or 亿: 3.42万, 123.5万, 1,461万."""
    return 2 if size < 100 else 1 if size < 1000 else 0


def _en_compact(value: float, locale: str, *, min_decimals: int = 0) -> str:
    """Express ``value`` compactly in English: 500000 → 500k, 2000000 → 2M (or 2.0M with min_decimals)."""
    divisor, unit = compact_unit(locale, value)
    if unit == "k":
        return _num(value / divisor, locale, 0) + unit
    if unit:
        return _num(value / divisor, locale, 2, min_decimals=min_decimals) + unit
    return _num(value, locale, 2)


def count(locale: str, value: float, full: bool = False) -> str:
    """Format a count: zh-CN 50万 / 1.23亿; en 500k / 1.23M (``full``: 500,000)."""
    rounded = round(float(value))
    if full:
        return _num(rounded, locale, 0)
    if _is_zh(locale):
        return _zh_units(rounded, locale)
    return _en_compact(rounded, locale)


def money(locale: str, value: float, currency: str = "CNY", full: bool = False) -> str:
    """Format an amount: zh-CN 200万元 (other currencies by name: 5万美元); en CNY 2.0M / CNY 268."""
    value = float(value)
    decimals = 0 if abs(value) >= 1000 or value == round(value) else 2
    if _is_zh(locale):
        unit = currency_unit(locale, currency)
        body = (
            _num(value, locale, decimals, min_decimals=decimals)
            if full or abs(value) < 1e4
            else (_zh_units(value, locale))
        )
        return body + unit
    if full or abs(value) < 1e6:
        body = _num(value, locale, decimals, min_decimals=decimals)
    else:
        body = _en_compact(value, locale, min_decimals=1)
    return f"{currency} {body}"


def percent(locale: str, value: float, signed: bool = False) -> str:
    """Format a fraction as a percentage: 0.35 → 35%, 0.035 → 3.5%, 0.0035 → 0.35%."""
    pct = float(value) * 100
    decimals = 2 if 0 < abs(pct) < 1 else 1
    text = _num(pct, locale, decimals) + "%"
    if signed and pct > 0:
        text = "+" + text
    return text


def number(locale: str, value: float, decimals: int = 2) -> str:
    """Format a plain number with grouping and up to ``decimals`` decimals: 1234.5 → 1,234.5."""
    return _num(float(value), locale, decimals)


def ratio(locale: str, value: float) -> str:
    """Format a plain ratio such as ROI: 2.1, 2 → 2.0, 2.15 → 2.15."""
    return _num(float(value), locale, 2, min_decimals=1)


_UNITS_ZH = {"seconds": "秒", "minutes": "分钟", "hours": "小时", "days": "天", "weeks": "周", "months": "个月"}
_UNITS_EN = {
    "seconds": "second",
    "minutes": "minute",
    "hours": "hour",
    "days": "day",
    "weeks": "week",
    "months": "month",
}


def duration(locale: str, value: float, unit: str = "days") -> str:
    """Format a duration with its unit: zh-CN 48小时 / 2.5周; en 48 hours / 1 day."""
    number = _num(float(value), locale, 1)
    if _is_zh(locale):
        return number + _UNITS_ZH.get(unit, unit)
    word = _UNITS_EN.get(unit, unit)
    if word in _UNITS_EN.values() and float(value) != 1:
        word += "s"
    return f"{number} {word}"


# Babel's CLDR month names for en ("d MMMM y", "d MMM"): a test compares every day of several years
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip


def date(locale: str, value: dt.date | str, style: str = "long") -> str:
    """Format a date: long zh-CN 2027年3月1日, en 1 March 2027; short 3月1日 / 1 Mar; iso 2027-03-01.

    As Babel's ``format_date`` writes them with ``y年M月d日`` / ``M月d日`` (zh_CN) and ``d MMMM y`` / ``d MMM`` (en).
    """
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if style == "iso":
        return day.isoformat()
    long = style == "long"
    if _is_zh(locale):
        return f"{day.year}年{day.month}月{day.day}日" if long else f"{day.month}月{day.day}日"
    month = MONTHS_EN[day.month - 1]
    return f"{day.day} {month} {day.year}" if long else f"{day.day} {month[:3]}"


_AGE_BAND = re.compile(r"^\s*(\d+)\s*(?:岁)?\s*(?:-|–|—|~|～|至|到|to)\s*(\d+)\s*(?:岁)?\s*$")
_AGE_FROM = re.compile(r"^\s*(\d+)\s*(?:岁)?\s*(?:\+|岁?以上|and over|or older)\s*$")


def age_band(locale: str, text: str) -> str:
    """Format an age band as written in a profile: 25-35 → zh-CN 25–35岁, en aged 25–35; 40+ → 40岁以上 / aged 40+.

    Text that is not a band of whole years (``大学生``) is returned as written.
    """
    zh = _is_zh(locale)
    band = _AGE_BAND.match(text)
    if band:
        low, high = band.groups()
        return f"{low}–{high}岁" if zh else f"aged {low}–{high}"
    older = _AGE_FROM.match(text)
    if older:
        return f"{older.group(1)}岁以上" if zh else f"aged {older.group(1)}+"
    return text.strip()


def text_list(locale: str, items: list[str]) -> str:
    """Join items as a sentence lists them: zh-CN 上海、杭州和苏州; en Shanghai, Hangzhou and Suzhou."""
    items = [i.strip() for i in items if i.strip()]
    if len(items) < 2:
        return "".join(items)
    if _is_zh(locale):
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def said_number(value: float) -> str:
    """Write a number inside a message, in the language of messages: zh-CN 600万 / 1.2亿, en 6,000,000.

    As the plan writes amounts and counts in Chinese (万 and 亿 from 10,000 up); in English in full with thousands
    separators, so a figure can be found in the profile. At most two decimals, trailing zeros dropped.
    """
    from opsplan.i18n import ZH, language

    locale = language()
    if locale == ZH and abs(value) >= 1e4:
        return _zh_units(float(value), locale)
    return _num(float(value), locale, 2)


def metric_value(locale: str, value: float, key: str, currency: str = "CNY") -> str:
    """Format ``value`` as the catalogued metric ``key`` is shown (count, money, rate, ratio, duration)."""
    metric = CATALOGUE[key]
    if metric.kind is MetricKind.COUNT:
        return count(locale, value)
    if metric.kind is MetricKind.MONEY:
        return money(locale, value, currency)
    if metric.kind is MetricKind.RATE:
        return percent(locale, value)
    if metric.kind is MetricKind.RATIO:
        return ratio(locale, value)
    return duration(locale, value, metric.unit or "days")


def delta(locale: str, value: float, key: str, currency: str = "CNY") -> str:
    """Format a change of metric ``key`` with its sign; rates in percentage points (+15个百分点 / +15 pts)."""
    metric = CATALOGUE[key]
    sign = "+" if value > 0 else "-" if value < 0 else "±"
    size = abs(float(value))
    if metric.kind is MetricKind.RATE:
        points = _num(size * 100, locale, 1)
        return f"{sign}{points}个百分点" if _is_zh(locale) else f"{sign}{points} pts"
    return sign + metric_value(locale, size, key, currency)
