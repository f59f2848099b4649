"""Every ``errors.Record`` names its fields alike in ``_fields``, in its annotations and in ``__new__``.

A record lists its fields three times (``errors.Record`` explains why it is not a ``NamedTuple``); a field added to
one list and not the others would read the wrong item of the tuple, so this test holds the three together.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from opsplan.errors import Record

SOURCE = Path(__file__).resolve().parents[1] / "src"


def _modules_defining_records() -> list[str]:
    found = []
    for path in sorted((SOURCE / "opsplan").rglob("*.py")):
        if "(Record)" in path.read_text(encoding="utf-8"):
            found.append(".".join(path.relative_to(SOURCE).with_suffix("").parts))
    return found


def _records() -> list[type[Record]]:
    for name in _modules_defining_records():
        importlib.import_module(name)
    seen, todo = [], list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        seen.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(seen, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


RECORDS = _records()


def test_the_records_are_found() -> None:
    names = {cls.__name__ for cls in RECORDS}
    assert {"Location", "Finding", "CheckOptions"} <= names
    assert len(RECORDS) >= len(_modules_defining_records())


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_a_record_names_its_fields_alike_everywhere(cls: type[Record]) -> None:
    annotated = [name for name, kind in inspect.get_annotations(cls).items() if "ClassVar" not in str(kind)]
    parameters = list(inspect.signature(cls.__new__).parameters)[1:]
    assert list(cls._fields) == annotated == parameters


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_each_field_reads_its_own_item(cls: type[Record]) -> None:
    values = [object() for _ in cls._fields]
    record = tuple.__new__(cls, values)
    assert [getattr(record, name) for name in cls._fields] == values
    assert record._replace() == record and tuple(record._asdict().values()) == tuple(values)
