"""The guarded reader: special files, size limits, damaged and hostile DOCX packages, hostile XML.

Each damaged DOCX is checked three ways: ``opsplan check`` on it, and ``opsplan render --reference-docx``
with it, both exit 2 with a message naming the file and no traceback, and the render writes nothing.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.errors import InputError
from opsplan.safeio import MAX_UNPACKED_BYTES, parse_xml, read_reference_docx, read_user_file
from tests._hardening_helpers import assert_clean_failure, run_cli
from tests.conftest import MINIMAL_PROFILE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def plain_docx() -> bytes:
    """A small DOCX with a heading and a paragraph, as python-docx writes it."""
    import docx

    document = docx.Document()
    document.add_heading("一、背景", level=1)
    document.add_paragraph("市场持续增长。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Return the package ``data`` with parts replaced or added, every part stored with ``method``."""
    out = io.BytesIO()
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        for name in [*names, *(n for n in replace if n not in names)]:
            content = replace[name] if name in replace else source.read(name)
            target.writestr(name, content, compress_type=method)
    return out.getvalue()


def _patched_method(data: bytes) -> bytes:
    """Set every member's compression method to 99 (no such method) in both ZIP headers."""
    raw = bytearray(rezip(data, method=zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = raw.find(signature)
        while start != -1:
            raw[start + offset : start + offset + 2] = (99).to_bytes(2, "little")
            start = raw.find(signature, start + 4)
    return bytes(raw)


def _corrupt(data: bytes) -> bytes:
    """Overwrite the middle of word/document.xml's compressed bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
    raw = bytearray(data)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    raw[start : start + 16] = b"\xff" * 16
    return bytes(raw)


DOCUMENT = f'<w:document xmlns:w="{W}"><w:body>{{}}</w:body></w:document>'.format
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>'
)

# name → how to damage the plain DOCX
DAMAGED: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "corrupt-deflate": _corrupt,
    "lzma-compression": lambda data: rezip(data, method=zipfile.ZIP_LZMA),
    "unknown-compression": _patched_method,
    "deep-xml": lambda data: rezip(data, {"word/document.xml": DOCUMENT("<w:p>" * 5000 + "</w:p>" * 5000).encode()}),
    "entity-expansion": lambda data: rezip(data, {"word/document.xml": LAUGHS.encode()}),
    "unexpected-root": lambda data: rezip(data, {"word/document.xml": b"<html><body>plan</body></html>"}),
    "bad-styles-part": lambda data: rezip(data, {"word/styles.xml": f'<w:styles xmlns:w="{W}"><w:style'.encode()}),
    "styles-part-of-another-kind": lambda data: rezip(
        data, {"word/styles.xml": f'<w:document xmlns:w="{W}"/>'.encode()}
    ),
    "no-document-part": lambda data: rezip(data, {"word/document.xml": b""}),
    "not-a-zip": lambda data: b"PK\x03\x04 this is not really a zip",
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_check_reports_a_damaged_docx_cleanly(tmp_path, runner, plain_docx, damage):
    path = tmp_path / "plan.docx"
    path.write_bytes(DAMAGED[damage](plain_docx))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert f"{path}: " in result.output


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_render_refuses_a_damaged_reference_docx_and_writes_nothing(tmp_path, runner, plain_docx, damage):
    brand = tmp_path / "brand.docx"
    brand.write_bytes(DAMAGED[damage](plain_docx))
    said = _refused_as_reference(tmp_path, runner, brand)
    assert f"{brand}: cannot be used as --reference-docx" in said


def _refused_as_reference(tmp_path, runner, brand) -> str:
    """Render a profile with ``brand`` as --reference-docx: refused (exit 2), nothing written; return the output."""
    profile = tmp_path / "shop.yaml"
    profile.write_text(MINIMAL_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(profile), "-o", str(out), "-f", "docx", "--reference-docx", str(brand)])
    assert result.exit_code == 2, result.output
    assert not out.exists() or not any(out.iterdir())
    return str(result.output)


def test_an_empty_docx_is_said_to_be_empty(tmp_path, runner):
    # a DOCX left at 0 bytes (a failed save, a sync conflict) was 'not a ZIP package: File is not a zip file'
    path = tmp_path / "plan.docx"
    path.write_bytes(b"")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}: the file is empty (0 bytes); save it again from Word or WPS" in result.output


def test_a_plain_docx_is_accepted_as_reference(tmp_path, plain_docx):
    path = tmp_path / "brand.docx"
    path.write_bytes(plain_docx)
    assert read_reference_docx(path) == plain_docx


def test_a_damaged_header_part_of_a_reference_is_refused(tmp_path, plain_docx):
    # python-docx copies parts it does not read; an unparsable one would end up in the plan
    path = tmp_path / "brand.docx"
    path.write_bytes(rezip(plain_docx, {"word/header9.xml": b"<w:hdr"}))
    with pytest.raises(InputError, match=r"brand.docx: cannot be used as --reference-docx: part word/header9.xml"):
        read_reference_docx(path)


def test_a_folder_a_fifo_and_a_device_are_refused_without_reading(tmp_path):
    with pytest.raises(InputError, match="is a folder, not a plan document"):
        read_user_file(tmp_path, limit=10, kind="document")
    fifo = tmp_path / "plan.md"
    os.mkfifo(fifo)  # nobody writes to it: a blocking open would hang
    with pytest.raises(InputError, match=r"plan.md: is not a regular file"):
        read_user_file(fifo, limit=10, kind="document")
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"zero.md: is not a regular file"):
        read_user_file(zero, limit=10, kind="document")


def test_the_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "plan.md"
    path.write_bytes(b"x" * 11)
    with pytest.raises(InputError, match=r"plan.md: file is 11 bytes; documents are limited to 10 bytes"):
        read_user_file(path, limit=10, kind="document")
    assert read_user_file(path, limit=11, kind="document") == b"x" * 11


@pytest.mark.slow
@pytest.mark.parametrize("name", ["plan.md", "plan.docx", "shop.yaml"])
def test_check_on_a_fifo_or_dev_zero_ends_at_once(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    assert_clean_failure(run_cli("check", str(fifo), timeout=30), f"{name}: is not a regular file")
    zero = tmp_path / f"zero-{name}"
    zero.symlink_to("/dev/zero")
    assert_clean_failure(run_cli("check", str(zero), timeout=30), f"zero-{name}: is not a regular file")


def test_xml_with_a_dtd_is_refused_even_without_entities():
    with pytest.raises(InputError, match="part x.xml: declares a DTD"):
        parse_xml(b'<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>', "part x.xml", None)
    with pytest.raises(InputError, match="has root element r, not document"):
        parse_xml(b"<r/>", "part x.xml", f"{{{W}}}document")


def test_xml_ids_are_not_collected():
    """A part's xml:id attributes make no table of IDs (nothing reads one): id() finds none, the attribute stays."""
    root = parse_xml(b'<r><p xml:id="a"/></r>', "part x.xml", None)
    assert root.xpath("id('a')") == []
    assert root[0].get("{http://www.w3.org/XML/1998/namespace}id") == "a"


def test_declared_sizes_over_the_limit_are_refused_before_inflating(tmp_path, plain_docx):
    # a member whose header says it unpacks to more than the whole limit: refused from the directory alone
    raw = bytearray(rezip(plain_docx, method=zipfile.ZIP_STORED))
    central = raw.find(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (MAX_UNPACKED_BYTES + 1).to_bytes(4, "little")  # uncompressed size
    path = tmp_path / "plan.docx"
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError, match=r"plan.docx: unpacks to [\d,]+ bytes, over the 268,435,456"):
        from opsplan.check.run import check_file

        check_file(path)


def _same_id_twice(package: bytes, part: str, body: bytes, prefix: bytes = b"w") -> bytes:
    """``package`` with two elements of one ``xml:id`` put first in ``part``'s ``body`` element."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        xml = source.read(part)
    twice = body + b'<%s:x xml:id="same"/><%s:x xml:id="same"/>' % (prefix, prefix)
    return rezip(package, {part: xml.replace(body, twice, 1)})


def test_a_check_reads_a_docx_with_an_xml_id_twice_as_any_other(tmp_path, runner, plain_docx):
    """No reader of a check looks an element up by ``xml:id``: the same id twice is not the check's business."""
    clean, twice = tmp_path / "clean" / "plan.docx", tmp_path / "twice" / "plan.docx"
    clean.parent.mkdir()
    twice.parent.mkdir()
    clean.write_bytes(plain_docx)
    twice.write_bytes(_same_id_twice(plain_docx, "word/document.xml", b"<w:body>"))
    checked = [runner.invoke(app, ["check", str(path)]) for path in (clean, twice)]
    assert checked[1].exit_code == checked[0].exit_code
    assert checked[1].output.replace("twice", "clean") == checked[0].output


def test_a_reference_docx_with_an_xml_id_twice_is_refused_naming_it(tmp_path, runner, plain_docx):
    """python-docx refuses the same ``xml:id`` twice: the reference is refused first, with opsplan's message."""
    brand = tmp_path / "brand.docx"
    brand.write_bytes(_same_id_twice(plain_docx, "word/document.xml", b"<w:body>"))
    said = _refused_as_reference(tmp_path, runner, brand)
    assert f"{brand}: cannot be used as --reference-docx: part word/document.xml" in said
    assert "shop.yaml" not in said


def test_a_reference_pptx_with_an_xml_id_twice_is_refused_naming_it(tmp_path):
    from pptx import Presentation

    from opsplan.render.pptx_deck import check_reference

    deck = io.BytesIO()
    Presentation().save(deck)
    brand = tmp_path / "brand.pptx"
    brand.write_bytes(_same_id_twice(deck.getvalue(), "ppt/presentation.xml", b"<p:sldMasterIdLst>", b"p"))
    plain = tmp_path / "plain.pptx"
    plain.write_bytes(deck.getvalue())
    assert check_reference(plain) == deck.getvalue()  # the deck as python-pptx saves it is taken
    with pytest.raises(InputError) as refused:
        check_reference(brand)
    assert str(brand) in str(refused.value) and "ppt/presentation.xml" in str(refused.value)
