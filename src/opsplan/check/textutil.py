"""Text helpers shared by the profile and document rules: placeholders, page numbers, quoting, word patterns.

Heading numbers, which only a document's check reads, are in ``heading_numbers``.
"""

from __future__ import annotations

import re
import unicodedata

# Placeholder text left in a plan: Latin X runs (XXX, xx%), to-do markers, Chinese "to be filled" words
# (simplified and traditional), bracketed fill-in prompts, ellipsis runs and question-mark runs. Every
# pattern here is linear in the length of the text: runs are matched possessively (``++``, ``{5,}+``) and
# bracketed prompts are bounded in length, so no start position rescans the rest of a long line. Each
# alternative starts with one character, written out (x and X are two alternatives), and looks behind it only
# then (``x(?<![A-Za-z]x)`` is ``(?<![A-Za-z])x``): the search skips at once to the characters an alternative
# starts with, ten times faster than the same words under IGNORECASE (1.4 -> 0.14 ms over the 441 texts of the
# flowers example's DOCX). Latin words still match in any case, as under IGNORECASE, and a letter next to them
# is any character [A-Za-z] matches ignoring case: ASCII letters, İ, ı, ſ and the Kelvin sign, each tested in a
# piece of its own (a class of all four compiles to a table of every character, 0.2 ms each time).
_LETTER_PIECES = ("[A-Za-z]", "[\u0130\u0131]", "\u017f", "\u212a")
_NO_LETTER_AFTER = "".join(f"(?!{piece})" for piece in _LETTER_PIECES)


def _latin(first: str, rest: str) -> str:
    """Alternatives for a Latin word starting with letter ``first`` in either case, no letter either side."""
    either = f"[{first.lower()}{first.upper()}]"
    no_letter_before = "".join(f"(?<!{piece}{either})" for piece in _LETTER_PIECES)
    return "|".join(f"{case}{no_letter_before}(?i:{rest}){_NO_LETTER_AFTER}" for case in (first.lower(), first.upper()))


_BRACKETED = r"[ \t]{0,8}(?:请|請|填写|填寫|(?i:placeholder|insert|fill))[^】\]］]{0,80}[】\]］]"
PLACEHOLDER = re.compile(
    "|".join([_latin("x", "x++"), _latin("t", "odo|b[dc]"), _latin("f", "ixme")])
    + r"|待(?:定|补充|補充|填写|填寫|完善|确认|確認)|请(?<![邀申]请)(?:填写|补充)|請(?<![邀申]請)(?:填寫|補充)"
    r"|此(?:处填写|處填寫)|某某"
    + "|".join(["", *(opening + _BRACKETED for opening in ("【", r"\[", "［"))])
    + r"|<[ \t]{0,8}(?:请|請|填写|填寫|(?i:insert|fill))[^<>]{0,80}>"
    r"|……|\.(?<!\.\.)\.{5,}+|\?(?<![?？][?？])[?？]++|？(?<![?？][?？])[?？]++|○(?<!○○)○++"
    r"|l(?i:orem ipsum)|L(?i:orem ipsum)"
)
_LEADER = frozenset(" \t\u3000.·…_")


def clipped(text: str, limit: int = 60) -> str:
    """Return ``text`` as a report shows it, stripped: up to ``limit`` characters, a longer one cut to 57 and …."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3] + "…"


def strip_page_number(text: str) -> str:
    r"""Return ``text`` without a trailing page number and its leader (``一、背景 ...... 3``, ``背景\t3``).

    A page number is digits at the end after a tab or a leader of two or more dots, spaces, middle dots,
    ellipses or underscores. Written as a scan from the end, so its time is linear in the text.
    """
    end = len(text.rstrip())
    digits = end
    while digits > 0 and text[digits - 1].isascii() and text[digits - 1].isdigit():
        digits -= 1
    if digits == end:
        return text
    start = digits
    while start > 0 and text[start - 1] in _LEADER:
        start -= 1
    leader = text[start:digits]
    if len(leader) >= 2 or "\t" in leader:
        return text[:start]
    return text


def find_placeholder(text: str) -> str | None:
    """Return the first placeholder in ``text``, or None; a contents line's page-number leader is not one."""
    if PLACEHOLDER.search(text) is None:  # most text: then none is left without the page number either
        return None
    match = PLACEHOLDER.search(strip_page_number(text))
    return match.group() if match else None


