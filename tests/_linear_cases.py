"""Worst-case inputs for every regular expression and text function that reads a document's text.

Shared by ``tests/test_check_linear.py`` (1 MB of each, under a timeout) and ``bench/fuzz_check.py
--linear`` (100 KB against 1 MB, timed). A case builds its text from a size in characters; the worst
case of a pattern is a long run of what it repeats followed by what makes the match fail at the end.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable

import opsplan.check

# Modules whose module-level patterns see a document's or a profile's text: every module of ``opsplan.check`` and
# the Markdown parser the check reads with. A new pattern there needs a case below.
MODULES = (
    *(f"opsplan.check.{module.name}" for module in pkgutil.iter_modules(opsplan.check.__path__)),
    "opsplan.render.mdparse",
    "opsplan.render.mdinline",
)

Build = Callable[[int], str]


def _run(unit: str, head: str = "", tail: str = "") -> Build:
    """Text of ``head``, then ``unit`` repeated to ``size`` characters, then ``tail``."""
    return lambda size: head + unit * max(1, size // len(unit)) + tail


PATTERN_CASES: dict[str, list[Build]] = {
    "opsplan.check.textutil:PLACEHOLDER": [
        _run("x", tail="a"),
        _run("[请"),
        _run("<请"),
        _run(".", tail="1"),
        _run("……", tail=" 1"),
        _run("?", tail="a"),
        _run("○"),
        _run(" ", head="【"),
    ],
    "opsplan.check.textutil:_BLANK": [_run("_", tail="a"), _run("__a"), _run("＿＿", tail="x")],
    "opsplan.check.heading_numbers:_ZH_HEAD": [
        _run("一", tail="x"),
        _run(" ", head="一、"),
        _run(" ", head="一", tail="x"),
    ],
    "opsplan.check.heading_numbers:_CHAPTER": [_run(" ", head="第", tail="x"), _run(" ", head="第一章", tail="x")],
    "opsplan.check.heading_numbers:_EN_CHAPTER": [_run(" ", head="chapter", tail="x"), _run(" ", head="chapter 1")],
    "opsplan.check.heading_numbers:_PAREN": [_run(" ", head="（", tail="x"), _run(" ", head="（一", tail="x")],
    "opsplan.check.heading_numbers:_DECIMALS": [_run("1."), _run("1.111"), _run(" ", head="1.1", tail="1")],
    "opsplan.check.heading_numbers:_DECIMAL": [_run(" ", head="1", tail="1"), _run("1")],
    "opsplan.check.heading_numbers:_NOT_ALNUM": [_run(" ", tail="a"), _run("_"), _run("a "), _run("。")],
    "opsplan.check.heading_numbers:_LONGER_THAN_CONTENTS": [_run(" ", tail="a"), _run("_"), _run(" a"), _run("。一")],
    "opsplan.check.document_sums:_PERCENT": [_run("1"), _run(" ", head="1"), _run("1.1"), _run("1,")],
    "opsplan.check.document_sums:_TOTAL_WORD": [_run("tota"), _run("总", tail="x")],
    "opsplan.check.document_sums:_AMOUNT": [_run("1"), _run("1,"), _run(" ", head="CNY"), _run("1,000", tail=".")],
    "opsplan.check.docread:LIST_ITEM": [_run(" "), _run(" ", head="- "), _run("1")],
    "opsplan.check.docread:_LINK": [_run("["), _run("[a]("), _run("a", head="[")],
    "opsplan.check.docread:_HTML_HEADING_START": [_run("<h"), _run("<"), _run("<h7")],
    "opsplan.check.docread:_HTML_TAG": [_run("<"), _run("<a", tail=">"), _run("a", head="<")],
    "opsplan.check.docxread:_HEADING_STYLE": [_run(" ", head="heading", tail="x")],
    "opsplan.check.docx_rows:_SPAN": [_run("1", tail="x"), _run("1")],
    "opsplan.check.plain_report:_CONTROL": [_run("a"), _run("\x00")],
    "opsplan.check.plain_report:_EMOJI_CODE": [_run("a", head=":"), _run(":a "), _run(":"), _run(" :")],
    "opsplan.check.text_rules:_FIGURE": [
        _run("1"),
        _run("1,"),
        _run("1,111", tail=","),
        _run("CNY "),
        _run("1.", tail="万"),
    ],
    "opsplan.check.text_rules:_DIGIT": [_run("a")],
    "opsplan.check.text_rules:_CLAUSE_END": [_run("a"), _run(",")],
    "opsplan.check.text_rules:_STATES": [_run("a"), _run(" "), _run("约"), _run("is")],
    "opsplan.check.text_rules:_LABEL_PATTERN": [_run("gm"), _run("月"), _run("monthly "), _run("粉丝")],
    "opsplan.check.text_rules:_BUDGET_WORD": [_run("budge"), _run("预")],
    "opsplan.check.text_rules:_NAME_ENTRY": [_run(" ", head="  name: x\n"), _run("   x\n", head="  aliases:\n")],
    "opsplan.render.mdparse:_FENCE": [_run(" ", head="```", tail="!"), _run("`", tail="\n")],
    "opsplan.render.mdparse:_BULLET": [_run(" ", tail="x"), _run(" ", head="-")],
    "opsplan.render.mdparse:_NUMBERED": [_run(" ", tail="1"), _run("1", tail="x")],
    "opsplan.render.mdparse:_COMMENT": [_run("-->x", head="<!-- opsplan:a"), _run(" ", head="<!--")],
    "opsplan.render.mdparse:_SEPARATOR_CELL": [_run("-", tail="x"), _run(" ", head=":")],
    "opsplan.render.mdparse:_RULE": [_run("-", tail="x"), _run("- ", tail="x"), _run(" ", head="-", tail="x")],
    "opsplan.render.mdparse:_QUOTE": [_run(" ", head=">")],
    "opsplan.render.mdinline:_MARK": [_run("\\"), _run("*"), _run("\\a"), _run("*\\")],
}


def run_pattern_case(key: str, size: int) -> None:
    """Apply the pattern named ``key`` to each of its worst cases of ``size`` characters (search and sub)."""
    module_name, name = key.split(":")
    pattern = getattr(importlib.import_module(module_name), name)
    assert isinstance(pattern, re.Pattern)
    for build in PATTERN_CASES[key]:
        text = build(size)
        pattern.search(text)
        pattern.match(text)
        pattern.sub("", text)


def _function_cases() -> dict[str, tuple[Callable[[str], object], list[Build]]]:
    from opsplan.check import docread, document_sums, heading_numbers, text_rules, textutil
    from opsplan.render import mdparse

    lines = [_run("."), _run(".", tail="1"), _run(" ", tail="1"), _run(" ", head="一、", tail="x"), _run("*_")]
    return {
        "textutil.find_placeholder": (textutil.find_placeholder, lines),
        "heading_numbers.split_number": (heading_numbers.split_number, lines),
        "textutil.strip_page_number": (textutil.strip_page_number, lines),
        "heading_numbers.normalize_title": (heading_numbers.normalize_title, lines),
        "docread.plain_heading": (docread.plain_heading, lines),
        "docread.clean_entry": (docread.clean_entry, [*lines, _run("[a]("), _run("[")]),
        "docread.html_heading": (
            docread.html_heading,
            [_run("<", head="<h2>", tail="</h2>"), _run("</h2", head="<h2>")],
        ),
        "document_sums.sentences": (lambda text: list(document_sums.sentences(text)), [*lines, _run("。")]),
        "document_sums.breakdown_sum": (document_sums.breakdown_sum, [_run("占比1%，"), _run("1%", head="占比")]),
        "document_sums.total_and_parts": (document_sums.total_and_parts, [_run("总计1万元，其中1万元、")]),
        "mdparse.atx_heading": (mdparse.atx_heading, [_run(" ", head="# ", tail="x"), _run(" ", head="#", tail="#x")]),
        "mdparse.attributes": (mdparse.attributes, [_run('a="'), _run("a"), _run('="')]),
        "mdparse.parse_inline": (mdparse.parse_inline, [_run("*"), _run("\\*"), _run("**a")]),
        "mdparse.split_row": (mdparse.split_row, [_run("|"), _run("\\|")]),
        "text_rules.mentions": (
            lambda text: list(text_rules.mentions(text)),
            [_run("月GMV 1 "), _run("月GMV为", tail="1"), _run("月GMV为 ", tail="1"), _run("粉丝数达到1万 ")],
        ),
    }


FUNCTION_CASES = (
    "textutil.find_placeholder",
    "heading_numbers.split_number",
    "textutil.strip_page_number",
    "heading_numbers.normalize_title",
    "docread.plain_heading",
    "docread.clean_entry",
    "docread.html_heading",
    "document_sums.sentences",
    "document_sums.breakdown_sum",
    "document_sums.total_and_parts",
    "mdparse.atx_heading",
    "mdparse.attributes",
    "mdparse.parse_inline",
    "mdparse.split_row",
    "text_rules.mentions",
)


def run_function_case(key: str, size: int) -> None:
    """Call the text function named ``key`` on each of its worst cases of ``size`` characters."""
    function, builds = _function_cases()[key]
    for build in builds:
        function(build(size))


def _lines(line: Callable[[int], str], head: str = "") -> Build:
    """Text of ``head``, then ``line(0)``, ``line(1)`` … to ``size`` characters: many lines, each different."""

    def build(size: int) -> str:
        lines, length, number = [head], len(head), 0
        while length < size:
            lines.append(line(number))
            length, number = length + len(lines[-1]), number + 1
        return "".join(lines)

    return build


def _halves(first: str, second: str, head: str = "") -> Build:
    """Text of ``head``, then ``first`` repeated to half of ``size`` characters, then ``second`` as often."""
    return lambda size: head + first * max(1, size // 2 // len(first)) + second * max(1, size // 2 // len(second))


# Whole documents for ``opsplan check``: one long line of each kind, and many short lines.
DOCUMENT_CASES: dict[str, Build] = {
    "dots": _run(".", head="## 一、背景\n\n", tail="\n"),
    "dots-then-page-number": _run(".", head="## 一、背景\n\n", tail="1\n"),
    "spaces-in-heading": _run(" ", head="# ", tail="x\n"),
    "spaces-before-closing-marks": _run(" ", head="## a", tail="#x ##\n"),
    "emphasis-marks": _run("*_", head="## ", tail="x\n"),
    "brackets": _run("[", head="## 一、背景\n\n"),
    "pipes": _run("|", head="## 一、背景\n\n| a |\n|---|\n"),
    "numerals": _run("一", head="## 一、背景\n\n", tail="x\n"),
    "many-headings": _run("## 一、背景\n\n"),
    "many-contents-entries": _run("- 一、背景 ...... 1\n", head="## 目录\n\n"),
    "comment-opening": _run("<!--", head="## 一、背景\n\n"),
    "meta-attributes": _run('a="', head="<!-- opsplan:meta ", tail="-->\n## 一、背景\n\nx\n"),
    "backticks": _run("`", head="## 一、背景\n\n"),
    "shares": _run("占比1%，", head="## 一、背景\n\n"),
    "totals": _run("总计1万元，其中1万元、", head="## 一、背景\n\n"),
    "share-table": _run("| 1% |\n", head="## 一、背景\n\n| 占比 |\n|---|\n"),
    "html-headings": _run("<h2>一、背景</h2>\n", head="## 目录\n\n"),
    "html-heading-tags": _run("<b>", head="<h2 class='a'>", tail="一</h2>\n"),
    "total-rows": _run("| a | 1万元 |\n| 合计 | 2万元 |\n", head="## 一、背景\n\n| 项目 | 金额 |\n|---|---|\n"),
    # a contents list of plain numbered lines, each a different entry
    "distinct-contents-lines": _lines(lambda n: f"{n % 9 + 1}.{n % 999 + 1} 背景{n}\n", head="## 目录\n\n"),
    # contents entries of one title, then as many headings of that title under another number
    "contents-and-headings-of-one-title": _halves("- 1.1 背景\n", "## 2.1 背景\n\n", head="## 目录\n\n"),
    # two headings numbered 1.1.1… to a quarter of the size each (a number of many parts), text under each
    "deep-heading-numbers": lambda size: ("## " + "1." * max(1, size // 8) + "1 x\n\ntext\n\n") * 2,
    "repeated-deep-heading": _lines(lambda n: "## 1.1.1.1.1.1.1.1.1 x\n\n", head="## 1 a\n\n"),
}
