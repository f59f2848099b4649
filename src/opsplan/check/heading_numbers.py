"""Heading numbers of a plan document: Chinese numerals, 1.3 and （三）, and titles compared without them.

Works on simplified and traditional Chinese (一二三…十一, 壹貳參…拾, 第三章, 第三節) and English. Only the reading of a
document needs them: a profile's check does not import this module (issue 14: its patterns cost 1.7 ms to compile).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opsplan.errors import Record

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "弌": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "叄": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}
CN_NUMERAL = "[" + "".join(_DIGITS) + "".join(_UNITS) + "]"
_ZH_OUT = "零一二三四五六七八九"


def chinese_to_int(text: str) -> int | None:
    """Parse a Chinese numeral (一, 十一, 二十三, 壹佰零五, 貳拾) to an int; None if it is not one.

    Heading numbers run below a thousand; a longer run of numerals (十十十…) is not a heading number.
    """
    if not text or len(text) > 8:
        return None
    total = 0
    digit: int | None = None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def int_to_chinese(value: int) -> str:
    """Write 0–999 as a simplified Chinese numeral (11 → 十一, 20 → 二十); larger numbers in digits."""
    if value < 0 or value > 999:
        return str(value)
    if value < 10:
        return _ZH_OUT[value]
    if value < 20:
        return "十" + (_ZH_OUT[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return _ZH_OUT[tens] + "十" + (_ZH_OUT[ones] if ones else "")
    hundreds, rest = divmod(value, 100)
    if not rest:
        return _ZH_OUT[hundreds] + "百"
    middle = "零" if rest < 10 else ""
    tail = int_to_chinese(rest) if rest >= 20 or rest < 10 else "一" + int_to_chinese(rest)
    return _ZH_OUT[hundreds] + "百" + middle + tail


class Number(Record):
    """A heading's number: its parts (``(1, 3)`` for 1.3), style and the text it was written as (a named tuple).

    ``implicit`` numbers (（三）, 第三节) say nothing about their parent; their depth comes from context.
    """

    __slots__ = ()
    _fields = ("parts", "style", "text")
    parts: tuple[int, ...]
    style: str  # "zh" (一、), "decimal" (1.3), "paren" (（三）), "chapter" (第三章), "section" (第三节),
    # "en-chapter" (Chapter 3)
    text: str

    def __new__(cls, parts: tuple[int, ...], style: str, text: str) -> Number:
        """Return the number of ``parts`` in ``style``, written as ``text``."""
        return tuple.__new__(cls, (parts, style, text))

    @property
    def implicit(self) -> bool:
        """Whether the number names only its position among siblings, not its parent."""
        return self.style in ("paren", "section")

    def show(self) -> str:
        """Write the number as in the document's style (一, 1.3, （三）)."""
        return self.text


# Heading numbers, matched at the start of a line only; runs are possessive so a long line of digits,
# dots or spaces is read once. Numbers in digits have one to three digits: （2024） is a year, not a
# section number, and 1000.1 is not a section. A decimal number has at most nine parts (Word's nine heading
# levels): 1.1.1.1.1.1.1.1.1.1 is text, and a heading of a million parts would cost the numbering rule
# the square of that.
_ZH_HEAD = re.compile(rf"^({CN_NUMERAL}++)\s*+[、．.]\s*+(.*)", re.DOTALL)
_CHAPTER = re.compile(rf"^第\s*+({CN_NUMERAL}++|\d{{1,3}}+)\s*+([章部篇节節])\s*+[、：:．.]?+\s*+(.*)", re.DOTALL)
_EN_CHAPTER = re.compile(r"^(chapter|part)\s++(\d{1,3}+)(?:\s*+[:.\-–—]|\s)\s*+(.*)", re.IGNORECASE | re.DOTALL)
_PAREN = re.compile(rf"^[（(]\s*+({CN_NUMERAL}++|\d{{1,3}}+)\s*+[)）]\s*+(.*)", re.DOTALL)
_DECIMALS = re.compile(r"^(\d{1,3}+(?:[.．]\d{1,3}+){1,8}+)[.．、]?+\s*+([^\d\s.．%％].*)", re.DOTALL)
_DECIMAL = re.compile(r"^(\d{1,3}+)(?:[.．、]\s*+|\s++)([^\d\s.．%％].*)", re.DOTALL)


