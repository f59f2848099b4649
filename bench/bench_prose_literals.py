"""Report, for each preset, figures typed into prose that restate a value the profile or the plan holds.

Run: ``python bench/bench_prose_literals.py [PROFILE …]`` (default: every preset). ``--fail`` exits 1 when
a duplicate is found; ``--all`` lists every literal, ``--raw`` every literal equal to some value. The goal
(issue 12) is no duplicate: every such figure is a reference (``${…}``).

How it reads a profile: it walks every text field except identifiers, metric keys, sources and the names
that references use as keys (budget lines, channels, pillars, segments, campaigns, competitors …), drops
the references, and finds the literal figures left: numbers with their units (200万元, 35%, CNY 2.0M,
1,800, 30天, 48 hours), dates (2027年5月13日, 5月13日, 13 May), Chinese and English number words before a
unit (六个月, 两小时, 十四项, 三成, six months), four-digit years, and the shop's name.

Each literal is compared with the plan's reference values (``opsplan.plan.plan_references``) twice:

* **equal** (the raw count): the same number as a value of the same family (money, percent, date, year,
  or any other number), within 0.5% or the precision it is written with (3.5万 is 34,500–35,500);
* **duplicate**: equal, *and* of the same unit (money, percent, date, months, days, hours, or a count),
  *and* the clause around the literal (between 。，；、 or ". ", ", ") names the value: a metric's label or
  a synonym, a budget line's, channel's, pillar's, segment's, role's, task's or campaign's name or a part
  of it, or a word for the value (预算, 缓冲, 风险 …; ``prose_literal_labels`` lists them). A risk's response
  time counts only in that risk's own text. So "近30天" is not the inventory turnover of 30 days, but
  "库存周转控制在30天" is; "15%" in "退款率超过15%" is not a channel's 15% share.

A year counts when the plan window spans it, the shop's name wherever it is written. "一次", "一位" and
other counts of one restate nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from opsplan.load import load_profile
from opsplan.plan import build_plan, plan_references
from opsplan.plan.model import Plan
from opsplan.plan.reftable import Table
from opsplan.presets import preset_names, preset_path
from opsplan.profile import Profile

sys.path.insert(0, str(Path(__file__).parent))
from prose_literal_labels import labels, unit

SKIPPED_FIELDS = {"id", "after", "kpis", "metric", "locale", "currency", "kind", "platform", "source", "unit", "label"}
KEY_NAMES = {"items", "channels", "pillars", "segments", "campaigns", "competitors", "evaluation", "team", "anchors"}
REFERENCE = re.compile(r"\$\{[^{}\n]*\}")
CLAUSE_END = re.compile(r"[，。；;、！？!?：:\n]|[,.](?=\s)")
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
EN_WORDS: dict[str, float] = {w: i for i, w in enumerate((_EN + " seventeen eighteen nineteen twenty").split())}
EN_WORDS |= {
    "thirty": 30,
    "forty": 40,
    "twenty-four": 24,
    "forty-eight": 48,
    "seventy-two": 72,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "half": 0.5,
}
# the unit written after a number → what it measures (a duration in years is counted in months)
UNITS = [
    (r"个多?月|months?\b|-month", "months", 1),
    (r"年(?!级|度|份|底|初|末|前|后)|years?\b|-year", "months", 12),
    (r"天|days?\b|-day", "days", 1),
    (r"个?小时|hours?\b|-hour|h\b", "hours", 1),
    (r"分钟|minutes?\b", "minutes", 1),
    (r"秒|seconds?\b", "seconds", 1),
    (r"个?周|weeks?\b|-week", "weeks", 1),
    (r"人|名|位|people\b|staff\b|persons?\b", "people", 1),
    (r"成(?!交|本|员|为|功|长|熟|品)", "percent", 0.1),
]
COUNT_UNITS = (
    r"人|名|位|项|个|家|条|场|类|种|套|次|款|篇|群|张|单|people|staff|tasks?|phases?|milestones?|risks?|stages?|"
    r"segments?|kinds|types|pillars?|channels?|stores?|sessions?|posts?|groups?|problems?|roles?|campaigns?|"
    r"competitors?|members?|KOCs?"
)
NUMBER = re.compile(
    r"(?P<cur>CNY\s?|RMB\s?|¥)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<scale>万亿|亿|万|千|[kKM](?![a-zA-Z])|bn\b|million\b|billion\b)?\s*(?P<unit>元|%|yuan\b)?"
)
CN_NUMBER = re.compile(
    r"(?<!第)([零一二两三四五六七八九十百千半]+)(?=" + "|".join(u for u, _, _ in UNITS) + "|" + COUNT_UNITS + ")"
)
EN_NUMBER = re.compile(
    r"(?<!\w)("
    + "|".join(sorted(EN_WORDS, key=len, reverse=True))
    + r")(?=[\s-]+(?:a\s)?(?:"
    + "|".join(u for u, _, _ in UNITS[:-1])
    + "|"
    + COUNT_UNITS
    + r"))",
    re.I,
)
_MON = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
MONTHS_EN = {m.lower(): i + 1 for i, m in enumerate(_MON.split("|"))}
DATES = [
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"),
    re.compile(r"(?<![年\d])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"\b(?P<d>\d{1,2}) (?P<mon>" + _MON + r")[a-z]*\.?(?: (?P<y>\d{4}))?"),
    re.compile(r"\b(?P<mon>" + _MON + r")[a-z]*\.? (?P<d>\d{1,2})\b(?:, (?P<y>\d{4}))?"),
]
FAMILY = {"money": "money", "percent": "percent", "date": "date", "year": "year"}  # any other unit: "number"


@dataclass(frozen=True)
class Literal:
    """A figure found in prose: where, as written, its value and unit, and the value it equals or restates."""

    path: str
    text: str
    value: Any
    unit: str
    slack: float = 0.0
    equals: str = ""
    duplicates: str = ""


@dataclass(frozen=True)
class Candidate:
    """A value prose could restate: its reference name, value, unit and the words that name it."""

    name: str
    value: Any
    unit: str
    words: tuple[str, ...]


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


def _cn_number(text: str) -> float | None:
    if text == "半":
        return 0.5
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


def _unit_after(after: str) -> tuple[str, float, str]:
    """Return the unit a number is written with (from the text right after it), its factor and the unit as written."""
    for pattern, name, factor in UNITS:
        m = re.match(r"\s?(?:" + pattern + ")", after, re.I)
        if m:
            return name, factor, m.group(0)
    return "count", 1, ""


def item_names(profile: Profile) -> dict[str, str]:
    """Return the display names of items that references name by id: tasks, phases, milestones."""
    names = {f"milestones.{m.id}": m.name for m in profile.timeline.milestones}
    for phase in profile.timeline.phases:
        names[f"phases.{phase.id}"] = phase.name
        names |= {f"tasks.{phase.id}.{t.id}": t.name for t in phase.tasks}
    return names


def candidates(table: Table, profile: Profile) -> list[Candidate]:
    """Return every value of the plan prose could restate, with its unit and the words that name it."""
    items = item_names(profile)
    out: list[Candidate] = []
    for name, value in table.items():
        if name.startswith("trajectory.") or (name.startswith("risks.") and name.endswith(".score")):
            continue  # a month's planned value, a risk's score: equal to prose figures by chance
        if value.kind == "text":
            out.append(Candidate(name, str(value.value), "text", ()))
        elif value.kind == "date":
            out.append(Candidate(name, value.value, "date", labels(name, items)))
        elif isinstance(value.value, int | float):
            out.append(Candidate(name, float(value.value), unit(name, value), labels(name, items)))
    return out


class Matcher:
    """Reads the literal figures of one plan's prose and matches them against its values."""

    def __init__(self, values: list[Candidate], years: set[int], risk_ids: list[str]) -> None:
        self.values = values
        self.years = years
        self.risk_ids = risk_ids  # risks[i] → its id: a risk's response time is named only in its own text
        self.texts = [c for c in values if c.unit == "text" and c.value]
        self.words = {word for c in values for word in c.words}

    @classmethod
    def for_plan(cls, plan: Plan) -> Matcher:
        """Return the matcher for ``plan``'s reference values."""
        values = candidates(plan_references(plan), plan.profile)
        years = {c.value.year for c in values if c.unit == "date"}
        return cls(values, years, [r.id for r in plan.profile.risks])

    def scan(self, path: str, text: str) -> Iterator[Literal]:
        """Yield every literal figure in ``text`` with the value it equals and the one it restates, if any."""
        text = REFERENCE.sub(" ", text)
        for cand in self.texts:
            if cand.value in text:
                yield Literal(path, cand.value, cand.value, "text", equals=cand.name, duplicates=cand.name)
        for start, end, lit in self._literals(path, text):
            yield self._match(lit, self._clause(text, start, end), path)

    def _literals(self, path: str, text: str) -> Iterator[tuple[int, int, Literal]]:
        taken: list[tuple[int, int]] = []
        for pattern in DATES:
            for m in pattern.finditer(text):
                taken.append(m.span())
                month = int(m["m"]) if "m" in m.groupdict() and m["m"] else MONTHS_EN[m["mon"][:3].lower()]
                yield m.start(), m.end(), Literal(path, m.group(0), (month, int(m["d"])), "date")
        for m in CN_NUMBER.finditer(text):
            value = _cn_number(m.group(1))
            if value is not None and not any(a <= m.start() < b for a, b in taken):
                taken.append(m.span())
                unit_name, factor, written = _unit_after(text[m.end() :])
                counted = re.match(COUNT_UNITS, text[m.end() :]) if unit_name == "count" else None
                shown = m.group(0) + (counted.group(0) if counted else written)
                yield m.start(), m.end(), Literal(path, shown, value * factor, unit_name)
        for m in EN_NUMBER.finditer(text):
            unit_name, factor, written = _unit_after(re.sub(r"^[\s-]+(a\s)?", " ", text[m.end() :]))
            taken.append(m.span())
            shown = m.group(0) + written
            yield m.start(), m.end(), Literal(path, shown, EN_WORDS[m.group(1).lower()] * factor, unit_name)
        for m in NUMBER.finditer(text):
            before = text[m.start() - 1] if m.start() else ""
            if any(a <= m.start() < b for a, b in taken) or (before.isascii() and before.isalpha()):
                continue
            lit = self._number(path, m, text[m.end() :])
            if lit is not None:
                yield m.start(), m.end(), lit

    def _number(self, path: str, m: re.Match[str], after: str) -> Literal | None:
        digits = m["num"].replace(",", "").rstrip(".")
        scale = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "k": 1e3, "K": 1e3, "M": 1e6, "bn": 1e9}
        factor = scale.get(m["scale"] or "", {"million": 1e6, "billion": 1e9}.get(m["scale"] or "", 1.0))
        value = float(digits) * factor
        decimals = len(digits.partition(".")[2])
        slack = 0.5 * 10**-decimals * factor if factor > 1 else 0.0
        text = m.group(0).strip()
        if m["unit"] == "%":
            return Literal(path, text, value / 100, "percent", 0.5 * 10**-decimals / 100)
        if m["cur"] or m["unit"] in ("元", "yuan"):
            return Literal(path, text, value, "money", slack)
        if len(digits) == 4 and factor == 1 and 1990 <= value <= 2100:
            return Literal(path, text, int(value), "year")
        unit_name, unit_factor, written = _unit_after(after)
        if factor > 1:  # 50万 without 元: a sum of money or a count, a count when 人 or a counted noun follows
            counted = unit_name == "people" or re.match(r"\s?(?:" + COUNT_UNITS + ")", after, re.I)
            return Literal(path, text, value, "count" if counted else "count_or_money", slack)
        return Literal(path, (m.group(0) + written).strip(), value * unit_factor, unit_name)

    @staticmethod
    def _clause(text: str, start: int, end: int) -> tuple[str, str]:
        """Return the clause around text[start:end]: the part before it and the part after it, lower-case."""
        return CLAUSE_END.split(text[:start])[-1].casefold(), CLAUSE_END.split(text[end:])[0].casefold()

    def _owners(self, clause: tuple[str, str]) -> set[str]:
        """Return the words naming a value that stand nearest the literal in its clause (before or after it)."""
        head, tail = clause
        best, owners = len(head) + len(tail) + 1, set()
        for word in self.words:
            pattern = r"(?<![a-z])" + re.escape(word) if word.isascii() else re.escape(word)
            for m in re.finditer(pattern, head):
                distance = len(head) - m.end()
                if distance < best:
                    best, owners = distance, {word}
                elif distance == best:
                    owners.add(word)
            hit = re.search(pattern, tail)
            if hit:
                if hit.start() < best:
                    best, owners = hit.start(), {word}
                elif hit.start() == best:
                    owners.add(word)
        return owners

    def _named(self, cand: Candidate, owners: set[str], path: str) -> bool:
        """Return whether the words nearest the literal name ``cand`` (a risk's response time: its own text)."""
        if cand.name.startswith("risks."):
            own = re.match(r"risks\[(\d+)\]", path)
            return own is not None and self.risk_ids[int(own.group(1))] == cand.name.split(".")[1]
        return bool(owners.intersection(cand.words))

    def _match(self, lit: Literal, clause: tuple[str, str], path: str) -> Literal:
        if lit.unit == "year":
            name = "plan.years" if lit.value in self.years else ""
            return Literal(lit.path, lit.text, lit.value, lit.unit, equals=name, duplicates=name)
        family = FAMILY.get(lit.unit, "number")
        equals = duplicates = ""
        if lit.unit in ("count", "people") and lit.value == 1:  # "一次", "一位": never a restated figure
            return lit
        owners = self._owners(clause)
        for cand in self.values:
            if cand.unit == "text" or (FAMILY.get(cand.unit, "number") != family and lit.unit != "count_or_money"):
                continue
            if not _equal(lit, cand):
                continue
            equals = equals or cand.name
            if _same_unit(lit.unit, cand.unit) and self._named(cand, owners, path):
                duplicates = cand.name
                break
        return Literal(lit.path, lit.text, lit.value, lit.unit, lit.slack, equals, duplicates)


