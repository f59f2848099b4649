"""A draft marks the figures that stand in for numbers left to fill, and its notice lists them (issue 15.1).

A skeleton's empty number (``budget.total:``, a metric's baseline or target, a role's ``count:``) computes
with the kind's example figure; under ``--draft`` that figure carries the gap mark wherever it is shown
as it is, and the draft notice at the top names each such number in the profile's language.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from tests.test_skeleton import fill_guided

MARK = {"zh-CN": "【待填写】", "en": "[fill in]"}


def _draft(runner: CliRunner, folder: Path, kind: str, locale: str, formats: str = "md") -> Path:
    """Write the kind's skeleton in ``folder`` and render it under --draft; return the profile's path."""
    path = folder / "shop.yaml"
    assert runner.invoke(app, ["new", str(path), "-p", kind, "-l", locale, "--no-input"]).exit_code == 0
    result = runner.invoke(app, ["render", str(path), "-f", formats, "-o", str(folder), "--draft", "--force"])
    assert result.exit_code == 0, result.output
    return path


def _goal_rows(markdown: str, header: str) -> dict[str, list[str]]:
    """Return the goals table's rows (the table whose header starts with ``header``) by metric label."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip().replace("\\[", "[").replace("\\]", "]") for cell in line.strip("|").split("|")]
        rows[cells[0]] = cells[1:]
    return rows


def _notice(markdown: str, opening: str) -> list[str]:
    """Return the items of the draft notice's list of numbers to fill."""
    lines = markdown.replace("\\[", "[").replace("\\]", "]").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(opening))
    items = []
    for line in lines[start + 2 :]:
        if not line.startswith("- "):
            break
        items.append(line[2:])
    return items


@pytest.mark.parametrize(
    ("kind", "locale", "header", "gmv", "gmv_cells", "opening", "gmv_item", "budget_item", "budget"),
    [
        (
            "douyin-flowers",
            "zh-CN",
            "| 指标 | 基线 |",
            "月GMV",
            # the preset's baseline.monthly_gmv 400000 and targets 1200000 / 2500000 / 5000000, in 万元
            ["40万元【待填写】", "120万元【待填写】", "250万元【待填写】", "500万元【待填写】"],
            "**待填写的数字**",
            "月GMV：基线，短期、中期、长期目标",
            "总预算",
            "总预算400万元【待填写】",  # budget.total 4000000 = 400万元
        ),
        (
            "wechat-clothing-group",
            "en",
            "| Metric | Baseline |",
            "Monthly GMV",
            # the preset's baseline.monthly_gmv 480000 and targets 1400000 / 2000000 / 3000000
            ["CNY 480,000 [fill in]", "CNY 1.4M [fill in]", "CNY 2.0M [fill in]", "CNY 3.0M [fill in]"],
            "**Numbers to fill in**",
            "Monthly GMV: baseline; short-term, mid-term, long-term targets",
            "Total budget",
            "CNY 2.6M [fill in]",  # budget.total 2600000
        ),
    ],
)
def test_a_drafts_example_figures_are_marked_and_listed(
    tmp_path: Path,
    runner: CliRunner,
    kind: str,
    locale: str,
    header: str,
    gmv: str,
    gmv_cells: list[str],
    opening: str,
    gmv_item: str,
    budget_item: str,
    budget: str,
) -> None:
    _draft(runner, tmp_path, kind, locale)
    markdown = (tmp_path / "shop.md").read_text(encoding="utf-8")
    rows = _goal_rows(markdown, header)
    assert rows[gmv] == gmv_cells
    assert all(cell.endswith(MARK[locale]) for cells in rows.values() for cell in cells if cell != "—")
    items = _notice(markdown, opening)
    assert gmv_item in items and budget_item in items
    assert any(item.startswith(("岗位人数：", "Headcount of: ")) for item in items)
    assert budget in markdown.replace("\\[", "[").replace("\\]", "]")
    # the notice sits at the top, before the contents
    assert markdown.index(opening) < markdown.index("## ")


def test_headcounts_and_other_tables_are_marked(tmp_path: Path, runner: CliRunner) -> None:
    _draft(runner, tmp_path, "douyin-flowers", "zh-CN")
    markdown = (tmp_path / "shop.md").read_text(encoding="utf-8")
    team = _goal_rows(markdown, "| 岗位 | 人数 |")
    assert team["主播"][0] == "3【待填写】"  # the preset's 主播 count: 3
    assert team["合计"][0].endswith("【待填写】")
    # the summary's headline table, the problems chapter's baseline table and its goal coverage mark them too
    assert "| 月GMV | 40万元【待填写】 | 120万元【待填写】 | 500万元【待填写】 |" in markdown
    assert "| 月GMV | 40万元【待填写】 | 越高越好 |" in markdown
    assert "| 月GMV | 40万元【待填写】 | 500万元【待填写】 | 长期 |" in markdown


def test_the_marks_and_notice_reach_docx_and_html(tmp_path: Path, runner: CliRunner) -> None:
    _draft(runner, tmp_path, "douyin-flowers", "zh-CN", "md,docx,html")
    document = zipfile.ZipFile(tmp_path / "shop.docx").read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document))
    html = (tmp_path / "shop.html").read_text(encoding="utf-8")
    for shown in (text, html):
        assert "待填写的数字" in shown and "40万元【待填写】" in shown and "400万元【待填写】" in shown


def test_a_filled_profile_has_no_mark_and_no_list(tmp_path: Path, runner: CliRunner) -> None:
    path = _draft(runner, tmp_path, "douyin-flowers", "zh-CN")
    path.write_text(fill_guided(path.read_text(encoding="utf-8"), "已填写"), encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(tmp_path), "--draft", "--force"])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "shop.md").read_text(encoding="utf-8")
    assert "【待填写】" not in markdown and "待填写的数字" not in markdown
    assert _goal_rows(markdown, "| 指标 | 基线 |")["月GMV"][0] == "40万元"


def test_a_skeleton_is_still_refused_without_draft(tmp_path: Path, runner: CliRunner) -> None:
    path = _draft(runner, tmp_path, "douyin-flowers", "zh-CN")
    refused = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(tmp_path / "out")])
    assert refused.exit_code == 1 and not (tmp_path / "out" / "shop.md").exists()
