"""The blocks a page layout needs: paragraphs with their resolved styles, tables, and the document holding them.

``layout_docx`` reads them back from a DOCX, ``layout_record`` records them as the body is written, ``layout``
lays them out. Lengths are in points.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple


class Style(NamedTuple):
    """A paragraph style's resolved properties (points; ``line`` is a multiple when ``rule`` is ``auto``)."""

    size: float = 11.0
    bold: bool = False
    before: float = 0.0
    after: float = 10.0
    line: float = 1.15
    rule: str = "auto"
    keep_next: bool = False
    keep_lines: bool = False
    contextual: bool = False
    left: float = 0.0
    first: float = 0.0  # first-line indent (negative: hanging)
    page_break: bool = False


class _Fields:
    """Fields in ``__slots__``, compared and shown one by one (``_fields``, in the order of the arguments).

    What ``@dataclass(slots=True)`` would make, written out: it generates and compiles each class's methods when
    the module is imported (2.1 ms of a cold render's CPU for this module's six), and these are made by the
    thousand, so their ``__init__`` assigns plainly.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    __hash__ = None  # type: ignore[assignment]  # mutable: as a dataclass that is not frozen

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"


class Para(_Fields):
    """A paragraph: its style with the paragraph's own properties over it, its runs, and what it marks.

    ``lines``: its line heights by column width, once laid out: a cache, not part of what the paragraph is.
    """

    _fields = ("style", "style_id", "runs", "bookmark", "section_end", "picture", "tabbed")
    __slots__ = (*_fields, "lines")

    def __init__(
        self,
        style: Style,
        style_id: str,
        runs: tuple[tuple[str, bool], ...],
        bookmark: str | None = None,
        section_end: bool = False,  # its properties close a section: the next page starts a new one
        picture: float = 0.0,  # the height of an inline picture in it
        tabbed: bool = False,  # holds a tab (a contents line: the page number after a dot leader)
    ) -> None:
        self.style = style
        self.style_id = style_id
        self.runs = runs
        self.bookmark = bookmark
        self.section_end = section_end
        self.picture = picture
        self.tabbed = tabbed
        self.lines: dict[tuple[float, bool], tuple[float, ...]] = {}


class Cell(_Fields):
    """A table cell: its width for text (margins taken off) and its paragraphs.

    ``height``: its paragraphs' height once laid out (a Gantt chart's cells are the same few, row after row), or -1.
    """

    _fields = ("width", "paras")
    __slots__ = (*_fields, "height")

    def __init__(self, width: float, paras: list[Para]) -> None:
        self.width = width
        self.paras = paras
        self.height = -1.0


class Row(_Fields):
    """A table row: cells, the least height asked for, and whether it is a header row or may not split.

    ``keep``: its paragraphs keep with the next: on the same page as the next row.
    """

    _fields = ("cells", "height", "exact", "header", "cant_split", "keep")
    __slots__ = _fields

    def __init__(
        self, cells: list[Cell], height: float, exact: bool, header: bool, cant_split: bool, keep: bool = False
    ) -> None:
        self.cells = cells
        self.height = height
        self.exact = exact
        self.header = header
        self.cant_split = cant_split
        self.keep = keep


class Table(_Fields):
    """A table: its rows."""

    _fields = ("rows",)
    __slots__ = _fields

    def __init__(self, rows: list[Row] | None = None) -> None:
        self.rows: list[Row] = [] if rows is None else rows


Block = Para | Table


class Document(_Fields):
    """The body's blocks in order, the orientation of each section, and the text widths of the two.

    ``landscape``: by section, in order; ``portrait``: the text width and height of a portrait page; ``page``: the
    page's width and height (portrait).
    """

    _fields = ("blocks", "landscape", "portrait", "page")
    __slots__ = _fields

    def __init__(
        self, blocks: list[Block], landscape: list[bool], portrait: tuple[float, float], page: tuple[float, float]
    ) -> None:
        self.blocks = blocks
        self.landscape = landscape
        self.portrait = portrait
        self.page = page


__all__ = ["Block", "Cell", "Document", "Para", "Row", "Style", "Table"]
