"""The sums' text scans written with ``str`` methods read as the character loops they replaced (issue 14).

``document_sums.sentences`` marks its stops with ``str.replace`` and finds them with ``str.find``;
``_is_total_row`` passes over a row on its first character. Each is compared with the loop it replaced on
texts made of the characters that matter: every stop, a full stop before a space, a tab or a letter, NUL (the
mark), the first characters of the total rows' words, spaces and characters that case-fold to several.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from opsplan.check import document_sums
from opsplan.check.document_sums import TOTAL_ROWS, sentences

ALPHABET = "。！？；!?;. \t\0\u3000a合计总總Tt sumSUMſßẞotalOTAL%％\n"


def loop_sentences(text: str) -> Iterator[str]:
    """``sentences`` as it was: a loop over the characters."""
    start = 0
    for index, char in enumerate(text):
        if char in "。！？；!?;" or (char == "." and (index + 1 == len(text) or text[index + 1] in " \t")):
            if index > start:
                yield text[start : index + 1]
            start = index + 1
    if start < len(text):
        yield text[start:]


def loop_is_total_row(row: tuple[str, ...]) -> bool:
    """``_is_total_row`` as it was: the whole first cell joined and folded."""
    first = "".join(row[0].split()).casefold() if row else ""
    return first.startswith(TOTAL_ROWS)


def test_sentences_and_total_rows_are_read_as_the_loops_read_them() -> None:
    rng = random.Random(14)
    texts = ["", ".", "a.", "a. b", "a.b", "。。", "a\0.b. c", " 合 计 ", "ſum", "Total:", " \u3000TOTAL 100%"]
    texts += ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 14))) for _ in range(30_000)]
    for text in texts:
        assert list(sentences(text)) == list(loop_sentences(text)), repr(text)
        for row in ((text,), (text, "1"), ()):
            assert document_sums._is_total_row(row) == loop_is_total_row(row), repr(row)
