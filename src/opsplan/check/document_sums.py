"""Document rules on numbers: shares of one whole that do not sum to 100%, totals their parts do not add up to.

A breakdown is a sentence that says it splits a whole (占比, 分配, 构成, 佔比, share, split …) and lists two
or more percentages, with no word of change (提升, 从, grow, from …: those are before and after, not
parts); or a table column headed as a share (占比, 比例, 权重, %, share, weight …) whose cells are all
percentages. A stated total is a sentence that gives an amount as a total (总预算, 合计, total …) and then
its parts (其中, 包括, of which, including …) in the same unit, or a table row labelled 合计 / 总计 /
Total under rows of numbers. Every pattern here is linear in the text (bounded or possessive runs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from opsplan.check.messages import Wording, wording
from opsplan.check.textutil import clipped
from opsplan.errors import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:  # a profile's check reads its texts with ``sum_problems`` and no document
    from opsplan.check.docread import DocTable

_PERCENT = re.compile(r"(?<![\d.,])(\d{1,6}+(?:\.\d{1,4}+)?+)[ \t]{0,3}+[%％]")
# an amount: optional currency, a number (1,200,000 or 1200000.5), optional scale and unit
_AMOUNT = re.compile(
    r"(?<![\d.,])(CNY|RMB|USD|[¥￥$])?+[ \t]{0,2}+(\d{1,3}+(?:,\d{3})++|\d{1,15}+)(?:\.(\d{1,6}+))?+[ \t]{0,2}+"
    r"(万元|亿元|萬元|億元|万|亿|萬|億|千|元|k|K|M|m|w|W)?+[ \t]{0,2}+(元|人|名|CNY|RMB|yuan|people)?+",
)
_SCALES = {"万": 1e4, "萬": 1e4, "w": 1e4, "W": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3, "k": 1e3, "K": 1e3,
           "M": 1e6, "m": 1e6}  # fmt: skip

SPLIT_WORDS = ("占比", "佔比", "比例", "分配", "构成", "構成", "结构", "結構", "配比", "权重", "權重", "份额", "份額",
               "share", "split", "breakdown", "allocation", "allocated", "mix", "weight")  # fmt: skip
# before-and-after or approximate figures, not parts of one whole
CHANGE_WORDS = (
    "提升", "提高", "增长", "增長", "下降", "降低", "增加", "减少", "減少", "从", "從", "达到", "達到", "升至", "降至",
    "同比", "环比", "環比", "目标", "目標", "增幅", "转化", "轉化", "留存", "复购", "復購", "不到", "超过", "超過",
    "低于", "低於", "高于", "高於", "以上", "以下", "约", "約", "近", "increase", "grow", "rise", "fall", "drop",
    "from", "reach", "target", "conversion", "retention", "repurchase", "under", "over", "less than", "more than",
    "about", "nearly", "→",
    # a share of its own over time (社群销售占比：起点8%，第6个月为20%): values at points in time, not parts
    "起点", "起點", "目前", "当前", "當前", "现在", "現在", "个月", "個月", "today", "at the start", "in month",
    "horizon",
)  # fmt: skip
PARTIAL_WORDS = ("等", "其他", "其它", "others", "etc", "among")
TOTAL_WORDS = ("总预算", "總預算", "总计", "總計", "合计", "合計", "共计", "共計", "总共", "總共", "一共", "总额",
               "總額", "total")  # fmt: skip
# any of TOTAL_WORDS in any case, each branch starting with a character, so that a search skips to those characters:
# five times faster than the words under IGNORECASE (2.2 -> 0.44 ms over the texts of a plan 16 times longer).
# "total" is spelled in either case letter by letter: no character but T, O, A, L in either case matches one of
# them ignoring case.
_TOTAL_WORD = re.compile("|".join(w for w in TOTAL_WORDS if w != "total") + "|T[Oo][Tt][Aa][Ll]|t[Oo][Tt][Aa][Ll]")
PARTS_WORDS = ("其中", "包括", "包含", "分别为", "分別為", "of which", "including", "split into", "made up of")
TOTAL_ROWS = ("合计", "合計", "总计", "總計", "总和", "總和", "total", "sum")
SHARE_HEADERS = ("占比", "佔比", "比例", "权重", "權重", "份额", "份額", "配比", "%", "％", "share", "weight", "split")
# what a share column's header may name besides the share itself: the whole it splits ("流量占比", "Traffic
# share"); any other word names a metric that is a share of its own ("活跃用户占比", one value a month)
WHOLE_WORDS = ("预算", "預算", "投入", "费用", "費用", "流量", "渠道", "总", "總", "budget", "spend", "traffic",
               "channel", "total", "of", "the")  # fmt: skip
_MAX_GAP = 16  # characters between two listed shares: a label and a separator, not a clause
TOLERANCE = 0.5  # percentage points, as for shares in a profile


class Amount(Record):
    """A number as written: its value in base units and its kind (``money``, ``people``, ``number``); a named tuple."""

    __slots__ = ()
    _fields = ("value", "kind", "text")
    value: float
    kind: str
    text: str

    def __new__(cls, value: float, kind: str, text: str) -> Amount:
        """Return the amount ``value`` of ``kind``, written as ``text``."""
        return tuple.__new__(cls, (value, kind, text))


_STOPS = "。！？；!?;"  # each ends a sentence; a full stop does before a space, a tab or the end


def sentences(text: str) -> Iterator[str]:
    """Split ``text`` into sentences at 。！？；!?; and at a full stop before a space or the end.

    Each stop is marked with NUL by ``str.replace`` (a text holding NUL is read a character at a time) and the
    marks are found by ``str.find``: over the 28 texts (5,348 characters) of the flowers example's English DOCX
    that may not add up, 0.09 ms, where a loop over the characters in Python took 0.47.
    """
    if "\0" in text:
        yield from _sentences_by_character(text)
        return
    marked = text
    for stop in _STOPS:
        if stop in marked:
            marked = marked.replace(stop, "\0")
    if "." in marked:
        marked = marked.replace(". ", "\0 ").replace(".\t", "\0\t")
        if marked.endswith("."):
            marked = marked[:-1] + "\0"
    start, index = 0, marked.find("\0")
    while index >= 0:
        if index > start:
            yield text[start : index + 1]
        start = index + 1
        index = marked.find("\0", start)
    if start < len(text):
        yield text[start:]


def _sentences_by_character(text: str) -> Iterator[str]:
    """``sentences`` of a text that holds NUL, which ``sentences`` uses as its mark."""
    start = 0
    for index, char in enumerate(text):
        if char in _STOPS or (char == "." and (index + 1 == len(text) or text[index + 1] in " \t")):
            if index > start:
                yield text[start : index + 1]
            start = index + 1
    if start < len(text):
        yield text[start:]


def percentages(text: str) -> list[float]:
    """Return the percentages written in ``text`` (``30%``, ``12.5％``) as numbers of percent."""
    return [float(match.group(1)) for match in _PERCENT.finditer(text)]


def amounts(text: str) -> list[Amount]:
    """Return the amounts in ``text`` that carry a currency, a scale (万, M) or a unit (元, 人)."""
    found = []
    for match in _AMOUNT.finditer(text):
        currency, whole, fraction, scale, unit = match.groups()
        if not (currency or scale or unit):
            continue
        value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
        scale = scale or ""
        value *= _SCALES.get(scale[:1], 1.0)
        money = bool(currency) or scale.endswith("元") or unit in ("元", "CNY", "RMB", "yuan")
        kind = "money" if money else "people" if unit in ("人", "名", "people") else "number"
        found.append(Amount(value, kind, match.group(0).strip()))
    return found


def _has(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in words)


def may_not_add_up(text: str) -> bool:
    """Whether ``text`` could hold a breakdown (two percentages or more) or a stated total: a quick test first."""
    if text.count("%") + text.count("％") >= 2:
        return True
    if text.isascii():  # "total" is the one ASCII word of TOTAL_WORDS, in any case of its letters
        return "total" in text.lower()
    return _TOTAL_WORD.search(text) is not None


def cells_may_not_add_up(cells: Sequence[str]) -> bool:
    """``may_not_add_up`` of ``cells`` joined by line breaks (in no word it looks for), without joining long ones.

    A table's cells merged across columns repeat their text in each column: joined, a 4 MB cell spanning 63 of
    them made 252 MB. Past a megabyte in all, each cell is read in turn; the answer is the same.
    """
    if sum(map(len, cells)) <= 1_000_000:  # most tables: joined and read at once, as fast as it gets
        return may_not_add_up("\n".join(cells))
    percents, found, previous = 0, 0, None
    for cell in cells:
        if cell is not previous:  # a cell merged across columns is one text, read once
            if _TOTAL_WORD.search(cell) is not None:
                return True
            found, previous = cell.count("%") + cell.count("％"), cell
        percents += found
        if percents >= 2:
            return True
    return False


def breakdown_sum(sentence: str) -> float | None:
    """Return the sum of a sentence's percentages if it presents them as shares of one whole, else None."""
    matches = list(_PERCENT.finditer(sentence))
    if len(matches) < 2 or not _has(sentence, SPLIT_WORDS) or _has(sentence, CHANGE_WORDS + PARTIAL_WORDS):
        return None
    if any(b.start() - a.end() > _MAX_GAP for a, b in pairwise(matches)):
        return None
    return sum(float(match.group(1)) for match in matches)