# A profile value that is nothing but one of these says nothing yet (compared casefolded, NFKC, without spaces
# and closing punctuation): the whole value only, so 无 or none inside a sentence is text, not a placeholder.
_SAYS_NOTHING = frozenset(
    ("无", "暂无", "尚无", "没有", "略", "n/a", "na", "none", "tba", "-", "--", "—", "——", "/", "...", "。。。")
)
_BLANK = re.compile(r"[_＿]{3,}+")  # a fill-in blank: ___ or ＿＿＿
# A value that starts with more ASCII letters or CJK ideographs than the longest of those words has: NFKC keeps
# each a character (none is a space, none composes away), so the value is none of them. Most values start so,
# and normalising a Chinese sentence to learn that costs more than the rest of the test. A loop, not a pattern:
# ``[A-Za-z\u4e00-\u9fff]{5}`` takes 0.7 ms to compile, in every process that imports this module.
_WORDY = max(map(len, _SAYS_NOTHING)) + 1


def starts_wordy(text: str) -> bool:
    """Whether ``text`` starts with more ASCII letters or CJK ideographs (U+4E00–U+9FFF) than any word of nothing."""
    head = text[:_WORDY]
    if len(head) != _WORDY or not head.isalpha():  # both kinds are letters to ``isalpha``: one that is not, is neither
        return False
    if head.isascii() or "\u4e00" <= min(head) <= max(head) <= "\u9fff":  # all ASCII letters, or all ideographs
        return True
    return all("a" <= c <= "z" or "A" <= c <= "Z" or "\u4e00" <= c <= "\u9fff" for c in head)


_CLOSING = " \t\u3000。.!！;；:：,，"
# More characters than this, spaces aside, and a value is none of those words: NFKC composes at most four characters
# into one (a character's canonical decomposition is at most four long), makes none vanish but the spaces it makes
# of U+00A0, U+2000–U+200A, U+202F, U+205F and U+3000 (none printable), and casefolding shortens nothing.
_LONGEST_SAID = 4 * (_WORDY - 1)


def find_profile_placeholder(text: str) -> str | None:
    """Return the placeholder in a profile value, or None.

    Besides ``find_placeholder``'s: a fill-in blank (three or more underscores, half- or full-width) and a whole
    value that is only a word for "nothing yet" (无, 暂无, 略, N/A, none, -, ...).
    """
    found = find_placeholder(text)
    if found:
        return found
    blank = _BLANK.search(text) if "_" in text or "＿" in text else None  # ``in`` skips most text 8 times faster
    if blank:
        return blank.group()
    stripped = text.strip().rstrip(_CLOSING) or text.strip()
    if len(stripped) - stripped.count(" ") > _LONGEST_SAID and stripped.isprintable():
        return None
    if starts_wordy(stripped):
        return None
    if unicodedata.normalize("NFKC", stripped).replace(" ", "").casefold() in _SAYS_NOTHING:
        return stripped
    return None


def words_pattern(words: list[str]) -> re.Pattern[str]:
    """Return a pattern that matches, at each position, the first of ``words`` (in their order) written there.

    The words are grouped by their first character (``g(?:mv growth|mv)|f(?:ollowers|…)``), so a position is
    tried against the words that begin with its character only, not against every word as an alternation of
    the words would be: the same matches, twice as fast over an English profile's text with the metrics' 126
    labels (8.9 -> 4.0 ms), and no slower to compile.
    """
    groups: dict[str, list[str]] = {}
    for word in filter(None, words):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    either = "|".join(re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in groups.items())
    return re.compile(either or "(?!)")  # no words: a pattern that matches nothing
