"""The blocks the Markdown parser (``opsplan.render.mdparse``) produces: the document model of a plan.

The DOCX writer builds from them and ``opsplan check`` reads plans through them. ``line`` fields give
the 1-based line a block starts on; they take no part in comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of inline text, bold or not."""

    text: str
    bold: bool = False


Inline = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Title:
    """The plan title (the only ``#`` heading)."""

    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Meta:
    """The ``opsplan:meta`` comment: shop, author, date, locale and so on."""

    fields: dict[str, str]


@dataclass(frozen=True, slots=True)
class Heading:
    """A ``##``–``######`` heading; ``level`` is the number of ``#`` marks."""

    level: int
    text: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Toc:
    """The table of contents: its heading text and the listed chapter titles."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline runs; ``quote`` for a ``>`` block quote."""

    runs: Inline
    quote: bool = False
    line: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)  # the line after its last


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item with its nesting level (0 for the outermost)."""

    runs: Inline
    level: int = 0
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class BulletList:
    """A ``- `` list."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    """A ``1. `` list; ``start`` is the first item's number."""

    items: tuple[ListItem, ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A GFM pipe table; cells are inline runs; ``aligns``: ``left``/``right``/``center`` or ``""`` per column."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    aligns: tuple[str, ...] = ()
    is_gantt: bool = False
    line: int = field(default=0, compare=False)  # the header row's; the rows follow the separator
    gantt: tuple[tuple[str, str], ...] = ()  # the ``opsplan:gantt`` comment's attributes (``gantt_markdown``)


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced code block (``mermaid`` blocks are skipped by the DOCX writer)."""

    lang: str
    text: str
    line: int = field(default=0, compare=False)  # the opening fence's


Block = Title | Meta | Heading | Toc | Paragraph | BulletList | NumberedList | Table | CodeBlock
