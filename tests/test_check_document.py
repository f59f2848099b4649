"""Document rules on Markdown plans written inline: clean plans pass, each defect is found."""

from __future__ import annotations

import pytest

from opsplan.check.rule_table import RULES
from tests._check_helpers import findings_of, line_of, rules_of
from tests.conftest import REPO

CLEAN_ZH = """\
# 花间运营方案
<!-- opsplan:meta shop="花间" author="运营部" date="2027-03-01" locale="zh-CN" -->

## 目录

- 一、行业背景与市场分析
- 二、问题定义
- 三、风险管控

## 一、行业背景与市场分析

### 1.1 市场规模

鲜花电商市场持续增长。

### 1.2 竞争格局

| 品牌 | 粉丝 |
|---|---|
| 甲 | 50万 |

## 二、问题定义

内容同质化，转化率低。

## 三、风险管控

### 3.1 合规风险

广告法审核。

#### 3.1.1 审核流程

两级审核。

### 3.2 舆情风险

```mermaid
gantt
```
"""

CLEAN_EN = """\
# Bloom operating plan

## Contents

- 1 Market background
- 2 Timeline

## 1 Market background

### 1.1 Market size

The market grows.

### 1.2 Competitors

Two rivals.

## 2 Timeline

Four phases over six months.
"""

# traditional Chinese with plain-text numbered headings (no # marks), 壹貳參 numerals
CLEAN_TRADITIONAL = """\
壹、行業背景與市場分析

市場持續成長。

1.1 市場規模

規模資料。

貳、風險管控

廣告法審核。

參、時間規劃

四個階段。
"""


@pytest.mark.parametrize("text", [CLEAN_ZH, CLEAN_EN, CLEAN_TRADITIONAL], ids=["zh", "en", "traditional"])
def test_clean_documents_pass(write, text):
    assert findings_of(write("plan.md", text)) == []


def _defect(old: str, new: str, base: str = CLEAN_ZH) -> str:
    assert old in base
    return base.replace(old, new, 1)