def total_and_parts(sentence: str) -> tuple[Amount, list[Amount]] | None:
    """Return a stated total and its parts (same kind, two or more) if ``sentence`` states both, else None."""
    lowered = sentence.casefold()
    total_at = min((lowered.find(w) for w in TOTAL_WORDS if w in lowered), default=-1)
    parts_at = min((lowered.find(w) for w in PARTS_WORDS if w in lowered[total_at + 1 :]), default=-1)
    if total_at < 0 or parts_at <= total_at or _has(sentence, PARTIAL_WORDS):
        return None
    before, after = amounts(sentence[total_at:parts_at]), amounts(sentence[parts_at:])
    if not before or len(after) < 2 or any(part.kind != before[0].kind for part in after):
        return None
    return before[0], after


def adds_up(total: float, parts: list[float]) -> bool:
    """Whether ``parts`` add up to ``total`` within half a percent of it (rounding in the text)."""
    return abs(sum(parts) - total) <= max(abs(total) * 0.005, 1e-9)


def share_column_sums(table: DocTable) -> Iterator[tuple[str, float, int]]:
    """Yield (header, sum, rows) for each share column of ``table`` whose percentages miss 100%."""
    rows = [(index, row) for index, (_, row) in enumerate(table.rows) if not _is_total_row(row)]
    shares = {header: _is_share_header(header) for header in dict.fromkeys(table.header)}  # a merged header once
    for column, header in enumerate(table.header):
        if not shares[header] or len(rows) < 2:
            continue
        # a share merged down several rows (DOCX) is one share of the whole
        cells = [row[column].strip() if column < len(row) else "" for i, row in rows if (i, column) not in table.merged]
        values = [_single_percent(cell) for cell in cells]
        if any(value is None for value in values):
            continue
        total = sum(v for v in values if v is not None)
        if abs(total - 100) > TOLERANCE:
            yield header, total, len(values)


