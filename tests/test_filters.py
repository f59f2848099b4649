"""Locale filters, checked against values worked out by hand in both locales."""

from __future__ import annotations

import datetime as dt

import pytest

from opsplan import formatting
from opsplan.render import filters as f
from opsplan.render import markup


@pytest.mark.parametrize(
    ("locale", "value", "expected"),
    [
        # 500000 / 1e4 = 50 → 50万; 123456789 / 1e8 = 1.2345… → 1.23亿
        ("zh-CN", 500000, "50万"),
        ("zh-CN", 123456789, "1.23亿"),
        # 34200 / 1e4 = 3.42 → 3.42万; 14613700 / 1e4 = 1461.37 ≥ 1000 → no decimals → 1,461万
        ("zh-CN", 34200, "3.42万"),
        ("zh-CN", 14613700, "1,461万"),
        # 1234567 / 1e4 = 123.4567 → one decimal between 100 and 1000 → 123.5万
        ("zh-CN", 1234567, "123.5万"),
        ("zh-CN", 8500, "8,500"),
        ("zh-CN", 0, "0"),
        # en: below 100,000 in full; 500,000 → 500k; 2,500,000 → 2.5M; 1.23e9 → 1.23B
        ("en", 8500, "8,500"),
        ("en", 20000, "20,000"),
        ("en", 500000, "500k"),
        ("en", 2500000, "2.5M"),
        ("en", 1230000000, "1.23B"),
        # counts are whole: 6944.4 → 6,944
        ("en", 6944.44, "6,944"),
    ],
)
def test_count(locale: str, value: float, expected: str) -> None:
    assert formatting.count(locale, value) == expected


def test_count_in_full() -> None:
    assert formatting.count("en", 500000, full=True) == "500,000"
    assert formatting.count("zh-CN", 500000, full=True) == "500,000"


@pytest.mark.parametrize(
    ("locale", "value", "currency", "expected"),
    [
        # 2,000,000 / 1e4 = 200 → 200万元
        ("zh-CN", 2000000, "CNY", "200万元"),
        ("zh-CN", 150000, "CNY", "15万元"),
        ("zh-CN", 268, "CNY", "268元"),
        ("zh-CN", 26.5, "CNY", "26.50元"),
        # 50,000 USD → 5万 + the currency's Chinese name
        ("zh-CN", 50000, "USD", "5万美元"),
        # en: 2,000,000 → CNY 2.0M (one decimal kept); below a million in full
        ("en", 2000000, "CNY", "CNY 2.0M"),
        ("en", 11000000, "CNY", "CNY 11.0M"),
        ("en", 1250000, "CNY", "CNY 1.25M"),
        ("en", 150000, "CNY", "CNY 150,000"),
        ("en", 268, "CNY", "CNY 268"),
        ("en", 26.5, "CNY", "CNY 26.50"),
        ("en", 50000, "USD", "USD 50,000"),
    ],
)
def test_money(locale: str, value: float, currency: str, expected: str) -> None:
    assert formatting.money(locale, value, currency) == expected


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.35, "35%"),  # 35.0 → 35%
        (0.035, "3.5%"),  # 3.5 → 3.5%
        (0.0035, "0.35%"),  # below 1% two decimals
        (0.5432, "54.3%"),  # 54.32 → 54.3
        (1, "100%"),
        (24, "2,400%"),  # an uplift of 24× the baseline
    ],
)
def test_percent(locale: str, value: float, expected: str) -> None:
    assert formatting.percent(locale, value) == expected


def test_signed_percent() -> None:
    assert formatting.percent("en", 0.125, signed=True) == "+12.5%"
    assert formatting.percent("zh-CN", -0.294, signed=True) == "-29.4%"


@pytest.mark.parametrize(("value", "expected"), [(2.1, "2.1"), (2, "2.0"), (2.15, "2.15"), (3.456, "3.46")])
def test_ratio(value: float, expected: str) -> None:
    assert formatting.ratio("en", value) == expected
    assert formatting.ratio("zh-CN", value) == expected


@pytest.mark.parametrize(
    ("locale", "value", "unit", "expected"),
    [
        ("zh-CN", 48, "hours", "48小时"),
        ("zh-CN", 2.5, "weeks", "2.5周"),
        ("zh-CN", 30, "days", "30天"),
        ("zh-CN", 6, "months", "6个月"),
        ("en", 48, "hours", "48 hours"),
        ("en", 1, "days", "1 day"),
        ("en", 2.5, "weeks", "2.5 weeks"),
        ("en", 90, "seconds", "90 seconds"),
    ],
)
def test_duration(locale: str, value: float, unit: str, expected: str) -> None:
    assert formatting.duration(locale, value, unit) == expected


@pytest.mark.parametrize(
    ("locale", "style", "expected"),
    [
        ("zh-CN", "long", "2027年3月1日"),
        ("zh-CN", "short", "3月1日"),
        ("en", "long", "1 March 2027"),
        ("en", "short", "1 Mar"),
        ("en", "iso", "2027-03-01"),
    ],
)
def test_date(locale: str, style: str, expected: str) -> None:
    assert formatting.date(locale, dt.date(2027, 3, 1), style) == expected
    assert formatting.date(locale, "2027-03-01", style) == expected


