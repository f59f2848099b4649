"""How many lines text with Chinese in it takes, found a line at a time rather than a piece at a time.

``layout_text.pieces`` reads a paragraph a character at a time and ``line_count`` then fills its lines a piece
at a time: a Python step for nearly every character of a Chinese paragraph, each of which may start a line. Here
the characters' widths are summed at C speed (their advances, with the few that depend on what is before them
put right: the fifth of an em between Chinese and Latin text, a space or a quotation mark after Chinese), each
line's end is found by bisecting those sums, and only the characters around it are read, to find where the piece
there starts and ends. Widths are whole thousandths of an em, so the sums are exact; the comparisons come out as
``line_count``'s floating-point ones do unless what a line holds is exactly as wide as its room (a room within a
millionth of an em of a whole number of thousandths, which a sum reaches): there floating point decides, and this
gives way (``None``), as it does for what it leaves to the pieces: kana and the rarer Chinese characters, a piece
wider than a line (broken inside it), a character wider than the line.
``tests/test_layout_mixed.py`` checks it against the pieces on many generated texts.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right

from opsplan.render.fontmetrics import Learnt
from opsplan.render.layout_text import (
    _ALNUM,
    _ALPHA,
    _CLOSE,
    _DASH,
    _HANG,
    _OPEN,
    _SPACE,
    _WEAK,
    _WIDE_FLAG,
    SPACE_ASIAN,
    WEAK,
    _character,
    _flags,
    advance,
)

_FLAGS = Learnt(_flags)
_RARE = 10**9  # the advance given here to kana and the rarer Chinese characters: the pieces measure their text


def _advance(character: str, bold: bool) -> int:
    if "\u3400" <= character <= "\u4dff" or "\u3040" <= character <= "\u30ff" or "\uf900" <= character <= "\ufaff":
        return _RARE
    return _character(character, bold)[1]


_ADVANCES = {bold: Learnt(functools.partial(_advance, bold=bold)) for bold in (False, True)}
# a character that makes its line wide (Chinese on it): wide and not a space (a quotation mark after Chinese too)
_WIDE_INK = Learnt(lambda character: bool(_FLAGS[character] & _WIDE_FLAG and not _FLAGS[character] & _SPACE))
_AUTOSPACE = 200  # thousandths of an em between a Chinese character and a Latin letter or digit
_SPACE_ADVANCE = advance(" ", False)  # a space (or a tab, or an ideographic space) after Latin text, regular or bold
if advance(" ", True) != _SPACE_ADVANCE:  # pragma: no cover - the fonts' data
    raise AssertionError("a bold space is as wide as a regular one in Liberation Sans")
_SPACES = " \t\u3000"
_AFTER_CHINESE = frozenset(_SPACES + "".join(WEAK))  # set otherwise after Chinese text than after Latin
# a run of Latin letters and digits (a Chinese character beside it is a fifth of an em further off), or a space or a
# mark set otherwise after Chinese; no range of Chinese characters in it, which takes re a millisecond to compile
_CONTEXT = re.compile(f"[A-Za-z0-9]+|[{re.escape(''.join(sorted(_AFTER_CHINESE)))}]")


def mixed_lines(
    runs: tuple[tuple[str, bool], ...], text: str, size: float, first: float, rest: float, hang: bool
) -> tuple[int, list[bool]] | None:
    """Return ``line_count`` of ``pieces(runs, size)`` (``text``: the runs' text joined), or ``None`` to ask the pieces.

    The first line is ``first`` points wide, the others ``rest``; ``hang`` as ``line_count``.
    """
    em = size / 1000
    limits = ((first + 0.01) / em, (rest + 0.01) / em)  # a line's room, in thousandths of an em
    if min(limits) < 1000:
        return None
    widths, weak = _set_widths(runs, text)
    sums = [0, *itertools.accumulate(widths)]
    if sums[-1] >= _RARE:
        return None
    return _fill(text, sums, limits, hang, weak)


def mixed_widths(text: str, bold: bool) -> tuple[int, int] | None:
    """Return the pieces' total width and widest piece (``docx_widths._text_widths``), or ``None`` to ask the pieces.

    Those of ``pieces(((text, bold),), 1000.0)``, in thousandths of an em: the widest leaves out spaces and the Chinese
    between Chinese (each a piece of ``units``), which is never the widest here: the first of a run of three or more
    Chinese characters is a piece at least as wide. A character at a time, in whole numbers, without the pieces.
    """
    widths, weak = _set_widths(((text, bold),), text)
    whole = sum(widths)
    if whole >= _RARE:
        return None
    widest = piece = 0
    previous = _SPACE  # nothing before the first character: it starts a piece
    flags_of = _FLAGS
    for at, character in enumerate(text):
        flags = flags_of[character]
        if flags & _SPACE:
            if piece > widest:
                widest = piece
            piece = 0
        else:
            if not (
                previous & (_SPACE | _OPEN)
                or flags & _CLOSE
                or (flags & _OPEN and previous & _ALNUM)
                or not (
                    flags & _WIDE_FLAG
                    or (flags & _WEAK and at in weak)
                    or previous & _WIDE_FLAG
                    or (previous & _DASH and flags & _ALPHA)
                )
            ):
                if piece > widest:  # a piece ends before this character
                    widest = piece
                piece = 0
            piece += widths[at]
        previous = flags
    return whole, max(widest, piece)


def _set_widths(runs: tuple[tuple[str, bool], ...], text: str) -> tuple[list[int], set[int]]:
    """Return each character's width as set (thousandths of an em), and where a mark is set after Chinese.

    Kana and the rarer Chinese characters are ``_RARE`` wide: their text is left to the pieces.
    """
    widths = _widths(runs, text)
    weak: set[int] = set()  # the marks set after Chinese, one em wide or so, making their line wide
    end = len(text)
    for match in _CONTEXT.finditer(text):
        at, after = match.span()
        character = text[at]
        if character not in _AFTER_CHINESE:  # Latin letters and digits: a fifth of an em from Chinese each side
            if at and "\u4e00" <= text[at - 1] <= "\u9fff":
                widths[at] += _AUTOSPACE
            if after < end and "\u4e00" <= text[after] <= "\u9fff":
                widths[after] += _AUTOSPACE
        elif _after_chinese(text, at):
            if character in WEAK:
                widths[at] = WEAK[character]
                weak.add(at)
            else:
                widths[at] = SPACE_ASIAN
        elif character in _SPACES:
            widths[at] = _SPACE_ADVANCE
    return widths, weak


def _after_chinese(text: str, at: int) -> bool:
    """Tell whether the last letter, digit or Chinese character before character ``at`` is Chinese."""
    for index in range(at - 1, -1, -1):
        character = text[index]
        if "\u4e00" <= character <= "\u9fff":
            return True
        if character.isalnum():
            return False
    return False


def _next_ink(text: str, at: int) -> int:
    """Return the first character from ``at`` on that is not a space (the length of ``text`` when there is none)."""
    end = len(text)
    while at < end and text[at] in _SPACES:
        at += 1
    return at


def _widths(runs: tuple[tuple[str, bool], ...], text: str) -> list[int]:
    """Return each character's advance in its run's face (thousandths of an em), before what is before it counts."""
    if len(runs) == 1:
        return list(map(_ADVANCES[runs[0][1]].__getitem__, text))
    widths: list[int] = []
    for part, bold in runs:
        widths += map(_ADVANCES[bold].__getitem__, part)
    return widths


def _fill(
    text: str, sums: list[int], limits: tuple[float, float], hang: bool, weak: set[int]
) -> tuple[int, list[bool]] | None:
    """Return the lines ``text`` takes, as ``line_count`` fills them, from the sums of its characters' widths."""
    wides: list[bool] = []
    end = len(text)
    start = 0
    room = limits[0]
    while True:
        whole = round(room)
        if abs(room - whole) < 1e-6:  # a line as wide as the room to the last bit: floating point decides
            tie = bisect_left(sums, sums[start] + whole)
            if tie <= end and sums[tie] == sums[start] + whole:
                return None
        over = bisect_right(sums, sums[start] + room) - 1  # the first character that does not fit
        if over >= end:
            break
        flags = _FLAGS[text[over]]
        if flags & _SPACE:  # a space stays on its line: the next piece starts the next one
            following = _next_ink(text, over)
            if following == end:
                break
        else:
            piece = over
            while piece > start and not _breaks_before(text, piece, weak):
                piece -= 1
            piece_end = over + 1
            while piece_end < end and not _breaks_before(text, piece_end, weak):
                piece_end += 1
            hangs = hang and piece_end == over + 1 and flags & _HANG and sums[over] <= sums[start] + room
            if piece > start and not hangs:
                following = piece
            elif hangs or piece_end - piece == 1:  # a stop hanging past the edge, or one character wider than a line
                following = _next_ink(text, piece_end)
                if following == end:
                    break
            else:  # a piece wider than a line: broken inside, as the pieces break it
                return None
        wides.append(_wide(text, start, following, weak))
        start = following
        room = limits[1]
    wides.append(_wide(text, start, end, weak))
    return len(wides), wides


def _breaks_before(text: str, at: int, weak: set[int]) -> bool:
    """Tell whether a piece starts at character ``at`` (not the first): a line may break before it."""
    flags = _FLAGS[text[at]]
    previous = _FLAGS[text[at - 1]]
    if flags & _SPACE or previous & _SPACE:
        return True
    if previous & _OPEN or flags & _CLOSE or (flags & _OPEN and previous & _ALNUM):
        return False  # an opening mark keeps what follows; a closing one, what is before; a number its bracket
    wide = flags & _WIDE_FLAG or (flags & _WEAK and at in weak)
    return bool(wide or previous & _WIDE_FLAG or (previous & _DASH and flags & _ALPHA))


def _wide(text: str, start: int, end: int, weak: set[int]) -> bool:
    """Tell whether characters ``start`` to ``end`` (not included) hold one set as Chinese."""
    return any(map(_WIDE_INK.__getitem__, text[start:end])) or any(start <= at < end for at in weak)


__all__ = ["mixed_lines", "mixed_widths"]
