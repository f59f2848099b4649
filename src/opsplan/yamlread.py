"""Safe YAML reading: text → plain data plus the line and column of every value.

Scalars follow one rule, so YAML 1.1 surprises cannot happen: a plain ``null``, ``~`` or empty value
is ``None``; every other scalar is kept as the text written, and the profile model converts it to the
type its field wants (``"010"`` becomes 10 in a number field and stays ``"010"`` in a text field;
``NO`` stays ``"NO"``; ``2027-03-01`` becomes a date only where a date is asked for).

Limits apply while the document is walked, before anything is validated: alias expansion, nesting
depth and size are bounded, duplicate keys and non-standard tags are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from opsplan.errors import InputError, Location

MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 400_000
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 200_000

PathKey = tuple[str | int, ...]
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


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
        if path.is_dir():
            raise InputError(f"{shown}: is a folder, not a YAML file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{shown}: file is {size:,} bytes; profiles are limited to {MAX_BYTES:,} bytes")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    return decode(raw, shown)


def decode(raw: bytes, shown: str) -> str:
    """Decode file bytes as UTF-8, naming the line of the first bad byte otherwise."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "; it looks like a GBK/GB18030 Chinese file: re-save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise InputError(f"{shown}:{line}: the file is not valid UTF-8{hint}") from None
    for lineno, line_text in enumerate(text.splitlines(), 1):
        bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", line_text)
        if bad:
            raise InputError(
                f"{shown}:{lineno}:{bad.start() + 1}: control character {bad.group()!r} in the file; remove it"
            )
    return text


class _Loader(yaml.SafeLoader):
    """The pure-Python safe loader (the C loader can crash the process on hostile input)."""


def parse(text: str, shown: str) -> Document:
    """Parse YAML ``text`` (from the file named ``shown``) into a ``Document``."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"{where}: YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{shown}: YAML error: {exc}") from None
    except RecursionError:
        raise InputError(f"{shown}: the YAML is nested too deeply (limit {MAX_DEPTH} levels)") from None
    document = Document(shown, None)
    if node is None:
        return document
    walker = _Walker(document)
    document.data = walker.walk(node, (), 0)
    return document


class _Walker:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.nodes = 0

    def _where(self, node: yaml.Node) -> Location:
        return Location(self.document.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise InputError(
                f"{self._where(node)}: the document expands to more than {MAX_NODES:,} values "
                "(an alias bomb?); profiles do not need aliases at this scale"
            )
        if depth > MAX_DEPTH:
            raise InputError(f"{self._where(node)}: nested more than {MAX_DEPTH} levels deep")
        if node.tag not in _STANDARD_TAGS:
            raise InputError(f"{self._where(node)}: the tag {node.tag!r} is not allowed in a profile")
        self.document.values.setdefault(path, self._where(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InputError(f"{self._where(key_node)}: merge keys (<<) are not supported in a profile")
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(f"{self._where(key_node)}: a key must be plain text")
            key = str(key_node.value)
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
            raise InputError(f"{self._where(node)}: a value of {len(value):,} characters is too long")
        if node.style is None and node.tag != "tag:yaml.org,2002:str" and _NULL.match(value):
            return None
        return value
