"""Text that disagrees with the numbers, and names left over from a preset.

* OPS612: prose that puts a figure right after a metric's name ("月GMV做到200万元", "monthly GMV of CNY 2.0M",
  "复购率提升到28%") that is none of the values the plan holds for that metric: its baseline, a horizon
  target, a KPI target, a milestone target (in a milestone's own text, that milestone's), and for a bare
  "GMV" in a campaign's goal, the campaign's GMV. The figure read is the one right after the name and a
  word that states a value (做到, 达到, 提升到, 控制在, reach, of …), in the same clause; a threshold ("低于15%")
  is not a claim. A figure matches when it equals the value to the precision it is written with.
* OPS908: a money figure of 10,000 or more next to the word 预算 / budget (12 characters either side, in one
  clause) that is no budget figure of the plan (the total, a line's amount or monthly amount, the monthly
  budget, payroll, a channel's spend).
* OPS204: the shop name of a preset or one of its short names (``shop.aliases``: 湘味里 for 湘味里湘菜小炒; any
  kind, either language) in a text of a profile whose shop has another name, unless it is part of this
  shop's name or a competitor's.

Text is read after references (``${…}``) are resolved, so a reference never disagrees. Market text is
left out: it quotes the industry, not the plan.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from opsplan.check.findings import Finding
from opsplan.check.messages import listing, metric_label, msg
from opsplan.check.profile_rules import Locator
from opsplan.check.textutil import words_pattern
from opsplan.formatting import said_number
from opsplan.load import format_path
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.plan.model import Plan
from opsplan.yamlread import PathKey

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
_FIGURE = re.compile(
    r"(?P<cur>CNY|RMB|¥)?\s?" + _NUMBER + r"\s?(?P<unit>%|万亿|亿|万|千|k\b|K\b|M\b|bn\b|million\b|billion\b)?"
    r"\s?(?P<yuan>元)?",
)
_DIGIT = re.compile(r"\d")  # what ``_NUMBER`` needs at least once
_CLAUSE_END = re.compile(r"[，。；;、！？!?\n]|[,.] ")
_SCALE = {
    "万亿": 1e12,
    "亿": 1e8,
    "万": 1e4,
    "千": 1e3,
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "bn": 1e9,
    "million": 1e6,
    "billion": 1e9,
}
SKIPPED = ("market", "plan", "version")


class Figure(NamedTuple):
    """A figure read from text: its value (rates as fractions), half its last written unit, and its unit."""

    text: str
    value: float
    slack: float
    percent: bool
    money: bool
    scaled: bool

    def matches(self, value: float) -> bool:
        """Return whether ``value`` written to this figure's precision is this figure."""
        return abs(self.value - value) <= self.slack + abs(value) * 0.005


def figures(text: str) -> list[Figure]:
    """Return every figure in ``text`` with its value and the precision it is written with."""
    return [_figure(match) for match in _FIGURE.finditer(text)]


def _figure(match: re.Match[str]) -> Figure:
    whole, decimals = match.group(2).replace(",", ""), match.group(3) or ""
    unit = match.group("unit") or ""
    scale = 0.01 if unit == "%" else _SCALE.get(unit, 1.0)
    value = float(f"{whole}.{decimals}" if decimals else whole) * scale
    slack = 0.5 * 10 ** -len(decimals) * scale
    money = bool(match.group("cur") or match.group("yuan"))
    return Figure(match.group(0).strip(), value, slack, unit == "%", money, unit not in ("", "%"))


def fits(figure: Figure, kind: MetricKind) -> bool:
    """Return whether ``figure`` is written as a value of a metric of ``kind`` could be."""
    if kind == MetricKind.RATE:
        return figure.percent
    if kind == MetricKind.MONEY:
        return figure.money or (figure.scaled and not figure.percent)
    if kind == MetricKind.COUNT:
        return not figure.percent and not figure.money and (figure.scaled or figure.value >= 1000)
    return False


