"""The blocks the Markdown parser (``opsplan.render.mdparse``) produces: the document model of a plan.

The DOCX writer builds from them and ``opsplan check`` reads plans through them. ``line`` fields give
the 1-based line a block starts on; they take no part in comparisons.

The blocks behave as frozen dataclasses with slots (compared and hashed by their other fields, read-only, shown
as ``Run(text='a', bold=False)``) but are written out: ``@dataclass`` generates and compiles each class's methods
when it is imported, 5.7 ms for these ten classes of a cold render's CPU, against 0.3 ms for this module.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, ClassVar

_set = object.__setattr__


class _Frozen:
    """Read-only fields in ``__slots__``; equal when of the same class and equal in the ``_compared`` fields."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]  # in the order of the arguments, as ``repr`` shows them
    _compared: ClassVar[attrgetter[Any]]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._compared(self) == self._compared(other))

    def __hash__(self) -> int:
        return hash(self._compared(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return self.__class__, tuple(getattr(self, name) for name in self._fields)


class Run(_Frozen):
    """A piece of inline text, bold or not."""

    _fields = ("text", "bold")
    __slots__ = _fields
    _compared = attrgetter(*_fields)
    text: str
    bold: bool

    def __init__(self, text: str, bold: bool = False) -> None:
        _set(self, "text", text)
        _set(self, "bold", bold)

    # ``_Frozen``'s, written out for the two fields: a run is compared and hashed as a cache key's part, 1,700
    # times a plan's DOCX, and each time without the field tuples took a third of the time
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Run:
            return NotImplemented
        return self.text == other.text and self.bold == other.bold

    def __hash__(self) -> int:
        return hash((self.text, self.bold))


Inline = tuple[Run, ...]


def plain_run(text: str) -> Run:
    """Return ``Run(text)``, made by the slots' own setters (a cell or a paragraph of plain text: most runs)."""
    run = _new_run(Run)
    _set_text(run, text)
    _set_bold(run, False)
    return run


_new_run = object.__new__
_set_text, _set_bold = Run.text.__set__, Run.bold.__set__  # type: ignore[attr-defined]


class Title(_Frozen):
    """The plan title (the only ``#`` heading)."""

    _fields = ("text", "line")
    __slots__ = _fields
    _compared = attrgetter("text")
    text: str
    line: int

    def __init__(self, text: str, line: int = 0) -> None:
        _set(self, "text", text)
        _set(self, "line", line)


class Meta(_Frozen):
    """The ``opsplan:meta`` comment: shop, author, date, locale and so on."""

    _fields = ("fields",)
    __slots__ = _fields
    _compared = attrgetter(*_fields)
    fields: dict[str, str]

    def __init__(self, fields: dict[str, str]) -> None:
        _set(self, "fields", fields)


class Heading(_Frozen):
    """A ``##``–``######`` heading; ``level`` is the number of ``#`` marks."""

    _fields = ("level", "text", "line")
    __slots__ = _fields
    _compared = attrgetter("level", "text")
    level: int
    text: str
    line: int

    def __init__(self, level: int, text: str, line: int = 0) -> None:
        _set(self, "level", level)
        _set(self, "text", text)
        _set(self, "line", line)


class Toc(_Frozen):
    """The table of contents: its heading text and the listed chapter titles."""

    _fields = ("title", "items")
    __slots__ = _fields
    _compared = attrgetter(*_fields)
    title: str
    items: tuple[str, ...]

    def __init__(self, title: str, items: tuple[str, ...]) -> None:
        _set(self, "title", title)
        _set(self, "items", items)


class Paragraph(_Frozen):
    """A paragraph of inline runs; ``quote`` for a ``>`` block quote; ``end`` is the line after its last."""

    _fields = ("runs", "quote", "line", "end")
    __slots__ = _fields
    _compared = attrgetter("runs", "quote")
    runs: Inline
    quote: bool
    line: int
    end: int

    def __init__(self, runs: Inline, quote: bool = False, line: int = 0, end: int = 0) -> None:
        _set(self, "runs", runs)
        _set(self, "quote", quote)
        _set(self, "line", line)
        _set(self, "end", end)


class ListItem(_Frozen):
    """One list item with its nesting level (0 for the outermost)."""

    _fields = ("runs", "level", "line")
    __slots__ = _fields
    _compared = attrgetter("runs", "level")
    runs: Inline
    level: int
    line: int

    def __init__(self, runs: Inline, level: int = 0, line: int = 0) -> None:
        _set(self, "runs", runs)
        _set(self, "level", level)
        _set(self, "line", line)


class BulletList(_Frozen):
    """A ``- `` list."""

    _fields = ("items",)
    __slots__ = _fields
    _compared = attrgetter(*_fields)
    items: tuple[ListItem, ...]

    def __init__(self, items: tuple[ListItem, ...]) -> None:
        _set(self, "items", items)


class NumberedList(_Frozen):
    """A ``1. `` list; ``start`` is the first item's number."""

    _fields = ("items", "start")
    __slots__ = _fields
    _compared = attrgetter(*_fields)
    items: tuple[ListItem, ...]
    start: int

    def __init__(self, items: tuple[ListItem, ...], start: int = 1) -> None:
        _set(self, "items", items)
        _set(self, "start", start)


class Table(_Frozen):
    """A GFM pipe table; cells are inline runs; ``aligns``: ``left``/``right``/``center`` or ``""`` per column.

    ``line`` is the header row's (the rows follow the separator); ``gantt`` the ``opsplan:gantt`` comment's
    attributes (``gantt_markdown``).
    """

    _fields = ("header", "rows", "aligns", "is_gantt", "line", "gantt")
    __slots__ = _fields
    _compared = attrgetter("header", "rows", "aligns", "is_gantt", "gantt")
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    aligns: tuple[str, ...]
    is_gantt: bool
    line: int
    gantt: tuple[tuple[str, str], ...]

    def __init__(
        self,
        header: tuple[Inline, ...],
        rows: tuple[tuple[Inline, ...], ...],
        aligns: tuple[str, ...] = (),
        is_gantt: bool = False,
        line: int = 0,
        gantt: tuple[tuple[str, str], ...] = (),
    ) -> None:
        _set(self, "header", header)
        _set(self, "rows", rows)
        _set(self, "aligns", aligns)
        _set(self, "is_gantt", is_gantt)
        _set(self, "line", line)
        _set(self, "gantt", gantt)


class CodeBlock(_Frozen):
    """A fenced code block (``mermaid`` blocks are skipped by the DOCX writer); ``line`` is the opening fence's."""

    _fields = ("lang", "text", "line")
    __slots__ = _fields
    _compared = attrgetter("lang", "text")
    lang: str
    text: str
    line: int

    def __init__(self, lang: str, text: str, line: int = 0) -> None:
        _set(self, "lang", lang)
        _set(self, "text", text)
        _set(self, "line", line)


Block = Title | Meta | Heading | Toc | Paragraph | BulletList | NumberedList | Table | CodeBlock
