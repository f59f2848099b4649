"""Safe YAML reading: text → plain data plus the line and column of every value.

Scalars follow one rule, so YAML 1.1 surprises cannot happen: a plain ``null``, ``~`` or empty value
is ``None``; every other scalar is kept as the text written, and the profile model converts it to the
type its field wants (``"010"`` becomes 10 in a number field and stays ``"010"`` in a text field;
``NO`` stays ``"NO"``; ``2027-03-01`` becomes a date only where a date is asked for).

Limits apply while the document is read, before anything is validated: file size, nesting depth
(checked event by event, so a deep ``[[[[…`` stops at once), alias expansion and the number of values
are bounded; duplicate keys, recursive aliases, non-standard tags, control characters and unpaired
surrogates are refused. Nodes are composed here without recursion from the parser's events (libyaml's
when available: fast; its own composer can crash the process on hostile input, so it is not used).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from opsplan.errors import InputError, Location

MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 200_000

PathKey = tuple[str | int, ...]
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {
    _TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_BOMB_HINT = "; a profile needs far fewer (an alias bomb?)"
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """A YAML document read as plain data, with locations by field path."""

    file: str
    data: Any
    values: dict[PathKey, Location] = field(default_factory=dict)
    keys: dict[PathKey, Location] = field(default_factory=dict)

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
    """Read ``path`` as UTF-8 text (a BOM is allowed), refusing oversized and non-UTF-8 files."""
    shown = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown}: is a folder, not a YAML file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{shown}: is not a regular file (a device or pipe?); give a YAML file")
        if info.st_size > MAX_BYTES:
            raise InputError(f"{shown}: file is {info.st_size:,} bytes; profiles are limited to {MAX_BYTES:,} bytes")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{shown}: cannot be read ({reason})") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{shown}: file is over {MAX_BYTES:,} bytes; profiles are limited to that")
    return decode(raw, shown)


def decode(raw: bytes, shown: str) -> str:
    """Decode file bytes as UTF-8, naming the line of the first bad byte otherwise."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "; save it as UTF-8"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = "; it is UTF-16: re-save it as UTF-8"
        else:
            try:
                raw.decode("gb18030")
                hint = "; it looks like a GBK/GB18030 Chinese file: re-save it as UTF-8"
            except UnicodeDecodeError:
                pass
        raise InputError(f"{shown}:{line}: the file is not valid UTF-8{hint}") from None
    bad = _CONTROL.search(text)
    if bad:
        lineno = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        what = "NUL byte" if bad.group() == "\x00" else f"control character {bad.group()!r}"
        raise InputError(f"{shown}:{lineno}:{column}: {what} in the file; remove it")
    return text


def parse(text: str, shown: str) -> Document:
    """Parse YAML ``text`` (from the file named ``shown``) into a ``Document``."""
    try:
        node = _compose(text, shown)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"{where}: YAML syntax error: {what}{_tab_hint(text, mark)}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{shown}: YAML error: {exc}") from None
    except (RecursionError, MemoryError):
        raise InputError(f"{shown}: the YAML is too large or nested too deeply") from None
    document = Document(shown, None)
    if node is None:
        return document
    walker = _Walker(document)
    document.data = walker.walk(node, (), 0)
    return document


