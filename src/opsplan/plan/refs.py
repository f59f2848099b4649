"""References in a profile's text: ``${budget.total}`` becomes 600万元 (zh-CN) or CNY 6.0M (en).

Syntax, in any text field of a profile:

* ``${name}`` inserts the value ``name`` (see ``opsplan.plan.reftable``), formatted for the plan's
  locale exactly as the plan's tables format it;
* ``${name:full}`` writes money and counts in full (6,000,000元), ``${name:short}`` a date without its
  year (5月13日 / 13 May), ``${name:iso}`` a date as 2027-05-13;
* ``$${`` writes a literal ``${``.

A text value that itself holds references (``shop.name: ${budget.total}花店``, ``$${x}``) is resolved where it
is inserted, as its own field is, so ``${shop.name}`` in a title never brings a raw ``${`` or ``$${`` along; a
text that refers back to itself (shop.name → shop.category → shop.name) is an ``unknown-reference`` finding
naming the loop, and stays as written.

Nothing else is interpreted: a name is looked up in a table of values, never evaluated. A name that
is not in the table stays as written and becomes an ``unknown-reference`` finding naming the field and
the closest known name; ``opsplan render`` refuses such a profile and ``opsplan check`` reports it. A
campaign the profile lists but the plan leaves out (no day in the window), or a campaign's GMV the plan
does not know, is said as such rather than matched to another campaign's name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, NamedTuple, TypeVar

from opsplan.formatting import (
    age_band,
    count,
    date,
    duration,
    metric_value,
    money,
    number,
    percent,
    ratio,
    text_list,
)
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.modelkit import BaseModel
from opsplan.plan.calendar import RETAIL_NAMES, campaign_days, runs_in_window, same_event
from opsplan.plan.dates import goals_window
from opsplan.plan.messages import emsg, horizon_term, joined
from opsplan.plan.model import CampaignRow, EngineFinding
from opsplan.plan.reftable import Table, Value
from opsplan.profile import Profile

_TOKEN = re.compile(r"\$\$\{|\$\{([^{}\n]*)\}|\$\{")
OPTIONS = {"full": ("money", "count"), "short": ("date",), "iso": ("date",)}

T = TypeVar("T")
Path = tuple[str | int, ...]
RETAIL_CAMPAIGNS = frozenset(RETAIL_NAMES) | {name for names in RETAIL_NAMES.values() for name in names}


class LeftOut(NamedTuple):
    """Campaigns a reference can name that the plan has not got: name → (message key, what it says)."""

    said: Mapping[str, tuple[str, Mapping[str, str]]]


def campaigns_left_out(
    profile: Profile, rows: Sequence[CampaignRow], last: dt.date, said: Callable[[str], str]
) -> LeftOut:
    """Say why each campaign a reference may name is missing from the plan's ``rows``.

    The profile's campaigns with no run in the goals' window, and the retail calendar's dates (by key and by
    name) that are off, outside the window (``last``: its end for retail dates) or taken over by a profile
    campaign of the same event. A profile campaign is keyed and named as the plan says it, ``said(name)`` (a
    reference names ``花间周年庆``, never ``${shop.name}周年庆``; see ``opsplan.plan.refnames``).
    """
    first, end = goals_window(profile)
    placed = {row.key for row in rows if row.key}
    zh = profile.plan.locale.startswith("zh")
    reasons: dict[str, tuple[str, Mapping[str, str]]] = {}
    for key, names in RETAIL_NAMES.items():
        if key in placed:
            continue
        shown = names[0] if zh else names[1]
        by = next((row.name for row in rows if row.source == "profile" and same_event(key, row.name)), None)
        if by is not None:
            reason: tuple[str, Mapping[str, str]] = ("ref.retail_replaced", {"campaign": shown, "by": said(by)})
        elif not profile.plan.retail_calendar:
            reason = ("ref.retail_off", {"campaign": shown})
        else:
            reason = ("ref.retail_outside", {"campaign": shown, "window": f"{first.isoformat()} – {last.isoformat()}"})
        reasons |= dict.fromkeys((key, *names), reason)
    window = f"{first.isoformat()} – {end.isoformat()}"
    for campaign in profile.campaigns:
        if not runs_in_window(campaign, first, end):
            name, when = said(campaign.name), campaign_days(campaign)
            reasons[name] = ("ref.campaign_outside", {"campaign": name, "when": when, "window": window})
    return LeftOut(reasons)


class Problem(NamedTuple):
    """A reference that cannot be resolved: what to say, and the fields whose own text holds it."""

    message: str
    fields: frozenset[str]


class TextResolver:
    """Resolves references in text against one plan's table, remembering what it changed and what it could not."""

    def __init__(self, table: Table, locale: str, currency: str, left_out: LeftOut | None = None) -> None:
        self.table = table
        self.locale = locale
        self.currency = currency
        self.left_out = left_out or LeftOut({})
        self.resolved: dict[str, str] = {}
        self.findings: list[EngineFinding] = []

    def text(self, raw: str, path: Path) -> str:
        """Return ``raw`` with its references replaced; report each one that cannot be resolved.

        A problem inside a text value it inserts (``${shop.name}`` whose own text names nothing) leaves ``raw``
        as written but is reported by that value's own field only, unless the loop runs through this field.
        """
        if "${" not in raw:
            return raw
        own = format_path(path)
        out, problems = self._substitute(raw, (own,))
        for problem in problems:
            if own in problem.fields:
                self.findings.append(
                    EngineFinding(code="unknown-reference", severity="error", path=own, message=problem.message)
                )
        if not problems:
            self.resolved[raw] = out
        return out

    def _substitute(self, raw: str, inside: tuple[str, ...]) -> tuple[str, list[Problem]]:
        """Return ``raw`` with its references replaced and the problems met.

        ``inside``: the field being resolved, then the text values being inserted into it, outermost first.
        """
        problems: list[Problem] = []

        def replace(match: re.Match[str]) -> str:
            token = match.group(0)
            if token == "$${":
                return "${"
            if match.group(1) is None:
                problems.append(Problem(emsg("ref.unclosed"), frozenset(inside[-1:])))
                return token
            shown, problem = self._value(match.group(1), inside)
            if problem is not None:
                problems.append(problem)
                return token
            return shown

        return _TOKEN.sub(replace, raw), problems

    def value(self, body: str) -> tuple[str, str]:
        """Return the formatted value a reference body names, or ``("", problem)``."""
        shown, problem = self._value(body, ())
        return shown, "" if problem is None else problem.message

    def _value(self, body: str, inside: tuple[str, ...]) -> tuple[str, Problem | None]:
        here = frozenset(inside[-1:])
        name, option = body.strip(), ""
        head, colon, tail = name.rpartition(":")
        if colon and tail.strip() in OPTIONS:
            name, option = head.strip(), tail.strip()
        name = ".".join(part.strip() for part in name.split("."))
        found = self.table.get(name)
        if found is None:
            return "", Problem(unknown_message(name, self.table, self.left_out), here)
        kind = _kind(found)
        if option and kind not in OPTIONS[option]:
            message = emsg("ref.option", body=body.strip(), option=option, kinds=joined(list(OPTIONS[option]), "and"))
            return "", Problem(message, here)
        if kind in ("text", "list"):
            expanded, problem = self._expanded(name, found, inside)
            if problem is not None:
                return "", problem
            found = expanded
        return self.format(found, option), None

    def _expanded(self, name: str, found: Value, inside: tuple[str, ...]) -> tuple[Value, Problem | None]:
        """Return a text value with the references it holds resolved, or the first problem (a loop, a bad name)."""
        texts = [str(found.value)] if found.kind == "text" else [str(text) for text in found.value]
        if not any("${" in text for text in texts):
            return found, None
        if name in inside:
            loop = inside[inside.index(name) :]
            cycle = " → ".join(f"${{{n}}}" for n in (*loop, name))
            return found, Problem(emsg("ref.cycle", name=name, cycle=cycle), frozenset(loop))
        out: list[str] = []
        for text in texts:
            shown, problems = self._substitute(text, (*inside, name))
            if problems:
                return found, problems[0]
            out.append(shown)
        return found._replace(value=out[0] if found.kind == "text" else out), None

    def format(self, found: Value, option: str) -> str:
        """Format ``found`` for the locale as the plan's tables do (``option``: full, short or iso)."""
        loc, kind, value = self.locale, found.kind, found.value
        full = option == "full"
        if kind == "metric":
            metric_kind = CATALOGUE[found.metric].kind
            if full and metric_kind is MetricKind.MONEY:
                return money(loc, value, self.currency, full=True)
            if full and metric_kind is MetricKind.COUNT:
                return count(loc, value, full=True)
            return metric_value(loc, value, found.metric, self.currency)
        if kind == "text":
            return str(value)
        if kind == "age":
            return age_band(loc, str(value))
        if kind == "list":
            return text_list(loc, [str(v) for v in value])
        if kind == "date":
            return date(loc, value, option or "long")
        if kind == "money":
            return money(loc, value, self.currency, full)
        if kind == "count":
            return count(loc, value, full)
        if kind == "duration":
            return duration(loc, value, found.unit or "days")
        return {"percent": percent, "number": number, "ratio": ratio}[kind](loc, value)