# (rule, document text, text on the line the finding points at, words the message must hold)
CASES = [
    # a plan cut off: the contents list 三、风险管控 but the body stops after 二
    (
        "OPS104",
        CLEAN_ZH[: CLEAN_ZH.index("## 三、风险管控")],
        "- 三、风险管控",
        "the contents list '三、风险管控' but the body has no such heading",
    ),
    (
        "OPS105",
        _defect("内容同质化，转化率低。\n", ""),
        "## 二、问题定义",
        "heading '二、问题定义' has no text under it",
    ),
    ("OPS106", "just a paragraph of text\n", "just a paragraph", "no headings found"),
    ("OPS202", _defect("### 1.2 竞争格局", "### 1.2 XXXXX"), "### 1.2 XXXXX", "placeholder 'XXXXX' in heading"),
    (
        "OPS203",
        _defect("两级审核。", "审核流程待定。"),
        "审核流程待定",
        "placeholder '待定' in the text under '3.1.1 审核流程'",
    ),
    # a repeated chapter: 风险管控 again as 四 (numbers ignored)
    (
        "OPS301",
        CLEAN_ZH + "\n## 四、風險管控\n\n再写一遍。\n",
        "## 四、風險管控",
        f"chapter title '四、風險管控' repeats '三、风险管控' (line {line_of(CLEAN_ZH, '## 三、')} and line "
        f"{len(CLEAN_ZH.splitlines()) + 2}), ignoring numbers",
    ),
    (
        "OPS302",
        _defect("### 3.2 舆情风险", "### 3.2 合规风险"),
        "### 3.2 合规风险",
        "section title '3.2 合规风险' repeats '3.1 合规风险' under '三、风险管控'",
    ),
    # a numbering gap: 一、二、四
    (
        "OPS401",
        _defect("## 三、风险管控", "## 四、风险管控").replace("- 三、风险管控", "- 四、风险管控"),
        "## 四、风险管控",
        "numbering jumps from 二 to 四: 三 is missing",
    ),
    (
        "OPS401",
        _defect("### 1.2 竞争格局", "### 1.3 竞争格局"),
        "### 1.3",
        "numbering jumps from 1.1 to 1.3: 1.2 is missing",
    ),
    (
        "OPS402",
        _defect("## 三、风险管控", "## 二、风险管控").replace("- 三、风险管控", "- 二、风险管控"),
        "## 二、风险管控",
        "number 二 is used again after 二",
    ),
    (
        "OPS403",
        _defect("### 1.2 竞争格局", "### 2.1 竞争格局"),
        "### 2.1",
        "section 2.1 is under 一; expected 1.x there",
    ),
    # a plan that stops mid-sentence after its last heading
    (
        "OPS108",
        CLEAN_ZH + "\n## 四、时间规划\n\n第三阶段完成后，团队将，\n",
        "第三阶段完成后",
        "the document ends mid-sentence under '四、时间规划'",
    ),
    (
        "OPS510",
        _defect("鲜花电商市场持续增长。", "渠道占比：自然流量50%，千川30%，达人10%。"),
        "渠道占比",
        "sum to 90%, not 100%",
    ),
    (
        "OPS511",
        _defect("广告法审核。", "总预算300万元，其中内容120万元、投放100万元、工具50万元。"),
        "总预算",
        "the total 300万元 is not the sum of its parts (120万元 + 100万元 + 50万元)",
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "line_text", "words"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_document_rule_fires(write, rule, text, line_text, words):
    findings = findings_of(write("plan.md", text))
    assert [f.rule for f in findings] == [rule], [f"{f.rule} {f.message}" for f in findings]
    (finding,) = findings
    assert words in finding.message
    assert finding.line == line_of(text, line_text)
    assert finding.hint


def test_every_document_rule_has_a_case():
    document_rules = {rule.id for rule in RULES.values() if rule.applies_to.endswith("document")}
    assert document_rules == {case[0] for case in CASES}


def test_heading_path_names_the_chapter_and_section(write):
    text = _defect("两级审核。", "TODO")
    (finding,) = findings_of(write("plan.md", text))
    assert finding.headings == ("三、风险管控", "3.1 合规风险", "3.1.1 审核流程")
    assert finding.chapter == "三、风险管控"


def test_five_twice_in_traditional_chinese(write):
    text = "".join(f"{n}、章節{i}\n\n正文。\n\n" for i, n in enumerate("一二三四五五六", 1))
    findings = findings_of(write("plan.md", text))
    assert [f.rule for f in findings] == ["OPS402"]
    assert findings[0].message == "number 五 is used again after 五"
    assert findings[0].line == 5 * 4 + 1  # each chapter takes 4 lines; the second 五 is the 6th


def test_eleven_chapters_count_past_ten(write):
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十三"]
    text = "".join(f"## {n}、第{i}章\n\n正文。\n\n" for i, n in enumerate(numerals, 1))
    findings = findings_of(write("plan.md", text))
    assert [f.message for f in findings] == ["numbering jumps from 十一 to 十三: 十二 is missing"]


def test_gap_from_seven_to_nine_in_financial_numerals(write):
    text = "".join(f"{n}、章{i}\n\n正文。\n\n" for i, n in enumerate("壹貳參肆伍陸柒玖", 1))
    (finding,) = findings_of(write("plan.md", text))
    assert finding.message == "numbering jumps from 七 to 九: 八 is missing"


def test_headings_inside_code_fences_and_comments_are_ignored(write):
    text = CLEAN_EN + "\n```\n# not a heading\n## 9 Nope\n```\n<!--\n## 7 hidden\n-->\n"
    assert findings_of(write("plan.md", text)) == []


def test_english_duplicate_ignores_case_and_numbers(write):
    text = CLEAN_EN.replace("## 2 Timeline", "## 2 market BACKGROUND").replace("- 2 Timeline", "- 2 market BACKGROUND")
    assert rules_of(write("plan.md", text)) == ["OPS301"]


def test_contents_with_links_and_page_numbers_match(write):
    text = CLEAN_EN.replace("- 1 Market background", "- [1 Market background](#1-market-background) ...... 3")
    assert findings_of(write("plan.md", text)) == []


def test_sentence_starting_with_a_number_is_not_a_heading(write):
    text = CLEAN_ZH.replace("鲜花电商市场持续增长。", "1.5 万家花店在抖音开店，竞争激烈。")
    assert findings_of(write("plan.md", text)) == []


def test_numbered_lines_inside_a_styled_chapter_are_a_list_not_headings(write):
    text = CLEAN_ZH.replace("内容同质化，转化率低。", "一、内容同质化\n二、转化率低\n四、复购少")
    assert findings_of(write("plan.md", text)) == []


HAND_TYPED = """\
花间运营方案

目录

一、行业背景 ........ 1
二、问题定义 ........ 3
三、风险管控 ........ 5

一、行业背景

市场持续增长。

二、问题定义

转化率低。
"""


def test_hand_typed_contents_with_page_numbers(write):
    complete = HAND_TYPED + "\n三、风险管控\n\n广告法审核。\n"
    assert findings_of(write("plan.md", complete)) == []
    (finding,) = findings_of(write("cut.md", HAND_TYPED))
    assert finding.rule == "OPS104"
    assert finding.message.startswith("the contents list '三、风险管控'")
    assert finding.line == line_of(HAND_TYPED, "三、风险管控 ....")


def test_contents_heading_followed_directly_by_the_body(write):
    # no entries at all: 一、行业背景 is taken as an entry until its paragraph shows it is a heading
    text = "# 方案\n\n## 目录\n\n一、行业背景\n\n市场持续增长。\n\n二、问题定义\n\n转化率低。\n"
    assert findings_of(write("plan.md", text)) == []


def test_bold_heading_text_is_unwrapped(write):
    text = CLEAN_ZH.replace("## 二、问题定义", "## **二、问题定义**")
    assert findings_of(write("plan.md", text)) == []


def test_chinese_year_with_two_zeros_is_not_a_placeholder(write):
    text = CLEAN_ZH.replace("鲜花电商市场持续增长。", "二〇〇八年起，鲜花电商市场持续增长。")
    assert findings_of(write("plan.md", text)) == []


def test_english_chapter_words(write):
    text = "".join(f"## Chapter {n}: Part {n} of the plan\n\nBody.\n\n" for n in (1, 2, 4))
    (finding,) = findings_of(write("plan.md", text))
    assert finding.message == "numbering jumps from Chapter 2 to Chapter 4: Chapter 3 is missing"


def test_chapter_sections_and_paren_subsections(write):
    text = (
        "第一章 背景\n\n正文。\n\n（一）市场\n\n正文。\n\n（三）竞品\n\n正文。\n\n第二章 目标\n\n（一）短期\n\n正文。\n"
    )
    (finding,) = findings_of(write("plan.md", text))
    assert finding.message == "numbering jumps from （一） to （三）: （二） is missing"


def test_bold_styled_chapters_still_hide_numbered_list_lines(write):
    text = CLEAN_ZH.replace("## 二、问题定义", "## **二、问题定义**").replace(
        "内容同质化，转化率低。", "一、内容同质化\n二、转化率低"
    )
    assert findings_of(write("plan.md", text)) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("我们邀请填写问卷的老客进群", None),  # 邀请填写 = "invite to fill in", ordinary text
        ("申请填写资料后三天内审核", None),
        ("品牌定位：请填写", "请填写"),
        ("品牌定位：【请填写】", "【请填写】"),
        ("目标 xx% 待定", "xx"),
    ],
)
def test_placeholder_words_not_their_innocent_neighbours(text, found):
    from opsplan.check.textutil import find_placeholder

    assert find_placeholder(text) == found


