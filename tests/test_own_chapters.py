"""Chapters of the user's own and the executive summary (issue 15.5): placed, numbered, in the contents, in
md, docx, html and the deck's agenda, checked like the rest; the summary's figures are the plan's."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.render.markdown import render_markdown

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.yaml"
BODY = (
    "${shop.name}的品牌故事围绕花艺师展开。\\n\\n### 视觉识别\\n\\n- 统一的包装\\n- 统一的片头\\n\\n"
    "| 项目 | 负责人 |\\n|---|---|\\n| 视觉 | 设计 |\\n\\n## 不该出现的二级标题\\n\\n<b>粗体</b>"
)
OWN = (
    "  brand:\n    title: 品牌建设与IP打造\n    after: content\n"
    f'    body: "{BODY}"\n'
    "  outlook:\n    title: 未来展望\n    after: outcomes\n    body: 三年后的${shop.name}。\n"
)


def _profile(tmp_path: Path, own: str = OWN, extra: str = "") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\nsections:\n" in text
    text = text.replace("\nsections:\n", "\nsections:\n" + own, 1)
    text = text.replace("  kind: douyin-flowers\n", "  kind: douyin-flowers\n" + extra, 1)
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_own_chapters_are_placed_numbered_and_rendered_everywhere(tmp_path: Path, runner: CliRunner) -> None:
    path = _profile(tmp_path)
    plan = build_plan(load_profile(path))
    keys = [ref.key for ref in plan.chapters]
    assert keys[:8] == ["summary", "background", "problems", "positioning", "goals", "content", "brand", "traffic"]
    assert keys[-2:] == ["outcomes", "outlook"]
    result = runner.invoke(app, ["render", str(path), "-f", "md,docx,html,pptx", "-o", str(tmp_path), "--draft"])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "shop.md").read_text(encoding="utf-8")
    assert "- 七、品牌建设与IP打造" in markdown and "## 七、品牌建设与IP打造" in markdown  # contents and body
    assert "- 十六、未来展望" in markdown and "## 十六、未来展望" in markdown and "三年后的拾光花事。" in markdown
    assert "拾光花事的品牌故事围绕花艺师展开。" in markdown  # the reference is resolved
    assert "### 7.1 视觉识别" in markdown and "| 视觉 | 设计 |" in markdown  # sections numbered, tables kept
    assert "\\## 不该出现的二级标题" in markdown and "\\<b>粗体\\</b>" in markdown  # escaped, not dropped
    assert "## 八、流量获取与转化" in markdown
    document = zipfile.ZipFile(tmp_path / "shop.docx").read("word/document.xml").decode("utf-8")
    assert "七、品牌建设与IP打造" in document and "不该出现的二级标题" in document and "十六、未来展望" in document
    html = (tmp_path / "shop.html").read_text(encoding="utf-8")
    assert "品牌建设与IP打造" in html and "未来展望" in html
    from pptx import Presentation

    deck = Presentation(str(tmp_path / "shop.pptx"))
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    agenda = next(t for t in texts if t.startswith("目录"))  # the deck's agenda: the document's chapters
    assert "一、执行摘要" in agenda and "七、品牌建设与IP打造" in agenda and "十六、未来展望" in agenda
    check = runner.invoke(app, ["check", str(path), "--format", "json"])
    rules = {(f["rule"], f["field"]) for f in json.loads(check.stdout)}
    assert ("OPS111", "sections.brand.body") in rules  # the escaped Markdown is reported


def test_a_renamed_chapter_reaches_the_deck(tmp_path: Path, runner: CliRunner) -> None:
    path = _profile(tmp_path, own="")
    head, tail = path.read_text(encoding="utf-8").split("\nsections:\n", 1)
    assert "\n  content:\n" in "\n" + tail
    tail = ("\n" + tail).replace("\n  content:\n", "\n  content:\n    title: 内容与IP\n", 1)[1:]
    path.write_text(head + "\nsections:\n" + tail, encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "pptx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    from pptx import Presentation

    deck = Presentation(str(tmp_path / "shop.pptx"))
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert any("六、内容与IP" in t for t in texts)  # the agenda
    assert any(t.startswith("内容与IP：") for t in texts) and not any("内容矩阵" in t for t in texts)  # its slide


@pytest.mark.parametrize(
    ("own", "rule", "words"),
    [
        ("  brand:\n    title: 品牌\n    after: content\n", "OPS110", "has no body"),
        ("  brand:\n    title: 品牌\n    after: supply\n    body: 正文\n", "OPS110", "follows 'supply'"),
    ],
)
def test_an_own_chapter_without_body_or_place_is_a_finding(
    tmp_path: Path, runner: CliRunner, own: str, rule: str, words: str
) -> None:
    chapters = "  chapters: [summary, background, problems, positioning, goals, content, traffic, outcomes]\n"
    path = _profile(tmp_path, own=own, extra=chapters)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    found = [f for f in json.loads(result.stdout) if f["rule"] == rule]
    assert result.exit_code == 1 and found and words in found[0]["message"]
    assert found[0]["field"] == "sections.brand"
    report = runner.invoke(app, ["check", str(path)]).output  # grouped under its title, a row in the table
    assert "\n  品牌 (brand)\n" in report and report.count("品牌 (brand)") == 2


def test_an_own_chapter_after_no_chapter_is_refused_with_its_line(tmp_path: Path, runner: CliRunner) -> None:
    path = _profile(tmp_path, own="  brand:\n    title: 品牌\n    after: contnet\n    body: 正文\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "sections.brand.after: no chapter 'contnet'; did you mean 'content'?" in result.output


def test_the_summary_can_be_dropped(tmp_path: Path) -> None:
    chapters = "  chapters: [background, problems, positioning, goals, content, traffic, outcomes]\n"
    plan = build_plan(load_profile(_profile(tmp_path, own="", extra=chapters)))
    markdown = render_markdown(plan)
    assert "执行摘要" not in markdown and "## 一、行业背景与市场分析" in markdown


SMALL = """version: 1
plan: {title: 小店方案, locale: zh-CN, start: 2027-03-01, date: 2027-02-01, kind: custom,
  chapters: [summary, goals, risks, organization, timeline]}