def total_row_mismatches(table: DocTable) -> Iterator[tuple[int, str, str, float]]:
    """Yield (position, column header, total cell as written, sum of the rows above) where a total row is off."""
    above: list[tuple[int, tuple[str, ...]]] = []
    for index, (position, row) in enumerate(table.rows):
        if not _is_total_row(row):
            above.append((index, row))
            continue
        for column in range(1, len(row)):
            stated = _cell_number(row[column])
            # an amount merged down several rows (DOCX) is one part
            kept = [r for i, r in above if (i, column) not in table.merged]
            parts = [_cell_number(r[column]) if column < len(r) else None for r in kept]
            if stated is None or len(parts) < 2 or any(p is None or p[1] != stated[1] for p in parts):
                continue
            values = [p[0] for p in parts if p is not None]
            if not adds_up(stated[0], values):
                header = table.header[column] if column < len(table.header) else str(column + 1)
                yield position, header, row[column].strip(), sum(values)
        above = []


def _is_share_header(header: str) -> bool:
    """Whether a column header names shares of one whole: 占比, 流量占比, Share, Traffic share (%)."""
    words = header.casefold()
    if not _has(words, SHARE_HEADERS):
        return False
    for word in (*SHARE_HEADERS, *WHOLE_WORDS):
        words = words.replace(word, " ")
    return not any(char.isalnum() for char in words)


_TOTAL_ROW_STARTS = frozenset(word[0] for word in TOTAL_ROWS)


def _is_total_row(row: tuple[str, ...]) -> bool:
    """Whether ``row``'s first cell, without spaces and case, starts with a word of ``TOTAL_ROWS``.

    Most rows start with none of those words' first characters: a row is passed over on its first character
    (case-folded as the whole cell is, character by character) without joining and folding the whole cell.
    """
    head = row[0].lstrip()[:1] if row else ""
    if head.casefold()[:1] not in _TOTAL_ROW_STARTS:
        return False
    return "".join(row[0].split()).casefold().startswith(TOTAL_ROWS)


def _single_percent(cell: str) -> float | None:
    match = _PERCENT.fullmatch(cell)
    return float(match.group(1)) if match else None


def _cell_number(cell: str) -> tuple[float, str] | None:
    """Read a cell holding one number: ``(value, kind)``; kind ``percent`` for ``30%``."""
    cell = cell.strip()
    percent = _single_percent(cell)
    if percent is not None:
        return percent, "percent"
    match = _AMOUNT.fullmatch(cell)
    if not match:
        return None
    whole, fraction, scale = match.group(2), match.group(3), match.group(4) or ""
    value = float(whole.replace(",", "") + ("." + fraction if fraction else "")) * _SCALES.get(scale[:1], 1.0)
    return value, "amount"


def sum_problems(text: str) -> Iterator[tuple[str, Wording, Wording]]:
    """Yield (rule, message, hint) for each sentence of ``text`` whose shares or stated total do not add up.

    OPS510: percentages a sentence presents as shares of one whole that miss 100%; OPS511: a stated total that
    is not the sum of its parts. The same for a document's text and for a profile's (``text_sums``). The message
    and hint are said when the finding is kept (``Wording.said``).
    """
    if not may_not_add_up(text):
        return
    for sentence in sentences(text):
        excerpt = clipped(sentence)
        total = breakdown_sum(sentence)
        if total is not None and abs(total - 100) > TOLERANCE:
            yield "OPS510", wording("OPS510", excerpt=excerpt, total=f"{total:g}"), wording("OPS510.hint")
        stated = total_and_parts(sentence)
        if stated is not None and not adds_up(stated[0].value, [part.value for part in stated[1]]):
            parts = " + ".join(part.text for part in stated[1])
            said = wording("OPS511", total=stated[0].text, parts=parts, excerpt=excerpt)
            yield "OPS511", said, wording("OPS511.hint")
