"""Reading actuals: a CSV file or the Actuals sheet of a plan workbook, into dated observations.

Two layouts are read, in CSV and in a workbook alike:

* long: a header with ``metric``, ``period`` and ``value`` columns (or 指标, 期间/月份/日期, 值/实际值), one
  observation a row;
* wide: the Actuals sheet's layout, a first column of metric keys or labels and one column per period
  (headed ``2027-03``), then optionally a block headed ``Milestone``/``里程碑`` with done dates.

A row is named by a catalogued metric key or its label in either language, ``spend`` (实际花费), a funnel
stage name (its rate; the entry stage's volume), a traffic channel name (its spend) or a milestone id. A
period is a month (``2027-03``, ``2027/3``, ``2027年3月``), an ISO week (``2027-W12``) or a date
(``2027-03-15``); a month or week is observed at its end. Values are read in the profile's units:
``35%`` or ``0.35`` for a rate, ``50万``, ``1.2亿``, ``500,000`` or ``¥3,000`` for counts and money.
Every problem names ``file:row:column``; the reader stops at the first 50.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from opsplan.errors import InputError, Location
from opsplan.load_messages import did_you_mean
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.track.cells import CellValue, cell_text, parse_value
from opsplan.track.messages import tmsg
from opsplan.track.periods import Period, parse_period

if TYPE_CHECKING:
    from opsplan.plan.model import Plan

MAX_ACTUALS_BYTES = 10 * 1024 * 1024  # checked by opsplan.safeio before a byte is read
MAX_PROBLEMS = 50

_METRIC_HEADERS = {"metric", "key", "指标", "键", "指标键"}
_PERIOD_HEADERS = {"period", "month", "week", "date", "期间", "月份", "周", "日期", "周期"}
_VALUE_HEADERS = {"value", "actual", "值", "实际值", "实际"}
_SKIPPED_HEADERS = {"metric", "指标", "unit", "单位", "note", "备注", "label", "名称", "name"}
_MILESTONE_HEADERS = {"milestone", "里程碑"}
_DONE_WORDS = {"", "done", "yes", "y", "1", "完成", "已完成", "是", "true"}
SPEND = "spend"
_SPEND_NAMES = {"spend", "实际花费", "spend (actual)", "花费", "实际支出"}


@dataclass(frozen=True)
class Observation:
    """One actual value: what, for which period, where it was read."""

    name: str = field(metadata={"doc": "Metric key, 'spend', 'stage:N' (funnel stage N) or 'channel:N'."})
    period: Period
    value: float
    where: Location


@dataclass
class Actuals:
    """Everything read from an actuals file."""

    source: str
    observations: list[Observation] = field(default_factory=list)
    done: dict[str, tuple[dt.date, Location]] = field(default_factory=dict)

    def of(self, name: str) -> list[Observation]:
        """Return the observations of ``name`` (a metric key, ``spend``, ``stage:N``, ``channel:N``), by date."""
        return sorted((o for o in self.observations if o.name == name), key=lambda o: o.period.end)


class _Problems:
    """Problems found while reading, each a line ``file:row:column: message``."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: Location, message: str) -> None:
        if len(self.lines) < MAX_PROBLEMS:
            self.lines.append(f"{where}: {message}")

    def raise_any(self) -> None:
        if self.lines:
            raise InputError("\n".join(self.lines))


def read_actuals(path: Path, plan: Plan) -> Actuals:
    """Read the actuals at ``path`` (``.csv``, ``.xlsx``) for ``plan``; raise ``InputError`` naming each problem."""
    from opsplan.safeio import read_user_file

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv"):
        raise InputError(tmsg("file.kind", path=path, suffix=suffix or tmsg("file.no_suffix")))
    data = read_user_file(path, limit=MAX_ACTUALS_BYTES, kind="actuals")
    if not data.strip():
        raise InputError(tmsg("file.empty", path=path))
    rows = list(_workbook_rows(path, data) if suffix in (".xlsx", ".xlsm") else _csv_rows(path, data))
    actuals = _Reader(str(path), plan).read(rows)
    if not actuals.observations and not actuals.done:
        raise InputError(tmsg("file.no_values", path=path))
    return actuals


