"""``views.plain.fields_of`` gives a model's fields as ``model_dump()`` does, for every model of every example's plan.

The chapter views read their models' fields with it instead of pydantic-core's serializer, whose first call in a
process imports ``uuid`` and ``platform``; what the templates and the Gantt writers see must not change: the same
keys in the same order, values of the same types, nested models as dicts, campaign days as text.

The views hold the plan's own models (``own_fields``), which ``plain`` converts once however many views hold
them; ``plain`` of each is ``plain`` of ``fields_of``'s copies, key for key, type for type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from opsplan.load import load_profile
from opsplan.modelkit import BaseModel
from opsplan.monthday import MonthDay
from opsplan.plan import build_plan
from opsplan.render.views.management import WHOLE_GANTT, gantt_charts
from opsplan.render.views.plain import fields_of, own_fields, plain

EXAMPLES = sorted(
    p for p in (Path(__file__).resolve().parents[1] / "examples").glob("*.yaml") if "actuals" not in p.name
)


def _typed(value: Any) -> Any:
    """``value`` with the type of every part beside it, so that 1 and 1.0, a tuple and a list, differ."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [_typed(v) for v in value])
    return (type(value).__name__, value)


def _models(value: Any, found: dict[int, BaseModel]) -> None:
    if isinstance(value, BaseModel):
        if id(value) in found:
            return
        found[id(value)] = value
        value = list(vars(value).values())
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple):
        for item in value:
            _models(item, found)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_fields_of_every_model_in_a_plan_are_its_model_dump(example: Path) -> None:
    plan = build_plan(load_profile(example))
    found: dict[int, BaseModel] = {}
    _models(plan, found)
    kinds = {type(model).__name__ for model in found.values()}
    assert {"Gantt", "RiskRow", "CampaignRow"} <= kinds
    for model in found.values():
        assert _typed(fields_of(model)) == _typed(model.model_dump()), type(model).__name__
    whole = plan.gantt.model_dump(include=set(WHOLE_GANTT))
    chart = gantt_charts(plan)[0]
    if chart["kind"] == "all":
        assert _typed({k: v for k, v in chart.items() if k in WHOLE_GANTT}) == _typed(whole)


def test_a_campaign_day_is_its_text_and_an_excluded_field_is_left_out() -> None:
    class Day(BaseModel):
        day: MonthDay
        days: list[MonthDay]

    class Holder(BaseModel):
        inner: Day

    day = MonthDay(5, 13)
    held = Holder(inner=Day(day=day, days=[day]))
    assert fields_of(held) == held.model_dump() == {"inner": {"day": "05-13", "days": ["05-13"]}}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_plain_data_of_a_models_own_fields_is_that_of_its_dump(example: Path) -> None:
    plan = build_plan(load_profile(example))
    found: dict[int, BaseModel] = {}
    _models(plan, found)
    for model in found.values():
        assert _typed(plain(own_fields(model), {})) == _typed(plain(fields_of(model), {})), type(model).__name__
    shared: dict[int, tuple[Any, Any]] = {}
    plain(plan.gantt, shared)  # as the timeline view converts the whole Gantt first
    own = plain(gantt_charts(plan, dumped=False), shared)
    assert _typed(own) == _typed(plain(gantt_charts(plan), {}))


def test_a_text_key_is_its_own_plain_form_and_others_become_text() -> None:
    from enum import StrEnum

    class Level(StrEnum):
        HIGH = "high"

    assert plain({"a": 1, Level.HIGH: 2, 3: [4]}) == {"a": 1, "high": 2, "3": [4]}
