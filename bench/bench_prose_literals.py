"""Report, for each preset, figures typed into prose that the profile or the plan already holds.

Run: ``python bench/bench_prose_literals.py [PROFILE …]`` (default: every preset). ``--fail`` exits 1 when
a duplicate is found. The goal (issue 12) is none: every such figure should be a reference (``${…}``).

How it reads a profile: it walks every text field except identifiers, metric keys, sources and the names
that references use as keys (budget lines, channels, pillars, segments, campaigns, competitors …), drops
the references, and finds the literal figures left: numbers with their units (200万元, 35%, CNY 2.0M,
1,800), dates (2027年5月13日, 5月13日, 13 May), Chinese and English number words before a unit (六个月,
six months), four-digit years, and the shop's name. A literal *duplicates* a value when it equals one of
the plan's reference values (``opsplan.plan.plan_references``): percentages against rates and shares,
dates against dates, amounts in 元/CNY against money, other numbers against counts and plain numbers (and
against money when written with 万/亿/k/M) within 0.5%, leaving out a month's planned value and risk scores;
numbers below 13 only when their unit says what they count (months, people, tasks, phases, milestones), so "三步" or
"two sessions" are left alone; a year when it is one of the years the plan window spans. Other literals
(a competitor's price, a response time in hours) are counted but not reported as duplicates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from opsplan.load import load_profile
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.plan import build_plan, plan_references
from opsplan.plan.reftable import Table
from opsplan.presets import preset_names, preset_path

SKIPPED_FIELDS = {"id", "after", "kpis", "metric", "locale", "currency", "kind", "platform", "source", "unit", "label"}
KEY_NAMES = {"items", "channels", "pillars", "segments", "campaigns", "competitors", "evaluation", "team", "anchors"}
REFERENCE = re.compile(r"\$\{[^{}\n]*\}")
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
EN_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
MONTHS_EN = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}
COUNTED = {
    "months": r"个月|months?",
    "people": r"人|名|people|staff",
    "tasks": r"项任务|个任务|tasks?",
    "phases": r"个阶段|phases?",
    "milestones": r"个里程碑|milestones?",
}
NUMBER = re.compile(r"(CNY\s?)?(\d[\d,]*(?:\.\d+)?)\s*(亿|万|[kKM](?![a-z])|bn)?\s*(元|%|yuan)?")
CN_NUMBER = re.compile(r"([零一二两三四五六七八九十百千]+)\s*(" + "|".join(COUNTED.values()) + r"|成)")
EN_NUMBER = re.compile(r"\b(" + "|".join(EN_WORDS) + r")[\s-]+(" + "|".join(COUNTED.values()) + r")\b", re.I)
_MON = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
DATES = [
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?<!年)(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"\b(?P<d>\d{1,2}) (?P<mon>" + _MON + r")[a-z]*\.?(?: (?P<y>\d{4}))?"),
    re.compile(r"\b(?P<mon>" + _MON + r")[a-z]*\.? (?P<d>\d{1,2})\b(?:, (?P<y>\d{4}))?"),
]


@dataclass(frozen=True)
class Literal:
    """A figure found in prose: where, as written, and the reference it duplicates ("" when none)."""

    path: str
    text: str
    duplicates: str
    start: int = 0


def prose(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, str]]:
    """Yield (field path, text) for every prose field of a profile (see the module's rules)."""
    if isinstance(value, str) and not isinstance(value, Enum):
        yield _dotted(path), value
    elif isinstance(value, BaseModel):
        for name, item in vars(value).items():
            in_keyed = any(p in KEY_NAMES for p in path if isinstance(p, str))
            is_key = name in ("name", "role", "tier", "stage") and in_keyed
            if name not in SKIPPED_FIELDS and not is_key and not (path == ("shop",) and name in ("name", "category")):
                yield from prose(item, (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from prose(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from prose(item, (*path, key.value if isinstance(key, Enum) else key))


def _dotted(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def _cn_number(text: str) -> int | None:
    total, current = 0, 0
    for char in text:
        if char in CN_DIGITS:
            current = CN_DIGITS[char]
        elif char in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[char]
            current = 0
        else:
            return None
    return total + current


class Matcher:
    """Matches literals against one plan's reference values."""

    def __init__(self, table: Table, start: dt.date) -> None:
        self.start = start
        self.money: list[tuple[float, str]] = []
        self.numbers: list[tuple[float, str]] = []
        self.rates: list[tuple[float, str]] = []
        self.dates: dict[tuple[int, int], str] = {}
        self.counted: dict[str, dict[float, str]] = {k: {} for k in COUNTED}
        self.texts: dict[str, str] = {}
        self.years: set[int] = set()
        for name, value in table.items():
            kind = value.kind
            if kind == "metric":
                kinds = {MetricKind.RATE: "percent", MetricKind.MONEY: "money"}
                kind = kinds.get(CATALOGUE[value.metric].kind, "number")
            if name.startswith(("trajectory.", "risks.")):  # a month's planned value, a risk score: not prose
                continue
            if kind == "percent":
                self.rates.append((float(value.value), name))
            elif kind == "date":
                self.dates.setdefault((value.value.month, value.value.day), name)
                self.years.add(value.value.year)
            elif kind == "text":
                self.texts.setdefault(str(value.value), name)
            elif kind == "money":
                self.money.append((float(value.value), name))
            else:
                self.numbers.append((float(value.value), name))
            for counted, keys in {
                "months": ("months",),
                "people": ("headcount",),
                "tasks": ("count.tasks",),
                "phases": ("count.phases",),
                "milestones": ("count.milestones",),
            }.items():
                if name.endswith(keys) and kind == "number":
                    self.counted[counted].setdefault(float(value.value), name)

    def scan(self, path: str, text: str) -> Iterator[Literal]:
        """Yield every literal figure in ``text`` with the reference it duplicates, if any."""
        text = REFERENCE.sub(" ", text)
        for name, ref in self.texts.items():
            if name and name in text:
                yield Literal(path, name, ref, text.find(name))
        taken: list[tuple[int, int]] = []
        for pattern in DATES:
            for m in pattern.finditer(text):
                taken.append(m.span())
                month = int(m["m"]) if "m" in m.groupdict() and m["m"] else MONTHS_EN[m["mon"][:3].lower()]
                yield Literal(path, m.group(0), self.dates.get((month, int(m["d"])), ""), m.start())
        for m in CN_NUMBER.finditer(text):
            value = _cn_number(m.group(1))
            if value is not None:
                taken.append(m.span())
                yield Literal(path, m.group(0), self._counted(value, m.group(2)), m.start())
        for m in EN_NUMBER.finditer(text):
            taken.append(m.span())
            yield Literal(path, m.group(0), self._counted(EN_WORDS[m.group(1).lower()], m.group(2)), m.start())
        for m in NUMBER.finditer(text):
            if any(a <= m.start() < b for a, b in taken) or (
                m.start() and text[m.start() - 1].isalpha() and text[m.start() - 1].isascii()
            ):
                continue
            yield Literal(path, m.group(0).strip(), self._number(m, text[m.end() : m.end() + 4]), m.start())

    def _counted(self, value: float, unit: str) -> str:
        if unit == "成":
            return self._near(value / 10, self.rates)
        for counted, pattern in COUNTED.items():
            if re.fullmatch(pattern, unit, re.I):
                return self.counted[counted].get(value, "")
        return ""

    def _number(self, m: re.Match[str], after: str) -> str:
        digits = m.group(2).replace(",", "")
        value = float(digits)
        scale = {"亿": 1e8, "万": 1e4, "k": 1e3, "K": 1e3, "M": 1e6, "bn": 1e9}.get(m.group(3) or "", 1)
        if m.group(4) == "%":
            return self._near(value / 100, self.rates)
        value *= scale
        if len(digits) == 4 and scale == 1 and not m.group(4) and 1990 <= value <= 2100:
            return "plan.years" if int(value) in self.years else ""
        if value < 13 and scale == 1 and not m.group(1) and not m.group(4):
            unit = re.match(r"\s*(\S+)", after)
            return self._counted(value, unit.group(1)) if unit else ""
        if m.group(1) or m.group(4) in ("元", "yuan"):
            return self._near(value, self.money)
        return self._near(value, self.numbers + self.money if scale > 1 else self.numbers)

    @staticmethod
    def _near(value: float, values: list[tuple[float, str]]) -> str:
        for known, name in values:
            if known and abs(value - known) <= 0.005 * abs(known):
                return name
        return ""


def scan_profile(path: Path) -> tuple[int, list[Literal]]:
    """Return the number of prose fields of the profile at ``path`` and the literal figures in them."""
    profile = load_profile(path)
    plan = build_plan(profile)
    matcher = Matcher(plan_references(plan), profile.plan.start)
    fields = list(prose(profile))
    return len(fields), [lit for field, text in fields for lit in matcher.scan(field, text)]


def main() -> int:
    """Print the report; return 1 with ``--fail`` when a literal duplicates a value."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", type=Path)
    parser.add_argument("--fail", action="store_true", help="exit 1 when a literal duplicates a value")
    parser.add_argument("--all", action="store_true", help="list every literal, not only the duplicates")
    args = parser.parse_args()
    paths = args.profiles or [
        p for name in preset_names() for loc in ("zh-CN", "en") if (p := preset_path(name, loc)) is not None
    ]
    found = 0
    print("| profile | prose fields | literal figures | duplicating a value |")
    print("|---|---|---|---|")
    details: list[str] = []
    for path in paths:
        fields, literals = scan_profile(path)
        dupes = [lit for lit in literals if lit.duplicates]
        found += len(dupes)
        print(f"| {path.name} | {fields} | {len(literals)} | {len(dupes)} |")
        for lit in literals if args.all else dupes:
            details.append(
                f"{path.name}: {lit.path}: {lit.text!r} = ${{{lit.duplicates}}}"
                if lit.duplicates
                else f"{path.name}: {lit.path}: {lit.text!r}"
            )
    if details:
        print()
        print("\n".join(details))
    return 1 if args.fail and found else 0


if __name__ == "__main__":
    sys.exit(main())
