"""How LibreOffice sets a paragraph's text in lines: the fonts it falls back to, their advances and line heights.

The estimate (``layout``) predicts LibreOffice's layout of the DOCX we write. The DOCX names Arial and Microsoft
YaHei; on the Linux machines opsplan renders PDFs on, LibreOffice sets Latin text in DejaVu Sans (Arial's
fallback where Liberation Sans is not installed) and Chinese text in Noto Sans CJK SC. Advances here are
DejaVu Sans's (regular and bold, thousandths of an em, from the font's ``hmtx`` table); a wide character
(Chinese, full-width punctuation) is one em. A line is as high as the tallest font on it: Noto Sans CJK is 1.448
em (ascent 1.160, descent 0.288), DejaVu Sans 1.164 em (0.928, 0.236).

Lines break as ICU's rules do for the text opsplan writes: at a space, after a hyphen before a letter, around a
wide character, never inside a Latin word or a number; a closing mark (，。）」、：；！？) never starts a line and an
opening one (（「《“) never ends one; a comma or full stop at the end of a full line hangs into the margin
(LibreOffice's hanging punctuation) instead of taking the character before it to the next line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from opsplan.render.fontmetrics import is_wide

# ASCII 32–126, DejaVu Sans advances, regular then bold
_REGULAR = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 636 "
    "337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 "
    "611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 579 278 974 "
    "634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838"
)
_BOLD = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 "
    "400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 "
    "682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 "
    "712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838"
)
_ASCII = {False: tuple(int(w) for w in _REGULAR.split()), True: tuple(int(w) for w in _BOLD.split())}
# other characters the plans write, set in DejaVu Sans (regular, bold)
_OTHER = {
    "\u00a0": (318, 348),
    "—": (1000, 1000),
    "–": (500, 500),
    "×": (838, 838),
    "→": (838, 838),
    "é": (615, 678),
    "•": (590, 639),
    "·": (318, 380),
    "“": (518, 657),
    "”": (518, 657),
    "‘": (318, 380),
    "’": (318, 380),
}
WIDE = 1000
AUTOSPACE = 0.2  # ems between Chinese and Latin text
# marks and symbols set in Noto Sans CJK after Chinese text (thousandths of an em)
_SPACE_ASIAN = 224  # a space after Chinese text, set in Noto Sans CJK
_WEAK = {
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
LATIN_HEIGHT = 1.164  # DejaVu Sans: (1901 + 483) / 2048

_CLOSING = frozenset("，。、：；！？）」』》】〉”’%‰,.;:!?)]}、·…")  # never at the start of a line
_OPENING = frozenset("（「『《【〈“‘([{")  # never at the end of a line
_HANGING = frozenset("，。、")  # may hang past the right edge at the end of a line
_SPACES = frozenset(" \t\u3000")


@functools.lru_cache(maxsize=4096)
def advance(character: str, bold: bool) -> int:
    """Return the advance of ``character`` in thousandths of an em, in the font LibreOffice sets it in."""
    code = ord(character)
    if 32 <= code <= 126:
        return _ASCII[bold][code - 32]
    other = _OTHER.get(character)
    if other is not None:
        return other[bold]
    return WIDE if is_wide(character) else 600


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of text no line breaks inside (or, with ``units``, that many one-em Chinese characters).

    ``width`` is in points; ``hang`` the width of a comma or full stop at its end that may hang past the right edge;
    ``wide``: it holds a Chinese character, so its line is as high as Noto Sans CJK; ``lead``: how many Latin
    letters and digits it starts with; ``chars``: each character's width, for a piece wider than a line.
    """

    width: float
    space: bool
    hang: float
    wide: bool
    length: int = 1
    lead: int = 0
    chars: tuple[float, ...] = ()
    units: int = 0


_HAN, _ALNUM, _WIDE_FLAG, _CLOSE, _OPEN, _HANG, _SPACE, _DASH = 1, 2, 4, 8, 16, 32, 64, 128
_HAN_RUN = re.compile("[\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff]{3,}")
_WORD = re.compile("[A-Za-z0-9]{2,}")