def _labels() -> list[tuple[str, str]]:
    """Return (lower-case label, metric key) pairs, longest first, in both languages."""
    pairs: list[tuple[str, str]] = []
    for key, metric in CATALOGUE.items():
        names = {metric.zh, metric.en.casefold(), key.replace("_", " ")}
        if metric.zh.endswith("数"):
            names.add(metric.zh[:-1])
        pairs += [(name.casefold(), key) for name in sorted(names) if len(name) > 1]  # sorted: one pattern text
    pairs += [("aov", "aov"), ("cac", "cac"), ("gmv", "gmv")]
    return sorted(pairs, key=lambda p: -len(p[0]))


LABELS = _labels()


# words that state a value ("做到200万元", "reach CNY 2.0M"); a figure after any other word is not a claim. Matched
# at a position (``match(text, pos, endpos)``), so without ``^``, which would match only at the text's start.
_STATES = re.compile(
    r".{0,4}?(?:达到|做到|突破|提升到|提升至|提高到|提高至|增长到|增长至|增至|升至|降到|降至|降低到|降低至|控制在|稳定在|"
    r"保持在|目标为|为|(?:to|will|should|must) (?:reach|hit)|is|of|reaches|reaching|reach|to|at|hits)"
    r"\s?(?:约|约为|about|around|roughly)?\s?",
    re.IGNORECASE,
)


_LABEL_PATTERN = words_pattern([label for label, _ in LABELS])  # longest first: the longest label wins
_LABEL_KEYS = dict(LABELS)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def mentions(text: str) -> Iterator[tuple[str, str, Figure]]:
    """Yield (metric key or "gmv", label as written, figure) where text states a value for a metric.

    The figure is the one right after the metric's name and a word that states a value (做到, 达到, 提升到,
    reach, of …), in the same clause. Linear in the text: the clause ends are found once, and each name reads
    only as far as its figure (a text of 80,000 characters naming a metric every six took 17 s when each read to
    its clause's end).
    """
    if _DIGIT.search(text) is None:  # no figure to state (a figure needs a digit): most texts, skipped at once
        return
    lowered = text.casefold()
    if len(lowered) != len(text):  # a character folds to several (ß to ss): kept, so that positions are the text's
        lowered = "".join(char if len(folded := char.casefold()) != 1 else folded for char in text)
    clause_ends: list[int] | None = None
    for match in _LABEL_PATTERN.finditer(lowered):
        start, end = match.span()
        label = match.group(0)
        if label.isascii() and (_latin(lowered[start - 1 : start]) or _latin(lowered[end : end + 1])):
            continue  # part of a longer Latin word; a Chinese character beside it ends it ("GMV达到")
        if clause_ends is None:  # where each clause ends, once a name is found (most texts name none)
            clause_ends = [found.start() for found in _CLAUSE_END.finditer(text)] + [len(text)]
        stop = clause_ends[bisect_left(clause_ends, end)]
        states = _STATES.match(text, end, stop)
        if states is None:
            continue
        at = states.end()
        while at < stop and text[at].isspace():
            at += 1
        figure = _FIGURE.match(text, at, stop)
        if figure is not None:
            yield _LABEL_KEYS[label], text[start:end], _figure(figure)


def texts(loc: Locator) -> list[tuple[PathKey, str]]:
    """Return each prose field's path and its text as the plan says it (``Locator.said``; market text left out)."""
    return [
        (path, loc.said(raw))
        for path, raw in loc.strings
        if path and path[0] not in SKIPPED and path[-1] not in ("id", "name", "metric", "stage", "role", "tier")
    ]


