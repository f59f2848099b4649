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
from dataclasses import dataclass

from opsplan.render.fontmetrics import arial_advance, is_wide

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


@dataclass(frozen=True, slots=True)
class Piece:
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
    if character in SPACES:
        flags |= _SPACE
    if character in "-–—/":
        flags |= _DASH
    return flags


@functools.lru_cache(maxsize=8192)
def word_width(text: str, bold: bool) -> tuple[float, tuple[int, ...]]:
    """Return the width of ``text`` (thousandths of an em) and each of its characters' advances."""
    widths = tuple(advance(c, bold) for c in text)
    return float(sum(widths)), widths


class _Builder:
    """Collects the pieces of a paragraph, character by character (or a word or a run of Chinese at a time)."""

    __slots__ = (
        "asian",
        "bracket",
        "chars",
        "detail",
        "em",
        "glue",
        "hang",
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
        self.bracket = self.length = 0

    def close(self) -> None:
        if self.open:
            self.out.append(
                Piece(self.width, False, self.hang, self.wide, self.length, self.bracket, tuple(self.chars))
            )
        self.width = self.hang = 0.0
        self.wide = self.open = self.glue = False
        self.chars = []
        self.bracket = self.length = 0

    def character(self, character: str, bold: bool) -> None:
        flags = _flags(character)
        em = self.em
        if flags & _SPACE:
            self.close()
            self.out.append(Piece((SPACE_ASIAN if self.asian else advance(" ", bold)) * em, True, 0.0, False))
            self.previous = flags
            return
        weak = WEAK.get(character) if self.asian else None
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
                self.bracket = self.bracket or self.length
            elif cjk or previous & _WIDE_FLAG or (previous & _DASH and character.isalpha()):
                self.close()
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
        total, widths = word_width(text, bold)
        em = self.em
        self.width += total * em
        if self.detail:
            self.chars.extend(w * em for w in widths)
        self.length += len(text)
        self.hang = 0.0
        self.previous = _ALNUM
        self.asian = False

    def wholeword_width(self, text: str, bold: bool) -> None:
        """Add a Latin word after a space or at the start (a new piece)."""
        total, widths = word_width(text, bold)
        em = self.em
        self.width, self.length, self.bracket = total * em, len(text), 0
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
            builder.wholeword_width(match[0], bold)
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
    "line_count",
    "pieces",
    "word_width",
]
