"""How many lines a paragraph's text takes: the pieces of ``layout_text``, or quicker where that gives the same.

Most paragraphs of a plan (table cells above all) fit their first line: an upper bound of their width, each
character at its widest, says so without finding the pieces. ASCII text (English plans) is measured a word at a
time. ``tests/test_layout_exact.py`` checks both against the pieces on every paragraph of two examples.
"""

from __future__ import annotations

import functools
import re

from opsplan.render.fontmetrics import is_wide
from opsplan.render.layout_text import (
    AUTOSPACE,
    SPACE_ASIAN,
    SPACES,
    WEAK,
    WIDE,
    advance,
    line_count,
    pieces,
)

_HAN = re.compile("[\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff]")
_PAIR = re.compile(
    "(?=[\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff][A-Za-z0-9]|[A-Za-z0-9][\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff])"
)


_MOST: dict[str, int] = {}  # the most each character can take: regular or bold, after Latin or Chinese text
_WIDE: dict[str, bool] = {}


def _learn(text: str) -> None:
    """Put the characters of ``text`` not yet in ``_MOST`` and ``_WIDE`` there."""
    for character in set(text).difference(_MOST):
        if "\u4e00" <= character <= "\u9fff":  # the common Chinese characters: one em, regular or bold
            _MOST[character], _WIDE[character] = WIDE, True
        elif character in SPACES:
            _MOST[character] = max(advance(" ", False), advance(" ", True), SPACE_ASIAN)
        else:
            _MOST[character] = max(advance(character, False), advance(character, True), WEAK.get(character, 0))
        _WIDE[character] = character not in SPACES and is_wide(character)


@functools.lru_cache(maxsize=8192)
def upper_width(text: str) -> tuple[int, bool]:
    """Return at least the width of ``text`` on one line (thousandths of an em) and whether it holds Chinese.

    Each character counted at its widest, a fifth of an em between each Chinese character and letter or digit
    beside it: when this fits a line, the text is one line (``set_lines`` need not find its pieces).
    """
    try:
        total = sum(map(_MOST.__getitem__, text))
    except KeyError:
        _learn(text)
        total = sum(map(_MOST.__getitem__, text))
    if text.isascii():  # no Chinese: no wide character, no space beside one
        return total, False
    wide = any(map(_WIDE.__getitem__, text))
    if _HAN.search(text) is None:  # no space beside Chinese
        return total, wide
    return total + round(AUTOSPACE * 1000) * len(_PAIR.findall(text)), wide


_DASH_BREAK = re.compile(r"(?<=[-/])(?=[A-Za-z])")
_ASCII = {bold: {chr(code): advance(chr(code), bold) for code in range(128)} for bold in (False, True)}


@functools.lru_cache(maxsize=16384)
def _ascii_width(word: str, bold: bool) -> int:
    """Return the width of ``word`` (ASCII, thousandths of an em)."""
    return sum(map(_ASCII[bold].__getitem__, word))


def _ascii_lines(runs: tuple[tuple[str, bool], ...], size: float, first: float, rest: float) -> int | None:
    """Return how many lines ``runs`` of ASCII text take, as ``line_count`` of their pieces would.

    Words are measured whole (a line breaks only at a space or a tab, or after a hyphen or slash before a letter).
    ``None`` for a word wider than a line, which ``line_count`` breaks inside.
    """
    em = size / 1000
    space = advance(" ", False) * em
    lines = 1
    available = first
    width = 0.0  # the current line's width, before the piece being read
    piece = 0.0  # the width of the piece being read (it may run on from one run into the next)
    for text, bold in runs:
        text = text.replace("\t", " ") if "\t" in text else text
        for index, word in enumerate(text.split(" ")):
            if index:  # a space before the word: the piece before it ends
                if piece:
                    if width + piece > available + 0.01 and width > 0:
                        lines, available, width = lines + 1, rest, 0.0
                    if piece > available + 0.01:
                        return None
                    width += piece
                    piece = 0.0
                width += space
            if "-" not in word and "/" not in word:
                piece += _ascii_width(word, bold) * em
                continue
            for part_index, part in enumerate(_DASH_BREAK.split(word)):
                if part_index:  # a break after the dash: the piece before it ends
                    if width + piece > available + 0.01 and width > 0:
                        lines, available, width = lines + 1, rest, 0.0
                    if piece > available + 0.01:
                        return None
                    width += piece
                    piece = 0.0
                piece += _ascii_width(part, bold) * em
    if piece:
        if width + piece > available + 0.01 and width > 0:
            lines, available, width = lines + 1, rest, 0.0
        if piece > available + 0.01:
            return None
    return lines


def set_lines(
    runs: tuple[tuple[str, bool], ...],
    size: float,
    first: float,
    rest: float,
    starts: list[int] | None = None,
    hang: bool = True,
) -> tuple[int, list[bool]]:
    """Return how many lines ``runs`` take at ``size`` points (first line ``first`` wide, the others ``rest``).

    Also whether each line holds Chinese; ``starts`` and ``hang`` as ``line_count``.
    """
    text = "".join(text for text, _ in runs)
    most, wide = upper_width(text)
    if most * size / 1000 < first - 1e-6:  # fits the first line however it is set: no pieces needed
        return 1, [wide]
    if starts is None and text.isascii():
        count = _ascii_lines(runs, size, first, rest)
        if count is not None:
            return count, [False] * count
    counted = line_count(pieces(runs, size), first, rest, starts, hang)
    if counted is None:  # a piece wider than a line: again, with each character's width
        if starts is not None:
            starts.clear()
        counted = line_count(pieces(runs, size, detail=True), first, rest, starts, hang)
    assert counted is not None
    return counted


__all__ = ["set_lines", "upper_width"]
