"""Forgiving input (issue 15.4): each accepted form of a number or date read to the right value, by hand;
ambiguous readings noted as OPS107 info findings; a real mistake located on its own line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.errors import ProfileError
from opsplan.input_forms import FormError, fix_key_colons, read_date, read_number
from opsplan.load import load_profile
from tests._check_helpers import CLEAN_PROFILE, line_of
from tests.conftest import MINIMAL_PROFILE


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("600万", 6_000_000),  # 600 × 10,000
        ("1.2亿", 120_000_000),  # 1.2 × 100,000,000
        ("6,000,000", 6_000_000),
        ("¥600万", 6_000_000),
        ("￥600万", 6_000_000),
        ("600万元", 6_000_000),
        ("600 万元", 6_000_000),
        ("６００万", 6_000_000),  # full-width digits
        ("６，０００，０００", 6_000_000),  # full-width digits and commas
        ("1,234.5", 1234.5),
        ("3千万", 30_000_000),  # 3 × 10,000,000
        ("2.5百万", 2_500_000),
    ],
)
def test_money_and_counts(text: str, value: float) -> None:
    reading = read_number(text)
    assert reading is not None and reading.value == value and reading.note == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [("30%", 0.3), ("３０％", 0.3), ("3.5%", 0.035), ("100%", 1), ("0%", 0)],
)
def test_rates_and_shares(text: str, value: float) -> None:
    reading = read_number(text, fraction=True)
    assert reading is not None and reading.value == value and reading.note == ""


def test_plain_numbers_are_left_to_the_model() -> None:
    assert read_number("1200") is None
    assert read_number("0.35", fraction=True, bare_percent=True) is None
    assert read_number("1", fraction=True, bare_percent=True) is None  # 1 is 100%, not 1%


def test_a_bare_number_in_a_fraction_field_is_read_as_a_percentage_with_a_note() -> None:
    reading = read_number("30", fraction=True, bare_percent=True)
    assert reading is not None and reading.value == 0.3
    assert reading.note == "read 30 as 30% (0.3); write 0.3 or 30% to say so"
    assert read_number("1.5", fraction=True, bare_percent=True) is None  # 1.5: left for the 0–1 bound to refuse
    assert read_number("30", fraction=True) is None  # a rate metric's value: OPS604 judges it


def test_a_decimal_comma_is_read_with_a_note() -> None:
    reading = read_number("1,5")
    assert reading is not None and reading.value == 1.5
    assert "comma groups thousands" in reading.note


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("600万x", "'600万x' is not a number; write a number such as 1200, 600万"),
        ("1 200 000", "'1 200 000' is not a number"),
        ("30%", "a percentage is a rate or share"),
    ],
)
def test_unreadable_numbers(text: str, words: str) -> None:
    with pytest.raises(FormError, match=words):
        read_number(text)


@pytest.mark.parametrize(
    "text", ["2027/3/1", "2027-3-1", "2027年3月1日", "2027.3.1", "２０２７年３月１日", "2027 年 3 月 1 日"]
)
def test_dates(text: str) -> None:
    reading = read_date(text)
    assert reading is not None and reading.value == "2027-03-01"


def test_an_iso_date_is_left_alone_and_a_date_off_the_calendar_is_refused() -> None:
    assert read_date("2027-03-01") is None
    with pytest.raises(FormError, match="'2027/13/1' is not a day of the calendar"):
        read_date("2027/13/1")
    # February 2027: 2027 is not a leap year (not divisible by 4), so 28 days; 2028 is, so 29
    with pytest.raises(FormError, match=r"'2027-02-30': month 2 of 2027 has no day 30 \(it has 28 days\)"):
        read_date("2027-02-30")
    with pytest.raises(FormError, match=r"'2028/2/30': month 2 of 2028 has no day 30 \(it has 29 days\)"):
        read_date("2028/2/30")
    with pytest.raises(FormError, match=r"month 4 of 2027 has no day 31 \(it has 30 days\)"):
        read_date("2027-04-31")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "error: shop.yaml:5:10: plan.start: '2027-02-30': month 2 of 2027 has no day 30 (it has 28 days)"),
        ("zh-CN", "错误：shop.yaml:5:10: plan.start: '2027-02-30'：2027 年 2 月没有 30 日（这个月只有 28 天）"),
    ],
)
def test_a_day_past_the_end_of_its_month_is_said_so_through_the_cli(
    tmp_path: Path, runner: CliRunner, lang: str, said: str
) -> None:
    # "  start: " is 9 characters: the value starts at column 10 of line 5
    path = tmp_path / "shop.yaml"
    path.write_text(MINIMAL_PROFILE.replace("start: 2027-03-01", "start: 2027-02-30"), encoding="utf-8")
    result = runner.invoke(app, ["--lang", lang, "check", str(path)])
    assert result.exit_code == 2
    assert said in result.stderr.replace(str(tmp_path) + "/", "")
    assert "YYYY-MM-DD" not in result.stderr and "Traceback" not in result.output


def test_full_width_colon_after_a_key() -> None:
    text, shifts = fix_key_colons("plan:\n  start：2027-03-01\n  title： 方案：抖音\n  - note：x\n")
    assert text == "plan:\n  start: 2027-03-01\n  title: 方案：抖音\n  - note: x\n"
    assert shifts == {2: 8, 4: 9}  # columns after the colon moved right by one on lines 2 and 4


def load(tmp_path: Path, text: str):
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ProfileError) as info:
        load(tmp_path, text)
    return str(info.value).replace(str(tmp_path) + "/", "")


def test_a_profile_in_everyday_forms_loads_to_the_same_values(tmp_path: Path) -> None:
    text = (
        MINIMAL_PROFILE.replace("start: 2027-03-01", "start：2027年3月1日")
        .replace("total: 1200000", "total: ¥120万元")
        .replace("share: 1}", "share: １００％}")
        .replace("monthly_gmv: 2000000}", "monthly_gmv: 200万}")
        .replace("followers: 20000}", "followers: 2万, repurchase_rate: 35%}")
    )
    profile = load(tmp_path, text)
    assert profile.plan.start.isoformat() == "2027-03-01"
    assert profile.budget is not None and profile.budget.total == 1_200_000
    assert profile.budget.items[0].share == 1
    assert profile.goals.short.targets["monthly_gmv"] == 2_000_000
    assert profile.baseline == {"monthly_gmv": 150000, "followers": 20_000, "repurchase_rate": 0.35}


def test_a_misspelt_key_with_a_full_width_colon_is_named_on_its_line(tmp_path: Path) -> None:
    message = error(tmp_path, MINIMAL_PROFILE.replace("start: 2027-03-01", "strat：2027-03-01"))
    assert "shop.yaml:5:3: plan.strat: unknown key 'strat'; did you mean 'start'?" in message


def test_a_bad_date_after_a_full_width_colon_is_located_where_the_user_sees_it(tmp_path: Path) -> None:
    # "  start：" is 8 characters: the value starts at column 9, as the user's editor shows it
    message = error(tmp_path, MINIMAL_PROFILE.replace("start: 2027-03-01", "start：2027/2/30"))
    assert message.startswith("shop.yaml:5:9: plan.start: '2027/2/30': month 2 of 2027 has no day 30")


def test_a_bad_number_is_located_and_explained(tmp_path: Path) -> None:
    message = error(tmp_path, MINIMAL_PROFILE.replace("total: 1200000", "total: 120万x"))
    assert message == (
        "shop.yaml:13:17: budget.total: '120万x' is not a number; write a number such as 1200, 600万, 1.2亿 or 6,000,000"
    )


def test_check_reports_an_ambiguous_reading_as_info_that_never_fails(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text(CLEAN_PROFILE.replace("share: 0.4\n", "share: '0,4'\n", 1), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(path), "--format", "json", "--strict"])
    assert result.exit_code == 0, result.output
    findings = [f for f in json.loads(result.output) if f["rule"] == "OPS107"]
    assert findings == [
        {
            "rule": "OPS107",
            "category": "structure",
            "severity": "info",
            "message": "read '0,4' as 0.4",
            "file": str(path),
            "line": line_of(path.read_text(encoding="utf-8"), "share: '0,4'"),
            "column": 14,
            "field": "content.pillars[1].share",
            "headings": [],
            "chapter": "content",
            "hint": "a comma groups thousands (1,500), a decimal point is '.'",
        }
    ]
    github = runner.invoke(app, ["check", str(path), "--format", "github"]).output
    assert "::notice file=" in github and "OPS107" in github


def test_each_model_reads_its_own_fields_forms() -> None:
    from typing import Annotated

    from pydantic import BaseModel, Field

    from opsplan.input_forms import normalise
    from opsplan.yamlread import parse

    class Share(BaseModel):
        part: Annotated[float, Field(ge=0, le=1)]  # a fraction: a bare 30 is 30%

    class Count(BaseModel):
        part: float  # a number: 30 is 30

    class Both(BaseModel):
        shares: list[Share]
        count: Count

    document = parse("shares: [{part: 30}, {part: 40%}]\ncount: {part: 30}\n", "f.yaml")
    notes, problems = normalise(document, Both)
    assert document.data == {"shares": [{"part": 0.3}, {"part": 0.4}], "count": {"part": "30"}}
    assert [path for path, _ in notes] == [("shares", 0, "part")] and problems == []
    again = parse("count: {part: 30%}\n", "f.yaml")  # a percentage where a plain number is asked for
    assert normalise(again, Both)[1][0][0] == ("count", "part")
