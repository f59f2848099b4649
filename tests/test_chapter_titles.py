"""A kind's chapter renamed (sections.<key>.title) or dropped (plan.chapters), in md, docx and the contents
(issue 15.5)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from typer.testing import CliRunner

from opsplan.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "douyin-flowers.zh-CN.yaml"


def test_a_renamed_and_a_dropped_chapter(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\nsections:\n" in text and "\n  content:\n" in text
    chapters = (
        "[background, problems, positioning, goals, content, traffic, users, data, risks, organization, timeline]"
    )
    text = text.replace("  kind: douyin-flowers\n", f"  kind: douyin-flowers\n  chapters: {chapters}\n", 1)
    text = text.replace("\n  content:\n", "\n  content:\n    title: 品牌建设与IP打造\n", 1)  # in sections
    profile = tmp_path / "shop.yaml"
    profile.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(profile), "-f", "md,docx", "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "shop.md").read_text(encoding="utf-8")
    assert "- 五、品牌建设与IP打造" in markdown and "## 五、品牌建设与IP打造" in markdown  # contents and body
    assert "、内容矩阵" not in markdown  # neither in the contents nor as a heading
    assert "供应链与履约" not in markdown  # supply dropped: 七、用户运营 is followed by 八、数据监测
    assert "## 八、数据监测" in markdown
    document = zipfile.ZipFile(tmp_path / "shop.docx").read("word/document.xml").decode("utf-8")
    assert "五、品牌建设与IP打造" in document and "供应链与履约" not in document
