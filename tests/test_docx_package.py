"""The shared DOCX frame gives exactly the bytes python-docx builds for the plan on its own, and the
ZIP writer's archives are valid, deterministic and readable by the zipfile module."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from opsplan.render import docx as docx_module
from opsplan.render.docx import build_docx
from opsplan.render.docx_body import clean_text
from opsplan.render.docx_package import Entry, deflate, frame_cache_file, load_frame, write_zip
from opsplan.render.mdparse import Meta, Title, parse_markdown

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TRICKY = """\
# A & B <Shop> "Plan" opsplan-slot-author 1999-09-09T09:09:09Z
<!-- opsplan:meta shop="R&D <Lab>" author="Li &amp; Wu" date="2027-03-01" locale="en" -->

## Contents

- 1 Background

## 1 Background

Text with & and < and >.

<!-- opsplan:gantt -->
| Task | W1 | W2 |
|---|---|---|
| Hire | █ |  |
"""

PORTRAIT_ONLY = '# 标题\n<!-- opsplan:meta locale="zh-CN" -->\n\n## 一、背景\n\n正文。\n'


def _direct(markdown: str, reference: Path | None = None) -> bytes:
    """Build ``markdown`` with python-docx from scratch, the path the frame must match."""
    blocks = parse_markdown(clean_text(markdown))
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    meta = next((b.fields for b in blocks if isinstance(b, Meta)), {})
    return docx_module._build_direct(blocks, title, meta, meta.get("locale", "zh-CN"), reference, [])


@pytest.mark.parametrize("name", ["douyin-flowers.zh-CN", "xigua-store.en"])
def test_frame_bytes_equal_python_docx_bytes_for_examples(name: str) -> None:
    markdown = (EXAMPLES / f"{name}.md").read_text(encoding="utf-8")
    assert build_docx(markdown) == _direct(markdown)


@pytest.mark.parametrize("markdown", [TRICKY, PORTRAIT_ONLY], ids=["escaped-landscape", "portrait"])
def test_frame_fills_properties_escaped_and_sections_as_python_docx_does(markdown: str) -> None:
    built = build_docx(markdown)
    assert built == _direct(markdown)
    core = zipfile.ZipFile(io.BytesIO(built)).read("docProps/core.xml").decode("utf-8")
    if markdown is TRICKY:  # slot-like text in the title is kept literally, not filled
        assert '<dc:title>A &amp; B &lt;Shop&gt; "Plan" opsplan-slot-author 1999-09-09T09:09:09Z</dc:title>' in core
        assert "<dc:subject>R&amp;D &lt;Lab&gt;</dc:subject>" in core
        assert ">2027-03-01T00:00:00Z</dcterms:created>" in core


def test_frame_follows_a_reference_document_changed_on_disk(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    path = tmp_path / "brand.docx"
    for size in (20, 26):
        reference = Document()
        reference.styles["Heading 1"].font.size = Pt(size)
        reference.save(str(path))
        os.utime(path, ns=(size * 10**9, size * 10**9))  # a new modification time, as an edit would give
        built = build_docx(PORTRAIT_ONLY, reference_docx=path)
        assert built == _direct(PORTRAIT_ONLY, path)
        styles = zipfile.ZipFile(io.BytesIO(built)).read("word/styles.xml").decode("utf-8")
        assert f'<w:sz w:val="{size * 2}"/>' in styles


def test_write_zip_is_valid_deterministic_and_keeps_order() -> None:
    entries = [deflate("b.xml", b"<b/>" * 1000), deflate("a/\u4e2d.xml", "中文".encode()), deflate("empty", b"")]
    data = write_zip(entries)
    assert data == write_zip(entries)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert archive.namelist() == ["b.xml", "a/\u4e2d.xml", "empty"]
    assert archive.read("b.xml") == b"<b/>" * 1000 and archive.read("empty") == b""
    info = archive.getinfo("b.xml")
    assert info.date_time == (1980, 1, 1, 0, 0, 0)
    assert info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size < info.file_size
    assert info.external_attr >> 16 == 0o644


def test_a_damaged_entry_is_caught_by_its_checksum() -> None:
    good = deflate("x.xml", b"<x/>")
    bad = Entry(good.name, good.crc ^ 1, good.size, good.data)
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(write_zip([bad]))).read("x.xml")


FRESH_PROCESS = """
import sys
from pathlib import Path
from opsplan.render.docx import build_docx
sys.stdout.buffer.write(build_docx(Path(sys.argv[1]).read_text(encoding="utf-8")))
sys.stderr.write("python-docx imported" if "docx" in sys.modules else "python-docx not imported")
"""


def _fresh_build(markdown_file: Path, cache_home: Path) -> tuple[bytes, str]:
    """Build the DOCX of ``markdown_file`` in a new process whose cache folder is ``cache_home``."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run([sys.executable, "-c", FRESH_PROCESS, str(markdown_file)], env=env, capture_output=True,
                          timeout=120, check=True)  # fmt: skip
    return done.stdout, done.stderr.decode()