def _tab_hint(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    if "\t" in line[: mark.column + 1]:
        return "; YAML does not allow tabs for indentation: indent with spaces"
    return ""


def _compose(text: str, shown: str) -> yaml.Node | None:
    """Build the node tree from parser events, without recursion, checking depth as it grows."""
    loader = _Loader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        root = _compose_document(loader, shown)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            where = Location(shown, event.start_mark.line + 1, event.start_mark.column + 1)
            raise InputError(f"{where}: a second YAML document (---) starts here; a profile is one document")
        return root
    finally:
        loader.dispose()


def _compose_document(loader: Any, shown: str) -> yaml.Node:
    anchors: dict[str, yaml.Node] = {}
    sizes: dict[int, int] = {}  # id(node) -> values it expands to, aliases included
    stack: list[list[Any]] = []  # [collection node, pending mapping key or None, size so far]
    while True:
        event: Any = loader.get_event()
        mark: Any = event.start_mark
        end: Any = event.end_mark
        node: yaml.Node
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise InputError(
                    f"{_at(shown, mark)}: alias *{event.anchor} names no anchor (&{event.anchor}) above it"
                )
            node = anchors[event.anchor]
            if any(entry[0] is node for entry in stack):
                raise InputError(f"{_at(shown, mark)}: alias *{event.anchor} is used inside its own anchor (recursive)")
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":  # the one rule: a plain null/~/empty is null, all else text
                plain = tag is None and event.implicit[0]
                name = "null" if plain and _NULL.match(event.value) else "str"
                tag = _TAG + ("merge" if plain and event.value == "<<" else name)
            style = event.style or None  # libyaml reports plain as "", the Python parser as None
            node = yaml.ScalarNode(tag, event.value, mark, end, style=style)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) > MAX_DEPTH:  # the root plus MAX_DEPTH levels below it
                raise InputError(f"{_at(shown, mark)}: nested more than {MAX_DEPTH} levels deep")
            kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
            tag = event.tag if event.tag not in (None, "!") else _TAG + ("seq" if kind is yaml.SequenceNode else "map")
            collection = kind(tag, [], mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                anchors[event.anchor] = collection
            stack.append([collection, None, 1])
            continue
        else:  # sequence or mapping end
            node, _, sizes[id(node)] = stack.pop()
            node.end_mark = end
        if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
            anchors[event.anchor] = node
        if not stack:
            return node
        top = stack[-1]
        top[2] += sizes.get(id(node), 1)
        if top[2] > MAX_NODES:
            what = "aliases expand the document to" if isinstance(event, yaml.AliasEvent) else "the document has"
            raise InputError(f"{_at(shown, mark)}: {what} more than {MAX_NODES:,} values{_BOMB_HINT}")
        if isinstance(top[0], yaml.SequenceNode):
            top[0].value.append(node)
        elif top[1] is None:
            top[1] = node
        else:
            top[0].value.append((top[1], node))
            top[1] = None


def _at(shown: str, mark: Any) -> Location:
    return Location(shown, mark.line + 1, mark.column + 1)


class _Walker:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.nodes = 0
        self.seen: set[int] = set()
        self.aliased = False

    def _where(self, node: yaml.Node) -> Location:
        return Location(self.document.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if id(node) in self.seen:
            self.aliased = True
        self.seen.add(id(node))
        if self.nodes > MAX_NODES:
            what = "aliases expand the document to" if self.aliased else "the document has"
            raise InputError(f"{self._where(node)}: {what} more than {MAX_NODES:,} values{_BOMB_HINT}")
        if depth > MAX_DEPTH:
            raise InputError(f"{self._where(node)}: nested more than {MAX_DEPTH} levels deep (through aliases)")
        if node.tag not in _STANDARD_TAGS:
            raise InputError(f"{self._where(node)}: the tag {node.tag!r} is not allowed in a profile")
        self.document.values.setdefault(path, self._where(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node) if isinstance(node, yaml.ScalarNode) else None

    def _mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InputError(f"{self._where(key_node)}: merge keys (<<) are not supported in a profile")
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(f"{self._where(key_node)}: a key must be plain text")
            if key_node.tag not in _STANDARD_TAGS:
                raise InputError(f"{self._where(key_node)}: the tag {key_node.tag!r} is not allowed in a profile")
            key = str(key_node.value)
            self._check_text(key_node, key)
            if key in result:
                raise InputError(
                    f"{self._where(key_node)}: duplicate key {key!r} (first on line {first_line[key]}); "
                    "keep one of them"
                )
            first_line[key] = key_node.start_mark.line + 1
            self.document.keys[(*path, key)] = self._where(key_node)
            result[key] = self.walk(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        value = str(node.value)
        if len(value) > MAX_SCALAR_CHARS:
            raise InputError(
                f"{self._where(node)}: a value of {len(value):,} characters is too long "
                f"(limit {MAX_SCALAR_CHARS:,})"
            )
        self._check_text(node, value)
        if node.style is None and node.tag != "tag:yaml.org,2002:str" and _NULL.match(value):
            return None
        return value

    def _check_text(self, node: yaml.ScalarNode, value: str) -> None:
        bad = _BAD_TEXT.search(value)
        if bad:
            char = bad.group()
            what = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
            raise InputError(
                f"{self._where(node)}: the text holds {what} (U+{ord(char):04X}, written as an escape); "
                "remove it"
            )
