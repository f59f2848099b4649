"""Fields left to fill: a text field written with no value (``positioning:``) is a gap, not an error.

``opsplan new`` writes the prose of a skeleton this way, each with a one-line guide comment above it.
``fill_gaps`` runs before validation: it puts the locale's gap mark (``【待填写】`` / ``[fill in]``) where a
text field (or a list of texts) has no value, so the profile loads and renders (under ``--draft``) with
the gap plainly marked, and ``opsplan check`` reports each one as a placeholder (OPS201) on its line.
Optional fields (``plan.client`` …) keep their empty value: leaving them out is allowed.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from opsplan.yamlread import Document, PathKey

GAP_MARKS = {"zh-CN": "【待填写】", "en": "[fill in]"}


def gap_mark(locale: str) -> str:
    """Return the mark a gap shows in ``locale``."""
    return GAP_MARKS["zh-CN" if locale.startswith("zh") else "en"]


def is_gap(text: str) -> bool:
    """Return whether ``text`` is a gap mark (a field left to fill)."""
    return text.strip() in GAP_MARKS.values()


def fill_gaps(document: Document, model: type[BaseModel]) -> list[PathKey]:
    """Put the gap mark in every required text field of ``document`` written without a value; return their paths."""
    data = document.data
    if not isinstance(data, dict):
        return []
    plan = data.get("plan")
    locale = plan.get("locale") if isinstance(plan, dict) else None
    mark = gap_mark(locale if isinstance(locale, str) else "zh-CN")
    found: list[PathKey] = []
    _visit(model, data, (), mark, found)
    return found


def _visit(model: type[BaseModel], data: dict[str, Any], path: PathKey, mark: str, found: list[PathKey]) -> None:
    for key, value in data.items():
        info = model.model_fields.get(key) if isinstance(key, str) else None
        if info is None:
            continue
        optional, inner = _split(info.annotation)
        where = (*path, key)
        if value is None and not optional:
            if inner is str:
                data[key] = mark
                found.append(where)
            elif typing.get_origin(inner) is list and _split(typing.get_args(inner)[0])[1] is str:
                data[key] = [mark]
                found.append(where)
        elif isinstance(value, dict):
            _descend(inner, value, where, mark, found)
        elif isinstance(value, list) and typing.get_origin(inner) is list:
            item = _split(typing.get_args(inner)[0])[1]
            for index, element in enumerate(value):
                if element is None and item is str:
                    value[index] = mark
                    found.append((*where, index))
                elif isinstance(element, dict):
                    _descend(item, element, (*where, index), mark, found)


def _descend(annotation: Any, value: dict[str, Any], path: PathKey, mark: str, found: list[PathKey]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        _visit(annotation, value, path, mark, found)
    elif typing.get_origin(annotation) is dict:
        item = _split(typing.get_args(annotation)[1])[1]
        if isinstance(item, type) and issubclass(item, BaseModel):
            for key, element in value.items():
                if isinstance(element, dict):
                    _visit(item, element, (*path, key), mark, found)


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