@pytest.mark.parametrize(
    ("locale", "value", "key", "expected"),
    [
        ("zh-CN", 500000, "followers", "50万"),  # count
        ("zh-CN", 2000000, "monthly_gmv", "200万元"),  # money
        ("zh-CN", 0.35, "repurchase_rate", "35%"),  # rate
        ("zh-CN", 2.5, "roi", "2.5"),  # ratio
        ("zh-CN", 2, "response_hours", "2小时"),  # duration in the metric's unit (hours)
        ("en", 500000, "followers", "500k"),
        ("en", 2000000, "monthly_gmv", "CNY 2.0M"),
        ("en", 0.035, "conversion_rate", "3.5%"),
        ("en", 3, "roi", "3.0"),
        ("en", 3, "inventory_turnover_days", "3 days"),
    ],
)
def test_metric_value_by_kind(locale: str, value: float, key: str, expected: str) -> None:
    assert formatting.metric_value(locale, value, key) == expected


def test_metric_label() -> None:
    assert f.metric_label("zh-CN", "monthly_gmv") == "月GMV"
    assert f.metric_label("en", "monthly_gmv") == "Monthly GMV"
    assert f.metric_label("en", "not_a_metric") == "not_a_metric"


@pytest.mark.parametrize(
    ("locale", "value", "key", "expected"),
    [
        # 2,000,000 − 150,000 = 1,850,000 → +185万元
        ("zh-CN", 1850000, "monthly_gmv", "+185万元"),
        # 0.35 − 0.18 = 0.17 → 17 points
        ("zh-CN", 0.17, "repurchase_rate", "+17个百分点"),
        ("en", 0.17, "repurchase_rate", "+17 pts"),
        # 60 − 85 = −25
        ("en", -25, "cac", "-CNY 25"),
        ("en", 0, "followers", "±0"),
    ],
)
def test_delta(locale: str, value: float, key: str, expected: str) -> None:
    assert formatting.delta(locale, value, key) == expected


def test_metric_direction() -> None:
    assert f.metric_direction("churn_rate") == "down"
    assert f.metric_direction("followers") == "up"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a|b", "a\\|b"),
        ("line one\nline two", "line one line two"),
        ("  x  ", "x"),
        (None, ""),
        (3, "3"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_cell_escapes_pipes_and_newlines(value: object, expected: str) -> None:
    assert markup.cell(value) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (13, "十三"), (20, "二十"), (21, "二十一"), (99, "九十九")],
)
def test_chinese_numeral(n: int, expected: str) -> None:
    assert f.chinese_numeral(n) == expected


def test_chinese_numeral_out_of_range() -> None:
    with pytest.raises(ValueError, match="outside 1–99"):
        f.chinese_numeral(100)


def test_text_helpers() -> None:
    assert f.clause("半年内完成人设重塑。") == "半年内完成人设重塑"
    assert f.clause("Prove the model. ") == "Prove the model"
    assert f.lcfirst("Monthly GMV") == "monthly GMV"
    assert f.lcfirst("KOC count") == "KOC count"
    assert f.ucfirst("monthly GMV") == "Monthly GMV"
    assert formatting.number("en", 1234.5) == "1,234.5"


def test_filters_are_bound_to_the_locale() -> None:
    zh, en = f.filters_for("zh-CN"), f.filters_for("en")
    assert zh["count"](500000) == "50万"
    assert en["count"](500000) == "500k"
    assert set(zh) == set(en)


def test_fast_number_formatting_matches_babel_digit_for_digit() -> None:
    import math
    import random

    from opsplan.formatting import _formatted, babel_formatted

    rng = random.Random(7)
    values = [0.0, -0.0, 0.125, 2.675, 1.005, 0.5, 1.5, 2.5, -2.5, 1e16, 123456789.125, -0.001, 999.995, 1e-7,
              math.inf, -math.inf]  # fmt: skip
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-4, 12) for _ in range(1500)]
    compared = 0
    for value in values:
        for decimals in range(4):
            rounded = round(value, decimals) if math.isfinite(value) else value
            for min_decimals in range(decimals + 1):
                for locale in ("zh-CN", "en"):
                    ours = _formatted(rounded, math.copysign(1.0, rounded), locale, decimals, min_decimals)
                    assert ours == babel_formatted(rounded, locale, decimals, min_decimals), (rounded, decimals)
                    compared += 1
    assert compared == len(values) * 20


def test_dates_match_babel_for_every_day_of_twelve_years_and_each_month_of_others() -> None:
    from babel import Locale
    from babel.dates import format_date

    from opsplan.formatting import date

    patterns = {("zh-CN", "long"): "y年M月d日", ("zh-CN", "short"): "M月d日", ("en", "long"): "d MMMM y",
                ("en", "short"): "d MMM"}  # fmt: skip
    first = dt.date(2020, 1, 1)
    days = [first + dt.timedelta(days=n) for n in range((dt.date(2032, 1, 1) - first).days)]
    days += [dt.date(year, month, 28) for year in (1, 999, 1999, 2099, 9999) for month in range(1, 13)]
    for (locale, style), pattern in patterns.items():
        babel = Locale.parse(locale.replace("-", "_"))
        for day in days:
            assert date(locale, day, style) == format_date(day, pattern, locale=babel), (locale, style, day)
    assert date("en", "2027-09-05", "short") == "5 Sep"  # the month's abbreviation is CLDR's, not 'Sept'