def _kind(found: Value) -> str:
    """Return the kind an option is checked against: a metric counts as its catalogue kind."""
    if found.kind != "metric":
        return found.kind
    return {MetricKind.MONEY: "money", MetricKind.COUNT: "count"}.get(CATALOGUE[found.metric].kind, "metric")


def unknown_message(name: str, table: Table, left_out: LeftOut | None = None) -> str:
    """Say that ``name`` is not a known reference, with the closest known name if there is one.

    A campaign of the profile that the plan leaves out, or a campaign's GMV the plan has not got, is said as
    such: the closest name would be another campaign's, or another field of this one.
    """
    said = _campaign_message(name, table, left_out or LeftOut({})) or _horizon_message(name, table)
    if said:
        return said
    from difflib import get_close_matches  # only when a name is unknown

    close = get_close_matches(name, list(table), n=1, cutoff=0.6)
    if close:
        return emsg("ref.unknown_close", name=name, close=close[0])
    return emsg("ref.unknown", name=name)


def _campaign_message(name: str, table: Table, left_out: LeftOut) -> str:
    """Say why ``campaigns.<campaign>.<field>`` has no value, when the campaign is known; else ``""``."""
    if not name.startswith("campaigns."):
        return ""
    campaign, _, field = name.removeprefix("campaigns.").rpartition(".")
    placed = f"campaigns.{campaign}.start" in table
    if not placed and campaign in left_out.said:
        key, values = left_out.said[campaign]
        return emsg(key, name=name, field=field, **values)
    if placed and field == "gmv":
        key = "ref.campaign_retail_gmv" if campaign in RETAIL_CAMPAIGNS else "ref.campaign_no_gmv"
        return emsg(key, name=name, campaign=campaign)
    return ""


