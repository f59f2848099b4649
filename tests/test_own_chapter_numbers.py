"""A heading of a chapter of the user's own that carries its own number: the plan numbers it, so that number goes.

The plan numbers ``###``/``####`` sections (7.1, 7.1.1); a body written ``### 一、旧方案的问题`` became
``### 7.1 一、旧方案的问题``. The number written is taken off and ``check`` says so (OPS404, a note).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.plan.own_chapters import body_markdown, manual_numbers

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.yaml"


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("### 一、旧方案的问题", "一、", "旧方案的问题"),
        ("### 十二．复盘", "十二．", "复盘"),
        ("#### 1. 内容单一", "1.", "内容单一"),
        ("#### 1、内容单一", "1、", "内容单一"),
        ("### 2.1 渠道", "2.1", "渠道"),
        ("### 2.1. 渠道", "2.1.", "渠道"),
        ("#### （一）投放", "（一）", "投放"),
        ("#### (3) 投放", "(3)", "投放"),
        ("### 第一章 背景", "第一章", "背景"),
        ("### 第2部分：打法", "第2部分：", "打法"),
        ("### 1) Problems", "1)", "Problems"),
    ],
)
def test_a_manual_number_is_taken_off(heading: str, number: str, title: str) -> None:
    body = f"引言。\n\n{heading}\n\n正文。"
    assert manual_numbers(body) == [(heading.lstrip("#").strip(), number)]
    level = heading.split(" ", 1)[0]
    assert body_markdown(body) == f"引言。\n\n{level} {title}\n\n正文。"


@pytest.mark.parametrize(
    "heading",
    [
        "### 2027年目标",  # a year, not a number of the heading
        "### 618大促",
        "### 3.5倍增长的路径",  # a figure
        "### 十大问题",  # 十 is part of the title
        "### 一年之计",
        "### 10 个关键动作",
        "### 1.",  # nothing would be left
        "## 一、不是三级标题",  # escaped as a ## heading, not numbered by the plan
        "正文里的 一、不是标题",
    ],
)
def test_a_title_that_starts_with_a_figure_is_kept(heading: str) -> None:
    assert manual_numbers(heading) == []
    assert body_markdown(heading).lstrip("\\") == heading


BODY = "### 一、旧方案的问题\\n\\n#### 1. 内容单一\\n\\n同质化严重。\\n\\n#### 2. 投放粗放\\n\\n没有分层。"


def _profile(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    own = f'  review:\n    title: 复盘与调整\n    after: problems\n    body: "{BODY}"\n'
    assert "\nsections:\n" in text
    path = tmp_path / "shop.yaml"
    path.write_text(text.replace("\nsections:\n", "\nsections:\n" + own, 1), encoding="utf-8")
    return path


def test_the_plan_numbers_the_headings_once(tmp_path: Path) -> None:
    path = _profile(tmp_path)
    result = CliRunner().invoke(app, ["render", str(path), "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "shop.md").read_text(encoding="utf-8")
    # 执行摘要 一, 行业背景 二, 问题定义 三, then this chapter: 四 (4), its section 4.1, sub-sections 4.1.1, 4.1.2
    assert "## 四、复盘与调整" in markdown
    assert "### 4.1 旧方案的问题" in markdown
    assert "#### 4.1.1 内容单一" in markdown and "#### 4.1.2 投放粗放" in markdown
    assert "一、旧方案的问题" not in markdown and "1. 内容单一" not in markdown


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "sections.review.body: the heading '一、旧方案的问题' carries its own number '一、'; "
            "the plan numbers its headings, so it shows '旧方案的问题'",
        ),
        (
            "zh-CN",
            "sections.review.body 的标题「一、旧方案的问题」自带编号「一、」；方案会自动编号，显示为「旧方案的问题」",
        ),
    ],
)
def test_check_notes_each_number_taken_off(tmp_path: Path, lang: str, said: str) -> None:
    result = CliRunner().invoke(app, ["check", "--lang", lang, str(_profile(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output  # a note: it fails nothing, not even --strict
    notes = [f for f in json.loads(result.stdout) if f["rule"] == "OPS404"]
    assert [(f["severity"], f["field"]) for f in notes] == [("info", "sections.review.body")] * 3
    assert notes[0]["message"] == said
