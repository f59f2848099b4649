"""A prepared DOCX package that many plans share, and the ZIP writer that fills it with one plan's body.

Everything in a DOCX but the body and the document properties (styles, numbering, settings, footer,
theme) depends only on the locale and the reference document. ``Frame`` keeps those parts compressed
once, with ``document.xml`` and ``core.xml`` as texts that have slots for the body and the properties;
``Frame.package`` then only has to compress the body. ``write_zip`` writes the archive with fixed
timestamps and permissions, so the same plan always gives the same bytes.

The frame of the packaged base document is also kept on disk (``load_frame``/``store_frame``, JSON in
the user's cache folder, named by a digest of everything that shapes it), so a new process need not
import python-docx to build it again. A cache file that is missing, stale or damaged in any way (each
part's checksum is verified) is ignored and the frame is built afresh.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import struct
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opsplan.cachedir import cache_folder
from opsplan.render.docx_body import Layout

COMPRESS_LEVEL = 3  # about a sixth larger than zlib's default 6, in half the time (a large plan's body is megabytes)
BODY_SLOT_NAME = "opsplan-body"  # an XML comment in document.xml marks where the body goes
BODY_SLOT = f"<!--{BODY_SLOT_NAME}-->"
SLOT_PREFIX = "opsplan-slot-"
SLOT_DATE = "1999-09-09T09:09:09Z"  # how python-docx writes the frame's placeholder date
_SLOTS = re.compile(rf"{SLOT_PREFIX}([a-z]+)|{re.escape(SLOT_DATE)}")
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a ZIP entry can carry
_UNIX_FILE = 0o644 << 16  # rw-r--r--
_MADE_BY = (3 << 8) | 20  # Unix, ZIP 2.0


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored ZIP member: its name, CRC-32, sizes and deflated bytes."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, *pieces: bytes) -> Entry:
    """Return the content made of ``pieces`` (joined) compressed as the ZIP member ``name``."""
    packer = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for piece in pieces:
        out.append(packer.compress(piece))
        crc = zlib.crc32(piece, crc)
        size += len(piece)
    out.append(packer.flush())
    return Entry(name, crc, size, b"".join(out))


def write_zip(entries: Iterable[Entry]) -> bytes:
    """Return a ZIP archive of ``entries`` in order (deflated, dated 1980-01-01, mode 0644)."""
    out = bytearray()
    central = bytearray()
    count = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, 0, _DOS_DATE, entry.crc, len(entry.data), entry.size,
            len(name), 0,
        )  # fmt: skip
        out += name
        out += entry.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, _MADE_BY, 20, flags, 8, 0, _DOS_DATE, entry.crc, len(entry.data),
            entry.size, len(name), 0, 0, 0, 0, _UNIX_FILE, offset,
        )  # fmt: skip
        central += name
        count += 1
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)


@dataclass(frozen=True)
class Frame:
    """The parts of a DOCX that do not depend on the plan, ready to receive a body and properties.

    ``documents`` maps "the document has a landscape section" to the ``document.xml`` text with
    ``BODY_SLOT`` where the body goes (the title-page flag of the last section differs);
    ``core`` is ``core.xml`` with ``opsplan-slot-<name>`` and ``SLOT_DATE`` where the properties go.
    """

    order: tuple[str, ...]
    fixed: Mapping[str, Entry]
    document_part: str
    documents: Mapping[bool, str]
    core_part: str
    core: str
    layout: Layout
    sections: Mapping[bool, str]  # landscape? -> the w:sectPr text that closes the previous section
    renames: Mapping[str, str] = field(default_factory=dict)

    def package(self, body: str, *, landscape: bool, properties: Mapping[str, str]) -> bytes:
        """Return the DOCX bytes with ``body`` (WordprocessingML text) and the document ``properties``.

        ``properties`` holds ``title``, ``author``, ``shop``, ``locale`` and ``stamp`` (W3CDTF date).
        """
        head, _, tail = self.documents[landscape].partition(BODY_SLOT)

        def fill(match: re.Match[str]) -> str:
            if match.group(1) is None:
                return properties["stamp"]
            return _escape(properties[match.group(1)])

        core = _SLOTS.sub(fill, self.core)
        made = {
            self.document_part: deflate(self.document_part, head.encode(), body.encode(), tail.encode()),
            self.core_part: deflate(self.core_part, core.encode("utf-8")),
        }
        return write_zip(made.get(name) or self.fixed[name] for name in self.order)


def _escape(text: str) -> str:
    """Escape ``text`` for XML character data as lxml writes it (``&``, ``<``, ``>``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def frame_cache_file(locale: str, sources: Iterable[Path]) -> Path | None:
    """Return the cache file for the base frame of ``locale``, named by the state of ``sources``.

    ``sources`` are the files that shape the frame (opsplan's DOCX modules, python-docx's template);
    any change to one of them (time, size) or to the versions gives another name. ``None``: no cache.
    """
    import opsplan

    try:
        stamps = [f"{path}:{path.stat().st_mtime_ns}:{path.stat().st_size}" for path in sources]
    except OSError:
        return None
    key = "|".join([opsplan.__version__, locale, str(COMPRESS_LEVEL), *stamps])
    digest = f"{zlib.crc32(key.encode('utf-8', 'replace')):08x}{zlib.adler32(key.encode('utf-8', 'replace')):08x}"
    folder = cache_folder()
    return Path(folder) / f"docx-frame-{digest}.json" if folder is not None else None


def store_frame(path: Path, frame: Frame) -> None:
    """Keep ``frame`` in ``path`` for later processes; a cache that cannot be written is simply not used."""
    from opsplan.errors import OpsplanError
    from opsplan.fileio import write_text

    record = {
        "order": list(frame.order),
        "fixed": {n: [e.crc, e.size, base64.b64encode(e.data).decode("ascii")] for n, e in frame.fixed.items()},
        "document_part": frame.document_part,
        "documents": [frame.documents[False], frame.documents[True]],
        "core_part": frame.core_part,
        "core": frame.core,
        "layout": [frame.layout.text_width, frame.layout.landscape_text_width, frame.layout.has_bullet_style],
        "sections": [frame.sections[False], frame.sections[True]],
        "renames": dict(frame.renames),
    }
    with contextlib.suppress(OpsplanError, OSError):
        write_text(path, json.dumps(record, ensure_ascii=False), force=True)


def load_frame(path: Path) -> Frame | None:
    """Return the frame kept in ``path``, or ``None`` when there is none or it is not exactly right."""
    try:
        record: Any = json.loads(path.read_text(encoding="utf-8"))
        fixed = {}
        for name, (crc, size, data) in record["fixed"].items():
            entry = Entry(str(name), int(crc), int(size), base64.b64decode(data, validate=True))
            content = zlib.decompress(entry.data, -15)
            if len(content) != entry.size or zlib.crc32(content) != entry.crc:
                return None
            fixed[entry.name] = entry
        order = tuple(str(name) for name in record["order"])
        document_part, core_part = str(record["document_part"]), str(record["core_part"])
        documents = {False: str(record["documents"][0]), True: str(record["documents"][1])}
        if set(order) != {*fixed, document_part, core_part} or any(BODY_SLOT not in d for d in documents.values()):
            return None
        text_width, landscape_width, bullets = record["layout"]
        return Frame(
            order=order, fixed=fixed, document_part=document_part, documents=documents, core_part=core_part,
            core=str(record["core"]), layout=Layout(int(text_width), int(landscape_width), bool(bullets)),
            sections={False: str(record["sections"][0]), True: str(record["sections"][1])},
            renames={str(k): str(v) for k, v in record["renames"].items()},
        )  # fmt: skip
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, zlib.error):
        return None
