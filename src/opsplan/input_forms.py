"""Forgiving input: the ways people write numbers and dates, read into the values the profile model expects.

Money and counts as ``600万``, ``1.2亿``, ``6,000,000``, ``¥600万``, ``600万元``; rates and shares as ``30%``
(0.3) or a bare ``30`` where a fraction is asked for (read as 30%, with a note); dates as ``2027/3/1``,
``2027-3-1``, ``2027年3月1日``, ``2027.3.1``; full-width digits and punctuation (``３０％``) everywhere, and a
full-width colon after a key (``start：2027-03-01``). ``normalise`` rewrites a merged document's values in
place before validation and returns notes for the readings that could be ambiguous (``opsplan check``
shows them as info findings) and problems for the values no form reads.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from opsplan.errors import Location
from opsplan.load_messages import lmsg
from opsplan.metrics import CATALOGUE, MetricKind
from opsplan.modelkit import BaseModel
from opsplan.yamlread import Document, PathKey

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# the patterns of forms few profiles use are compiled on first use (``re``'s cache), not in every process
_GROUPED = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"
_DECIMAL_COMMA = r"^[+-]?\d+,\d+$"
_CURRENCY = ("¥", "CNY", "RMB", "人民币")
_UNITS = (("万亿", 10**12), ("千万", 10**7), ("百万", 10**6), ("亿", 10**8), ("万", 10**4), ("千", 10**3))
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEY_COLON = r"^(\s*(?:-\s+)*[A-Za-z_][A-Za-z0-9_.\-]*)\s*："  # a key and a full-width colon


class FormError(ValueError):
    """A value in a number or date field that no accepted form reads."""


class Reading(NamedTuple):
    """What a value was read as; ``note`` says why the reading could be ambiguous (empty when it cannot)."""

    value: int | float | str
    note: str = ""


def _number(text: Decimal) -> int | float:
    return int(text) if text == text.to_integral_value() else float(text)


def read_number(raw: str, *, fraction: bool = False, bare_percent: bool = False) -> Reading | None:
    """Read ``raw`` as a number; None when it is already a plain number the model reads as it is.

    ``fraction`` is for rates and shares (0–1): ``30%`` is 0.3. With ``bare_percent`` (a field bounded to
    0–1) a bare number from 2 to 100 is read as a percentage too, with a note. Raise ``FormError`` for text
    no form reads (digits grouped by spaces, ``1 200 000``, are not read: write ``1,200,000``).
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if _PLAIN.match(text) and text == raw.strip():
        value = Decimal(text)
        if bare_percent and 2 <= value <= 100:
            read = _number(value / 100)
            return Reading(read, lmsg("form.bare_percent", text=text, read=read))
        return None
    if text == raw.strip() and _reads_as_float(text):
        return None  # 1_200_000, inf: the model reads (or refuses) them as it always has
    compact = re.sub(r"(?<=\D)\s+|\s+(?=\D)", "", text)
    note = ""
    for mark in _CURRENCY:
        compact = compact.removeprefix(mark)
    compact = compact.removesuffix("元")
    percent = compact.endswith("%")
    scale = 1
    if percent:
        compact = compact[:-1]
    else:
        for unit, size in _UNITS:
            if compact.endswith(unit):
                compact, scale = compact[: -len(unit)], size
                break
    if re.match(_GROUPED, compact):
        compact = compact.replace(",", "")
    elif re.match(_DECIMAL_COMMA, compact):
        decimal = compact.replace(",", ".")
        note = lmsg("form.decimal_comma", raw=raw.strip(), decimal=decimal)
        compact = decimal
    if not _PLAIN.match(compact):
        example = lmsg("form.example_fraction" if fraction else "form.example_number")
        raise FormError(lmsg("form.not_number", raw=raw.strip(), example=example))
    try:
        value = Decimal(compact) * scale
    except InvalidOperation:  # pragma: no cover - the pattern above admits only what Decimal reads
        raise FormError(lmsg("form.not_number_plain", raw=raw.strip())) from None
    if percent and not fraction:
        raise FormError(lmsg("form.percent_here", raw=raw.strip()))
    if percent:
        value /= 100
    elif bare_percent and 2 <= value <= 100:
        note = lmsg(
            "form.bare_percent_note", raw=raw.strip(), value=f"{value.normalize():f}", read=_number(value / 100)
        )
        value /= 100
    return Reading(_number(value), note)