@functools.lru_cache(maxsize=8192)
def _flags(character: str) -> int:
    flags = 0
    if _is_han(character):
        flags |= _HAN
    if _is_alnum(character):
        flags |= _ALNUM
    if is_wide(character):
        flags |= _WIDE_FLAG
    if character in _CLOSING:
        flags |= _CLOSE
    if character in _OPENING:
        flags |= _OPEN
    if character in _HANGING:
        flags |= _HANG
    if character in _SPACES:
        flags |= _SPACE
    if character in "-–—/":
        flags |= _DASH
    return flags


@functools.lru_cache(maxsize=8192)
def _word(text: str, bold: bool) -> tuple[float, tuple[int, ...]]:
    widths = tuple(advance(c, bold) for c in text)
    return float(sum(widths)), widths


class _Builder:
    """Collects the pieces of a paragraph, character by character (or a word or a run of Chinese at a time)."""

    __slots__ = (
        "asian",
        "chars",
        "detail",
        "em",
        "glue",
        "hang",
        "lead",
        "length",
        "open",
        "out",
        "previous",
        "wide",
        "width",
    )

    def __init__(self, size: float, detail: bool) -> None:
        self.out: list[Piece] = []
        self.detail = detail  # keep each character's width (to break a piece wider than a line)
        self.em = size / 1000
        self.width = self.hang = 0.0
        self.wide = self.asian = self.open = self.glue = False
        self.previous = 0  # the flags of the character before
        self.chars: list[float] = []
        self.lead = self.length = 0

    def close(self) -> None:
        if self.open:
            self.out.append(Piece(self.width, False, self.hang, self.wide, self.length, self.lead, tuple(self.chars)))
        self.width = self.hang = 0.0
        self.wide = self.open = self.glue = False
        self.chars = []
        self.lead = self.length = 0

    def character(self, character: str, bold: bool) -> None:
        flags = _flags(character)
        em = self.em
        if flags & _SPACE:
            self.close()
            self.out.append(Piece((_SPACE_ASIAN if self.asian else advance(" ", bold)) * em, True, 0.0, False))
            self.previous = flags
            return
        weak = _WEAK.get(character) if self.asian else None
        if weak is not None:
            w, cjk = weak * em, True
        else:
            w, cjk = advance(character, bold) * em, bool(flags & _WIDE_FLAG)
        previous = self.previous
        gap = 0.0
        if (flags & _HAN and previous & _ALNUM) or (previous & _HAN and flags & _ALNUM):
            gap = AUTOSPACE * 1000 * em
        if self.open and not self.glue and not flags & _CLOSE:
            if flags & _OPEN and previous & _ALNUM:  # 12（3×4）: a number keeps its bracket
                pass
            elif cjk or previous & _WIDE_FLAG or (previous & _DASH and character.isalpha()):
                self.close()
        if self.length == self.lead and flags & _ALNUM:
            self.lead += 1
        self.width += w + gap
        if self.detail:
            self.chars.append(w + gap)
        self.length += 1
        self.hang = w if flags & _HANG else 0.0
        self.wide = self.wide or cjk
        self.open = True
        self.glue = bool(flags & _OPEN)
        self.previous = flags
        if flags & (_HAN | _ALNUM) or character.isalnum():
            self.asian = bool(flags & _HAN)

    def word(self, text: str, bold: bool) -> None:
        """Add the letters after the first of a Latin word (nothing breaks inside it)."""
        total, widths = _word(text, bold)
        em = self.em
        if self.length == self.lead:
            self.lead += len(text)
        self.width += total * em
        if self.detail:
            self.chars.extend(w * em for w in widths)
        self.length += len(text)
        self.hang = 0.0
        self.previous = _ALNUM
        self.asian = False

    def whole_word(self, text: str, bold: bool) -> None:
        """Add a Latin word after a space or at the start (a new piece)."""
        total, widths = _word(text, bold)
        em = self.em
        self.width, self.length, self.lead = total * em, len(text), len(text)
        if self.detail:
            self.chars = [w * em for w in widths]
        self.hang = 0.0
        self.wide, self.open, self.glue = False, True, False
        self.previous = _ALNUM
        self.asian = False

    def han(self, count: int) -> None:
        """Add ``count`` Chinese characters after the first of a run: each may start a line."""
        self.close()
        self.out.append(Piece(count * 1000 * self.em, False, 0.0, True, count, units=count))
        self.previous = _HAN | _WIDE_FLAG


