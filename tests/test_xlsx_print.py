"""The workbook's Trajectory sheet prints whole and legible: columns as wide as what they show, landscape where
wide, so many pages across that the type stays at 75% or more, key and label columns and header rows on each page.

Widths are Excel's column units; a column ``w`` wide is ``7w + 5`` pixels at 100%, and a landscape A4 page less
0.7-inch margins holds 988 pixels, 1317 at 75% (``opsplan.render.xlsx_print``). Each case is worked by hand.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.render.xlsx import build_xlsx
from opsplan.render.xlsx_print import pages_wide, shown_width, text_width
from tests._docx_helpers import convert_to_pdf, pdftotext_or_skip
from tests.test_xlsx import SMALL

REPO = Path(__file__).resolve().parents[1]
LONG = SMALL.replace(
    "goals:\n  short: {months: 6, targets: {followers: 80000, monthly_gmv: 400000, aov: 250, conversion_rate: 0.05}}\n",
    "goals:\n  short: {months: 6, targets: {followers: 80000, monthly_gmv: 400000, aov: 250, conversion_rate: 0.05}}\n"
    "  mid: {months: 12, targets: {followers: 150000, monthly_gmv: 1000000}}\n"
    "  long: {months: 24, targets: {followers: 300000, monthly_gmv: 2000000}}\n",
)


def _trajectory(write, text: str, name: str = "shop.yaml"):
    data = build_xlsx(build_plan(load_profile(write(name, text))))
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book[book.sheetnames[1]]  # Inputs, then the trajectory


def _widths(ws, columns: int) -> list[float]:
    # XlsxWriter stores a width w as w + 0.7109375 (the cell padding of 5 pixels, in characters), once for a run of
    # columns of one width (openpyxl files it under the run's first column, with min and max)
    widths = {}
    for dimension in ws.column_dimensions.values():
        for column in range(dimension.min, dimension.max + 1):
            widths[column] = round(dimension.width - 0.7109375, 2)
    return [widths[column] for column in range(1, columns + 1)]


def test_a_six_month_plan_prints_on_one_landscape_page(write) -> None:
    ws = _trajectory(write, SMALL)
    # key: conversion_rate, 15 + 2 = 17; label: Average order value, 19 + 2 = 21; growth 12; months: the widest
    # value is the GMV target, CNY 400,000: 11 + 2 = 13
    assert _widths(ws, 5) == [17, 21, 12, 13, 13]
    # 124 + 152 + 89 + 7 months × 96 = 1,037 pixels: over a portrait page's 660, within a landscape page's 1,317
    setup = ws.page_setup  # fitToWidth 1 is the file format's default, left out of the file
    assert (setup.orientation, int(setup.paperSize), setup.fitToWidth or 1, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.print_title_rows, ws.print_title_cols) == ("$1:$5", "$A:$B")  # title to the dates; key and label
    assert ws.oddFooter.center.text == "&P / &N"
    assert ws.row_dimensions[4].height == 27  # Monthly growth: 14 characters in a column of 12, two lines


def test_a_short_chinese_plan_prints_on_a_portrait_page(write) -> None:
    zh = SMALL.replace("locale: en", "locale: zh-CN").replace("short: {months: 6,", "short: {months: 3,")
    ws = _trajectory(write, zh)
    # key 17; label: 粉丝数 / 客单价 / 转化率, 3 × 2 + 2 = 8; growth 12; months: 40.0万元 (4 + 2 × 2 + 2 = 10) is
    # below the least width of 11, which a date (2027-03-01) needs
    assert _widths(ws, 5) == [17, 8, 12, 11, 11]
    # 124 + 61 + 89 + 4 months × 82 = 602 pixels: a portrait page holds 660
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth or 1) == ("portrait", 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_24_month_plan_prints_three_pages_wide(write) -> None:
    ws = _trajectory(write, LONG)
    # months: the long-term GMV target, CNY 2,000,000: 13 + 2 = 15, 110 pixels. Page 1 holds key, label and
    # growth (124 + 152 + 89 = 365) and 8 months (365 + 880 = 1,245; a 9th makes 1,355 > 1,317); the next pages
    # key and label (276) and 9 months (1,266): M0–M7, M8–M16, M17–M24
    assert _widths(ws, 4) == [17, 21, 12, 15]
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 3, 0)


def test_pages_wide_counts_columns_as_worked_by_hand() -> None:
    assert pages_wide([17, 21, 12] + [15] * 25, 2) == 3
    assert pages_wide([17, 21, 12] + [15] * 8, 2) == 1  # M0–M7 fill the first page
    assert pages_wide([17, 21, 12] + [15] * 9, 2) == 2
    assert pages_wide([200, 10], 1) == 1  # a column wider than the page takes a page of its own, not a loop


@pytest.mark.parametrize(
    "kind, value, zh, expected",
    [
        ("money", 45_000_000, False, len("CNY 45,000,000") + 2),
        ("money", 45_000_000, True, len("4500.0") + 2 * 2 + 2),  # 4500.0万元
        ("money", 9_999, True, len("9,999") + 2 + 2),  # 9,999元
        ("count", 12_345, False, len("12,345") + 2),
        ("rate", 0.355, False, len("35.5%") + 2),
        ("ratio", 2.5, True, len("2.50") + 2),
    ],
)
def test_shown_width_follows_the_number_formats(kind: str, value: float, zh: bool, expected: int) -> None:
    assert shown_width(kind, value, zh, "CNY") == expected


def test_text_width_counts_a_chinese_character_twice() -> None:
    assert (text_width("followers"), text_width("月GMV")) == (11, 7)


def _sheet_pages(pdf: Path, title: str) -> list[str]:
    text = subprocess.run(
        [pdftotext_or_skip(), "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8")
    return [page for page in text.split("\f") if page.strip().startswith(title)]


@pytest.mark.slow  # LibreOffice
def test_the_flowers_trajectory_prints_four_pages_wide_with_its_labels_on_each(tmp_path: Path) -> None:
    # examples/douyin-flowers.en.yaml, 24 months: key interaction_rate, 16 + 2 = 18 (131 px); label Customer
    # acquisition cost, 25 + 2 = 27 (194 px); growth 12 (89 px); months: annual GMV at 24 months, CNY 45,000,000,
    # 14 + 2 = 16 (117 px). Page 1: 131 + 194 + 89 = 414 and 7 months (1,233; an 8th makes 1,350 > 1,317); then
    # 325 and 8 months a page (1,261): M0–M6, M7–M14, M15–M22, M23–M24, four pages across
    workbook = tmp_path / "flowers.xlsx"
    workbook.write_bytes(build_xlsx(build_plan(load_profile(REPO / "examples" / "douyin-flowers.en.yaml"))))
    book = openpyxl.load_workbook(workbook)
    assert _widths(book["Trajectory"], 4) == [18, 27, 12, 16]
    assert book["Trajectory"].page_setup.fitToWidth == 4
    pages = _sheet_pages(convert_to_pdf([workbook], tmp_path)["flowers"], "Trajectory")
    assert len(pages) == 4  # seven before: three or four months to a page
    months = [re.findall(r"\bM(\d+)\b", page) for page in pages]
    assert sorted(int(m) for page in months for m in page) == list(range(25))  # every month once, in order
    assert [int(page[0]) for page in months] == sorted(int(page[0]) for page in months)
    for page in pages:  # the header row and the key and label columns on every page
        assert "Key" in page and "Metric" in page and "Customer acquisition cost" in page and "annual_gmv" in page