shop: {name: 小店, platform: douyin}
baseline: {monthly_gmv: 100000, followers: 10000}
goals:
  short: {months: 3, targets: {monthly_gmv: 150000, followers: 20000}}
  mid: {months: 12, targets: {monthly_gmv: 300000, followers: 50000}}
risks:
  - {id: R1, category: operations, title: 断货, likelihood: 4, impact: 4, owner: 店长, mitigation: 备货, response: 补货}
  - {id: R2, category: compliance, title: 违规用语, likelihood: 2, impact: 3, owner: 店长, mitigation: 审核}
team:
  - {role: 店长, count: 1, monthly_cost: 12000}
  - {role: 运营, count: 2, monthly_cost: 8000}
budget: {total: 240000, months: 3, items: [{name: 投流, share: 0.6}, {name: 人力, share: 0.4}]}
timeline:
  phases:
    - id: p1
      name: 准备
      tasks: [{id: a, name: 搭建, weeks: 2}, {id: b, name: 拍摄, weeks: 4, after: [a]}]
  milestones: [{id: M1, name: 上线, after: [b], criteria: 完成拍摄}]
"""


def test_every_figure_in_the_summary_is_the_plans(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    markdown = render_markdown(build_plan(load_profile(path)))
    summary = markdown.split("## 一、执行摘要", 1)[1].split("\n## ", 1)[0]
    # targets: GMV first; today, first horizon (month 3), last horizon (month 12)
    assert "| 月GMV | 10万元 | 15万元 | 30万元 |" in summary
    assert "| 粉丝数 | 1万 | 2万 | 5万 |" in summary
    assert "第3个月" in summary and "第12个月" in summary
    # budget 240,000 over 3 months = 80,000 a month; largest line 投流 60%
    assert "3个月总预算24万元，月均8万元，占比最大的是投流（60%）" in summary
    # team 1 + 2 = 3 people; 12,000 + 2 × 8,000 = 28,000 a month; × 3 = 84,000 = 35% of 240,000
    assert "团队共3人，月人力成本2.8万元，3个月合计8.4万元，占预算的35%" in summary
    # schedule: a (2 weeks) then b (4 weeks) = 42 days from 2027-03-01, critical; buffer 10% = 4.2 → 5 days
    assert "方案自2027年3月1日开始" in summary
    assert "- M1 上线（2027年4月11日）" in summary  # b finishes on day 42: 2027-04-11
    # risks by score: R1 4 × 4 = 16 (high), R2 2 × 3 = 6
    assert "共1项高风险" in summary
    assert summary.index("- R1 断货（16分）") < summary.index("- R2 违规用语（6分）")


def test_own_chapter_findings_in_chinese(tmp_path: Path, runner: CliRunner) -> None:
    own = "  brand:\n    title: 品牌\n    after: content\n    body: '<b>品牌</b>'\n  more:\n    title: 更多\n    after: brand\n"
    result = runner.invoke(app, ["check", "--lang", "zh-CN", str(_profile(tmp_path, own=own)), "--format", "json"])
    said = {f["rule"]: f["message"] for f in json.loads(result.stdout) if f["rule"] in ("OPS110", "OPS111")}
    assert said == {
        "OPS110": "自己的章节「更多」（more）没有正文，方案不会收录它",
        "OPS111": "sections.brand.body 用了方案不支持的 Markdown（HTML 标签），方案会把它原样显示为文字",
    }