def _csv_rows(path: Path, raw: bytes) -> Iterator[tuple[int, list[CellValue]]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")  # what Excel in a Chinese locale saves as "CSV"
        except UnicodeDecodeError:
            raise InputError(tmsg("file.encoding", path=path)) from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            yield number, list(row)
    except csv.Error as exc:
        raise InputError(tmsg("file.csv", path=path, error=exc)) from None


def _workbook_rows(path: Path, data: bytes) -> Iterator[tuple[int, list[CellValue]]]:
    import zipfile

    import openpyxl

    from opsplan.render.xlsx_text import ACTUALS_SHEET_NAMES
    from opsplan.safeio import MAX_UNPACKED_BYTES

    try:  # the members' declared sizes bound what unpacking can cost (zipfile never reads past them)
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        unpacked = 0  # not a ZIP: openpyxl says so below
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(tmsg("file.unpacked", path=path, size=f"{unpacked:,}", limit=f"{MAX_UNPACKED_BYTES:,}"))
    # XML that does not parse (SyntaxError: ElementTree's and lxml's errors), here or as the rows are read below
    unreadable = (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError)
    try:
        with warnings.catch_warnings():  # openpyxl's warnings about parts it skips are not the user's to read
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except unreadable as exc:
        raise _unreadable(path, exc) from None
    try:
        names = [n for n in book.sheetnames if n in ACTUALS_SHEET_NAMES]
        if not names and len(book.sheetnames) != 1:
            raise InputError(tmsg("file.no_sheet", path=path, names=tmsg("or").join(ACTUALS_SHEET_NAMES)))
        ws = book[names[0] if names else book.sheetnames[0]]
        rows = enumerate(ws.iter_rows(values_only=True), start=1)
        while True:
            try:
                number, row = next(rows)
            except StopIteration:
                return
            except unreadable as exc:
                raise _unreadable(path, exc) from None
            yield number, list(row)
    finally:
        book.close()


def _unreadable(path: Path, exc: BaseException) -> InputError:
    return InputError(tmsg("file.workbook", path=path, error=type(exc).__name__))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Reader:
    """Turns rows of cells into observations, collecting every problem with its place."""

    def __init__(self, source: str, plan: Plan) -> None:
        from opsplan.track.compare import tracked_metrics

        self.source = source
        self.plan = plan
        self.problems = _Problems()
        self.actuals = Actuals(source)
        self.seen: dict[tuple[str, str], Location] = {}
        self.names: dict[str, str] = {}
        tracked = tracked_metrics(plan)
        for key in tracked:
            metric = CATALOGUE[key]
            for name in (key, metric.en, metric.zh):
                self.names[_key(name)] = key
        for name in _SPEND_NAMES:
            self.names[_key(name)] = SPEND
        for i, stage in enumerate(plan.profile.traffic.funnel):
            self.names.setdefault(_key(stage.stage), f"stage:{i}")
        for i, channel in enumerate(plan.budget.channels):
            self.names.setdefault(_key(channel.name), f"channel:{i}")
        self.milestones = {_key(m.id): m.id for m in plan.timeline.milestones}
        self.untracked = {_key(n): k for k, m in CATALOGUE.items() for n in (k, m.en, m.zh) if k not in tracked}

    def where(self, row: int, col: int) -> Location:
        return Location(self.source, row, col + 1)

    def read(self, rows: list[tuple[int, list[CellValue]]]) -> Actuals:
        header_at = next((i for i, (_, cells) in enumerate(rows) if self._is_header(cells)), None)
        if header_at is None:
            first = next((n for n, cells in rows if any(cell_text(c) for c in cells)), None)
            if first is None:
                raise InputError(tmsg("file.empty", path=self.source))
            raise InputError(tmsg("file.no_header", where=f"{self.source}:{first}"))
        number, header = rows[header_at]
        names = [_key(cell_text(c)) for c in header]
        if {"metric", "period", "value"} <= {self._role(n) for n in names}:
            self._long(rows[header_at + 1 :], names)
        else:
            self._wide(rows[header_at + 1 :], header, number)
        self.problems.raise_any()
        return self.actuals

    def _is_header(self, cells: list[CellValue]) -> bool:
        return bool(cells) and self._role(_key(cell_text(cells[0]))) == "metric"

    @staticmethod
    def _role(name: str) -> str:
        if name in _METRIC_HEADERS:
            return "metric"
        if name in _PERIOD_HEADERS:
            return "period"
        if name in _VALUE_HEADERS:
            return "value"
        return ""

    def _long(self, rows: list[tuple[int, list[CellValue]]], names: list[str]) -> None:
        roles = [self._role(n) for n in names]
        m, p, v = roles.index("metric"), roles.index("period"), roles.index("value")
        for number, cells in rows:
            cells = cells + [None] * (len(names) - len(cells))
            if not any(cell_text(c) for c in cells):
                continue
            name = self._name(cells[m], number, m)
            if name is None:
                continue
            if name.startswith("milestone:"):
                self._done(name.removeprefix("milestone:"), cells[p], cells[v], number, p)
                continue
            period = self._period(cells[p], number, p)
            if period is not None:
                self._value(name, period, cells[v], number, v)

    def _wide(self, rows: list[tuple[int, list[CellValue]]], header: list[CellValue], header_row: int) -> None:
        periods: dict[int, Period] = {}
        for col, cell in enumerate(header[1:], start=1):
            text = _key(cell_text(cell))
            if not text or text in _SKIPPED_HEADERS:
                continue
            period = self._period(cell, header_row, col)
            if period is not None:
                periods[col] = period
        milestone_block = False
        for number, cells in rows:
            if not cells or not any(cell_text(c) for c in cells):
                continue
            if _key(cell_text(cells[0])) in _MILESTONE_HEADERS:
                milestone_block = True
                done_col = max(i for i, c in enumerate(cells) if cell_text(c))  # the last heading: done on
                continue
            if milestone_block:
                name = self._name(cells[0], number, 0)
                if name is not None and name.startswith("milestone:"):
                    value = cells[done_col] if done_col < len(cells) else None
                    if cell_text(value):
                        self._done(name.removeprefix("milestone:"), value, "", number, done_col)
                continue
            filled = [(col, cells[col]) for col in periods if col < len(cells) and cell_text(cells[col])]
            if not filled:
                continue
            name = self._name(cells[0], number, 0)
            if name is None:
                continue
            for col, value in filled:
                self._value(name, periods[col], value, number, col)

    def _name(self, cell: CellValue, row: int, col: int) -> str | None:
        text = cell_text(cell)
        found = self.names.get(_key(text))
        if found is not None:
            return found
        if _key(text) in self.milestones:
            return "milestone:" + self.milestones[_key(text)]
        if not text:
            self.problems.add(self.where(row, col), tmsg("row.no_metric"))
        elif _key(text) in self.untracked:
            self.problems.add(self.where(row, col), tmsg("row.untracked", text=text))
        else:
            from difflib import get_close_matches  # only when a name is unknown

            close = get_close_matches(_key(text), list(self.names) + list(self.milestones), n=1, cutoff=0.6)
            hint = did_you_mean(close) if close else tmsg("row.see_metrics")
            self.problems.add(self.where(row, col), tmsg("row.unknown_metric", text=text, hint=hint))
        return None

    def _period(self, cell: CellValue, row: int, col: int) -> Period | None:
        try:
            period = parse_period(cell)
        except ValueError as exc:
            self.problems.add(self.where(row, col), str(exc))
            return None
        start = self.plan.profile.plan.start
        last = max(h.date for h in self.plan.goals.horizons)
        if period.end <= start or period.start >= last:
            end = last - dt.timedelta(days=1)
            self.problems.add(self.where(row, col), tmsg("row.outside", period=period.label, start=start, end=end))
            return None
        return period

    def _value(self, name: str, period: Period, cell: CellValue, row: int, col: int) -> None:
        where = self.where(row, col)
        earlier = self.seen.get((name, period.label))
        if earlier is not None:
            self.problems.add(where, tmsg("row.twice", name=name, period=period.label, earlier=earlier))
            return
        kind = self._kind(name)
        try:
            value = parse_value(cell, kind)
        except ValueError as exc:
            self.problems.add(where, str(exc))
            return
        self.seen[(name, period.label)] = where
        self.actuals.observations.append(Observation(name, period, value, where))

    def _kind(self, name: str) -> MetricKind:
        if name in CATALOGUE:
            return CATALOGUE[name].kind
        if name.startswith("stage:") and name != "stage:0":
            return MetricKind.RATE
        return MetricKind.COUNT if name.startswith("stage:") else MetricKind.MONEY

    def _done(self, milestone: str, when: CellValue, value: CellValue, row: int, col: int) -> None:
        where = self.where(row, col)
        if _key(cell_text(value)) not in _DONE_WORDS:
            self.problems.add(where, tmsg("row.done_where", milestone=milestone))
            return
        try:
            period = parse_period(when)
        except ValueError as exc:
            self.problems.add(where, str(exc))
            return
        if period.kind != "date":
            self.problems.add(where, tmsg("row.done_day", milestone=milestone))
            return
        if milestone in self.actuals.done:
            earlier_done = self.actuals.done[milestone][1]
            self.problems.add(where, tmsg("row.done_twice", milestone=milestone, earlier=earlier_done))
            return
        self.actuals.done[milestone] = (period.start, where)
