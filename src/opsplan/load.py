"""YAML profile → validated ``Profile``: ``extends``, deep merge, and errors by file, line and field."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from opsplan.errors import InputError, Location, Problem, ProfileError
from opsplan.gaps import fill_gaps
from opsplan.i18n import about_profile, profile_locale
from opsplan.input_forms import fix_key_colons, normalise, shift_locations
from opsplan.limits import check_timeline_length
from opsplan.load_messages import did_you_mean, lmsg, one_of
from opsplan.modelkit import BaseModel, ValidationError
from opsplan.presets import preset_path
from opsplan.profile import Profile
from opsplan.yamlread import Document, PathKey, parse, read_text

MAX_EXTENDS_DEPTH = 8
MAX_PROBLEMS = 50


def load_profile(path: str | Path, *, lenient_references: bool = False, extends_anywhere: bool = False) -> Profile:
    """Read, merge and validate the profile at ``path``.

    Raise ``InputError`` for a file that cannot be read or parsed and ``ProfileError`` (listing every
    problem with its ``file:line:column`` and field path) for one that does not validate.
    ``lenient_references`` leaves unknown task references for ``opsplan check`` to report;
    ``extends_anywhere`` lets ``extends`` name files outside the profile's folder (see ``load_document``).
    """
    document = load_document(Path(path), extends_anywhere=extends_anywhere)
    return validate_document(document, lenient_references=lenient_references)


def load_document(path: Path, _chain: tuple[Path, ...] = (), *, extends_anywhere: bool = False) -> Document:
    """Read ``path`` and everything it ``extends``, returning the merged document.

    ``extends`` names a preset or a file in the folder of the profile first read (``path``) or below it,
    after following symbolic links; ``extends_anywhere`` (``--allow-extends-outside``) lifts that bound.
    """
    if "\x00" in str(path):
        raise InputError(lmsg("file.nul_name", path=str(path)))
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop, an unreadable folder on the way
        raise InputError(lmsg("file.unreadable", path=path, reason=getattr(exc, "strerror", None) or exc)) from None
    if resolved in _chain:
        cycle = " → ".join(str(p.name) for p in (*_chain, resolved))
        raise InputError(lmsg("extends.cycle", path=path, cycle=cycle))
    if len(_chain) >= MAX_EXTENDS_DEPTH:
        raise InputError(lmsg("extends.depth", path=path, limit=MAX_EXTENDS_DEPTH))
    text, shifts = fix_key_colons(read_text(path))
    document = parse(text, str(path))
    shift_locations(document, shifts)
    if document.data is None:
        raise InputError(lmsg("file.empty", path=path, name=path.name))
    if not isinstance(document.data, dict):
        raise InputError(lmsg("file.not_mapping", where=document.locate(())))
    parent_ref = document.data.pop("extends", None)
    if parent_ref is None:
        return document
    if not isinstance(parent_ref, str) or not parent_ref.strip():
        raise InputError(lmsg("extends.invalid", where=document.locate(("extends",))))
    root = _chain[0].parent if _chain else resolved.parent
    parent_path = _extends_target(parent_ref, path, document, None if extends_anywhere else root)
    parent = load_document(parent_path, (*_chain, resolved), extends_anywhere=extends_anywhere)
    return merge_documents(parent, document)


def _extends_target(ref: str, path: Path, document: Document, root: Path | None) -> Path:
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        where = document.locate(("extends",))
        try:
            target = (path.parent / ref).resolve()
        except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL
            raise InputError(lmsg("extends.loop", where=where, ref=ref)) from None
        if root is not None and not target.is_relative_to(root):
            raise InputError(lmsg("extends.outside", where=where, ref=ref, root=root))
        if not target.is_file():
            raise InputError(lmsg("extends.no_file", where=where, ref=ref, name=path.name))
        return target
    plan = document.data.get("plan")
    locale = plan.get("locale") if isinstance(plan, dict) else None
    found = preset_path(ref, locale if isinstance(locale, str) else None)
    if found is None:
        from difflib import get_close_matches  # only when a name is unknown

        from opsplan.presets import preset_names

        close = get_close_matches(ref, preset_names(), n=2, cutoff=0.5)
        raise InputError(lmsg("extends.unknown", where=document.locate(("extends",)), ref=ref) + did_you_mean(close))
    return found


def merge_documents(parent: Document, child: Document) -> Document:
    """Deep-merge ``child`` over ``parent``: mappings merge, lists and scalars are replaced."""
    replaced: list[PathKey] = []
    data = _merge(parent.data, child.data, (), replaced)

    def kept(path: PathKey) -> bool:
        return not any(path[: len(r)] == r for r in replaced)

    return Document(child.file, data, parent.values.joined(child.values, kept), parent.keys.joined(child.keys, kept))


def _merge(base: Any, over: Any, path: PathKey, replaced: list[PathKey]) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base[key], value, (*path, key), replaced) if key in base else value
        return merged
    replaced.append(path)
    return over


def validate_document(document: Document, *, lenient_references: bool = False) -> Profile:
    """Validate merged ``document`` data into a ``Profile``, mapping errors to file locations.

    Numbers and dates written in the forms ``input_forms`` reads (600万, 30%, 2027年3月1日) are normalised
    first; the readings that could be ambiguous are kept in ``document.notes``. A text field written with
    no value is a gap to fill (``opsplan.gaps``): it gets the gap mark, which ``check`` reports.
    """
    with about_profile(profile_locale(document.data)):
        return _validate(document, lenient_references=lenient_references)


def _validate(document: Document, *, lenient_references: bool) -> Profile:
    fill_gaps(document, Profile, stand_ins=lambda: _number_stand_ins(document.data))
    notes, unread = normalise(document, Profile)
    document.notes = [Problem(document.locate(path), format_path(path), message) for path, message in notes]
    ours = [Problem(document.locate(path), format_path(path), message) for path, message in unread]
    try:
        profile = Profile.model_validate(document.data, context={"lenient_references": lenient_references})
        if ours:
            raise _capped(document, ours, len(ours))
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        said = {problem.field for problem in ours}
        mapped = [_problem(document, err) for err in errors[: MAX_PROBLEMS + len(ours)]]
        found = ours + [problem for problem in mapped if problem.field not in said]
        raise _capped(document, found, len(found) + max(0, len(errors) - len(mapped))) from None
    except (RecursionError, MemoryError):
        raise InputError(lmsg("file.too_large", path=document.file)) from None
    check_timeline_length(profile, document)
    return profile


def _number_stand_ins(data: Any) -> Mapping[PathKey, float]:
    """Return the skeleton's stand-ins for numbers left empty; imported only for a profile that leaves one empty."""
    from opsplan.skeleton import number_stand_ins

    return number_stand_ins(data)


