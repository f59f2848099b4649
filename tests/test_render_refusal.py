"""``opsplan render`` refuses a profile with check errors (exit 1, the findings as `check` prints them);
``--draft`` renders it and marks it 草稿 / DRAFT (issue 12.6)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from typer.testing import CliRunner

from opsplan.cli import app
from tests.conftest import MINIMAL_PROFILE, RENDERABLE_PROFILE


def _write(tmp_path: Path, text: str, name: str = "shop.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_profile_with_check_errors_is_not_rendered(tmp_path: Path, runner: CliRunner) -> None:
    # kind douyin-flowers without market data: OPS101 at the plan.kind line (line 6, column 9)
    path = _write(tmp_path, MINIMAL_PROFILE)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "OPS101" in result.stdout and "shop.yaml:6:9" in result.stdout
    assert "not rendered" in result.stderr and "--draft" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_one_refused_profile_does_not_stop_the_others(tmp_path: Path, runner: CliRunner) -> None:
    good = _write(tmp_path, RENDERABLE_PROFILE, "good.yaml")
    bad = _write(tmp_path, MINIMAL_PROFILE, "bad.yaml")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(good), str(bad), "-o", str(out), "-f", "md"])
    assert result.exit_code == 1
    assert (out / "good.md").exists() and not (out / "bad.md").exists()


def test_draft_renders_and_marks_every_page(tmp_path: Path, runner: CliRunner) -> None:
    path = _write(tmp_path, MINIMAL_PROFILE)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "-o", str(out), "--draft"])
    assert result.exit_code == 0, result.output
    md = (out / "shop.md").read_text(encoding="utf-8")
    assert md.startswith("# 测试方案（草稿）\n")
    with zipfile.ZipFile(out / "shop.docx") as package:
        document = package.read("word/document.xml").decode("utf-8")
        headers = [package.read(n).decode("utf-8") for n in package.namelist() if n.startswith("word/header")]
    # the default header (every page) and the first-page header (the title page) both say 草稿
    assert sum("草稿" in h for h in headers) == 2
    assert 'w:type="first"' in document and 'w:type="default"' in document
    # the title on the title page says so too
    assert document.index("草稿") < document.index("店铺")


def test_draft_in_english_says_draft(tmp_path: Path, runner: CliRunner) -> None:
    path = _write(tmp_path, MINIMAL_PROFILE.replace("locale: zh-CN", "locale: en"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "-o", str(out), "-f", "docx", "--draft"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "shop.docx") as package:
        headers = [package.read(n).decode("utf-8") for n in package.namelist() if n.startswith("word/header")]
    assert sum(">DRAFT<" in h for h in headers) == 2


def test_a_clean_profile_renders_without_draft_marks(tmp_path: Path, runner: CliRunner) -> None:
    path = _write(tmp_path, RENDERABLE_PROFILE)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "草稿" not in (out / "shop.md").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "shop.docx") as package:
        assert not any("草稿" in package.read(n).decode("utf-8") for n in package.namelist() if "header" in n)
