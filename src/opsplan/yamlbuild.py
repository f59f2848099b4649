"""Parser events → plain data, in one pass without recursion, with every limit of ``opsplan.yamlread`` enforced.

Each value's location is recorded under its path, and each key's under the path it opens, as the parser's mark
(``yamlread.Locations`` makes a ``Location`` of one when asked). An alias gets a copy of the anchored value and of
the locations recorded inside it, under its own path.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from opsplan.errors import InputError, Location
from opsplan.load_messages import lmsg
from opsplan.yamlread import MAX_ALIAS_CHARS, MAX_DEPTH, MAX_NODES, MAX_SCALAR_CHARS, PathKey

_NULLS = frozenset(("~", "null", "Null", "NULL", ""))  # a plain scalar written so is null
_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
# what a value may not hold: a control character (but tab and line breaks) or an unpaired surrogate; compiled where a
# value is checked, which few profiles need (its class of 2,048 surrogates took 0.4 ms to compile in every process)
_BAD_TEXT = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SCALAR, _ALIAS, _MAPPING_START, _SEQUENCE_START = (
    yaml.ScalarEvent,
    yaml.AliasEvent,
    yaml.MappingStartEvent,
    yaml.SequenceStartEvent,
)


class _Open:
    """A mapping or sequence being read: its value, path, the key waiting for its value, and what it holds."""

    __slots__ = ("anchor", "first_record", "height", "key", "key_line", "key_path", "path", "size", "value")

    def __init__(self, value: Any, path: PathKey, anchor: str | None, first_record: int, mapping: bool) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.first_record = first_record
        self.key_line: dict[str, int] | None = {} if mapping else None  # mappings: each key's line; None: a list
        self.key: str | None = None
        self.key_path: PathKey = ()  # the path of the key waiting for its value
        self.size = 1  # values in it, itself included (aliases counted expanded)
        self.height = 0  # levels of values below it


class _Anchored:
    """What an anchor names: the value, its size and height, and the locations recorded inside it."""

    __slots__ = ("chars", "height", "path", "records", "size", "value")

    def __init__(self, value: Any, size: int, height: int, path: PathKey, records: tuple[int, int], chars: int):
        self.value = value
        self.size = size
        self.height = height
        self.path = path
        self.records = records
        self.chars = chars  # characters of text in it, keys included


class Builder:
    """Turn the events of ``loader`` (reading ``text`` from ``file``) into plain data, enforcing every limit as it goes.

    The locations inside an anchor are also kept in order, in ``records``, while one is open, for its aliases.
    """

    def __init__(self, file: str, loader: Any, text: str) -> None:
        self.loader = loader
        self.file = file
        # a value can hold a character YAML does not allow only if the text has one or writes an escape
        self.check_text = "\\" in text or _holds_bad_text(text)
        self.values: dict[PathKey, Any] = {}  # path → the parser's mark of the value
        self.keys: dict[PathKey, Any] = {}  # path → the mark of the key that opens it
        self.stack: list[_Open] = []
        self.anchors: dict[str, _Anchored] = {}
        self.records: list[tuple[bool, PathKey, Any]] = []  # (is a key, path, mark) inside open anchors, in order
        self.anchored_open = 0  # anchored mappings and sequences being read
        self.total = 0  # values read so far, each alias counting all it expands to
        self.alias_chars = 0  # characters of text that aliases repeat

    def build(self) -> Any:
        """Read events up to the end of the root value and return it.

        Plain keys, values, mappings and lists (no tag, no anchor, no limit near), nearly every event, are read here
        without a call each: that halved the time spent beside the parser's own.
        """
        stack, get_event, values, keys, records = (
            self.stack,
            self.loader.get_event,
            self.values,
            self.keys,
            self.records,
        )
        check_text = self.check_text
        while True:
            event: Any = get_event()
            kind = type(event)
            top = stack[-1] if stack else None
            if kind is _SCALAR and top is not None and top.key is None and top.key_line is not None:  # a key
                key, mark = event.value, event.start_mark
                if event.tag is not None or key == "<<" or check_text:
                    self._key_scalar(event, top)
                    continue
                key_line = top.key_line
                if key in key_line:
                    self._key(key, mark, top)  # says the key is a duplicate
                key_line[key] = mark.line + 1
                top.key = key
                top.key_path = path = (*top.path, key)
                if self.anchored_open:
                    records.append((True, path, mark))
                keys[path] = mark
                continue
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                scalar = kind is _SCALAR
                if (
                    event.tag is not None
                    or event.anchor is not None
                    or len(stack) > MAX_DEPTH
                    or self.total >= MAX_NODES
                    or (
                        (check_text or len(event.value) > MAX_SCALAR_CHARS)
                        if scalar
                        else (top is not None and top.key is None and top.key_line is not None)
                    )
                ):
                    if not scalar:
                        self._start(event, top, mapping=kind is _MAPPING_START)
                        continue
                    value = self._scalar(event, top)
                else:
                    self.total += 1
                    if top is None:
                        path = ()
                    elif top.key_line is None:
                        path = (*top.path, len(top.value))
                    else:
                        path = top.key_path
                    mark = event.start_mark
                    if self.anchored_open:
                        records.append((False, path, mark))
                    if path not in values:
                        values[path] = mark
                    if not scalar:
                        mapping = kind is _MAPPING_START
                        stack.append(_Open({} if mapping else [], path, None, len(records) - 1, mapping))
                        continue
                    text = event.value
                    value = None if text in _NULLS and event.implicit[0] else text
                size, height = 1, 0
            elif kind is _ALIAS:
                if top is not None and top.key_line is not None and top.key is None:
                    self._key_alias(event, top)
                    continue
                value, size, height = self._alias(event)
            else:  # the end of a mapping or sequence
                closed = stack.pop()
                value, size, height = closed.value, closed.size, closed.height
                if closed.anchor is not None:
                    self.anchored_open -= 1
                    span = (closed.first_record, len(records))
                    self.anchors[closed.anchor] = _Anchored(value, size, height, closed.path, span, _text_size(value))
                top = stack[-1] if stack else None
            if top is None:
                return value
            if top.key_line is None:
                top.value.append(value)
            else:
                top.value[top.key] = value
                top.key = None
            top.size += size
            if height >= top.height:
                top.height = height + 1

    def _at(self, mark: Any) -> Location:
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _count(self, size: int, mark: Any, *, alias: bool) -> None:
        self.total += size
        if self.total > MAX_NODES:
            said = lmsg("yaml.values_aliases" if alias else "yaml.values", limit=f"{MAX_NODES:,}")
            raise InputError(f"{self._at(mark)}: {said}")

    def _value_path(self, top: _Open | None) -> PathKey:
        """Return the path of the value about to be read in ``top`` (the root's when there is none)."""
        if top is None:
            return ()
        return (*top.path, len(top.value)) if top.key_line is None else top.key_path

    def _record(self, path: PathKey, mark: Any, *, key: bool = False) -> None:
        if self.anchored_open:
            self.records.append((key, path, mark))
        if key:
            self.keys[path] = mark
        elif path not in self.values:
            self.values[path] = mark

    def _check_tag(self, tag: str | None, mark: Any) -> None:
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.tag", tag=tag))

    def _check_text(self, value: str, mark: Any) -> None:
        bad = re.search(_BAD_TEXT, value)
        if bad:
            char = bad.group()
            key = "yaml.surrogate" if "\ud800" <= char <= "\udfff" else "yaml.control"
            raise InputError(f"{self._at(mark)}: " + lmsg(key, code=f"{ord(char):04X}"))

    def _check_depth(self, height: int, mark: Any, *, alias: bool) -> None:
        if len(self.stack) + height > MAX_DEPTH:  # the root is at depth 0
            raise InputError(
                f"{self._at(mark)}: " + lmsg("yaml.depth_aliases" if alias else "yaml.depth", limit=MAX_DEPTH)
            )

    def _scalar(self, event: Any, top: _Open | None) -> str | None:
        """Read a scalar value: plain ``null``, ``~`` or nothing is ``None``; anything else its text."""
        mark, tag, value = event.start_mark, event.tag, event.value
        if tag is not None:
            self._check_tag(tag, mark)
        if len(self.stack) > MAX_DEPTH:
            self._check_depth(0, mark, alias=False)
        self.total += 1
        if self.total > MAX_NODES:
            self._count(0, mark, alias=False)
        if len(value) > MAX_SCALAR_CHARS:
            raise InputError(
                f"{self._at(mark)}: " + lmsg("yaml.long_value", size=f"{len(value):,}", limit=f"{MAX_SCALAR_CHARS:,}")
            )
        if self.check_text:
            self._check_text(value, mark)
        path = self._value_path(top)
        self._record(path, mark)
        if tag is None or tag == "!":
            null = tag is None and event.implicit[0] and value in _NULLS
        else:
            null = tag != _TAG + "str" and not event.style and value in _NULLS
        result = None if null else value
        if event.anchor is not None:
            if not self.anchored_open:  # else recorded already
                self.records.append((False, path, mark))
            span = (len(self.records) - 1, len(self.records))
            self.anchors[event.anchor] = _Anchored(result, 1, 0, path, span, len(value))
        return result

    def _key_scalar(self, event: Any, top: _Open) -> None:
        mark = event.start_mark
        if event.tag is None and event.implicit[0] and event.value == "<<":
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.merge_keys"))
        self._check_tag(event.tag, mark)
        self._key(event.value, mark, top)

    def _key_alias(self, event: Any, top: _Open) -> None:
        anchored = self._anchored(event)
        if not isinstance(anchored.value, str):
            raise InputError(f"{self._at(event.start_mark)}: " + lmsg("yaml.plain_key"))
        self._key(anchored.value, event.start_mark, top)

    def _key(self, key: str, mark: Any, top: _Open) -> None:
        if self.check_text:
            self._check_text(key, mark)
        key_line = top.key_line
        assert key_line is not None
        if key in key_line:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.duplicate_key", key=key, line=key_line[key]))
        key_line[key] = mark.line + 1
        top.key = key
        top.key_path = path = (*top.path, key)
        self._record(path, mark, key=True)

    def _start(self, event: Any, top: _Open | None, *, mapping: bool) -> None:
        mark = event.start_mark
        if top is not None and top.key_line is not None and top.key is None:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.plain_key"))
        self._check_depth(0, mark, alias=False)
        self._check_tag(event.tag, mark)
        self._count(1, mark, alias=False)
        path = self._value_path(top)
        if event.anchor is not None:
            self.anchored_open += 1
        self._record(path, mark)
        value: Any = {} if mapping else []
        self.stack.append(_Open(value, path, event.anchor, len(self.records) - 1, mapping))

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
        import copy  # imported by a profile with aliases only (with weakref, 1.5 ms)

        mark = event.start_mark
        anchored = self._anchored(event)
        self._count(anchored.size, mark, alias=True)
        self.alias_chars += anchored.chars
        if self.alias_chars > MAX_ALIAS_CHARS:
            raise InputError(f"{self._at(mark)}: " + lmsg("yaml.alias_chars", limit=f"{MAX_ALIAS_CHARS:,}"))
        self._check_depth(anchored.height, mark, alias=True)
        path = self._value_path(self.stack[-1] if self.stack else None)
        cut = len(anchored.path)
        start, end = anchored.records
        for is_key, inner, location in self.records[start:end]:
            self._record((*path, *inner[cut:]), location, key=is_key)
        return copy.deepcopy(anchored.value), anchored.size, anchored.height


def _holds_bad_text(text: str) -> bool:
    """Whether ``text`` holds a character of ``_BAD_TEXT``: a control character, or a surrogate (UTF-8 refuses them)."""
    if _CONTROL.search(text) is not None:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # UTF-8 encodes every code point but the surrogates
        return True
    return False


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
