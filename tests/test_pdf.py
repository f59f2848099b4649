"""``-f pdf`` and the contents: page numbers that match the PDF, depth, bookmarks, a missing or stuck LibreOffice."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.render import pdf as pdf_module
from opsplan.render.docx import build_docx
from opsplan.render.docx_toc import Contents
from opsplan.render.mdparse import Heading, Paragraph, Table, inline_text, parse_markdown
from opsplan.render.paginate import Body, body_of
from tests._child_processes import eventually, processes_in_group
from tests._docx_helpers import (
    W,
    convert_to_pdf,
    docx_parts,
    instructions,
    markdown_headings,
    open_docx,
    pdftotext_or_skip,
    toc_entries,
)
from tests._pdf_layout import Reader, alone_at_the_foot, broken_words, last_foot, pdf_pages, sparse_pages, vocabulary
from tests.conftest import RENDERABLE_PROFILE, REPO

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
    # LibreOffice's soffice is a script that starts soffice.bin: this one starts a child that hangs and waits for it
    # (the child's output goes elsewhere, so a child left running would not hold the conversion's pipes open)
    folder = _fake_soffice(tmp_path / "bin", "sleep 3600 </dev/null >/dev/null 2>&1 &\nwait")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("OPSPLAN_PDF_TIMEOUT", "1")
    conversions = _conversions_started(monkeypatch)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(_profile(tmp_path)), "-o", str(out), "-f", "docx,pdf"])
    assert result.exit_code == 2
    assert "OPSPLAN_PDF_TIMEOUT" in result.output and "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
    [group] = conversions  # the script leads a process group of its own, which was killed whole
    if Path("/proc/self/stat").exists():  # where the processes of a group can be found
        try:
            eventually(lambda: processes_in_group(group) == [], "every process of the stopped conversion ended")
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)  # not left running after the test
            raise


def _conversions_started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Return the list that the process id of each LibreOffice started from now on is added to."""
    started: list[int] = []

    class Recorded(subprocess.Popen[bytes]):
        def __init__(self, command: list[str], *args: Any, **kwargs: Any) -> None:
            super().__init__(command, *args, **kwargs)
            if Path(command[0]).name == "soffice":
                started.append(self.pid)

    monkeypatch.setattr(subprocess, "Popen", Recorded)  # the module pdf_module starts LibreOffice with
    return started


