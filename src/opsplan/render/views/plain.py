"""Plain data for templates: models become dicts, enums their values, tuples lists; nothing with methods.

``plain(value)`` is the one conversion from the computed plan (pydantic models) to what templates see.
Anything it does not know is a programming error here, not something passed on to a template.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from opsplan.monthday import FestivalDay, MonthDay

SCALARS = (bool, int, float, dt.date)


def plain(value: Any) -> Any:
    """Return ``value`` as plain data: dict/list/str/int/float/bool/date/None (and ``Markup``)."""
    if value is None or type(value) in (str, Markup) or type(value) in SCALARS:
        return value
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, dict):
        return {str(plain(key)): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, MonthDay | FestivalDay):  # a campaign's day every year: "05-13", "七夕-9"
        return str(value)
    for kind in (str, bool, int, float):  # subclasses become the plain type
        if isinstance(value, kind):
            return kind(value)
    raise TypeError(f"no plain form for {type(value).__name__}; templates receive plain data only")
