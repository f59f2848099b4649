"""The line-at-a-time count of text with Chinese in it (``layout_mixed``) gives the reference's lines, to the last one.

``tests/_measure_reference.py`` holds the measuring code as it was (the pieces, a character at a time), which
``line_count`` fills a piece at a time. Compared on generated text of every kind the plans write (Chinese
paragraphs, Latin words and numbers, the two mixed, long words, no-break spaces, quotation marks and dashes after
Chinese or Latin text, opening and closing marks) at widths from a narrow cell to a page, and on lines that end
exactly at a stop, a closing mark or a bracket, where hanging and keeping decide.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsplan.render.layout_lines import set_lines
from opsplan.render.layout_mixed import mixed_lines, mixed_widths
from tests import _measure_reference as reference

Runs = tuple[tuple[str, bool], ...]
CHINESE = "运营方案内容矩阵流量获取与转化用户分层私域社群供应链履约数据监测风险管控组织资源时间规划预期效果"
STOPS = "，。、：；！？"
CLOSING = "）」》”’%"
OPENING = "（「《“‘"
LATIN = ["GMV", "ROI", "KOC", "SCRM", "Douyin", "A/B", "co-op", "2027", "35%", "12.5", "CNY\u00a0131,884", "W12"]
MARKS = ["—", "…", "·", "×", "→", "★", "◆", " ", " ", "\u3000", "\t", "-", "/", "(", ")", ",", "."]
SIZES = (7.0, 7.5, 9.0, 10.5, 12.0)


def chinese_run(pick: random.Random) -> str:
    return "".join(pick.choice(CHINESE) for _ in range(pick.randint(1, 14)))


def mixed_text(pick: random.Random, kind: str) -> str:
    """Return a text of ``kind``: Chinese with its marks, Latin, the two mixed, or long words."""
    parts: list[str] = []
    for _ in range(pick.randint(1, 12)):
        roll = pick.random()
        if kind == "latin":
            parts.append(pick.choice(LATIN) + pick.choice([" ", " ", "-", "/", ", ", "—", "“", "”"]))
        elif kind == "long":
            parts.append("".join(pick.choice("abcdefghij0123456789") for _ in range(pick.randint(8, 40))))
            parts.append(pick.choice([" ", "中文", "，", "—"]))
        elif roll < 0.55 or kind == "chinese":
            parts.append(chinese_run(pick))
            if pick.random() < 0.5:
                parts.append(pick.choice(STOPS + CLOSING))
            if pick.random() < 0.2:
                parts.append(pick.choice(OPENING))
        elif roll < 0.8:
            parts.append(pick.choice(LATIN))
        else:
            parts.append(pick.choice(MARKS))
    return "".join(parts)


def as_runs(pick: random.Random, text: str) -> Runs:
    """Split ``text`` into one to three runs, some bold."""
    if len(text) < 3 or pick.random() < 0.6:
        return ((text, pick.random() < 0.2),)
    cut = sorted(pick.sample(range(1, len(text)), 2))
    return tuple((part, pick.random() < 0.5) for part in (text[: cut[0]], text[cut[0] : cut[1]], text[cut[1] :]))


def expected(runs: Runs, size: float, first: float, rest: float, hang: bool) -> tuple[int, list[bool]]:
    """The reference's lines: the pieces of the frozen code, filled by ``line_count``."""
    return reference.set_lines(runs, size, first, rest, hang)


@pytest.mark.parametrize("kind", ["chinese", "mixed", "latin", "long"])
def test_generated_text_has_the_reference_lines(kind: str) -> None:
    pick = random.Random(f"layout-mixed-{kind}")
    answered = compared = 0
    for _ in range(200):
        text = mixed_text(pick, kind)
        runs = as_runs(pick, text)
        size = pick.choice(SIZES)
        first = pick.uniform(size * 1.5, 460.0)
        if pick.random() < 0.5:  # a cell's width in whole twips: its room is often a whole number of thousandths
            first = round(first * 20) / 20
        for rest in (first, first + 21.0, max(first - 30.0, size * 1.5)):
            for hang in (True, False):
                want = expected(runs, size, first, rest, hang)
                got = mixed_lines(runs, "".join(t for t, _ in runs), size, first, rest, hang)
                assert set_lines(runs, size, first, rest, None, hang) == want, (runs, size, first, rest, hang)
                compared += 1
                if got is not None:
                    answered += 1
                    assert got == want, (runs, size, first, rest, hang)
    assert compared == 1200
    # the line-at-a-time count answers most, not the pieces behind it (long words are often wider than a line;
    # Latin text is mostly ASCII, counted a word at a time)
    assert answered > compared * {"chinese": 0.8, "mixed": 0.6, "long": 0.3, "latin": 0.0}[kind]


def edge_widths(runs: Runs, size: float) -> list[float]:
    """Widths at which the text's lines end exactly at a character, a hair before it or a hair after it."""
    em = size / 1000
    total = sum(reference.upper_width(text)[0] for text, _ in runs) * em
    widths = []
    for count in range(2, 30):
        edge = count * size  # a line of ``count`` Chinese characters
        widths += [edge - 0.02, edge - 0.0101, edge - 0.005, edge, edge + 0.005, edge + 0.02]
    return [w for w in widths if w < total + size]


