"""Text laid out for a terminal: widths in cells (a Chinese character takes two) and lines wrapped to a width.

A line breaks at a space, or between two characters where one is Chinese (or another wide character), as
Chinese is set; never inside a Latin word, an option (``--page-numbers``) or a number, and never so that a
line starts with closing punctuation (``，。、）``) or ends with opening punctuation (``（「``). Only a single
word wider than the whole line is cut.
"""

from __future__ import annotations

import unicodedata

_CLOSING = frozenset("，。、；：！？）」』】〉》］…—,.;:!?)]}%")
_OPENING = frozenset("（「『【〈《［")
_OPENED = (*_OPENING, "(", "[", "{")  # a piece ending in one of these keeps the character after it


def cells(text: str) -> int:
    """Return how many terminal cells ``text`` takes: wide and full-width characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _pieces(paragraph: str) -> list[tuple[str, bool]]:
    """Split one paragraph into pieces no line breaks inside, each with whether a space came before it."""
    pieces: list[tuple[str, bool]] = []
    word, spaced = "", False

    def end_word() -> None:
        nonlocal word, spaced
        if word:
            pieces.append((word, spaced))
            word, spaced = "", False

    for char in paragraph:
        if char.isspace():
            end_word()
            spaced = bool(pieces)
        elif char in _CLOSING and not word and pieces and not spaced:
            last, before = pieces.pop()  # closing punctuation stays with what it closes
            pieces.append((last + char, before))
        elif char in _CLOSING:
            word += char
            if _wide(char):
                end_word()
        elif char in _OPENING:
            end_word()
            word = char
        elif _wide(char):
            if not word.endswith(_OPENED):
                end_word()
            word += char
            end_word()
        else:
            word += char
    end_word()
    return pieces


def _cut(word: str, width: int) -> list[str]:
    """Cut a word wider than a whole line into lines of at most ``width`` cells."""
    lines, line = [], ""
    for char in word:
        if line and cells(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


def wrap(text: str, width: int) -> list[str]:
    """Return ``text`` in lines of at most ``width`` cells; a blank line in ``text`` keeps its paragraphs apart."""
    lines: list[str] = []
    for number, paragraph in enumerate(text.split("\n\n")):
        if number:
            lines.append("")
        line = ""
        for word, spaced in _pieces(paragraph):
            joined = f"{line} {word}" if line and spaced else line + word
            if cells(joined) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            *whole, line = _cut(word, width) if cells(word) > width else [word]
            lines.extend(whole)
        lines.append(line)
    return lines
