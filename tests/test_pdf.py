"""``-f pdf`` and the contents: page numbers that match the PDF, depth, bookmarks, a missing or stuck LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _docx_helpers import (
    W,
    convert_to_pdf,
    docx_parts,
    instructions,
    markdown_headings,
    open_docx,
    pdftotext_or_skip,
    toc_entries,
)
from _pdf_layout import broken_words, pdf_pages, sparse_pages, vocabulary
from conftest import RENDERABLE_PROFILE, REPO
from opsplan.cli import app
from opsplan.render import pdf as pdf_module
from opsplan.render.docx import build_docx
from opsplan.render.docx_toc import Contents

PLAN = """# 方案

## 目录

## 一、背景

### 1.1 市场

#### 1.1.1 细分

正文。

## 二、目标

### 2.1 短期

正文。
"""
BOOKMARKS = [f"_Toc{i:08d}" for i in range(1, 6)]
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*.yaml") if p.name.count(".") == 2)


# --- the contents in the DOCX -------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_contents_go_as_deep_as_asked(depth: int) -> None:
    doc = open_docx(build_docx(PLAN, contents=Contents(depth=depth)))
    assert f'TOC \\o "1-{depth}" \\h \\z \\u' in instructions(doc.element.body)
    assert toc_entries(doc) == [text for level, text in markdown_headings(PLAN) if level <= depth]


def test_without_page_numbers_word_is_asked_to_update_the_field() -> None:
    parts = docx_parts(build_docx(PLAN))
    assert b"<w:updateFields" in parts["word/settings.xml"]
    assert b'w:dirty="true"' in parts["word/document.xml"]


def test_page_numbers_are_written_with_a_dot_leader_and_no_update_prompt() -> None:
    pages = dict(zip(BOOKMARKS, [3, 3, 4, 5, 5], strict=True))
    built = build_docx(PLAN, contents=Contents(depth=2, pages=pages))
    parts = docx_parts(built)
    assert b"updateFields" not in parts["word/settings.xml"]
    assert b"w:dirty" not in parts["word/document.xml"]
    doc = open_docx(built)
    assert toc_entries(doc) == ["一、背景\t3", "1.1 市场\t3", "二、目标\t5", "2.1 短期\t5"]
    toc = [p for p in doc.paragraphs if p.style.style_id.startswith("TOC") and p.style.style_id != "TOCHeading"]
    for paragraph in toc:
        tab = paragraph._p.find(f"{W}pPr/{W}tabs/{W}tab")
        assert (tab.get(f"{W}val"), tab.get(f"{W}leader")) == ("right", "dot")


# --- the command line without LibreOffice ---------------------------------------------------------------------------


def _profile(tmp_path: Path) -> Path:
    path = tmp_path / "shop.zh-CN.yaml"
    path.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("depth", ["0", "4"])
def test_a_contents_depth_outside_1_to_3_is_refused(tmp_path: Path, runner: CliRunner, depth: str) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(_profile(tmp_path)), "-o", str(out), "--toc-depth", depth])
    assert result.exit_code == 2
    assert "--toc-depth" in result.output and "Traceback" not in result.output
    assert not out.exists()


@pytest.fixture
def without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No soffice on PATH (an empty folder) nor in any of the usual install places."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pdf_module, "INSTALL_PLACES", ())


@pytest.mark.usefixtures("without_libreoffice")
def test_missing_libreoffice_is_explained_with_the_install_command(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(_profile(tmp_path)), "-o", str(out), "-f", "docx,pdf"])
    assert result.exit_code == 2
    assert "LibreOffice" in result.output
    assert "apt-get install libreoffice-writer-nogui" in result.output
    assert "brew install --cask libreoffice" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing rendered, not even the DOCX


def _fake_soffice(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return folder


def test_a_conversion_that_hangs_is_stopped_with_a_clean_error(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    pid_file = tmp_path / "pid"
    folder = _fake_soffice(tmp_path / "bin", f"echo $$ > {pid_file}\nexec sleep 120")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("OPSPLAN_PDF_TIMEOUT", "1")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(_profile(tmp_path)), "-o", str(out), "-f", "docx,pdf"])
    assert result.exit_code == 2
    assert "OPSPLAN_PDF_TIMEOUT" in result.output and "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
    stuck = int(pid_file.read_text().strip())
    for _ in range(50):  # the process group was killed; give the kernel a moment to reap it
        if not _alive(stuck):
            break
        time.sleep(0.1)
    assert not _alive(stuck)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


def test_a_failing_conversion_is_reported_without_output(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    folder = _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\nexit 1")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(_profile(tmp_path)), "-o", str(out), "-f", "pdf"])
    assert result.exit_code == 2
    assert "LibreOffice" in result.output and "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.usefixtures("without_libreoffice")
def test_a_docx_without_libreoffice_is_written_with_the_field_and_one_note(tmp_path: Path, runner: CliRunner) -> None:
    second = tmp_path / "other.zh-CN.yaml"
    second.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    command = ["render", str(_profile(tmp_path)), str(second), "-o", str(out), "-f", "docx", "--page-numbers"]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert result.output.count("note: the DOCX contents get no page numbers") == 1  # said once, not per plan
    assert "apt-get install libreoffice-writer-nogui" in result.output
    parts = docx_parts((out / "shop.zh-CN.docx").read_bytes())
    assert b"<w:updateFields" in parts["word/settings.xml"]  # Word fills the numbers in on opening


# --- real conversions (slow) ---------------------------------------------------------------------------------------


def _pages_text(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, in order."""
    result = subprocess.run([pdftotext_or_skip(), str(pdf), "-"], check=True, capture_output=True, timeout=60)
    return result.stdout.decode("utf-8").split("\f")[:-1]


