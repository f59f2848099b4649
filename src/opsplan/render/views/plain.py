"""Plain data for templates: models become dicts, enums their values, tuples lists; nothing with methods.

``plain(value)`` is the one conversion from the computed plan (pydantic models) to what templates see.
Anything it does not know is a programming error here, not something passed on to a template.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from markupsafe import Markup

from opsplan.modelkit import BaseModel
from opsplan.monthday import FestivalDay, MonthDay

SCALARS = (bool, int, float, dt.date)
_AS_IS = frozenset({type(None), str, Markup, *SCALARS})  # returned as they are (not their subclasses)
_FIELDS: dict[type, tuple[str, ...]] = {}  # a model class's field names, in their order


def plain(value: Any, done: dict[int, tuple[Any, Any]] | None = None) -> Any:
    """Return ``value`` as plain data: dict/list/str/int/float/bool/date/None (and ``Markup``).

    The values that are plain already, most of a plan, are taken as they are where they are met, without a call
    each (converting a plan was about a third of the time its template context took). ``done``, one dict given to
    every call that builds one context, converts each model, list or mapping once however often it is met, and
    gives the same plain data each time it is met again: the chapters' views hold the plan's own models, which the
    context holds too (1,016 of the 1,768 an example's context converts are met more than once).
    """
    kind = type(value)
    if kind in _AS_IS:
        return value
    if done is None:
        done = {}
    seen = done.get(id(value))
    if seen is not None:
        return seen[1]
    result = _converted(value, kind, done)
    done[id(value)] = (value, result)  # the value is kept, so its id names no other while ``done`` lives
    return result


_MODEL, _MAPPING, _SEQUENCE, _ENUM, _OTHER = range(5)
_KIND_OF: dict[type, int] = {}  # what each type met is, decided once (``isinstance`` of a model asks its ABC)


def _kind_of(kind: type) -> int:
    if issubclass(kind, Enum):
        return _ENUM
    if issubclass(kind, BaseModel):
        return _MODEL
    if issubclass(kind, dict):
        return _MAPPING
    return _SEQUENCE if issubclass(kind, list | tuple) else _OTHER


def _converted(value: Any, kind: type, done: dict[int, tuple[Any, Any]]) -> Any:
    what = _KIND_OF.get(kind)
    if what is None:
        what = _KIND_OF.setdefault(kind, _kind_of(kind))
    if what == _MODEL:
        fields = _FIELDS.get(kind) or _FIELDS.setdefault(kind, tuple(value.__class__.model_fields))
        data = vars(value)
        return {name: v if type(v := data[name]) in _AS_IS else plain(v, done) for name in fields}
    if what == _SEQUENCE:
        return [v if type(v) in _AS_IS else plain(v, done) for v in value]
    if what == _MAPPING:  # a text key (most) is its own plain form: no call for it
        return {
            key if type(key) is str else str(plain(key, done)): v if type(v) in _AS_IS else plain(v, done)
            for key, v in value.items()
        }
    if what == _ENUM:
        return plain(value.value, done)
    if isinstance(value, MonthDay | FestivalDay):  # a campaign's day every year: "05-13", "七夕-9"
        return str(value)
    for plain_kind in (str, bool, int, float):  # subclasses become the plain type
        if isinstance(value, plain_kind):
            return plain_kind(value)
    raise TypeError(f"no plain form for {type(value).__name__}; templates receive plain data only")


def fields_of(model: BaseModel) -> dict[str, Any]:
    """Return ``model``'s fields as ``model.model_dump()`` does: nested models as dicts, the rest as it is.

    What pydantic-core's serializer would do for opsplan's models, read from the instance: a first serialization
    in a process imports ``uuid`` (and ``platform``, 5-6 ms) and pydantic-core's package for its ``MISSING``
    sentinel, which a render of Markdown and DOCX never needs otherwise. A campaign day is its text, as its
    serializer writes it (``MonthDay.__get_pydantic_core_schema__``); a field marked ``exclude`` is left out.
    """
    kind = type(model)
    names = _DUMPED.get(kind)
    if names is None:
        names = _DUMPED.setdefault(kind, tuple(n for n, f in kind.model_fields.items() if not f.exclude))
    data = vars(model)
    return {name: v if type(v := data[name]) in _AS_IS else _dumped(v) for name in names}


_DUMPED: dict[type, tuple[str, ...]] = {}  # a model class's dumped field names, in their order


def own_fields(model: BaseModel) -> dict[str, Any]:
    """Return ``model``'s fields as ``fields_of`` names them, each value as the model holds it (nothing dumped).

    For a view that ``plain`` converts: ``plain`` of it is ``plain`` of ``fields_of(model)``, and the models,
    lists and mappings in it are the plan's own, which ``plain`` converts once however many views hold them
    (``fields_of`` made a new dict of each, converted again: 5 of the 10 ms the 16× plan's timeline view took).
    """
    kind = type(model)
    names = _DUMPED.get(kind)
    if names is None:
        names = _DUMPED.setdefault(kind, tuple(n for n, f in kind.model_fields.items() if not f.exclude))
    data = vars(model)
    return {name: data[name] for name in names}


def _dumped(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, BaseModel):
        return fields_of(value)
    if isinstance(value, list):
        return [_dumped(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_dumped(v) for v in value)
    if isinstance(value, dict):
        return {_dumped(key): _dumped(v) for key, v in value.items()}
    if isinstance(value, MonthDay | FestivalDay):
        return str(value)
    return value