class AllowedValues:
    """The values text may state for each metric: common ones, plus a milestone's or a campaign's own."""

    def __init__(self, plan: Plan) -> None:
        profile = plan.profile
        common: dict[str, list[float]] = {}
        for key, value in profile.baseline.items():
            common.setdefault(key, []).append(value)
        for _, horizon in profile.goals.horizons():
            for key, value in horizon.targets.items():
                common.setdefault(key, []).append(value)
        for kpi in profile.kpis:
            if kpi.target is not None:
                common.setdefault(kpi.metric, []).append(kpi.target)
        self.milestones = [dict(m.targets) for m in profile.timeline.milestones]
        every = {k: [*v] for k, v in common.items()}
        for targets in self.milestones:
            for key, value in targets.items():
                every.setdefault(key, []).append(value)
        self.common, self.every = common, every
        self.campaigns = [c.gmv for c in profile.campaigns]
        self._own: dict[tuple[str, int], dict[str, list[float]]] = {}  # made once for each milestone or campaign

    def at(self, path: PathKey) -> dict[str, list[float]]:
        """Return the values a text at ``path`` may state (in a milestone's text, that milestone's targets)."""
        if path[:2] == ("timeline", "milestones") and len(path) > 2 and isinstance(path[2], int):
            own = self._own.get(("milestones", path[2]))
            if own is None:
                own = self._own[("milestones", path[2])] = {k: [*v] for k, v in self.common.items()}
                for key, value in self.milestones[path[2]].items():
                    own.setdefault(key, []).append(value)
            return own
        if path[:1] == ("campaigns",) and len(path) > 1 and isinstance(path[1], int):
            own = self._own.get(("campaigns", path[1]))
            if own is None:
                gmv = self.campaigns[path[1]]
                own = self._own[("campaigns", path[1])] = {**self.every, "gmv": [] if gmv is None else [gmv]}
            return own
        return self.every


def check_metric_text(loc: Locator, plan: Plan, prose: list[tuple[PathKey, str]]) -> Iterator[Finding]:
    """OPS612: a figure after a metric's name that the plan does not hold for that metric (``prose``: ``texts``)."""
    values = AllowedValues(plan)
    read: dict[str, list[tuple[str, str, Figure]]] = {}  # a text met before (a third of them): read once
    for path, text in prose:
        said = read.get(text)
        if said is None:
            said = read[text] = list(mentions(text))
        if not said:  # most texts: no metric's value stated
            continue
        allowed = values.at(path)
        for key, label, figure in said:
            if key not in allowed:
                continue
            kind = MetricKind.MONEY if key == "gmv" else CATALOGUE[key].kind
            if not fits(figure, kind) or any(figure.matches(v) for v in allowed[key]):
                continue
            name = msg("OPS612.campaign") if key == "gmv" else msg("OPS612.metric", label=metric_label(key), key=key)
            known = listing([said_number(v) for v in sorted(set(allowed[key]))]) or msg("OPS612.not_set")
            yield loc.finding(
                "OPS612",
                path,
                msg("OPS612", field=format_path(path), label=label, figure=figure.text, name=name, known=known),
                msg("OPS612.hint", key=key),
            )
            break


# 预算 or "budget" in any case: each branch starts with a character (b or B, not the word under IGNORECASE), so a search
# skips to those characters, as textutil's PLACEHOLDER does (0.65 -> 0.1 ms over an English example's texts)
_BUDGET_WORD = re.compile(r"预算|[Bb](?i:udget)")
BUDGET_FIGURE_FLOOR = (
    10_000  # smaller sums next to "budget" are a customer's budget ("a CNY 300 budget"), not the plan's
)


def budget_values(plan: Plan) -> list[float]:
    """Return every budget figure the plan computes: total, lines, monthly amounts, payroll, channel spend."""
    budget, team = plan.budget, plan.team
    values = [budget.total, budget.monthly_total, team.monthly_payroll, team.period_payroll]
    values += [v for line in budget.items for v in (line.amount, line.monthly)]
    values += [v for c in budget.channels for v in (c.monthly_spend, c.period_spend) if v is not None]
    return values


