"""Safe YAML reading: text → plain data plus the line and column of every value.

Scalars follow one rule, so YAML 1.1 surprises cannot happen: a plain ``null``, ``~`` or empty value
is ``None``; every other scalar is kept as the text written, and the profile model converts it to the
type its field wants (``"010"`` becomes 10 in a number field and stays ``"010"`` in a text field;
``NO`` stays ``"NO"``; ``2027-03-01`` becomes a date only where a date is asked for).

Limits apply while the document is read, before anything is validated: file size, nesting depth
(checked event by event, so a deep ``[[[[…`` stops at once), the number of values (aliases counted
expanded) and the text aliases repeat are bounded; duplicate keys, recursive aliases, non-standard
tags, characters YAML does not allow and unpaired surrogates are refused. The data is built here in one
pass over the parser's events, without recursion (libyaml's parser when available: fast; its own
composer can crash the process on hostile input, so it is not used), and the first problem in reading
order is the one reported.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from opsplan.errors import InputError, Location, Problem
from opsplan.load_messages import lmsg, yaml_problem
from opsplan.safeio import read_user_file
from opsplan.textdecode import decode

MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 200_000
MAX_ALIAS_CHARS = 4_000_000  # text repeated by aliases, on top of the file's own (as much as a full file holds)

PathKey = tuple[str | int, ...]
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """A YAML document read as plain data, with locations by field path."""

    file: str
    data: Any
    values: dict[PathKey, Location] = field(default_factory=dict)
    keys: dict[PathKey, Location] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)  # values read in a form that could be ambiguous
    number_gaps: list[PathKey] = field(default_factory=list)  # numbers written empty, filled by a stand-in

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """Return the location of ``path``'s key (or value), else of its nearest located parent."""
        probe = tuple(path)
        while True:
            table = self.keys if key and probe in self.keys else self.values
            if probe in table:
                return table[probe]
            if not probe:
                return Location(self.file)
            probe = probe[:-1]


def read_text(path: Path) -> str:
    """Read ``path`` as text (UTF-8; UTF-16 or UTF-32 with a byte-order mark), refusing oversized files."""
    return decode(read_user_file(path, limit=MAX_BYTES, kind="yaml"), str(path))


def parse(text: str, shown: str) -> Document:
    """Parse YAML ``text`` (from the file named ``shown``) into a ``Document``."""
    document = Document(shown, None)
    try:
        document.data = _read_events(text, document)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        what = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in what:  # libyaml's own limit, met before ours on deep flow collections
            raise InputError(f"{where}: " + lmsg("yaml.depth", limit=MAX_DEPTH)) from None
        said = lmsg("yaml.syntax", what=yaml_problem(what), tab=_tab_hint(text, mark))
        raise InputError(f"{where}: {said}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{shown}: " + lmsg("yaml.error", what=exc)) from None
    except (RecursionError, MemoryError):
        raise InputError(f"{shown}: " + lmsg("yaml.too_large")) from None
    return document


