"""A ZIP package held in memory (a DOCX), read from its central directory with zlib alone, not ``zipfile``.

``zipfile`` and what it imports (shutil, bz2, lzma, threading, importlib.util, struct) cost 3.4 ms of CPU and about
4.7 ms of wall time in a cold ``opsplan check`` of a DOCX, which reads three members of a package already in memory.
What this reader guarantees, for ``safeio.Package`` to build on:

- the directory is found from the end record (a comment after it allowed), ZIP64 records and extra fields read,
  bytes in front of the archive allowed as ``zipfile`` allows them; every offset and length is checked against
  the data before it is read, so a damaged or hostile package raises ``ZipDamaged``, never ``IndexError``;
- a member is inflated ``chunk`` bytes at a time and never past the size the directory declares for it (more is
  damage), and its CRC-32 and its local header (signature, name) are checked as ``zipfile`` checks them.

Stored and deflated members only (what Word, WPS and Excel write); ``safeio`` refuses any other method, encryption
and names given twice before anything is inflated.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

_END = b"PK\x05\x06"
_END64 = b"PK\x06\x06"
_END64_LOCATOR = b"PK\x06\x07"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_END_SIZE, _END64_SIZE, _LOCATOR_SIZE, _CENTRAL_SIZE, _LOCAL_SIZE = 22, 56, 20, 46, 30
_MAX_COMMENT = 0xFFFF
_UTF8_NAME = 0x800
_FULL32 = 0xFFFFFFFF
STORED, DEFLATED = 0, 8


class ZipDamaged(Exception):
    """The data is not a ZIP archive this reader can read, or a member of it is damaged; the text says why."""


class TooManyMembers(Exception):
    """The directory lists more members than the caller allows; ``count`` is how many it declares (at least)."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class Member:
    """One entry of the central directory: name, method, flags, CRC-32, sizes and its local header's offset."""

    __slots__ = ("compressed", "crc", "flags", "method", "name", "offset", "raw_name", "size")

    def __init__(self, raw_name: bytes, flags: int, method: int, crc: int, compressed: int, size: int, offset: int):
        self.raw_name = raw_name
        self.name = _decoded(raw_name, flags)
        self.flags, self.method, self.crc = flags, method, crc
        self.compressed, self.size, self.offset = compressed, size, offset


def _u16(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 2], "little")


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 4], "little")


def _u64(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 8], "little")


def _decoded(raw: bytes, flags: int) -> str:
    """Return a member's name as ``zipfile`` decodes it: UTF-8 when flagged, else cp437, cut at a NUL.

    An ASCII name is decoded as ASCII, which cp437 agrees with, without loading the cp437 codec.
    """
    name = raw.decode("utf-8" if flags & _UTF8_NAME else "ascii" if raw.isascii() else "cp437")
    return name.split("\0", 1)[0]


def members(data: bytes, most: int) -> list[Member]:
    """Return the entries of the central directory of the archive ``data``, in order; ``ZipDamaged`` if unreadable.

    ``TooManyMembers`` once there are more than ``most``, before reading the rest of the directory.
    """
    end = data.rfind(_END, max(0, len(data) - _END_SIZE - _MAX_COMMENT))
    if end < 0 or len(data) - end < _END_SIZE:
        raise ZipDamaged("File is not a zip file")
    count, size, offset, start = _u16(data, end + 10), _u32(data, end + 12), _u32(data, end + 16), end
    locator = end - _LOCATOR_SIZE
    if locator >= 0 and data[locator : locator + 4] == _END64_LOCATOR:
        start = locator - _END64_SIZE
        if start < 0 or data[start : start + 4] != _END64:
            raise ZipDamaged("Zip64 directory record has a bad signature")
        count, size, offset = _u64(data, start + 32), _u64(data, start + 40), _u64(data, start + 48)
    shift = start - size - offset  # bytes in front of the archive (a self-extractor's stub), as zipfile allows
    if shift < 0:
        raise ZipDamaged("Bad offset for central directory")
    found: list[Member] = []
    at, stop = offset + shift, offset + shift + size
    while at < stop:
        if len(found) == most:
            raise TooManyMembers(max(count, most + 1))
        if stop - at < _CENTRAL_SIZE or data[at : at + 4] != _CENTRAL:
            raise ZipDamaged("Bad magic number for central directory")
        name_end = at + _CENTRAL_SIZE + _u16(data, at + 28)
        extra_end = name_end + _u16(data, at + 30)
        following = extra_end + _u16(data, at + 32)
        if following > stop:
            raise ZipDamaged("Truncated central directory")
        values = [_u32(data, at + 24), _u32(data, at + 20), _u32(data, at + 42)]  # size, compressed, offset
        if _FULL32 in values:
            _zip64_values(data[name_end:extra_end], values)
        flags = _u16(data, at + 8)
        try:
            found.append(
                Member(data[at + _CENTRAL_SIZE : name_end], flags, _u16(data, at + 10), _u32(data, at + 16),
                       values[1], values[0], values[2] + shift)
            )  # fmt: skip
        except UnicodeDecodeError as error:
            raise ZipDamaged(f"Bad file name: {error.reason}") from None
        at = following
    return found


