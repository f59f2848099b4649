"""Readers of user text that hostile input once made slow or wrong: what they read stays right.

Their speed on 1 MB of each worst case is ``tests/test_check_linear.py``'s (slow); these check what they read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsplan.check.docread import MAX_HEADING_CHARACTERS, read_markdown
from opsplan.check.document_rules import MAX_FINDINGS_PER_RULE, check_document
from opsplan.check.document_sums import cells_may_not_add_up, may_not_add_up
from opsplan.check.docxread import document_from_blocks
from opsplan.check.heading_numbers import split_number
from opsplan.check.text_rules import mentions
from opsplan.i18n import EN, ZH, use


@pytest.mark.parametrize(
    ("text", "label", "figure"),
    [
        ("月GMV做到200万元", "月GMV", "200万元"),
        ("Straße 月GMV做到200万元", "月GMV", "200万元"),  # ß folds to ss: the positions are still the text's
        ("ﬁ花店的月GMV做到200万元", "月GMV", "200万元"),
        ("Straße: monthly GMV of CNY 2.0M", "monthly GMV", "CNY 2.0M"),
        ("monthly GMV of  CNY 2.0M", "monthly GMV", "CNY 2.0M"),
    ],
)
def test_a_stated_figure_is_read_after_its_metric_name(text, label, figure):
    (found,) = mentions(text)
    assert (found[1], found[2].text) == (label, figure)


@pytest.mark.parametrize(
    "text",
    [
        "月GMV做到Cxyz CNY 5",  # the figure is not right after the word that states a value
        "monthly GMV of RMB... RMB 5",
        "月GMV做到，200万元",  # another clause
        "月GMV 1 月GMV 1 月GMV 1",  # no word that states a value
    ],
)
def test_a_figure_away_from_its_stating_word_is_not_read(text):
    assert list(mentions(text)) == []


def test_a_heading_number_has_at_most_nine_parts():
    number, title = split_number("1.1.1.1.1.1.1.1.1 细则")
    assert number is not None and len(number.parts) == 9 and title == "细则"
    assert split_number("1.1.1.1.1.1.1.1.1.1 细则") == (None, "1.1.1.1.1.1.1.1.1.1 细则")


@pytest.mark.parametrize(("lang", "said"), [(EN, "numbering jumps from 1.1 to 1.3"), (ZH, "编号从 1.1 跳到了 1.3")])
def test_a_heading_of_many_number_parts_is_a_title_not_a_number(write, lang, said):
    deep = "1." * 5_000 + "1 附录"
    text = f"## 1 背景\n\n正文。\n\n### 1.1 市场\n\n正文。\n\n### {deep}\n\n正文。\n\n### 1.3 渠道\n\n正文。\n"
    with use(lang):
        findings = check_document(read_markdown(write("plan.md", text)))
    # the deep heading counts for no number: 1.3 follows 1.1, and nothing is said of a 5,001-part number
    assert [(f.rule, f.message[: len(said)]) for f in findings] == [("OPS401", said)]


def test_a_heading_of_a_megabyte_is_named_by_its_first_thousand_characters(write):
    # every finding under a heading names it twice (its path and its chapter): 300 findings under a heading of
    # 400,000 characters wrote 482 MB of JSON
    text = "## 一、" + "背" * 400_000 + "\n\n" + "XXX 待补充\n\n" * 300
    findings = check_document(read_markdown(write("plan.md", text)))
    heading = "一、" + "背" * 997 + "…"
    assert [f.rule for f in findings] == ["OPS203"] * (MAX_FINDINGS_PER_RULE + 1)
    assert {(f.headings, f.chapter) for f in findings} == {((heading,), heading)}
    assert len(json.dumps([f.as_dict() for f in findings], ensure_ascii=False)) < 1_000_000


def test_a_docx_heading_is_cut_as_a_markdown_heading_is():
    items = [("paragraph", "一、" + "背" * 5_000, "Heading 1"), ("paragraph", "正文。", "Normal")]
    document = document_from_blocks("plan.docx", items, [])
    assert [len(h.text) for h in document.headings] == [MAX_HEADING_CHARACTERS]
    assert document.headings[0].text.endswith("背…")


def test_a_long_cell_merged_across_columns_is_read_once(tmp_path):
    from opsplan.check.docxread import read_docx
    from tests.test_safeio import W, rezip

    text = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>".format
    cell = "<w:tc><w:tcPr><w:gridSpan w:val='63'/></w:tcPr>" + text("XXX " + "甲" * 400_000) + "</w:tc>"
    heading = "<w:p><w:pPr><w:pStyle w:val='Heading1'/></w:pPr><w:r><w:t>一、背景</w:t></w:r></w:p>"
    table = "<w:tbl><w:tr>" + cell + "<w:tc>" + text("占比") + "</w:tc></w:tr></w:tbl>"
    xml = f"<w:document xmlns:w='{W}'><w:body>{heading}{table}</w:body></w:document>"
    example = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.docx"
    path = tmp_path / "plan.docx"
    path.write_bytes(rezip(example.read_bytes(), {"word/document.xml": xml.encode()}))
    document = read_docx(path)
    # the row reads the cell in each of its 63 columns; the table's line lists it once (it was 63 times, 25 MB)
    assert [len(cells) for _, cells in document.tables[0].rows] == [] and len(document.tables[0].header) == 64
    assert [len(line.text) for line in document.body] == [400_004 + len(" | 占比")]
    with use(EN):
        (finding,) = check_document(document)
    assert (finding.rule, finding.message) == (
        "OPS203",
        f"placeholder 'XXX' in the text under '一、背景': 'XXX {'甲' * 53}…'",
    )


CELLS = st.sampled_from(["%", "％", "10%", "合计", "Total", "tota", "l", "", "x" * 600_000, "占比 " * 200_000])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELLS, st.integers(1, 3)), max_size=8))
def test_cells_are_read_as_their_joined_text_is(cells):
    spread = [cell for cell, columns in cells for _ in range(columns)]  # a cell merged across columns repeats
    assert cells_may_not_add_up(spread) == may_not_add_up("\n".join(spread))
