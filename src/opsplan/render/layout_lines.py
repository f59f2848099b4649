"""How many lines a paragraph's text takes: the pieces of ``layout_text``, or quicker where that gives the same.

Most paragraphs of a plan (table cells above all) fit their first line: an upper bound of their width, each
character at its widest, says so without finding the pieces. ASCII text (English plans) is measured a word at a
time, other text a line at a time (``layout_mixed``). ``tests/test_layout_exact.py`` checks them against the
pieces on every paragraph of two examples.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable

from opsplan.render.fontmetrics import Learnt, is_wide
from opsplan.render.layout_mixed import mixed_lines
from opsplan.render.layout_text import (
    AUTOSPACE,
    SPACE_ASIAN,
    SPACES,
    WEAK,
    WIDE,
    advance,
    is_han,
    line_count,
    pieces,
)

_ALNUM_RUN = re.compile("[A-Za-z0-9]+")


def _most(character: str) -> int:
    """Return the most ``character`` can take: regular or bold, after Latin or Chinese text."""
    if "\u4e00" <= character <= "\u9fff":  # the common Chinese characters: one em, regular or bold
        return WIDE
    if character in SPACES:
        return max(advance(" ", False), advance(" ", True), SPACE_ASIAN)
    return max(advance(character, False), advance(character, True), WEAK.get(character, 0))


_MOST = Learnt(_most)  # summed at C speed, a character at a time: sum(map(_MOST.__getitem__, text))
_WIDE = Learnt(lambda character: character not in SPACES and is_wide(character))


def _widest(text: str) -> int:
    """Return the sum of the most each character of ``text`` can take (thousandths of an em)."""
    return sum(map(_MOST.__getitem__, text))


@functools.lru_cache(maxsize=8192)
def upper_width(text: str) -> tuple[int, bool]:
    """Return at least the width of ``text`` on one line (thousandths of an em) and whether it holds Chinese.

    Each character counted at its widest, a fifth of an em between each Chinese character and letter or digit
    beside it: when this fits a line, the text is one line (``set_lines`` need not find its pieces).
    """
    if text.isascii():  # no Chinese: no wide character, no space beside one
        return _widest(text), False
    return _widest(text) + round(AUTOSPACE * 1000) * _pairs(text), any(map(_WIDE.__getitem__, text))


def _pairs(text: str) -> int:
    """Return how many times a Chinese character and a Latin letter or digit stand side by side in ``text``."""
    if text.isascii() or max(text) < "\u3040":  # no Chinese
        return 0
    count = 0
    for run in _ALNUM_RUN.finditer(text):  # each run of letters and digits: a Chinese character before, after it
        start, end = run.span()
        count += (start > 0 and is_han(text[start - 1])) + (end < len(text) and is_han(text[end]))
    return count


_AFTER_HYPHEN = re.compile("-(?=[A-Za-z])")  # a line may break after a hyphen or a slash before a letter
_AFTER_SLASH = re.compile("/(?=[A-Za-z])")
_GLUE = "\x00"  # marks a break after a dash (no space there) as the text is split: XML holds no NUL
_HYPHEN_BREAK, _SLASH_BREAK = "- " + _GLUE, "/ " + _GLUE
_SPACE = advance(" ", False)
_SPACED = itertools.repeat(True)  # every break of a text without dashes is a space
_BOLD = {bold: itertools.repeat(bold) for bold in (False, True)}
_ASCII = {bold: {chr(code): advance(chr(code), bold) for code in range(128)} for bold in (False, True)}


@functools.lru_cache(maxsize=16384)
def _ascii_width(word: str, bold: bool) -> int:
    """Return the width of ``word`` (ASCII, thousandths of an em)."""
    return sum(map(_ASCII[bold].__getitem__, word))


def _split(text: str) -> tuple[list[str], Iterable[bool]]:
    """Return ``text`` split where a line may break, and whether a space makes each break (else it follows a dash).

    A line breaks at a space or a tab, or after a hyphen or a slash before a letter.
    """
    if "\t" in text:
        text = text.replace("\t", " ")
    if "-" in text:
        text = _AFTER_HYPHEN.sub(_HYPHEN_BREAK, text)  # quicker than splitting each word with a dash in it
    if "/" in text:
        text = _AFTER_SLASH.sub(_SLASH_BREAK, text)
    parts = text.split(" ")
    at = text.find(_GLUE)
    if at < 0:
        return parts, _SPACED
    spaced = [True] * (len(parts) - 1)
    while at >= 0:
        index = text.count(" ", 0, at)  # the part the mark starts
        parts[index] = parts[index][1:]
        spaced[index - 1] = False
        at = text.find(_GLUE, at + 1)
    return parts, spaced


def _ascii_lines(runs: tuple[tuple[str, bool], ...], size: float, first: float, rest: float) -> int | None:
    """Return how many lines ``runs`` of ASCII text take, as ``line_count`` of their pieces would.

    Words are measured whole (a line breaks only where ``_split`` splits). ``None`` for a word wider than a line,
    which ``line_count`` breaks inside.
    """
    em = size / 1000
    space = _SPACE * em
    lines = 1
    available = first
    width = 0.0  # the current line's width, before the piece being read
    piece = 0.0  # the width of the piece being read (it may run on from one run into the next)
    left = len(runs)
    for text, bold in runs:
        left -= 1
        if not left:  # a space after the last run ends its last piece as any other space does
            text += " "
        if "-" in text or "/" in text or "\t" in text:
            parts, spaced = _split(text)
        else:  # split quicker
            parts, spaced = text.split(" "), _SPACED
        widths = map(_ascii_width, parts, _BOLD[bold])
        piece += next(widths) * em
        for part, space_before in zip(widths, spaced):  # noqa: B905 (a break and a part: a piece ends)
            if piece:
                if width + piece > available + 0.01 and width > 0:
                    lines, available, width = lines + 1, rest, 0.0
                if piece > available + 0.01:
                    return None
                width += piece
                piece = 0.0
            if space_before:
                width += space
            piece += part * em
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
    text = runs[0][0] if len(runs) == 1 else "".join([text for text, _ in runs])
    if _widest(text) * size / 1000 < first - 1e-6:  # it may fit: count the spaces beside Chinese too
        if text.isascii():  # no Chinese: upper_width is (_widest, False)
            return 1, [False]
        most, wide = upper_width(text)
        if most * size / 1000 < first - 1e-6:  # fits the first line however it is set: no pieces needed
            return 1, [wide]
    if starts is None and text.isascii():
        count = _ascii_lines(runs, size, first, rest)
        if count is not None:
            return count, [False] * count
    elif starts is None:
        counted = mixed_lines(runs, text, size, first, rest, hang)
        if counted is not None:
            return counted
    counted = line_count(pieces(runs, size), first, rest, starts, hang)
    if counted is None:  # a piece wider than a line: again, with each character's width
        if starts is not None:
            starts.clear()
        counted = line_count(pieces(runs, size, detail=True), first, rest, starts, hang)
    assert counted is not None
    return counted


@functools.lru_cache(maxsize=16384)  # a text at a width and size: again and again in the plans of a batch
def lines_of(
    runs: tuple[tuple[str, bool], ...], size: float, first: float, rest: float, hang: bool
) -> tuple[int, tuple[bool, ...]]:
    """Return ``set_lines`` of ``runs`` (no ``starts``), its flags as a tuple: kept for the next time it is asked."""
    count, wides = set_lines(runs, size, first, rest, None, hang)
    return count, tuple(wides)


__all__ = ["lines_of", "set_lines", "upper_width"]