def pieces(runs: tuple[tuple[str, bool], ...], size: float, detail: bool = False) -> list[Piece]:
    """Return the unbreakable pieces of ``runs`` ((text, bold) pairs) set at ``size`` points.

    Between a Chinese character and a Latin letter or digit LibreOffice adds a fifth of an em (the DOCX's
    automatic spacing between Asian and Western text); punctuation gets none. A quotation mark, dash or arrow
    after Chinese text is set in the Chinese font, one em wide. ``detail``: keep each character's width in the
    pieces (``line_count`` needs them for a piece wider than a line, and asks for them by returning ``None``).
    """
    builder = _Builder(size, detail)
    for text, bold in runs:
        at = 0
        for match in _HAN_RUN.finditer(text):
            _latin(builder, text[at : match.start()], bold)
            builder.character(text[match.start()], bold)
            builder.han(match.end() - match.start() - 2)
            builder.character(text[match.end() - 1], bold)
            at = match.end()
        _latin(builder, text[at:], bold)
    builder.close()
    return builder.out


def _latin(builder: _Builder, text: str, bold: bool) -> None:
    """Add ``text`` (no run of three Chinese characters in it), a Latin word at a time."""
    at = 0
    for match in _WORD.finditer(text):
        start = match.start()
        for character in text[at:start]:
            builder.character(character, bold)
        if not builder.open and builder.previous & _SPACE:  # after a space: a piece of its own
            builder.whole_word(match[0], bold)
        else:
            builder.character(text[start], bold)
            builder.word(text[start + 1 : match.end()], bold)
        at = match.end()
    for character in text[at:]:
        builder.character(character, bold)


def _is_han(character: str) -> bool:
    """Tell whether ``character`` is a Chinese character or kana (not punctuation or a symbol)."""
    return "\u3400" <= character <= "\u9fff" or "\u3040" <= character <= "\u30ff" or "\uf900" <= character <= "\ufaff"


def _is_alnum(character: str) -> bool:
    return character.isascii() and character.isalnum()


def line_count(
    parts: list[Piece], first: float, rest: float, starts: list[int] | None = None
) -> tuple[int, list[bool]] | None:
    """Return how many lines ``parts`` take, the first line ``first`` points wide and the others ``rest``.

    Also whether each line holds a wide character. An empty paragraph is one line. ``starts``, if given, receives
    the index of the character each line after the first starts at. ``None`` when a piece wider than a line came
    without its characters' widths (``pieces(detail=True)`` gives them).
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
        if width + piece.width - piece.hang > available + 0.01 and width > 0:
            lines += 1
            wides.append(False)
            available = rest
            width = 0.0
            if starts is not None:
                starts.append(at)
        if piece.width - piece.hang > available + 0.01 and piece.length > 1:  # wider than a line: broken anywhere
            if not piece.chars:
                return None
            chars = piece.chars
            if width == 0 and 0 < piece.lead < len(chars) and sum(chars[: piece.lead]) <= available:
                # LibreOffice gives up on the Latin word before the bracket and leaves its first letter alone
                lines += 1
                wides.append(False)
                available = rest
                if starts is not None:
                    starts.append(at + 1)
                chars = chars[1:]
                at += 1
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


def set_lines(
    runs: tuple[tuple[str, bool], ...], size: float, first: float, rest: float, starts: list[int] | None = None
) -> tuple[int, list[bool]]:
    """Return how many lines ``runs`` take at ``size`` points (first line ``first`` wide, the others ``rest``).

    Also whether each line holds Chinese; ``starts`` as ``line_count``.
    """
    counted = line_count(pieces(runs, size), first, rest, starts)
    if counted is None:  # a piece wider than a line: again, with each character's width
        if starts is not None:
            starts.clear()
        counted = line_count(pieces(runs, size, detail=True), first, rest, starts)
    assert counted is not None
    return counted


__all__ = ["CJK_HEIGHT", "LATIN_HEIGHT", "Piece", "advance", "line_count", "pieces", "set_lines"]
