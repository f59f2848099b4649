"""The DOCX package: zipfile archives that are valid and deterministic, properties filled and escaped, a frame
that follows its reference document and is kept in memory only, reference documents with other prefixes."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest

from opsplan.errors import OutputError
from opsplan.render import docx_frame
from opsplan.render.docx import DocumentInfo, build_docx
from opsplan.render.docx_body import W_NS
from opsplan.render.docx_package import png_size, write_zip
from tests._docx_helpers import docx_headings, docx_parts, open_docx

TRICKY = """\
# A & B <Shop> "Plan" opsplan-slot-author 1999-09-09T09:09:09Z

## Contents

- 1 Background

## 1 Background

Text with & and < and >.

<!-- opsplan:gantt -->
| Task | W1 | W2 |
|---|---|---|
| Hire | █ |  |
"""
TRICKY_INFO = DocumentInfo(
    title='A & B <Shop> "Plan" opsplan-slot-author 1999-09-09T09:09:09Z',
    shop="R&D <Lab>",
    author="Li & Wu",
    date=dt.date(2027, 3, 1),
    locale="en",
)
PORTRAIT_ONLY = "# 标题\n\n## 一、背景\n\n正文。\n"


def test_write_zip_is_valid_deterministic_and_keeps_order() -> None:
    parts = [("b.xml", b"<b/>" * 1000), ("a/\u4e2d.xml", "中文".encode()), ("empty", b"")]
    data = write_zip(parts)
    assert data == write_zip(parts)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert archive.namelist() == ["b.xml", "a/\u4e2d.xml", "empty"]
    assert archive.read("b.xml") == b"<b/>" * 1000 and archive.read("empty") == b""
    info = archive.getinfo("b.xml")
    assert info.date_time == (1980, 1, 1, 0, 0, 0)
    assert info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size < info.file_size
    assert info.external_attr >> 16 == 0o644 and info.create_system == 3
    assert archive.getinfo("a/\u4e2d.xml").flag_bits & 0x800  # the name is marked as UTF-8


def test_properties_are_filled_escaped_and_slot_text_kept_literally() -> None:
    built = build_docx(TRICKY, TRICKY_INFO)
    assert built == build_docx(TRICKY, TRICKY_INFO)
    core = docx_parts(built)["docProps/core.xml"].decode("utf-8")
    assert '<dc:title>A &amp; B &lt;Shop&gt; "Plan" opsplan-slot-author 1999-09-09T09:09:09Z</dc:title>' in core
    assert "<dc:subject>R&amp;D &lt;Lab&gt;</dc:subject>" in core
    assert "<dc:creator>Li &amp; Wu</dc:creator>" in core
    assert ">2027-03-01T00:00:00Z</dcterms:created>" in core
    doc = open_docx(built)
    assert [p.text for p in doc.paragraphs[:3]] == [TRICKY_INFO.title, "Shop: R&D <Lab>", "Prepared by: Li & Wu"]
    assert any(int(s.orientation) == 1 for s in doc.sections)  # the Gantt's landscape section


def test_the_frame_follows_a_reference_document_changed_on_disk(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    path = tmp_path / "brand.docx"
    for size in (20, 26):
        reference = Document()
        reference.styles["Heading 1"].font.size = Pt(size)
        reference.save(str(path))
        os.utime(path, ns=(size * 10**9, size * 10**9))  # a new modification time, as an edit would give
        styles = docx_parts(build_docx(PORTRAIT_ONLY, reference_docx=path))["word/styles.xml"].decode("utf-8")
        assert f'<w:sz w:val="{size * 2}"/>' in styles


def test_a_reference_documents_table_styles_are_all_kept_and_the_default_frame_has_two(tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "brand.docx"
    Document().save(str(path))  # python-docx's template, with Word's table styles, which a user's template may use
    theirs = docx_parts(build_docx(PORTRAIT_ONLY, reference_docx=path))["word/styles.xml"].decode("utf-8")
    ours = docx_parts(build_docx(PORTRAIT_ONLY))["word/styles.xml"].decode("utf-8")
    template = docx_parts(path.read_bytes())["word/styles.xml"].decode("utf-8").count('w:type="table"')
    assert template > 2 and theirs.count('w:type="table"') == template
    assert ours.count('w:type="table"') == 2


def test_the_frame_is_kept_in_memory_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    docx_frame._frame.cache_clear()
    first = build_docx(PORTRAIT_ONLY)
    assert build_docx(PORTRAIT_ONLY) == first
    assert docx_frame._frame.cache_info().misses == 1  # built once for the process
    assert list(tmp_path.iterdir()) == []  # and nothing written to disk


def test_a_reference_document_with_other_prefixes(tmp_path: Path) -> None:
    from docx import Document

    saved = tmp_path / "plain.docx"
    Document().save(str(saved))
    parts = docx_parts(saved.read_bytes())
    # the same document with the WordprocessingML namespace under the prefix "x" instead of "w"
    document = parts["word/document.xml"]
    for ours, theirs in ((b"<w:", b"<x:"), (b"</w:", b"</x:"), (b" w:", b" x:"), (b"xmlns:w=", b"xmlns:x=")):
        document = document.replace(ours, theirs)
    assert f'xmlns:x="{W_NS}"'.encode() in document and b"<w:" not in document
    parts["word/document.xml"] = document
    odd = tmp_path / "odd.docx"
    odd.write_bytes(write_zip(parts.items()))
    doc = open_docx(build_docx(PORTRAIT_ONLY, reference_docx=odd))
    assert docx_headings(doc) == [(1, "一、背景")]
    assert "正文。" in [p.text for p in doc.paragraphs]


def test_png_size_reads_the_header_and_refuses_other_images() -> None:
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    assert png_size(header + b"\x08\x02\x00\x00\x00") == (640, 480)
    with pytest.raises(OutputError, match="not a PNG"):
        png_size(b"GIF89a" + b"\x00" * 30)


def test_write_zip_can_store_the_parts_as_they_are() -> None:
    parts = [("b.xml", b"<b/>" * 1000), ("a.xml", b"")]
    archive = zipfile.ZipFile(io.BytesIO(write_zip(parts, stored=True)))
    assert archive.testzip() is None
    assert [(i.filename, i.compress_type, i.compress_size) for i in archive.infolist()] == [
        ("b.xml", zipfile.ZIP_STORED, 4000),
        ("a.xml", zipfile.ZIP_STORED, 0),
    ]
    assert archive.read("b.xml") == b"<b/>" * 1000