ENDINGS = [*STOPS, *CLOSING, *OPENING, "。」", "，”", "！）", "）。", "—", "…", "“", "”", " ", "12", "AB", "12（"]


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_line_ending_at_a_mark_breaks_as_the_reference(ending: str) -> None:
    # a line of Chinese that ends at a stop (which hangs past the edge in a paragraph, not in a cell), a closing
    # mark (kept with the character before), an opening mark (kept with the one after) or a quotation mark, at
    # widths a hair each side of a whole number of characters, and where they are whole: a tie of the sums
    pick = random.Random(f"edge-{ending}")
    for _ in range(6):
        text = chinese_run(pick) + ending + chinese_run(pick) + pick.choice(STOPS) + chinese_run(pick)
        for size in (9.0, 10.5):
            runs = ((text, False),)
            for width in edge_widths(runs, size):
                for hang in (True, False):
                    want = expected(runs, size, width, width, hang)
                    assert set_lines(runs, size, width, width, None, hang) == want, (text, size, width, hang)


def test_a_line_exactly_as_wide_as_its_room_is_left_to_the_pieces() -> None:
    # 9 pt: an em is 0.009 pt; a line 89.99 pt wide has room for (89.99 + 0.01) / 0.009 = 10000 thousandths, a
    # whole number that ten Chinese characters reach: there floating point decides, so the pieces count the lines.
    # A cell 95.3 pt wide has room for 95.31 / 0.009 = 10590, which no sum of whole ems reaches: counted here
    text = "中文" * 30
    assert mixed_lines(((text, False),), text, 9.0, 89.99, 89.99, True) is None
    assert mixed_lines(((text, False),), text, 9.0, 90.0, 90.0, True) == (6, [True] * 6)
    assert mixed_lines(((text, False),), text, 9.0, 95.3, 95.3, False) == expected(
        ((text, False),), 9.0, 95.3, 95.3, False
    )
    assert expected(((text, False),), 9.0, 95.3, 95.3, False)[0] == 6  # ten characters a line: 10000 ≤ 10590 < 11000


def test_kana_and_a_word_wider_than_the_line_are_left_to_the_pieces() -> None:
    assert mixed_lines((("カタカナの文字", False),), "カタカナの文字", 9.0, 40.0, 40.0, True) is None
    word = "中文" + "a" * 40
    assert mixed_lines(((word, False),), word, 9.0, 60.0, 60.0, True) is None
    assert set_lines(((word, False),), 9.0, 60.0, 60.0, None, True) == reference.set_lines(
        ((word, False),), 9.0, 60.0, 60.0, True
    )


ALPHABET = list(
    "aZé09 -/\t\u3000\u00a0（）「」《》【】“”‘’，。、：；！？．%‰,.;:!?()[]{}—–→×·…█▒◆★•¥$+"
    "中文字体运营方案豈\u9fff\u4e00가"
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.text(st.sampled_from(ALPHABET), max_size=40), st.booleans()), min_size=1, max_size=3),
    st.sampled_from(SIZES),
    st.floats(min_value=8.0, max_value=300.0),
    st.floats(min_value=8.0, max_value=300.0),
    st.booleans(),
)
def test_any_text_has_the_reference_lines(
    runs: list[tuple[str, bool]], size: float, first: float, rest: float, hang: bool
) -> None:
    laid = tuple(runs)
    text = "".join(t for t, _ in laid)
    if not text or min(first, rest) <= size * 1.2:  # the reference never ends when a character fits no line
        return
    want = expected(laid, size, first, rest, hang)
    got = mixed_lines(laid, text, size, first, rest, hang)
    assert got is None or got == want
    assert set_lines(laid, size, first, rest, None, hang) == want


def reference_widths(text: str, bold: bool) -> tuple[int, int]:
    """The pieces' total width and widest piece but spaces and units, as ``docx_widths._text_widths`` sums them."""
    found = reference.pieces(((text, bold),), 1000.0)
    whole = sum(piece.width for piece in found)
    widest = max((piece.width for piece in found if not piece.space and not piece.units), default=0.0)
    return math.ceil(whole), math.ceil(widest)


@pytest.mark.parametrize("kind", ["chinese", "mixed", "latin", "long"])
def test_generated_text_has_the_reference_widths(kind: str) -> None:
    # what a table column is sized from: each cell's whole width and its widest piece (Chinese between Chinese
    # breaks anywhere, so it is left out of the widest)
    pick = random.Random(f"layout-mixed-widths-{kind}")
    answered = 0
    for _ in range(300):
        text = mixed_text(pick, kind)
        for bold in (False, True):
            got = mixed_widths(text, bold)
            if got is not None:
                answered += 1
                assert got == reference_widths(text, bold), (text, bold)
    assert answered == 600  # no kana nor rarer Chinese here: always counted without the pieces