def _capped(document: Document, found: list[Problem], total: int) -> ProfileError:
    """Return a ``ProfileError`` listing the first ``MAX_PROBLEMS`` of ``found`` and how many more there are."""
    problems = found[:MAX_PROBLEMS]
    if total > MAX_PROBLEMS:
        more = total - MAX_PROBLEMS
        problems.append(Problem(Location(document.file), "", lmsg("field.more", more=more)))
    return ProfileError(problems)


_PATH_PREFIX = r"^([a-z_]+(?:\.[a-z_]+|\[\d+\])*): (.*)$"  # compiled by ``re`` when a profile fails to validate


def _problem(document: Document, err: Any) -> Problem:
    loc: PathKey = tuple(p for p in err["loc"] if p != "[key]")
    message: str = err["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    match = re.match(_PATH_PREFIX, message, re.S)
    if match:
        loc, message = parse_path(match.group(1)), match.group(2)
    is_key = err["type"] == "extra_forbidden" or "[key]" in err["loc"]
    message = _our_words(err, loc, message)
    location = document.locate(loc, key=is_key)
    quoted = re.search(r"'([^']+)'", message)
    if quoted and (*loc, quoted.group(1)) in document.keys:
        location = document.keys[(*loc, quoted.group(1))]
    elif quoted:
        items = _data_at(document.data, loc)
        if isinstance(items, list) and quoted.group(1) in items:
            loc = (*loc, items.index(quoted.group(1)))
            location = document.locate(loc)
    return Problem(location, format_path(loc), message)


# the value a field expects, by pydantic's error type: said in our words, never with a model's class name
_EXPECTED: dict[str, str] = {
    "model_type": "expect.mapping",
    "model_attributes_type": "expect.mapping",
    "dict_type": "expect.mapping",
    "list_type": "expect.list",
    "string_type": "expect.text",
    "int_type": "expect.whole",
    "int_parsing": "expect.whole",
    "int_from_float": "expect.whole",
    "float_type": "expect.number",
    "float_parsing": "expect.number",
    "bool_type": "expect.bool",
    "bool_parsing": "expect.bool",
    "date_type": "expect.date",
    "date_parsing": "expect.date",
    "date_from_datetime_parsing": "expect.date",
    "date_from_datetime_inexact": "expect.date",
    "enum": "expect.one_of",
    "literal_error": "expect.one_of",
}
# pydantic's bounds, by error type: the ``ctx`` entry that holds the bound
_BOUNDS = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
    "too_short": "min_length",
    "too_long": "max_length",
    "string_too_short": "min_length",
    "string_too_long": "max_length",
}
_OURS = ("value_error", "assertion_error")  # our validators' own words (in the user's language)


