"""Reading one cell of actuals: its text, and its value in the profile's units (35%, 50万, ¥3,000)."""

from __future__ import annotations

import datetime as dt
import re

from opsplan.metrics import MetricKind
from opsplan.profile_types import MAX_NUMBER
from opsplan.track.messages import tmsg

CellValue = str | float | int | dt.datetime | dt.date | None


def cell_text(value: CellValue) -> str:
    """Return a cell's content as stripped text ("" for an empty cell)."""
    return "" if value is None else str(value).strip()


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_UNITS = {"万": 1e4, "亿": 1e8, "w": 1e4}


def parse_value(cell: CellValue, kind: MetricKind) -> float:
    """Read a value as the profile writes it; raise ``ValueError`` with a message a person can act on."""
    if isinstance(cell, (bool, dt.date, dt.datetime)):
        raise ValueError(tmsg("cell.not_number", text=cell))
    if isinstance(cell, (int, float)):
        value = float(cell)
        percent = False
    else:
        text = cell_text(cell).replace(",", "").replace("，", "").replace(" ", "").replace("\u00a0", "")
        for mark in ("¥", "￥", "元", "CNY", "RMB"):
            text = text.replace(mark, "")
        percent = text.endswith("%")
        scale = 1.0
        if percent:
            text = text[:-1]
        elif text[-1:] in _UNITS:
            scale, text = _UNITS[text[-1]], text[:-1]
        if not _NUMBER.match(text):
            raise ValueError(tmsg("cell.not_number_text", text=cell_text(cell)))
        value = float(text) * scale / (100 if percent else 1)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(tmsg("cell.not_finite"))
    if abs(value) > MAX_NUMBER:
        raise ValueError(tmsg("cell.too_large", text=cell_text(cell), limit=f"{MAX_NUMBER:g}"))
    if kind is MetricKind.RATE and value > 1:
        raise ValueError(tmsg("cell.rate_over" if percent else "cell.rate_form", text=cell_text(cell)))
    if value < 0:
        raise ValueError(tmsg("cell.negative", text=cell_text(cell)))
    return value
