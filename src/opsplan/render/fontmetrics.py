"""How wide text is when set in the DOCX's fonts, and where a line may break inside it.

Widths are in thousandths of an em (1000 is the type size). The DOCX names Arial for Latin text; Word and WPS
set it in Arial, LibreOffice in Liberation Sans, which has Arial's advances (Debian's fonts-liberation2; fontconfig
maps Arial to it). The advances here are Liberation Sans's, regular and bold, for printable ASCII and the other
Latin characters the plans write. Wide characters (Chinese, Japanese, Korean, full-width forms) are one em; other
characters are taken as 0.7 em. ``screen_text_width`` gives the wider of Arial's and DejaVu Sans's advances, for
the HTML plan, whose font is the reader's system's.

Line breaks follow the rules the three word processors share for the text opsplan writes: a line breaks at a
space, after a hyphen or an en dash that is followed by a letter, and between two wide characters (or a wide
and a narrow one); never inside a Latin word, a number or a no-break space (``CNY 131,884`` written with
U+00A0 is one piece).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import TypeVar

from rich.cells import get_character_cell_size

# ASCII 32–126, Arial's (Liberation Sans's) advances, regular then bold (the fonts' hmtx tables)
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 "
    "611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 "
    "556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 "
    "611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 "
    "611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584"
)
ASCII_ADVANCES = {False: tuple(int(w) for w in _REGULAR.split()), True: tuple(int(w) for w in _BOLD.split())}
# other Latin characters the plans write (regular, bold); a no-break space is as wide as a space
LATIN_ADVANCES = {
    "\u00a0": (278, 278),
    "—": (1000, 1000),
    "–": (556, 556),
    "×": (584, 584),
    "→": (1000, 1000),
    "é": (556, 556),
    "•": (350, 350),
    "·": (333, 333),
    "“": (333, 500),
    "”": (333, 500),
    "‘": (222, 278),
    "’": (222, 278),
    "…": (1000, 1000),
}
# the same, the wider of Helvetica's (Arial's) and DejaVu Sans's: for a screen whose font is not known (the HTML plan)
_SAFE_REGULAR = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 636 "
    "337 337 838 838 838 556 1015 684 686 722 770 667 611 778 752 295 500 667 557 863 748 787 667 787 722 667 "
    "611 732 684 989 685 667 685 390 337 390 838 556 500 613 635 550 635 615 352 635 634 278 278 579 278 974 "
    "634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838"
)
_SAFE_BOLD = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 "
    "400 400 838 838 838 611 1000 774 762 734 830 683 683 821 837 372 556 775 637 995 837 850 733 850 770 720 "
    "682 812 774 1103 771 724 725 457 365 457 838 556 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 "
    "712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838"
)
_SAFE = {False: tuple(int(w) for w in _SAFE_REGULAR.split()), True: tuple(int(w) for w in _SAFE_BOLD.split())}
WIDE = 1000
OTHER = 700
_SPACES = frozenset(" \t\n\r\u3000")  # where a line may break; U+00A0 (no-break space) is not among them
_DASHES = frozenset("-–")
_UNICODE = "latest"  # widths must not depend on the environment (rich's "auto" reads UNICODE_VERSION)
_WIDE_PIECE = 4  # wide text may break anywhere; a column is kept at least four wide characters across
# every character with an Arial advance (printable ASCII, the Latin marks), and the letters among them
_LATIN = {bold: {chr(32 + i): w for i, w in enumerate(ASCII_ADVANCES[bold])} for bold in (False, True)}
for _mark, _advances in LATIN_ADVANCES.items():
    _LATIN[False][_mark], _LATIN[True][_mark] = _advances
_LATIN_CHARACTERS = "".join(_LATIN[False])
_LATIN_LETTERS = "".join(c for c in _LATIN_CHARACTERS if c.isalpha())
_HYPHEN_BREAK = re.compile(f" |(?<=[-–])(?=[{_LATIN_LETTERS}])")  # where a piece of Latin text ends


_T = TypeVar("_T")


class Learnt(dict[str, _T]):
    """A character's value, worked out by ``learn`` the first time it is asked for and kept.

    Looked up as a dict is (``learnt[character]``, or summed at C speed: ``sum(map(learnt.__getitem__, text))``),
    without a Python call for a character met before.
    """

    def __init__(self, learn: Callable[[str], _T], known: dict[str, _T] | None = None) -> None:
        super().__init__(known or {})
        self.learn = learn

    def __missing__(self, character: str) -> _T:
        value = self[character] = self.learn(character)
        return value


def arial_advance(character: str, bold: bool) -> int | None:
    """Return Arial's advance of ``character`` (printable ASCII or a Latin mark the plans write), else None."""
    code = ord(character)
    if 32 <= code <= 126:
        return ASCII_ADVANCES[bold][code - 32]
    latin = LATIN_ADVANCES.get(character)
    return None if latin is None else latin[bold]


