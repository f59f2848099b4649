"""Reading an opsplan DOCX back for tests: headings, fields, fonts, Gantt shading, PDF text."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes) -> Any:
    from docx import Document

    return Document(io.BytesIO(data))


def docx_headings(doc: Any) -> list[tuple[int, str]]:
    """(level, text) of every paragraph in a Heading 1–3 style, in order."""
    out = []
    for paragraph in doc.paragraphs:
        style = paragraph.style.style_id if paragraph.style is not None else ""
        if style.startswith("Heading") and style[7:].isdigit():
            out.append((int(style[7:]), paragraph.text))
    return out


def markdown_headings(text: str) -> list[tuple[int, str]]:
    """(docx level, text) of the ``##``–``####`` headings, leaving out the contents heading."""
    from opsplan.render.mdparse import Heading, parse_markdown

    return [(b.level - 1, b.text) for b in parse_markdown(text) if isinstance(b, Heading) and b.level <= 4]


def text_of(element: Any) -> str:
    """The text of the ``w:t`` elements under ``element``."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def instructions(element: Any) -> list[str]:
    return [t.text.strip() for t in element.iter(f"{W}instrText") if t.text]


def toc_entries(doc: Any) -> list[str]:
    """Text of the paragraphs styled TOC1–TOC3 (the TOC field's cached result)."""
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.style_id in {"TOC1", "TOC2", "TOC3"}]


def gantt_table(doc: Any) -> Any:
    """The table whose cells use the Gantt paragraph style."""
    for table in doc.tables:
        if table._tbl.xpath('.//w:pStyle[@w:val="OpsplanGanttText"]'):
            return table
    return None


def cell_fills(table: Any) -> list[str]:
    """The fill colour of every shaded cell of ``table``, header row excluded."""
    rows = table._tbl.findall(f"{W}tr")[1:]
    return [shd.get(f"{W}fill") for row in rows for shd in row.iter(f"{W}shd") if shd.get(f"{W}fill")]


def style_fonts(doc: Any, style_id: str) -> dict[str, str]:
    element = doc.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]')[0]
    fonts = element.find(f"{W}rPr/{W}rFonts")
    return {k.replace(W, ""): v for k, v in fonts.attrib.items()} if fonts is not None else {}


def docx_parts(data: bytes) -> dict[str, bytes]:
    """The uncompressed parts of a DOCX (compare these rather than the zip bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def tool_or_skip(names: tuple[str, ...], package: str) -> str:
    """The first of the executables ``names`` found; skip with a reason when none is, but fail in CI.

    .ci/run installs every one of them, so a missing tool there is an error, not a skip.
    """
    found = next((path for path in map(shutil.which, names) if path), None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{names[0]} ({package}) is required in CI")
        pytest.skip(f"{names[0]} ({package}) is not installed")
    return found


def soffice_or_skip() -> str:
    """The soffice executable (LibreOffice), for the DOCX → PDF tests."""
    return tool_or_skip(("soffice", "libreoffice"), "LibreOffice")


def pdftotext_or_skip() -> str:
    """The pdftotext executable (poppler-utils)."""
    return tool_or_skip(("pdftotext",), "poppler-utils")


def convert_to_pdf(files: list[Path], work: Path, timeout: int = 900) -> dict[str, Path]:
    """Convert ``files`` to PDF with LibreOffice (a private profile); return stem → PDF path."""
    soffice = soffice_or_skip()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work}/profile-{uuid.uuid4().hex}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    out = {}
    for f in files:
        pdf = work / (f.stem + ".pdf")
        assert pdf.is_file(), f"LibreOffice wrote no PDF for {f.name}"
        out[f.stem] = pdf
    return out


def docx_to_pdf_text(docx_path: Path, work: Path) -> str:
    """Convert ``docx_path`` to PDF with LibreOffice (private profile) and return the PDF's text."""
    soffice = soffice_or_skip()
    pdftotext = pdftotext_or_skip()
    profile = work / f"lo-profile-{uuid.uuid4().hex}"
    out_dir = work / "pdf"
    out_dir.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {docx_path.name}"
    result = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, timeout=60)
    return result.stdout.decode("utf-8")
