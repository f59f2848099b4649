"""The skeleton ``opsplan new`` writes: the structure of a plan kind with the shop's own answers in place.

It starts from the kind's preset and keeps what belongs to the kind: chapters, funnel stages and rates,
channels, content pillars and formats, budget lines and shares, roles and their cost, phases and tasks,
risk titles and scores, campaigns. Everything that belongs to the example shop is left to the user:

* its prose (positioning, strategies, duties, routines, mitigations …) is written empty under a one-line
  guide comment in the profile's language (``skeleton_guides.GUIDES``); a horizon's focus starts as a
  neutral sentence made of references (月GMV从${baseline.monthly_gmv}到${goals.short.monthly_gmv});
* its figures: the metrics are the kind's headline ones (GMV first, up to four) and the average order
  value; their values today and targets, the budget total and the headcounts come from the answers
  (``Answers``), and each one not given is a ``NumberGap``: written empty under a guide comment, a
  ``placeholder`` finding for ``check``, and in a draft the kind's figure stands in (``number_stand_ins``);
* its market figures, rivals, suppliers, notes and milestone targets are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from opsplan.metrics import CATALOGUE, Direction, MetricKind
from opsplan.profile import Platform, Profile
from opsplan.skeleton_guides import FOCUS, GUIDES, LEFT_OUT, METRIC_GUIDES, SECTION_NOTES

MAX_PROBLEMS = 3
HORIZONS = ("short", "mid", "long")
PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Answers:
    """What the user told ``opsplan new``; None leaves the field to fill (or keeps the kind's value for the plan)."""

    shop_name: str | None = None
    platform: Platform | None = None
    category: str | None = None
    audience: str | None = None
    start: dt.date | None = None
    budget_total: float | None = None
    team_size: int | None = None
    metrics: dict[str, tuple[float, float]] = field(default_factory=dict)  # key → (today, short-horizon target)


@dataclass(frozen=True)
class NumberGap:
    """A number the user has not given: written empty under ``guide`` (zh-CN, en); ``value`` stands in for drafts."""

    value: float
    guide: tuple[str, str]

    def say(self, locale: str) -> str:
        """Return the guide comment in ``locale``."""
        return self.guide[0 if locale.startswith("zh") else 1]


def guide(model: str, key: str, locale: str) -> str | None:
    """Return the guide comment of a field left to fill, in ``locale`` (None if the field is not one)."""
    pair = GUIDES.get((model, key))
    return None if pair is None else pair[0 if locale.startswith("zh") else 1]


def section_note(key: str, locale: str) -> str | None:
    """Return the comment above top-level ``key`` in ``locale``."""
    pair = SECTION_NOTES.get(key)
    return None if pair is None else pair[0 if locale.startswith("zh") else 1]


def skeleton_metrics(preset: Profile) -> list[str]:
    """Return the metrics a skeleton of ``preset`` plans (and the wizard asks about).

    The headline ones (GMV first, up to four), then ``aov`` (the funnel needs it), then any the kind's
    structural text refers to (a task named after ``${goals.short.partner_stores}``).
    """
    from opsplan.plan.headline import headline_keys

    keys = headline_keys(preset)
    if "aov" in preset.baseline or "aov" in preset.goals.short.targets:
        keys.append("aov")
    data = preset.model_dump(mode="json", exclude_defaults=True)
    _blank(Profile, data)
    return list(dict.fromkeys(keys + _referenced_metrics(data)))


def skeleton_data(preset: Profile, answers: Answers) -> dict[str, Any]:
    """Return the skeleton's data: ``preset``'s structure, the answers in place, prose None, other numbers gaps."""
    data = preset.model_dump(mode="json", exclude_defaults=True)
    data["plan"].update(locale=preset.plan.locale, currency=preset.plan.currency)
    data["problems"] = data.get("problems", [])[:MAX_PROBLEMS]
    _blank(Profile, data)
    metrics = skeleton_metrics(preset)
    _keep_metrics(data, metrics)
    shop = data["shop"]
    shop.setdefault("audience", {}).setdefault("traits", None)
    for key, value in (("name", answers.shop_name), ("category", answers.category)):
        if value is not None:
            shop[key] = value
    if answers.platform is not None:
        shop["platform"] = answers.platform.value
    if answers.audience is not None:
        shop.setdefault("audience", {})["traits"] = [answers.audience]
    if answers.start is not None:
        data["plan"]["start"] = answers.start.isoformat()
    _tame_growth(data, preset, skip=set(answers.metrics))
    for key, (today, target) in answers.metrics.items():
        _set_metric(data, key, today, target)
    _focus(data, metrics)
    _leave_numbers(data, answers, [key for key in metrics if key not in answers.metrics])
    return data


def _referenced_metrics(data: Any) -> list[str]:
    """Return the metrics the text kept in ``data`` refers to (``${goals.short.partner_stores}`` in a task name)."""
    if isinstance(data, str):
        return [m for m in _METRIC_REFERENCE.findall(data) if m in CATALOGUE]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [key for value in values for key in _referenced_metrics(value)]


_METRIC_REFERENCE = re.compile(r"\$\{(?:baseline|goals\.\w+|kpis|growth|trajectory)\.(\w+)")


def _keep_metrics(data: dict[str, Any], keys: list[str]) -> None:
    """Keep only metrics ``keys`` in the baseline, the goals, the KPIs, the milestones and the problems."""
    data["baseline"] = {k: v for k, v in data.get("baseline", {}).items() if k in keys}
    for horizon in _horizons(data):
        horizon["targets"] = {k: v for k, v in horizon.get("targets", {}).items() if k in keys}
    kpis = [kpi for kpi in data.get("kpis", []) if kpi.get("metric") in keys]
    data["kpis"] = [{k: v for k, v in kpi.items() if k != "target"} for kpi in kpis]  # the goals set the targets
    for milestone in data.get("timeline", {}).get("milestones", []):
        if "kpis" in milestone:
            milestone["kpis"] = [k for k in milestone["kpis"] if k in keys]
    for problem in data.get("problems", []):
        if problem.get("metric") not in keys:
            problem.pop("metric", None)


def _focus(data: dict[str, Any], keys: list[str]) -> None:
    """Start each horizon's focus as a sentence of references: the lead metric from the previous anchor to it."""
    locale = data["plan"]["locale"]
    before = ("baseline", data.get("baseline", {}))
    for name in HORIZONS:
        horizon = data["goals"].get(name)
        if not isinstance(horizon, dict):
            continue
        targets = horizon.get("targets", {})
        lead = next((k for k in keys if k in targets and k in before[1]), None)
        if lead is not None:
            sentence = FOCUS[0 if locale.startswith("zh") else 1]
            horizon["focus"] = sentence.format(
                label=CATALOGUE[lead].label(locale), start=f"{before[0]}.{lead}", end=f"goals.{name}.{lead}"
            )
        before = (f"goals.{name}", targets)


def _leave_numbers(data: dict[str, Any], answers: Answers, keys: list[str]) -> None:
    """Turn the numbers the user has not given (metrics ``keys``, budget, headcounts) into ``NumberGap``s."""
    zh_en = ("zh-CN", "en")
    for key in keys:
        labels = [CATALOGUE[key].label(lang) for lang in zh_en]
        if key in data.get("baseline", {}):
            guide = tuple(g.format(label=label) for g, label in zip(METRIC_GUIDES["baseline"], labels, strict=True))
            data["baseline"][key] = NumberGap(data["baseline"][key], guide)  # type: ignore[arg-type]
        for horizon in _horizons(data):
            if key in horizon.get("targets", {}):
                months = horizon["months"]
                pair = zip(METRIC_GUIDES["target"], labels, strict=True)
                guide = tuple(g.format(label=label, months=months) for g, label in pair)
                horizon["targets"][key] = NumberGap(horizon["targets"][key], guide)  # type: ignore[arg-type]
    if answers.budget_total is None:
        data["budget"]["total"] = NumberGap(data["budget"]["total"], GUIDES[("Budget", "total")])
    else:
        data["budget"]["total"] = answers.budget_total
    if answers.team_size is None:
        for role in data.get("team", []):
            role["count"] = NumberGap(role.get("count", 0), GUIDES[("Role", "count")])
    else:
        _set_team_size(data.get("team", []), answers.team_size)


def number_gaps(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, NumberGap]]:
    """Yield every ``NumberGap`` in skeleton ``data`` with its path."""
    if isinstance(data, NumberGap):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from number_gaps(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from number_gaps(value, (*path, index))


def number_stand_ins(profile_data: Any) -> Mapping[PathKey, float]:
    """Return the figures that stand in for a skeleton's empty numbers, by path, from its ``plan.kind`` and locale.

    They are the kind's own figures (growth tamed as in the skeleton), so a draft computes; ``check``
    still reports each empty number. A profile of no preset kind has none.
    """
    plan = profile_data.get("plan") if isinstance(profile_data, dict) else None
    kind = plan.get("kind") if isinstance(plan, dict) else None
    locale = plan.get("locale", "zh-CN") if isinstance(plan, dict) else None
    if not isinstance(kind, str) or not isinstance(locale, str):
        return {}
    return _stand_ins(kind, locale)


@functools.lru_cache(maxsize=16)
def _stand_ins(kind: str, locale: str) -> Mapping[PathKey, float]:
    from opsplan.presets import preset_path
    from opsplan.scaffold import load_preset

    if preset_path(kind, locale) is None:
        return {}
    data = skeleton_data(load_preset(kind, locale), Answers())
    return {path: gap.value for path, gap in number_gaps(data)}


def _horizons(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [h for h in (data["goals"].get(n) for n in HORIZONS) if isinstance(h, dict)]


def _tame_growth(data: dict[str, Any], preset: Profile, skip: set[str]) -> None:
    """Lower the kind's rising count and money targets to what the plausibility ceilings allow.

    The kinds' worked examples aim high; a skeleton's defaults should pass ``check --strict`` once its
    prose is written, so each horizon's target is at most the previous anchor × (1 + 95% of the ceiling)^months.
    """
    ceilings = preset.plausibility
    baseline = data.get("baseline", {})
    horizons = _horizons(data)
    for key, start in baseline.items():
        metric = CATALOGUE[key]
        if (
            key in skip
            or metric.kind not in (MetricKind.COUNT, MetricKind.MONEY)
            or metric.direction is not Direction.UP
        ):
            continue
        ceiling = 0.95 * (ceilings.count_growth if metric.kind is MetricKind.COUNT else ceilings.money_growth)
        value, month = float(start), 0
        for horizon in horizons:
            target = horizon.get("targets", {}).get(key)
            if target is None or value <= 0:
                continue
            allowed = value * (1 + ceiling) ** (horizon["months"] - month)
            if target > allowed:
                horizon["targets"][key] = float(math.floor(allowed))
            value, month = horizon["targets"][key], horizon["months"]


def _blank(model: Any, data: dict[str, Any]) -> None:
    """Set the guided fields of ``data`` (of ``model``) to None and drop the left-out ones, all the way down."""
    from opsplan.scaffold import is_model, unwrap

    for key in list(data):
        name = model.__name__
        if (name, key) in LEFT_OUT:
            del data[key]
            continue
        if (name, key) in GUIDES and not isinstance(data[key], int | float):
            data[key] = None
            continue
        info = model.model_fields.get(key)
        if info is None:
            continue
        annotation = unwrap(info.annotation)
        value = data[key]
        if is_model(annotation) and isinstance(value, dict):
            _blank(annotation, value)
        elif isinstance(value, list):
            item = unwrap(next(iter(getattr(annotation, "__args__", ())), None))
            if is_model(item):
                for element in value:
                    _blank(item, element)


def _set_team_size(roles: list[dict[str, Any]], size: int) -> None:
    """Spread ``size`` people over ``roles`` in proportion to the kind's headcounts (largest remainder)."""
    counts = [int(role.get("count", 0)) for role in roles]
    total = sum(counts)
    if not roles or total == size:
        return
    if total == 0:
        counts, total = [1] * len(roles), len(roles)
    exact = [size * c / total for c in counts]
    whole = [int(x) for x in exact]
    order = sorted(range(len(roles)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[: size - sum(whole)]:
        whole[i] += 1
    for role, count in zip(roles, whole, strict=True):
        role["count"] = count


def _set_metric(data: dict[str, Any], key: str, today: float, target: float) -> None:
    """Put ``today`` in the baseline and ``target`` at the first horizon; later targets keep the kind's ratio.

    A metric the first horizon does not target (``target`` is then ignored) scales its later targets by
    ``today`` against the kind's value today.
    """
    kind_today = data.setdefault("baseline", {}).get(key)
    data["baseline"][key] = _tidy(key, today)
    horizons = _horizons(data)
    first = horizons[0].get("targets", {}).get(key) if horizons else None
    factor = target / first if first else today / kind_today if kind_today else 1.0
    for horizon in horizons:
        targets = horizon.get("targets", {})
        if key in targets:
            targets[key] = _tidy(key, targets[key] * factor)
    for milestone in data.get("timeline", {}).get("milestones", []):
        if key in milestone.get("targets", {}):
            milestone["targets"][key] = _tidy(key, milestone["targets"][key] * factor)
    for kpi in data.get("kpis", []):
        if kpi.get("metric") == key and kpi.get("target") is not None:
            kpi["target"] = _tidy(key, kpi["target"] * factor)
    if horizons and key in horizons[0].get("targets", {}):
        horizons[0]["targets"][key] = _tidy(key, target)


def _tidy(key: str, value: float) -> float:
    """Round a metric value as it is written: counts and money whole, rates to 4 places and at most 1."""
    metric = CATALOGUE[key]
    if metric.kind is MetricKind.RATE:
        return round(min(value, 1.0), 4)
    if metric.kind in (MetricKind.COUNT, MetricKind.MONEY):
        return float(round(value))
    return round(value, 4)


def prose_chars(data: Any, model: Any = Profile) -> int:
    """Return the characters of free text in raw profile ``data``: every value of a ``Text`` field, gaps excluded.

    ``Text`` fields are the names, titles, sentences and list items a person writes (not ids, metric keys,
    dates or enums): the measure of how much of a plan a profile already says (bench/bench_skeleton.py).
    """
    total = 0
    for key, value in data.items() if isinstance(data, dict) else ():
        info = model.model_fields.get(key)
        if info is not None:
            total += _prose_in(value, info.annotation, _is_text(info.metadata))
    return total


def _prose_in(value: Any, annotation: Any, text: bool) -> int:
    from opsplan.gaps import is_gap
    from opsplan.scaffold import is_model, unwrap

    inner = unwrap(annotation)
    if isinstance(value, str):
        return len(value) if text and not is_gap(value) else 0
    if isinstance(value, dict):
        if is_model(inner):
            return prose_chars(value, inner)
        args = typing.get_args(inner)
        return sum(_prose_in(v, args[1], False) for v in value.values()) if len(args) == 2 else 0
    if isinstance(value, list) and typing.get_origin(inner) is list:
        item = typing.get_args(inner)[0]
        marked = _is_text([getattr(a, "metadata", ()) for a in typing.get_args(item)[1:]])
        return sum(_prose_in(element, item, marked) for element in value)
    return 0


def _is_text(metadata: Any) -> bool:
    """Return whether field ``metadata`` is that of ``Text`` (the only type capped at 20,000 characters)."""
    flat = [m for group in metadata for m in (group if isinstance(group, list | tuple) else [group])]
    return any(getattr(m, "max_length", None) == 20_000 for m in flat)
