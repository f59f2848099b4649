"""The DOCX package: a prepared frame filled with one plan's body, properties and images, zipped.

``write_package`` takes the frame's parts as they are, puts the body in ``document.xml`` where the frame left
``BODY_SLOT``, the properties in ``core.xml``, and each chart image in ``word/media`` with its relationship
and content type. ``write_zip`` writes the archive with fixed timestamps and permissions, so the same plan
always gives the same bytes: the bytes ``zipfile`` writes, but with the frame's parts deflated when the frame is
made (or shipped so, ``docx_prepared``) rather than once a plan (``styles.xml`` alone is 350 KB).
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from opsplan.errors import OutputError
from opsplan.io_messages import iomsg

if TYPE_CHECKING:
    from opsplan.render.docx_frame import Frame

COMPRESS_LEVEL = 3  # about a sixth larger than zlib's default 6, in half the time (a large plan's body is megabytes)
BODY_SLOT_NAME = "opsplan-body"  # an XML comment in document.xml marks where the body goes
BODY_SLOT = f"<!--{BODY_SLOT_NAME}-->"
SLOT_PREFIX = "opsplan-slot-"
SLOT_DATE = "1999-09-09T09:09:09Z"  # how python-docx writes the frame's placeholder date
_SLOTS = re.compile(rf"{SLOT_PREFIX}([a-z]+)|{re.escape(SLOT_DATE)}")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can carry
_UNIX_FILE = 0o644 << 16  # rw-r--r--
# the ZIP records (APPNOTE 4.3.7, 4.3.12, 4.3.16) with the fields zipfile writes for a deflated entry
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION, _MADE_ON_UNIX, _STORED, _DEFLATED, _UTF8_NAME = 20, 3, 0, 8, 0x800
_DOS_DATE = (_ZIP_DATE[0] - 1980) << 9 | _ZIP_DATE[1] << 5 | _ZIP_DATE[2]
_ZIP_LIMIT = (1 << 31) - 1  # sizes and offsets past this need ZIP64 records, which a plan never does

IMAGE_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_IMAGE_WIDTH = 5_400_000  # EMU: 15 cm, the width of a chart on a portrait A4 page
_NAMESPACES = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}


def image_rel_id(index: int) -> str:
    """Return the relationship id of the ``index``-th image (0-based) in the document part."""
    return f"rIdOpsplanImage{index + 1}"


def picture_xml(index: int, png: bytes) -> str:
    """Return a centred paragraph holding the ``index``-th image, 15 cm wide, its height from the PNG's shape."""
    width, height = png_size(png)
    cx, cy = _IMAGE_WIDTH, _IMAGE_WIDTH * height // max(width, 1)
    number, name = 1000 + index, f"chart{index + 1}.png"
    wp, a, pic = (_NAMESPACES[k] for k in ("wp", "a", "pic"))
    return (
        # automatic line spacing: an exact line (the body styles') would cut the picture to its height
        '<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
        f'<wp:inline xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name="{name}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{a}"><a:graphicData uri="{pic}"><pic:pic xmlns:pic="{pic}">'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{image_rel_id(index)}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def png_size(png: bytes) -> tuple[int, int]:
    """Return a PNG's width and height in pixels, from its IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise OutputError("a chart image is not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def write_package(
    frame: Frame,
    body: bytes,
    *,
    landscape: bool,
    properties: Mapping[str, str],
    images: Sequence[bytes] = (),
    stored: bool = False,
) -> bytes:
    """Return the DOCX bytes: ``frame`` with ``body`` (WordprocessingML, UTF-8), ``properties`` and ``images``.

    ``properties`` holds ``title``, ``author``, ``shop``, ``keywords``, ``version``, ``locale`` and ``stamp``
    (W3CDTF date);
    ``images`` are PNGs whose paragraphs (``picture_xml``) the body already holds, in order. ``stored``: the parts
    are stored rather than deflated (a package read back at once, never written).
    """
    head, slot, tail = frame.documents[landscape].partition(BODY_SLOT)
    if not slot:
        raise OutputError(f"{frame.document_part}: the body could not be placed in the document")

    def fill(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return properties["stamp"]
        return _escape(properties[match.group(1)])

    made = {
        frame.document_part: b"".join((head.encode("utf-8"), body, tail.encode("utf-8"))),
        frame.core_part: _SLOTS.sub(fill, frame.core).encode("utf-8"),
    }
    for name, data in frame.parts:  # the version's slot in a header
        if name.startswith("word/header") and SLOT_PREFIX.encode() in data:
            made[name] = _SLOTS.sub(fill, data.decode("utf-8")).encode("utf-8")
    parts = [(name, made.get(name, data)) for name, data in frame.parts]
    if images:
        parts = _with_images(parts, frame.rels_part, images)
    unchanged = dict(frame.parts)
    ready = {name: frame.deflated[name] for name, data in parts if unchanged.get(name) is data}
    return write_zip(parts, ready=ready, stored=stored)


def _with_images(parts: list[tuple[str, bytes]], rels_part: str, images: Sequence[bytes]) -> list[tuple[str, bytes]]:
    """Add each image as ``word/media/chartN.png``, with its relationship and the PNG content type."""
    folder = rels_part.split("_rels/")[0]  # "word/"
    rels = "".join(
        f'<Relationship Id="{image_rel_id(i)}" Type="{IMAGE_REL_TYPE}" Target="media/chart{i + 1}.png"/>'
        for i in range(len(images))
    )
    out = []
    for name, data in parts:
        if name == rels_part:
            data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>", 1)
        elif name == "[Content_Types].xml" and b'Extension="png"' not in data:
            data = data.replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
        out.append((name, data))
    out.extend((f"{folder}media/chart{i + 1}.png", png) for i, png in enumerate(images))
    return out


def write_zip(
    parts: Iterable[tuple[str, bytes]], *, ready: Mapping[str, tuple[int, bytes]] | None = None, stored: bool = False
) -> bytes:
    """Return a ZIP archive of ``parts`` in order: deflated, dated 1980-01-01, mode 0644, made on Unix.

    The bytes are those ``zipfile`` writes for the same entries (level ``COMPRESS_LEVEL``). ``ready``: the CRC
    and deflate stream (``deflate``) of parts by name, already made (the frame's, the same from plan to plan).
    ``stored``: every part is stored as it is, not deflated.
    """
    ready = ready or {}
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in parts:
        if stored:
            method, (crc, deflated) = _STORED, (zlib.crc32(data), data)
        else:
            method, (crc, deflated) = _DEFLATED, ready.get(name) or deflate(data)
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        if max(offset, len(data)) > _ZIP_LIMIT:  # never for a plan: an output file is at most MAX_OUTPUT_BYTES
            raise OutputError(iomsg("out.too_big", path=name, size=f"{len(data):,}", limit=f"{_ZIP_LIMIT:,}"))
        sizes = (method, 0, _DOS_DATE, crc, len(deflated), len(data), len(encoded))
        out += (_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, *sizes, 0), encoded, deflated)
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02", _VERSION, _MADE_ON_UNIX, _VERSION, 0, flags, *sizes, 0, 0, 0, 0, _UNIX_FILE, offset
            )
            + encoded
        )
        offset += _LOCAL.size + len(encoded) + len(deflated)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join((*out, directory, end))


def deflate(data: bytes) -> tuple[int, bytes]:
    """Return the CRC-32 of ``data`` and its raw deflate stream, as ``zipfile`` makes it."""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _escape(text: str) -> str:
    """Escape ``text`` for XML character data as lxml writes it (``&``, ``<``, ``>``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
