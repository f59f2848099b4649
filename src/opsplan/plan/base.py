"""Shared pieces of the plan model: the immutable base class and the small literal types."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

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

    model_config = ConfigDict(frozen=True, extra="forbid")