def _horizon_message(name: str, table: Table) -> str:
    """Say that ``goals.<horizon>.…`` or ``funnel.<horizon>.…`` names a horizon the profile lacks; else ``""``."""
    group, _, rest = name.partition(".")
    horizon = rest.partition(".")[0]
    if group not in ("goals", "funnel") or horizon not in ("short", "mid", "long"):
        return ""
    if any(known.startswith(f"goals.{horizon}.") for known in table):
        return ""
    return emsg("ref.no_horizon", name=name, horizon=horizon_term(horizon), key=horizon)


def format_path(path: Path) -> str:
    """Write a field path as ``timeline.milestones[3].criteria``."""
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def resolve_profile(profile: Profile, resolver: TextResolver) -> Profile:
    """Return ``profile`` with the references in every text field resolved."""
    return map_text(profile, resolver.text)


def swap_text(value: T, resolved: dict[str, str]) -> T:
    """Return ``value`` (a plan part) with every string that was resolved in the profile replaced by its result."""
    if not resolved:
        return value
    return map_text(value, lambda text, _: resolved.get(text, text))


def map_text(value: T, change: Callable[[str, Path], str]) -> T:
    """Return ``value`` with ``change(text, path)`` applied to each string holding ``${``; the rest is reused.

    A plan part holds thousands of numbers, dates and strings without ``${``: those are passed over in the loop over
    their container, without a call each; a container is one call (the walk was about 40 % of building a plan). The
    walk carries a value's path as nested pairs and writes it out only for a string it changes (copying the path
    into a tuple for each container it entered was 15 % of the walks of a plan).
    """
    return _mapped(value, change, None)  # type: ignore[no-any-return]


# the path to a value as nested pairs, the innermost key last: ((None, "risks"), 0) for risks[0]
_Trail = tuple[Any, Any] | None


def _path_of(trail: _Trail) -> Path:
    """Return the path ``trail`` leads to (an enum key as its value)."""
    keys = []
    while trail is not None:
        trail, key = trail
        keys.append(key.value if isinstance(key, Enum) else key)
    return tuple(reversed(keys))


def _mapped(value: Any, change: Callable[[str, Path], str], trail: _Trail) -> Any:
    if isinstance(value, BaseModel):
        entries: Iterable[tuple[Any, Any]] = vars(value).items()
    elif isinstance(value, list):
        entries = enumerate(value)
    elif isinstance(value, dict):
        entries = value.items()
    elif isinstance(value, str) and not isinstance(value, Enum):
        return change(value, _path_of(trail)) if "${" in value else value
    else:
        return value
    changed: dict[Any, Any] = {}
    for key, item in entries:
        kind = type(item)
        if kind is str:
            if "${" not in item:
                continue
            new = change(item, _path_of((trail, key)))
        elif kind in _LEAVES:
            continue
        else:
            new = _mapped(item, change, (trail, key))
        if new is not item:
            changed[key] = new
    if not changed:
        return value
    if isinstance(value, BaseModel):
        return value.model_copy(update=changed)
    if isinstance(value, list):
        return [changed.get(i, item) for i, item in enumerate(value)]
    return {**value, **changed}


_LEAVES = frozenset({int, float, bool, type(None), dt.date})
