"""Column widths for DOCX tables: what each column needs, and how a page width is shared among them.

Widths are in twips (twentieths of a point). Text width is estimated from the characters with rich's
East Asian width tables (``rich.cells``): Chinese, Japanese, Hangul, full-width forms and emoji count as two
half-width units, half-width kana and combining marks as one and none.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size

from opsplan.render.mdparse import Inline, inline_text

_NUMERIC = re.compile(r"^(CNY|USD|[¥$])?\s?[-+−]?\d[\d,]*(\.\d+)?\s?(%|[万亿]?元?|[kKMB]|倍|天|周|个月|小时|h|x)?$")


def _is_numeric(texts: list[str]) -> bool:
    """Tell whether every non-empty text is a number (with a unit), so the column is right-aligned."""
    filled = [t for t in (text.strip() for text in texts) if t and t not in {"-", "—", "–"}]
    return bool(filled) and all(_NUMERIC.match(t) for t in filled)


# Widths must not depend on the environment (rich's "auto" reads UNICODE_VERSION): always the latest tables.
_UNICODE = "latest"


@functools.lru_cache(maxsize=8192)  # cell texts repeat within a plan and across the plans of a batch
def display_width(text: str) -> int:
    """Width in half-width character units (terminal cells): wide characters count 2, combining marks 0."""
    if text.isascii():
        return len(text)
    return cell_len(text, _UNICODE)


UNIT = 110  # twips per half-width character at 9 pt, with room for bold and capitals
PADDING = 200  # cell margins and a little air


@dataclass(frozen=True, slots=True)
class ColumnMeasure:
    """What a table column needs, in half-width characters (independent of the type size)."""

    numeric: bool  # every body cell is a number: right-aligned, never wrapped
    natural: int  # to show each cell on one line (capped at 60)
    minimum: int  # the longest unbreakable piece (capped at 16); the natural width for numbers

    def natural_width(self, unit: int = UNIT) -> int:
        """Return the natural width in twips at ``unit`` twips per half-width character."""
        return self.natural * unit + PADDING

    def minimum_width(self, unit: int = UNIT) -> int:
        """Return the minimum width in twips at ``unit`` twips per half-width character."""
        return self.minimum * unit + PADDING


def measure_column(cells: list[Inline]) -> ColumnMeasure:
    """Measure a column (header first) once, for ``natural_width``, ``minimum_width`` and the alignment."""
    texts = [inline_text(c) for c in cells]
    widths = [display_width(t) for t in texts]
    body_width = max(widths[1:], default=0)
    natural = min(max(body_width, min(widths[0], 12), 2), 60)
    if _is_numeric(texts[1:]):
        return ColumnMeasure(True, natural, natural)
    longest = -1  # the widest unbreakable piece so far; -1: no piece yet
    for text, width in zip(texts, widths, strict=True):
        if width <= longest:  # no piece of this text can be wider than the text
            continue
        longest = max(longest, _widest_piece(text))
        if longest >= 16:
            break
    return ColumnMeasure(False, natural, min(longest if longest >= 0 else 2, 16))


@functools.lru_cache(maxsize=8192)
def _widest_piece(text: str) -> int:
    """Return the width of the widest piece of ``text`` that cannot wrap (-1: the text has none).

    Latin words and numbers cannot break; wide (Chinese, Japanese, Korean) text can break anywhere, but
    pieces of up to four characters are kept so a column does not shrink to one character.
    """
    widest, word, wide = -1, -1, 0  # word: width of the narrow piece so far (-1: none open)
    for character in text:
        size = get_character_cell_size(character, _UNICODE)
        if size == 2:
            widest, word, wide = max(widest, word), -1, min(wide + 1, 4)
            widest = max(widest, 2 * wide)
        elif character.isspace():
            widest, word, wide = max(widest, word), -1, 0
        else:
            word, wide = max(word, 0) + size, 0
    return max(widest, word)


def natural_width(cells: list[Inline], unit: int = UNIT) -> int:
    """Return the width (twips) a column needs to show each cell on one line (capped at 60 characters)."""
    return measure_column(cells).natural_width(unit)


def fit_widths(naturals: list[int], total: int, minimums: list[int] | None = None) -> list[int]:
    """Share ``total`` twips among columns, the way browsers lay out automatic tables.

    If every column fits on one line, the spare width is spread in proportion to the natural widths.
    Otherwise each column gets its minimum plus a share of what is left in proportion to how much more
    it would like (natural − minimum), so short values stay whole and long texts take the space.
    If even the minimums do not fit, columns whose minimum is below the average keep it and the others
    share the rest in proportion to their minimums. The result sums to ``total`` exactly.
    """
    n = len(naturals)
    if n == 0:
        return []
    mins = [min(m, w) for m, w in zip(minimums or [0] * n, naturals, strict=True)]
    if sum(naturals) <= total:
        widths = [total * w // sum(naturals) for w in naturals]
    elif sum(mins) <= total:
        spare, wanted = total - sum(mins), sum(naturals) - sum(mins)
        widths = [m + (w - m) * spare // wanted for m, w in zip(mins, naturals, strict=True)]
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