@functools.lru_cache(maxsize=16384)
def char_width(character: str, bold: bool = False) -> int:
    """Return the advance of ``character`` in thousandths of an em."""
    if "\u4e00" <= character <= "\u9fff":  # the common Chinese characters, without a table look-up (as is_wide)
        return WIDE
    arial = arial_advance(character, bold)
    if arial is not None:
        return arial
    size = get_character_cell_size(character, _UNICODE)
    return WIDE if size == 2 else 0 if size == 0 else OTHER


@functools.lru_cache(maxsize=8192)
def screen_text_width(text: str, bold: bool = False) -> int:
    """Return the width of ``text`` (thousandths of an em) in any of Arial and DejaVu Sans: for a screen's font."""
    total = 0
    for character in text:
        code = 32 if character == "\u00a0" else ord(character)
        if 32 <= code <= 126:
            total += _SAFE[bold][code - 32]
        else:
            size = get_character_cell_size(character, _UNICODE)
            total += WIDE if size == 2 else 0 if size == 0 else OTHER
    return total


def is_wide(character: str) -> bool:
    """Tell whether ``character`` is set one em wide and may break from its neighbours (CJK)."""
    if character < "\u1100":  # nothing before the Hangul jamo is wide
        return False
    if "\u4e00" <= character <= "\u9fff":  # the common Chinese characters, without a table look-up
        return True
    return get_character_cell_size(character, _UNICODE) == 2


# char_width and is_wide of each character met, by a dict look-up (measure reads every character of a cell)
_WIDTHS = {bold: Learnt(functools.partial(char_width.__wrapped__, bold=bold)) for bold in (False, True)}  # uncached
_IS_WIDE = Learnt(is_wide)


@functools.lru_cache(maxsize=8192)
def text_width(text: str, bold: bool = False) -> int:
    """Return the width of ``text`` on one line, in thousandths of an em."""
    if is_latin(text):
        return sum(map(_LATIN[bold].__getitem__, text))
    return sum(map(char_width, text, itertools.repeat(bold)))


def is_latin(text: str) -> bool:
    """Tell whether each character of ``text`` has an Arial advance: printable ASCII or a Latin mark the plans write."""
    return not text.strip(_LATIN_CHARACTERS)


def widest_piece(text: str, bold: bool = False) -> int:
    """Return the width of the widest piece of ``text`` no line can break (0 for blank text).

    Pieces of wide text are counted up to four characters, so that a column is not made one character wide.
    """
    return measure(text, bold)[1]


@functools.lru_cache(maxsize=8192)
def measure(text: str, bold: bool = False) -> tuple[int, int]:
    """Return ``text_width`` and ``widest_piece`` of ``text``, in one pass."""
    if is_latin(text):  # pieces end at a space, and after a hyphen or an en dash before a letter
        table = _LATIN[bold]
        words = _HYPHEN_BREAK.split(text) if "-" in text or "–" in text else text.split(" ")
        return sum(map(table.__getitem__, text)), max(sum(map(table.__getitem__, word)) for word in words)
    whole = widest = piece = 0
    wide_run = 0  # wide characters in the current run, capped at the piece length
    previous = ""
    widths = _WIDTHS[bold]
    for character in text:  # comparisons, not max(): a call a character is most of the time this takes
        width = widths[character]
        whole += width
        if character in _SPACES:
            if piece > widest:
                widest = piece
            piece = wide_run = 0
        elif width == WIDE and _IS_WIDE[character]:
            if piece > widest:
                widest = piece
            piece = 0
            if wide_run < _WIDE_PIECE:
                wide_run += 1
                if wide_run * WIDE > widest:
                    widest = wide_run * WIDE
        else:
            if previous in _DASHES and character.isalpha():  # a line may break after a hyphen before a letter
                if piece > widest:
                    widest = piece
                piece = 0
            piece += width
            wide_run = 0
        previous = character
    return whole, max(widest, piece)
