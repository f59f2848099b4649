"""A value of the wrong kind (a list, text or a number where a section is expected) is told in our words.

Every message names the field and what it expects; none shows a model's class name (``Budget``, ``PlanInfo``).
The sections are walked from the profile model, so a section added later is covered too.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from opsplan.errors import ProfileError
from opsplan.load import load_profile
from opsplan.profile import Profile

MINIMAL: dict[str, Any] = {
    "version": 1,
    "plan": {"title": "t", "start": "2027-03-01", "kind": "custom"},
    "shop": {"name": "s", "platform": "douyin"},
    "goals": {"short": {"months": 6, "targets": {"followers": 10}}},
    "budget": {"total": 100, "months": 6},
}
BAD = {"a list": [1, 2], "text": "hello", "a number": 42}


def _strip(annotation: Any, *, lists: bool) -> Any:
    """Strip Optional and Annotated (and, with ``lists``, a list around its item type)."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = origin in (typing.Union, types.UnionType) and len(args) == 1
        if origin is typing.Annotated or optional or (lists and origin is list):
            annotation = args[0]
        else:
            return annotation


def _models() -> tuple[list[tuple[str | int, ...]], set[str]]:
    """Return the path of every model-typed field (a list's first item for lists) and every model's name."""
    paths: list[tuple[str | int, ...]] = []
    names: set[str] = set()

    def walk(model: type[BaseModel], path: tuple[str | int, ...]) -> None:
        names.add(model.__name__)
        for key, info in model.model_fields.items():
            inner = _strip(info.annotation, lists=True)
            if isinstance(inner, type) and issubclass(inner, BaseModel) and inner.__name__ not in names:
                listed = typing.get_origin(_strip(info.annotation, lists=False)) is list
                here = (*path, key, 0) if listed else (*path, key)
                paths.append(here)
                walk(inner, here)

    walk(Profile, ())
    return paths, names


PATHS, MODEL_NAMES = _models()


def _put(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for part, following in itertools.pairwise(path):
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            if not isinstance(node.get(part), dict | list):
                node[part] = [] if isinstance(following, int) else {}
            node = node[part]
    last = path[-1]
    if isinstance(last, int):
        node[:] = [value]
    else:
        node[last] = value


def test_the_walk_finds_the_sections() -> None:
    assert ("budget",) in PATHS and ("timeline", "phases", 0) in PATHS and "Budget" in MODEL_NAMES


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize("kind", list(BAD))
def test_a_section_of_the_wrong_kind_is_told_in_our_words(
    tmp_path: Path, path: tuple[str | int, ...], kind: str
) -> None:
    data = copy.deepcopy(MINIMAL)
    _put(data, path, BAD[kind])
    file = tmp_path / "shop.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile(file)
    text = str(error.value)
    leaked = [name for name in MODEL_NAMES if re.search(rf"\b{name}\b", text)]
    assert not leaked, text
    assert "Input should" not in text and "instance of" not in text, text


@pytest.mark.parametrize(
    ("section", "value", "said"),
    [
        ("budget", "[1, 2]", "budget: expected a mapping of keys (key: value lines), not a list"),
        ("budget", "hello", "budget: expected a mapping of keys (key: value lines), not the text 'hello'"),
        ("risks", "hello", "risks: expected a list (one '- ' item a line), not the text 'hello'"),
        ("plan", "~", "plan: expected a mapping of keys (key: value lines) (the value is empty)"),
    ],
)
def test_the_message_names_the_field_and_what_it_expects(tmp_path: Path, section: str, value: str, said: str) -> None:
    # one top-level key a line (JSON is YAML), the bad section last
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in MINIMAL.items() if key != section]
    file = tmp_path / "shop.yaml"
    file.write_text("\n".join([*lines, f"{section}: {value}"]) + "\n", encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile(file)
    assert f"shop.yaml:{len(lines) + 1}:" in str(error.value) and said in str(error.value)
