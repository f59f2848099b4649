"""Column widths for DOCX tables: what each column needs, and how a page width is shared among them.

Widths are in twips (twentieths of a point). A table column is measured in the fonts the DOCX uses
(``fontmetrics``): its natural width shows each cell on one line, its minimum is the widest piece no line
can break (a Latin word, a number with its currency), so a column given at least its minimum never breaks
one. The Gantt's label columns are counted in half-width characters (rich's East Asian width tables: wide
characters count two, combining marks none).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from typing import NamedTuple

from rich.cells import cell_len

from opsplan.render.fontmetrics import WIDE, is_latin, measure
from opsplan.render.layout_mixed import mixed_widths
from opsplan.render.layout_text import pieces
from opsplan.render.mdparse import Inline, Run, inline_text

_NUMERIC = re.compile(r"^(CNY|USD|[¥$])?\s?[-+−]?\d[\d,]*(\.\d+)?\s?(%|[万亿]?元?|[kKMB]|倍|天|周|个月|小时|h|x)?$")


def _is_numeric(texts: list[str]) -> bool:
    """Tell whether every non-empty text is a number (with a unit), so the column is right-aligned."""
    filled = [t for t in (text.strip() for text in texts) if t and t not in {"-", "—", "–"}]
    return bool(filled) and all(_NUMERIC.match(t) for t in filled)


_UNIT = re.compile(r"\b[A-Z]{3} [-+−]?\d|\b\d{1,2} [A-Z][a-z]+ \d{4}\b")  # CNY 131,884; 13 May 2027


def keep_units(cells: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Return ``cells`` with no-break spaces inside amounts and dates ("CNY 131,884", "13 May 2027").

    A line may then break around such a value but never inside it. Most rows hold none: one search of the row's
    texts, joined by a NUL (no pattern matches across one), tells them.
    """
    if not _UNIT.search("\0".join([run.text for cell in cells for run in cell])):
        return cells
    return tuple(cell if all(" " not in r.text for r in cell) else _kept(cell) for cell in cells)


def holds_units(rows: Iterable[tuple[Inline, ...]]) -> bool:
    """Tell whether any cell of ``rows`` holds what ``keep_units`` keeps together (one search of the whole table).

    Both hold a space: a table without one (most of a Chinese plan's) is not searched (0.5 ms of a plan's tables).
    """
    text = "\0".join([run.text for cells in rows for cell in cells for run in cell])
    return " " in text and _UNIT.search(text) is not None


def _kept(cell: Inline) -> Inline:
    return tuple(Run(_UNIT.sub(_no_break, r.text), r.bold) for r in cell)


def _no_break(match: re.Match[str]) -> str:
    return match[0].replace(" ", "\u00a0")


# Widths must not depend on the environment (rich's "auto" reads UNICODE_VERSION): always the latest tables.
_UNICODE = "latest"


@functools.lru_cache(maxsize=8192)  # cell texts repeat within a plan and across the plans of a batch
def display_width(text: str) -> int:
    """Width in half-width character units (terminal cells): wide characters count 2, combining marks 0."""
    if text.isascii():
        return len(text)
    return cell_len(text, _UNICODE)


UNIT = 110  # twips per half-width character at 9 pt, with room for bold and capitals (the Gantt's labels)
PADDING = 200  # cell margins (80 twips a side) and a little air
BODY_SIZE = 18  # half-points: table text is 9 pt
SMALL_SIZE = 15  # 7.5 pt, for a table too wide for the page at 9 pt
_HEADER_CAP = 7000  # a header wider than this (about 12 letters) wraps between its words
_NATURAL_CAP = 33000  # a cell wider than this (about 60 letters) wraps
_MINIMUM_CAP = 12000  # a piece wider than this (a long URL) may break rather than widen its column


SPARE = 250  # a quarter em more than measured: a short code ("M1", "R04") keeps its line in a wider fallback font


