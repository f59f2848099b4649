"""The profile reference for the README, generated from the model so it cannot drift."""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from opsplan.modelkit import BaseModel
from opsplan.monthday import FestivalDay, MonthDay
from opsplan.profile import Profile

START = "<!-- profile-reference:start -->"
END = "<!-- profile-reference:end -->"


def profile_reference_markdown() -> str:
    """Return a Markdown table of every profile field: path, type and description."""
    rows = ["| field | type | description |", "|---|---|---|"]
    _walk(Profile, "", rows, set())
    return "\n".join(rows)


def _walk(model: type[BaseModel], prefix: str, rows: list[str], seen: set[str]) -> None:
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = field.annotation
        inner, is_list, is_map = _inner(annotation)
        type_text = _type_name(inner)
        if is_list:
            type_text = f"list of {type_text}"
        if is_map:
            type_text = f"map of {type_text}"
        required = " (required)" if field.is_required() else ""
        description = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{path}` | {type_text}{required} | {description} |")
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            child = f"{path}[]." if is_list else (f"{path}.<key>." if is_map else f"{path}.")
            _walk(inner, child, rows, seen)


def _inner(annotation: Any) -> tuple[Any, bool, bool]:
    is_list = is_map = False
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if (origin in (typing.Union, types.UnionType) and len(args) == 1) or origin is typing.Annotated:
            annotation = args[0]
        elif origin is list:
            is_list, annotation = True, args[0]
        elif origin is dict:
            is_map, annotation = True, args[1]
        else:
            return annotation, is_list, is_map


def _type_name(annotation: Any) -> str:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " \\| ".join(f"`{m.value}`" for m in annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping"
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(annotation) if a is not type(None))
    if annotation is MonthDay:
        return "month-day (MM-DD, every year)"
    if annotation is FestivalDay:
        return "festival or weekday day (七夕-9, 母亲节, 5月第2个周日, every year)"
    names = {str: "text", int: "integer", float: "number", bool: "true/false"}
    if isinstance(annotation, type) and annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation)).replace("date", "date (YYYY-MM-DD)")


RULES_START = "<!-- check-rules:start -->"
RULES_END = "<!-- check-rules:end -->"


def generated_blocks() -> dict[tuple[str, str], str]:
    """Return the README's generated blocks, keyed by their (start, end) markers."""
    from opsplan.check.rule_table import rules_markdown

    return {(START, END): profile_reference_markdown(), (RULES_START, RULES_END): rules_markdown()}


def update_readme(path: str = "README.md") -> None:
    """Rewrite every generated block between its markers in the README at ``path``."""
    from pathlib import Path

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    for (start, end), block in generated_blocks().items():
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = f"{head}{start}\n{block}\n{end}{tail}"
    readme.write_text(text, encoding="utf-8")