@pytest.mark.parametrize("example", sorted((REPO / "examples").glob("*.md")), ids=lambda p: p.stem)
def test_check_reads_the_headings_the_renderers_parser_reads(example):
    from opsplan.check.docread import read_markdown
    from opsplan.render.mdparse import Heading, Title, parse_blocks

    text = example.read_text(encoding="utf-8")
    parsed = [(b.level if isinstance(b, Heading) else 1, b.text, b.line) for b in parse_blocks(text)
              if isinstance(b, Heading | Title)]  # fmt: skip
    read = [(h.level, h.text, h.position) for h in read_markdown(example).headings]
    assert read == parsed
    assert all(text.split("\n")[line - 1].lstrip().startswith("#") for _, _, line in read)


def test_quotes_tables_code_and_indented_lines_are_never_headings(write):
    text = CLEAN_EN + "\n> 3 Quoted chapter\n\n| 3 Cell chapter |\n|---|\n| 4 Row chapter |\n\n    5 Indented\n"
    assert findings_of(write("plan.md", text)) == []


def test_a_comment_over_several_lines_hides_what_it_holds(write):
    text = CLEAN_EN + "\n<!-- draft\n## 9 Hidden chapter\nXXX\n-->\n"
    assert findings_of(write("plan.md", text)) == []


