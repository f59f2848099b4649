"""The document check's shortcuts give the answers of the long way, on any text.

Each shortcut skips work that cannot change a result: a contents-title test that stops at a long title, a sum rule
that passes over tables, rows and texts with nothing to add up. Each is compared here with the long way it replaces.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsplan.check import document_sums, heading_numbers, textutil
from opsplan.check.docread import BodyLine, DocTable, PlanDocument, read_markdown
from opsplan.check.document_rules import _running_text
from opsplan.check.docxread import read_docx
from opsplan.check.heading_numbers import _T2S, CONTENTS_TITLES, is_contents_title, normalize_title, split_number
from opsplan.check.textutil import starts_wordy
from tests._fuzz_check import EXAMPLES

# what titles are made of: contents words in each script and width, numbers, letters that casefold or compose
TITLE_PIECES = st.sampled_from(
    ["目录", "目錄", "目次", "Contents", "ＣＯＮＴＥＮＴＳ", "table of ", "一、", "1.1 ", "（三）", "ß", "İ", "ſ", "K", "ﬁ",
     "①", "㈠", "\u1100\u1161", "\u11a8", "\u0301", "\u037a", "，", " ", "_", "背景与市场分析", "x" * 20]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TITLE_PIECES, st.text(max_size=6)), max_size=12))
def test_contents_title_test_agrees_with_the_normalized_title(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert is_contents_title(text) == (split_number(text)[0] is None and normalize_title(text) in CONTENTS_TITLES)


@pytest.mark.parametrize(
    "title",
    [
        "目录",
        "目 錄",
        "目次",
        "Table of Contents",
        "ＴＡＢＬＥ　ＯＦ　ＣＯＮＴＥＮＴＳ",
        "T.a.b.l.e o_f C-o-n-t-e-n-t-s",
    ],
)
def test_contents_titles_are_told_however_written(title: str) -> None:
    assert is_contents_title(title)
    assert not is_contents_title(title + " of the plan")


def test_casefolding_keeps_every_letter_and_digit_one() -> None:
    # what is_contents_title relies on, over every code point of this Python's Unicode database
    alnum = re.compile(r"[^\W_]")
    lost = [hex(c) for c in range(sys.maxunicode + 1) if alnum.match(chr(c)) and not alnum.search(chr(c).casefold())]
    assert lost == []
    assert all(alnum.match(chr(a)) and alnum.match(chr(b)) for a, b in _T2S.items())
    assert unicodedata.normalize("NFKC", "ＣＯＮＴＥＮＴＳ").casefold() == "contents"


def _every_text(document: PlanDocument) -> list[BodyLine]:
    """The texts the sum rules read, the long way: every heading, paragraph, list item and cell, none skipped."""
    texts = [BodyLine(index, h.position, h.text) for index, h in enumerate(document.headings)]
    texts += document.paragraphs + document.list_items
    for table in document.tables:
        for index, (position, row) in enumerate(((table.position, table.header), *table.rows)):
            cells = [cell for column, cell in enumerate(row) if (index - 1, column) not in table.merged]
            texts += [BodyLine(table.heading, position, cell) for cell in dict.fromkeys(cells) if cell]
    return sorted(texts, key=lambda line: line.position)


def _assert_same_texts(document: PlanDocument) -> None:
    kept = [line for line in _every_text(document) if document_sums.may_not_add_up(line.text)]
    assert _running_text(document) == kept


@pytest.mark.parametrize(
    "example", sorted(EXAMPLES.glob("*.docx")) + sorted(EXAMPLES.glob("*.md")), ids=lambda p: p.name
)
def test_the_sum_rules_read_what_they_read_before_on_the_examples(example: Path) -> None:
    document = read_docx(example) if example.suffix == ".docx" else read_markdown(example)
    assert any(document_sums.may_not_add_up(line.text) for line in _every_text(document))
    _assert_same_texts(document)


CELLS = st.sampled_from(["30%", "％", "5%", "合计", "总预算", "Total", "TOTAL", "tot", "al", "", "渠道", "1万元", "\n"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.lists(st.one_of(CELLS, st.text(max_size=4)), min_size=1, max_size=4), max_size=5), max_size=3)
)
def test_the_sum_rules_pass_over_only_tables_and_rows_with_nothing_to_add_up(tables: list[list[list[str]]]) -> None:
    document = PlanDocument("plan.docx", has_lines=False)
    position = 1
    for rows in tables:
        if not rows:
            continue
        header, *body = [tuple(row) for row in rows]
        numbered = tuple((position + 1 + index, row) for index, row in enumerate(body))
        merged = frozenset((index, 0) for index in range(len(body)) if index % 2)
        document.tables.append(DocTable(-1, position, header, numbered, merged))
        position += len(rows) + 1
    _assert_same_texts(document)


WORDY_START = re.compile("[A-Za-z\u4e00-\u9fff]{5}")  # what starts_wordy replaces
WORDY_PIECES = st.sampled_from(["a", "Z", "一", "\u9fff", "\u4dff", "\ua000", "é", "Ａ", "1", " ", "暂无", "none"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDY_PIECES, st.text(max_size=3)), max_size=8))
def test_a_wordy_start_is_told_as_the_pattern_told_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert starts_wordy(text) == (WORDY_START.match(text) is not None)


def _split_number_every_pattern(text: str) -> tuple[object, str]:
    """split_number without its first-character test: every pattern tried."""
    original = heading_numbers._NUMBER_STARTS
    try:
        heading_numbers._NUMBER_STARTS = _EVERY_CHARACTER
        return heading_numbers.split_number.__wrapped__(text)
    finally:
        heading_numbers._NUMBER_STARTS = original


class _Everything(frozenset[str]):
    def __contains__(self, item: object) -> bool:
        return True


_EVERY_CHARACTER = _Everything()
NUMBER_PIECES = st.sampled_from(["一", "十一", "貳", "、", "．", ".", "（", "(", "）", ")", "第", "章", "节", "Chapter ",
                                 "PART ", "part", "1", "12", "1.3", "１", "١", "٢", " ", "\t", "x", "标题"])  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(NUMBER_PIECES, st.text(max_size=3)), max_size=8))
def test_heading_numbers_are_split_as_every_pattern_splits_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert heading_numbers.split_number.__wrapped__(text) == _split_number_every_pattern(text)


@pytest.mark.parametrize(
    "heading",
    ["一、背景", "十一．目标", "貳、問題", "（三）渠道", "(2) Funnel", "第三章 背景", "第12节 复盘", "Chapter 3: Goals",
     "PART 2 Risks", "part 4 x", "1.1 规模", "3 背景", "１．２ 目标", "١.٢ x", "3、预算"],
)  # fmt: skip
def test_each_kind_of_heading_number_is_split(heading: str) -> None:
    number, title = heading_numbers.split_number.__wrapped__(heading)
    assert number is not None and title
    assert (number, title) == _split_number_every_pattern(heading)


def test_only_the_listed_characters_start_a_heading_number() -> None:
    # the patterns' first characters: c and p in any case (none but ASCII's), \d (str.isdecimal), the rest listed
    either_case = re.compile("(?i)[cp]")
    digit = re.compile(r"\d")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (either_case.match(char) is not None) == (char in "cCpP"), hex(code)
        assert (digit.match(char) is not None) == char.isdecimal(), hex(code)


TOTAL_WORDS_IGNORING_CASE = re.compile("|".join(document_sums.TOTAL_WORDS), re.IGNORECASE)  # what _TOTAL_WORD spells
TOTAL_PIECES = st.sampled_from(
    [*document_sums.TOTAL_WORDS, "TOTAL", "Total", "tOtAl", "tota", "otal", "ｔｏｔａｌ", "总", "计"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TOTAL_PIECES, st.text(max_size=3)), max_size=6))
def test_a_total_word_is_found_as_the_words_ignoring_case_find_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert (document_sums._TOTAL_WORD.search(text) is None) == (TOTAL_WORDS_IGNORING_CASE.search(text) is None)


ASCII_PIECES = st.sampled_from(
    ["total", "TOTAL", "tOtAl", "tota", "l", "T", "%", "30%", "％", "合计", " ", "\xa0", "İ"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(ASCII_PIECES, st.text(alphabet=st.characters(max_codepoint=127), max_size=4)), max_size=8))
def test_a_text_may_not_add_up_as_the_percent_signs_and_the_total_word_tell(pieces: list[str]) -> None:
    """``may_not_add_up`` reads an ASCII text without the pattern: "total" in it, lowered."""
    text = "".join(pieces)
    long_way = text.count("%") + text.count("％") >= 2 or document_sums._TOTAL_WORD.search(text) is not None
    assert document_sums.may_not_add_up(text) == long_way


def test_no_character_but_ascii_letters_matches_the_letters_of_total_ignoring_case() -> None:
    letters = re.compile("(?i)[tota]|l")
    assert [chr(c) for c in range(sys.maxunicode + 1) if letters.match(chr(c))] == list("ALOTalot")
    assert [w for w in document_sums.TOTAL_WORDS if not w.isascii() or w == "total"] == list(document_sums.TOTAL_WORDS)


# the placeholder pattern as it was, under IGNORECASE: textutil.PLACEHOLDER spells its cases out
PLACEHOLDER_IGNORING_CASE = re.compile(
    r"x(?<![A-Za-z]x)x++(?![A-Za-z])"
    r"|t(?<![A-Za-z]t)(?:odo|b[dc])(?![A-Za-z])|f(?<![A-Za-z]f)ixme(?![A-Za-z])"
    r"|待(?:定|补充|補充|填写|填寫|完善|确认|確認)|请(?<![邀申]请)(?:填写|补充)|請(?<![邀申]請)(?:填寫|補充)"
    r"|此(?:处填写|處填寫)"
    r"|某某|[【\[［][ \t]{0,8}(?:请|請|填写|填寫|placeholder|insert|fill)[^】\]］]{0,80}[】\]］]"
    r"|<[ \t]{0,8}(?:请|請|填写|填寫|insert|fill)[^<>]{0,80}>"
    r"|……|\.(?<!\.\.)\.{5,}+|[?？](?<![?？][?？])[?？]++|○(?<!○○)○++|lorem ipsum",
    re.IGNORECASE,
)
PLACEHOLDER_PIECES = st.sampled_from(
    ["x", "X", "XXX", "ſ", "K", "İ", "ı", "a", "Z", "t", "T", "todo", "ToDo", "TBD", "tbc", "fixme", "FIXME", "fİxme",
     "lorem ipsum", "LOREM IPSUM", "【", "】", "[", "]", "［", "］", " ", "\t", "请", "填写", "placeholder", "inſert",
     "fıll", "<", ">", "……", ".", "......", "?", "？", "○", "待定", "邀请填写", "此处填写", "某某", "1", "一"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(PLACEHOLDER_PIECES, st.text(max_size=3)), max_size=10))
def test_a_placeholder_is_found_where_the_pattern_ignoring_case_found_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    old, new = PLACEHOLDER_IGNORING_CASE.search(text), textutil.PLACEHOLDER.search(text)
    assert (old and (old.start(), old.group())) == (new and (new.start(), new.group()))


def test_the_letters_next_to_a_latin_placeholder_are_those_ignoring_case_finds() -> None:
    letter = re.compile("(?i)[A-Za-z]")
    pieces = re.compile("|".join(textutil._LETTER_PIECES))
    assert all((letter.match(chr(c)) is None) == (pieces.match(chr(c)) is None) for c in range(sys.maxunicode + 1))
    either = re.compile("(?i)[xtfl]")
    assert [chr(c) for c in range(sys.maxunicode + 1) if either.match(chr(c))] == list("FLTXfltx")
