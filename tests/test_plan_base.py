"""The plan model's shared helpers: a change against a reference, and a model copied from another's fields."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from opsplan.plan.base import change, copied, relative
from opsplan.plan.headline import HeadlineMilestone


def test_change_is_the_difference_and_its_share_of_the_reference() -> None:
    # 150 − 120 = 30; 30 / 120 = 0.25 (an uplift of +25%, or an actual 25% over plan)
    assert change(150.0, 120.0) == (30.0, 0.25)
    # 90 − 120 = −30; −30 / 120 = −0.25
    assert change(90.0, 120.0) == (-30.0, -0.25)
    assert change(5.0, 0.0) == (5.0, None)  # a reference of 0: the difference, no ratio
    assert change(5.0, None) == (None, None)  # no reference: neither


def test_relative_needs_a_difference_and_a_reference_other_than_zero() -> None:
    assert relative(-20.0, 80.0) == -0.25  # −20 / 80
    assert relative(None, 80.0) is None
    assert relative(10.0, 0.0) is None
    assert relative(10.0, None) is None


def test_copied_takes_each_field_from_the_same_named_attribute_unless_given() -> None:
    source = SimpleNamespace(id="m1", name="Launch", date=dt.date(2027, 3, 1), criteria="live", after=["p.t"])
    milestone = copied(HeadlineMilestone, source)
    assert milestone == HeadlineMilestone(id="m1", name="Launch", date=dt.date(2027, 3, 1), criteria="live")
    assert copied(HeadlineMilestone, source, name="Go-live").name == "Go-live"  # given: not taken from the source
    with pytest.raises(AttributeError):
        copied(HeadlineMilestone, SimpleNamespace(id="m1", name="Launch", date=dt.date(2027, 3, 1)))  # no criteria
