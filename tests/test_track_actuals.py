"""Reading actuals: layouts, units, periods, and every bad file ending in one clear message with its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from opsplan.cli import app
from opsplan.errors import InputError
from opsplan.load import load_profile
from opsplan.metrics import MetricKind
from opsplan.plan import build_plan
from opsplan.plan.model import Plan
from opsplan.track.actuals import read_actuals
from opsplan.track.cells import parse_value
from opsplan.track.periods import parse_period, plan_month
from tests._track_helpers import WORKED_PROFILE


@pytest.fixture
def plan(write) -> Plan:
    return build_plan(load_profile(write("shop.yaml", WORKED_PROFILE)))


def test_labels_in_either_language_units_and_period_forms(write, plan: Plan) -> None:
    path = write(
        "a.csv",
        """\
        指标,期间,值
        粉丝数,2027年1月,1.25万
        Followers,2027/02,"14,000"
        月GMV,2027-W09,¥120000
        转化率,2027-03-15,3.4%
        实际花费,2027-01,9万
        """,
    )
    actuals = read_actuals(path, plan)
    got = [(o.name, o.period.label, o.value) for o in actuals.observations]
    assert got == [
        ("followers", "2027-01", 12_500),
        ("followers", "2027-02", 14_000),
        ("monthly_gmv", "2027-W09", 120_000),
        ("conversion_rate", "2027-03-15", pytest.approx(0.034)),
        ("spend", "2027-01", 90_000),
    ]


def test_wide_layout_with_milestone_block(write, plan: Plan) -> None:
    path = write(
        "wide.csv",
        """\
        Key,Metric,Unit,2027-01,2027-02,2027-03
        followers,Followers,,12500,,16000
        conversion_rate,Conversion rate,%,,,3.4%

        Milestone,Name,Planned date,Done on
        M1,Ready,2027-01-14,2027-01-20
        M2,Grown,2027-02-11,
        """,
    )
    actuals = read_actuals(path, plan)
    assert [(o.name, o.period.label) for o in actuals.observations] == [
        ("followers", "2027-01"),
        ("followers", "2027-03"),
        ("conversion_rate", "2027-03"),
    ]
    assert actuals.done["M1"][0] == dt.date(2027, 1, 20) and "M2" not in actuals.done
    assert str(actuals.observations[1].where).endswith("wide.csv:2:6")


def test_gb18030_csv_from_a_chinese_excel_reads(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("指标,期间,值\n粉丝数,2027-01,12500\n".encode("gb18030"))
    assert read_actuals(path, plan).observations[0].value == 12_500


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "metric,period,value\nfolowers,2027-01,1\n",
            "a.csv:2:1: unknown metric 'folowers'; did you mean 'followers'?",
        ),
        ("metric,period,value\nfollowers,2027-01,lots\n", "a.csv:2:3: 'lots' is not a number"),
        ("metric,period,value\nfollowers,March,1\n", "a.csv:2:2: period 'March' is not a month (2027-03)"),
        ("metric,period,value\nfollowers,2027-13,1\n", "a.csv:2:2: period '2027-13' is not a real month"),
        (
            "metric,period,value\nfollowers,2026-12,1\n",
            "a.csv:2:2: period 2026-12 is outside the plan, which runs from 2027-01-01 to 2027-04-30",
        ),
        ("metric,period,value\nfollowers,2027-05,1\n", "a.csv:2:2: period 2027-05 is outside the plan"),
        (
            "metric,period,value\nfollowers,2027-01,1\nFollowers,2027-01,2\n",
            "a.csv:3:3: a second value for followers in 2027-01; the first is at ",
        ),
        (
            "metric,period,value\nconversion_rate,2027-01,35\n",
            "a.csv:2:3: 35 is not a rate; write a rate as a fraction (0.35) or a percentage (35%)",
        ),
        (
            "metric,period,value\ngroup_members,2027-01,5\n",
            "a.csv:2:1: 'group_members' is not a goal or KPI of this plan",
        ),
        (
            "metric,period,value\nM1,2027-01,done\n",
            "a.csv:2:2: milestone M1: give the day it was done (YYYY-MM-DD), not a month",
        ),
        ("metric,period,value\nfollowers,2027-01,-5\n", "a.csv:2:3: -5 is negative"),
        # a value past the profile's limit made the review's arithmetic overflow (a traceback)
        ("metric,period,value\nfollowers,2027-01,1e308\n", "a.csv:2:3: 1e308 is too large; numbers are limited"),
        ("metric,period,value\nmonthly_gmv,2027-01,20000000亿\n", "a.csv:2:3: 20000000亿 is too large;"),
        ("metric,period,value\n", "a.csv: holds no actual values yet"),
        ("\n\n", "a.csv: the file is empty"),
        ("month,amount\n2027-01,5\n", "a.csv:1: no header row found"),
    ],
)
def test_bad_actuals_name_the_place(write, plan: Plan, text: str, message: str) -> None:
    path = write("a.csv", text)
    with pytest.raises(InputError) as caught:
        read_actuals(path, plan)
    assert message in str(caught.value)


def test_every_problem_is_reported_not_only_the_first(write, plan: Plan) -> None:
    path = write("a.csv", "metric,period,value\nfolowers,2027-01,1\nfollowers,2027-01,x\n")
    with pytest.raises(InputError) as caught:
        read_actuals(path, plan)
    assert str(caught.value).count("a.csv:") == 2


def test_files_refused_before_reading(tmp_path: Path, plan: Plan, runner, write) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # 100 MB, sparse: refused by its size before a byte is read
        handle.truncate(100 * 1024 * 1024)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    device = tmp_path / "zero.csv"
    device.symlink_to("/dev/zero")  # endless: refused as not a regular file, never read
    cases = [
        (empty, "the file is empty"),
        (huge, "file is 104,857,600 bytes; actuals files are limited to 10,485,760 bytes"),
        (folder, "is a folder, not a CSV file or a workbook"),
        (device, "is not a regular file"),
        (tmp_path / "missing.csv", "no such file"),
        (write("a.ods", "x"), "unknown kind of actuals file '.ods'"),
        (write("bad.xlsx", "not a zip"), "not a readable .xlsx workbook"),
    ]
    profile = write("shop.yaml", WORKED_PROFILE)
    for path, message in cases:
        result = runner.invoke(app, ["track", str(profile), str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert message in result.output, (path, result.output)
        assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("35%", MetricKind.RATE, 0.35),
        ("0.35", MetricKind.RATE, 0.35),
        ("50万", MetricKind.COUNT, 500_000),
        ("1.2亿", MetricKind.MONEY, 120_000_000),
        ("¥3,000", MetricKind.MONEY, 3_000),
        (12.5, MetricKind.COUNT, 12.5),
    ],
)
def test_values_in_the_profiles_units(text: str, kind: MetricKind, value: float) -> None:
    assert parse_value(text, kind) == pytest.approx(value)


def test_periods_on_the_plan_axis() -> None:
    start = dt.date(2027, 1, 1)
    # a month is observed at its end: January closes at month 1
    assert plan_month(start, parse_period("2027-01").end) == 1
    # ISO week 9 of 2027 is 1–7 March, observed on 8 March: 2 months and 7 of March's 31 days
    week = parse_period("2027-W09")
    assert (week.start, week.end) == (dt.date(2027, 3, 1), dt.date(2027, 3, 8))
    assert plan_month(start, week.end) == pytest.approx(2 + 7 / 31)
    # a date cell on the first of a month is that month (a spreadsheet stores a typed 2027-03 so)
    assert parse_period(dt.datetime(2027, 3, 1)).label == "2027-03"


def _workbook_with(tmp_path: Path, part: str, edit) -> Path:
    import io
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actuals"
    for row in (["metric", "period", "value"], ["followers", "2027-01", 12500]):
        sheet.append(row)
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "actuals.xlsx"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, edit(data) if name == part else data)
    return path


ENTITY = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("part", "edit"),
    [
        # read as the workbook opens: an entity declared to read a local file
        ("xl/workbook.xml", lambda d: d.replace(b"?>", b"?>" + ENTITY, 1).replace(b"<sheets>", b"<sheets>&e;", 1)),
        # read row by row later: a sheet cut off mid-element
        ("xl/worksheets/sheet1.xml", lambda d: d[: len(d) // 2]),
    ],
    ids=["entity-in-the-workbook", "sheet-cut-off"],
)
def test_a_damaged_or_hostile_workbook_is_refused_by_name(tmp_path: Path, plan: Plan, part: str, edit) -> None:
    path = _workbook_with(tmp_path, part, edit)
    with pytest.raises(InputError) as caught:
        read_actuals(path, plan)
    assert str(caught.value).startswith(f"{path}: not a readable .xlsx workbook")
    assert "root:" not in str(caught.value)
