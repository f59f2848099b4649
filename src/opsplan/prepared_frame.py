"""Where the wheel's prepared files lie, and the frame of the binary ones that the start-up paths read.

``opsplan.prepared`` writes the artefacts under ``FOLDER_NAME`` beside the package (the wheel's build hook). Two
of them are read before anything else in a process, by modules kept light for it (no ``pathlib``, no
``importlib``): the regular expressions (``opsplan.retable``) and the help pages (``opsplan.cli_help_data``). Both
are framed alike: a head the reader knows (a magic line naming the format, and whatever key the content depends
on), a line with the CRC-32 and length of the payload in hexadecimal, and the payload. A reader gets the payload
back only when the head is the one it expects and the payload is whole.
"""

from __future__ import annotations

import os
import zlib

FOLDER_NAME = "_prepared"


def shipped_folder() -> str:
    """Return the folder the wheel ships the prepared files in (absent in a checkout or an editable install)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), FOLDER_NAME)


def framed(head: bytes, payload: bytes) -> bytes:
    """Return the file that holds ``payload`` under ``head``: the head, the payload's CRC-32 and length, the payload."""
    return head + b"%08x %x\n" % (zlib.crc32(payload), len(payload)) + payload


def read_framed(path: str, head: bytes, max_bytes: int) -> bytes | None:
    """Return the payload of the file at ``path`` framed under ``head``, or ``None``.

    ``None`` when the file is absent or unreadable, larger than ``max_bytes``, starts with another head, or its
    payload is cut short or damaged (length or CRC-32 not those of its frame line).
    """
    try:
        with open(path, "rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError:
        return None
    if len(raw) > max_bytes or not raw.startswith(head):
        return None
    end = raw.find(b"\n", len(head))
    fields = raw[len(head) : end].split(b" ") if end > 0 else []
    if len(fields) != 2 or not all(field.isalnum() for field in fields):
        return None
    try:
        crc, length = int(fields[0], 16), int(fields[1], 16)
    except ValueError:
        return None
    payload = raw[end + 1 :]
    return payload if len(payload) == length and zlib.crc32(payload) == crc else None
