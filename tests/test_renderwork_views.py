"""The chapter views hold the plan's own models (``views.plain.own_fields``); templates see the same plain data.

``plain`` converts a model, list or mapping once however many views hold it, so a view that holds the plan's
own parts instead of ``fields_of``'s dumped copies converts faster. What the templates see must not change:
``plain`` of each is ``plain`` of the other, key for key, type for type, for every model of every example's plan,
and the timeline view's Gantt charts are the ones the deck draws (``gantt_charts``, dumped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from opsplan.load import load_profile
from opsplan.modelkit import BaseModel
from opsplan.plan import build_plan
from opsplan.render.views.management import gantt_charts
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
