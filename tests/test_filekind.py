"""A file under the wrong name, or -o naming a file: a message that names the file and what was expected, exit 2."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.filekind import MESSAGES, sniff
from opsplan.i18n import placeholders

REPO = Path(__file__).resolve().parents[1]
PROFILE = REPO / "examples" / "xigua-store.zh-CN.yaml"


def _package(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_package("[Content_Types].xml", "word/document.xml"), "docx"),
        (_package("xl/workbook.xml"), "xlsx"),
        (_package("ppt/presentation.xml"), "pptx"),
        (_package("notes.txt"), "zip"),
        (b"%PDF-1.7\n", "pdf"),
        ("# 方案\n".encode(), None),
    ],
)
def test_what_a_file_holds_is_read_from_its_content(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "-o plan.xlsx: -o names the folder the files are written to, not a file; each file is named after "
            "its profile (xigua-store.zh-CN.md, xigua-store.zh-CN.docx)",
        ),
        (
            "zh-CN",
            "-o plan.xlsx：-o 指定的是写入文件的文件夹，不是文件名；每个文件按它的档案命名"
            "（xigua-store.zh-CN.md、xigua-store.zh-CN.docx）",
        ),
    ],
)
def test_o_naming_a_file_is_refused_before_anything_is_written(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPSPLAN_LANG", lang)
    result = runner.invoke(app, ["render", str(PROFILE), "-o", "plan.xlsx"])
    assert result.exit_code == 2
    assert expected in result.output
    assert "-f xlsx" in result.output  # how to ask for the workbook alone
    assert list(tmp_path.iterdir()) == []  # no folder called plan.xlsx


def test_an_existing_folder_with_a_dot_is_still_a_folder(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "v1.json"
    out.mkdir()
    result = runner.invoke(app, ["render", str(PROFILE), "-o", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert (out / "xigua-store.zh-CN.json").is_file()


def test_check_names_a_workbook_saved_under_a_docx_name(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.docx"
    plan.write_bytes(_package("xl/workbook.xml"))
    result = runner.invoke(app, ["check", str(plan)])
    assert result.exit_code == 2
    assert (
        f"{plan}: this file is an Excel workbook (.xlsx), although its name ends in .docx; opsplan check reads "
        "plans as Markdown (.md) or Word (.docx)" in result.output
    )


def test_check_asks_to_rename_a_docx_saved_as_md(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.md"
    shutil.copyfile(REPO / "examples" / "xigua-store.zh-CN.docx", plan)
    result = runner.invoke(app, ["check", str(plan)])
    assert result.exit_code == 2
    assert f"{plan}: this file is a Word document (.docx), although its name ends in .md; rename it plan.docx" in (
        result.output
    )


def test_a_reference_docx_that_is_a_deck_says_what_was_expected(tmp_path: Path, runner: CliRunner) -> None:
    deck = tmp_path / "brand.pptx"
    shutil.copyfile(REPO / "examples" / "xigua-store.zh-CN.pptx", deck)
    result = runner.invoke(app, ["render", str(PROFILE), "-o", str(tmp_path / "out"), "--reference-docx", str(deck)])
    assert result.exit_code == 2
    assert (
        f"{deck} is a PowerPoint presentation (.pptx); --reference-docx needs a Word document (.docx or .dotx)"
        in result.output
    )
    assert not (tmp_path / "out").exists()


def test_every_message_says_the_same_in_both_languages() -> None:
    for key, (en, zh) in MESSAGES.items():
        assert placeholders(en) == placeholders(zh), key
