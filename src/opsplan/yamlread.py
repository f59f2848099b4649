"""Safe YAML reading: text → plain data plus the line and column of every value.

Scalars follow one rule, so YAML 1.1 surprises cannot happen: a plain ``null``, ``~`` or empty value
is ``None``; every other scalar is kept as the text written, and the profile model converts it to the
type its field wants (``"010"`` becomes 10 in a number field and stays ``"010"`` in a text field;
``NO`` stays ``"NO"``; ``2027-03-01`` becomes a date only where a date is asked for).

Limits apply while the document is read, before anything is validated: file size, nesting depth
(checked event by event, so a deep ``[[[[…`` stops at once), the number of values (aliases counted
expanded) and the text aliases repeat are bounded; duplicate keys, recursive aliases, non-standard
tags, characters YAML does not allow and unpaired surrogates are refused. The data is built (``yamlbuild``) in
one pass over the parser's events, without recursion (libyaml's parser when available: fast; its own
composer can crash the process on hostile input, so it is not used), and the first problem in reading
order is the one reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
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
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Document:
    """A YAML document read as plain data, with locations by field path."""

    # a plain slotted class, not a dataclass: a check of a profile imports no ``dataclasses`` (see errors.Location)
    __slots__ = ("data", "file", "keys", "notes", "number_gaps", "values")

    def __init__(self, file: str, data: Any, values: Locations | None = None, keys: Locations | None = None) -> None:
        self.file = file
        self.data = data
        self.values = Locations("") if values is None else values
        self.keys = Locations("") if keys is None else keys
        self.notes: list[Problem] = []  # values read in a form that could be ambiguous
        self.number_gaps: list[PathKey] = []  # numbers written empty, filled by a stand-in

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


class Locations(MutableMapping[PathKey, Location]):
    """Locations by field path. The parser's marks (0-based line and column) become a ``Location`` when asked for.

    A profile records about two locations a line and a message needs a few, so making each ``Location`` as it
    is read cost more than the rest of reading (about 1 µs each, 2 ms for an example's 2,000).
    """

    __slots__ = ("_marks", "file")

    def __init__(self, file: str, marks: dict[PathKey, Any] | None = None) -> None:
        self.file = file  # the file the marks are in
        self._marks: dict[PathKey, Any] = {} if marks is None else marks  # a Location, or a mark of ``file``

    def __getitem__(self, path: PathKey) -> Location:
        mark = self._marks[path]
        if type(mark) is Location:
            return mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def __setitem__(self, path: PathKey, location: Location) -> None:
        self._marks[path] = location

    def __delitem__(self, path: PathKey) -> None:
        del self._marks[path]

    def __contains__(self, path: object) -> bool:
        return path in self._marks

    def __iter__(self) -> Iterator[PathKey]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)

    def joined(self, over: Locations, kept: Callable[[PathKey], bool]) -> Locations:
        """Return these locations where ``kept`` says so, with ``over``'s on top (a file merged over this one)."""
        marks: dict[PathKey, Any] = {path: self[path] for path in self._marks if kept(path)}
        marks.update(over._marks)
        return Locations(over.file, marks)


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
        tab = _tab_hint(text, mark)  # a tab is the cause: said once, not beside the general advice for the problem
        said = lmsg("yaml.syntax", what=lmsg("yaml.tab_here") if tab else yaml_problem(what), tab=tab)
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
        from opsplan.yamlbuild import Builder

        builder = Builder(document.file, loader, text)
        document.values, document.keys = (
            Locations(document.file, builder.values),
            Locations(document.file, builder.keys),
        )
        data = builder.build()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            where = Location(document.file, event.start_mark.line + 1, event.start_mark.column + 1)
            raise InputError(f"{where}: " + lmsg("yaml.second_document"))
        return data
    finally:
        loader.dispose()