def _tab_hint(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    if "\t" in line[: mark.column + 1]:
        return lmsg("yaml.tab")
    return ""


def _read_events(text: str, document: Document) -> Any:
    """Return the plain data of the one YAML document in ``text`` (``None`` for an empty stream)."""
    loader = _Loader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        data = _Builder(document, loader).build()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            where = Location(document.file, event.start_mark.line + 1, event.start_mark.column + 1)
            raise InputError(f"{where}: " + lmsg("yaml.second_document"))
        return data
    finally:
        loader.dispose()


@dataclass(slots=True)
class _Open:
    """A mapping or sequence being read: its value, path, the key waiting for its value, and what it holds."""

    value: Any
    path: PathKey
    anchor: str | None
    first_record: int
    key_line: dict[str, int] | None  # mappings: the line of each key so far (duplicates); None: a sequence
    key: str | None = None
    size: int = 1  # values in it, itself included (aliases counted expanded)
    height: int = 0  # levels of values below it


@dataclass(slots=True)
class _Anchored:
    """What an anchor names: the value, its size and height, and the locations recorded inside it."""

    value: Any
    size: int
    height: int
    path: PathKey
    records: tuple[int, int]
    chars: int = 0  # characters of text in it, keys included


class _Builder:
    """Turn parser events into plain data in one pass, without recursion, enforcing every limit as it goes.

    Each value's location is recorded under its path, and each key's under the path it opens; an alias
    gets a copy of the anchored value and of the locations recorded inside it, under its own path.
    """

    def __init__(self, document: Document, loader: Any) -> None:
        self.document = document
        self.loader = loader
        self.file = document.file
        self.stack: list[_Open] = []
        self.anchors: dict[str, _Anchored] = {}
        self.records: list[tuple[bool, PathKey, Location]] = []  # (is a key, path, location), in order
        self.total = 0  # values read so far, each alias counting all it expands to
        self.alias_chars = 0  # characters of text that aliases repeat

    def build(self) -> Any:
        """Read events up to the end of the root value and return it."""
        stack = self.stack
        while True:
            event: Any = self.loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if stack and stack[-1].key_line is not None and stack[-1].key is None:
                    self._key_scalar(event)
                    continue
                value, size, height = self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(event, mapping=kind is yaml.MappingStartEvent)
                continue
            elif kind is yaml.AliasEvent:
                if stack and stack[-1].key_line is not None and stack[-1].key is None:
                    self._key_alias(event)
                    continue
                value, size, height = self._alias(event)
            else:  # the end of a mapping or sequence
                closed = stack.pop()
                value, size, height = closed.value, closed.size, closed.height
                if closed.anchor is not None:
                    span = (closed.first_record, len(self.records))
                    self.anchors[closed.anchor] = _Anchored(value, size, height, closed.path, span, _text_size(value))
            if not stack:
                return value
            top = stack[-1]
            if top.key_line is None:
                top.value.append(value)
            else:
                top.value[top.key] = value
                top.key = None
            top.size += size
            if height + 1 > top.height:
                top.height = height + 1

    def _at(self, mark: Any) -> Location:
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _count(self, size: int, mark: Any, *, alias: bool) -> None:
        self.total += size
        if self.total > MAX_NODES:
            said = lmsg("yaml.values_aliases" if alias else "yaml.values", limit=f"{MAX_NODES:,}")
            raise InputError(f"{self._at(mark)}: {said}")

    def _value_path(self) -> PathKey:
        """Return the path of the value about to be read."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        return (*top.path, len(top.value) if top.key_line is None else top.key)  # type: ignore[arg-type]

    def _record(self, path: PathKey, location: Location, *, key: bool = False) -> None:
        self.records.append((key, path, location))
        if key:
            self.document.keys[path] = location
        else:
            self.document.values.setdefault(path, location)

    def _check_tag(self, tag: str | None, mark: Any) -> None:
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.tag", tag=tag))

    def _check_text(self, value: str, mark: Any) -> None:
        bad = _BAD_TEXT.search(value)
        if bad:
            char = bad.group()
            key = "yaml.surrogate" if "\ud800" <= char <= "\udfff" else "yaml.control"
            raise InputError(f"{self._at(mark)}: " + lmsg(key, code=f"{ord(char):04X}"))

    def _check_depth(self, height: int, mark: Any, *, alias: bool) -> None:
        if len(self.stack) + height > MAX_DEPTH:  # the root is at depth 0
            raise InputError(
                f"{self._at(mark)}: " + lmsg("yaml.depth_aliases" if alias else "yaml.depth", limit=MAX_DEPTH)
            )

    def _scalar(self, event: Any) -> tuple[str | None, int, int]:
        """Read a scalar value: plain ``null``, ``~`` or nothing is ``None``; anything else its text."""
        mark, tag, value = event.start_mark, event.tag, event.value
        self._check_tag(tag, mark)
        self._check_depth(0, mark, alias=False)
        self._count(1, mark, alias=False)
        if len(value) > MAX_SCALAR_CHARS:
            raise InputError(
                f"{self._at(mark)}: " + lmsg("yaml.long_value", size=f"{len(value):,}", limit=f"{MAX_SCALAR_CHARS:,}")
            )
        self._check_text(value, mark)
        path = self._value_path()
        self._record(path, self._at(mark))
        if tag is None or tag == "!":
            null = tag is None and event.implicit[0] and _NULL.match(value) is not None
        else:
            null = tag != _TAG + "str" and not event.style and _NULL.match(value) is not None
        result = None if null else value
        if event.anchor is not None:
            span = (len(self.records) - 1, len(self.records))
            self.anchors[event.anchor] = _Anchored(result, 1, 0, path, span, len(value))
        return result, 1, 0

    def _key_scalar(self, event: Any) -> None:
        mark = event.start_mark
        if event.tag is None and event.implicit[0] and event.value == "<<":
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.merge_keys"))
        self._check_tag(event.tag, mark)
        self._key(event.value, mark)

    def _key_alias(self, event: Any) -> None:
        anchored = self._anchored(event)
        if not isinstance(anchored.value, str):
            raise InputError(f"{self._at(event.start_mark)}: " + lmsg("yaml.plain_key"))
        self._key(anchored.value, event.start_mark)

    def _key(self, key: str, mark: Any) -> None:
        self._check_text(key, mark)
        top = self.stack[-1]
        assert top.key_line is not None
        if key in top.key_line:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.duplicate_key", key=key, line=top.key_line[key]))
        top.key_line[key] = mark.line + 1
        top.key = key
        self._record((*top.path, key), self._at(mark), key=True)

    def _start(self, event: Any, *, mapping: bool) -> None:
        mark = event.start_mark
        if self.stack and self.stack[-1].key_line is not None and self.stack[-1].key is None:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.plain_key"))
        self._check_depth(0, mark, alias=False)
        self._check_tag(event.tag, mark)
        self._count(1, mark, alias=False)
        path = self._value_path()
        self._record(path, self._at(mark))
        value: Any = {} if mapping else []
        self.stack.append(_Open(value, path, event.anchor, len(self.records) - 1, {} if mapping else None))

    def _anchored(self, event: Any) -> _Anchored:
        """Return what the alias ``event`` names; refuse an alias inside its own anchor or of no anchor."""
        mark, name = event.start_mark, event.anchor
        if any(opened.anchor == name for opened in self.stack):
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.recursive_alias", name=name))
        anchored = self.anchors.get(name)
        if anchored is None:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.unknown_alias", name=name))
        return anchored

    def _alias(self, event: Any) -> tuple[Any, int, int]:
        mark = event.start_mark
        anchored = self._anchored(event)
        self._count(anchored.size, mark, alias=True)
        self.alias_chars += anchored.chars
        if self.alias_chars > MAX_ALIAS_CHARS:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.alias_chars", limit=f"{MAX_ALIAS_CHARS:,}"))
        self._check_depth(anchored.height, mark, alias=True)
        path = self._value_path()
        cut = len(anchored.path)
        start, end = anchored.records
        for is_key, inner, location in self.records[start:end]:
            self._record((*path, *inner[cut:]), location, key=is_key)
        return copy.deepcopy(anchored.value), anchored.size, anchored.height


def _text_size(value: Any) -> int:
    """Return the characters of text in ``value`` (strings, and the keys of mappings), without recursion."""
    total, pending = 0, [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += sum(len(key) for key in item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return total