def test_what_libreoffice_leaves_in_the_temporary_folder_goes_with_a_stopped_conversion(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LibreOffice keeps lu*.tmp files in $TMPDIR; killed at a timeout or Ctrl-C, it left them behind
    import tempfile

    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    folder = _fake_soffice(
        tmp_path / "bin", 'mkdir "$TMPDIR/lu1234.tmp" && touch "$TMPDIR/lu1234.tmp/x"\nexec sleep 120'
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("OPSPLAN_PDF_TIMEOUT", "1")
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    result = runner.invoke(app, ["render", str(_profile(tmp_path)), "-o", str(tmp_path / "out"), "-f", "pdf"])
    assert result.exit_code == 2 and "OPSPLAN_PDF_TIMEOUT" in result.output
    assert list(temporary.iterdir()) == []


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
def test_page_numbers_asked_for_without_libreoffice_are_estimated_with_one_note(
    tmp_path: Path, runner: CliRunner
) -> None:
    second = tmp_path / "other.zh-CN.yaml"
    second.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    command = ["render", str(_profile(tmp_path)), str(second), "-o", str(out), "-f", "docx", "--page-numbers"]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    note = "note: the page numbers in the DOCX contents are estimated, not confirmed by LibreOffice"
    assert result.output.count(note) == 1  # said once, not per plan
    assert "apt-get install libreoffice-writer-nogui" in result.output
    built = (out / "shop.zh-CN.docx").read_bytes()
    assert b"<w:updateFields" not in docx_parts(built)["word/settings.xml"]  # no prompt on opening
    assert all(re.search(r"\t\d+$", entry) for entry in toc_entries(open_docx(built)))


# --- the same plan, the same PDF ---------------------------------------------------------------------------------


def _converted(seconds: str, identity: str) -> bytes:
    """A PDF's head and tail as LibreOffice writes them, at a given second and with a given ``/ID``."""
    return (
        b"%PDF-1.7\n1 0 obj\n<</Producer(LibreOffice)/CreationDate(D:202611300602" + seconds.encode() + b"Z')>>\n"
        b"endobj\nxref\n0 2\ntrailer\n<</Size 2/Info 1 0 R\n/ID [ <"
        + identity.encode()
        + b">\n<"
        + identity.encode()
        + b"> ]\n/DocChecksum /"
        + identity[::-1].encode()
        + b"\n>>\nstartxref\n9\n%%EOF\n"
    )


def test_two_conversions_of_a_plan_give_the_same_bytes_dated_with_the_plan() -> None:
    first = _converted("05", "37C8343BCF7AE95DB710046BB4595B93")
    second = _converted("46", "1DEC8DDA0C7C2BBF0E9722C4D9ED16D6")
    settled = pdf_module.settle_stamps(first, "20270301000000")
    assert settled == pdf_module.settle_stamps(second, "20270301000000")
    assert len(settled) == len(first)  # the cross-reference offsets still point at the same bytes
    assert b"/CreationDate(D:20270301000000Z')" in settled
    identity = re.search(rb"/ID \[ <([0-9A-F]{32})>\n<([0-9A-F]{32})> \]", settled)
    assert identity is not None and identity[1] == identity[2] != b"37C8343BCF7AE95DB710046BB4595B93"
    assert b"/DocChecksum /" + identity[1] in settled  # LibreOffice derives it from the time too
    other = _converted("05", "37C8343BCF7AE95DB710046BB4595B93").replace(b"Size 2", b"Size 3")
    assert pdf_module.settle_stamps(other, "20270301000000")[-120:] != settled[-120:]  # the /ID is of the content


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


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_no_page_of_a_committed_example_pdf_is_nearly_empty(example: Path) -> None:
    pdf = example.with_suffix(".pdf")
    first_chapter = _contents(_pages_text(pdf))[0][1]
    assert sparse_pages(pdf_pages(pdf), first=first_chapter) == [], pdf.name


def _marks(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) of each heading ("chapter" for ``##``, else "heading") and table caption of a plan, in order.

    A caption is the paragraph right before a table when it ends in a colon or is shorter than a line.
    """
    blocks = [b for b in parse_markdown(markdown) if not (isinstance(b, Heading) and b.level > 4)]
    marks = []
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if isinstance(block, Heading):
            marks.append(("chapter" if block.level == 2 else "heading", block.text))
        elif isinstance(block, Paragraph) and isinstance(following, Table):
            text = inline_text(block.runs).strip()
            if text.endswith((":", "：")) or len(text) < 40:
                marks.append(("caption", text))
    return marks


def pagination_problems(pdf: Path, body: Body, markdown: str) -> list[str]:
    """What breaks issue 16.5's rules in ``pdf`` (text area ``body``), made from ``markdown``, one line each."""
    pages = pdf_pages(pdf)
    first_chapter = _contents(_pages_text(pdf))[0][1]
    reader = Reader(pages, first_chapter)
    problems = []
    for kind, text in _marks(markdown):
        found = reader.find(text)
        assert found is not None, (pdf.name, kind, text)
        page = found.page
        if alone_at_the_foot(found):
            problems.append(f"page {page.number}: {kind} {text!r} is the last line of the page")
        if kind != "chapter" or page.landscape or page.number == first_chapter:
            continue
        above = [line.bottom for line in page.lines if line.bottom <= found.first.top]
        if above:  # follows on: a break would have wasted what is below the text before it
            filled = max(above) - (page.height - body.top)
            if filled > 2 / 3 * body.height:
                problems.append(f"page {page.number}: chapter {text!r} follows on {filled:.0f} pt into the text area")
            continue
        before = pages[page.number - 2]
        filled = last_foot(before) - (before.height - body.top)
        if not before.landscape and filled < 2 / 3 * body.height:
            problems.append(f"page {before.number}: ends {filled:.0f} pt into its text area, before {text!r}")
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_chapters_break_pages_only_to_waste_under_a_third_and_nothing_is_left_at_a_foot(example: Path) -> None:
    """Issue 16.5, read from the committed PDF.

    A chapter at the top of a page follows a page filled at least two thirds down its text area (or a landscape
    page): the break wasted less than a third of a page. A chapter that follows on does so after text that ends in
    the top two thirds of the page: a break would have wasted more. No heading and no table caption is the last line
    of its page.
    """
    pdf = example.with_suffix(".pdf")
    markdown = example.with_suffix(".md").read_text(encoding="utf-8")
    assert pagination_problems(pdf, body_of(example.with_suffix(".docx").read_bytes()), markdown) == [], pdf.name


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_committed_example_pdf_is_laid_out_and_current(example: Path) -> None:
    pdf = example.with_suffix(".pdf")
    assert pdf.is_file(), f"{pdf.name} is missing: opsplan render examples/*.yaml -f md,docx,pdf,pptx,html -o examples"
    markdown = example.with_suffix(".md").read_text(encoding="utf-8")
    _assert_contents_match_pages(pdf, markdown_headings(markdown), depth=2)
    _assert_laid_out(pdf, markdown)


@pytest.mark.slow
def test_a_second_render_gives_the_same_pdf(rendered: Path, tmp_path: Path, runner: CliRunner) -> None:
    example = REPO / "examples" / "xigua-store.en.yaml"
    result = runner.invoke(app, ["render", str(example), "-f", "pdf", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    again = (tmp_path / f"{example.stem}.pdf").read_bytes()
    assert again == (rendered / f"{example.stem}.pdf").read_bytes()
    assert b"/CreationDate(D:20270215000000Z')" in again  # the plan's date (plan.date in the profile)


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