def _our_words(err: Any, loc: PathKey, message: str) -> str:
    """Say a pydantic error in our words: pydantic's own text never reaches the user."""
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input", "")
    if kind == "extra_forbidden":
        return _unknown_key_message(loc)
    if kind == "missing":
        return lmsg("field.missing", key=loc[-1] if loc else "")
    expected = _EXPECTED.get(kind)
    if expected is not None:
        said = lmsg(expected, expected=one_of(str(ctx.get("expected", ""))))
        if value is None:
            return lmsg("field.expected_empty", expected=said)
        return lmsg("field.expected", expected=said, got=_what(value))
    if kind in _BOUNDS:
        sized = kind.startswith(("too_", "string_too")) and hasattr(value, "__len__")
        bound = ctx.get(_BOUNDS[kind], "")
        limit = f"{bound:g}" if isinstance(bound, int | float) else bound
        return lmsg(f"field.{kind}", limit=limit, got=_what(len(value) if sized else _as_number(value)))
    if kind == "finite_number":
        return lmsg("field.finite_number", got=_what(value))
    if kind in _OURS:
        return lmsg("field.empty", message=message) if value is None else message
    return lmsg("field.invalid", got=_what(value))


def _as_number(value: Any) -> Any:
    """Return a number written as text (every scalar is read as text) as the number, anything else as it is."""
    if isinstance(value, str):
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return value
    return value


def _what(value: Any) -> str:
    """Describe the value a user wrote, for a message that says what was expected instead."""
    if isinstance(value, bool):
        return lmsg("got.bool", value=str(value).lower())
    if isinstance(value, int | float):
        return lmsg("got.number", value=f"{value:g}")
    if isinstance(value, str):
        return lmsg("got.text", value=value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, list):
        return lmsg("got.list")
    if isinstance(value, dict):
        return lmsg("got.mapping")
    return lmsg("got.other")


def _data_at(data: Any, loc: PathKey) -> Any:
    """Return the value at ``loc`` in plain ``data``, or None when the path is not there."""
    for part in loc:
        in_list = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        if not (in_list or (isinstance(part, str) and isinstance(data, dict) and part in data)):
            return None
        data = data[part]
    return data


def _unknown_key_message(loc: PathKey) -> str:
    allowed = _fields_at(loc[:-1])
    key = str(loc[-1])
    from difflib import get_close_matches  # only when a name is unknown

    close = get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return lmsg("field.unknown_key_close", key=key, close=close[0])
    if allowed:
        return lmsg("field.unknown_key_allowed", key=key, allowed=", ".join(allowed))
    return lmsg("field.unknown_key", key=key)


def _fields_at(loc: PathKey) -> list[str]:
    """Return the field names of the model found at ``loc`` in ``Profile`` (empty if not a model)."""
    annotation: Any = Profile
    for part in loc:
        annotation = _unwrap(annotation, list_item=isinstance(part, int))
        if isinstance(part, str) and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return []
            annotation = field.annotation
        elif isinstance(part, str):
            args = typing.get_args(annotation)
            annotation = args[1] if len(args) == 2 else None
    annotation = _unwrap(annotation, list_item=False)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any, *, list_item: bool) -> Any:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _unwrap(args[0], list_item=list_item)
    if origin is typing.Annotated:
        return _unwrap(args[0], list_item=list_item)
    if list_item and origin is list and args:
        return args[0]
    return annotation


def format_path(loc: PathKey) -> str:
    """Format a field path as ``timeline.phases[2].tasks[0].weeks``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_path(text: str) -> PathKey:
    """Parse ``timeline.phases[2].weeks`` back into a path tuple."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([a-z_]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)