def _reads_as_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_date(raw: str) -> Reading | None:
    """Read ``raw`` as a date written year first; None when it is ISO already or not date-shaped."""
    text = unicodedata.normalize("NFKC", raw).strip()
    match = _DATE.match(text)
    if not match:
        return None if text == raw.strip() else Reading(text)
    year, month, day = (int(part) for part in match.groups())
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        if 1 <= month <= 12 and day >= 1:  # 2027-02-30: the month is real, the day is past its end
            import calendar  # only for this message

            days = calendar.monthrange(year, month)[1]
            said = lmsg("form.no_such_day", raw=raw.strip(), year=year, month=month, day=day, days=days)
            raise FormError(said) from None
        raise FormError(lmsg("form.not_a_day", raw=raw.strip(), year=year, month=month, day=day)) from None
    return None if _ISO.match(text) and text == raw.strip() else Reading(iso)


def fix_key_colons(text: str) -> tuple[str, dict[int, int]]:
    """Turn a full-width colon after a key (``start：2027-03-01``) into ``: ``.

    Return the text and, by 1-based line, the column after which the line's columns moved right by one
    (where ``：`` became two characters), for ``shift_locations``.
    """
    if "：" not in text:
        return text, {}
    lines = text.split("\n")
    shifts: dict[int, int] = {}
    for index, line in enumerate(lines):
        if "：" not in line:
            continue
        match = re.match(_KEY_COLON, line)
        if not match:
            continue
        rest = line[match.end() :]
        if rest[:1] in ("", " ", "\r"):
            lines[index] = f"{match.group(1)}:{rest}"
        else:
            lines[index] = f"{match.group(1)}: {rest}"
            shifts[index + 1] = match.end()
    return "\n".join(lines), shifts


def shift_locations(document: Document, shifts: dict[int, int]) -> None:
    """Move the locations recorded on lines ``fix_key_colons`` widened back to the columns the user sees."""
    if not shifts:
        return

    def back(location: Location) -> Location:
        after = shifts.get(location.line)
        if after is None or location.column <= after:
            return location
        return location._replace(column=location.column - 1)

    for table in (document.values, document.keys):
        for path, location in table.items():
            table[path] = back(location)


class _Walk:
    """What a walk says about the values it read: notes on ambiguous readings, and values no form reads."""

    def __init__(self) -> None:
        self.notes: list[Said] = []
        self.problems: list[Said] = []


Said = tuple[PathKey, str]  # a field's path and what is said about its value


def normalise(document: Document, model: type[BaseModel]) -> tuple[list[Said], list[Said]]:
    """Rewrite number and date values of ``document`` in place; return (notes, problems) by field path.

    The fields are found from ``model``'s annotations: numbers (``int``, ``float``; fractions where the
    field is bounded to 0–1, or a rate metric's value), and dates.
    """
    walk = _Walk()
    if isinstance(document.data, dict):
        _visit(walk, _shape(model, False, False), document.data, ())
    return walk.notes, walk.problems


