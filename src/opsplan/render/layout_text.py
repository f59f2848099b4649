"""How LibreOffice sets a paragraph's text in lines: the fonts it falls back to, their advances and line heights.

The estimate (``layout``) predicts LibreOffice's layout of the DOCX we write. The DOCX names Arial and Microsoft
YaHei; LibreOffice sets Latin text in Liberation Sans (Arial's advances, ``fontmetrics``) and Chinese text in Noto
Sans CJK SC; a wide character (Chinese, full-width punctuation) is one em. Our styles set exact line heights; a
line spaced automatically (a picture's, or a style from ``--reference-docx``) is as high as the tallest font on it:
Noto Sans CJK is 1.448 em (ascent 1.160, descent 0.288), Liberation Sans 1.149 em (0.905, 0.212, gap 0.033).

Lines break as ICU's rules do for the text opsplan writes: at a space, after a hyphen before a letter, around a
wide character, never inside a Latin word or a number; a closing mark (，。）」、：；！？) never starts a line and an
opening one (（「《“) never ends one; a full-width comma, stop, colon, semicolon, ! or ? at the end of a full line
hangs into the margin (LibreOffice's hanging punctuation; not in a table cell, and never a bracket or a quotation
mark) instead of taking the character before it to the next line.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from opsplan.render.fontmetrics import ASCII_ADVANCES, Learnt, arial_advance, is_wide

WIDE = 1000
AUTOSPACE = 0.2  # ems between Chinese and Latin text
# marks and symbols set in Noto Sans CJK after Chinese text (thousandths of an em)
SPACE_ASIAN = 224  # a space after Chinese text, set in Noto Sans CJK
WEAK = {
    "█": 1000,
    "▒": 1000,
    "◆": 1000,
    "★": 1000,
    "“": 1000,
    "”": 1000,
    "‘": 1000,
    "’": 1000,
    "—": 894,
    "→": 1000,
    "×": 1000,
    "·": 1000,
    "…": 1000,
}
CJK_HEIGHT = 1.448  # Noto Sans CJK: ascent 1160 + descent 288 per 1000
LATIN_HEIGHT = 1.149  # Liberation Sans: (1854 + 434 + 67) / 2048

_CLOSING = frozenset("，。、：；！？）」』》】〉”’%‰,.;:!?)]}、·…")  # never at the start of a line
_OPENING = frozenset("（「『《【〈“‘([{")  # never at the end of a line
_HANGING = frozenset("，。、：；！？．")  # may hang past the right edge at the end of a line (not ）」”》)
SPACES = frozenset(" \t\u3000")


@functools.lru_cache(maxsize=4096)
def advance(character: str, bold: bool) -> int:
    """Return the advance of ``character`` in thousandths of an em, in the font LibreOffice sets it in."""
    arial = arial_advance(character, bold)
    if arial is not None:
        return arial
    return WIDE if is_wide(character) else 600


class Piece(NamedTuple):
    """A piece of text no line breaks inside (or, with ``units``, that many one-em Chinese characters).

    ``width`` is in points; ``hang`` the width of a mark at its end that may hang past the right edge; ``wide``: it
    holds a Chinese character, so its line is as high as Noto Sans CJK; ``bracket``: where an opening bracket that a
    number or word keeps (12（3×4）) is in it, if any; ``chars``: each character's width, for a piece wider than a
    line.
    """

    width: float
    space: bool
    hang: float
    wide: bool
    length: int = 1
    bracket: int = 0
    chars: tuple[float, ...] = ()
    units: int = 0


_HAN, _ALNUM, _WIDE_FLAG, _CLOSE, _OPEN, _HANG, _SPACE, _DASH = 1, 2, 4, 8, 16, 32, 64, 128
_WEAK, _ALPHA, _LETTER = 256, 512, 1024  # in WEAK; str.isalpha(); str.isalnum()
_WORD = re.compile("([A-Za-z0-9]{2,})")  # a Latin word: nothing breaks inside it


@functools.cache
def _runs_and_words() -> re.Pattern[str]:
    """Return the pattern of a run of three or more Chinese characters or a Latin word.

    Compiled when first asked for: ``re`` takes a millisecond over a class this wide, which English text never needs.
    """
    return re.compile("([\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff]{3,}|[A-Za-z0-9]{2,})")


def _tokens(text: str) -> list[str]:
    """Return ``text`` as characters to read one at a time, then something to add whole, then characters, and so on.

    What is added whole is a Latin word or the middle of a run of Chinese (all but its first and last character).
    """
    if text.isascii() or max(text) < "\u3040":  # no Chinese
        return _WORD.split(text)
    tokens = _runs_and_words().split(text)
    for at in range(1, len(tokens), 2):
        run = tokens[at]
        if run[0] > "z":  # a run of Chinese: its first and last characters are read one at a time
            tokens[at - 1] += run[0]
            tokens[at] = run[1:-1]
            tokens[at + 1] = run[-1] + tokens[at + 1]
    return tokens


def is_han(character: str) -> bool:
    """Tell whether ``character`` is a Chinese character or kana (not punctuation or a symbol)."""
    return "\u3400" <= character <= "\u9fff" or "\u3040" <= character <= "\u30ff" or "\uf900" <= character <= "\ufaff"


def _is_alnum(character: str) -> bool:
    return character.isascii() and character.isalnum()


def _flags(character: str) -> int:
    """Return what ``character`` is, as the bits above."""
    if "\u4e00" <= character <= "\u9fff":  # the common Chinese characters: wide, none of the marks
        return _HAN | _WIDE_FLAG | (_ALPHA if character.isalpha() else 0) | (_LETTER if character.isalnum() else 0)
    tests = (
        (is_han(character), _HAN),
        (_is_alnum(character), _ALNUM),
        (is_wide(character), _WIDE_FLAG),
        (character in _CLOSING, _CLOSE),
        (character in _OPENING, _OPEN),
        (character in _HANGING, _HANG),
        (character in SPACES, _SPACE),
        (character in "-–—/", _DASH),
        (character in WEAK, _WEAK),
        (character.isalpha(), _ALPHA),
        (character.isalnum(), _LETTER),
    )
    return sum(bit for test, bit in tests if test)


def _character(character: str, bold: bool) -> tuple[int, int]:
    """Return the flags and the advance of ``character``."""
    if "\u4e00" <= character <= "\u9fff":  # the common Chinese characters: one em (advance's is_wide), learnt quicker
        return _flags(character), WIDE
    return _flags(character), advance(character, bold)


# each character's flags and advance, looked up without a call (as every character of a text is): printable ASCII
# from the start, the others learnt when first met
_ASCII_ADVANCE = {bold: {chr(32 + i): w for i, w in enumerate(ASCII_ADVANCES[bold])} for bold in (False, True)}
_KNOWN = {
    bold: Learnt(functools.partial(_character, bold=bold), {c: (_flags(c), w) for c, w in _ASCII_ADVANCE[bold].items()})
    for bold in (False, True)
}
_piece = tuple.__new__  # a Piece without a Python call: _piece(Piece, (width, space, hang, ...))
# no piece being read: its width, hang, wide, is_open, glue, length and bracket
_NONE_OPEN = (0.0, 0.0, False, False, False, 0, 0)


@functools.lru_cache(maxsize=8192)
def word_width(text: str, bold: bool) -> tuple[float, tuple[int, ...]]:
    """Return the width of ``text`` (thousandths of an em) and each of its characters' advances."""
    table = _ASCII_ADVANCE[bold]
    widths = tuple(map(table.__getitem__, text)) if all(map(table.__contains__, text)) else _advances(text, bold)
    return float(sum(widths)), widths


