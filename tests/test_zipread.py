"""The ZIP reader of ``opsplan check`` (``zipread``): what ``zipfile`` reads, and a clear refusal of the rest.

Every example DOCX and variants of it (stored, ZIP64, a comment, bytes in front) read to the same names and bytes
as ``zipfile`` reads; hostile packages (lying sizes, bad offsets, names twice, encryption, too many members, a
truncated or corrupt member) end in ``InputError`` naming the file, and ``opsplan check`` exits 2 on each.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from opsplan.errors import InputError
from opsplan.filekind import sniff
from opsplan.safeio import MAX_MEMBERS, package_from_bytes
from opsplan.zipread import ZipDamaged, inflated, members
from tests._examples import EXAMPLES
from tests._hardening_helpers import assert_clean_failure, run_cli

EXAMPLE_DOCX = sorted(EXAMPLES.glob("*.docx"))
SMALL = EXAMPLE_DOCX[0].read_bytes()


def rezip(data: bytes, method: int = zipfile.ZIP_DEFLATED, zip64: bool = False, comment: bytes = b"") -> bytes:
    """Return ``data``'s members written again by ``zipfile`` with ``method``, ZIP64 records and a comment."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            with target.open(zipfile.ZipInfo(info.filename, info.date_time), "w", force_zip64=zip64) as copy:
                copy.write(source.read(info))
        target.comment = comment
    return out.getvalue()