def _visit(walk: _Walk, shape: _Shape, data: Any, path: PathKey) -> Any:
    """Normalise ``data`` found at ``path`` for ``shape``; return it (a number or date read anew, or as it was)."""
    kind = shape.kind
    if kind is _AS_MODEL and isinstance(data, dict):
        fields = shape.fields
        for key, value in data.items():
            found = fields.get(key)
            if found is not None and (found.holds_forms or (found.kind is not _AS_OTHER and isinstance(value, str))):
                data[key] = _visit(walk, found, value, (*path, key))
        return data
    if kind is _AS_LIST and isinstance(data, list):
        item = shape.item
        for index, value in enumerate(data):
            if item.holds_forms or isinstance(value, str):
                data[index] = _visit(walk, item, value, (*path, index))
        return data
    if kind is _AS_DICT and isinstance(data, dict):
        for key, value in data.items():
            metric = CATALOGUE.get(key)
            item = shape.rate_item if metric is not None and metric.kind is MetricKind.RATE else shape.item
            data[key] = _visit(walk, item, value, (*path, key))
        return data
    if not isinstance(data, str) or kind not in (_AS_NUMBER, _AS_DATE):
        return data
    try:
        reading = (
            read_number(data, fraction=shape.fraction, bare_percent=shape.bounded)
            if kind is _AS_NUMBER
            else read_date(data)
        )
    except FormError as exc:
        walk.problems.append((path, str(exc)))
        return data
    if reading is None:
        return data
    if reading.note:
        walk.notes.append((path, reading.note))
    return reading.value


_AS_MODEL, _AS_LIST, _AS_DICT, _AS_NUMBER, _AS_DATE, _AS_OTHER = "model", "list", "dict", "number", "date", "other"


class _Shape:
    """What ``_visit`` does with a value of one annotation.

    A model (its fields' shapes), a list or dict (its items'), a number (a fraction? bounded to 0–1?), a date, or
    nothing (``other``).

    Worked out once an annotation: the walk meets the same few at every task, pillar and metric, and working each
    out again, or visiting a text field to find it needs nothing, cost more than the walk itself.
    """

    __slots__ = ("bounded", "fields", "fraction", "holds_forms", "item", "kind", "rate_item")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.holds_forms = kind in (_AS_MODEL, _AS_LIST, _AS_DICT)  # a container: its values may need reading
        self.fields: dict[str, _Shape] = {}
        self.item: _Shape = self
        self.rate_item: _Shape = self
        self.fraction = self.bounded = False


# by (id of the annotation, bounded, rate); each entry keeps its annotation, and so the id, in use
_SHAPES: dict[tuple[int, bool, bool], tuple[_Shape, Any]] = {}


def _shape(annotation: Any, bounded: bool, rate: bool) -> _Shape:
    """Return the shape of a value of ``annotation``; a model's fields and a container's items are shaped too."""
    key = (id(annotation), bounded, rate)
    found = _SHAPES.get(key)
    if found is not None:
        return found[0]
    unwrapped, bounded = _unwrap(annotation, bounded)
    origin = typing.get_origin(unwrapped)
    if isinstance(unwrapped, type) and issubclass(unwrapped, BaseModel):
        shape = _Shape(_AS_MODEL)
        _SHAPES[key] = (shape, annotation)  # before its fields: a model may hold itself
        fields = unwrapped.model_fields.items()
        shape.fields = {name: _shape(info.annotation, _bounded_to_one(info.metadata), False) for name, info in fields}
        return shape
    if origin is list or origin is dict:
        shape = _Shape(_AS_LIST if origin is list else _AS_DICT)
        _SHAPES[key] = (shape, annotation)
        args = typing.get_args(unwrapped)
        shape.item = _shape(args[-1], False, False)
        shape.rate_item = _shape(args[-1], False, True)
        return shape
    if unwrapped in (int, float):
        shape = _Shape(_AS_NUMBER)
        shape.fraction, shape.bounded = bounded or rate, bounded
    else:
        shape = _Shape(_AS_DATE if unwrapped is dt.date else _AS_OTHER)
    _SHAPES[key] = (shape, annotation)
    return shape


def _unwrap(annotation: Any, bounded: bool) -> tuple[Any, bool]:
    """Strip ``Optional`` and ``Annotated``; a 0–1 bound met on the way makes the value a fraction."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated:
            bounded = bounded or _bounded_to_one(typing.get_args(annotation)[1:])
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
        else:
            return annotation, bounded


def _bounded_to_one(metadata: Any) -> bool:
    for item in metadata:
        if getattr(item, "le", None) == 1:
            return True
        if _bounded_to_one(getattr(item, "metadata", ())):
            return True
    return False