def _advances(text: str, bold: bool) -> tuple[int, ...]:
    return tuple(advance(c, bold) for c in text)


def pieces(runs: tuple[tuple[str, bool], ...], size: float, detail: bool = False) -> list[Piece]:
    """Return the unbreakable pieces of ``runs`` ((text, bold) pairs) set at ``size`` points.

    Between a Chinese character and a Latin letter or digit LibreOffice adds a fifth of an em (the DOCX's
    automatic spacing between Asian and Western text); punctuation gets none. A quotation mark, dash or arrow
    after Chinese text is set in the Chinese font, one em wide. ``detail``: keep each character's width in the
    pieces (``line_count`` needs them for a piece wider than a line, and asks for them by returning ``None``).

    One pass, a character at a time, but a Latin word (nothing breaks inside it; its letters after the first are
    added at once) and the characters between the first and the last of a run of Chinese (each may start a line:
    one piece of ``units``) are added whole.
    """
    em = size / 1000
    autospace = AUTOSPACE * 1000 * em
    out: list[Piece] = []
    # the piece being read: its width, hanging mark, wide character, whether there is one, whether it ends with an
    # opening mark (which keeps what follows), its length, bracket and characters' widths
    chars: list[float]
    width, hang, wide, is_open, glue, length, bracket, chars = *_NONE_OPEN, []
    asian = False  # the last letter, digit or Chinese character was Chinese
    previous = 0  # the flags of the character before
    for text, bold in runs:
        known = _KNOWN[bold]
        space = advance(" ", bold)
        for index, token in enumerate(_tokens(text)):
            if not index % 2:  # characters one at a time
                for character in token:
                    flags, advanced = known[character]
                    if flags & _SPACE:
                        if is_open:
                            out.append(_piece(Piece, (width, False, hang, wide, length, bracket, tuple(chars), 0)))
                            width, hang, wide, is_open, glue, length, bracket, chars = *_NONE_OPEN, []
                        out.append(
                            _piece(Piece, ((SPACE_ASIAN if asian else space) * em, True, 0.0, False, 1, 0, (), 0))
                        )
                        previous = flags
                        continue
                    if asian and flags & _WEAK:
                        w, cjk = WEAK[character] * em, True
                    else:
                        w, cjk = advanced * em, flags & _WIDE_FLAG != 0
                    if (flags & _HAN and previous & _ALNUM) or (previous & _HAN and flags & _ALNUM):
                        w_gap = w + autospace
                    else:
                        w_gap = w + 0.0
                    if is_open and not glue and not flags & _CLOSE:
                        if flags & _OPEN and previous & _ALNUM:  # 12（3×4）: a number keeps its bracket
                            bracket = bracket or length
                        elif cjk or previous & _WIDE_FLAG or (previous & _DASH and flags & _ALPHA):
                            out.append(_piece(Piece, (width, False, hang, wide, length, bracket, tuple(chars), 0)))
                            width, hang, wide, is_open, glue, length, bracket, chars = *_NONE_OPEN, []
                    width += w_gap
                    if detail:
                        chars.append(w_gap)
                    length += 1
                    hang = w if flags & _HANG else 0.0
                    wide = wide or cjk
                    is_open = True
                    glue = flags & _OPEN != 0
                    previous = flags
                    if flags & (_HAN | _ALNUM | _LETTER):
                        asian = flags & _HAN != 0
            elif token[0] > "z":  # the middle of a run of Chinese (a word is ASCII)
                if is_open:
                    out.append(_piece(Piece, (width, False, hang, wide, length, bracket, tuple(chars), 0)))
                    width, hang, wide, is_open, glue, length, bracket, chars = *_NONE_OPEN, []
                count = len(token)
                out.append(_piece(Piece, (count * 1000 * em, False, 0.0, True, count, 0, (), count)))
                previous = _HAN | _WIDE_FLAG
            else:  # a Latin word: nothing breaks inside it
                if not is_open and previous & _SPACE:  # after a space: a piece of its own
                    total, widths = word_width(token, bold)
                    width, length, bracket = total * em, len(token), 0
                    if detail:
                        chars = [w * em for w in widths]
                    wide = False
                else:  # its first letter as any other character (it may break from what is before)
                    w = known[token[0]][1] * em
                    w_gap = w + autospace if previous & _HAN else w + 0.0
                    if is_open and not glue and (previous & _WIDE_FLAG or (previous & _DASH and token[0].isalpha())):
                        out.append(_piece(Piece, (width, False, hang, wide, length, bracket, tuple(chars), 0)))
                        width, hang, wide, is_open, glue, length, bracket, chars = *_NONE_OPEN, []
                    width += w_gap
                    if detail:
                        chars.append(w_gap)
                    total, widths = word_width(token[1:], bold)
                    width += total * em
                    if detail:
                        chars.extend(w * em for w in widths)
                    length += len(token)
                hang = 0.0
                is_open, glue = True, False
                previous = _ALNUM
                asian = False
    if is_open:
        out.append(_piece(Piece, (width, False, hang, wide, length, bracket, tuple(chars), 0)))
    return out