def by_zipfile(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def by_zipread(data: bytes, chunk: int = 1 << 16) -> dict[str, bytes]:
    return {entry.name: b"".join(inflated(data, entry, chunk)) for entry in members(data, MAX_MEMBERS)}


@pytest.mark.parametrize("example", EXAMPLE_DOCX, ids=lambda path: path.name)
def test_every_example_reads_as_zipfile_reads_it(example: Path) -> None:
    data = example.read_bytes()
    assert by_zipread(data) == by_zipfile(data)
    assert sniff(data) == "docx"


VARIANTS: dict[str, Callable[[bytes], bytes]] = {
    "stored": lambda data: rezip(data, zipfile.ZIP_STORED),
    "zip64": lambda data: rezip(data, zip64=True),
    "comment": lambda data: rezip(data, comment="方案 v2, saved by a DMS".encode()),
    "bytes-in-front": lambda data: b"#!/bin/sh\nexit 0\n" + data,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variants_zipfile_reads_read_the_same(variant: str) -> None:
    data = VARIANTS[variant](SMALL)
    expected = by_zipfile(data)
    assert by_zipread(data) == expected
    assert by_zipread(data, chunk=7) == expected  # a piece at a time, across every boundary
    assert package_from_bytes(data, "plan.docx").read("word/document.xml") == expected["word/document.xml"]


def _central(data: bytes, name: bytes = b"word/document.xml") -> int:
    """Return the offset of ``name``'s central directory entry."""
    return next(at for at in _all(data, b"PK\x01\x02") if data[at + 46 : at + 46 + len(name)] == name)


def _all(data: bytes, signature: bytes) -> list[int]:
    found, at = [], data.find(signature)
    while at >= 0:
        found.append(at)
        at = data.find(signature, at + 1)
    return found


def _set(data: bytes, at: int, value: int, width: int) -> bytes:
    raw = bytearray(data)
    raw[at : at + width] = value.to_bytes(width, "little")
    return bytes(raw)


def _twice(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        with warnings.catch_warnings():  # zipfile warns of the name given twice; Word calls the file damaged
            warnings.simplefilter("ignore")
            target.writestr("word/document.xml", b"<w:document/>")
    return out.getvalue()


def _many(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for index in range(MAX_MEMBERS + 1):
            target.writestr(f"p/{index}", b"")
    return out.getvalue()


STORED = rezip(SMALL, zipfile.ZIP_STORED)
# name → (package, what the refusal says)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "truncated": (SMALL[: len(SMALL) // 2], "not a readable DOCX file"),
    "no-end-record": (SMALL[:-22], "not a readable DOCX file"),
    "directory-offset-past-the-end": (_set(SMALL, len(SMALL) - 6, len(SMALL) * 2, 4), "not a readable DOCX file"),
    "directory-size-past-the-end": (_set(SMALL, len(SMALL) - 10, 1 << 31, 4), "not a readable DOCX file"),
    "member-offset-past-the-end": (_set(SMALL, _central(SMALL) + 42, len(SMALL) + 99, 4), "is damaged"),
    "member-offset-at-another-member": (_set(SMALL, _central(SMALL) + 42, 0, 4), "is damaged"),
    "declared-size-too-small": (_set(SMALL, _central(SMALL) + 24, 100, 4), "is damaged"),
    "declared-size-too-large": (_set(SMALL, _central(SMALL) + 24, 10_000_000, 4), "is damaged"),
    "declared-size-over-the-limit": (_set(SMALL, _central(SMALL) + 24, 0xFFFFFFFE, 4), "unpacks to"),
    "stored-sizes-past-the-data": (
        _set(_set(STORED, _central(STORED) + 20, 10_000_000, 4), _central(STORED) + 24, 10_000_000, 4),
        "is damaged",
    ),
    "bad-crc": (_set(SMALL, _central(SMALL) + 16, 12345, 4), "is damaged"),
    "encrypted": (_set(SMALL, _central(SMALL) + 8, 1, 2), "is encrypted"),
    "method-deflate64": (_set(SMALL, _central(SMALL) + 10, 9, 2), "compression method 9"),
    "names-twice": (_twice(SMALL), "holds part word/document.xml twice"),
    "too-many-members": (_many(SMALL), "parts, over the 10,000"),
    "zip64-locator-without-record": (SMALL[:-22] + b"PK\x06\x07" + bytes(16) + SMALL[-22:], "not a readable DOCX"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_package_is_refused_with_a_message_naming_the_file(name: str, tmp_path: Path) -> None:
    data, said = HOSTILE[name]
    with pytest.raises(InputError, match=f"^plan.docx: .*{said}"):
        package = package_from_bytes(data, "plan.docx")
        package.read("word/document.xml")
        package.read("word/styles.xml")
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    assert_clean_failure(run_cli("check", str(path)), "plan.docx")


def test_a_member_is_never_inflated_past_its_declared_size() -> None:
    # 64 MiB of zeros deflate to 64 KiB; the directory says 1,000 bytes: reading stops at the first piece over it
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bomb.compress(bytes(64 << 20)) + bomb.flush()
    name = b"word/document.xml"
    local = b"PK\x03\x04" + bytes(22) + len(name).to_bytes(2, "little") + bytes(2) + name
    data = _set(local, 8, 8, 2) + body
    central = bytearray(b"PK\x01\x02" + bytes(42) + name)
    central[10:12] = (8).to_bytes(2, "little")
    central[20:24] = len(body).to_bytes(4, "little")
    central[24:28] = (1000).to_bytes(4, "little")
    central[28:30] = len(name).to_bytes(2, "little")
    end = b"PK\x05\x06" + bytes(4) + (1).to_bytes(2, "little") * 2 + len(central).to_bytes(4, "little")
    archive = data + bytes(central) + end + len(data).to_bytes(4, "little") + bytes(2)
    (entry,) = members(archive, MAX_MEMBERS)
    read = 0
    with pytest.raises(ZipDamaged, match="more than its declared size"):
        for piece in inflated(archive, entry, 1 << 16):
            read += len(piece)
    assert read <= 1000


def test_a_damaged_zip_is_no_kind_to_sniff() -> None:
    assert sniff(SMALL[: len(SMALL) // 2]) is None
    assert sniff(b"PK\x03\x04 not really a zip") is None
    assert sniff(SMALL) == "docx"