def _frame_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "opsplan").glob("docx-frame-*.json"))


def test_a_new_process_takes_the_frame_from_the_cache_without_python_docx(tmp_path: Path) -> None:
    markdown_file = EXAMPLES / "douyin-flowers.zh-CN.md"
    expected = _direct(markdown_file.read_text(encoding="utf-8"))
    first, first_note = _fresh_build(markdown_file, tmp_path)  # builds the frame with python-docx, keeps it
    assert len(_frame_files(tmp_path)) == 1
    second, second_note = _fresh_build(markdown_file, tmp_path)
    assert first == second == expected
    assert (first_note, second_note) == ("python-docx imported", "python-docx not imported")


@pytest.mark.parametrize("damage", ["truncated", "flipped-byte", "wrong-checksum", "missing-part", "not-json"])
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, damage: str) -> None:
    markdown_file = EXAMPLES / "xigua-store.en.md"
    good, _ = _fresh_build(markdown_file, tmp_path)
    [cache_file] = _frame_files(tmp_path)
    text = cache_file.read_text(encoding="utf-8")
    assert load_frame(cache_file) is not None
    record = json.loads(text)
    styles = record["fixed"]["word/styles.xml"]
    if damage == "truncated":
        cache_file.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "flipped-byte":
        data = bytearray(base64.b64decode(styles[2]))
        data[len(data) // 2] ^= 0xFF
        styles[2] = base64.b64encode(bytes(data)).decode()
        cache_file.write_text(json.dumps(record), encoding="utf-8")
    elif damage == "wrong-checksum":
        styles[0] ^= 1
        cache_file.write_text(json.dumps(record), encoding="utf-8")
    elif damage == "missing-part":
        del record["fixed"]["word/styles.xml"]
        cache_file.write_text(json.dumps(record), encoding="utf-8")
    else:
        cache_file.write_text("[1, 2", encoding="utf-8")
    assert load_frame(cache_file) is None
    again, note = _fresh_build(markdown_file, tmp_path)
    assert again == good
    assert note == "python-docx imported"  # built afresh
    assert load_frame(cache_file) is not None  # and kept again


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "opsplan"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    markdown_file = EXAMPLES / "xigua-store.en.md"
    built, note = _fresh_build(markdown_file, tmp_path)
    assert built == _direct(markdown_file.read_text(encoding="utf-8"))
    assert note == "python-docx imported"
    assert blocker.read_text(encoding="utf-8") == "a file where the cache folder would be"


def test_the_cache_file_name_follows_the_sources(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("one", encoding="utf-8")
    first = frame_cache_file("zh-CN", [source])
    assert first == frame_cache_file("zh-CN", [source])
    assert first != frame_cache_file("en", [source])
    source.write_text("two, longer", encoding="utf-8")
    assert frame_cache_file("zh-CN", [source]) != first
    assert frame_cache_file("zh-CN", [tmp_path / "missing.py"]) is None
