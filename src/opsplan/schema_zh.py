"""The profile's field descriptions in Chinese, for ``opsplan schema --lang zh-CN``.

``schema_zh.json`` maps each English description the models carry (``Field(description=…)`` and the models'
docstrings) to its Chinese, so the two stand side by side; a description changed in English without its
Chinese shows up in the tests. A text the table does not hold stays English.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("schema_zh.json")


@cache
def descriptions_zh() -> dict[str, str]:
    """Return the table: English description → Chinese."""
    table: dict[str, str] = json.loads(TABLE.read_text(encoding="utf-8"))
    return table


def described_in_chinese(schema: Any) -> Any:
    """Return a copy of JSON Schema ``schema`` with every description the table knows in Chinese."""
    table = descriptions_zh()

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: table.get(value, value) if key == "description" and isinstance(value, str) else walk(value)
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(schema)