# what a heading number starts with, besides a decimal digit (``\d``): text that starts otherwise, most text, has none
_NUMBER_STARTS = frozenset([*_DIGITS, *_UNITS, "（", "(", "第", "c", "C", "p", "P"])


def _to_int(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_to_int(text)


@lru_cache(maxsize=4096)  # a document's headings are split several times by the reader and the rules
def split_number(text: str) -> tuple[Number | None, str]:
    """Split ``text`` into its leading heading number (if any) and the title after it."""
    text = text.strip()
    if not text or (text[0] not in _NUMBER_STARTS and not text[0].isdecimal()):
        return None, text
    for pattern, style in ((_ZH_HEAD, "zh"), (_PAREN, "paren")):
        match = pattern.match(text)
        if match:
            value = _to_int(match.group(1))
            if value is not None:
                return Number((value,), style, match.group(1)), match.group(2).strip()
    match = _CHAPTER.match(text)
    if match:
        value = _to_int(match.group(1))
        if value is not None:
            style = "section" if match.group(2) in "节節" else "chapter"
            return Number((value,), style, f"第{match.group(1)}{match.group(2)}"), match.group(3).strip()
    match = _EN_CHAPTER.match(text)
    if match and match.group(3).strip():
        word = match.group(1).capitalize()
        return Number((int(match.group(2)),), "en-chapter", f"{word} {match.group(2)}"), match.group(3).strip()
    match = _DECIMALS.match(text) or _DECIMAL.match(text)
    if match:
        parts = tuple(int(p) for p in re.split(r"[.．]", match.group(1)))
        return Number(parts, "decimal", ".".join(str(p) for p in parts)), match.group(2).strip()
    return None, text


def show_number(parts: tuple[int, ...], style: str) -> str:
    """Write number ``parts`` in ``style`` for a message (一, 1.3, （三）, 第三章)."""
    if style == "zh":
        return int_to_chinese(parts[-1])
    if style == "paren":
        return f"（{int_to_chinese(parts[-1])}）"
    if style == "en-chapter":
        return f"Chapter {parts[-1]}"
    if style in ("chapter", "section"):
        return f"第{int_to_chinese(parts[-1])}{'章' if style == 'chapter' else '节'}"
    return ".".join(str(p) for p in parts)


# Traditional → simplified for the characters that recur in plan headings, so that a traditional and a
# simplified heading with the same title compare equal.
_T2S = str.maketrans(
    "業場與標戶運營內容矩陣流獲轉換應鏈監測風險組織資時間規劃預結論總體務費達營銷價優勢競爭對製態後續"
    "產線網絡銷團隊計畫劃據點詢問題關係調查報導圖表錄節發展項實現佈進環節經濟額顧戶會員動層級評級",
    "业场与标户运营内容矩阵流获转换应链监测风险组织资时间规划预结论总体务费达营销价优势竞争对制态后续"
    "产线网络销团队计画划据点询问题关系调查报导图表录节发展项实现布进环节经济额顾户会员动层级评级",
)


# what is not a letter or digit (str.isalnum), the underscore included: a title is compared without them
_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def normalize_title(text: str) -> str:
    """Return ``text`` without its number, spaces, punctuation or case, traditional folded to simplified."""
    _, title = split_number(text)
    title = unicodedata.normalize("NFKC", title).casefold().translate(_T2S)
    return _NOT_ALNUM.sub("", title)


CONTENTS_TITLES = {"目录", "contents", "tableofcontents", "目次"}
# a title with more letters and digits than the longest contents title, counted from its start and stopping there
_LONGER_THAN_CONTENTS = re.compile(rf"^(?:[\W_]*+[^\W_]){{{max(map(len, CONTENTS_TITLES)) + 1}}}")


def is_contents_title(text: str) -> bool:
    """Return whether a heading is a table of contents (目录, 目錄, Contents): that title with no number before it.

    A numbered heading (十五、目录, 15 Contents) is a chapter or section of that title: opsplan numbers every
    chapter and section, a profile's own included, and writes its table of contents unnumbered, as hand-written
    plans do. A title with more letters and digits in NFKC form than the longest contents title is none (most prose,
    told after its first characters): the rest of ``normalize_title`` keeps each of them a letter or digit
    (casefolding one gives one or more, ``_T2S`` maps one to one) and drops only the others.
    """
    number, title = split_number(text)
    if number is not None or _LONGER_THAN_CONTENTS.match(unicodedata.normalize("NFKC", title)):
        return False
    return normalize_title(text) in CONTENTS_TITLES
