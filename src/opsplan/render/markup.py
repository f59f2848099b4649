"""Text helpers the templates use as filters: Markdown-safe text for each place, Mermaid names, Gantt cells.

Every function takes plain values and returns a string; none of them computes a figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def meta_attr(value: object) -> str:
    """Quote a value for the ``opsplan:meta`` comment: ``"`` → ``&quot;``, no newlines, no ``--``."""
    text = " ".join(str(value).split()).replace("&", "&amp;").replace('"', "&quot;")
    return text.replace("--", "&#45;&#45;")


def mermaid_text(value: object) -> str:
    """Make a task or section name safe in a Mermaid gantt line (no ``:``, ``;`` or ``#``)."""
    text = " ".join(str(value).split())
    for bad, good in ((":", " "), ("：", " "), (";", ","), ("#", "")):
        text = text.replace(bad, good)
    return text.strip() or "-"


def mermaid_id(value: object) -> str:
    """Make an id usable as a Mermaid task id: letters, digits and ``_`` only."""
    return "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in str(value))


def gantt_cells(columns: Iterable[Any], marked: Iterable[int], mark: str) -> str:
    """Return a Gantt row's period cells: `` █ |`` where the column's index is in ``marked``, else ``  |``."""
    chosen = set(marked)
    filled, empty = f" {mark} |", "  |"
    return "".join(filled if column["index"] in chosen else empty for column in columns)
