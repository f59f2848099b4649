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
_AS_IS = frozenset({type(None), str, Markup, *SCALARS})  # returned as they are (not their subclasses)
_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}  # a model class's field names, in their order


def plain(value: Any) -> Any:
    """Return ``value`` as plain data: dict/list/str/int/float/bool/date/None (and ``Markup``).

    The values that are plain already, most of a plan, are taken as they are where they are met, without a call
    each (converting a plan was about a third of the time its template context took).
    """
    kind = type(value)
    if kind in _AS_IS:
        return value
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, BaseModel):
        fields = _FIELDS.get(kind) or _FIELDS.setdefault(kind, tuple(kind.model_fields))
        data = vars(value)
        return {name: v if type(v := data[name]) in _AS_IS else plain(v) for name in fields}
    if isinstance(value, dict):
        return {str(plain(key)): v if type(v) in _AS_IS else plain(v) for key, v in value.items()}
    if isinstance(value, list | tuple):
        return [v if type(v) in _AS_IS else plain(v) for v in value]
    if isinstance(value, MonthDay | FestivalDay):  # a campaign's day every year: "05-13", "七夕-9"
        return str(value)
    for plain_kind in (str, bool, int, float):  # subclasses become the plain type
        if isinstance(value, plain_kind):
            return plain_kind(value)
    raise TypeError(f"no plain form for {type(value).__name__}; templates receive plain data only")
