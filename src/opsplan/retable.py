"""The regular expressions opsplan's commands use, compiled when the wheel is built: a command builds them at once.

Python's compiler of regular expressions (``re._parser`` and ``re._compiler``) is pure Python: a cold ``check`` of
a DOCX compiled 36 patterns in ~14 ms, a ``render`` of md+docx 112 in 40–55 ms (PyYAML's ``NON_PRINTABLE`` alone
~9 ms), opsplan's and its libraries' alike, every process anew. What it computes, a list of integers (the
pattern's code) with the final flags and the groups, depends on the pattern, its flags and the interpreter only;
``_sre.compile`` turns it into the same ``re.Pattern`` (equal by ``==``) in ~0.02 ms.

``retable_patterns.json`` beside this module lists the patterns (``scripts/retable_patterns.py`` records them by
running the commands over the examples). The wheel's build hook (``opsplan.prepared.write_prepared``) compiles
each with the building interpreter (``write_table``) into ``_prepared/retable.bin``: the interpreter's key
(implementation, exact ``sys.version``, ``_sre``'s magic number, code size and limits), a CRC of the rest, and a
marshalled table: ``(pattern, flags)`` → code (little-endian uint32), final flags, groups, group index.

``opsplan._entry.main`` calls ``install`` before anything else, never an import of opsplan (a library user's
``re`` stays untouched). On CPython 3.11 only (whose ``re._compile`` looks up ``_cache[type(pattern), pattern,
flags]`` first; 3.12's first looks up a second cache, ``_cache2``), when the table is there, whole and made by
this very interpreter, ``re._cache`` becomes a ``dict`` whose ``__missing__`` builds a listed pattern from the
table the first time it is asked for (and keeps it, evicting as ``re`` does), and raises ``KeyError`` otherwise:
``re`` then compiles as before. Any problem at all is a ``KeyError``: the pattern is compiled, never wrong.
A pattern whose compilation warns (``FutureWarning: Possible nested set``) is left out, so the warning stays.
A checkout or an editable install has no table, and nothing changes.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

FILE_NAME = "retable.bin"
PATTERNS_FILE = "retable_patterns.json"
MAGIC = b"opsplan regular expressions 1\n"
MAX_BYTES = 4 * 1024 * 1024
_NOT_CACHED = re.DEBUG | 1  # nor re.TEMPLATE (1, gone in 3.13): ``re`` caches neither (DEBUG prints, TEMPLATE warns)

# an entry: code as little-endian uint32, final flags, groups - 1, group index, index group; in the table marshalled
# (``marshal.loads`` when first used), under flags and pattern: two dicts, of str patterns and of bytes patterns
Entry = tuple[bytes, int, int, dict[str, int], tuple[str | None, ...]]
Tables = tuple[dict[int, dict[str, bytes]], dict[int, dict[bytes, bytes]]]


def interpreter_key() -> bytes:
    """Return what the compiled code depends on besides the pattern: the implementation, version and ``_sre``."""
    import _sre  # type: ignore[import-not-found]

    key = (sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)
    return repr(key).encode("utf-8", "backslashreplace")


def table_head() -> bytes:
    """Return the head the table is framed under (``opsplan.prepared_frame``): the magic line and this interpreter."""
    return MAGIC + interpreter_key() + b"\n"


def supported() -> bool:
    """Whether this interpreter's ``re`` looks patterns up as the table's cache expects (CPython 3.11)."""
    return sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 11)


def table_path() -> str:
    """Return where the wheel ships the table (absent in a checkout)."""
    from opsplan.prepared_frame import shipped_folder

    return os.path.join(shipped_folder(), FILE_NAME)


class PatternTable(dict):  # type: ignore[type-arg]
    """``re._cache`` with the shipped patterns: a missing listed pattern is built from its code, others are missing."""

    __slots__ = ("entries",)

    def __init__(self, cached: dict[Any, Any], entries: Tables) -> None:
        super().__init__(cached)
        self.entries = entries

    def __missing__(self, key: Any) -> re.Pattern[Any]:
        """Return the listed pattern ``key`` (``(type, pattern, flags)``) built from the table; else ``KeyError``."""
        try:
            built = self._built(key)
            if built is not None:
                if len(self) >= re._MAXCACHE:  # type: ignore[attr-defined]  # re's own eviction: the oldest goes
                    with contextlib.suppress(StopIteration, RuntimeError, KeyError):
                        del self[next(iter(self))]
                self[key] = built
                return built
        except Exception:  # anything at all: re compiles the pattern itself
            pass
        raise KeyError(key)

    def _built(self, key: Any) -> re.Pattern[Any] | None:
        import _sre

        kind, pattern, flags = key
        if type(pattern) is not kind or type(flags) is not int or flags & _NOT_CACHED:
            return None
        if kind is str:
            blob = self.entries[0].get(flags, {}).get(pattern)
        elif kind is bytes:
            blob = self.entries[1].get(flags, {}).get(pattern)
        else:
            return None
        if blob is None:
            return None
        import marshal

        raw, final_flags, groups, groupindex, indexgroup = marshal.loads(blob)
        built: re.Pattern[Any] = _sre.compile(
            pattern, final_flags, code_list(raw), groups, dict(groupindex), indexgroup
        )
        return built


def code_list(raw: bytes) -> list[int]:
    """Return the code stored as little-endian uint32 ``raw`` as the list of integers ``_sre.compile`` takes."""
    if len(raw) % 4:
        raise ValueError(len(raw))  # cut short: not whole uint32s
    if sys.byteorder == "little":
        view = memoryview(raw).cast("I")
        if view.itemsize == 4:
            return view.tolist()
    return [int.from_bytes(raw[at : at + 4], "little") for at in range(0, len(raw), 4)]


def read_table(path: str) -> Tables | None:
    """Return the table at ``path`` when it is whole and was made by this interpreter, else ``None``."""
    from opsplan.prepared_frame import read_framed

    payload = read_framed(path, table_head(), MAX_BYTES)
    if payload is None:
        return None
    try:
        import marshal

        tables = marshal.loads(payload)
    except Exception:  # damaged past its frame: no table, re compiles
        return None
    if type(tables) is not tuple or len(tables) != 2 or not all(type(table) is dict for table in tables):
        return None  # its entries are checked as they are used
    return tables


def install(path: str | None = None) -> bool:
    """Make ``re`` build the shipped patterns from the table, when there is one for this interpreter; say whether.

    For the console script only (``opsplan._entry.main``): it replaces ``re._cache``, which is the process's own.
    """
    if not supported() or type(re._cache) is not dict:  # type: ignore[attr-defined]  # replaced already, or no cache
        return False
    tables = read_table(table_path() if path is None else path)
    if tables is None:
        return False
    re._cache = PatternTable(re._cache, tables)  # type: ignore[attr-defined]
    return True


# --- at build time -------------------------------------------------------------------------------------------------


def listed_patterns() -> list[tuple[str | bytes, int]]:
    """Return the patterns of ``retable_patterns.json``: ``["str" or "bytes", pattern, flags]`` (bytes as Latin-1)."""
    import json

    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), PATTERNS_FILE), encoding="utf-8") as stream:
        listed = json.load(stream)
    return [(text.encode("latin-1") if kind == "bytes" else text, flags) for kind, text, flags in listed]


def compiled_entry(pattern: str | bytes, flags: int) -> Entry | None:
    """Compile ``pattern`` as ``re`` would, with this interpreter; ``None`` when it fails, warns or is not cached.

    The entry is kept only when the pattern built from it equals ``re._compiler.compile``'s, groups included.
    """
    import _sre
    import warnings
    from re import _compiler, _parser  # type: ignore[attr-defined]

    if flags & _NOT_CACHED:
        return None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            parsed = _parser.parse(pattern, flags)
            code = _compiler._code(parsed, flags)
            compiled = _compiler.compile(pattern, flags)
        except Exception:
            return None
    if caught:  # a warning re would print at every compilation: compiled, so that it is still printed
        return None
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    raw = b"".join(part.to_bytes(4, "little") for part in code)
    entry = (raw, flags | parsed.state.flags, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    built = _sre.compile(pattern, entry[1], code_list(raw), entry[2], dict(groupindex), entry[4])
    same = built == compiled and built.groups == compiled.groups and built.groupindex == compiled.groupindex
    return entry if same and built.flags == compiled.flags else None


def table_bytes(patterns: list[tuple[str | bytes, int]]) -> bytes:
    """Return the table file of ``patterns`` compiled by this interpreter (those that compile without a warning)."""
    import marshal

    from opsplan.prepared_frame import framed

    strs: dict[int, dict[str, bytes]] = {}
    byts: dict[int, dict[bytes, bytes]] = {}
    for pattern, flags in sorted(patterns, key=lambda listed: (type(listed[0]).__name__, listed[1], listed[0])):
        entry = compiled_entry(pattern, flags)
        if entry is None:
            continue
        if isinstance(pattern, bytes):
            byts.setdefault(flags, {})[pattern] = marshal.dumps(entry)
        else:
            strs.setdefault(flags, {})[pattern] = marshal.dumps(entry)
    payload = marshal.dumps((strs, byts))  # 0.3 ms to load for ~600 patterns; each entry loaded when first used
    return framed(table_head(), payload)


def write_table(target: Path) -> list[Path]:
    """Write the table of the listed patterns, compiled by this interpreter, into ``target``; return its path."""
    path = target / FILE_NAME
    path.write_bytes(table_bytes(listed_patterns()))
    return [path]