def test_escaped_markdown_reads_back_as_written(write):
    # what the templates write for profile text '# XXX' and '1. TODO': the escapes are removed, the words seen
    text = CLEAN_EN.replace("The market grows.", "\\# XXX and 1\\. TODO")
    findings = findings_of(write("plan.md", text))
    assert [(f.rule, f.line) for f in findings] == [("OPS203", line_of(text, "\\# XXX"))]
    assert "'\\# XXX" not in findings[0].message and "'# XXX and 1. TODO'" in findings[0].message


HTML_ZH = (
    CLEAN_ZH.replace("## 一、行业背景与市场分析", '<h2 id="background" class="chapter">一、行业背景与市场分析</h2>')
    .replace("### 1.1 市场规模", "<H3>1.1 市场规模</H3>")
    .replace("## 二、问题定义", "<h2><a name='p'></a>二、<b>问题定义</b></h2>")
    .replace("## 三、风险管控", '  <h2 style="color: red">三、风险管控</h2 >')
)


def test_html_headings_in_hand_edited_markdown_are_headings(write):
    assert HTML_ZH.count("<h2") + HTML_ZH.count("<H3") == 4
    path = write("plan.md", HTML_ZH)
    assert findings_of(path) == []
    from opsplan.check.docread import read_markdown

    headings = [(h.level, h.text, h.position) for h in read_markdown(path).headings]
    assert (2, "一、行业背景与市场分析", line_of(HTML_ZH, "<h2 id=")) in headings
    assert (3, "1.1 市场规模", line_of(HTML_ZH, "<H3>")) in headings
    assert (2, "二、问题定义", line_of(HTML_ZH, "<a name")) in headings  # inline tags dropped


def test_html_headings_are_checked_like_markdown_headings(write):
    text = HTML_ZH.replace(
        "<H3>1.1 市场规模</H3>", "<h3>1.1 市场规模</h3>\n\n正文。\n\n<h3>1.1 XXX &amp; 市场规模</h3>"
    )
    findings = findings_of(write("plan.md", text))
    assert [(f.rule, f.line) for f in findings] == [
        ("OPS202", line_of(text, "XXX")),  # a placeholder in a heading
        ("OPS402", line_of(text, "XXX")),  # 1.1 twice
    ]


def test_an_html_heading_line_does_not_swallow_the_paragraph_after_it(write):
    text = HTML_ZH.replace(
        "鲜花电商市场持续增长。", "鲜花电商市场持续增长。\n<h4>渠道结构</h4>\n渠道占比：甲50%，乙30%。"
    )
    findings = findings_of(write("plan.md", text))
    assert [(f.rule, f.line) for f in findings] == [("OPS510", line_of(text, "渠道占比"))]


def test_html_that_is_not_a_whole_heading_is_text(write):
    text = (
        CLEAN_ZH
        + "\n<h2>四、没有闭合\n\n`<h2>五、代码</h2>`\n\n<h7>六、不是标题</h7>\n\n```\n<h2>七、代码块</h2>\n```\n"
    )
    assert findings_of(write("plan.md", text)) == []
