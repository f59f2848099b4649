"""Shared pieces of the plan model: the immutable base class, the small literal types, a change and its ratio."""

from __future__ import annotations

from typing import Literal, TypeVar

from opsplan.modelkit import BaseModel, ConfigDict

HorizonName = Literal["short", "mid", "long"]
RiskLevel = Literal["high", "medium", "low"]
Severity = Literal["error", "warning"]


def horizon_name(name: str) -> HorizonName:
    """Return ``name`` as a ``HorizonName`` (the profile's horizons are short, mid and long)."""
    if name == "short":
        return "short"
    if name == "mid":
        return "mid"
    if name == "long":
        return "long"
    raise ValueError(f"unknown horizon {name!r}")


class Frozen(BaseModel):
    """Base of every plan model: immutable, no unknown fields."""

    # built by ``opsplan.prepared_models.install`` once every class of a family exists, from the wheel's schemas
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


M = TypeVar("M", bound=Frozen)


def copied(model: type[M], source: object, **computed: object) -> M:
    """Return a ``model``: the ``computed`` fields as given, every other one from ``source``'s attribute of its name."""
    taken = {name: getattr(source, name) for name in model.model_fields if name not in computed}
    return model(**taken, **computed)


def change(value: float, reference: float | None) -> tuple[float | None, float | None]:
    """Return ``value − reference`` and its ``relative`` size: a target's uplift, an actual's variance.

    Both are None without a reference; the relative size is None when the reference is 0.
    """
    difference = None if reference is None else value - reference
    return difference, relative(difference, reference)


def relative(difference: float | None, reference: float | None) -> float | None:
    """Return ``difference / reference``; None when either is missing or the reference is 0."""
    if difference is None or not reference:
        return None
    return difference / reference