def _equal(lit: Literal, cand: Candidate) -> bool:
    if lit.unit == "date":
        return bool(cand.unit == "date" and (cand.value.month, cand.value.day) == lit.value)
    if cand.unit == "date" or not cand.value:
        return False
    return bool(abs(lit.value - cand.value) <= max(lit.slack, 0.005 * abs(cand.value)))


def _same_unit(literal: str, value: str) -> bool:
    """Return whether a literal written in ``literal`` units can restate a value measured in ``value``."""
    if literal == value:
        return True
    return (value == "count" and literal in ("people", "count_or_money")) or (
        value == "money" and literal == "count_or_money"
    )


def scan_profile(path: Path) -> tuple[int, list[Literal]]:
    """Return the number of prose fields of the profile at ``path`` and the literal figures in them."""
    profile = load_profile(path)
    matcher = Matcher.for_plan(build_plan(profile))
    fields = list(prose(profile))
    return len(fields), [lit for field, text in fields for lit in matcher.scan(field, text)]


def main() -> int:
    """Print the report; return 1 with ``--fail`` when a literal restates a value."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", type=Path)
    parser.add_argument("--fail", action="store_true", help="exit 1 when a literal restates a value")
    parser.add_argument("--all", action="store_true", help="list every literal, not only the duplicates")
    parser.add_argument("--raw", action="store_true", help="list every literal equal to a value")
    args = parser.parse_args()
    paths = args.profiles or [
        p for name in preset_names() for loc in ("zh-CN", "en") if (p := preset_path(name, loc)) is not None
    ]
    found = 0
    print("| profile | prose fields | literal figures | equal to a value (raw) | restating a value (duplicates) |")
    print("|---|---|---|---|---|")
    details: list[str] = []
    for path in paths:
        fields, literals = scan_profile(path)
        raw = [lit for lit in literals if lit.equals]
        dupes = [lit for lit in literals if lit.duplicates]
        found += len(dupes)
        print(f"| {path.name} | {fields} | {len(literals)} | {len(raw)} | {len(dupes)} |")
        for lit in literals if args.all else raw if args.raw else dupes:
            if lit.duplicates:
                details.append(f"{path.name}: {lit.path}: {lit.text!r} = ${{{lit.duplicates}}}")
            elif lit.equals:
                details.append(f"{path.name}: {lit.path}: {lit.text!r} ~ ${{{lit.equals}}} (not named)")
            else:
                details.append(f"{path.name}: {lit.path}: {lit.text!r}")
    if details:
        print()
        print("\n".join(details))
    return 1 if args.fail and found else 0


if __name__ == "__main__":
    sys.exit(main())
