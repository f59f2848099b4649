"""Bytes of a user's text file → text: UTF-8, or UTF-16/32 with a byte-order mark; refuse what YAML may not hold."""

from __future__ import annotations

import codecs
import re

from opsplan.errors import InputError
from opsplan.load_messages import lmsg

# What YAML may not hold: C0 and C1 control characters but tab, line breaks and NEL; and the non-characters U+FFFE and
# U+FFFF, looked for apart (``str.find``): past Latin-1 they made the pattern's compilation 0.3 ms of every process.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_NOT_TEXT = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]"


def __getattr__(name: str) -> re.Pattern[str]:
    """``NOT_TEXT``, the pattern of every character YAML may not hold, compiled where it is asked for."""
    if name == "NOT_TEXT":
        return re.compile(_NOT_TEXT)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def first_not_text(text: str) -> int | None:
    """Return the index of the first character of ``text`` that YAML may not hold (``NOT_TEXT``), or None."""
    control = _CONTROL.search(text)
    found = [control.start()] if control else []
    found += [index for index in (text.find("\ufffe"), text.find("\uffff")) if index >= 0]
    return min(found, default=None)


# byte-order marks, longest first (a UTF-32 little-endian mark starts like a UTF-16 one)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)  # fmt: skip


def decode(raw: bytes, shown: str) -> str:
    """Decode file bytes: UTF-8, or UTF-16 or UTF-32 when a byte-order mark says so.

    A file that is not valid in its encoding is refused with the line of the first bad byte and the
    encoding it seems to be in; so is a character YAML does not allow (a control character, U+FFFF).
    """
    codec, name, body = "utf-8", "UTF-8", raw
    for mark, bom_codec, bom_name in _BOMS:
        if raw.startswith(mark):
            codec, name, body = bom_codec, bom_name, raw[len(mark) :]
            break
    else:
        _refuse_unmarked_wide(raw, shown)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(codec, "replace").count("\n") + 1
        where = f"{shown}:{line}"
        if codec != "utf-8":
            raise InputError(lmsg("decode.bad_with_bom", where=where, name=name)) from None
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(lmsg("decode.not_utf8", where=where)) from None
        raise InputError(lmsg("decode.gbk", where=where)) from None
    bad = first_not_text(text)
    if bad is not None:
        lineno = text.count("\n", 0, bad) + 1
        column = bad - (text.rfind("\n", 0, bad) + 1) + 1
        char, where = text[bad], f"{shown}:{lineno}:{column}"
        if char == "\x00":
            raise InputError(lmsg("decode.nul", where=where))
        if "\x01" <= char <= "\x1f" or char == "\x7f":
            raise InputError(lmsg("decode.control", where=where, char=repr(char)))
        raise InputError(lmsg("decode.not_allowed", where=where, code=f"{ord(char):04X}"))
    return text


def _refuse_unmarked_wide(raw: bytes, shown: str) -> None:
    """Name UTF-16 and UTF-32 files without a byte-order mark (their NUL bytes would read as UTF-8)."""
    head = raw[:4]
    if len(head) < 4 or 0 not in head:
        return
    if head[1:] == b"\0\0\0" or head[:3] == b"\0\0\0":
        name = lmsg("decode.little" if head[0] else "decode.big", name="UTF-32")
    elif head[1] == 0 and head[3] == 0 and head[0] and head[2]:
        name = lmsg("decode.little", name="UTF-16")
    elif head[0] == 0 and head[2] == 0 and head[1] and head[3]:
        name = lmsg("decode.big", name="UTF-16")
    else:
        return
    raise InputError(lmsg("decode.no_bom", where=f"{shown}:1", name=name))
