"""The measuring code as it was at 114ab82, frozen: the reference the faster code must agree with to the last bit.

``layout_text.pieces`` (a builder called a character at a time), ``fontmetrics.text_width``, ``widest_piece`` and
``char_width``, ``docx_widths._text_widths`` and ``layout_lines.upper_width``, copied unchanged but for
names and caches (``upper_width`` sums each character's widest advance in a loop, not from a dict it fills).
The font data (``arial_advance``, ``is_wide``, the constants) is the live one: it is what is measured, not how.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from opsplan.render.fontmetrics import OTHER, WIDE, arial_advance, is_wide
from opsplan.render.layout_text import AUTOSPACE, SPACE_ASIAN, SPACES, WEAK

_CLOSING = frozenset("，。、：；！？）」』》】〉”’%‰,.;:!?)]}、·…")
_OPENING = frozenset("（「『《【〈“‘([{")
_HANGING = frozenset("，。、：；！？．")
_SPACES = frozenset(" \t\n\r\u3000")
_DASHES = frozenset("-–")


@functools.lru_cache(maxsize=4096)
def advance(character: str, bold: bool) -> int:
    arial = arial_advance(character, bold)
    if arial is not None:
        return arial
    return WIDE if is_wide(character) else 600


@dataclass(frozen=True, slots=True)
class Piece:
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
    if "\u3400" <= character <= "\u9fff" or "\u3040" <= character <= "\u30ff" or "\uf900" <= character <= "\ufaff":
        flags |= _HAN
    if character.isascii() and character.isalnum():
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
    widths = tuple(advance(c, bold) for c in text)
    return float(sum(widths)), widths


class _Builder:
    def __init__(self, size: float, detail: bool) -> None:
        self.out: list[Piece] = []
        self.detail = detail
        self.em = size / 1000
        self.width = self.hang = 0.0
        self.wide = self.asian = self.open = self.glue = False
        self.previous = 0
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
            if flags & _OPEN and previous & _ALNUM:
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
        self.close()
        self.out.append(Piece(count * 1000 * self.em, False, 0.0, True, count, units=count))
        self.previous = _HAN | _WIDE_FLAG


def pieces(runs: tuple[tuple[str, bool], ...], size: float, detail: bool = False) -> list[Piece]:
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
    at = 0
    for match in _WORD.finditer(text):
        start = match.start()
        for character in text[at:start]:
            builder.character(character, bold)
        if not builder.open and builder.previous & _SPACE:
            builder.wholeword_width(match[0], bold)
        else:
            builder.character(text[start], bold)
            builder.word(text[start + 1 : match.end()], bold)
        at = match.end()
    for character in text[at:]:
        builder.character(character, bold)


@functools.lru_cache(maxsize=16384)
def char_width(character: str, bold: bool = False) -> int:
    arial = arial_advance(character, bold)
    if arial is not None:
        return arial
    size = get_character_cell_size(character, "latest")
    return WIDE if size == 2 else 0 if size == 0 else OTHER


def text_width(text: str, bold: bool = False) -> int:
    return sum(char_width(c, bold) for c in text)


def widest_piece(text: str, bold: bool = False) -> int:
    widest = piece = 0
    wide_run = 0
    previous = ""
    for character in text:
        if character in _SPACES:
            widest, piece, wide_run = max(widest, piece), 0, 0
        elif is_wide(character):
            widest, piece = max(widest, piece), 0
            wide_run = min(wide_run + 1, 4)
            widest = max(widest, wide_run * WIDE)
        else:
            if previous in _DASHES and character.isalpha():
                widest, piece = max(widest, piece), 0
            piece += char_width(character, bold)
            wide_run = 0
        previous = character
    return max(widest, piece)


def text_widths(text: str, bold: bool) -> tuple[int, int]:
    """``docx_widths._text_widths``: (whole width, widest unbreakable piece)."""
    set_whole = set_piece = 0.0
    for piece in pieces(((text, bold),), 1000.0):
        set_whole += piece.width
        if not piece.space and not piece.units:
            set_piece = max(set_piece, piece.width)
    whole = max(text_width(text, bold), math.ceil(set_whole))
    return whole, max(widest_piece(text, bold), math.ceil(set_piece))


_PAIR = re.compile(
    "(?=[\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff][A-Za-z0-9]|[A-Za-z0-9][\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff])"
)


def upper_width(text: str) -> tuple[int, bool]:
    """``layout_lines.upper_width``: each character at its widest, and whether the text holds Chinese."""
    most = 0
    for character in text:
        if character in SPACES:
            most += max(advance(" ", False), advance(" ", True), SPACE_ASIAN)
        else:
            most += max(advance(character, False), advance(character, True), WEAK.get(character, 0))
    wide = not text.isascii() and any(c not in SPACES and is_wide(c) for c in text)
    return most + round(AUTOSPACE * 1000) * len(_PAIR.findall(text)), wide


def _ascii_lines(runs: tuple[tuple[str, bool], ...], size: float, first: float, rest: float) -> int | None:
    em = size / 1000
    space = advance(" ", False) * em
    lines = 1
    available = first
    width = 0.0
    piece = 0.0
    for text, bold in runs:
        for token in re.findall(r"[ \t]|[^ \t]+", text):
            if token == " " or token == "\t":
                if piece:
                    if width + piece > available + 0.01 and width > 0:
                        lines, available, width = lines + 1, rest, 0.0
                    if piece > available + 0.01:
                        return None
                    width += piece
                    piece = 0.0
                width += space
                continue
            parts = re.split(r"(?<=[-/])(?=[A-Za-z])", token) if "-" in token or "/" in token else (token,)
            for index, part in enumerate(parts):
                if index:
                    if width + piece > available + 0.01 and width > 0:
                        lines, available, width = lines + 1, rest, 0.0
                    if piece > available + 0.01:
                        return None
                    width += piece
                    piece = 0.0
                piece += word_width(part, bold)[0] * em
    if piece:
        if width + piece > available + 0.01 and width > 0:
            lines, available, width = lines + 1, rest, 0.0
        if piece > available + 0.01:
            return None
    return lines


def set_lines(
    runs: tuple[tuple[str, bool], ...], size: float, first: float, rest: float, hang: bool
) -> tuple[int, list[bool]]:
    """``layout_lines.set_lines`` (without ``starts``): the quick ways first, then ``line_count`` of the pieces."""
    from opsplan.render.layout_text import line_count

    text = "".join(text for text, _ in runs)
    most, wide = upper_width(text)
    if most * size / 1000 < first - 1e-6:
        return 1, [wide]
    if text.isascii():
        count = _ascii_lines(runs, size, first, rest)
        if count is not None:
            return count, [False] * count
    counted = line_count(pieces(runs, size), first, rest, None, hang)  # type: ignore[arg-type]
    if counted is None:
        counted = line_count(pieces(runs, size, detail=True), first, rest, None, hang)  # type: ignore[arg-type]
    assert counted is not None
    return counted
