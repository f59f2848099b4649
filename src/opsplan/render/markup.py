"""Text helpers the templates use as filters: Markdown-safe text for each place, Mermaid names, Gantt cells.

Every function takes plain values and returns a string; none of them computes a figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup


def meta_attr(value: object) -> Markup:
    """Quote a value for the ``opsplan:meta`` comment: ``"`` → ``&quot;``, no newlines, no ``--``."""
    text = " ".join(str(value).split()).replace("&", "&amp;").replace('"', "&quot;")
    return Markup(text.replace("--", "&#45;&#45;"))


def mermaid_text(value: object) -> Markup:
    """Make a task or section name safe in a Mermaid gantt line (no ``:``, ``;`` or ``#``)."""
    text = " ".join(str(value).split())
    for bad, good in ((":", " "), ("：", " "), (";", ","), ("#", "")):
        text = text.replace(bad, good)
    return Markup(text.strip() or "-")


def mermaid_id(value: object) -> Markup:
    """Make an id usable as a Mermaid task id: letters, digits and ``_`` only."""
    # one Markup of the joined text: ``Markup("").join`` escaped each character (letters, digits and _ need none)
    return Markup("".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in str(value)))


def gantt_cells(columns: Iterable[Any], marked: Iterable[int], mark: str) -> Markup:
    """Return a Gantt row's period cells: `` █ |`` where the column's index is in ``marked``, else ``  |``."""
    chosen = set(marked)
    filled, empty = f" {mark} |", "  |"
    return Markup("".join(filled if column["index"] in chosen else empty for column in columns))


# patterns of the rare values that need escaping (2 of 24,392 in the examples), compiled by ``re`` when first used:
# compiling them with the module cost 0.5 ms of a cold render
_LINE_BREAKS = r"[ \t]*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*"
_INLINE_SYNTAX = r"[\\`*_\[\]<|~]|&(?=#?[A-Za-z0-9]+;)"  # emphasis, code, links, HTML, cells, entities
# what opens a heading, quote, list, rule or setext underline at the start of a line
_LEADING_MARK = r"#|>|[-+](?=\s|$)|[-=]+(?=\s*$)|\d{1,9}[.)](?=\s|$)"
_SPECIAL = r"\\`*_\[\]<|~&\r\n\v\f\x1c-\x1e\x85\u2028\u2029"  # the characters ``escape_inline`` changes
# a value ``escape_inline`` changes: one opening with a leading mark, or holding a special character. One match
# where a value was ``str``, a search, ``lstrip`` and a match (possessive: the engine never backtracks)
NEEDS_ESCAPE = re.compile(rf"\s*+(?:{_LEADING_MARK})|[^{_SPECIAL}]*+[{_SPECIAL}]")


def escape_inline(value: object) -> str:
    r"""Return ``value`` as Markdown text that reads back as exactly ``value`` wherever it is placed.

    Line breaks become spaces (a value stays on its line); ``\``, backticks, ``*``, ``_``, brackets, ``<``,
    ``|``, ``~`` and entity-like ``&`` are backslash-escaped (no emphasis, code span, link, HTML or
    table column); a leading ``#``, ``>``, list mark (``-``, ``+``, ``1.``, ``1)``) or ``---``/``===`` is
    escaped, so the value can open no heading, quote, list or rule at the start of a line or of a list
    item. GFM and the renderer's parser read ``\x`` as ``x`` for any ASCII punctuation ``x``.
    """
    text = str(value)
    if NEEDS_ESCAPE.match(text) is None:  # most values: left as they are
        return text
    text = re.sub(_LINE_BREAKS, " ", text)
    text = re.sub(_INLINE_SYNTAX, lambda match: "\\" + match.group(0), text)
    body = text.lstrip()
    lead = re.match(_LEADING_MARK, body)
    if lead:
        mark = lead.group(0)
        cut = len(mark) - 1 if mark[0].isdigit() else 0  # 1\. x, but \--- and \# x
        body = body[:cut] + "\\" + body[cut:]
        text = text[: len(text) - len(text.lstrip())] + body
    return text


def cell(value: object) -> Markup:
    """Return ``value`` escaped for a GFM table cell with spaces squeezed; ``None`` is an empty cell."""
    text = " ".join(str("" if value is None else value).split())
    return Markup(text if NEEDS_ESCAPE.match(text) is None else escape_inline(text))  # most cells: no call to escape


def join_words(locale: str, items: Iterable[object]) -> str:
    """Join items as a sentence lists them: zh-CN 甲、乙、丙; en a, b and c."""
    words = [str(item) for item in items]
    if locale.startswith("zh") or len(words) <= 1:
        return "、".join(words) if locale.startswith("zh") else "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


_SENTENCE_ENDS = tuple("。！？!?.…；;：:）)」』”\"'")


def paragraph(locale: str, value: object) -> Markup:
    """Return profile text that stands as a paragraph of its own: escaped, and ending as a sentence does.

    A paragraph without closing punctuation gets the locale's full stop, so no reader of the document
    (``opsplan check``, Word's outline) takes a short one such as ``（九）新品`` for a numbered heading.
    """
    text = " ".join(str(value).split())
    if text and not text.endswith(_SENTENCE_ENDS):
        text += "。" if locale.startswith("zh") else "."
    return Markup(escape_inline(text))


def code_span(value: object) -> Markup:
    """Return ``value`` as an inline code span, fenced by one backtick more than its longest run of them."""
    text = " ".join(str(value).split())
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")