def line_count(
    parts: list[Piece], first: float, rest: float, starts: list[int] | None = None, hang: bool = True
) -> tuple[int, list[bool]] | None:
    """Return how many lines ``parts`` take, the first line ``first`` points wide and the others ``rest``.

    Also whether each line holds a wide character. An empty paragraph is one line. ``starts``, if given, receives
    the index of the character each line after the first starts at. ``None`` when a piece wider than a line came
    without its characters' widths (``pieces(detail=True)`` gives them). ``hang``: a comma or full stop at the end
    of a full line may hang past the right edge (LibreOffice lets it in a paragraph, not in a table cell).
    """
    lines = 1
    at = 0
    wides = [False]
    width = 0.0
    available = first
    for piece in parts:
        if piece.space:
            width += piece.width
            at += 1
            continue
        if piece.units:  # one-em characters, each of which may start a line
            unit = piece.width / piece.units
            left = piece.units
            while left:
                fit = min(int((available + 0.01 - width) / unit), left) if width + unit <= available + 0.01 else 0
                if fit:
                    width += fit * unit
                    wides[-1] = True
                    left -= fit
                    at += fit
                if left:
                    lines += 1
                    wides.append(False)
                    available = rest
                    width = 0.0
                    if starts is not None:
                        starts.append(at)
            continue
        hanging = piece.hang if hang else 0.0
        if width + piece.width - hanging > available + 0.01 and width > 0:
            lines += 1
            wides.append(False)
            available = rest
            width = 0.0
            if starts is not None:
                starts.append(at)
        if piece.width - hanging > available + 0.01 and piece.length > 1:  # wider than a line: broken anywhere
            if not piece.chars:
                return None
            chars = piece.chars
            keep = piece.bracket - 1  # the letters or digits before the last one that keeps the bracket
            if width == 0 and keep > 0 and sum(chars[:keep]) <= available + 0.01:
                # LibreOffice ends the line before the last letter or digit that keeps the bracket (1 / 2（3×4）)
                lines += 1
                wides.append(False)
                available = rest
                if starts is not None:
                    starts.append(at + keep)
                chars = chars[keep:]
                at += keep
            for offset, char in enumerate(chars):
                if width + char > available + 0.01 and width > 0:
                    lines += 1
                    wides.append(False)
                    available = rest
                    width = 0.0
                    if starts is not None:
                        starts.append(at + offset)
                width += char
                wides[-1] = wides[-1] or piece.wide
            at += len(chars)
            continue
        at += piece.length
        width += piece.width
        if piece.wide:
            wides[-1] = True
    return lines, wides


__all__ = [
    "AUTOSPACE",
    "CJK_HEIGHT",
    "LATIN_HEIGHT",
    "SPACES",
    "SPACE_ASIAN",
    "WEAK",
    "Piece",
    "advance",
    "is_han",
    "line_count",
    "pieces",
    "word_width",
]