def twips(ems: int, size: int) -> int:
    """Return ``ems`` (thousandths of an em) in twips at ``size`` half-points, with 3% and a quarter em to spare."""
    return -(-(ems + SPARE) * size * 103 // 10000)


class ColumnMeasure(NamedTuple):
    """What a table column needs, in thousandths of an em (independent of the type size)."""

    numeric: bool  # every body cell is a number: right-aligned, never wrapped
    natural: int  # to show each cell on one line (a long header wraps between words)
    minimum: int  # the widest piece no line can break; for numbers, the widest number
    volume: int = 0  # how much text the body holds: the sum of its cells' widths (each at most ``natural``)

    def natural_width(self, size: int = BODY_SIZE) -> int:
        """Return the natural width in twips at ``size`` half-points."""
        return twips(self.natural, size) + PADDING

    def minimum_width(self, size: int = BODY_SIZE) -> int:
        """Return the minimum width in twips at ``size`` half-points."""
        return twips(self.minimum, size) + PADDING


def _cell_widths(cell: Inline) -> tuple[int, int]:
    """Return (whole width, widest unbreakable piece) of a cell's runs, bold runs in the bold face."""
    if len(cell) == 1:  # most cells
        return _text_widths(cell[0].text, cell[0].bold)
    whole = piece = 0
    for run in cell:
        run_whole, run_piece = _text_widths(run.text, run.bold)
        whole, piece = whole + run_whole, max(piece, run_piece)
    return whole, piece


@functools.lru_cache(maxsize=8192)  # cell texts repeat within a plan and across the plans of a batch
def _text_widths(text: str, bold: bool) -> tuple[int, int]:
    """Return (whole width, widest unbreakable piece) of ``text`` as LibreOffice sets and breaks it.

    ``layout_text`` keeps a number with its bracket (``16（4×4）`` is one piece, though each half alone would
    fit) and sets a mark after Chinese text in the Chinese font; ``fontmetrics`` does neither, so the wider of
    the two measures is taken, and a run of Chinese still counts up to four characters. Latin text (printable
    ASCII and the Latin marks, no Chinese before a mark) has the same advances in both, and ``fontmetrics``
    breaks it in fewer places (at a space, after a hyphen or en dash before a letter; ``layout_text`` after a
    slash or an em dash too), so its measure is the wider.
    """
    if min(text, default="\0") >= "\u4e00" and max(text) <= "\u9fff":  # common Chinese characters only
        return WIDE * len(text), WIDE * min(len(text), 4)  # each one em; as ``measure``, a piece of up to four
    whole, widest = measure(text, bold)
    if is_latin(text):
        return whole, widest
    counted = mixed_widths(text, bold)  # the pieces' sum and widest, without making them
    if counted is not None:
        return max(whole, counted[0]), max(widest, counted[1])
    set_whole = set_piece = 0.0
    for piece in pieces(((text, bold),), 1000.0):
        set_whole += piece.width
        if not piece.space and not piece.units:
            set_piece = max(set_piece, piece.width)
    return max(whole, math.ceil(set_whole)), max(widest, math.ceil(set_piece))


def measure_column(cells: list[Inline]) -> ColumnMeasure:
    """Measure a column (header first, set in bold) for ``natural_width``, ``minimum_width`` and the alignment."""
    header = "".join(run.text for run in cells[0]) if cells else ""
    header_whole, header_piece = _text_widths(header, True)
    body = [_cell_widths(cell) for cell in cells[1:]]
    body_whole = max((whole for whole, _ in body), default=0)
    natural = min(max(body_whole, header_piece, min(header_whole, _HEADER_CAP), 1000), _NATURAL_CAP)
    volume = sum(min(whole, natural) for whole, _ in body)
    if _is_numeric([inline_text(c) for c in cells[1:]]):
        return ColumnMeasure(True, max(natural, body_whole), max(body_whole, header_piece), volume)
    minimum = max([header_piece, *(piece for _, piece in body)])
    return ColumnMeasure(False, natural, min(max(minimum, 1000), _MINIMUM_CAP, natural), volume)


@functools.lru_cache(maxsize=2048)  # a column: again in the plans of a batch (a table's labels, its header)
def column_measure(cells: tuple[Inline, ...]) -> ColumnMeasure:
    """Return ``measure_column`` of ``cells``, kept for the next time the same column is measured."""
    return measure_column(list(cells))


def natural_width(cells: list[Inline], unit: int = UNIT) -> int:
    """Return the width (twips) a column needs to show each cell on one line (capped at 60 characters).

    Counted in half-width characters of ``unit`` twips (wide characters count two), as the Gantt's labels are.
    """
    widths = [display_width(inline_text(c)) for c in cells]
    body = max(widths[1:], default=0)
    return min(max(body, min(widths[0], 12), 2), 60) * unit + PADDING


def fit_widths(
    naturals: list[int], total: int, minimums: list[int] | None = None, weights: list[int] | None = None
) -> list[int]:
    """Share ``total`` twips among columns.

    If every column fits on one line, the spare width is spread in proportion to the natural widths.
    Otherwise the columns narrower than an even share keep their natural width (when the others' minimums
    still fit), and the others are cut down, never below their minimum, to widths in proportion to their
    ``weights`` (all equal when not given) as far as their natural widths allow: when the weights are how
    much text each column holds, the long texts share what is left so that their cells run to about as many
    lines. If even the minimums do not fit, columns whose minimum is below the average keep it and the others
    share the rest in proportion to their minimums. The result sums to ``total`` exactly.
    """
    n = len(naturals)
    if n == 0:
        return []
    mins = [min(m, w) for m, w in zip(minimums or [0] * n, naturals, strict=True)]
    if sum(naturals) <= total:
        widths = [total * w // sum(naturals) for w in naturals]
    elif sum(mins) <= total:
        short = [w <= total // n for w in naturals]  # narrower than an even share: kept on one line if it can be
        room = total - sum(w for w, keep in zip(naturals, short, strict=True) if keep)
        if room < sum(m for m, keep in zip(mins, short, strict=True) if not keep):
            short = [False] * n
            room = total
        widths = list(naturals)
        cut = _cut([i for i in range(n) if not short[i]], naturals, mins, weights or [1] * n, room)
        for i, width in cut.items():
            widths[i] = width
    else:
        average = total // n
        kept = [i for i in range(n) if mins[i] <= average]
        squeezed = [i for i in range(n) if mins[i] > average]
        rest = total - sum(mins[i] for i in kept)
        widths = list(mins)
        for i in squeezed:
            widths[i] = rest * mins[i] // sum(mins[j] for j in squeezed)
    widths[-1] += total - sum(widths)
    return widths


@functools.lru_cache(maxsize=1024)  # a table's columns: again in the plans of a batch
def fitted_widths(
    naturals: tuple[int, ...], total: int, minimums: tuple[int, ...], weights: tuple[int, ...]
) -> tuple[int, ...]:
    """Return ``fit_widths`` of the columns, kept for the next time the same columns share the same width."""
    return tuple(fit_widths(list(naturals), total, list(minimums), list(weights)))


def _cut(columns: list[int], naturals: list[int], mins: list[int], weights: list[int], room: int) -> dict[int, int]:
    """Return widths for ``columns`` that fit in ``room``: in proportion to their weights, within min and natural."""
    bounds = [(mins[i], naturals[i], max(weights[i], 1)) for i in columns]

    def at(scale: float) -> list[int]:
        return [max(least, min(most, int(round(scale * share, 6)))) for least, most, share in bounds]

    low, high = 0.0, max(naturals) / min((share for _, _, share in bounds), default=1)  # the largest that fits
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(at(middle)) <= room else (low, middle)
    return dict(zip(columns, at(low), strict=True))
