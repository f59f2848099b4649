"""The Markdown subset parser that feeds the DOCX writer, on hand-written snippets."""

from __future__ import annotations

import pytest

from opsplan.render.mdparse import (
    BulletList,
    CodeBlock,
    Heading,
    ListItem,
    Meta,
    NumberedList,
    Paragraph,
    Run,
    Table,
    Title,
    Toc,
    parse_inline,
    parse_markdown,
    split_row,
)

HEAD = """\
# 花间运营方案
<!-- opsplan:meta shop="花间 &quot;A&quot;" author="张三" date="2027-03-01" locale="zh-CN" -->

## 目录

- 一、行业背景与市场分析
- 二、时间规划

## 一、行业背景与市场分析
"""


def test_title_meta_and_contents() -> None:
    blocks = parse_markdown(HEAD)
    assert blocks[0] == Title("花间运营方案")
    assert blocks[1] == Meta({"shop": '花间 "A"', "author": "张三", "date": "2027-03-01", "locale": "zh-CN"})
    assert blocks[2] == Toc("目录", ("一、行业背景与市场分析", "二、时间规划"))
    assert blocks[3] == Heading(2, "一、行业背景与市场分析")
    assert len(blocks) == 4


def test_contents_in_english_and_only_before_the_first_chapter() -> None:
    blocks = parse_markdown("# T\n\n## Contents\n\n- 1 Market\n\n## 1 Market\n\n## Contents\n\ntext\n")
    assert blocks[1] == Toc("Contents", ("1 Market",))
    # a later heading with the same text is an ordinary heading
    assert blocks[3] == Heading(2, "Contents")


@pytest.mark.parametrize(
    ("line", "level", "text"),
    [
        ("## 一、背景", 2, "一、背景"),
        ("### 1.1 市场规模", 3, "1.1 市场规模"),
        ("#### 1.1.1 细分 ##", 4, "1.1.1 细分"),
        ("### **粗体** 标题", 3, "粗体 标题"),
    ],
)
def test_heading_levels(line: str, level: int, text: str) -> None:
    assert parse_markdown(line) == [Heading(level, text)]


def test_paragraph_lines_join_without_space_between_chinese_and_with_space_between_words() -> None:
    blocks = parse_markdown("第一行\n第二行\n\nfirst line\nsecond line\n")
    assert blocks == [Paragraph((Run("第一行第二行"),)), Paragraph((Run("first line second line"),))]
    mixed = parse_markdown("GMV\n目标\nup\n  to  \n20%\n")
    assert mixed == [Paragraph((Run("GMV目标up to 20%"),))]


def test_inline_bold_escapes_and_unmatched_marks() -> None:
    assert parse_inline("a **b** c") == (Run("a "), Run("b", bold=True), Run(" c"))
    assert parse_inline(r"x \*\* y") == (Run("x ** y"),)
    # an odd number of ** : the last one is literal text
    assert parse_inline("**a** b **") == (Run("a", bold=True), Run(" b **"))
    assert parse_inline("") == ()


def test_lists_with_nesting_and_continuation() -> None:
    text = "- 一\n  - 一点一\n- 二\n  续行\n\n3. 三\n4. 四\n"
    blocks = parse_markdown(text)
    assert blocks[0] == BulletList(
        (ListItem((Run("一"),), 0), ListItem((Run("一点一"),), 1), ListItem((Run("二续行"),), 0))
    )
    assert blocks[1] == NumberedList((ListItem((Run("三"),)), ListItem((Run("四"),))), start=3)


def test_table_with_escaped_pipes_alignment_and_short_rows() -> None:
    text = "| 指标 | 数值 | 来源 |\n|---|---:|:-:|\n| a \\| b | **1** | x |\n| c |\n"
    [table] = parse_markdown(text)
    assert isinstance(table, Table)
    assert table.header == ((Run("指标"),), (Run("数值"),), (Run("来源"),))
    assert table.aligns == ("", "right", "center")
    assert table.rows[0] == ((Run("a | b"),), (Run("1", bold=True),), (Run("x"),))
    assert table.rows[1] == ((Run("c"),), (), ())  # padded to the header's width
    assert not table.is_gantt


def test_gantt_marker_applies_to_the_next_table_only() -> None:
    text = "<!-- opsplan:gantt -->\n\n| 任务 | W1 |\n|---|---|\n| a | █ |\n\n| x | y |\n|---|---|\n| 1 | 2 |\n"
    first, second = parse_markdown(text)
    assert isinstance(first, Table) and first.is_gantt
    assert isinstance(second, Table) and not second.is_gantt


def test_fenced_blocks_keep_their_text_and_language() -> None:
    text = "```mermaid\ngantt\n  title x\n```\n\n~~~\n| not | a table |\n~~~\n"
    assert parse_markdown(text) == [CodeBlock("mermaid", "gantt\n  title x"), CodeBlock("", "| not | a table |")]


def test_unclosed_fence_runs_to_the_end() -> None:
    assert parse_markdown("```\nabc") == [CodeBlock("", "abc")]


def test_quotes_rules_and_other_comments() -> None:
    blocks = parse_markdown("> 注：数据\n> 来自公开资料\n\n---\n\n<!-- note -->\ntext\n")
    assert blocks == [Paragraph((Run("注：数据来自公开资料"),), quote=True), Paragraph((Run("text"),))]


def test_split_row_keeps_a_trailing_escaped_pipe() -> None:
    assert split_row("| a | b\\|") == ["a", "b|"]
    assert split_row("a|b") == ["a", "b"]


def test_windows_line_endings() -> None:
    assert parse_markdown("## 一、A\r\n\r\ntext\r\n") == [Heading(2, "一、A"), Paragraph((Run("text"),))]


def test_a_long_document_parses_block_for_block() -> None:
    # how parsing time grows is measured in bench/bench_perf.py (scaling), not here
    unit = "## 一、A\n\n段落 **粗体** 文字\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n\n"
    one = parse_markdown(unit)
    assert parse_markdown(unit * 4000) == one * 4000