def _zip64_values(extra: bytes, values: list[int]) -> None:
    """Replace the sizes and offset given as 0xFFFFFFFF by those of the ZIP64 extra field (in that order)."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = _u16(extra, at), _u16(extra, at + 2)
        if at + 4 + length > len(extra):
            break
        if kind == 1:
            field, used = extra[at + 4 : at + 4 + length], 0
            for index, value in enumerate(values):
                if value == _FULL32:
                    if used + 8 > len(field):
                        raise ZipDamaged("Corrupt zip64 extra field")
                    values[index] = _u64(field, used)
                    used += 8
            return
        at += 4 + length


def inflated(data: bytes, member: Member, chunk: int) -> Iterator[bytes]:
    """Yield ``member`` of the archive ``data`` unpacked, ``chunk`` bytes at most at a time.

    Never more than the declared size is inflated: a member that would give more, less, or bytes whose CRC-32
    differs from the directory's raises ``ZipDamaged``.
    """
    at = member.offset
    if at < 0 or len(data) - at < _LOCAL_SIZE or data[at : at + 4] != _LOCAL:
        raise ZipDamaged("Bad magic number for file header")
    name_end = at + _LOCAL_SIZE + _u16(data, at + 26)
    if data[at + _LOCAL_SIZE : name_end] != member.raw_name:
        raise ZipDamaged(f"File name in directory {member.name!r} and header differ")
    begin = name_end + _u16(data, at + 28)
    end = begin + (min(member.compressed, member.size) if member.method == STORED else member.compressed)
    if end > len(data) or (member.method == STORED and member.compressed < member.size):
        raise ZipDamaged("Compressed data ends before the member's end")
    view = memoryview(data)[begin:end]
    crc = 0
    pieces = _stored(view, chunk) if member.method == STORED else _deflated(view, member.size, chunk)
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        yield piece
    if crc != member.crc:
        raise ZipDamaged(f"Bad CRC-32 for file {member.name!r}")


def _stored(view: memoryview, chunk: int) -> Iterator[bytes]:
    for at in range(0, len(view), chunk):
        yield bytes(view[at : at + chunk])


def _deflated(view: memoryview, size: int, chunk: int) -> Iterator[bytes]:
    """Inflate the raw deflate stream ``view`` into ``size`` bytes, ``chunk`` at a time, asking zlib for no more."""
    inflater = zlib.decompressobj(-15)
    left, fed = size, 0
    while not inflater.eof:
        source: bytes | memoryview = inflater.unconsumed_tail
        if not source and fed < len(view):
            source, fed = view[fed : fed + chunk], fed + chunk
        piece = inflater.decompress(source, min(chunk, left + 1))  # never 0: that would be "no limit"
        if len(piece) > left:
            raise ZipDamaged("Member unpacks to more than its declared size")
        if not piece and not source:
            break
        left -= len(piece)
        if piece:
            yield piece
    if not inflater.eof or left:
        raise ZipDamaged("Compressed file ended before the end-of-stream marker was reached")