def check_budget_text(loc: Locator, plan: Plan, prose: list[tuple[PathKey, str]]) -> Iterator[Finding]:
    """OPS908: a money figure next to 预算 / budget (12 characters either side, one clause) not in the budget."""
    allowed = budget_values(plan)
    for path, text in prose:
        if "预算" not in text and "udget" not in text.lower():  # what a match needs: most texts skipped 5× faster
            continue
        for word in _BUDGET_WORD.finditer(text):
            before = _CLAUSE_END.split(text[max(0, word.start() - 12) : word.start()])[-1]
            after = _CLAUSE_END.split(text[word.end() : word.end() + 12])[0]
            said = [f for f in figures(before) + figures(after) if f.money and f.value >= BUDGET_FIGURE_FLOOR]
            wrong = [f for f in said if not any(f.matches(v) for v in allowed)]
            if wrong:
                shown = {"figure": wrong[0].text, "word": word.group(0), "value": said_number(wrong[0].value)}
                total = said_number(plan.budget.total)
                yield loc.finding(
                    "OPS908", path, msg("OPS908", field=format_path(path), **shown, total=total), msg("OPS908.hint")
                )
                break


# our own presets, read with libyaml where present
_PRESET_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# in a preset's shop block, the entries that name the shop: ``name`` and ``aliases``, with any lines under them
_NAME_ENTRY = re.compile(r"^  (?:name|aliases):.*+\n(?:(?: {3}|  - ).*+\n)*+", re.M)  # possessive: linear


def shop_block(path: Path) -> str | None:
    """Return a preset's top-level ``shop:`` block (its line and the indented lines under it), reading no further.

    The presets' shop blocks start within their first lines; the rest of a preset (40 KB) is not read.
    """
    block: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if block and line.startswith("  ") and line.endswith("\n"):
                block.append(line)
            elif len(block) > 1:
                break
            else:
                block = [line] if line == "shop:\n" else []
    return "".join(block) if len(block) > 1 else None


@functools.cache
def preset_shop_names() -> dict[str, tuple[str, str]]:
    """Return every preset's shop name and short names (both languages) → (the preset's kind, its shop name)."""
    from opsplan.presets import LOCALES, preset_names, preset_path

    kinds, entries = [], []
    for kind in preset_names():
        for locale in LOCALES:
            path = preset_path(kind, locale)
            block = None if path is None else shop_block(path)
            kinds.append(kind)
            entries.append("".join(_NAME_ENTRY.findall(block)) if block else "")
    # the entries of every preset in one document, each under its own key: one parse, not ten (0.3 -> 0.15 ms)
    shops = yaml.load("".join(f"p{n}:\n{text}" for n, text in enumerate(entries)), Loader=_PRESET_LOADER) or {}
    names: dict[str, tuple[str, str]] = {}
    for n, kind in enumerate(kinds):
        shop = shops.get(f"p{n}")
        if not isinstance(shop, dict) or not isinstance(shop.get("name"), str):
            continue
        name = shop["name"].strip()
        for alias in [name, *(str(a).strip() for a in shop.get("aliases") or [])]:
            names[alias] = (kind, name)
    return names


def check_leftover_names(loc: Locator) -> Iterator[Finding]:
    """OPS204: a preset's shop name or short name in the text of a profile for another shop."""
    own = loc.profile.shop.name.strip()
    competitors = [c.name for c in loc.profile.market.competitors]
    foreign = {
        name: kind
        for name, (kind, full) in preset_shop_names().items()
        if full != own and name not in own and own not in name and not any(name in c or c in name for c in competitors)
    }
    read = [
        (path, text)
        for path, text in loc.strings
        if path[:2] not in (("shop", "name"), ("shop", "aliases"), ("market", "competitors"))
    ]
    # the names found anywhere in the texts, in their order: most profiles name none, found in one pass over them all
    # (a pattern of the twenty names took longer to compile than the pass)
    joined = "\n".join(text for _, text in read)
    named = [name for name in foreign if name in joined]
    for path, text in read if named else ():
        name = next((n for n in named if n in text), None)
        if name is not None:
            said = msg("OPS204", field=format_path(path), name=name, kind=foreign[name], own=loc.said(own))
            yield loc.finding("OPS204", path, said, msg("OPS204.hint"))


def check_text_rules(loc: Locator, plan: Plan) -> list[Finding]:
    """Run the text rules on the profile and its computed plan."""
    prose = texts(loc)
    return [*check_metric_text(loc, plan, prose), *check_budget_text(loc, plan, prose), *check_leftover_names(loc)]
