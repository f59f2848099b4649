"""Fields left to fill: a text field written with no value (``positioning:``) is a gap, not an error.

``opsplan new`` writes the prose of a skeleton this way, each with a one-line guide comment above it.
``fill_gaps`` runs before validation: it puts the locale's gap mark (``【待填写】`` / ``[fill in]``) where a
text field (or a list of texts) has no value, so the profile loads and renders (under ``--draft``) with
the gap plainly marked, and ``opsplan check`` reports each one as a placeholder (OPS201) on its line.
Optional fields (``plan.client`` …) keep their empty value: leaving them out is allowed.

A number written with no value (``total:``, a metric's ``monthly_gmv:``) is a gap too when ``stand_ins``
gives a figure for its path: the skeleton's numbers the user has not given (``opsplan.skeleton``), which
then stand in for the draft while ``check`` reports the gap; their paths are kept in ``document.number_gaps``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

from opsplan.modelkit import BaseModel
from opsplan.yamlread import Document, PathKey

GAP_MARKS = {"zh-CN": "【待填写】", "en": "[fill in]"}


def gap_mark(locale: str) -> str:
    """Return the mark a gap shows in ``locale``."""
    return GAP_MARKS["zh-CN" if locale.startswith("zh") else "en"]


def is_gap(text: str) -> bool:
    """Return whether ``text`` is a gap mark (a field left to fill)."""
    return text.strip() in GAP_MARKS.values()


class _Filler:
    """Fills the gaps of one document: text with the mark, numbers with their stand-ins."""

    def __init__(self, mark: str, stand_ins: Callable[[], Mapping[PathKey, float]] | None) -> None:
        self.mark = mark
        self.stand_ins = stand_ins
        self.known: Mapping[PathKey, float] | None = None
        self.found: list[PathKey] = []
        self.numbers: list[PathKey] = []

    def number(self, path: PathKey, whole: bool) -> float | None:
        """Return the stand-in of the number at ``path`` (recording the gap), or None if there is none."""
        if self.stand_ins is None:
            return None
        if self.known is None:
            self.known = self.stand_ins()  # read only when a number is missing
        value = self.known.get(path)
        if value is not None:
            self.found.append(path)
            self.numbers.append(path)
            return int(value) if whole else value
        return None

    def visit(self, model: type[BaseModel], data: dict[str, Any], path: PathKey) -> None:
        fields = _fields(model)
        for key, value in data.items():
            if type(value) is str:  # most values: written, so no gap
                continue
            found = fields.get(key) if isinstance(key, str) else None
            if found is None:
                continue
            optional, inner, item = found
            where = (*path, key)
            if value is None and not optional:
                if inner is str:
                    data[key] = self.mark
                    self.found.append(where)
                elif item is str:
                    data[key] = [self.mark]
                    self.found.append(where)
                elif inner in (int, float) and (number := self.number(where, inner is int)) is not None:
                    data[key] = number
            elif isinstance(value, dict):
                self.descend(inner, value, where)
            elif isinstance(value, list) and item is not None:
                for index, element in enumerate(value):
                    if element is None and item is str:
                        value[index] = self.mark
                        self.found.append((*where, index))
                    elif isinstance(element, dict):
                        self.descend(item, element, (*where, index))

    def descend(self, annotation: Any, value: dict[str, Any], path: PathKey) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            self.visit(annotation, value, path)
        elif typing.get_origin(annotation) is dict:
            item = _split(typing.get_args(annotation)[1])[1]
            for key, element in value.items():
                if isinstance(element, dict) and isinstance(item, type) and issubclass(item, BaseModel):
                    self.visit(item, element, (*path, key))
                elif element is None and item in (int, float):
                    number = self.number((*path, key), item is int)
                    if number is not None:
                        value[key] = number


def fill_gaps(
    document: Document, model: type[BaseModel], stand_ins: Callable[[], Mapping[PathKey, float]] | None = None
) -> list[PathKey]:
    """Fill every required field of ``document`` written without a value; return their paths.

    Text gets the gap mark; a number gets its figure from ``stand_ins`` (called once, when a number is
    missing), and its path goes to ``document.number_gaps``; a number with no stand-in is left for
    validation to refuse.
    """
    data = document.data
    if not isinstance(data, dict):
        return []
    plan = data.get("plan")
    locale = plan.get("locale") if isinstance(plan, dict) else None
    filler = _Filler(gap_mark(locale if isinstance(locale, str) else "zh-CN"), stand_ins)
    filler.visit(model, data, ())
    document.number_gaps = filler.numbers
    return filler.found


# each model's fields as ``visit`` reads them: (``None`` allowed, the type, a list's item type or None), worked
# out once a model rather than at every task, pillar and metric of every profile
_FIELDS: dict[type[BaseModel], dict[str, tuple[bool, Any, Any]]] = {}


def _fields(model: type[BaseModel]) -> dict[str, tuple[bool, Any, Any]]:
    """Return ``model``'s fields by name: whether ``None`` is allowed, the type, and a list's item type (or None)."""
    fields = _FIELDS.get(model)
    if fields is None:
        fields = _FIELDS[model] = {}
        for name, info in model.model_fields.items():
            optional, inner = _split(info.annotation)
            item = _split(typing.get_args(inner)[0])[1] if typing.get_origin(inner) is list else None
            fields[name] = (optional, inner, item)
    return fields


def _split(annotation: Any) -> tuple[bool, Any]:
    """Return (whether ``None`` is allowed, the annotation without ``Optional`` and ``Annotated``)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            optional = optional or len(rest) < len(args)
            if len(rest) != 1:
                return optional, annotation
            annotation = rest[0]
        else:
            return optional, annotation