_ENTRY = re.compile(r"^(?P<title>.*?)[ .…]*?\.{3,}\s*(?P<page>\d+)$")


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) of each contents entry, read from the PDF's text (an entry may wrap onto a second line).

    The contents start on page 2, after the title page, and end before the page of their first entry.
    """
    entries: list[tuple[str, int]] = []
    pending = ""
    last = len(pages)
    index = 1
    while index < min(last, len(pages)):
        for line in (x.strip() for x in pages[index].splitlines()):
            if not line or line.isdigit() or (index == 1 and line in {"目录", "Contents"} and not entries):
                continue
            match = _ENTRY.match(line)
            if match is None:
                pending = f"{pending} {line}".strip()
                continue
            entries.append((f"{pending} {match['title']}".strip(), int(match["page"])))
            pending = ""
            last = entries[0][1] - 1
        index += 1
    return entries


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assert_contents_match_pages(pdf: Path, headings: list[tuple[int, str]], depth: int) -> None:
    pages = _pages_text(pdf)
    entries = _contents(pages)
    expected = [text for level, text in headings if level <= depth]
    assert [_squash(t) for t, _ in entries] == [_squash(t) for t in expected], pdf.name
    previous = entries[0][1]  # the first chapter's page: the contents are before it
    for title, number in entries:
        assert previous <= number <= len(pages), (pdf.name, title, number)
        lines = {_squash(line) for line in pages[number - 1].splitlines()}
        assert _squash(title) in lines or any(_squash(title).startswith(x) and x for x in lines if len(x) > 4), (
            pdf.name,
            title,
            number,
        )
        previous = number


def _outline_titles(pdf: Path) -> list[str]:
    """The bookmark (outline) titles of ``pdf`` as LibreOffice writes them (UTF-16 hex strings)."""
    data = pdf.read_bytes()
    assert b"/Outlines" in data
    return [bytes.fromhex(h.decode()).decode("utf-16-be") for h in re.findall(rb"/Title\s*<FEFF([0-9A-F]*)>", data)]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(
        app, ["render", *map(str, EXAMPLES), "-f", "md,docx,pdf", "-o", str(out), "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_example_renders_to_a_pdf_whose_contents_give_the_right_pages(rendered: Path, example: Path) -> None:
    pdf = rendered / f"{example.stem}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    markdown = (rendered / f"{example.stem}.md").read_text(encoding="utf-8")
    headings = markdown_headings(markdown)
    _assert_contents_match_pages(pdf, headings, depth=2)
    # the DOCX beside it carries the same numbers, and opens without asking to update fields
    docx = (rendered / f"{example.stem}.docx").read_bytes()
    assert b"updateFields" not in docx_parts(docx)["word/settings.xml"]
    numbers = [int(entry.rsplit("\t", 1)[1]) for entry in toc_entries(open_docx(docx))]
    assert numbers == [page for _, page in _contents(_pages_text(pdf))]
    # the numbered contents are still read as contents by `opsplan check`
    checked = CliRunner().invoke(app, ["check", "--strict", str(rendered / f"{example.stem}.docx")])
    assert checked.exit_code == 0, checked.output
    # bookmarks for every chapter and section
    outline = _outline_titles(pdf)
    for level, text in headings:
        if level <= 2:
            assert text in outline, (example.name, text)
    _assert_laid_out(pdf, markdown)


def _assert_laid_out(pdf: Path, markdown: str) -> None:
    """No line breaks a word or number of the plan."""
    assert broken_words(pdf_pages(pdf), vocabulary(markdown)) == [], pdf.name


# the chapter-break revision fixes one wrong break a layout round; these still hold a page of 0-2 lines (a blank
# page before the landscape Gantt section, two short chapter tails); strict, so a fixed one must leave this list
NEARLY_EMPTY_PAGE_KNOWN = {"douyin-flowers.zh-CN.yaml", "livestream-store.en.yaml", "livestream-store.zh-CN.yaml"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "example",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="a page of 0-2 lines remains"))
        if p.name in NEARLY_EMPTY_PAGE_KNOWN
        else p
        for p in EXAMPLES
    ],
    ids=lambda p: p.name,
)
def test_no_page_of_a_committed_example_pdf_is_nearly_empty(example: Path) -> None:
    pdf = example.with_suffix(".pdf")
    first_chapter = _contents(_pages_text(pdf))[0][1]
    assert sparse_pages(pdf_pages(pdf), first=first_chapter) == [], pdf.name


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_committed_example_pdf_is_laid_out_and_current(example: Path) -> None:
    pdf = example.with_suffix(".pdf")
    assert pdf.is_file(), f"{pdf.name} is missing: opsplan render examples/*.yaml -f md,docx,pdf,pptx,html -o examples"
    markdown = example.with_suffix(".md").read_text(encoding="utf-8")
    _assert_contents_match_pages(pdf, markdown_headings(markdown), depth=2)
    _assert_laid_out(pdf, markdown)


@pytest.mark.slow
def test_a_docx_alone_opens_with_the_right_page_numbers(tmp_path: Path, runner: CliRunner) -> None:
    example = REPO / "examples" / "xigua-store.zh-CN.yaml"
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(example), "-f", "md,docx", "-o", str(out), "--page-numbers"])
    assert result.exit_code == 0, result.output
    docx = out / f"{example.stem}.docx"
    assert b"updateFields" not in docx_parts(docx.read_bytes())["word/settings.xml"]
    # the numbers are the ones LibreOffice shows when it opens the file as it is
    pdf = convert_to_pdf([docx], tmp_path, timeout=600)[example.stem]
    headings = markdown_headings((out / f"{example.stem}.md").read_text(encoding="utf-8"))
    _assert_contents_match_pages(pdf, headings, depth=2)


@pytest.mark.slow
def test_three_levels_of_contents_with_pages(tmp_path: Path, runner: CliRunner) -> None:
    example = REPO / "examples" / "wechat-clothing-group.en.yaml"
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(example), "-f", "md,pdf", "-o", str(out), "--toc-depth", "3"])
    assert result.exit_code == 0, result.output
    headings = markdown_headings((out / f"{example.stem}.md").read_text(encoding="utf-8"))
    assert any(level == 3 for level, _ in headings)
    _assert_contents_match_pages(out / f"{example.stem}.pdf", headings, depth=3)
